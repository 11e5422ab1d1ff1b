import { type Member, memberUpdate } from '@hangbiao/shared/contracts/members';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { fillFromIdNumber, formDates, MemberFields } from './member-fields';
import { memberApi, refreshAfterWrite } from './member-queries';

const editableKeys = Object.keys(memberUpdate.shape).filter((key): key is keyof Member => key !== 'version');

/** 编辑党员信息: the whole record is sent with the version it was read at; a stale one is refused and said so. */
export function MemberEditDialog({ member, open, onClose }: { member: Member; open: boolean; onClose: () => void }) {
  return (
    <FormDialog title={`编辑 · ${member.name}`} open={open} onClose={onClose} width={720}>
      <MemberEditForm member={member} onClose={onClose} />
    </FormDialog>
  );
}

function MemberEditForm({ member, onClose }: { member: Member; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(memberUpdate);

  const save = useMutation({
    mutationFn: (input: Parameters<typeof memberApi.update>[1]) => memberApi.update(member.id, input),
    onSuccess: async (saved) => {
      await refreshAfterWrite(client, saved);
      void message.success('已保存');
      onClose();
    },
    onError: form.fail,
  });

  const editable = Object.fromEntries(editableKeys.map((key) => [key, member[key]]));

  return (
    <ZodForm
      form={form}
      mutation={save}
      toInput={(values) => ({ ...values, version: member.version })}
      initialValues={{ ...editable, ...formDates(member) }}
      onValuesChange={(changed) => fillFromIdNumber(form.form, changed)}
    >
      <MemberFields showFullOn={member.category === 'full'} />
      <DialogFooter onCancel={onClose} submitText="保存" loading={save.isPending} />
    </ZodForm>
  );
}
