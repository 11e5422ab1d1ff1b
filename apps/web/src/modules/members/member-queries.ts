import { ok } from '@hangbiao/shared/contracts/common';
import {
  type Member,
  type MemberInput,
  type MemberStatusChange,
  type MemberUpdate,
  member,
  memberEventList,
  type memberListQuery,
  memberPage,
} from '@hangbiao/shared/contracts/members';
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api';
import { orgKeys } from '../orgs/org-queries';

type MemberListParams = Partial<z.output<typeof memberListQuery>>;

export const memberKeys = {
  all: ['members'] as const,
  list: (params: MemberListParams) => ['members', 'list', params] as const,
  detail: (id: string) => ['members', 'detail', id] as const,
  events: (id: string) => ['members', 'events', id] as const,
  mine: ['members', 'mine'] as const,
};

export const fetchMemberPage = (params: MemberListParams) => api.get('/api/members', memberPage, params);

export const memberDetailQuery = (id: string) => queryOptions({ queryKey: memberKeys.detail(id), queryFn: () => api.get(`/api/members/${id}`, member) });

export const memberEventsQuery = (id: string) =>
  queryOptions({ queryKey: memberKeys.events(id), queryFn: () => api.get(`/api/members/${id}/events`, memberEventList) });

/** The signed-in person's own record; a login linked to no member answers 404, which is shown, not retried. */
export const myMemberQuery = () => queryOptions({ queryKey: memberKeys.mine, queryFn: () => api.get('/api/me/member', member), retry: false });

export const memberApi = {
  create: (input: MemberInput) => api.post('/api/members', member, input),
  update: (id: string, input: MemberUpdate) => api.patch(`/api/members/${id}`, member, input),
  changeStatus: (id: string, input: MemberStatusChange) => api.post(`/api/members/${id}/status`, member, input),
  remove: (id: string) => api.delete(`/api/members/${id}`, ok),
};

/** After a write: the record itself, its history, the lists, and the member counts the org pages show. */
export async function refreshAfterWrite(client: QueryClient, saved?: Member) {
  if (saved) client.setQueryData(memberKeys.detail(saved.id), saved);
  await Promise.all([
    client.invalidateQueries({ queryKey: ['members', 'list'] }),
    saved ? client.invalidateQueries({ queryKey: memberKeys.events(saved.id) }) : undefined,
    client.invalidateQueries({ queryKey: orgKeys.all }),
  ]);
}
