import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import axios, { type AxiosInstance } from 'axios';
import type { AddOrderRequest } from './add-order.js';
import { SmmRequestError } from './errors.js';
import { exchange } from './http.js';
import { nodeHttpAdapter } from './node-adapter.js';
import { interpretResponse } from './interpret.js';
import type { CallDiagnostics, SmmNonSuccess, SmmOutcome } from './outcome.js';
import { parseServicesResponse, type ServiceCatalog } from './parse-services.js';
import * as parse from './parse-responses.js';
import type {
  Balance,
  OrderStatusInfo,
  PerIdResult,
  PerIdResults,
  PlacedOrder,
  PlacedRefill,
  RefillStatusInfo,
} from './parse-responses.js';
import { Redactor, truncate } from './redact.js';
import * as requests from './requests.js';
import type { SmmAction, SmmRequest, UpstreamIdInput } from './requests.js';
import { encodeRequest, type SmmTransport } from './transport.js';

export interface SmmApiClientOptions {
  /** The upstream's endpoint, e.g. https://panel.example/api/v2. Redirects are never followed. */
  readonly url: string;
  readonly apiKey: string;
  /** Default `form`. */
  readonly transport?: SmmTransport;
  /** Per-action call timeouts; defaults: services 30 s, add 15 s, others 10 s. */
  readonly timeoutMs?: Partial<Record<SmmAction, number>>;
  /** Time allowed to connect (DNS + TCP + TLS); default 5 s, never more than the call's timeout. */
  readonly connectTimeoutMs?: number;
  /** Defaults: agents shared by every client of the process (keep-alive, LIFO). */
  readonly httpAgent?: http.Agent;
  readonly httpsAgent?: https.Agent;
  /** Default `smm-gateway/1.0`. */
  readonly userAgent?: string;
  /** Ids per multi-id call, at most (and by default) 100. */
  readonly batchSize?: number;
  /** Multi-id calls in flight at once when a list needs several; default 1 (rate limits are tight). */
  readonly batchConcurrency?: number;
  /** Longest raw response kept in diagnostics; default 2000 characters. */
  readonly maxDiagnosticChars?: number;
  /** Largest answer accepted (catalogs are the big ones); default 64 MiB. */
  readonly maxResponseBytes?: number;
}

/** A multi-id call over any number of ids: one result per distinct requested id, plus each call made. */
export interface BatchResult<T> {
  readonly results: ReadonlyMap<string, PerIdResult<T>>;
  readonly calls: ReadonlyArray<{
    readonly ids: readonly string[];
    readonly outcome: SmmOutcome<PerIdResults<T>>;
  }>;
}

const DEFAULT_TIMEOUTS: Readonly<Record<SmmAction, number>> = {
  services: 30_000,
  add: 15_000,
  status: 10_000,
  refill: 10_000,
  refill_status: 10_000,
  cancel: 10_000,
  balance: 10_000,
};

// Keep-alive matters at hundreds of orders per second: a TLS handshake per call would dominate.
// The risk of keep-alive is a request written on a pooled socket the panel has just closed: a reset
// that makes an `add` ambiguous for nothing. So idle sockets are dropped after 4 s, before the 5 s
// that Apache and Node servers allow (Node lowers this further when a panel announces a shorter
// `Keep-Alive: timeout`, but only when the agent has a timeout of its own), and LIFO reuses the
// freshest socket.
const AGENT_OPTIONS = { keepAlive: true, scheduling: 'lifo', timeout: 4_000 } as const;
const sharedAgents = {
  http: new http.Agent(AGENT_OPTIONS),
  https: new https.Agent(AGENT_OPTIONS),
};

/**
 * A client for one upstream (one URL and key). The constructor throws SmmRequestError on a bad
 * URL or option; after that every method resolves to an outcome and never throws. Nothing is
 * retried here (the caller owns retry policy). The key appears in no outcome, message or
 * diagnostic.
 */
export class SmmApiClient {
  private readonly endpoint: URL;
  private readonly redactor: Redactor;
  private readonly http: AxiosInstance;
  private readonly agents: { readonly http: http.Agent; readonly https: https.Agent };

