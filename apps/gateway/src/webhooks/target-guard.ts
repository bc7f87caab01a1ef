import { BlockList, isIP } from 'node:net';

export type AddressClass =
  'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'reserved';

/** Resolves a host name to its addresses; injectable so tests never resolve real names. */
export type HostResolver = (host: string) => Promise<string[]>;

export const WEBHOOK_RESOLVER = Symbol('WEBHOOK_RESOLVER');

/**
 * Provided by a global module (tests mount one through AppOptions.extraImports), replaces the
 * system resolver: e2e tests resolve names from a fixed table, so no DNS query leaves the machine.
 */
export const WEBHOOK_RESOLVER_OVERRIDE = Symbol('WEBHOOK_RESOLVER_OVERRIDE');

const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

const ranges = (entries: [string, number, 'ipv4' | 'ipv6'][]): BlockList => {
  const list = new BlockList();
  for (const [net, prefix, family] of entries) list.addSubnet(net, prefix, family);
  return list;
};

const LOOPBACK = ranges([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);
const PRIVATE = ranges([
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['fc00::', 7, 'ipv6'],
]);
const LINK_LOCAL = ranges([
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
]);
const RESERVED = ranges([
  ['0.0.0.0', 8, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
]);

/** What kind of address this is; IPv4-mapped IPv6 addresses are judged as their IPv4 address. */
export function classifyAddress(address: string): AddressClass {
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return classifyAddress(mapped[1]!);
  const family = isIP(lower);
  if (family === 0) return 'reserved';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (METADATA.has(lower)) return 'metadata';
  if (LOOPBACK.check(lower, type)) return 'loopback';
  if (LINK_LOCAL.check(lower, type)) return 'link-local';
  if (PRIVATE.check(lower, type)) return 'private';
  if (RESERVED.check(lower, type)) return 'reserved';
  return 'public';
}

export type TargetVerdict =
  | { readonly ok: true; readonly url: URL; readonly address: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Whether a webhook URL may be called, judged on the addresses its host resolves to now (at
 * registration and again before every delivery, so a name rebound to a private address is
 * refused). `https` only; with allowPrivate, `http` and loopback/private addresses are allowed
 * too. Metadata, link-local and reserved addresses are always refused. The verdict names the
 * address to connect to, so the connection goes where the check looked.
 */
export async function judgeTarget(
  raw: string,
  resolve: HostResolver,
  allowPrivate: boolean,
): Promise<TargetVerdict> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'is not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'must use https' };
  }
  if (url.protocol === 'http:' && !allowPrivate) return { ok: false, reason: 'must use https' };
  if (url.username || url.password) return { ok: false, reason: 'must not carry credentials' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    return { ok: false, reason: 'host does not resolve' };
  }
  if (addresses.length === 0) return { ok: false, reason: 'host does not resolve' };
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind === 'public') continue;
    if (allowPrivate && (kind === 'loopback' || kind === 'private')) continue;
    return { ok: false, reason: `resolves to a ${kind} address` };
  }
  if (url.protocol === 'http:' && addresses.some((a) => classifyAddress(a) === 'public')) {
    return { ok: false, reason: 'http is allowed only to loopback or private addresses' };
  }
  return { ok: true, url, address: addresses[0]! };
}
