import http from 'node:http';
import autocannon from 'autocannon';
import { memberRow, memberWorkbook } from '../../apps/server/test/member-workbooks';
import type { BurstJob, Job, LoadJob, Outcomes, Reply, RequestSpec, Sample, SequentialJob, UploadJob } from './protocol';

// Runs in its own process so generating load never competes with the server for its event loop.

const requestTimeoutS = 10;
/** An import of 100,000 rows is one long request. */
const uploadTimeoutS = 600;

function load(job: LoadJob): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const latenciesMs: number[] = [];
    const instance = autocannon(
      { url: job.baseUrl, connections: job.connections, duration: job.durationS, timeout: requestTimeoutS, requests: job.requests },
      (error, result) => {
        if (error) reject(error);
        else resolve({ latenciesMs, elapsedS: result.duration, errors: result.errors + result.timeouts, non2xx: result.non2xx });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => latenciesMs.push(responseTimeMs));
  });
}

// Plain node:http over kept-alive sockets, as autocannon does: fetch's web streams would add their own
// allocation and garbage-collection pauses to every timing.
function send(baseUrl: string, spec: RequestSpec, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${baseUrl}${spec.path}`,
      { method: spec.method, headers: spec.headers, agent, timeout: requestTimeoutS * 1000 },
      (response) => {
        response.on('data', () => undefined);
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('request timed out')));
    request.on('error', reject);
    request.end(spec.body);
  });
}

const sequentialAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

async function sequential(job: SequentialJob): Promise<Sample> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const started = performance.now();
  for (const steps of job.iterations) {
    const t0 = performance.now();
    let ok = true;
    for (const spec of steps) {
      try {
        const status = await send(job.baseUrl, spec, sequentialAgent);
        if (status < 200 || status > 299) {
          non2xx += 1;
          ok = false;
        }
      } catch {
        errors += 1;
        ok = false;
      }
    }
    if (ok) latenciesMs.push(performance.now() - t0);
  }
  return { latenciesMs, elapsedS: (performance.now() - started) / 1000, errors, non2xx };
}

async function burst(job: BurstJob): Promise<Sample> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latenciesMs: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let next = 0;
  const worker = async () => {
    for (let spec = job.requests[next++]; spec; spec = job.requests[next++]) {
      const t0 = performance.now();
      try {
        const status = await send(job.baseUrl, spec, agent);
        if (status < 200 || status > 299) non2xx += 1;
        else latenciesMs.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(job.concurrency, job.requests.length) }, worker));
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  return { latenciesMs, elapsedS, errors, non2xx };
}

async function upload(job: UploadJob): Promise<Outcomes['upload']> {
  const building = performance.now();
  const body = await memberWorkbook(Array.from({ length: job.rows }, () => memberRow(job.org)));
  const buildMs = performance.now() - building;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(
      `${job.baseUrl}${job.path}`,
      { method: 'POST', headers: { ...job.headers, 'content-length': String(body.length) }, timeout: uploadTimeoutS * 1000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            elapsedMs: performance.now() - started,
            buildMs,
            bytes: body.length,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('upload timed out')));
    request.on('error', reject);
    request.end(body);
  });
}

function perform(job: Job): Promise<Outcomes[Job['type']]> {
  switch (job.type) {
    case 'load':
      return load(job);
    case 'sequential':
      return sequential(job);
    case 'burst':
      return burst(job);
    case 'upload':
      return upload(job);
  }
}

async function answer(job: Job): Promise<Reply> {
  try {
    return { ok: true, outcome: await perform(job) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

process.on('message', (message) => {
  void answer(message as Job).then((reply) => process.send?.(reply));
});
