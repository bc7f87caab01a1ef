import { chromium, type Browser, type Page } from 'playwright-core';
import { CREATE_ORDER_EXAMPLES } from '../../apps/gateway/src/orders/dto/create-order.examples.js';
import type { TestGateway } from '../support/gateway.js';
import {
  addPanel,
  createPartner,
  createService,
  followers,
  type Panel,
} from '../support/market.js';
import { startListeningGateway } from '../compat/support.js';

// Swagger UI in a real browser (Debian's chromium driven by playwright-core), as a newcomer uses it:
// /docs loads without console errors, Authorize with a partner token, GET /v1/services and
// POST /v1/orders with the documented example executed, the responses rendered.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('Swagger UI at /docs', () => {
  let gw: TestGateway;
  let origin: string;
  let panel: Panel;
  let token: string;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const started = await startListeningGateway();
    gw = started.gw;
    origin = started.apiUrl.replace(/\/api\/v2$/, '');
    panel = await addPanel(gw, { name: 'ui-panel', catalog: [followers(1, '1.00')] });
    // Service 1, a Default one: the documented example places an order on it as written.
    const serviceId = await createService(gw, { name: 'Followers' }, [
      { providerId: panel.providerId, upstreamServiceId: 1 },
    ]);
    expect(serviceId).toBe(CREATE_ORDER_EXAMPLES.default.value.serviceId);
    token = (await createPartner(gw, { name: 'ui-partner', credit: '100' })).token;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await panel?.sim.close();
    await gw?.close();
  });

  /** Opens an operation by its operationId (Swagger UI's element ids are `operations-<tag>-<id>`). */
  async function open(operationId: string) {
    const block = page.locator(`[id$="-${operationId}"]`).first();
    await block.locator('.opblock-summary').click();
    await block.getByRole('button', { name: 'Try it out' }).click();
    return block;
  }

  it('loads without console errors and lists the partner tags first', async () => {
    await page.goto(`${origin}/docs`);
    await page.waitForSelector('.opblock-tag-section');
    const tags = await page.locator('.opblock-tag-section h3').allInnerTexts();
    expect(tags[0]).toMatch(/^services/);
    expect(consoleErrors).toEqual([]);
  });

  it('authorizes with a partner token, lists services and places the example order (201)', async () => {
    await page
      .getByRole('button', { name: /Authorize/ })
      .first()
      .click();
    await page
      .locator('.modal-ux input[type="text"], .modal-ux input[type="password"]')
      .first()
      .fill(token);
    await page.locator('.modal-ux .auth-btn-wrapper button.authorize').click();
    await page.locator('.modal-ux .auth-btn-wrapper button.btn-done').click();

    const services = await open('listServices');
    await services.getByRole('button', { name: 'Execute' }).click();
    await expect
      .poll(() =>
        services.locator('.live-responses-table tbody .response-col_status').first().innerText(),
      )
      .toContain('200');
    expect(await services.locator('.live-responses-table').innerText()).toContain('Followers');

    const create = await open('createOrder');
    // The example body as Swagger UI fills it in (the default example), executed as it is.
    const body = await create.locator('textarea.body-param__text').inputValue();
    expect(JSON.parse(body)).toEqual(CREATE_ORDER_EXAMPLES.default.value);
    await create.getByRole('button', { name: 'Execute' }).click();
    await expect
      .poll(() =>
        create.locator('.live-responses-table tbody .response-col_status').first().innerText(),
      )
      .toContain('201');
    expect(await create.locator('.live-responses-table').innerText()).toContain(
      '"status": "pending"',
    );
    expect((await panel.sim.control.state()).orders).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});
