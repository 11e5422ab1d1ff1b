import type { Member, MemberFields, MemberListQuery } from '@hangbiao/shared/contracts/members';
import { maskIdNumber, maskPhone } from '@hangbiao/shared/id-number';
import { roleGrants } from '@hangbiao/shared/permissions';
import { and, asc, count, desc, eq, isNull, like, or, type SQL } from 'drizzle-orm';
import { covers, pathInScope, requireActor, requireOrg, scopeOf } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { pinyinKeys } from '../../platform/pinyin';
import { likePrefix, pageOf } from '../../platform/rows';
import { type Sealer, sealerFor } from '../../platform/secrets';
import { orgs } from '../orgs/orgs.tables';
import { members } from './members.tables';

export type MemberRow = typeof members.$inferSelect;

/** The stored form of a member's record fields: sealed, hashed and masked where sensitive, with pinyin search keys. */
export function registryValues(sealer: Sealer, input: Omit<MemberFields, 'orgId' | 'category'>, keys = pinyinKeys(input.name)) {
  return {
    name: input.name,
    namePinyin: keys.pinyin,
    nameInitials: keys.initials,
    gender: input.gender,
    ethnicity: input.ethnicity,
    birthDate: input.birthDate,
    idNumberSealed: sealer.seal(input.idNumber),
    idNumberHash: sealer.hash(input.idNumber),
    idNumberMasked: maskIdNumber(input.idNumber),
    education: input.education,
    joinedOn: input.joinedOn,
    fullOn: input.fullOn ?? null,
    jobPost: input.jobPost,
    rank: input.rank ?? null,
    phoneSealed: input.phone ? sealer.seal(input.phone) : null,
    phoneMasked: input.phone ? maskPhone(input.phone) : null,
    addressSealed: input.address ? sealer.seal(input.address) : null,
  };
}

/** The keyed hash under which an ID number is unique in a committee. */
export function idNumberHash(ctx: Ctx, idNumber: string): string {
  return sealerFor(ctx.config).hash(idNumber);
}

/** A member as the contract shows it: sensitive fields opened only when `unmasked`. */
export function toMember(ctx: Ctx, row: MemberRow, orgName: string, unmasked: boolean): Member {
  const sealer = sealerFor(ctx.config);
  return {
    id: row.id,
    orgId: row.orgId,
    orgName,
    name: row.name,
    gender: row.gender,
    ethnicity: row.ethnicity,
    idNumber: unmasked ? sealer.open(row.idNumberSealed) : row.idNumberMasked,
    birthDate: row.birthDate,
    education: row.education,
    category: row.category,
    joinedOn: row.joinedOn,
    fullOn: row.fullOn,
    jobPost: row.jobPost,
    rank: row.rank,
    phone: unmasked && row.phoneSealed ? sealer.open(row.phoneSealed) : row.phoneMasked,
    address: row.addressSealed ? (unmasked ? sealer.open(row.addressSealed) : '（已隐藏）') : null,
    status: row.status,
    statusSince: row.statusSince,
    exitKind: row.exitKind,
    mobileDestination: row.mobileDestination,
    unmasked,
    version: row.version,
  };
}

/** Whether the actor may see `orgPath`'s members' ID and phone numbers in full. */
export function unmaskerOf(ctx: Ctx): (orgPath: string) => boolean {
  const paths = requireActor(ctx)
    .roles.filter((r) => roleGrants(r.role, 'members.sensitive'))
    .map((r) => r.orgPath);
  return (orgPath) => covers(paths, orgPath);
}

/**
 * The members a list query selects, within the actor's scope (joined to `orgs`). Search is by prefix, which one
 * btree serves at a million rows: Chinese text matches the name (张 → every 张), letters the pinyin or initials.
 */
export async function membersWhere(ctx: Ctx, query: Omit<MemberListQuery, 'page' | 'pageSize' | 'sort'>): Promise<SQL | undefined> {
  const paths = scopeOf(ctx, 'members.read');
  const under = query.under ? await requireOrg(ctx, 'members.read', query.under) : undefined;
  const q = query.q?.replace(/\s+/g, '');
  const letters = q?.toLowerCase();
  return and(
    isNull(members.deletedAt),
    eq(members.committeeId, requireActor(ctx).committeeId),
    pathInScope(under ? [under.path] : paths, orgs.path),
    q && /^[a-z]+$/i.test(q)
      ? or(like(members.namePinyin, likePrefix(letters ?? '')), like(members.nameInitials, likePrefix(letters ?? '')))
      : q
        ? like(members.name, likePrefix(q))
        : undefined,
    query.category ? eq(members.category, query.category) : undefined,
    query.status ? eq(members.status, query.status) : undefined,
    query.education ? eq(members.education, query.education) : undefined,
    query.gender ? eq(members.gender, query.gender) : undefined,
  );
}

export const memberOrder = {
  name: [asc(members.namePinyin), asc(members.id)],
  '-name': [desc(members.namePinyin), desc(members.id)],
  joinedOn: [asc(members.joinedOn), asc(members.id)],
  '-joinedOn': [desc(members.joinedOn), desc(members.id)],
  birthDate: [asc(members.birthDate), asc(members.id)],
  '-birthDate': [desc(members.birthDate), desc(members.id)],
} as const;

export async function listMembers(ctx: Ctx, query: MemberListQuery) {
  const where = await membersWhere(ctx, query);
  const unmasked = unmaskerOf(ctx);
  const [rows, [total]] = await Promise.all([
    ctx.read
      .select({ member: members, orgName: orgs.name, orgPath: orgs.path })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(where)
      .orderBy(...memberOrder[query.sort])
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.read.select({ n: count() }).from(members).innerJoin(orgs, eq(orgs.id, members.orgId)).where(where),
  ]);
  return pageOf(
    rows.map((r) => toMember(ctx, r.member, r.orgName, unmasked(r.orgPath))),
    total?.n ?? 0,
    query,
  );
}
