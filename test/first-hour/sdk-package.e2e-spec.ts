import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestGateway } from '../support/gateway.js';
import {
  addPanel,
  createPartner,
  createService,
  followers,
  type Panel,
} from '../support/market.js';
import { startListeningGateway } from '../compat/support.js';

const run = promisify(execFile);
const SDK = resolve('libs/sdk');
const TSC = resolve('node_modules/.bin/tsc');

// @smm-gateway/sdk as an outside project gets it: built, packed with npm pack, installed from the
// tarball into a scratch project outside the repository (offline: from npm's cache), the README
// example type-checked there and run against a real gateway.
describe('the SDK package', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'smm-sdk-user-'));
  let gw: TestGateway;
  let origin: string;
  let panel: Panel;
  let token: string;

  beforeAll(async () => {
    const started = await startListeningGateway();
    gw = started.gw;
    origin = started.apiUrl.replace(/\/api\/v2$/, '');
    panel = await addPanel(gw, { name: 'sdk-panel', catalog: [followers(1, '1.00')] });
    await createService(gw, { name: 'Followers' }, [
      { providerId: panel.providerId, upstreamServiceId: 1 },
    ]);
    token = (await createPartner(gw, { name: 'sdk-user', credit: '100' })).token;
  });

  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await panel?.sim.close();
    await gw?.close();
  });

  it('packs, installs outside the repo, type-checks and runs the example', async () => {
    await run(TSC, ['-p', join(SDK, 'tsconfig.build.json')]);
    cpSync(join(SDK, 'src/schema.d.ts'), join(SDK, 'dist/schema.d.ts'));
    await run('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: SDK });
    const tarball = readdirSync(scratch).find((f) => f.startsWith('smm-gateway-sdk-'))!;
    expect(tarball).toMatch(/^smm-gateway-sdk-\d+\.\d+\.\d+\.tgz$/);
    // No registry in tests (loopback only): the SDK's dependencies are the repository's installed
    // copies, packed the same way, so the install below resolves everything from tarballs.
    const dependencies: Record<string, string> = { '@smm-gateway/sdk': `file:./${tarball}` };
    for (const name of ['openapi-fetch', 'openapi-typescript-helpers']) {
      const { stdout } = await run(
        'npm',
        ['pack', '--silent', '--pack-destination', scratch, resolve('node_modules', name)],
        { cwd: scratch },
      );
      dependencies[name] = `file:./${stdout.trim()}`;
    }
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({ name: 'sdk-user', private: true, type: 'module', dependencies }),
    );
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent'], {
      cwd: scratch,
      timeout: 120_000,
    });
    cpSync(resolve('test/first-hour/sdk-example/example.ts'), join(scratch, 'example.ts'));
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2022', 'DOM'],
          strict: true,
          types: [],
          outDir: 'out',
        },
        files: ['example.ts'],
      }),
    );
    // Type-checked against the installed package's .d.ts, then run.
    await run(TSC, ['-p', join(scratch, 'tsconfig.json')]);
    const { stdout } = await run(process.execPath, [join(scratch, 'out/example.js')], {
      env: { PATH: process.env.PATH, GW: origin, TOKEN: token },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/^service \d+: Followers at [\d.]+ per 1000$/m);
    expect(stdout).toMatch(/^order \d+: pending, charged 1$/m);
    expect(stdout).toContain('refused: 422 no_eligible_offer');
    expect((await panel.sim.control.state()).orders).toHaveLength(1);
  }, 180_000);
});
