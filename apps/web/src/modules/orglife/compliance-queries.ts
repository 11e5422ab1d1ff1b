import { ok } from '@hangbiao/shared/contracts/common';
import { complianceMatrix, complianceOrg, type ExemptionCreate, exemption } from '@hangbiao/shared/contracts/compliance';
import type { ComplianceStatus, MeetingKind } from '@hangbiao/shared/glossary';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface MatrixParams {
  under?: string | undefined;
  year: number;
  kind?: MeetingKind | undefined;
  status?: ComplianceStatus | undefined;
  page: number;
  pageSize: number;
}

/** The calendar year as the API's month range. */
export const yearRange = (year: number) => ({ from: `${year}-01`, to: `${year}-12` });

export const complianceKeys = {
  all: ['compliance'] as const,
  matrix: (params: MatrixParams) => ['compliance', 'matrix', params] as const,
  org: (orgId: string, year: number, kind: MeetingKind | undefined) => ['compliance', 'org', orgId, year, kind ?? 'all'] as const,
};

export const fetchMatrix = (params: MatrixParams) =>
  api.get('/api/orglife/compliance', complianceMatrix, {
    orgId: params.under,
    ...yearRange(params.year),
    kind: params.kind,
    status: params.status,
    page: params.page,
    pageSize: params.pageSize,
  });

export const complianceOrgQuery = (orgId: string, year: number, kind: MeetingKind | undefined) =>
  queryOptions({
    queryKey: complianceKeys.org(orgId, year, kind),
    queryFn: () => api.get(`/api/orglife/compliance/orgs/${orgId}`, complianceOrg, { ...yearRange(year), kind }),
  });

export const exemptionApi = {
  create: (input: ExemptionCreate) => api.post('/api/orglife/exemptions', exemption, input),
  remove: (id: string) => api.delete(`/api/orglife/exemptions/${id}`, ok),
};
