import type {
  SpecialDuesCampaign,
  SpecialDuesCampaignInput,
  SpecialDuesCampaignUpdate,
  SpecialDuesContribution,
  SpecialDuesContributionsInput,
  SpecialDuesTotals,
  specialDuesContributionsQuery,
  specialDuesListQuery,
  specialDuesTotalsQuery,
} from '@hangbiao/shared/contracts/dues';
import { shanghaiDate } from '@hangbiao/shared/dates';
import { type MemberStatus, type OrgKind, registryStatuses, type SpecialDuesReason } from '@hangbiao/shared/glossary';
import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../../db/client';
import { covers, pathInScope, requireActor, requireOrg, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError, type FieldError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { likeText, pageOf, updateVersioned } from '../../platform/rows';
import { orgs } from '../orgs/orgs.tables';
import { members } from './members.tables';
import { specialDuesCampaigns, specialDuesContributions } from './members-dues.tables';

const int = (value: unknown) => Number(value ?? 0);

/**
 * Special dues (特殊党费) are voluntary gifts answering a call, never demanded (规定第十四条): a campaign has no quota
 * and no arrears. A campaign is seen by everyone whose scope lies under the calling org or contains it.
 */
function visibleTo(paths: string[]): SQL {
  const above = paths.map((p) => sql`${p} like co.path || '%'`);
  return sql`(${pathInScope(paths, sql`co.path`)} or ${sql.join(above, sql` or `)})`;
}

interface CampaignSqlRow {
  id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  committee_id: string;
  title: string;
  reason: SpecialDuesReason;
  description: string | null;
  started_on: string;
  ended_on: string | null;
  version: number;
  contributors: number;
  total_fen: number;
}

/** Campaigns with their contributors and sum within `paths` (the caller's scope). */
function campaignsSql(paths: string[], where: SQL): SQL {
  return sql`
    select c.id, c.org_id, co.name as org_name, co.path as org_path, c.committee_id, c.title, c.reason, c.description,
      c.started_on::text as started_on, c.ended_on::text as ended_on, c.version,
      coalesce(t.contributors, 0) as contributors, coalesce(t.total_fen, 0) as total_fen
    from special_dues_campaigns c
    join orgs co on co.id = c.org_id
    left join lateral (
      select count(distinct x.member_id) as contributors, sum(x.amount_fen) as total_fen
      from special_dues_contributions x join orgs xo on xo.id = x.org_id
      where x.campaign_id = c.id and ${pathInScope(paths, sql`xo.path`)}) t on true
    where ${visibleTo(paths)} and ${where}`;
}

function toCampaign(row: CampaignSqlRow): SpecialDuesCampaign {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    title: row.title,
    reason: row.reason,
    description: row.description,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    contributors: int(row.contributors),
    totalFen: int(row.total_fen),
    version: int(row.version),
  };
}

