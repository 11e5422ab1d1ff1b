import { benchDashboard } from './dashboard';
import type { LoadClient } from './load';
import type { AreaResult, Bench } from './measure';
import { benchDuesLedger, benchImport, benchMemberList } from './members';
import { benchCheckin, benchCompliance } from './orglife';
import { benchOrgs } from './orgs';
import type { Target } from './target';

/** The scenario groups, in the order they run: reads first, then the scenarios that write. */
export const areas = ['orgs', 'members', 'dues', 'compliance', 'dashboard', 'checkin', 'import'] as const;
export type Area = (typeof areas)[number];

const runners: Record<Area, (bench: Bench) => Promise<AreaResult>> = {
  orgs: benchOrgs,
  members: benchMemberList,
  dues: benchDuesLedger,
  compliance: benchCompliance,
  dashboard: benchDashboard,
  checkin: benchCheckin,
  import: benchImport,
};

export interface DbResult {
  kind: Target['kind'];
  version: string;
  seedMs: number;
  counts: Target['counts'];
  areas: Partial<Record<Area, AreaResult>>;
  failedRequests: number;
}

export async function benchDatabase(client: LoadClient, target: Target, selected: readonly Area[]): Promise<DbResult> {
  const bench: Bench = { client, target, failures: { count: 0 } };
  const results: DbResult['areas'] = {};
  for (const area of areas) if (selected.includes(area)) results[area] = await runners[area](bench);
  return {
    kind: target.kind,
    version: target.version,
    seedMs: target.seedMs,
    counts: target.counts,
    areas: results,
    failedRequests: bench.failures.count,
  };
}
