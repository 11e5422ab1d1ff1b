import { z } from 'zod';
import { roles } from '../glossary';
import { permissions } from '../permissions';
import { id, limits } from './common';

export const loginBody = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(limits.username),
  password: z.string().min(1, '请输入密码').max(limits.passwordMax),
});
export type LoginBody = z.infer<typeof loginBody>;

export const newPassword = z
  .string()
  .min(limits.passwordMin, `密码至少 ${limits.passwordMin} 位`)
  .max(limits.passwordMax)
  .regex(/[A-Za-z]/, '密码须包含字母')
  .regex(/[0-9]/, '密码须包含数字');

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(limits.passwordMax),
  newPassword,
});

export const roleAssignment = z.object({
  id,
  role: z.enum(roles.keys),
  orgId: id,
  orgName: z.string(),
});
export type RoleAssignment = z.infer<typeof roleAssignment>;

export const me = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  roles: z.array(roleAssignment),
  permissions: z.array(z.enum(permissions)),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof me>;
