import type { AddOrderRequest, CallDiagnostics, PlacedOrder, SmmOutcome } from '#smm-protocol';
import { ApiV2ProviderAdapter } from './api-v2-provider-adapter.js';

const diagnostics = {} as CallDiagnostics;
const placed: SmmOutcome<PlacedOrder> = { kind: 'success', value: { orderId: '7' }, diagnostics };
const lost: SmmOutcome<PlacedOrder> = {
  kind: 'ambiguous',
  cause: 'connection_reset',
  message: 'reset',
  diagnostics,
};
const unreachable: SmmOutcome<PlacedOrder> = {
  kind: 'failed',
  cause: 'connection_refused',
  message: 'refused',
  diagnostics,
};
const inFlight: SmmOutcome<PlacedOrder> = {
  kind: 'rejected',
  reason: 'rate_limited',
  retryElsewhere: true,
  message: 'An order with this idempotency key is being placed, try again later',
  diagnostics,
};
const badLink: SmmOutcome<PlacedOrder> = {
  kind: 'rejected',
  reason: 'bad_link',
  retryElsewhere: false,
  message: 'Incorrect link',
  diagnostics,
};

/** The adapter over a scripted client: each add answers the next outcome; every call recorded. */
function adapter(idempotentAdd: boolean, answers: SmmOutcome<PlacedOrder>[]) {
  const sent: AddOrderRequest[] = [];
  const subject = new ApiV2ProviderAdapter({
    providerId: 1,
    apiUrl: 'http://127.0.0.1:9/api/v2',
    apiKey: 'k',
    timeoutMs: 1000,
    idempotentAdd,
  });
  const client = {
    add: (order: AddOrderRequest) => {
      sent.push(order);
      return Promise.resolve(answers.shift() ?? lost);
    },
  };
  Object.assign(subject as unknown as { client: unknown }, { client });
  return { subject, sent };
}

const ORDER: AddOrderRequest = { service: '1', link: 'x', quantity: 100, idempotencyKey: 'k-1' };

describe('ApiV2ProviderAdapter.add', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true, advanceTimeDelta: 50 }));
  afterEach(() => vi.useRealTimers());

  it('never sends the key to a panel that does not honour it, and never resends', async () => {
    const { subject, sent } = adapter(false, [lost]);
    expect((await subject.add(ORDER)).kind).toBe('ambiguous');
    expect(sent).toEqual([{ service: '1', link: 'x', quantity: 100 }]);
  });

  it('resends an ambiguous add with the same key until it is answered', async () => {
    const { subject, sent } = adapter(true, [lost, lost, placed]);
    expect(await subject.add(ORDER)).toBe(placed);
    expect(sent.map((o) => o.idempotencyKey)).toEqual(['k-1', 'k-1', 'k-1']);
  });

  it('keeps the outcome unknown when resends are unreachable, rate limited or still in flight', async () => {
    const { subject, sent } = adapter(true, [lost, unreachable, inFlight, unreachable]);
    expect(await subject.add(ORDER)).toBe(lost); // never a failure that would allow failover
    expect(sent).toHaveLength(4);
  });

  it('a definite refusal of the resent key settles it', async () => {
    const { subject } = adapter(true, [lost, badLink]);
    expect(await subject.add(ORDER)).toBe(badLink);
  });
});
