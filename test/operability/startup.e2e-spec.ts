import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, engine, type TestDatabase } from '../support/database.js';
import { ADMIN_TOKEN, TEST_SECRETS } from '../support/gateway.js';
import { freePort, spawnGateway, waitForOk } from '../support/process.js';

const CLI_MAIN = resolve('dist/apps/gateway/src/cli/main.js');
const SECRETS = TEST_SECRETS as Record<string, string>;

/** Every non-empty line of a process's output, each parsed as JSON (throws on any other line). */
const jsonLines = (output: string): Record<string, unknown>[] =>
  output
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    });

/** Starts the built gateway and waits for it to exit (a startup failure). */
async function failedStart(env: Record<string, string>) {
  const gw = await spawnGateway(env);
  const code = await gw.exited;
  const lines = jsonLines(gw.output());
  return { code, lines };
}

function runCli(env: Record<string, string>, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((ok) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => ok({ code, stdout, stderr }));
  });
}

// Real processes. A normal start runs on both engines; the failures do not depend on the engine
// of the tier (they bring their own broken settings), so they run in the SQLite tier only.
describe(`startup: one line saying where it listens, or one JSON line and an exit code (${engine})`, () => {
  let dir: string;
  let blocker: Server | undefined;
  let db: TestDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gw-startup-'));
    writeFileSync(join(dir, 'a-file'), 'not a directory');
    db = await createTestDatabase();
  });
  afterAll(async () => {
    blocker?.close();
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  it('starts with JSON logs, route mappings at debug, and one listening line', async () => {
    const port = await freePort();
    const gw = await spawnGateway({
      DATABASE_URL: db.url,
      ...SECRETS,
      ADMIN_TOKEN,
      LOG_LEVEL: 'info',
      PORT: String(port),
    });
    try {
      await waitForOk(gw);
      const res = await fetch(`${gw.url}/v1/me`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-request-id': 'trace-me-123' },
      });
      expect(res.status).toBe(200);
      await fetch(`${gw.url}/v1/me`); // a 401
      // The access line is written once the response has gone out: wait for both.
      for (let i = 0; i < 100; i++) {
        if ((gw.output().match(/"route":"\/v1\/me"/g) ?? []).length >= 2) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await gw.stop();
    }
    const lines = jsonLines(gw.output());
    const messages = lines.map((l) => String(l.msg));
    expect(messages.filter((m) => m.startsWith('listening on'))).toEqual([
      `listening on http://127.0.0.1:${port} (docs: /docs, metrics: /metrics)`,
    ]);
    expect(messages.filter((m) => /Mapped \{|RoutesResolver|successfully started/.test(m))).toEqual(
      [],
    );
    const access = lines.filter((l) => l.msg === 'request completed' && l.route === '/v1/me');
    expect(access).toContainEqual(
      expect.objectContaining({
        requestId: 'trace-me-123',
        method: 'GET',
        status: 200,
        bytes: expect.any(Number),
        durationMs: expect.any(Number),
      }),
    );
    expect(access.find((l) => l.status === 401)?.requestId).toEqual(expect.any(String));
    expect(gw.output()).not.toContain(ADMIN_TOKEN);
  });

  if (engine !== 'sqlite') return;

  it('writes readable lines with LOG_FORMAT=pretty', async () => {
    const gw = await spawnGateway({
      DATABASE_URL: `sqlite:${join(dir, 'pretty', 'gw.sqlite')}`,
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'pretty',
    });
    try {
      await waitForOk(gw);
    } finally {
      await gw.stop();
    }
    expect(gw.output()).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}\[Gateway\] listening on http:/m);
    expect(gw.output()).not.toMatch(/^\{/m);
  });

  it('bad configuration: exit 78 naming the variable', async () => {
    const { code, lines } = await failedStart({ PORT: 'eighty' });
    expect(code).toBe(78);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 60,
        exitCode: 78,
        msg: 'invalid configuration',
        problems: ['PORT must be an integer from 0 to 65535'],
      }),
    ]);
  });

  it('an unusable SQLite path: exit 78 naming DATABASE_URL, with or without generated secrets', async () => {
    const url = `sqlite:${join(dir, 'a-file', 'gw.sqlite')}`;
    for (const env of [{ DATABASE_URL: url }, { DATABASE_URL: url, ...SECRETS }]) {
      const { code, lines } = await failedStart(env);
      expect(code).toBe(78);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 60, exitCode: 78 });
      expect(JSON.stringify(lines[0])).toContain('DATABASE_URL');
    }
  });

  it('a port in use: exit 69', async () => {
    const port = await freePort();
    blocker = createServer();
    await new Promise<void>((ok) => blocker!.listen(port, '127.0.0.1', ok));
    const { code, lines } = await failedStart({
      DATABASE_URL: `sqlite:${join(dir, 'busy', 'gw.sqlite')}`,
      ADMIN_TOKEN, // no bootstrap token to announce: the fatal line is the only line
      PORT: String(port),
    });
    expect(code).toBe(69);
    expect(lines).toEqual([
      expect.objectContaining({ level: 60, exitCode: 69, code: 'EADDRINUSE', port }),
    ]);
  });

  it('an unreachable PostgreSQL: exit 69, JSON only', async () => {
    const port = await freePort(); // nothing listens there
    const { code, lines } = await failedStart({
      DATABASE_URL: `postgres://gateway@127.0.0.1:${port}/gateway`,
      ...SECRETS,
    });
    expect(code).toBe(69);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 60, exitCode: 69, variable: 'DATABASE_URL' });
  });

  it('the CLI: the same codes, its failure line on standard error', async () => {
    const bad = await runCli({ PORT: 'eighty' }, ['create-admin-token', '--name', 'ops']);
    expect(bad.code).toBe(78);
    expect(bad.stdout).toBe('');
    expect(jsonLines(bad.stderr)).toEqual([expect.objectContaining({ exitCode: 78 })]);

    const url = `sqlite:${join(dir, 'a-file', 'cli.sqlite')}`;
    const unusable = await runCli({ DATABASE_URL: url, ...SECRETS }, [
      'create-admin-token',
      '--name',
      'ops',
    ]);
    expect(unusable.code).toBe(78);
    expect(unusable.stderr).toContain('DATABASE_URL');

    const port = await freePort();
    const down = await runCli(
      { DATABASE_URL: `postgres://gateway@127.0.0.1:${port}/gateway`, ...SECRETS },
      ['create-admin-token', '--name', 'ops'],
    );
    expect(down.code).toBe(69);
    expect(jsonLines(down.stderr)).toEqual([expect.objectContaining({ exitCode: 69 })]);
  });
});
