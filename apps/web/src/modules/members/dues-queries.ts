import { ok } from '@hangbiao/shared/contracts/common';
import {
  type DuesBaseConfirm,
  type DuesBaseInput,
  type DuesBaseUpdate,
  type DuesLedgerQuery,
  type DuesPaymentsInput,
  type DuesReliefInput,
  type DuesReliefUpdate,
  type duesAlertQuery,
  duesArrearsPage,
  type duesArrearsQuery,
  duesBase,
  duesBaseConfirmed,
  duesLedger,
  duesPaymentsResult,
  duesRelief,
  duesReverifyPage,
  type duesReverifyQuery,
  duesTotals,
  type duesTotalsQuery,
  memberDues,
  type SpecialDuesCampaignInput,
  type SpecialDuesCampaignUpdate,
  type SpecialDuesContributionsInput,
  specialDuesCampaign,
  specialDuesContributionPage,
  type specialDuesContributionsQuery,
  specialDuesContributionsResult,
  type specialDuesListQuery,
  specialDuesPage,
  specialDuesTotals,
} from '@hangbiao/shared/contracts/dues';
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api';

type Params<S extends z.ZodType> = Partial<z.output<S>>;

export const duesKeys = {
  all: ['dues'] as const,
  ledger: (params: Partial<DuesLedgerQuery>) => ['dues', 'ledger', params] as const,
  arrears: (params: Params<typeof duesArrearsQuery>) => ['dues', 'arrears', params] as const,
  alerts: (params: Params<typeof duesAlertQuery>) => ['dues', 'alerts', params] as const,
  reverify: (params: Params<typeof duesReverifyQuery>) => ['dues', 'reverify', params] as const,
  totals: (params: Params<typeof duesTotalsQuery>) => ['dues', 'totals', params] as const,
  member: (id: string) => ['dues', 'member', id] as const,
  special: ['special-dues'] as const,
  campaigns: (params: Params<typeof specialDuesListQuery>) => ['special-dues', 'list', params] as const,
  campaign: (id: string) => ['special-dues', 'detail', id] as const,
  contributions: (id: string, params: Params<typeof specialDuesContributionsQuery>) => ['special-dues', 'contributions', id, params] as const,
  campaignTotals: (id: string, orgId: string | undefined) => ['special-dues', 'totals', id, orgId ?? 'default'] as const,
};

export const fetchLedger = (params: DuesLedgerQuery) => api.get('/api/dues/ledger', duesLedger, params);
export const fetchArrears = (params: z.output<typeof duesArrearsQuery>) => api.get('/api/dues/arrears', duesArrearsPage, params);
export const fetchAlerts = (params: z.output<typeof duesAlertQuery>) => api.get('/api/dues/alerts', duesArrearsPage, params);
export const fetchReverify = (params: z.output<typeof duesReverifyQuery>) => api.get('/api/dues/reverify', duesReverifyPage, params);
export const fetchCampaigns = (params: Params<typeof specialDuesListQuery>) => api.get('/api/special-dues', specialDuesPage, params);

export const totalsQuery = (params: z.output<typeof duesTotalsQuery>) =>
  queryOptions({ queryKey: duesKeys.totals(params), queryFn: () => api.get('/api/dues/totals', duesTotals, params) });

export const memberDuesQuery = (id: string) => queryOptions({ queryKey: duesKeys.member(id), queryFn: () => api.get(`/api/members/${id}/dues`, memberDues) });

export const campaignQuery = (id: string) =>
  queryOptions({ queryKey: duesKeys.campaign(id), queryFn: () => api.get(`/api/special-dues/${id}`, specialDuesCampaign) });

export const contributionsQuery = (id: string, params: Params<typeof specialDuesContributionsQuery>) =>
  queryOptions({
    queryKey: duesKeys.contributions(id, params),
    queryFn: () => api.get(`/api/special-dues/${id}/contributions`, specialDuesContributionPage, params),
  });

export const campaignTotalsQuery = (id: string, orgId: string | undefined) =>
  queryOptions({ queryKey: duesKeys.campaignTotals(id, orgId), queryFn: () => api.get(`/api/special-dues/${id}/totals`, specialDuesTotals, { orgId }) });

export const duesApi = {
  setBase: (memberId: string, input: DuesBaseInput) => api.post(`/api/members/${memberId}/dues/bases`, duesBase, input),
  updateBase: (id: string, input: DuesBaseUpdate) => api.patch(`/api/dues/bases/${id}`, duesBase, input),
  confirmBases: (input: DuesBaseConfirm) => api.post('/api/dues/bases/confirm', duesBaseConfirmed, input),
  grantRelief: (memberId: string, input: DuesReliefInput) => api.post(`/api/members/${memberId}/dues/reliefs`, duesRelief, input),
  updateRelief: (id: string, input: DuesReliefUpdate) => api.patch(`/api/dues/reliefs/${id}`, duesRelief, input),
  recordPayments: (input: DuesPaymentsInput) => api.post('/api/dues/payments', duesPaymentsResult, input),
  deletePayment: (id: string, version: number) => api.delete(`/api/dues/payments/${id}?version=${version}`, ok),
  createCampaign: (input: SpecialDuesCampaignInput) => api.post('/api/special-dues', specialDuesCampaign, input),
  updateCampaign: (id: string, input: SpecialDuesCampaignUpdate) => api.patch(`/api/special-dues/${id}`, specialDuesCampaign, input),
  recordContributions: (id: string, input: SpecialDuesContributionsInput) =>
    api.post(`/api/special-dues/${id}/contributions`, specialDuesContributionsResult, input),
  deleteContribution: (id: string) => api.delete(`/api/special-dues/contributions/${id}`, ok),
};

/** After any dues write every ledger, list and member tab may show other figures. */
export const refreshDues = (client: QueryClient) => client.invalidateQueries({ queryKey: duesKeys.all });
export const refreshSpecialDues = (client: QueryClient) => client.invalidateQueries({ queryKey: duesKeys.special });
