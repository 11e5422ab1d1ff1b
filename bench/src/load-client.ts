import http from 'node:http';
import autocannon from 'autocannon';
import type { Job, LoadJob, Reply, RequestSpec, Sample, SequentialJob } from './protocol';

// Runs in its own process so generating load never competes with the server for its event loop.

const requestTimeoutS = 10;

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

// Plain node:http over one kept-alive socket, as autocannon does: fetch's web streams would add their own
// allocation and garbage-collection pauses to every timing.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function send(baseUrl: string, spec: RequestSpec): Promise<number> {
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
        const status = await send(job.baseUrl, spec);
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

async function answer(job: Job): Promise<Reply> {
  try {
    return { ok: true, sample: await (job.type === 'load' ? load(job) : sequential(job)) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

process.on('message', (message) => {
  void answer(message as Job).then((reply) => process.send?.(reply));
});
