import { z } from 'zod';
import { orgKinds, transferActions, transferKinds, transferReasons, transferStates } from '../glossary';
import { id, isoDate, limits, name, paged, pageQuery, version } from './common';
import { memberInput } from './members';

// ── Starting a transfer (组织关系转接, DOMAIN §2) ──
export const letterNumber = z.string().trim().min(1, '请填写介绍信编号').max(50, '不能超过 50 个字符');
const outsideOrgName = z.string().trim().min(1, '请填写党组织名称').max(limits.shortText, `不能超过 ${limits.shortText} 个字符`);
const note = z.string().trim().max(limits.shortText, `不能超过 ${limits.shortText} 个字符`).optional();
const reason = z.enum(transferReasons.keys);

/** Within the system: the member's branch sends the relationship to another branch of the committee. */
export const internalTransferStart = z.strictObject({
  kind: z.literal('internal'),
  memberId: id,
  toOrgId: id,
  reason,
  /** The day the source side starts it; today when left out. */
  issuedOn: isoDate.optional(),
  note,
});

/** Out of the system: a letter (介绍信) to a Party organisation outside; its receipt (回执) finishes it. */
export const outboundTransferStart = z.strictObject({
  kind: z.literal('outbound'),
  memberId: id,
  outsideOrgName,
  letterNumber,
  reason,
  issuedOn: isoDate,
  note,
});

/** Into the system: a member arrives with a letter from outside; the branch registers them afterwards. */
export const inboundTransferStart = z
  .strictObject({
    kind: z.literal('inbound'),
    toOrgId: id,
    /** The name on the letter. */
    personName: name,
    outsideOrgName,
    letterNumber,
    reason,
    /** The letter's date, from which its validity runs. */
    issuedOn: isoDate,
    /** The day the member reported with the letter. */
    arrivedOn: isoDate,
    note,
  })
  .superRefine((v, ctx) => {
    if (v.arrivedOn < v.issuedOn) ctx.addIssue({ code: 'custom', path: ['arrivedOn'], message: '报到日期不能早于介绍信开具日期' });
  });

/**
 * Branches of the committee a transfer within the system may go to, found by name. They lie mostly outside the
 * source's own scope, which the org tree does not show, so this lists names and places only.
 */
export const destinationQuery = z.strictObject({ q: z.string().trim().max(limits.name).optional() });
export const transferDestination = z.object({ id, name: z.string(), kind: z.enum(orgKinds.keys), pathNames: z.array(z.string()) });
export type TransferDestination = z.infer<typeof transferDestination>;
export const transferDestinations = z.array(transferDestination);

export const transferStart = z.discriminatedUnion('kind', [internalTransferStart, outboundTransferStart, inboundTransferStart]);
export type TransferStart = z.infer<typeof transferStart>;

// ── Acting on a transfer: each carries the version it was read at ──
export const transferAccept = z.strictObject({ version });
export const transferReject = z.strictObject({
  version,
  reason: z.string().trim().min(1, '请填写退回原因').max(limits.shortText, `不能超过 ${limits.shortText} 个字符`),
});
export const transferCancel = z.strictObject({ version, reason: note });
export const transferReceipt = z.strictObject({ version, receivedOn: isoDate });
/** The member's full record, entered by the receiving branch when the member arrives from outside. */
export const transferRegister = memberInput.extend({ version });
export type TransferRegister = z.infer<typeof transferRegister>;

// ── Reading ──
export const transferTimings = ['onTime', 'dueSoon', 'overdue'] as const;

export const transfer = z.object({
  id,
  kind: z.enum(transferKinds.keys),
  state: z.enum(transferStates.keys),
  /** Absent for a letter from outside until the member is registered. */
  memberId: id.nullable(),
  personName: z.string(),
  reason,
  fromOrgId: id.nullable(),
  fromOrgName: z.string().nullable(),
  toOrgId: id.nullable(),
  toOrgName: z.string().nullable(),
  /** The Party organisation outside the system: the destination of a letter out, the origin of a letter in. */
  outsideOrgName: z.string().nullable(),
  letterNumber: z.string().nullable(),
  issuedOn: isoDate,
  arrivedOn: isoDate.nullable(),
  /** When it was accepted, its receipt came back, the member was registered, or it was rejected or cancelled. */
  endedOn: isoDate.nullable(),
  deadline: isoDate,
  /** The rule the deadline follows, with its source. */
  deadlineRule: z.string(),
  /** For a pending transfer: on time, due within the reminder lead time, or past its deadline. */
  timing: z.enum(transferTimings).nullable(),
  /** Why it was rejected or cancelled. */
  endReason: z.string().nullable(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  /** What the caller may do to it now. */
  actions: z.array(z.enum(transferActions.keys)),
  version,
});
export type Transfer = z.infer<typeof transfer>;
export const transferPage = paged(transfer);

export const transferListQuery = pageQuery.extend({
  kind: z.enum(transferKinds.keys).optional(),
  state: z.enum(transferStates.keys).optional(),
  /** Transfers out of or into this org's subtree; without it, everything in the caller's scope. */
  under: id.optional(),
  memberId: id.optional(),
  /** Issued on or after / on or before. */
  issuedFrom: isoDate.optional(),
  issuedTo: isoDate.optional(),
});
export type TransferListQuery = z.infer<typeof transferListQuery>;

/**
 * The inbox in the national member system's shape: 待办 waits for my action, 未办结 is what my side started and is
 * not finished, 即将办理 nears its deadline, 已逾期 has passed it.
 */
export const inboxBoxes = ['todo', 'inProgress', 'upcoming', 'overdue'] as const;
export type InboxBox = (typeof inboxBoxes)[number];
export const transferInboxQuery = pageQuery.extend({ box: z.enum(inboxBoxes).default('todo'), under: id.optional() });
export type TransferInboxQuery = z.infer<typeof transferInboxQuery>;

export const inboxCountsQuery = z.strictObject({ under: id.optional() });
export const inboxCounts = z.object({
  todo: z.number().int(),
  inProgress: z.number().int(),
  upcoming: z.number().int(),
  overdue: z.number().int(),
  mobile: z.number().int(),
  /** Mobile members away at least the months after which the relationship should move. */
  mobileAwayLong: z.number().int(),
});
export type InboxCounts = z.infer<typeof inboxCounts>;

// ── Mobile members (流动党员) ──
export const mobileMemberQuery = pageQuery.extend({ under: id.optional(), awayLongOnly: z.stringbool().default(false) });
export type MobileMemberQuery = z.infer<typeof mobileMemberQuery>;
export const mobileMember = z.object({
  memberId: id,
  name: z.string(),
  orgId: id,
  orgName: z.string(),
  destination: z.string().nullable(),
  since: isoDate,
  /** Whole months away. */
  months: z.number().int(),
  /** Away at least the rule's months: if at a fixed place, the relationship should move there. */
  awayLong: z.boolean(),
});
export type MobileMember = z.infer<typeof mobileMember>;
export const mobileMemberPage = paged(mobileMember);
