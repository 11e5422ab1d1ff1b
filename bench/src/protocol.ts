/** Messages between the runner and the load client process. */

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Closed-loop load with autocannon: each connection sends its next request as soon as the previous one answers. */
export interface LoadJob {
  type: 'load';
  baseUrl: string;
  connections: number;
  durationS: number;
  /** Cycled in order by every connection. */
  requests: RequestSpec[];
}

/** One iteration at a time; an iteration's steps run one after another and are timed together. */
export interface SequentialJob {
  type: 'sequential';
  baseUrl: string;
  iterations: RequestSpec[][];
}

/**
 * Every request sent exactly once, `concurrency` at a time, each on its own kept-alive socket: distinct requests
 * (one per signed-in member, say) that autocannon, which cycles one list per connection, would repeat.
 */
export interface BurstJob {
  type: 'burst';
  baseUrl: string;
  concurrency: number;
  requests: RequestSpec[];
}

/**
 * A member workbook of `rows` valid rows for the branch typed as `org`, built by the server tests' generator and
 * uploaded in one request. Built here so its memory never counts against the server process.
 */
export interface UploadJob {
  type: 'upload';
  baseUrl: string;
  path: string;
  headers: Record<string, string>;
  rows: number;
  org: string;
}

export type Job = LoadJob | SequentialJob | BurstJob | UploadJob;

export interface Sample {
  latenciesMs: number[];
  elapsedS: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
}

export interface Upload {
  status: number;
  /** From the first byte sent to the last byte of the answer. */
  elapsedMs: number;
  buildMs: number;
  bytes: number;
  body: string;
}

export interface Outcomes {
  load: Sample;
  sequential: Sample;
  burst: Sample;
  upload: Upload;
}

export type Reply = { ok: true; outcome: Outcomes[Job['type']] } | { ok: false; error: string };
