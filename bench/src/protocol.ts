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

export type Job = LoadJob | SequentialJob;

export interface Sample {
  latenciesMs: number[];
  elapsedS: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
}

export type Reply = { ok: true; sample: Sample } | { ok: false; error: string };
