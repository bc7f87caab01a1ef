/** Helpers for the simulator's own specs (plain fetch, no client library under test). */

export type Encoding = 'form' | 'query' | 'json';
export const ENCODINGS: Encoding[] = ['form', 'query', 'json'];

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** Calls `/api/v2` with the fields in one of the three accepted encodings; returns the raw answer. */
export async function callRaw(
  url: string,
  fields: Record<string, unknown>,
  encoding: Encoding = 'form',
  signal?: AbortSignal,
): Promise<RawAnswer> {
  const strings = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  const form = new URLSearchParams(strings).toString();
  const response =
    encoding === 'query'
      ? await fetch(`${url}?${form}`, { redirect: 'manual', signal })
      : await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          signal,
          headers: {
            'content-type':
              encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
          },
          body: encoding === 'json' ? JSON.stringify(fields) : form,
        });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

/** Calls `/api/v2` and parses the JSON answer (HTTP 200 expected, errors included). */
export async function call(
  url: string,
  fields: Record<string, unknown>,
  encoding: Encoding = 'form',
): Promise<unknown> {
  const answer = await callRaw(url, fields, encoding);
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.text}`);
  return JSON.parse(answer.text) as unknown;
}
