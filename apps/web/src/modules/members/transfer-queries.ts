import { memberPage } from '@hangbiao/shared/contracts/members';
import {
  type InboxBox,
  inboxCounts,
  mobileMemberPage,
  type mobileMemberQuery,
  type TransferRegister,
  type TransferStart,
  transfer,
  transferDestinations,
  type transferInboxQuery,
  type transferListQuery,
  transferPage,
} from '@hangbiao/shared/contracts/transfers';
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api';

type ListParams = Partial<z.output<typeof transferListQuery>>;
type InboxParams = Partial<z.output<typeof transferInboxQuery>>;
type MobileParams = Partial<z.output<typeof mobileMemberQuery>>;

export const transferKeys = {
  all: ['transfers'] as const,
  list: (params: ListParams) => ['transfers', 'list', params] as const,
  inbox: (params: InboxParams) => ['transfers', 'inbox', params] as const,
  counts: (under: string | undefined) => ['transfers', 'counts', under ?? 'all'] as const,
  mobile: (params: MobileParams) => ['transfers', 'mobile', params] as const,
  destinations: (q: string) => ['transfers', 'destinations', q] as const,
  memberSearch: (q: string) => ['transfers', 'member-search', q] as const,
};

export const fetchTransferPage = (params: ListParams) => api.get('/api/transfers', transferPage, params);
export const fetchInbox = (box: InboxBox) => (params: InboxParams) => api.get('/api/transfers/inbox', transferPage, { ...params, box });
export const fetchMobileMembers = (params: MobileParams) => api.get('/api/transfers/mobile', mobileMemberPage, params);

export const inboxCountsQuery = (under: string | undefined) =>
  queryOptions({ queryKey: transferKeys.counts(under), queryFn: () => api.get('/api/transfers/inbox/counts', inboxCounts, { under }) });

/** A member's transfers, for the member page; 50 cover any one person's history. */
export const memberTransfersQuery = (memberId: string) =>
  queryOptions({ queryKey: transferKeys.list({ memberId, pageSize: 50 }), queryFn: () => fetchTransferPage({ memberId, pageSize: 50 }) });

export const destinationsQuery = (q: string) =>
  queryOptions({
    queryKey: transferKeys.destinations(q),
    queryFn: () => api.get('/api/transfers/destinations', transferDestinations, { q }),
    staleTime: 60_000,
  });

/** Members in the caller's registry by name or pinyin, for choosing whom to transfer. */
export const memberSearchQuery = (q: string) =>
  queryOptions({ queryKey: transferKeys.memberSearch(q), queryFn: () => api.get('/api/members', memberPage, { q, pageSize: 20 }) });

export const transferApi = {
  start: (input: TransferStart) => api.post('/api/transfers', transfer, input),
  accept: (id: string, version: number) => api.post(`/api/transfers/${id}/accept`, transfer, { version }),
  reject: (id: string, input: { version: number; reason: string }) => api.post(`/api/transfers/${id}/reject`, transfer, input),
  cancel: (id: string, input: { version: number; reason?: string | undefined }) => api.post(`/api/transfers/${id}/cancel`, transfer, input),
  receipt: (id: string, input: { version: number; receivedOn: string }) => api.post(`/api/transfers/${id}/receipt`, transfer, input),
  register: (id: string, input: TransferRegister) => api.post(`/api/transfers/${id}/register`, transfer, input),
};

/** After any step: every transfer list and count, and the member registry (members move, arrive and leave). */
export async function refreshAfterTransfer(client: QueryClient) {
  await Promise.all([client.invalidateQueries({ queryKey: transferKeys.all }), client.invalidateQueries({ queryKey: ['members'] })]);
}
