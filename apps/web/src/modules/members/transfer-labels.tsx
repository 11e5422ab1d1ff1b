import type { Transfer } from '@hangbiao/shared/contracts/transfers';
import { type TransferKind, type TransferState, transferKinds, transferReasons, transferStates } from '@hangbiao/shared/glossary';
import { Descriptions, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { optionsOf } from './member-labels';

const kindColors: Record<TransferKind, string> = { internal: 'blue', outbound: 'purple', inbound: 'cyan' };
const stateColors: Record<TransferState, string> = { pending: 'processing', completed: 'success', rejected: 'error', cancelled: 'default' };

export function TransferKindTag({ kind }: { kind: TransferKind }) {
  return (
    <Tag color={kindColors[kind]} variant="outlined">
      {transferKinds.label(kind)}
    </Tag>
  );
}

/** The state, named as each kind's last step is known: accepted, receipt back, registered. */
export function TransferStateTag({ transfer }: { transfer: Pick<Transfer, 'kind' | 'state'> }) {
  const finished = { internal: '已接收', outbound: '回执已收', inbound: '已登记入册' }[transfer.kind];
  return <Tag color={stateColors[transfer.state]}>{transfer.state === 'completed' ? finished : transferStates.label(transfer.state)}</Tag>;
}

export const kindOptions = optionsOf(transferKinds);
export const stateOptions = optionsOf(transferStates);
export const reasonOptions = optionsOf(transferReasons);

/** Where the member leaves from and goes to; an org outside the system is shown by its name. */
export const fromText = (t: Transfer) => t.fromOrgName ?? t.outsideOrgName ?? '—';
export const toText = (t: Transfer) => t.toOrgName ?? t.outsideOrgName ?? '—';

/** The deadline, with days left or overdue while the transfer is pending. */
export function DeadlineText({ transfer }: { transfer: Transfer }) {
  if (transfer.timing === null) return <>{transfer.deadline}</>;
  const days = dayjs(transfer.deadline).startOf('day').diff(dayjs().startOf('day'), 'day');
  if (transfer.timing === 'overdue') return <Typography.Text type="danger">{`${transfer.deadline}（已逾期 ${-days} 天）`}</Typography.Text>;
  if (transfer.timing === 'dueSoon') return <Typography.Text type="warning">{`${transfer.deadline}（还有 ${days} 天）`}</Typography.Text>;
  return <>{transfer.deadline}</>;
}

const finishedOn: Record<TransferKind, string> = { internal: '接收日期', outbound: '回执日期', inbound: '登记日期' };
const endedOn: Record<Exclude<TransferState, 'completed'>, string> = { pending: '办结日期', rejected: '退回日期', cancelled: '撤销日期' };

/** Everything recorded about one transfer, for its expanded row. */
export function TransferDetails({ transfer: t }: { transfer: Transfer }) {
  const letter = t.kind !== 'internal';
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 3 }}
      items={[
        { key: 'reason', label: '转接原因', children: transferReasons.label(t.reason) },
        ...(letter ? [{ key: 'letter', label: '介绍信编号', children: t.letterNumber ?? '—' }] : []),
        { key: 'issued', label: letter ? '介绍信开具日期' : '发起日期', children: t.issuedOn },
        ...(t.kind === 'inbound' ? [{ key: 'arrived', label: '报到日期', children: t.arrivedOn ?? '—' }] : []),
        { key: 'deadline', label: '办理期限', children: <DeadlineText transfer={t} /> },
        { key: 'rule', label: '期限依据', span: 2, children: t.deadlineRule || '—' },
        {
          key: 'ended',
          label: t.state === 'completed' ? finishedOn[t.kind] : endedOn[t.state],
          children: t.endedOn ?? '—',
        },
        ...(t.endReason ? [{ key: 'endReason', label: t.state === 'rejected' ? '退回原因' : '撤销原因', children: t.endReason }] : []),
        { key: 'by', label: '经办人', children: t.createdByName ?? '—' },
        ...(t.note ? [{ key: 'note', label: '备注', children: t.note }] : []),
      ]}
    />
  );
}
