import { z } from 'zod';
import { roles } from '../glossary';
import { newPassword, roleAssignment } from './auth';
import { id, limits, paged, pageQuery, version } from './common';

const username = z
  .string()
  .trim()
  .min(3, '用户名至少 3 位')
  .max(limits.username)
  .regex(/^[a-z0-9_.-]+$/, '用户名只能包含小写字母、数字和 _ . -');

export const userCreate = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(50),
  password: newPassword,
  roles: z
    .array(z.strictObject({ role: z.enum(roles.keys), orgId: id }))
    .max(10)
    .default([]),
  /** The person's own member record: their own pages and check-ins go through it. */
  memberId: id.nullable().optional(),
});
export type UserCreate = z.infer<typeof userCreate>;

export const userUpdate = z.strictObject({
  version,
  displayName: z.string().trim().min(1).max(50).optional(),
  active: z.boolean().optional(),
  /** null unlinks the member record. */
  memberId: id.nullable().optional(),
});

export const passwordReset = z.strictObject({ version, password: newPassword });

export const roleGrant = z.strictObject({ role: z.enum(roles.keys), orgId: id });

export const user = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  roles: z.array(roleAssignment),
  member: z.object({ id, name: z.string(), orgName: z.string() }).nullable(),
  version,
});
export type User = z.infer<typeof user>;

export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(limits.username).optional(),
  role: z.enum(roles.keys).optional(),
  sort: z.enum(['username', '-username', 'displayName']).default('username'),
});
export const userPage = paged(user);
export const roleParams = z.strictObject({ id, assignmentId: id });
