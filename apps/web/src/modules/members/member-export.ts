import type { MemberListQuery } from '@hangbiao/shared/contracts/members';
import type { MemberSheetLayout } from '@hangbiao/shared/glossary';
import { downloadHref } from '../../app/api';

/** The filters of the member list, without its paging: what an export of "the current list" takes. */
export type MemberExportFilter = Partial<Omit<MemberListQuery, 'page' | 'pageSize'>>;

export const memberTemplateHref = (layout: MemberSheetLayout) => downloadHref('/api/members/import/template', { layout });

export const memberExportHref = (filter: MemberExportFilter, layout: MemberSheetLayout) => downloadHref('/api/members/export', { ...filter, layout });

/** The national org collection form over the list's org subtree, or the user's whole scope. */
export const orgFormHref = (under: string | undefined) => downloadHref('/api/members/export/orgs', { under });

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
