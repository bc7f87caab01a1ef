import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadReport, LoadSpec } from './load.js';

/**
 * A closed-loop load generator on its own thread: `concurrency` lanes, each sending the same
 * request again as soon as the previous answer arrived, over keep-alive connections. Latency is
 * timed per request with hrtime (µs); answers that are not the expected ones count as errors.
 */
const spec = workerData as LoadSpec;
const url = new URL(spec.url);
const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
const headers = { ...spec.headers, 'content-length': String(Buffer.byteLength(spec.body)) };

function once(): Promise<{ ok: boolean; micros: number }> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const micros = Number(process.hrtime.bigint() - start) / 1000;
          resolve({
            ok: res.statusCode === spec.expectStatus && text.includes(spec.expectText),
            micros,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(spec.body);
  });
}

async function lane(until: bigint, samples: number[] | null, counts: { errors: number }) {
  while (process.hrtime.bigint() < until) {
    const { ok, micros } = await once();
    if (!ok) counts.errors += 1;
    else samples?.push(micros);
  }
}

async function phase(ms: number, samples: number[] | null) {
  const counts = { errors: 0 };
  const until = process.hrtime.bigint() + BigInt(ms) * 1_000_000n;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: spec.concurrency }, () => lane(until, samples, counts)));
  return { errors: counts.errors, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

await phase(spec.warmupMs, null);
parentPort!.postMessage('measuring');
const samples: number[] = [];
const { errors, elapsedMs } = await phase(spec.durationMs, samples);
agent.destroy();
const report: LoadReport = { latenciesMicros: samples, errors, elapsedMs };
parentPort!.postMessage(report);
