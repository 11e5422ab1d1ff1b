import type { MeetingKind, MemberStatus } from '../glossary';
import { type Effective, ruleOn } from './effective';

export interface MeetingRecordRule extends Effective {
  kind: MeetingKind;
  /**
   * Who is expected: every member of the org and the orgs under it (a branch general meeting: all members of the
   * branch), or only the people the administrator lists (a central study group, the two sides of a talk).
   */
  attendees: 'members' | 'listed';
  /** The record must open with the first agenda item (第一议题: studying the latest important speeches). */
  firstTopicRequired: boolean;
}

const branchRule = '中国共产党支部工作条例（试行）(2018) 第十一条至第十三条';
const centralGroupRule = '中国共产党党委（党组）理论学习中心组学习规则 (2017，2024 修订)';
/** Which kinds must open with the first agenda item is set locally (第一议题制度). */
const firstTopicNote = '；第一议题按本地规定';

export const meetingRecordRules: readonly MeetingRecordRule[] = [
  { kind: 'generalMeeting', attendees: 'members', firstTopicRequired: true, effectiveFrom: '2018-10-28', source: branchRule + firstTopicNote },
  { kind: 'committeeMeeting', attendees: 'members', firstTopicRequired: true, effectiveFrom: '2018-10-28', source: branchRule + firstTopicNote },
  { kind: 'groupMeeting', attendees: 'members', firstTopicRequired: false, effectiveFrom: '2018-10-28', source: branchRule },
  { kind: 'partyLecture', attendees: 'members', firstTopicRequired: false, effectiveFrom: '2018-10-28', source: branchRule },
  { kind: 'themeDay', attendees: 'members', firstTopicRequired: false, effectiveFrom: '2018-10-28', source: branchRule },
  { kind: 'orgLifeMeeting', attendees: 'members', firstTopicRequired: false, effectiveFrom: '2018-10-28', source: branchRule },
  { kind: 'memberReview', attendees: 'members', firstTopicRequired: false, effectiveFrom: '2018-10-28', source: branchRule },
  { kind: 'heartTalk', attendees: 'listed', firstTopicRequired: false, effectiveFrom: '2018-10-28', source: branchRule },
  { kind: 'centralGroupStudy', attendees: 'listed', firstTopicRequired: true, effectiveFrom: '2017-01-01', source: centralGroupRule + firstTopicNote },
];

export function meetingRecordRuleFor(kind: MeetingKind, on: string): MeetingRecordRule | undefined {
  return ruleOn(meetingRecordRules, on, (r) => r.kind === kind);
}

/** Members expected at organisational life: in the registry, except those whose membership is suspended (停止党籍, DOMAIN §2). */
export const attendingStatuses = ['active', 'mobile', 'lostContact'] as const satisfies readonly MemberStatus[];

export interface CheckinWindowRule extends Effective {
  /** Check-in opens this many minutes before the meeting starts… */
  opensMinutesBefore: number;
  /** …and closes this many minutes after it ends. */
  closesMinutesAfterEnd: number;
}

export const checkinWindowRules: readonly CheckinWindowRule[] = [
  { opensMinutesBefore: 30, closesMinutesAfterEnd: 0, effectiveFrom: '2018-10-28', source: '本地做法：会前 30 分钟开放扫码签到，会议结束时截止' },
];

/** The window rule in force on `on`; a meeting dated before the first rule (recorded afterwards) is judged by that first rule. */
export function checkinWindowRuleOn(on: string): CheckinWindowRule {
  return ruleOn(checkinWindowRules, on, () => true) ?? (checkinWindowRules[0] as CheckinWindowRule);
}

/** When check-in opens and closes for a meeting, by the window rule in force on its day. */
export function checkinWindow(startsAt: Date, endsAt: Date, on: string): { opensAt: Date; closesAt: Date } {
  const rule = checkinWindowRuleOn(on);
  const minute = 60_000;
  return {
    opensAt: new Date(startsAt.getTime() - rule.opensMinutesBefore * minute),
    closesAt: new Date(endsAt.getTime() + rule.closesMinutesAfterEnd * minute),
  };
}
