import type { IncomingMessage, ServerResponse } from 'node:http';

/** Large enough for long comment lists; a panel is not an upload service. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class BadRequest extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJsonObject(body: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new BadRequest('body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequest('body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/**
 * The API's fields from a form-urlencoded body (canonical), a JSON body, or none; a body without a
 * content type that looks like JSON is read as JSON, as lenient panels do.
 */
export function parseApiBody(contentType: string | undefined, body: string) {
  if (body.trim() === '') return {};
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json') || (type === '' && body.trimStart().startsWith('{'))) {
    return parseJsonObject(body);
  }
  return Object.fromEntries(new URLSearchParams(body));
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, type: string, text: string): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
