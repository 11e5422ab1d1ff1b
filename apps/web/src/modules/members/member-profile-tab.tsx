import { type Member, memberStatusChanges } from '@hangbiao/shared/contracts/members';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorText } from '../../app/api';
import { useCan } from '../../app/session';
import { MemberEditDialog } from './member-edit-dialog';
import { MemberFacts } from './member-labels';
import { memberApi, memberKeys, refreshAfterWrite } from './member-queries';
import { MemberStatusDialog } from './member-status-dialog';

type Dialog = 'edit' | 'status';

/** 基本信息: the record, and for those who keep the register its edit, status change and removal. */
export function MemberProfileTab({ member }: { member: Member }) {
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // Editing needs the record in full: a masked ID number could not be sent back.
  const writable = can('members.write') && member.unmasked;
  const close = () => setDialog(null);

  return (
    <Flex vertical gap={12}>
      {writable && (
        <Flex gap={8} wrap>
          <Button type="primary" data-testid="member-edit" onClick={() => setDialog('edit')}>
            编辑
          </Button>
          {memberStatusChanges[member.status].length > 0 && <Button onClick={() => setDialog('status')}>党籍状态变更</Button>}
          <DeleteMemberButton member={member} />
        </Flex>
      )}
      <MemberFacts member={member} linkOrg />
      {writable && (
        <>
          <MemberEditDialog member={member} open={dialog === 'edit'} onClose={close} />
          <MemberStatusDialog member={member} open={dialog === 'status'} onClose={close} />
        </>
      )}
    </Flex>
  );
}

function DeleteMemberButton({ member }: { member: Member }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () => memberApi.remove(member.id),
    onSuccess: async () => {
      void message.success(`已删除“${member.name}”`);
      // Leave the deleted record first, so refreshing does not refetch it into an error.
      void navigate('/members');
      client.removeQueries({ queryKey: memberKeys.detail(member.id) });
      await refreshAfterWrite(client);
    },
    onError: (error) => message.error(errorText(error)),
  });

  return (
    <Popconfirm
      title="删除该党员记录？"
      description="仅用于删除误录的记录；出党、去世等请使用“党籍状态变更”，以保留历史。"
      okText="删除"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onConfirm={() => remove.mutateAsync().catch(() => undefined)}
    >
      <Button danger loading={remove.isPending}>
        删除
      </Button>
    </Popconfirm>
  );
}
