import type { Member, MemberFields } from '@hangbiao/shared/contracts/members';
import { maskIdNumber, maskPhone } from '@hangbiao/shared/id-number';
import type { Ctx } from '../../platform/context';
import { pinyinKeys } from '../../platform/pinyin';
import { type Sealer, sealerFor } from '../../platform/secrets';
import type { members } from './members.tables';

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
