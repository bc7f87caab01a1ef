import { startGateway, type TestGateway } from '../support/gateway.js';
import { bearer, createPartner, issueToken } from './support.js';

interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
}

describe('partners in the OpenAPI document', () => {
  let gw: TestGateway;
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    gw = await startGateway();
    paths = (await gw.http().get('/docs-json')).body.paths;
  });
  afterAll(() => gw.close());

  it.each([
    ['post', '/v1/admin/partners', 'createPartner'],
    ['get', '/v1/admin/partners', 'listPartners'],
    ['get', '/v1/admin/partners/{id}', 'getPartner'],
    ['patch', '/v1/admin/partners/{id}', 'updatePartner'],
    ['post', '/v1/admin/partners/{id}/suspend', 'suspendPartner'],
    ['post', '/v1/admin/partners/{id}/reactivate', 'reactivatePartner'],
    ['post', '/v1/admin/partners/{id}/tokens', 'createPartnerToken'],
    ['get', '/v1/admin/partners/{id}/tokens', 'listPartnerTokens'],
    ['delete', '/v1/admin/tokens/{id}', 'revokeToken'],
    ['post', '/v1/admin/tokens/{id}/rotate', 'rotateToken'],
    ['post', '/v1/admin/partners/{id}/ledger', 'createLedgerEntry'],
    ['get', '/v1/admin/partners/{id}/ledger', 'listPartnerLedger'],
    ['get', '/v1/admin/audit', 'listAuditEntries'],
    ['get', '/v1/balance', 'getBalance'],
    ['get', '/v1/ledger', 'listLedger'],
    ['get', '/v1/ledger/{id}', 'getLedgerEntry'],
  ])('%s %s is %s, behind the bearer scheme, with 401/403/429 documented', (method, path, id) => {
    const operation = paths[path]?.[method];
    expect(operation, `${method} ${path}`).toBeDefined();
    expect(operation!.operationId).toBe(id);
    expect(operation!.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(operation!.responses)).toEqual(
      expect.arrayContaining(['401', '403', '429']),
    );
  });

  it('lets an issued token through the same header Swagger UI Authorize sends', async () => {
    const partner = await createPartner(gw);
    const { token } = await issueToken(gw, partner.id, ['balance:read']);
    const res = await gw
      .http()
      .get('/v1/balance')
      .set(bearer(token))
      .set('accept', 'application/json');
    expect(res.status).toBe(200);
  });
});
