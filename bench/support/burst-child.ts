import { Agent, request } from 'node:http';

/**
 * A burst load generator in a process of its own (forked by placement-slow-upstream.bench.ts),
 * so the gateway process's memory and event loop are its own. Each `round` message sends `count`
 * copies of one POST at once over keep-alive connections (one socket per request in flight,
 * reused by the next round) and answers with the latency of each (µs, hrtime) and the number of
 * answers that were not the expected ones.
 */
export interface BurstSpec {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly expectStatus: number;
  readonly expectText: string;
  readonly count: number;
}

export interface BurstReport {
  readonly latenciesMicros: number[];
  readonly errors: number;
  readonly firstError: string | null;
  readonly elapsedMs: number;
}

const agents = new Map<string, Agent>();

function agentFor(origin: string): Agent {
  let agent = agents.get(origin);
  if (!agent) {
    // Idle sockets are dropped after 4 s, before the gateway's 5 s keep-alive timeout closes
    // them: a request written on a socket the server is closing would fail with a reset.
    agent = new Agent({ keepAlive: true, maxSockets: Infinity, timeout: 4_000 });
    agents.set(origin, agent);
  }
  return agent;
}

function once(
  spec: BurstSpec,
  headers: Record<string, string>,
): Promise<{ ok: string | null; micros: number }> {
  const url = new URL(spec.url);
  const start = process.hrtime.bigint();
  return new Promise((resolve) => {
    const done = (problem: string | null) =>
      resolve({ ok: problem, micros: Number(process.hrtime.bigint() - start) / 1000 });
    const req = request(
      {
        agent: agentFor(url.origin),
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          done(
            res.statusCode === spec.expectStatus && text.includes(spec.expectText)
              ? null
              : `${res.statusCode} ${text.slice(0, 200)}`,
          ),
        );
      },
    );
    req.on('error', (error) => done(error.message));
    req.end(spec.body);
  });
}

async function round(spec: BurstSpec): Promise<BurstReport> {
  const headers = { ...spec.headers, 'content-length': String(Buffer.byteLength(spec.body)) };
  const started = process.hrtime.bigint();
  const results = await Promise.all(Array.from({ length: spec.count }, () => once(spec, headers)));
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const failed = results.filter((r) => r.ok !== null);
  return {
    latenciesMicros: results.filter((r) => r.ok === null).map((r) => r.micros),
    errors: failed.length,
    firstError: failed[0]?.ok ?? null,
    elapsedMs,
  };
}

process.on('message', (spec: BurstSpec | 'exit') => {
  if (spec === 'exit') {
    for (const agent of agents.values()) agent.destroy();
    process.disconnect();
    return;
  }
  void round(spec).then((report) => process.send!(report));
});
