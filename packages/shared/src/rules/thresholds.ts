import type { OrgKind } from '../glossary';
import type { Effective } from './effective';

/** What an org is measured by when its set-up is checked. */
export type OrgMetric = 'fullMembers' | 'members' | 'coveredUnits' | 'committeeSize';

export interface ThresholdRule extends Effective {
  key: string;
  orgKind: OrgKind;
  metric: OrgMetric;
  min?: number;
  max?: number;
  /** `block` where the text says 应当 (must), `warn` where it says 一般 (usually). */
  severity: 'block' | 'warn';
  /** Only when the org has at least this many full members (e.g. a branch committee from 7). */
  whenFullMembersAtLeast?: number;
  message: string;
}

const branchRule = '中国共产党支部工作条例（试行）(2018) 第五条、第八条';
const organRule = '党和国家机关基层组织工作条例 (2019) 第七条';

export const thresholdRules: readonly ThresholdRule[] = [
  {
    key: 'branch.minFull',
    orgKind: 'branch',
    metric: 'fullMembers',
    min: 3,
    severity: 'block',
    effectiveFrom: '2018-10-28',
    source: branchRule,
    message: '正式党员 3 人以上的，应当成立党支部',
  },
  {
    key: 'branch.maxMembers',
    orgKind: 'branch',
    metric: 'members',
    max: 50,
    severity: 'warn',
    effectiveFrom: '2018-10-28',
    source: branchRule,
    message: '党支部党员人数一般不超过 50 人',
  },
  {
    key: 'branch.committeeSize',
    orgKind: 'branch',
    metric: 'committeeSize',
    min: 3,
    max: 7,
    whenFullMembersAtLeast: 7,
    severity: 'block',
    effectiveFrom: '2018-10-28',
    source: branchRule,
    message: '正式党员 7 人以上的党支部应当设立支部委员会，委员 3 至 5 人，一般不超过 7 人',
  },
  {
    key: 'jointBranch.minUnits',
    orgKind: 'jointBranch',
    metric: 'coveredUnits',
    min: 2,
    severity: 'block',
    effectiveFrom: '2018-10-28',
    source: branchRule,
    message: '联合党支部应当覆盖 2 个以上单位',
  },
  {
    key: 'jointBranch.maxUnits',
    orgKind: 'jointBranch',
    metric: 'coveredUnits',
    max: 5,
    severity: 'warn',
    effectiveFrom: '2018-10-28',
    source: branchRule,
    message: '联合党支部覆盖单位一般不超过 5 个',
  },
  {
    key: 'generalBranch.minMembers',
    orgKind: 'generalBranch',
    metric: 'members',
    min: 50,
    severity: 'warn',
    effectiveFrom: '2019-04-01',
    source: organRule,
    message: '党员 50 人以上的，一般设立党总支',
  },
  {
    key: 'unitCommittee.minMembers',
    orgKind: 'unitCommittee',
    metric: 'members',
    min: 100,
    severity: 'warn',
    effectiveFrom: '2019-04-01',
    source: organRule,
    message: '党员 100 人以上的，一般设立机关党委（不足 100 人的需经批准）',
  },
];

export type OrgMetrics = Partial<Record<OrgMetric, number>>;

export interface ThresholdFinding {
  rule: string;
  severity: 'block' | 'warn';
  message: string;
  source: string;
}

/** The rules in force on `on` for this kind that the metrics break; metrics not given are not judged. */
export function checkThresholds(kind: OrgKind, metrics: OrgMetrics, on: string): ThresholdFinding[] {
  const latest = new Map<string, ThresholdRule>();
  for (const rule of thresholdRules) {
    if (rule.orgKind !== kind || rule.effectiveFrom > on) continue;
    const seen = latest.get(rule.key);
    if (!seen || rule.effectiveFrom > seen.effectiveFrom) latest.set(rule.key, rule);
  }
  const findings: ThresholdFinding[] = [];
  for (const rule of latest.values()) {
    const value = metrics[rule.metric];
    if (value === undefined) continue;
    if (rule.whenFullMembersAtLeast !== undefined && (metrics.fullMembers ?? 0) < rule.whenFullMembersAtLeast) continue;
    const broken = (rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max);
    if (broken) findings.push({ rule: rule.key, severity: rule.severity, message: `${rule.message}（当前 ${value}）`, source: rule.source });
  }
  return findings;
}