export async function listCampaigns(ctx: Ctx, query: z.infer<typeof specialDuesListQuery>) {
  const paths = scopeOf(ctx, 'members.read');
  const where = and(sql`c.committee_id = ${requireActor(ctx).committeeId}`, query.q ? sql`c.title like ${likeText(query.q)}` : undefined) as SQL;
  const rows = await rowsOf<CampaignSqlRow & { total: number }>(
    ctx.read,
    sql`select l.*, count(*) over () as total from (${campaignsSql(paths, where)}) l
      order by l.started_on desc, l.id desc limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  return pageOf(rows.map(toCampaign), int(rows[0]?.total), query);
}

async function findCampaign(ctx: Ctx, id: string, permission: 'members.read' | 'members.write'): Promise<CampaignSqlRow> {
  const paths = scopeOf(ctx, permission);
  const [row] = await rowsOf<CampaignSqlRow>(ctx.db, campaignsSql(paths, sql`c.id = ${id} and c.committee_id = ${requireActor(ctx).committeeId}`));
  if (!row) throw new AppError('forbidden', '无权访问该特殊党费活动，或该活动不存在');
  return row;
}

export async function getCampaign(ctx: Ctx, id: string): Promise<SpecialDuesCampaign> {
  return toCampaign(await findCampaign(ctx, id, 'members.read'));
}

export async function createCampaign(ctx: Ctx, input: SpecialDuesCampaignInput): Promise<SpecialDuesCampaign> {
  return transact(ctx, async (tx) => {
    const org = await requireOrg(tx, 'members.write', input.orgId);
    const id = newId();
    await tx.db.insert(specialDuesCampaigns).values({
      id,
      committeeId: org.committeeId,
      orgId: org.id,
      title: input.title,
      reason: input.reason,
      description: input.description ?? null,
      startedOn: input.startedOn,
      endedOn: input.endedOn ?? null,
    });
    await audit(tx, {
      action: 'specialDues.campaignCreated',
      entityType: 'specialDuesCampaign',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      committeeId: org.committeeId,
      summary: { after: input },
    });
    return getCampaign(tx, id);
  });
}

/** Only the calling org's side may change a campaign: its dates and wording. */
export async function updateCampaign(ctx: Ctx, id: string, input: SpecialDuesCampaignUpdate): Promise<SpecialDuesCampaign> {
  return transact(ctx, async (tx) => {
    const campaign = await findCampaign(tx, id, 'members.read');
    const org = await requireOrg(tx, 'members.write', campaign.org_id);
    const [outside] = await rowsOf<{ n: number }>(
      tx.db,
      sql`select count(*)::int as n from special_dues_contributions where campaign_id = ${id}
        and (paid_on < ${input.startedOn} or (${input.endedOn ?? null}::date is not null and paid_on > ${input.endedOn ?? null}::date))`,
    );
    if (outside && outside.n > 0)
      throw new AppError('rule_violation', `已有 ${outside.n} 笔特殊党费的交纳日期不在新的起止日期内`, [
        { path: 'body.startedOn', message: '起止日期须包含已登记的交纳日期' },
      ]);
    const { version, ...fields } = input;
    await updateVersioned(tx, specialDuesCampaigns, id, version, { ...fields, description: fields.description ?? null, endedOn: fields.endedOn ?? null });
    await audit(tx, {
      action: 'specialDues.campaignUpdated',
      entityType: 'specialDuesCampaign',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      committeeId: org.committeeId,
      summary: {
        before: {
          title: campaign.title,
          reason: campaign.reason,
          description: campaign.description,
          startedOn: campaign.started_on,
          endedOn: campaign.ended_on,
        },
        after: fields,
      },
    });
    return getCampaign(tx, id);
  });
}

// ── Contributions ─────────────────────────────────────────────────

export async function listContributions(ctx: Ctx, campaignId: string, query: z.infer<typeof specialDuesContributionsQuery>) {
  await findCampaign(ctx, campaignId, 'members.read');
  const paths = query.orgId ? [(await requireOrg(ctx, 'members.read', query.orgId)).path] : scopeOf(ctx, 'members.read');
  const rows = await rowsOf<{
    id: string;
    member_id: string;
    name: string;
    org_id: string;
    org_name: string;
    amount_fen: number;
    paid_on: string;
    note: string | null;
    total: number;
  }>(
    ctx.read,
    sql`select x.id, x.member_id, m.name, x.org_id, xo.name as org_name, x.amount_fen, x.paid_on::text as paid_on, x.note, count(*) over () as total
      from special_dues_contributions x join orgs xo on xo.id = x.org_id join members m on m.id = x.member_id
      where x.campaign_id = ${campaignId} and ${pathInScope(paths, sql`xo.path`)}
      order by x.paid_on desc, x.id desc limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  return pageOf(
    rows.map(
      (r): SpecialDuesContribution => ({
        id: r.id,
        campaignId,
        memberId: r.member_id,
        name: r.name,
        orgId: r.org_id,
        orgName: r.org_name,
        amountFen: int(r.amount_fen),
        paidOn: r.paid_on,
        note: r.note,
      }),
    ),
    int(rows[0]?.total),
    query,
  );
}

/**
 * Gifts of members whose org lies under the calling org, within the campaign's dates, written together or not at all.
 * Any amount is accepted: nothing is expected of anyone.
 */
export async function recordContributions(ctx: Ctx, campaignId: string, input: SpecialDuesContributionsInput): Promise<{ items: SpecialDuesContribution[] }> {
  const today = shanghaiDate(ctx.now);
  return transact(ctx, async (tx) => {
    const campaign = await findCampaign(tx, campaignId, 'members.read');
    const paths = scopeOf(tx, 'members.write');
    const found = await tx.db
      .select({ id: members.id, name: members.name, orgId: members.orgId, status: members.status, orgName: orgs.name, orgPath: orgs.path })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(
        and(
          inArray(
            members.id,
            input.items.map((i) => i.memberId),
          ),
          eq(members.committeeId, campaign.committee_id),
          isNull(members.deletedAt),
        ),
      );
    const byId = new Map(found.map((f) => [f.id, f]));
    const errors: FieldError[] = [];
    let outOfScope = false;
    input.items.forEach((item, i) => {
      const at = (field: string) => `body.items.${i}.${field}`;
      const member = byId.get(item.memberId);
      if (!member || !covers(paths, member.orgPath)) {
        outOfScope = true;
        errors.push({ path: at('memberId'), message: '无权为该党员登记，或该党员不存在' });
      } else if (!member.orgPath.startsWith(campaign.org_path)) errors.push({ path: at('memberId'), message: `${member.name}不在${campaign.org_name}范围内` });
      else if (!(registryStatuses as readonly MemberStatus[]).includes(member.status)) errors.push({ path: at('memberId'), message: `${member.name}已不在册` });
      if (item.paidOn > today) errors.push({ path: at('paidOn'), message: '交纳日期不能晚于今天' });
      else if (item.paidOn < campaign.started_on || (campaign.ended_on && item.paidOn > campaign.ended_on))
        errors.push({ path: at('paidOn'), message: `应在活动期间（${campaign.started_on} 至 ${campaign.ended_on ?? '今'}）` });
    });
    if (errors.length) throw new AppError(outOfScope ? 'forbidden' : 'validation_failed', `${errors.length} 处有误，全部未登记：${errors[0]?.message}`, errors);
    const rows = input.items.map((item) => {
      const member = byId.get(item.memberId) as (typeof found)[number];
      return {
        id: newId(),
        committeeId: campaign.committee_id,
        campaignId,
        orgId: member.orgId,
        memberId: item.memberId,
        amountFen: item.amountFen,
        paidOn: item.paidOn,
        note: item.note ?? null,
      };
    });
    await tx.db.insert(specialDuesContributions).values(rows);
    await audit(tx, {
      action: 'specialDues.contributionsRecorded',
      entityType: 'specialDuesCampaign',
      entityId: campaignId,
      orgId: campaign.org_id,
      orgPath: campaign.org_path,
      committeeId: campaign.committee_id,
      summary: { items: rows.map((r) => ({ memberId: r.memberId, name: byId.get(r.memberId)?.name, amountFen: r.amountFen, paidOn: r.paidOn })) },
    });
    return {
      items: rows.map((r) => {
        const member = byId.get(r.memberId) as (typeof found)[number];
        return {
          id: r.id,
          campaignId,
          memberId: r.memberId,
          name: member.name,
          orgId: r.orgId,
          orgName: member.orgName,
          amountFen: r.amountFen,
          paidOn: r.paidOn,
          note: r.note,
        };
      }),
    };
  });
}

export async function deleteContribution(ctx: Ctx, id: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const paths = scopeOf(tx, 'members.write');
    const [row] = await tx.db
      .select({ contribution: specialDuesContributions, orgPath: orgs.path, name: members.name })
      .from(specialDuesContributions)
      .innerJoin(orgs, eq(orgs.id, specialDuesContributions.orgId))
      .innerJoin(members, eq(members.id, specialDuesContributions.memberId))
      .where(and(eq(specialDuesContributions.id, id), eq(specialDuesContributions.committeeId, requireActor(tx).committeeId)));
    if (!row || !covers(paths, row.orgPath)) throw new AppError('forbidden', '无权访问该记录，或该记录不存在');
    await tx.db.delete(specialDuesContributions).where(eq(specialDuesContributions.id, id));
    const { contribution } = row;
    await audit(tx, {
      action: 'specialDues.contributionDeleted',
      entityType: 'specialDuesCampaign',
      entityId: contribution.campaignId,
      orgId: contribution.orgId,
      orgPath: row.orgPath,
      committeeId: contribution.committeeId,
      summary: { before: { memberId: contribution.memberId, name: row.name, amountFen: contribution.amountFen, paidOn: contribution.paidOn } },
    });
  });
}

