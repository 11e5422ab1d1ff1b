import type { Role } from './glossary';

/**
 * What each role may do. A route declares one permission; the service then narrows the
 * rows to the org subtrees where the actor holds a role granting it.
 */
export const permissions = [
  'orgs.read',
  'orgs.write',
  'units.write',
  'members.read',
  'members.write',
  /** Unmasked ID numbers and phone numbers in lists, pages and exports. */
  'members.sensitive',
  'users.read',
  'users.manage',
  'audit.read',
  'audit.verify',
  'indicators.read',
  /** Meetings of organisational life, their attendance and records; members check in through 'authenticated' routes. */
  'orglife.read',
  'orglife.write',
  /** The committee's outbound chat webhooks for reminders. */
  'notices.manage',
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  committee_admin: permissions,
  org_admin: [
    'orgs.read',
    'orgs.write',
    'members.read',
    'members.write',
    'members.sensitive',
    'users.read',
    'audit.read',
    'indicators.read',
    'orglife.read',
    'orglife.write',
  ],
  member: ['orgs.read'],
  inspector: ['orgs.read', 'members.read', 'audit.read', 'indicators.read', 'orglife.read'],
  discipline: ['orgs.read', 'members.read', 'audit.read', 'indicators.read', 'orglife.read'],
  leader: ['orgs.read', 'indicators.read', 'orglife.read'],
};

export function roleGrants(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
