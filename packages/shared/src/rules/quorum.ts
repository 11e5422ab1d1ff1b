import type { MeetingKind } from '../glossary';
import { type Effective, ruleOn } from './effective';

/** A share that must be strictly exceeded: `[1, 2]` is "more than half". */
export type Share = readonly [numerator: number, denominator: number];

export interface QuorumRule extends Effective {
  kind: MeetingKind;
  /**
   * Who is entitled to vote among those expected: full members only (probationary members attend but
   * have no vote, 党章 第七条), or every expected attendee (the members of a branch committee).
   */
  voters: 'fullMembers' | 'attendees';
  /** Voters present must exceed this share of those entitled to vote. */
  quorum: Share;
  /** "Yes" must exceed this share of those entitled to vote (应到会有表决权), not of those present. */
  passing: Share;
  /** The rule's own words, cited when a vote breaks it. */
  text: string;
}

export const quorumRules: readonly QuorumRule[] = [
  {
    kind: 'generalMeeting',
    voters: 'fullMembers',
    quorum: [1, 2],
    passing: [1, 2],
    effectiveFrom: '2018-10-28',
    source: '中国共产党支部工作条例（试行）(2018) 第十一条',
    text: '表决必须有半数以上有表决权的党员到会方可进行，赞成人数超过应到会有表决权的党员的半数为通过',
  },
  {
    kind: 'committeeMeeting',
    voters: 'attendees',
    quorum: [1, 2],
    passing: [1, 2],
    effectiveFrom: '2018-10-28',
    source: '中国共产党支部工作条例（试行）(2018) 第十二条；党章 第十七条（少数服从多数）',
    text: '党支部委员会会议须有半数以上委员到会方可进行，赞成人数超过应到会委员的半数为通过',
  },
];

/** The quorum rule for a kind of meeting held on `on`; undefined where that kind of meeting takes no votes. */
export function quorumRuleFor(kind: MeetingKind, on: string): QuorumRule | undefined {
  return ruleOn(quorumRules, on, (r) => r.kind === kind);
}

const exceeds = (count: number, share: Share, of: number) => count * share[1] > of * share[0];

export interface Tally {
  /** Expected attendees entitled to vote (应到会有表决权). */
  entitled: number;
  /** Of those, how many are present. */
  presentVoters: number;
  yes: number;
  no: number;
  abstain: number;
  /** Written opinions handed in beforehand by absent voters; they count as votes (发展党员工作细则 第二十一条). */
  written: number;
}

export interface VoteJudgement {
  quorum: boolean;
  passed: boolean;
  /** Counts that cannot be: more votes than voters, more written opinions than absent voters. */
  impossible: { field: 'yes' | 'written'; message: string }[];
}

/** Judges a vote by `rule`: whether it could be held, whether it passed, and whether its counts add up. */
export function judgeVote(rule: QuorumRule, tally: Tally): VoteJudgement {
  const impossible: VoteJudgement['impossible'] = [];
  const absent = tally.entitled - tally.presentVoters;
  if (tally.written > absent) impossible.push({ field: 'written', message: `书面意见 ${tally.written} 份，多于未到会的有表决权人数 ${absent}` });
  const votes = tally.yes + tally.no + tally.abstain;
  if (votes > tally.presentVoters + tally.written)
    impossible.push({ field: 'yes', message: `票数合计 ${votes}，多于到会有表决权人数与书面意见之和 ${tally.presentVoters + tally.written}` });
  return {
    quorum: exceeds(tally.presentVoters, rule.quorum, tally.entitled),
    passed: exceeds(tally.yes, rule.passing, tally.entitled),
    impossible,
  };
}