// ── Totals ────────────────────────────────────────────────────────

/** A campaign's gifts under an org (default: the calling org if in scope, else the caller's first scope): in all, per unit, per child subtree. */
export async function campaignTotals(ctx: Ctx, campaignId: string, query: z.infer<typeof specialDuesTotalsQuery>): Promise<SpecialDuesTotals> {
  const campaign = await findCampaign(ctx, campaignId, 'members.read');
  const paths = scopeOf(ctx, 'members.read');
  const defaultOrg = covers(paths, campaign.org_path)
    ? campaign.org_id
    : (requireActor(ctx).roles.find((r) => paths.includes(r.orgPath) && r.orgPath.startsWith(campaign.org_path))?.orgId ?? campaign.org_id);
  const org = await requireOrg(ctx, 'members.read', query.orgId ?? defaultOrg);
  const under = sql`xo.path like ${`${org.path}%`}`;
  const child = sql`split_part(substr(xo.path, ${org.path.length + 1}), '/', 1)`;
  const [[total], byUnit, byOrg] = await Promise.all([
    rowsOf<{ contributors: number; amount: number }>(
      ctx.read,
      sql`select count(distinct x.member_id) as contributors, coalesce(sum(x.amount_fen), 0) as amount
        from special_dues_contributions x join orgs xo on xo.id = x.org_id where x.campaign_id = ${campaignId} and ${under}`,
    ),
    rowsOf<{ unit_id: string | null; unit_name: string; contributors: number; amount: number }>(
      ctx.read,
      sql`select u.id as unit_id, coalesce(u.name, xo.name) as unit_name, count(distinct x.member_id) as contributors, sum(x.amount_fen) as amount
        from special_dues_contributions x join orgs xo on xo.id = x.org_id left join units u on u.id = xo.unit_id
        where x.campaign_id = ${campaignId} and ${under}
        group by u.id, coalesce(u.name, xo.name), case when u.id is null then xo.id end
        order by sum(x.amount_fen) desc, 2`,
    ),
    rowsOf<{ id: string; name: string; kind: OrgKind; contributors: number; amount: number }>(
      ctx.read,
      sql`with t as (
          select ${child} as child, count(distinct x.member_id) as contributors, sum(x.amount_fen) as amount
          from special_dues_contributions x join orgs xo on xo.id = x.org_id
          where x.campaign_id = ${campaignId} and ${under} group by 1)
        select c.id, c.name, c.kind, coalesce(t.contributors, 0) as contributors, coalesce(t.amount, 0) as amount
        from orgs c left join t on t.child = c.id::text or (t.child = '' and c.id = ${org.id})
        where c.id = ${org.id} or (c.parent_id = ${org.id} and c.deleted_at is null and (c.dissolved_on is null or t.child is not null))
        order by c.id <> ${org.id}, coalesce(t.amount, 0) desc, c.name`,
    ),
  ]);
  return {
    campaignId,
    orgId: org.id,
    orgName: org.name,
    total: { contributors: int(total?.contributors), amountFen: int(total?.amount) },
    byUnit: byUnit.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, contributors: int(r.contributors), amountFen: int(r.amount) })),
    byOrg: byOrg.map((r) => ({ orgId: r.id, orgName: r.name, kind: r.kind, contributors: int(r.contributors), amountFen: int(r.amount) })),
  };
}
