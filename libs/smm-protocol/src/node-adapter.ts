import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import {
  AxiosError,
  AxiosHeaders,
  CanceledError,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';

/** What a custom `transport` must offer: node's `request(options, callback)`. */
interface RequestTransport {
  request(options: http.RequestOptions, callback: (res: http.IncomingMessage) => void): unknown;
}

/**
 * A lean axios adapter on node:http / node:https, for the protocol client's own kind of call: the
 * body already encoded (string), the answer wanted as text, redirects never followed, no proxy.
 * axios' own http adapter spends ~0.5 ms per call on this machine around the same socket work
 * (config normalisation, stream plumbing, a setsockopt per request); this one does only what the
 * client relies on, with the same error shapes (codes and messages) so outcomes classify alike:
 * - the agent (`httpAgent` / `httpsAgent`: keep-alive, TLS options, a custom lookup) and a
 *   `transport` with node's `request` signature, both as axios uses them;
 * - `signal` aborts the call (a CanceledError), `maxContentLength` caps the decoded answer
 *   ("maxContentLength size of N exceeded"), gzip/deflate/br answers are decoded when
 *   `decompress` is not false, the text is UTF-8 without BOM, `validateStatus` settles.
 * Not supported (the client sets none of them): `timeout` (the client keeps its own timers),
 * redirects (3xx answers are returned as they are), `proxy`, streams, `auth`, `params`.
 */
export function nodeHttpAdapter(config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
  return new Promise<AxiosResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    if (config.signal?.aborted) return fail(new CanceledError(undefined, config));

    let url: URL;
    try {
      url = new URL(config.url ?? '');
    } catch (error) {
      return fail(AxiosError.from(error, AxiosError.ERR_BAD_OPTION_VALUE, config));
    }
    const secure = url.protocol === 'https:';
    const body = typeof config.data === 'string' ? Buffer.from(config.data, 'utf8') : undefined;
    const transport = (config.transport as RequestTransport | undefined) ?? (secure ? https : http);
    const options: http.RequestOptions = {
      protocol: url.protocol,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port || undefined,
      path: url.pathname + url.search,
      method: (config.method ?? 'get').toUpperCase(),
      headers: requestHeaders(config, body),
      agent: (secure ? config.httpsAgent : config.httpAgent) as http.Agent | undefined,
    };

    const req = transport.request(options, (res) => {
      readAnswer(res, config, req).then((response) => {
        if (settled) return;
        settled = true;
        settle(response, resolve, reject);
      }, fail);
    }) as http.ClientRequest;

    req.once('socket', (socket: Socket) => {
      // TCP keep-alive probes on a pooled socket, as axios sets them (once per socket here).
      if (!req.reusedSocket && typeof socket.setKeepAlive === 'function') {
        socket.setKeepAlive(true, 60_000);
      }
    });
    req.on('error', (error) => fail(AxiosError.from(error, undefined, config, req)));
    const onAbort = () => {
      fail(new CanceledError(undefined, config, req));
      req.destroy();
    };
    config.signal?.addEventListener?.('abort', onAbort, { once: true });
    req.once('close', () => config.signal?.removeEventListener?.('abort', onAbort));
    req.end(body);
  });
}

function requestHeaders(
  config: InternalAxiosRequestConfig,
  body: Buffer | undefined,
): http.OutgoingHttpHeaders {
  const headers = AxiosHeaders.from(config.headers).normalize(false);
  if (body) headers.setContentLength(body.length, false);
  else headers.delete('Content-Type');
  if (config.decompress !== false)
    headers.set('Accept-Encoding', 'gzip, compress, deflate, br', false);
  return headers.toJSON(true) as http.OutgoingHttpHeaders;
}

/** The whole answer as text, decoded and capped at `maxContentLength` (after decoding). */
function readAnswer(
  res: http.IncomingMessage,
  config: InternalAxiosRequestConfig,
  req: http.ClientRequest,
): Promise<AxiosResponse<string>> {
  return new Promise((resolve, reject) => {
    const max = config.maxContentLength ?? -1;
    const source = decoded(res, config.decompress !== false);
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const fail = (error: AxiosError) => {
      if (done) return;
      done = true;
      if (source !== res) source.destroy();
      res.destroy();
      reject(error);
    };
    source.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (max > -1 && total > max) {
        const message = `maxContentLength size of ${max} exceeded`;
        return fail(new AxiosError(message, AxiosError.ERR_BAD_RESPONSE, config, req));
      }
      chunks.push(chunk);
    });
    const aborted = () =>
      fail(new AxiosError('stream has been aborted', 'ECONNRESET', config, req));
    res.once('aborted', aborted);
    source.on('error', (error) => fail(AxiosError.from(error, undefined, config, req)));
    res.on('error', (error) => fail(AxiosError.from(error, undefined, config, req)));
    source.once('end', () => {
      if (done) return;
      done = true;
      const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      let text = buffer.toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      resolve({
        data: text,
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        headers: new AxiosHeaders(res.headers as Record<string, string>),
        config,
        request: req,
      });
    });
  });
}

/** The body stream, through a decoder when the answer says it is compressed. */
function decoded(res: http.IncomingMessage, decompress: boolean): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  if (!decompress || !encoding || res.statusCode === 204) return res;
  let decoder: zlib.Gunzip | zlib.Unzip | zlib.BrotliDecompress;
  if (encoding === 'br') decoder = zlib.createBrotliDecompress();
  else if (['gzip', 'x-gzip', 'compress', 'x-compress', 'deflate'].includes(encoding)) {
    // Unzip reads gzip and zlib-wrapped deflate; a raw deflate stream is an error (as unreadable).
    decoder = zlib.createUnzip({ flush: zlib.constants.Z_SYNC_FLUSH });
  } else return res;
  delete res.headers['content-encoding'];
  res.on('error', (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

function settle(
  response: AxiosResponse,
  resolve: (response: AxiosResponse) => void,
  reject: (error: unknown) => void,
): void {
  const validate = response.config.validateStatus;
  if (!validate || validate(response.status)) return resolve(response);
  const code = response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST;
  const message = `Request failed with status code ${response.status}`;
  reject(new AxiosError(message, code, response.config, response.request, response));
}
