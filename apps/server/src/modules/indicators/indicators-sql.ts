import { type SQL, sql } from 'drizzle-orm';

/** A glossary's Chinese labels as a SQL CASE over `expression`, so record lists show what the rest of the app shows. */
export function labelCase<K extends string>(expression: string, labels: { keys: readonly K[]; label: (key: K) => string }): SQL {
  return sql.raw(`case ${expression} ${labels.keys.map((k) => `when '${k}' then '${labels.label(k)}'`).join(' ')} end`);
}

/** An amount in fen as a number of yuan, which Excel can add up. */
export const yuan = (fen: SQL) => sql`round((${fen})::numeric / 100, 2)::float8`;
