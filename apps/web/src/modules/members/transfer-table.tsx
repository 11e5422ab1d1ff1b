import type { Transfer } from '@hangbiao/shared/contracts/transfers';
import type { TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { TransferActions } from './transfer-actions';
import { DeadlineText, fromText, TransferDetails, TransferKindTag, TransferStateTag, toText } from './transfer-labels';

const memberColumn: ColumnsType<Transfer>[number] = {
  key: 'person',
  title: '党员',
  render: (_, t) => (t.memberId ? <Link to={`/members/${t.memberId}`}>{t.personName}</Link> : t.personName),
};

/** The columns of every transfer list; the member page leaves out the member. */
export function transferColumns({ withMember }: { withMember: boolean }): ColumnsType<Transfer> {
  return [
    ...(withMember ? [memberColumn] : []),
    { key: 'kind', title: '类型', render: (_, t) => <TransferKindTag kind={t.kind} /> },
    { key: 'from', title: '转出', render: (_, t) => fromText(t) },
    { key: 'to', title: '转入', render: (_, t) => toText(t) },
    { key: 'issuedOn', title: '发起/开具日期', dataIndex: 'issuedOn' },
    { key: 'deadline', title: '办理期限', render: (_, t) => <DeadlineText transfer={t} /> },
    { key: 'state', title: '状态', render: (_, t) => <TransferStateTag transfer={t} /> },
    { key: 'actions', title: '操作', render: (_, t) => <TransferActions transfer={t} /> },
  ];
}

/** A row opens to everything recorded about its transfer. */
export const transferExpandable: TableProps<Transfer>['expandable'] = { expandedRowRender: (t) => <TransferDetails transfer={t} /> };
