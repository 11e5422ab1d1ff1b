import { type passwordReset, type roleGrant, type UserCreate, user, type userListQuery, userPage, type userUpdate } from '@hangbiao/shared/contracts/users';
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api';

type UserListParams = Partial<z.output<typeof userListQuery>>;

export const userKeys = {
  all: ['users'] as const,
  list: (params: UserListParams) => ['users', 'list', params] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};

export const fetchUserPage = (params: UserListParams) => api.get('/api/users', userPage, params);

export const userDetailQuery = (id: string) => queryOptions({ queryKey: userKeys.detail(id), queryFn: () => api.get(`/api/users/${id}`, user) });

export const userApi = {
  create: (input: UserCreate) => api.post('/api/users', user, input),
  update: (id: string, input: z.output<typeof userUpdate>) => api.patch(`/api/users/${id}`, user, input),
  resetPassword: (id: string, input: z.output<typeof passwordReset>) => api.post(`/api/users/${id}/password`, user, input),
  grantRole: (id: string, input: z.output<typeof roleGrant>) => api.post(`/api/users/${id}/roles`, user, input),
  revokeRole: (id: string, assignmentId: string) => api.delete(`/api/users/${id}/roles/${assignmentId}`, user),
};
