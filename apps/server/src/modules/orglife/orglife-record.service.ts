import type { MeetingDetail, ObserverInput, ResolutionInput, ReviewsInput } from '@hangbiao/shared/contracts/orglife';
import { type MeetingKind, meetingKinds, reviewGrades } from '@hangbiao/shared/glossary';
import { judgeVote, quorumRuleFor } from '@hangbiao/shared/rules';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import { scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { requireMeeting, type ScopedMeeting, shanghaiTime, voterCondition, writtenMeeting } from './orglife.service';
import { meetingAttendance, meetingObservers, meetingResolutions, meetingReviews } from './orglife.tables';

/** Runs one change to a meeting's record in a transaction, with the meeting loaded for writing; returns the meeting as it now is. */
async function changeRecord(ctx: Ctx, meetingId: string, change: (tx: Ctx, found: ScopedMeeting) => Promise<void>): Promise<MeetingDetail> {
  scopeOf(ctx, 'orglife.write');
  await transact(ctx, async (tx) => {
    const found = await requireMeeting(tx, 'orglife.write', meetingId);
    if (found.meeting.status === 'cancelled') throw new AppError('rule_violation', '会议已取消，不能再登记会议内容');
    await change(tx, found);
  });
  return writtenMeeting(ctx, meetingId);
}

const auditFields = ({ meeting, orgPath }: ScopedMeeting) => ({
  entityType: 'meeting' as const,
  entityId: meeting.id,
  orgId: meeting.orgId,
  orgPath,
  committeeId: meeting.committeeId,
});

// ── Observers (列席) ───────────────────────────────────────────────

export function addObserver(ctx: Ctx, meetingId: string, input: ObserverInput): Promise<MeetingDetail> {
  return changeRecord(ctx, meetingId, async (tx, found) => {
    const id = newId();
    await tx.db.insert(meetingObservers).values({
      id,
      committeeId: found.meeting.committeeId,
      orgId: found.meeting.orgId,
      meetingId,
      name: input.name,
      fromOrg: input.fromOrg,
      notes: input.notes ?? null,
      rating: input.rating ?? null,
    });
    await audit(tx, { action: 'meeting.observerAdded', ...auditFields(found), summary: { observerId: id, ...input } });
  });
}

export function removeObserver(ctx: Ctx, meetingId: string, observerId: string): Promise<MeetingDetail> {
  return changeRecord(ctx, meetingId, async (tx, found) => {
    const [removed] = await tx.db
      .delete(meetingObservers)
      .where(and(eq(meetingObservers.id, observerId), eq(meetingObservers.meetingId, meetingId)))
      .returning();
    if (!removed) throw new AppError('not_found', '列席人员记录不存在');
    await audit(tx, { action: 'meeting.observerRemoved', ...auditFields(found), summary: { observerId, name: removed.name, fromOrg: removed.fromOrg } });
  });
}

// ── Resolutions and votes (表决) ─────────────────────────────────────

/**
 * Records a resolution and its vote, judged by the kind's quorum rule: those entitled to vote are the expected
 * attendees with a vote (full members on the day, for a general meeting); a vote without a quorum is refused with
 * the rule cited, and the motion passes only when "yes" exceeds half of those entitled, not of those present.
 */
export function addResolution(ctx: Ctx, meetingId: string, input: ResolutionInput & { writtenOpinions: number }): Promise<MeetingDetail> {
  return changeRecord(ctx, meetingId, async (tx, found) => {
    const { meeting } = found;
    const rule = quorumRuleFor(meeting.kind, meeting.heldOn);
    if (!rule) throw new AppError('rule_violation', `${meetingKinds.label(meeting.kind)}不进行表决；决议须在支部党员大会或支部委员会会议上表决`);
    if (meeting.startsAt > tx.now) throw new AppError('rule_violation', `会议定于 ${shanghaiTime(meeting.startsAt)} 开始，尚未召开，不能登记表决结果`);
    const [counts] = await rowsOf<{ entitled: number; present_voters: number }>(
      tx.db,
      sql`select (count(*) filter (where ${voterCondition(rule, meeting.heldOn)}))::int as entitled,
          (count(*) filter (where ${voterCondition(rule, meeting.heldOn)} and a.status = 'present'))::int as present_voters
        from meeting_attendance a join members m on m.id = a.member_id where a.meeting_id = ${meetingId}`,
    );
    const entitled = counts?.entitled ?? 0;
    const presentVoters = counts?.present_voters ?? 0;
    const judgement = judgeVote(rule, {
      entitled,
      presentVoters,
      yes: input.votesFor,
      no: input.votesAgainst,
      abstain: input.votesAbstain,
      written: input.writtenOpinions,
    });
    if (!judgement.quorum)
      throw new AppError(
        'rule_violation',
        `到会人数不足，不能表决：应到会有表决权 ${entitled} 人，实到 ${presentVoters} 人。依据${rule.source}：“${rule.text}”`,
        [{ path: 'body', message: `有表决权的到会人数须超过 ${entitled} 人的半数` }],
      );
    if (judgement.impossible.length > 0)
      throw new AppError(
        'validation_failed',
        judgement.impossible.map((p) => p.message).join('；'),
        judgement.impossible.map((p) => ({ path: p.field === 'written' ? 'body.writtenOpinions' : 'body.votesFor', message: p.message })),
      );
    const id = newId();
    await tx.db.insert(meetingResolutions).values({
      id,
      committeeId: meeting.committeeId,
      orgId: meeting.orgId,
      meetingId,
      title: input.title,
      votesFor: input.votesFor,
      votesAgainst: input.votesAgainst,
      votesAbstain: input.votesAbstain,
      writtenOpinions: input.writtenOpinions,
      entitled,
      presentVoters,
      passed: judgement.passed,
      ruleSource: rule.source,
    });
    await audit(tx, {
      action: 'meeting.resolutionAdded',
      ...auditFields(found),
      summary: { resolutionId: id, ...input, entitled, presentVoters, passed: judgement.passed, rule: rule.source },
    });
  });
}

export function removeResolution(ctx: Ctx, meetingId: string, resolutionId: string): Promise<MeetingDetail> {
  return changeRecord(ctx, meetingId, async (tx, found) => {
    const [removed] = await tx.db
      .delete(meetingResolutions)
      .where(and(eq(meetingResolutions.id, resolutionId), eq(meetingResolutions.meetingId, meetingId)))
      .returning();
    if (!removed) throw new AppError('not_found', '决议不存在');
    await audit(tx, {
      action: 'meeting.resolutionRemoved',
      ...auditFields(found),
      summary: { resolutionId, title: removed.title, votesFor: removed.votesFor, votesAgainst: removed.votesAgainst, votesAbstain: removed.votesAbstain },
    });
  });
}

// ── Democratic review grades (民主评议) ──────────────────────────────

/** The review may be held on its own or combined with the organisation-life meeting (DOMAIN §3). */
const reviewKinds: readonly MeetingKind[] = ['memberReview', 'orgLifeMeeting'];

/** Replaces the meeting's review grades; each graded member must be one of its attendees. */
export function recordReviews(ctx: Ctx, meetingId: string, input: ReviewsInput): Promise<MeetingDetail> {
  return changeRecord(ctx, meetingId, async (tx, found) => {
    const { meeting } = found;
    if (!reviewKinds.includes(meeting.kind))
      throw new AppError('rule_violation', `民主评议党员只能在${reviewKinds.map((k) => meetingKinds.label(k)).join('或')}上进行`);
    const ids = input.grades.map((g) => g.memberId);
    const attendees = ids.length
      ? await tx.db
          .select({ memberId: meetingAttendance.memberId })
          .from(meetingAttendance)
          .where(and(eq(meetingAttendance.meetingId, meetingId), inArray(meetingAttendance.memberId, ids)))
      : [];
    const known = new Set(attendees.map((a) => a.memberId));
    const strangers = input.grades.flatMap((g, index) =>
      known.has(g.memberId) ? [] : [{ path: `body.grades.${index}.memberId`, message: '不是本次会议的应到人员' }],
    );
    if (strangers.length) throw new AppError('validation_failed', '只能评议本次会议的应到人员', strangers);
    await tx.db.delete(meetingReviews).where(eq(meetingReviews.meetingId, meetingId));
    if (input.grades.length)
      await tx.db.insert(meetingReviews).values(
        input.grades.map((g) => ({
          id: newId(),
          committeeId: meeting.committeeId,
          orgId: meeting.orgId,
          meetingId,
          memberId: g.memberId,
          selfGrade: g.selfGrade ?? null,
          peerGrade: g.peerGrade ?? null,
          grade: g.grade,
        })),
      );
    const byGrade = Object.fromEntries(reviewGrades.keys.map((k) => [k, input.grades.filter((g) => g.grade === k).length]));
    await audit(tx, { action: 'meeting.reviewsRecorded', ...auditFields(found), summary: { members: input.grades.length, byGrade } });
  });
}
