import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkinWindow, meetingRecordRuleFor } from './meetings';
import { judgeVote, type QuorumRule, quorumRuleFor } from './quorum';

const general = quorumRuleFor('generalMeeting', '2026-03-01') as QuorumRule;
const tally = (presentVoters: number, yes: number, entitled = 10) => ({ entitled, presentVoters, yes, no: 0, abstain: 0, written: 0 });

describe('branch general meeting votes (支部工作条例 2018 第十一条: 半数以上到会方可进行，赞成超过应到会有表决权的党员半数为通过)', () => {
  it('cites the article and lets only full members vote', () => {
    expect(general.source).toContain('第十一条');
    expect(general.voters).toBe('fullMembers');
  });

  it('has no quorum with 5 of 10 entitled voters present and has one with 6', () => {
    expect(judgeVote(general, tally(5, 5)).quorum).toBe(false);
    expect(judgeVote(general, tally(6, 6)).quorum).toBe(true);
  });

  it('fails a motion with 5 yes of 10 entitled and passes it with 6, whoever was present', () => {
    expect(judgeVote(general, tally(10, 5)).passed).toBe(false);
    expect(judgeVote(general, tally(6, 6)).passed).toBe(true);
    // 6 yes of 7 present is a large majority of those present, yet it is the entitled (11) that counts.
    expect(judgeVote(general, tally(7, 6, 11)).passed).toBe(true);
    expect(judgeVote(general, tally(7, 5, 11)).passed).toBe(false);
  });

  it('counts written opinions of absent voters as votes, never more of them than absent voters', () => {
    expect(judgeVote(general, { entitled: 10, presentVoters: 6, yes: 6, no: 1, abstain: 0, written: 1 }).impossible).toEqual([]);
    expect(judgeVote(general, { entitled: 10, presentVoters: 6, yes: 6, no: 1, abstain: 0, written: 0 }).impossible.map((p) => p.field)).toEqual(['yes']);
    expect(judgeVote(general, { entitled: 10, presentVoters: 9, yes: 9, no: 0, abstain: 0, written: 2 }).impossible.map((p) => p.field)).toEqual(['written']);
  });

  it('passes exactly when yes is more than half of the entitled (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), (entitled, yes) => {
        expect(judgeVote(general, tally(entitled, Math.min(yes, entitled), entitled)).passed).toBe(Math.min(yes, entitled) > entitled / 2);
      }),
    );
  });
});

describe('branch committee meeting votes (支部工作条例 2018 第十二条)', () => {
  it('needs more than half of the committee present; every member of it votes', () => {
    const rule = quorumRuleFor('committeeMeeting', '2026-03-01') as QuorumRule;
    expect(rule.voters).toBe('attendees');
    expect(judgeVote(rule, tally(2, 2, 5)).quorum).toBe(false);
    expect(judgeVote(rule, tally(3, 3, 5))).toMatchObject({ quorum: true, passed: true });
  });

  it('takes no votes at a theme day and applies no rule before it took effect', () => {
    expect(quorumRuleFor('themeDay', '2026-03-01')).toBeUndefined();
    expect(quorumRuleFor('generalMeeting', '2018-10-27')).toBeUndefined();
  });
});

describe('meeting record rules', () => {
  it('requires the first agenda item (第一议题) at general meetings and central-group sessions, not at a theme day', () => {
    expect(meetingRecordRuleFor('generalMeeting', '2026-03-01')?.firstTopicRequired).toBe(true);
    expect(meetingRecordRuleFor('centralGroupStudy', '2026-03-01')?.firstTopicRequired).toBe(true);
    expect(meetingRecordRuleFor('themeDay', '2026-03-01')?.firstTopicRequired).toBe(false);
  });

  it('opens check-in 30 minutes before the start and closes it at the end', () => {
    const startsAt = new Date('2026-03-01T01:00:00Z');
    const endsAt = new Date('2026-03-01T03:00:00Z');
    const window = checkinWindow(startsAt, endsAt, '2026-03-01');
    expect(window.opensAt.toISOString()).toBe('2026-03-01T00:30:00.000Z');
    expect(window.closesAt.toISOString()).toBe('2026-03-01T03:00:00.000Z');
  });
});
