import type { IndicatorDefinition } from '@hangbiao/shared/contracts/indicators';

export const aggregationLabels: Record<IndicatorDefinition['aggregation'], string> = {
  count: '计数',
  distinctCount: '去重计数',
  sum: '求和',
  rate: '比率',
  personTimes: '人次',
};

/** A figure as people read it: thousands grouped, at most two decimals. */
export const figureText = (value: number) => value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** A record's cell; a missing value shows as a dash. */
export const cellText = (value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? '—' : String(value));
