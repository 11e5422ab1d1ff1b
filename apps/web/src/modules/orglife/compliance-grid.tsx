import type { ComplianceMatrix, ComplianceRow } from '@hangbiao/shared/contracts/compliance';
import { type ComplianceStatus, complianceStatuses, meetingKinds, orgKinds } from '@hangbiao/shared/glossary';
import { complianceRate, periodLabel, periodOfKey } from '@hangbiao/shared/rules/orglife';
import { Flex, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import './compliance-grid.css';

/** Which status a month shows when several requirements fall due in it: the one that most needs attention. */
const urgency: Record<ComplianceStatus, number> = { notApplicable: 0, exempt: 1, met: 2, pending: 3, dueSoon: 4, overdue: 5, missed: 6 };

interface MonthCell {
  status: ComplianceStatus;
  held: number;
  required: number;
  lines: string[];
}

/** One line per requirement falling due in a month, as the tooltip shows it. */
function lineOf(kind: keyof typeof meetingKinds.table, key: string, status: ComplianceStatus, required: number, held: number) {
  const head = `${meetingKinds.label(kind)} ${periodLabel(periodOfKey(key))}`;
  if (status === 'exempt') return `${head}：已豁免`;
  return `${head}：应开 ${required} 次，实开 ${held} 次（${complianceStatuses.label(status)}）`;
}

const cellCache = new WeakMap<ComplianceRow, Map<string, MonthCell>>();

/** The cells of a row by the month they fall due in (a quarter in its last month, a year in December). */
function monthCellsOf(row: ComplianceRow, periods: ComplianceMatrix['periods']): Map<string, MonthCell> {
  const cached = cellCache.get(row);
  if (cached) return cached;
  const months = new Map<string, MonthCell>();
  cellCache.set(row, months);
  for (const series of row.series) {
    periods[series.period].forEach((key, i) => {
      const status = series.statuses[i] as ComplianceStatus;
      if (status === 'notApplicable') return;
      const month = periodOfKey(key).to.slice(0, 7);
      const required = series.required[i] ?? 0;
      const held = series.held[i] ?? 0;
      const cell = months.get(month) ?? { status: 'notApplicable', held: 0, required: 0, lines: [] };
      if (urgency[status] > urgency[cell.status]) cell.status = status;
      cell.held += Math.min(held, required);
      cell.required += required;
      cell.lines.push(lineOf(series.kind, key, status, required, held));
      months.set(month, cell);
    });
  }
  return months;
}

export function StatusSwatch({ status, children }: { status: ComplianceStatus; children?: ReactNode }) {
  return <span className={`hb-cc hb-cc-${status}${children === undefined ? ' hb-cc-legend' : ''}`}>{children}</span>;
}

export function ComplianceLegend() {
  const shown: ComplianceStatus[] = ['met', 'dueSoon', 'overdue', 'missed', 'pending', 'exempt'];
  return (
    <Flex gap={16} wrap>
      {shown.map((status) => (
        <Typography.Text key={status} type="secondary">
          <StatusSwatch status={status} />
          {complianceStatuses.label(status)}
        </Typography.Text>
      ))}
    </Flex>
  );
}

export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** Columns of the heatmap: the org (indented by depth), one per month of the range, and its completion rate. */
export function gridColumns(matrix: ComplianceMatrix | undefined, onOpen: (orgId: string) => void): ColumnsType<ComplianceRow> {
  const months = matrix?.periods.month ?? [];
  const minDepth = Math.min(...(matrix?.items.map((r) => r.depth) ?? [0]));
  return [
    {
      key: 'org',
      title: '党组织',
      fixed: 'left',
      width: 280,
      render: (_, row) => (
        <Flex vertical style={{ paddingInlineStart: (row.depth - minDepth) * 14 }}>
          <Typography.Link onClick={() => onOpen(row.orgId)}>{row.name}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {orgKinds.label(row.kind)}
            {row.dissolvedOn ? ` · ${row.dissolvedOn} 撤销` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    ...months.map((month) => ({
      key: month,
      title: `${Number(month.slice(5, 7))}月`,
      width: 64,
      align: 'center' as const,
      render: (_: unknown, row: ComplianceRow) => {
        const cell = monthCellsOf(row, matrix?.periods ?? { month: [], quarter: [], year: [] }).get(month);
        if (!cell) return <span className="hb-cc hb-cc-notApplicable" />;
        return (
          <Tooltip title={cell.lines.map((line) => <div key={line}>{line}</div>)}>
            <button type="button" className={`hb-cc hb-cc-${cell.status}`} style={{ width: '100%' }} onClick={() => onOpen(row.orgId)}>
              {cell.status === 'exempt' ? '免' : `${cell.held}/${cell.required}`}
            </button>
          </Tooltip>
        );
      },
    })),
    {
      key: 'rate',
      title: '完成率',
      width: 90,
      align: 'right',
      render: (_, row) => percent(complianceRate(row.counts)),
    },
  ];
}
