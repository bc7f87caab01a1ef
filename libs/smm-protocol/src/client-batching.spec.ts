import { send, sendJson, startLocalPanel, type LocalPanel } from '../test/local-panel.js';
import { SmmApiClient } from './client.js';

let panel: LocalPanel;
beforeAll(async () => {
  panel = await startLocalPanel();
});
afterAll(() => panel.close());
beforeEach(() => {
  panel.received.length = 0;
});

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);
const statusOf = (id: string) => ({
  charge: '0.1',
  start_count: '0',
  status: 'Completed',
  remains: '0',
  currency: 'USD',
  id,
});

/** A panel answering multi-status calls: every requested id is Completed. */
function answerStatuses(): void {
  panel.handle((req, res) => {
    const requested = req.fields['orders']!.split(',');
    sendJson(res, 200, Object.fromEntries(requested.map((id) => [id, statusOf(id)])));
  });
}

describe('lists of ids are split into calls of at most 100', () => {
  it('250 ids make 3 calls (100, 100, 50) and one merged result per id', async () => {
    answerStatuses();
    const batch = await new SmmApiClient({ url: panel.url, apiKey: 'k' }).statuses(ids(250));
    expect(panel.received.map((r) => r.fields['orders']!.split(',').length)).toEqual([
      100, 100, 50,
    ]);
    expect(panel.received[2]!.fields['orders']).toBe(ids(50, 201).join(','));
    expect(batch.calls.map((c) => c.ids.length)).toEqual([100, 100, 50]);
    expect(batch.results.size).toBe(250);
    expect(
      [...batch.results.values()].every((r) => r.kind === 'ok' && r.value.status === 'completed'),
    ).toBe(true);
  });

  it('the same for refills, refill statuses and cancels', async () => {
    const client = new SmmApiClient({ url: panel.url, apiKey: 'k', batchConcurrency: 3 });
    panel.handle((req, res) => {
      const list = (req.fields['orders'] ?? req.fields['refills'])!.split(',');
      const action = req.fields['action'];
      if (action === 'refill')
        sendJson(
          res,
          200,
          list.map((id) => ({ order: id, refill: `9${id}` })),
        );
      else if (action === 'refill_status')
        sendJson(
          res,
          200,
          list.map((id) => ({ refill: id, status: 'Pending' })),
        );
      else
        sendJson(
          res,
          200,
          list.map((id) => ({ order: Number(id), cancel: 1 })),
        );
    });
    const refills = await client.refills(ids(250));
    expect(refills.results.get('250')).toEqual({ kind: 'ok', value: '9250' });
    const statuses = await client.refillStatuses(ids(101));
    expect(statuses.calls).toHaveLength(2);
    expect(statuses.results.get('101')).toMatchObject({ kind: 'ok', value: { status: 'pending' } });
    const cancels = await client.cancel(ids(200));
    expect(cancels.calls).toHaveLength(2);
    expect([...cancels.results.values()].every((r) => r.kind === 'ok')).toBe(true);
    expect(panel.received).toHaveLength(3 + 2 + 2);
  });

  it('a call that gets no answer marks its own ids unanswered and spares the others', async () => {
    let calls = 0;
    panel.handle((req, res) => {
      if (++calls === 2) return send(res, 502, '<html>Bad Gateway</html>', 'text/html');
      const requested = req.fields['orders']!.split(',');
      sendJson(res, 200, Object.fromEntries(requested.map((id) => [id, statusOf(id)])));
    });
    const batch = await new SmmApiClient({ url: panel.url, apiKey: 'k' }).statuses(ids(250));
    expect(batch.results.get('100')?.kind).toBe('ok');
    expect(batch.results.get('101')).toMatchObject({
      kind: 'unanswered',
      outcome: { kind: 'ambiguous', cause: 'http_status' },
    });
    expect(batch.results.get('200')?.kind).toBe('unanswered');
    expect(batch.results.get('201')?.kind).toBe('ok');
  });

  it('duplicate ids are asked once, invalid ones not at all, missing ones are reported', async () => {
    panel.handle((_req, res) => sendJson(res, 200, { '1': statusOf('1') }));
    const batch = await new SmmApiClient({ url: panel.url, apiKey: 'k' }).statuses([
      1,
      '1',
      '001',
      2,
      'abc',
      0,
    ]);
    expect(panel.received.map((r) => r.fields['orders'])).toEqual(['1,2']);
    expect(batch.results.get('1')?.kind).toBe('ok');
    expect(batch.results.get('2')).toEqual({
      kind: 'invalid',
      message: 'missing from the response',
    });
    expect(batch.results.get('abc')?.kind).toBe('invalid');
    expect(batch.results.get('0')?.kind).toBe('invalid');
  });

  it('an empty list makes no call', async () => {
    const batch = await new SmmApiClient({ url: panel.url, apiKey: 'k' }).statuses([]);
    expect(batch.results.size).toBe(0);
    expect(panel.received).toHaveLength(0);
  });
});
