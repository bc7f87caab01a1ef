import { startGateway, type TestGateway } from '../support/gateway.js';
import { expectProblem } from '../support/problem.js';
import { ProbeModule } from './probe.module.js';

describe('errors are RFC 9457 problems with a stable code and the request id', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startGateway({ env: { BODY_LIMIT_BYTES: '2048' }, extraImports: [ProbeModule] });
  });
  afterAll(() => gw.close());

  it('answers 400 with each invalid field listed, and the body is not echoed', async () => {
    const res = await gw
      .http()
      .post('/probe/echo')
      .send({ name: 'x', count: 1000, item: { quantity: 0 }, extra: true });
    const body = expectProblem(res, 400, 'validation_failed');
    const errors = body.errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field).sort()).toEqual(['count', 'extra', 'item.quantity', 'name']);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it('accepts a valid body through the real pipe (transform to the DTO)', async () => {
    const res = await gw
      .http()
      .post('/probe/echo')
      .send({ name: 'abc', count: 5, item: { quantity: 2 } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: 'abc', count: 5, item: { quantity: 2 } });
  });

  it('answers 400 malformed_json for a broken JSON body', async () => {
    const res = await gw
      .http()
      .post('/probe/echo')
      .set('content-type', 'application/json')
      .send('{"name": ');
    expectProblem(res, 400, 'malformed_json');
  });

  it('answers 404 route_not_found for an unknown route', async () => {
    const res = await gw.http().get('/no/such/route');
    const body = expectProblem(res, 404, 'route_not_found');
    expect(body.instance).toBe('/no/such/route');
  });

  it('answers 405 with Allow for a known path under another method', async () => {
    const res = await gw.http().delete('/health/live');
    expectProblem(res, 405, 'method_not_allowed');
    expect(res.headers.allow).toContain('GET');
  });

  it('never names the refused method as allowed: an unknown file under /docs is a 404', async () => {
    const res = await gw.http().get('/docs/nonexistent');
    expectProblem(res, 404, 'route_not_found');
    expect(res.headers.allow).toBeUndefined();
  });

  it('answers a path parameter of any length as the route does, never a bare 414', async () => {
    const long = '9'.repeat(500);
    expectProblem(
      await gw.http().get(`/v1/admin/partners/${long}`).set(gw.admin),
      404,
      'not_found',
    );
  });

  it('answers 413 when the body exceeds BODY_LIMIT_BYTES', async () => {
    const res = await gw
      .http()
      .post('/probe/echo')
      .send({ name: 'x'.repeat(5000), count: 1, item: { quantity: 1 } });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('answers 500 without internals and logs the cause with the request id', async () => {
    const res = await gw.http().get('/probe/crash').set('x-request-id', 'crash-req-42');
    const body = expectProblem(res, 500, 'internal_error');
    expect(body.requestId).toBe('crash-req-42');
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toContain('stack');
    const logged = gw.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.requestId === 'crash-req-42' && l.level === 50);
    expect(logged, 'an error line carrying the request id').toBeDefined();
    expect(JSON.stringify(logged)).toContain('leaked in internals');
  });

  it('echoes a valid incoming X-Request-Id and replaces an invalid one', async () => {
    const ok = await gw.http().get('/health/live').set('x-request-id', 'abc-123');
    expect(ok.headers['x-request-id']).toBe('abc-123');
    const bad = await gw.http().get('/health/live').set('x-request-id', 'bad id with spaces');
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
