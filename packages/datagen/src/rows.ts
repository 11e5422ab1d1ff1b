import type {
  Education,
  Ethnicity,
  Gender,
  JobPost,
  MemberCategory,
  MemberStatus,
  OrgEventKind,
  OrgKind,
  Post,
  RegionLevel,
  UnitType,
} from '@hangbiao/shared/glossary';

// Rows as the server's tables take them; columns with database defaults (version, timestamps, deleted_at) are left out.

export interface UnitRow {
  id: string;
  committeeId: string;
  name: string;
  shortName: string | null;
  type: UnitType;
  regionLevel: RegionLevel;
  regionName: string;
}

export interface OrgRow {
  id: string;
  committeeId: string;
  parentId: string | null;
  path: string;
  depth: number;
  kind: OrgKind;
  name: string;
  unitId: string | null;
  establishedOn: string;
  dissolvedOn: string | null;
  contactName: string | null;
  contactPhone: string | null;
  childCount: number;
}

export interface OrgUnitRow {
  orgId: string;
  unitId: string;
  committeeId: string;
}

export interface OrgVersionRow {
  id: string;
  committeeId: string;
  orgId: string;
  parentId: string | null;
  name: string;
  kind: OrgKind;
  validFrom: string;
  validTo: string | null;
}

export interface OrgEventRow {
  id: string;
  committeeId: string;
  orgId: string;
  kind: OrgEventKind;
  occurredOn: string;
  details: Record<string, unknown>;
  summary: string;
  note: string | null;
}

export interface OrgPostRow {
  id: string;
  committeeId: string;
  orgId: string;
  post: Post;
  holderName: string;
  termStart: string;
  termEnd: string | null;
  endedOn: string | null;
}

/** A member's record in plain text: the server seals the ID number and phone and adds pinyin keys when loading it. */
export interface MemberRow {
  id: string;
  committeeId: string;
  orgId: string;
  name: string;
  gender: Gender;
  ethnicity: Ethnicity;
  birthDate: string;
  idNumber: string;
  education: Education;
  category: MemberCategory;
  joinedOn: string;
  fullOn: string | null;
  jobPost: JobPost;
  rank: string | null;
  phone: string | null;
  status: MemberStatus;
  statusSince: string;
}

/** The members of one branch, as a recipe: `memberBatches` turns it into rows on demand. */
export interface Roster {
  orgId: string;
  full: number;
  probationary: number;
  /** Seeds the branch's own random stream, so its rows do not depend on any other branch. */
  seed: number;
  /** Position of the branch's first member among all members; keeps member ids unique and ordered. */
  firstSeq: number;
}

export type Size = 'demo' | 'city' | 'province';

export interface Dataset {
  size: Size;
  seed: number;
  today: string;
  /** The root org's id, carried by every row as its committee. */
  committeeId: string;
  units: UnitRow[];
  orgs: OrgRow[];
  orgUnits: OrgUnitRow[];
  orgVersions: OrgVersionRow[];
  orgEvents: OrgEventRow[];
  orgPosts: OrgPostRow[];
  /** Member rows come from `memberBatches(dataset)`, so a province's hundreds of thousands never sit in memory at once. */
  rosters: Roster[];
  /** Orgs to hang demo accounts on: a unit Party committee with branches, one of its branches, another unit's committee. */
  sample: { unitCommitteeOrgId: string; branchOrgId: string; otherUnitCommitteeOrgId: string };
}
