import { addDays } from '../dates';
import {
  type MemberStatus,
  type TransferAction,
  type TransferKind,
  type TransferSide,
  type TransferState,
  transferActions,
  transferKinds,
  transferStates,
} from '../glossary';
import { type Effective, ruleOn } from './effective';

/** The numbers of 组织关系转接 (DOMAIN §2) that localities and revisions change. */
export type TransferRuleKey =
  /** How long a letter (介绍信) stays valid after it is issued; the member must report within it. */
  | 'letterValidityDays'
  /** How long after issuing a letter its receipt (回执) is expected back. */
  | 'receiptDays'
  /** How long the receiving branch has to accept or reject a transfer within the system. */
  | 'internalPendingDays'
  /** How long before a deadline a transfer shows as coming up (即将办理). */
  | 'reminderDays'
  /** Away this long at a fixed place, a member must move the relationship there. */
  | 'awayMonths';

export interface TransferRule extends Effective {
  key: TransferRuleKey;
  value: number;
  /** What the number is, for people reading a deadline's basis. */
  label: string;
}

const educationRule = '中国共产党党员教育管理工作条例 (2019) 第五章';
const local = '本地规定（可调整）';

export const transferRules: readonly TransferRule[] = [
  {
    key: 'letterValidityDays',
    value: 90,
    label: '介绍信有效期',
    effectiveFrom: '2019-05-06',
    source: `${educationRule}：组织关系介绍信有效期一般不超过 3 个月`,
  },
  { key: 'receiptDays', value: 120, label: '回执期限（自开具日起）', effectiveFrom: '2019-05-06', source: `${local}：介绍信有效期满后 30 日内退回回执` },
  {
    key: 'internalPendingDays',
    value: 15,
    label: '接收期限（自发起日起）',
    effectiveFrom: '2019-05-06',
    source: `${local}：系统内转接，转入党组织应在 15 日内接收或退回`,
  },
  { key: 'reminderDays', value: 15, label: '提前提醒', effectiveFrom: '2019-05-06', source: `${local}：期限届满前 15 日提醒` },
  {
    key: 'awayMonths',
    value: 6,
    label: '外出时长',
    effectiveFrom: '2019-05-06',
    source: `${educationRule}：外出 6 个月以上且地点相对固定的，应当转移组织关系`,
  },
];

export function transferRule(key: TransferRuleKey, on: string): TransferRule | undefined {
  return ruleOn(transferRules, on, (r) => r.key === key);
}

/** A rule as people read it: 介绍信有效期 90 日（source）. */
export function describeTransferRule(rule: TransferRule): string {
  return `${rule.label} ${rule.value} ${rule.key.endsWith('Months') ? '个月' : '日'}（${rule.source}）`;
}

/** Which rule sets a transfer's deadline: the receiving branch's answer, the receipt, or the letter's validity. */
export const deadlineRuleOf: Record<TransferKind, TransferRuleKey> = {
  internal: 'internalPendingDays',
  outbound: 'receiptDays',
  inbound: 'letterValidityDays',
};

/** A transfer's deadline by the rule in force on the day it was issued, or undefined before any rule applied. */
export function transferDeadline(kind: TransferKind, issuedOn: string): { deadline: string; rule: TransferRule } | undefined {
  const rule = transferRule(deadlineRuleOf[kind], issuedOn);
  return rule && { deadline: addDays(issuedOn, rule.value), rule };
}

/** The same day `months` later (earlier when negative); a day the month lacks falls back to its last day. */
export function monthsAfter(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Members whose relationship may be moved: those in the registry who can be reached. */
export const transferableStatuses: readonly MemberStatus[] = ['active', 'mobile'];

export interface TransferTransition {
  kind: TransferKind;
  action: TransferAction;
  from: TransferState;
  to: TransferState;
  side: TransferSide;
}

/**
 * Every allowed step. Within the system the destination accepts or rejects and the source may withdraw while it waits;
 * a letter out of the system ends with its receipt; a letter from outside ends when the member is registered.
 */
export const transferTransitions: readonly TransferTransition[] = [
  { kind: 'internal', action: 'accept', from: 'pending', to: 'completed', side: 'destination' },
  { kind: 'internal', action: 'reject', from: 'pending', to: 'rejected', side: 'destination' },
  { kind: 'internal', action: 'cancel', from: 'pending', to: 'cancelled', side: 'source' },
  { kind: 'outbound', action: 'receipt', from: 'pending', to: 'completed', side: 'source' },
  { kind: 'outbound', action: 'cancel', from: 'pending', to: 'cancelled', side: 'source' },
  { kind: 'inbound', action: 'register', from: 'pending', to: 'completed', side: 'destination' },
  { kind: 'inbound', action: 'reject', from: 'pending', to: 'rejected', side: 'destination' },
];

/** The side that starts each kind: the source within the system and out of it, the destination of a letter in. */
export const startingSide: Record<TransferKind, TransferSide> = { internal: 'source', outbound: 'source', inbound: 'destination' };

/** The side whose step finishes each kind: the inbox's 待办 is what waits for it. */
export const finishingSide = Object.fromEntries(transferTransitions.filter((t) => t.to === 'completed').map((t) => [t.kind, t.side])) as Record<
  TransferKind,
  TransferSide
>;

/** The side that may take `action` on a transfer of `kind`, or undefined when the kind has no such action. */
export function actionSide(kind: TransferKind, action: TransferAction): TransferSide | undefined {
  return transferTransitions.find((t) => t.kind === kind && t.action === action)?.side;
}

export type TransitionResult = { ok: true; transition: TransferTransition } | { ok: false; message: string };

/** Whether `action` may be taken on a transfer of `kind` in `state`, with the reason when not. */
export function transferTransition(kind: TransferKind, state: TransferState, action: TransferAction): TransitionResult {
  const transition = transferTransitions.find((t) => t.kind === kind && t.action === action);
  if (!transition) return { ok: false, message: `${transferKinds.label(kind)}不适用“${transferActions.label(action)}”` };
  if (transition.from !== state) return { ok: false, message: `该转接${transferStates.label(state)}，不能再${transferActions.label(action)}` };
  return { ok: true, transition };
}

/** The actions open on a transfer to someone acting for `sides`. */
export function openActions(kind: TransferKind, state: TransferState, sides: readonly TransferSide[]): TransferAction[] {
  return transferTransitions.filter((t) => t.kind === kind && t.from === state && sides.includes(t.side)).map((t) => t.action);
}
