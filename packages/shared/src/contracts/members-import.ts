import { z } from 'zod';
import { memberSheetLayouts } from '../glossary';
import { id } from './common';
import { memberListQuery } from './members';

/** Which Excel layout a template, import or export uses; the registry's own by default. */
export const memberSheetQuery = z.strictObject({
  layout: z.enum(memberSheetLayouts.keys).default('registry'),
});

/** An export takes the member list's filters and order (GET /api/members), without paging. */
export const memberExportQuery = memberListQuery.omit({ page: true, pageSize: true }).extend(memberSheetQuery.shape);
export type MemberExportQuery = z.infer<typeof memberExportQuery>;

/** The national org collection form over one org's subtree; without it, over the caller's scope. */
export const orgFormQuery = z.strictObject({ under: id.optional() });
