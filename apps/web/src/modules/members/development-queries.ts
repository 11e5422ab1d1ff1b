import {
  type CaseCreate,
  type CaseDetail,
  type CaseStop,
  type CaseUpdate,
  caseDetail,
  type caseListQuery,
  casePage,
  developmentBoard,
  type StepInput,
  type StepWithdrawal,
  stepResult,
} from '@hangbiao/shared/contracts/development';
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api';

type CaseListParams = Partial<z.output<typeof caseListQuery>>;

export const developmentKeys = {
  all: ['development'] as const,
  board: (under: string | undefined) => ['development', 'board', under ?? 'all'] as const,
  list: (params: CaseListParams) => ['development', 'list', params] as const,
  detail: (id: string) => ['development', 'detail', id] as const,
};

export const boardQuery = (under: string | undefined) =>
  queryOptions({ queryKey: developmentKeys.board(under), queryFn: () => api.get('/api/development/board', developmentBoard, { under }) });

export const fetchCasePage = (params: CaseListParams) => api.get('/api/development/cases', casePage, params);

export const caseDetailQuery = (id: string) =>
  queryOptions({ queryKey: developmentKeys.detail(id), queryFn: () => api.get(`/api/development/cases/${id}`, caseDetail) });

export const developmentApi = {
  create: (input: CaseCreate) => api.post('/api/development/cases', caseDetail, input),
  update: (id: string, input: CaseUpdate) => api.patch(`/api/development/cases/${id}`, caseDetail, input),
  record: (id: string, input: StepInput) => api.post(`/api/development/cases/${id}/steps`, stepResult, input),
  stop: (id: string, input: CaseStop) => api.post(`/api/development/cases/${id}/stop`, caseDetail, input),
  withdrawStep: (id: string, input: StepWithdrawal) => api.post(`/api/development/cases/${id}/steps/withdraw`, caseDetail, input),
};

/** After a write: the case, the board and lists, and the member registry (admission and conversion change it). */
export async function refreshAfterWrite(client: QueryClient, saved: CaseDetail) {
  client.setQueryData(developmentKeys.detail(saved.id), saved);
  await Promise.all([
    client.invalidateQueries({ queryKey: ['development', 'board'] }),
    client.invalidateQueries({ queryKey: ['development', 'list'] }),
    client.invalidateQueries({ queryKey: ['members'] }),
  ]);
}
