import type { AppConfig } from '../config/app-config.js';
import type { CatalogRevision } from './catalog-revision.js';
import type {
  ProviderAdapter,
  ProviderAdapterFactory,
  ProviderConnection,
} from './provider-adapter.js';
import { ProviderAdapters } from './provider-adapters.js';
import type { ProviderEntity } from './provider.entity.js';
import type { ProvidersRepository } from './providers.repository.js';
import { ProviderKeyCipher } from './provider-key-cipher.js';
import type { InstrumentedAdapter } from './instrumented-adapter.js';
import type { UpstreamObserver } from './upstream-observer.js';

const cipher = new ProviderKeyCipher({
  secrets: { encryptionKey: Buffer.alloc(32, 3) },
} as AppConfig);

/** Stands in for an adapter: only remembers the connection it was made for. */
type Recorded = ProviderAdapter & { connection: ProviderConnection };

function setup() {
  const row = { id: 1, apiUrl: 'http://a.test/api/v2', timeoutMs: 5000 } as ProviderEntity;
  row.apiKeyCiphertext = cipher.encrypt('key-1');
  let reads = 0;
  const providers = {
    find: async (id: number) => {
      reads += 1;
      return id === 1 ? { ...row } : null;
    },
  } as unknown as ProvidersRepository;
  const factory = {
    create: (connection: ProviderConnection) => ({ connection }) as unknown as ProviderAdapter,
  } as ProviderAdapterFactory;
  const local = { catalog: 0, providers: 0 };
  const shared = { catalog: 0, providers: 0 };
  const revision = {
    get localRevisions() {
      return { ...local };
    },
    current: async () => ({ ...shared }),
  } as unknown as CatalogRevision;
  const observer = { observe: () => undefined } as unknown as UpstreamObserver;
  const adapters = new ProviderAdapters(providers, factory, cipher, revision, observer);
  const url = async () =>
    ((await adapters.forProvider(1)) as InstrumentedAdapter as unknown as { inner: Recorded }).inner
      .connection.apiUrl;
  return { row, local, shared, adapters, url, reads: () => reads };
}

describe('ProviderAdapters.forProvider reads the provider row only after a provider write', () => {
  afterEach(() => vi.useRealTimers());

  it('serves repeated calls from memory', async () => {
    const s = setup();
    expect(await s.url()).toBe('http://a.test/api/v2');
    expect(await s.url()).toBe('http://a.test/api/v2');
    expect(s.reads()).toBe(1);
  });

  it('follows a change made by this process at once', async () => {
    const s = setup();
    await s.url();
    s.row.apiUrl = 'http://b.test/api/v2';
    s.local.providers += 1;
    expect(await s.url()).toBe('http://b.test/api/v2');
    expect(s.reads()).toBe(2);
  });

  it('follows a change made by another process within 2 s', async () => {
    vi.useFakeTimers({ now: 0, toFake: ['Date'] });
    const s = setup();
    await s.url();
    s.row.apiUrl = 'http://c.test/api/v2';
    s.shared.providers += 1;
    vi.setSystemTime(1_999);
    expect(await s.url()).toBe('http://a.test/api/v2');
    vi.setSystemTime(2_000);
    expect(await s.url()).toBe('http://c.test/api/v2');
  });

  it('answers 404 for a provider that does not exist, every time', async () => {
    const s = setup();
    await expect(s.adapters.forProvider(2)).rejects.toMatchObject({ code: 'not_found' });
    await expect(s.adapters.forProvider(2)).rejects.toMatchObject({ code: 'not_found' });
    expect(s.reads()).toBe(2);
  });
});
