import { DataSource } from 'typeorm';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { expectProblem } from '../support/problem.js';

describe('health and OpenAPI', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  it('is live and ready with the database up and migrations applied', async () => {
    expect((await gw.http().get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await gw.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { database: 'up', migrations: 'applied' },
    });
  });

  it('serves Swagger UI at /docs and the document at /docs-json with a bearer scheme', async () => {
    const ui = await gw.http().get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    const doc = (await gw.http().get('/docs-json')).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/health/live', '/health/ready', '/v1/me']),
    );
    expect(doc.paths['/v1/me'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/me'].get.operationId).toBe('getMe');
  });

  it('reports not ready (503 problem) when the database becomes unreachable', async () => {
    const dataSource = gw.app.get(DataSource);
    await dataSource.destroy();
    const res = await gw.http().get('/health/ready');
    const body = expectProblem(res, 503, 'not_ready');
    expect(body.checks).toEqual({ database: 'down', migrations: 'unknown' });
    await dataSource.initialize();
    expect((await gw.http().get('/health/ready')).status).toBe(200);
  });
});
