import type { Transfer } from '@hangbiao/shared/contracts/transfers';
import type { MemberStatus } from '@hangbiao/shared/glossary';
import { transferableStatuses } from '@hangbiao/shared/rules';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Table } from 'antd';
import { useState } from 'react';
import { useCan } from '../../app/session';
import { ErrorAlert } from '../../components/error-display';
import { memberTransfersQuery } from './transfer-queries';
import { StartTransferDialog } from './transfer-start-dialog';
import { transferColumns, transferExpandable } from './transfer-table';

const columns = transferColumns({ withMember: false });

/**
 * 组织关系转接 on a member's page: every transfer of the member the caller may see, with the steps open to them,
 * and the start of a new one while none is under way.
 */
export function MemberTransfersTab({ member }: { member: { id: string; name: string; status: MemberStatus } }) {
  const can = useCan();
  const transfers = useQuery(memberTransfersQuery(member.id));
  const [starting, setStarting] = useState(false);
  const underWay = transfers.data?.items.some((t) => t.state === 'pending') ?? true;
  const startable = can('members.write') && transferableStatuses.includes(member.status) && !underWay;

  return (
    <Flex vertical gap={12}>
      {startable && (
        <Flex justify="end">
          <Button type="primary" onClick={() => setStarting(true)}>
            发起组织关系转接
          </Button>
        </Flex>
      )}
      {transfers.isError && <ErrorAlert error={transfers.error} onRetry={() => void transfers.refetch()} />}
      <Table<Transfer>
        size="small"
        rowKey="id"
        columns={columns}
        expandable={transferExpandable}
        dataSource={transfers.data?.items ?? []}
        loading={transfers.isPending}
        pagination={false}
        locale={{ emptyText: '暂无组织关系转接记录' }}
        scroll={{ x: 'max-content' }}
      />
      {startable && <StartTransferDialog open={starting} onClose={() => setStarting(false)} member={member} />}
    </Flex>
  );
}
