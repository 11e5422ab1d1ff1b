import { changePasswordBody } from '@hangbiao/shared/contracts/auth';
import { ok } from '@hangbiao/shared/contracts/common';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input } from 'antd';
import type { z } from 'zod';
import { api } from './api';
import { fieldRules, useZodForm, ZodForm } from './forms';
import { meKey } from './query-client';

const rules = fieldRules(changePasswordBody);

export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(changePasswordBody);

  const change = useMutation({
    mutationFn: (input: z.output<typeof changePasswordBody>) => api.post('/api/auth/password', ok, input),
    onSuccess: async () => {
      // The session (and its mustChangePassword flag) may have changed; read it again.
      await client.invalidateQueries({ queryKey: meKey });
      void message.success('密码已修改');
      form.reset();
      onChanged?.();
    },
    onError: form.fail,
  });

  return (
    <ZodForm
      form={form}
      mutation={change}
      // The confirmation is checked by its own rule and is not part of the request.
      toInput={(values) => ({ currentPassword: values.currentPassword, newPassword: values.newPassword })}
    >
      <Form.Item name="currentPassword" label="当前密码" rules={rules('currentPassword')}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label="新密码" rules={rules('newPassword')} extra="至少 10 位，须包含字母和数字">
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label="确认新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending} block>
        修改密码
      </Button>
    </ZodForm>
  );
}
