import { classifyAddress, judgeTarget, type HostResolver } from './target-guard.js';

/** A stub resolver: no name is ever resolved for real, no packet leaves the machine. */
const stub =
  (table: Record<string, string[]>): HostResolver =>
  (host) =>
    table[host] ? Promise.resolve(table[host]) : Promise.reject(new Error('ENOTFOUND'));

describe('classifyAddress', () => {
  it.each([
    ['93.184.216.34', 'public'],
    ['2606:2800:220:1::1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.20.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['fd12::1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe('judgeTarget', () => {
  const dns = stub({
    'hooks.example.com': ['93.184.216.34'],
    'rebound.example.com': ['93.184.216.34', '10.0.0.5'],
    'metadata.example.com': ['169.254.169.254'],
    'local.example.com': ['127.0.0.1'],
  });

  it('accepts https to a public address and names the address to connect to', async () => {
    const verdict = await judgeTarget('https://hooks.example.com/in', dns, false);
    expect(verdict).toMatchObject({ ok: true, address: '93.184.216.34' });
  });

  it('refuses http, credentials, private, loopback and metadata targets by default', async () => {
    for (const [url, reason] of [
      ['http://hooks.example.com/in', 'must use https'],
      ['https://u:p@hooks.example.com/in', 'must not carry credentials'],
      ['https://rebound.example.com/in', 'resolves to a private address'],
      ['https://local.example.com/in', 'resolves to a loopback address'],
      ['https://127.0.0.1/in', 'resolves to a loopback address'],
      ['https://metadata.example.com/', 'resolves to a metadata address'],
      ['https://[fe80::1]/', 'resolves to a link-local address'],
      ['https://nowhere.example.com/', 'host does not resolve'],
      ['ftp://hooks.example.com/', 'must use https'],
      ['not a url', 'is not an absolute URL'],
    ]) {
      expect(await judgeTarget(url!, dns, false), url).toEqual({ ok: false, reason });
    }
  });

  it('with allowPrivate accepts http to loopback/private, never metadata or http to public', async () => {
    expect(await judgeTarget('http://127.0.0.1:9/in', dns, true)).toMatchObject({ ok: true });
    expect(await judgeTarget('http://local.example.com/in', dns, true)).toMatchObject({
      ok: true,
      address: '127.0.0.1',
    });
    expect(await judgeTarget('https://metadata.example.com/', dns, true)).toEqual({
      ok: false,
      reason: 'resolves to a metadata address',
    });
    expect(await judgeTarget('http://hooks.example.com/', dns, true)).toEqual({
      ok: false,
      reason: 'http is allowed only to loopback or private addresses',
    });
  });
});
