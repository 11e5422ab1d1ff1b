import type { MyFigures, myFiguresQuery } from '@hangbiao/shared/contracts/indicators';
import { shanghaiDate } from '@hangbiao/shared/dates';
import type { DevelopmentStage, DevelopmentStatus, MeetingKind, TransferKind, TransferState } from '@hangbiao/shared/glossary';
import { stepName } from '@hangbiao/shared/rules';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../../db/client';
import { requireActor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { earlierOf } from './indicators.service';
import { memberDues } from './indicators-dues.catalog';

interface Tally {
  expected: number;
  present: number;
  leave: number;
  absent: number;
}

const rateOf = (t: Tally) => (t.expected > 0 ? Math.round((t.present / t.expected) * 1000) / 10 : null);

/**
 * The signed-in member's own figures for a year: only rows of the member linked to the login are read, and the
 * dues come from the same per-member reckoning as the committee's dues figures.
 */
export async function myFigures(ctx: Ctx, query: z.infer<typeof myFiguresQuery>): Promise<MyFigures> {
  const actor = requireActor(ctx);
  const [me] = await rowsOf<{ id: string; name: string; org_name: string; org_path: string }>(
    ctx.read,
    sql`select m.id, m.name, o.name as org_name, o.path as org_path
        from users u join members m on m.id = u.member_id and m.deleted_at is null join orgs o on o.id = m.org_id
        where u.id = ${actor.id}`,
  );
  if (!me) throw new AppError('not_found', '当前账户尚未关联党员信息，请联系所在党组织的党务管理员关联');
  const today = shanghaiDate(ctx.now);
  const year = query.year ?? Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const window = { paths: [me.org_path], from, to, asOf: earlierOf(to, today), today };

  const [meetings, [dues], [special], transfers, [development]] = await Promise.all([
    rowsOf<Tally & { kind: MeetingKind }>(
      ctx.read,
      sql`select mt.kind, count(*)::int as expected, (count(*) filter (where a.status = 'present'))::int as present,
          (count(*) filter (where a.status = 'leave'))::int as leave, (count(*) filter (where a.status = 'absent'))::int as absent
        from meeting_attendance a join meetings mt on mt.id = a.meeting_id
        where a.member_id = ${me.id} and mt.status = 'held' and mt.held_on between ${from} and ${to}
        group by mt.kind order by mt.kind`,
    ),
    rowsOf<{ due_months: number; paid_months: number; expected_fen: string; paid_fen: string; arrears_fen: string }>(
      ctx.read,
      sql`select d.due_months, d.paid_months, d.expected_fen, d.paid_fen, d.arrears_fen from (${memberDues(window)}) d where d.id = ${me.id}`,
    ),
    rowsOf<{ fen: string }>(
      ctx.read,
      sql`select coalesce(sum(amount_fen), 0)::bigint as fen from special_dues_contributions where member_id = ${me.id} and paid_on between ${from} and ${to}`,
    ),
    rowsOf<{
      id: string;
      kind: TransferKind;
      state: TransferState;
      from_name: string | null;
      to_name: string | null;
      issued_on: string;
      deadline: string;
      ended_on: string | null;
    }>(
      ctx.read,
      sql`select t.id, t.kind, t.state, coalesce(f.name, case when t.kind = 'inbound' then t.outside_org_name end) as from_name,
          coalesce(d.name, case when t.kind = 'outbound' then t.outside_org_name end) as to_name,
          t.issued_on::text as issued_on, t.deadline::text as deadline, t.ended_on::text as ended_on
        from transfers t left join orgs f on f.id = t.from_org_id left join orgs d on d.id = t.to_org_id
        where t.member_id = ${me.id} order by t.issued_on desc, t.id`,
    ),
    rowsOf<{ id: string; applied_on: string; stage: DevelopmentStage; status: DevelopmentStatus }>(
      ctx.read,
      sql`select id, applied_on::text as applied_on, stage, status from development_cases where member_id = ${me.id} order by applied_on desc limit 1`,
    ),
  ]);
  const steps = development
    ? await rowsOf<{ step: number; done_on: string }>(
        ctx.read,
        sql`select step, done_on::text as done_on from development_steps where case_id = ${development.id} order by seq`,
      )
    : [];

  const total = meetings.reduce<Tally>(
    (sum, k) => ({ expected: sum.expected + k.expected, present: sum.present + k.present, leave: sum.leave + k.leave, absent: sum.absent + k.absent }),
    { expected: 0, present: 0, leave: 0, absent: 0 },
  );
  return {
    memberId: me.id,
    name: me.name,
    orgName: me.org_name,
    year,
    from,
    to,
    meetings: { ...total, rate: rateOf(total), byKind: meetings },
    dues: {
      dueMonths: Number(dues?.due_months ?? 0),
      paidMonths: Number(dues?.paid_months ?? 0),
      expectedFen: Number(dues?.expected_fen ?? 0),
      paidFen: Number(dues?.paid_fen ?? 0),
      arrearsFen: Number(dues?.arrears_fen ?? 0),
      specialDuesFen: Number(special?.fen ?? 0),
    },
    transfers: transfers.map((t) => ({
      id: t.id,
      kind: t.kind,
      state: t.state,
      fromName: t.from_name,
      toName: t.to_name,
      issuedOn: t.issued_on,
      deadline: t.deadline,
      endedOn: t.ended_on,
    })),
    development: development
      ? {
          appliedOn: development.applied_on,
          stage: development.stage,
          status: development.status,
          steps: steps.map((s) => ({ step: s.step, name: stepName(s.step), doneOn: s.done_on })),
        }
      : null,
  };
}
