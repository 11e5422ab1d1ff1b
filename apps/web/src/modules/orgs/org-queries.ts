import { ok } from '@hangbiao/shared/contracts/common';
import {
  type Org,
  type OrgCreate,
  type OrgUpdate,
  orgDetail,
  orgEvents,
  type orgListQuery,
  orgPage,
  orgTerms,
  type ReformInput,
  renewalsPage,
  type renewalsQuery,
  type TermRenewal,
  type TreeNode,
  treeNode,
  type UnitInput,
  unit,
  type unitListQuery,
  unitPage,
  type unitUpdate,
} from '@hangbiao/shared/contracts/orgs';
import { type QueryClient, queryOptions, type UseQueryResult } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../app/api';

type OrgListParams = Partial<z.output<typeof orgListQuery>>;
type UnitListParams = Partial<z.output<typeof unitListQuery>>;
type RenewalsParams = Partial<z.output<typeof renewalsQuery>>;

export const orgKeys = {
  all: ['orgs'] as const,
  treeOf: (parentId: string | null) => ['orgs', 'tree', parentId ?? 'roots'] as const,
  tree: (parentId: string | null, asOf: string | undefined) => ['orgs', 'tree', parentId ?? 'roots', asOf ?? 'now'] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
  list: (params: OrgListParams) => ['orgs', 'list', params] as const,
  events: (id: string) => ['orgs', 'events', id] as const,
  terms: (id: string) => ['orgs', 'terms', id] as const,
  renewals: (params: RenewalsParams) => ['orgs', 'renewals', params] as const,
};

export const unitKeys = {
  all: ['units'] as const,
  list: (params: UnitListParams) => ['units', 'list', params] as const,
  detail: (id: string) => ['units', 'detail', id] as const,
};

const treeNodes = z.array(treeNode);

/** The loaded children lists of several `treeChildrenQuery`s, in order (for `useQueries` `combine`). */
export const treeLists = (results: UseQueryResult<TreeNode[]>[]) => results.map((result) => result.data);

/** Children of `parentId` (or the caller's roots), as the tree stood on `asOf`. */
export const treeChildrenQuery = (parentId: string | null, asOf?: string) =>
  queryOptions({
    queryKey: orgKeys.tree(parentId, asOf),
    queryFn: () => api.get('/api/orgs/tree', treeNodes, { parentId: parentId ?? undefined, asOf }),
    staleTime: 60_000,
  });

export const orgDetailQuery = (id: string) => queryOptions({ queryKey: orgKeys.detail(id), queryFn: () => api.get(`/api/orgs/${id}`, orgDetail) });

export const orgListQueryOptions = (params: OrgListParams) =>
  queryOptions({ queryKey: orgKeys.list(params), queryFn: () => api.get('/api/orgs', orgPage, params) });

export const orgEventsQuery = (id: string) => queryOptions({ queryKey: orgKeys.events(id), queryFn: () => api.get(`/api/orgs/${id}/events`, orgEvents) });

export const orgTermsQuery = (id: string) => queryOptions({ queryKey: orgKeys.terms(id), queryFn: () => api.get(`/api/orgs/${id}/terms`, orgTerms) });

export const fetchRenewals = (params: RenewalsParams) => api.get('/api/orgs/renewals', renewalsPage, params);
export const fetchOrgPage = (params: OrgListParams) => api.get('/api/orgs', orgPage, params);

export const unitListQueryOptions = (params: UnitListParams) =>
  queryOptions({ queryKey: unitKeys.list(params), queryFn: () => api.get('/api/units', unitPage, params) });

export const unitDetailQuery = (id: string) =>
  queryOptions({ queryKey: unitKeys.detail(id), queryFn: () => api.get(`/api/units/${id}`, unit), staleTime: 5 * 60_000 });

export const fetchUnitPage = (params: UnitListParams) => api.get('/api/units', unitPage, params);

export const orgApi = {
  create: (input: OrgCreate) => api.post('/api/orgs', orgDetail, input),
  update: (id: string, input: OrgUpdate) => api.patch(`/api/orgs/${id}`, orgDetail, input),
  remove: (id: string) => api.delete(`/api/orgs/${id}`, ok),
  reform: (input: ReformInput) => api.post('/api/orgs/reforms', orgEvents, input),
  renewTerm: (id: string, input: TermRenewal) => api.post(`/api/orgs/${id}/terms`, orgTerms, input),
  createUnit: (input: UnitInput) => api.post('/api/units', unit, input),
  updateUnit: (id: string, input: z.output<typeof unitUpdate>) => api.patch(`/api/units/${id}`, unit, input),
};

/** After a child is added: the parent's children and the parent's own node (its childCount) change. */
export async function refreshAfterCreate(client: QueryClient, parent: Pick<Org, 'id' | 'parentId'>) {
  await Promise.all([
    client.invalidateQueries({ queryKey: orgKeys.treeOf(parent.id) }),
    client.invalidateQueries({ queryKey: orgKeys.treeOf(parent.parentId) }),
    client.invalidateQueries({ queryKey: orgKeys.detail(parent.id) }),
    client.invalidateQueries({ queryKey: ['orgs', 'list'] }),
    client.invalidateQueries({ queryKey: ['orgs', 'renewals'] }),
    client.invalidateQueries({ queryKey: unitKeys.all }),
  ]);
}
