import SwaggerParser from '@apidevtools/swagger-parser';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { OpenAPIV3 } from 'openapi-types';
import { ERROR_CATALOG, type ErrorCode } from '../../apps/gateway/src/common/errors/error-codes.js';
import { driftBetween, operationsOf } from './document.js';

const run = promisify(execFile);
const DOCUMENT = resolve('openapi/openapi.json');
const GENERATOR = resolve('dist/apps/gateway/src/cli/openapi.js');
const REGENERATE =
  'run `npm run openapi && npm run sdk`, review the diff, and commit openapi/openapi.json and libs/sdk/src/schema.d.ts';

// The document does not depend on the database engine: its own vitest project runs it once.
describe('the checked-in OpenAPI document and generated client', () => {
  let scratch: string;
  const committed = readFileSync(DOCUMENT, 'utf8');

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'gw-openapi-spec-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is exactly what the built app generates (Swagger plugin applied)', async () => {
    if (!existsSync(GENERATOR)) {
      throw new Error(`${GENERATOR} is missing: run npm run build first (npm test does)`);
    }
    const out = join(scratch, 'openapi.json');
    await run(process.execPath, [GENERATOR, out]);
    const generated = readFileSync(out, 'utf8');
    if (generated !== committed) {
      const drift = driftBetween(JSON.parse(committed), JSON.parse(generated));
      expect.fail(`openapi/openapi.json is stale (${drift.join('; ')}): ${REGENERATE}`);
    }
  });

  it('has libs/sdk/src/schema.d.ts generated from it (`npm run sdk`, same flags)', async () => {
    // openapi-typescript --check generates in memory and exits 1 when the file differs.
    await expect(
      run('npm', ['run', '--silent', 'sdk', '--', '--check']),
      `libs/sdk/src/schema.d.ts does not match openapi/openapi.json: ${REGENERATE}`,
    ).resolves.toBeDefined();
  });

  it('is a valid OpenAPI 3 document (swagger-parser: structure and every $ref)', async () => {
    const api = (await SwaggerParser.validate(DOCUMENT)) as OpenAPIV3.Document;
    expect(api.openapi).toMatch(/^3\./);
  });

  it('describes /api/v2: a form-encoded body with key and action, the answers by action', () => {
    const document = JSON.parse(committed) as OpenAPIV3.Document;
    const call = document.paths['/api/v2']!.post!;
    const body = (call.requestBody as OpenAPIV3.RequestBodyObject).content[
      'application/x-www-form-urlencoded'
    ]!.schema as OpenAPIV3.SchemaObject;
    expect(body.required).toEqual(['key', 'action']);
    expect((body.properties!.action as OpenAPIV3.SchemaObject).enum).toEqual([
      'services',
      'add',
      'status',
      'refill',
      'refill_status',
      'cancel',
      'balance',
    ]);
    const answers = (
      (call.responses['200'] as OpenAPIV3.ResponseObject).content!['application/json']!
        .schema as OpenAPIV3.SchemaObject
    ).oneOf as OpenAPIV3.SchemaObject[];
    expect(answers.map((a) => a.title)).toContain('Refused (HTTP 200)');
  });

  describe('as a contract', () => {
    const document = JSON.parse(committed) as OpenAPIV3.Document;
    const operations = operationsOf(document);

    it('has unique, verb-first operationIds (the handler names)', () => {
      const ids = operations.map((o) => o.operation.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const { key, operation } of operations) {
        expect(operation.operationId, key).toMatch(
          /^(get|list|create|update|set|apply|delete|revoke|rotate|suspend|reactivate|refresh|sync|explain|refill|cancel|resolve|eject|restore|call|send|redeliver)[A-Z]/,
        );
      }
    });

    it('gives every operation a summary and a tag', () => {
      for (const { key, operation } of operations) {
        expect(operation.summary?.trim(), key).toBeTruthy();
        expect(operation.summary, `${key}: one line; details go in @remarks`).not.toMatch(/\n/);
        expect(operation.tags?.length, key).toBeGreaterThan(0);
      }
    });

    it('puts every /v1 route behind the bearer scheme with 401, 403 and 429 documented', () => {
      expect(document.components?.securitySchemes?.bearer).toMatchObject({ scheme: 'bearer' });
      for (const { key, path, operation } of operations) {
        if (!path.startsWith('/v1/')) {
          expect(operation.security, `${key}: public, said explicitly`).toEqual([]);
          continue;
        }
        expect(operation.security, key).toEqual([{ bearer: [] }]);
        expect(Object.keys(operation.responses), key).toEqual(
          expect.arrayContaining(['401', '403', '429']),
        );
      }
    });

    it('documents exactly one success response, with a schema unless it is 204', () => {
      for (const { key, operation } of operations) {
        const success = Object.keys(operation.responses).filter((s) => /^2/.test(s));
        expect(success, key).toHaveLength(1);
        const response = operation.responses[success[0]!] as OpenAPIV3.ResponseObject;
        if (success[0] === '204') expect(response.content, key).toBeUndefined();
        else expect(response.content?.['application/json']?.schema, key).toBeDefined();
      }
    });

    it('documents every error as an application/problem+json problem', () => {
      for (const { key, operation } of operations) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!/^[45]/.test(status)) continue;
          const content = (response as OpenAPIV3.ResponseObject).content ?? {};
          expect(Object.keys(content), `${key} ${status}`).toEqual(['application/problem+json']);
          expect(content['application/problem+json']!.schema, `${key} ${status}`).toEqual({
            $ref: '#/components/schemas/ProblemDto',
          });
        }
      }
      expect(document.components?.schemas?.ProblemDto).toMatchObject({
        required: expect.arrayContaining(['type', 'title', 'status', 'code', 'requestId']),
      });
    });

    it('shows, for every error status, examples whose code the error catalog gives that status', () => {
      for (const { key, operation } of operations) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!/^[45]/.test(status)) continue;
          const media = (response as OpenAPIV3.ResponseObject).content![
            'application/problem+json'
          ]!;
          const examples = Object.entries(media.examples ?? {});
          expect(examples.length, `${key} ${status}`).toBeGreaterThan(0);
          for (const [name, example] of examples) {
            const value = (example as OpenAPIV3.ExampleObject).value as { code: string };
            const entry = ERROR_CATALOG[value.code as ErrorCode];
            expect(entry, `${key} ${status} ${name}: unknown code ${value.code}`).toBeDefined();
            expect(entry.status, `${key} ${status} ${name}`).toBe(Number(status));
            expect(value, `${key} ${status} ${name}`).toMatchObject({
              type: `urn:smm-gateway:problem:${value.code}`,
              title: entry.title,
              status: entry.status,
            });
          }
        }
      }
    });

    it('tags every admin route `admin: …`, partner tags first, each tag described', () => {
      const tags = document.tags ?? [];
      const names = tags.map((t) => t.name);
      for (const t of tags) expect(t.description, t.name).toBeTruthy();
      const firstAdmin = names.findIndex((n) => n.startsWith('admin: '));
      expect(names.slice(firstAdmin).every((n) => n.startsWith('admin: '))).toBe(true);
      for (const { key, path, operation } of operations) {
        for (const tag of operation.tags ?? []) {
          expect(names, `${key}: undeclared tag ${tag}`).toContain(tag);
          expect(tag.startsWith('admin: '), key).toBe(path.startsWith('/v1/admin/'));
        }
      }
    });

    it('documents 400 wherever there is input and 404 wherever an {id} names a resource', () => {
      for (const { key, path, operation } of operations) {
        const codes = Object.keys(operation.responses);
        // /api/v2 speaks the panels' protocol: refusals are HTTP 200 {"error": …}, never a 400.
        if ((operation.parameters?.length || operation.requestBody) && path !== '/api/v2') {
          expect(codes, key).toContain('400');
        }
        if (/\{id\}/.test(path)) expect(codes, key).toContain('404');
      }
    });
  });
});