  constructor(private readonly options: SmmApiClientOptions) {
    this.endpoint = parseEndpoint(options.url);
    if (!options.apiKey) throw new SmmRequestError('an API key is required');
    const batchSize = options.batchSize ?? requests.MAX_IDS_PER_CALL;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > requests.MAX_IDS_PER_CALL) {
      throw new SmmRequestError(`batchSize must be from 1 to ${requests.MAX_IDS_PER_CALL}`);
    }
    this.redactor = new Redactor(options.apiKey);
    this.agents = {
      http: options.httpAgent ?? sharedAgents.http,
      https: options.httpsAgent ?? sharedAgents.https,
    };
    this.http = axios.create({
      headers: { 'User-Agent': options.userAgent ?? 'smm-gateway/1.0', Accept: 'application/json' },
      responseType: 'text',
      // Raw text in and out: the library encodes requests and decodes answers (exact decimals).
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      // Environment proxies would be a surprise nobody configured; pass an agent to use one.
      proxy: false,
      decompress: true,
      // The lean node:http adapter: same behaviour for these calls, a fraction of the CPU.
      adapter: nodeHttpAdapter,
    });
  }

  /** The upstream's catalog. */
  services(): Promise<SmmOutcome<ServiceCatalog>> {
    return this.call('services', requests.servicesRequest, parseServicesResponse);
  }

  /** Places an order; `ambiguous` means it may have been placed (never resend it blindly). */
  add(order: AddOrderRequest): Promise<SmmOutcome<PlacedOrder>> {
    return this.call('add', () => requests.addRequest(order), parse.parseAddResponse);
  }

  status(orderId: UpstreamIdInput): Promise<SmmOutcome<OrderStatusInfo>> {
    return this.call(
      'status',
      () => requests.statusRequest(orderId),
      (json) => parse.parseStatusResponse(json),
    );
  }

  /** Statuses of any number of orders, 100 per call. */
  statuses(orderIds: readonly UpstreamIdInput[]): Promise<BatchResult<OrderStatusInfo>> {
    return this.batch(
      'status',
      orderIds,
      requests.multiStatusRequest,
      parse.parseMultiStatusResponse,
    );
  }

  /** Asks for a refill of one order; the value is the refill id. */
  refill(orderId: UpstreamIdInput): Promise<SmmOutcome<PlacedRefill>> {
    return this.call('refill', () => requests.refillRequest(orderId), parse.parseRefillResponse);
  }

  /** Refills for any number of orders; results are keyed by order id, values are refill ids. */
  refills(orderIds: readonly UpstreamIdInput[]): Promise<BatchResult<string>> {
    return this.batch(
      'refill',
      orderIds,
      requests.multiRefillRequest,
      parse.parseMultiRefillResponse,
    );
  }

  refillStatus(refillId: UpstreamIdInput): Promise<SmmOutcome<RefillStatusInfo>> {
    return this.call(
      'refill_status',
      () => requests.refillStatusRequest(refillId),
      (json) => parse.parseRefillStatusResponse(json),
    );
  }

  refillStatuses(refillIds: readonly UpstreamIdInput[]): Promise<BatchResult<RefillStatusInfo>> {
    return this.batch(
      'refill_status',
      refillIds,
      requests.multiRefillStatusRequest,
      parse.parseMultiRefillStatusResponse,
    );
  }

  /** Asks to cancel orders; `ok` means the upstream accepted the request, not that it is canceled yet. */
  cancel(orderIds: readonly UpstreamIdInput[]): Promise<BatchResult<true>> {
    return this.batch('cancel', orderIds, requests.cancelRequest, parse.parseCancelResponse);
  }

  balance(): Promise<SmmOutcome<Balance>> {
    return this.call('balance', requests.balanceRequest, parse.parseBalanceResponse);
  }

  private async call<T>(
    action: SmmAction,
    build: () => SmmRequest,
    parseJson: (json: unknown) => T,
  ): Promise<SmmOutcome<T>> {
    const started = performance.now();
    let request: SmmRequest;
    try {
      request = build();
    } catch (error) {
      if (!(error instanceof SmmRequestError)) throw error;
      return this.invalidRequest(action, error, started);
    }
    const transport = this.options.transport ?? 'form';
    const encoded = encodeRequest(this.endpoint, request, this.options.apiKey, transport);
    const timeoutMs = this.options.timeoutMs?.[request.action] ?? DEFAULT_TIMEOUTS[request.action];
    const result = await exchange(
      this.http,
      encoded,
      {
        timeoutMs,
        connectTimeoutMs: this.options.connectTimeoutMs ?? 5_000,
        maxResponseBytes: this.options.maxResponseBytes ?? 64 * 1024 * 1024,
      },
      this.agents,
    );
    const diagnostics: CallDiagnostics = {
      action: request.action,
      method: encoded.method,
      url: this.redactor.redact(this.endpoint.origin + this.endpoint.pathname),
      request: truncate(this.redactor.redact(encoded.redacted), this.maxChars),
      httpStatus: result.kind === 'response' ? result.httpStatus : null,
      response:
        result.kind === 'response'
          ? truncate(this.redactor.redact(result.body), this.maxChars)
          : null,
      durationMs: Math.round(performance.now() - started),
    };
    if (result.kind === 'not_sent') {
      return {
        kind: 'failed',
        cause: result.cause,
        message: this.redactor.redact(result.detail),
        diagnostics,
      };
    }
    if (result.kind === 'no_answer') {
      return {
        kind: 'ambiguous',
        cause: result.cause,
        message: this.redactor.redact(result.detail),
        diagnostics,
      };
    }
    let outcome: SmmOutcome<T>;
    try {
      outcome = interpretResponse(request.action, result, parseJson, diagnostics);
    } catch (error) {
      // A bug in a parser, after the request was sent: an exception here would hide an order
      // that may have been placed, so it is reported like any answer we cannot read.
      const message = `could not read the answer: ${error instanceof Error ? error.message : String(error)}`;
      outcome = { kind: 'ambiguous', cause: 'unexpected_shape', message, diagnostics };
    }
    return outcome.kind === 'success'
      ? outcome
      : { ...outcome, message: this.redactor.redact(outcome.message) };
  }

  /** Splits ids into calls of at most batchSize and merges the answers per id. */
  private async batch<T>(
    action: SmmAction,
    ids: readonly UpstreamIdInput[],
    build: (ids: readonly string[]) => SmmRequest,
    parseJson: (json: unknown, requested: readonly string[]) => PerIdResults<T>,
  ): Promise<BatchResult<T>> {
    const results = new Map<string, PerIdResult<T>>();
    const valid = new Set<string>();
    for (const id of ids) {
      try {
        valid.add(requests.normalizeUpstreamId(id));
      } catch (error) {
        results.set(this.redactor.redact(String(id)), {
          kind: 'invalid',
          message: (error as Error).message,
        });
      }
    }
    const chunks = requests.chunk([...valid], this.options.batchSize ?? requests.MAX_IDS_PER_CALL);
    const calls = await mapLimited(
      chunks,
      this.options.batchConcurrency ?? 1,
      async (chunkIds) => ({
        ids: chunkIds,
        outcome: await this.call(
          action,
          () => build(chunkIds),
          (json) => this.redactMessages(parseJson(json, chunkIds)),
        ),
      }),
    );
    for (const { ids: chunkIds, outcome } of calls) {
      for (const id of chunkIds) results.set(id, perId(outcome, id));
    }
    return { results, calls };
  }

  /** Per-id messages are the panel's text, which may quote the key like any other answer. */
  private redactMessages<T>(results: PerIdResults<T>): PerIdResults<T> {
    for (const [id, result] of results) {
      if (result.kind === 'error' || result.kind === 'invalid') {
        results.set(id, { ...result, message: this.redactor.redact(result.message) });
      }
    }
    return results;
  }

  private invalidRequest(
    action: SmmAction,
    error: SmmRequestError,
    started: number,
  ): SmmOutcome<never> {
    const message = this.redactor.redact(error.message);
    return {
      kind: 'failed',
      cause: 'invalid_request',
      message,
      diagnostics: {
        action,
        method: this.options.transport === 'query' ? 'GET' : 'POST',
        url: this.redactor.redact(this.endpoint.origin + this.endpoint.pathname),
        request: '',
        httpStatus: null,
        response: null,
        durationMs: Math.round(performance.now() - started),
      },
    };
  }

  private get maxChars(): number {
    return this.options.maxDiagnosticChars ?? 2_000;
  }
}

function perId<T>(outcome: SmmOutcome<PerIdResults<T>>, id: string): PerIdResult<T> {
  if (outcome.kind !== 'success') return { kind: 'unanswered', outcome: outcome as SmmNonSuccess };
  return outcome.value.get(id) ?? { kind: 'invalid', message: 'missing from the response' };
}

function parseEndpoint(url: string): URL {
  let endpoint: URL;
  try {
    endpoint = new URL(url);
  } catch {
    throw new SmmRequestError('the upstream URL is not a valid URL');
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new SmmRequestError('the upstream URL must be http or https');
  }
  return endpoint;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the input order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
