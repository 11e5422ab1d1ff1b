import type { Role } from './glossary';

/**
 * What each role may do. A route declares one permission; the service then narrows the
 * rows to the org subtrees where the actor holds a role granting it.
 */
export const permissions = ['orgs.read', 'orgs.write', 'units.write', 'users.read', 'users.manage', 'audit.read', 'audit.verify', 'indicators.read'] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  committee_admin: permissions,
  org_admin: ['orgs.read', 'orgs.write', 'users.read', 'audit.read', 'indicators.read'],
  member: ['orgs.read'],
  inspector: ['orgs.read', 'audit.read', 'indicators.read'],
  discipline: ['orgs.read', 'audit.read', 'indicators.read'],
  leader: ['orgs.read', 'indicators.read'],
};

export function roleGrants(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
