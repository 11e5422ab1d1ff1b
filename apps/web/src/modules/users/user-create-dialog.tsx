import { userCreate } from '@hangbiao/shared/contracts/users';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Select } from 'antd';
import { fieldRules, ListField, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { MemberSelect } from '../members/transfer-pickers';
import { roleOptions } from './role-tags';
import { userApi, userKeys } from './user-queries';

const rules = fieldRules(userCreate);

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}

export function UserCreateDialog({ open, onClose, onCreated }: Props) {
  return (
    <FormDialog title="新建用户" open={open} onClose={onClose} width={600}>
      <UserCreateForm onClose={onClose} onCreated={onCreated} />
    </FormDialog>
  );
}

function UserCreateForm({ onClose, onCreated }: Omit<Props, 'open'>) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(userCreate);

  const create = useMutation({
    mutationFn: userApi.create,
    onSuccess: async (created) => {
      client.setQueryData(userKeys.detail(created.id), created);
      await client.invalidateQueries({ queryKey: ['users', 'list'] });
      void message.success(`已新建用户 ${created.username}，首次登录须修改密码`);
      onCreated(created.id);
    },
    onError: form.fail,
  });

  return (
    <ZodForm form={form} mutation={create} initialValues={{ roles: [] }}>
      <Form.Item name="username" label="用户名" rules={rules('username')} extra="小写字母、数字和 _ . -，登录时使用">
        <Input autoComplete="off" maxLength={40} />
      </Form.Item>
      <Form.Item name="displayName" label="姓名" rules={rules('displayName')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="password" label="初始密码" rules={rules('password')} extra="至少 10 位，须包含字母和数字；用户首次登录后须修改">
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="memberId" label="关联党员" extra="本人的党员信息：登录后据此签到、查看本人的组织生活和党费">
        <MemberSelect />
      </Form.Item>
      <ListField name="roles" label="角色与组织范围" newRow={{ role: 'org_admin' }} addText="添加角色" max={10}>
        {(field, index) => (
          <>
            <Form.Item name={[field.name, 'role']} style={{ width: 150, marginBottom: 0 }} rules={[{ required: true, message: '请选择角色' }]}>
              <Select aria-label={`角色 ${index + 1}`} options={roleOptions} placeholder="角色" />
            </Form.Item>
            <Form.Item name={[field.name, 'orgId']} style={{ flex: 1, marginBottom: 0 }} rules={[{ required: true, message: '请选择组织范围' }]}>
              <OrgPicker aria-label={`角色 ${index + 1} 的组织范围`} placeholder="组织范围" />
            </Form.Item>
          </>
        )}
      </ListField>
      <DialogFooter onCancel={onClose} submitText="新建" loading={create.isPending} />
    </ZodForm>
  );
}
