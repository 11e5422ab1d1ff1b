import { type Member, memberStatusChange, memberStatusChanges } from '@hangbiao/shared/contracts/members';
import { exitKinds, memberStatuses } from '@hangbiao/shared/glossary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { label, optionsOf } from './member-labels';
import { memberApi, refreshAfterWrite } from './member-queries';

const rules = fieldRules(memberStatusChange);

/** 党籍状态变更: only the changes the rules allow from the current status are offered. */
export function MemberStatusDialog({ member, open, onClose }: { member: Member; open: boolean; onClose: () => void }) {
  return (
    <FormDialog title={`党籍状态变更 · ${member.name}`} open={open} onClose={onClose}>
      <MemberStatusForm member={member} onClose={onClose} />
    </FormDialog>
  );
}

function MemberStatusForm({ member, onClose }: { member: Member; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(memberStatusChange);
  const status = Form.useWatch('status', form.form);
  // Cancelling probation (取消预备党员资格) concerns probationary members only.
  const exits = exitKinds.keys.filter((kind) => kind !== 'probationCancelled' || member.category === 'probationary');

  const save = useMutation({
    mutationFn: (input: Parameters<typeof memberApi.changeStatus>[1]) => memberApi.changeStatus(member.id, input),
    onSuccess: async (saved) => {
      await refreshAfterWrite(client, saved);
      void message.success(`已变更为“${memberStatuses.label(saved.status)}”`);
      onClose();
    },
    onError: form.fail,
  });

  return (
    <ZodForm form={form} mutation={save} toInput={(values) => ({ ...values, version: member.version })} initialValues={{ occurredOn: dayjs() }}>
      <Form.Item label="当前状态">
        {memberStatuses.label(member.status)}（{member.statusSince} 起）
      </Form.Item>
      <Form.Item name="status" label="变更为" rules={rules('status')}>
        <Select options={optionsOf(memberStatuses, memberStatusChanges[member.status])} />
      </Form.Item>
      <Form.Item name="occurredOn" label="变更日期" rules={rules('occurredOn')}>
        <DatePicker style={{ width: '100%' }} disabledDate={(date) => date.isAfter(dayjs(), 'day') || date.isBefore(dayjs(member.statusSince), 'day')} />
      </Form.Item>
      {status === 'left' && (
        <Form.Item name="exitKind" preserve={false} label={label('exitKind')} rules={[{ required: true, message: '出党须注明方式' }]}>
          <Select options={optionsOf(exitKinds, exits)} />
        </Form.Item>
      )}
      {status === 'mobile' && (
        <Form.Item name="mobileDestination" preserve={false} label={label('mobileDestination')} rules={[{ required: true, message: '流动党员须填写外出地点' }]}>
          <Input maxLength={200} placeholder="如：广东省深圳市" />
        </Form.Item>
      )}
      <Form.Item name="note" label="说明" rules={rules('note')}>
        <Input.TextArea rows={2} maxLength={200} showCount />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText="确认变更" loading={save.isPending} danger={status === 'left' || status === 'deceased'} />
    </ZodForm>
  );
}
