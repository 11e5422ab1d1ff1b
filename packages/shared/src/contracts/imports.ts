import { z } from 'zod';
import { importActions } from '../glossary';

/** Limits of every Excel import: upload size and rows, the issues a report lists (the error sheet has them all), preview rows. */
export const importLimits = {
  uploadBytes: 30 * 1024 * 1024,
  /** Data rows of one file; also bounds the work a small but highly compressed file can cause. */
  rows: 200_000,
  reportedIssues: 1000,
  previewRows: 20,
} as const;

/** One problem found in the uploaded sheet: its row as Excel numbers it (the header is row 1) and its column's title. */
export const importIssue = z.object({
  row: z.number().int().min(1),
  /** The column at fault; null when the row as a whole is (a duplicate, a record outside the scope). */
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssue>;

/** What an import found, or did: counts, the first issues and the first rows as they will be written. */
export const importReport = z.object({
  /** Whether the rows were written; a preview (or a file with errors) writes nothing. */
  committed: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows with at least one issue. */
  failed: z.number().int(),
  issueCount: z.number().int(),
  issues: z.array(importIssue).max(importLimits.reportedIssues),
  /** Titles of the preview's cells. */
  columns: z.array(z.string()),
  preview: z.array(z.object({ row: z.number().int(), action: z.enum(importActions.keys), cells: z.array(z.string()) })).max(importLimits.previewRows),
});
export type ImportReport = z.infer<typeof importReport>;
