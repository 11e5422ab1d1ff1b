import { auditActions, auditEntityTypes } from '@hangbiao/shared/glossary';

/** What each audited action means, for people reading the log; unknown actions show their code only. */
export const actionLabels: Record<string, string> = Object.fromEntries(auditActions.keys.map((key) => [key, auditActions.label(key)]));

export const entityTypeLabels: Record<string, string> = Object.fromEntries(auditEntityTypes.keys.map((key) => [key, auditEntityTypes.label(key)]));
