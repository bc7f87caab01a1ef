import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../config/app-config.js';
import { createGatewayApp } from '../create-app.js';
import { buildOpenApiDocument } from '../openapi.js';

/**
 * `npm run openapi`: writes the gateway's OpenAPI document to openapi/openapi.json (or the path
 * given). It runs from the build because only `nest build` applies the Swagger CLI plugin, which
 * reads DTO types and JSDoc. The app is created, never listening, on a throwaway SQLite database.
 */
const out = resolve(process.argv[2] ?? 'openapi/openapi.json');
const scratch = mkdtempSync(join(tmpdir(), 'gw-openapi-'));
try {
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(scratch, 'gateway.sqlite')}`,
    DATA_DIR: scratch,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
  });
  const app = await createGatewayApp(config);
  let json: string;
  try {
    json = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, json);
  process.stderr.write(`OpenAPI document written to ${out}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
