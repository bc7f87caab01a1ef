const NUMBER_TOKEN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export type DecodedJson =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: 'empty' | 'not_json' | 'truncated' | 'malformed' };

/**
 * JSON.parse, except that every JSON number comes back as its exact source text (a string).
 *
 * Why: JSON.parse reads `"rate": 0.12345678901234567` through a float and loses digits before any
 * Decimal sees them. Money must stay exact from the wire, so numbers are quoted before parsing;
 * every reader in read.ts accepts a number or its text alike. `\/` escapes, a leading BOM and
 * surrounding whitespace are fine. A body that is not JSON says why: empty, not JSON at all (an
 * HTML page), truncated (a prefix of JSON: cut off by a proxy or a reset) or malformed.
 */
export function decodeJson(text: string): DecodedJson {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (!body) return { ok: false, problem: 'empty' };
  try {
    return { ok: true, value: JSON.parse(quoteNumbers(body)) };
  } catch {
    if (body[0] !== '{' && body[0] !== '[') return { ok: false, problem: 'not_json' };
    return { ok: false, problem: looksTruncated(body) ? 'truncated' : 'malformed' };
  }
}

/** Rewrites number tokens outside strings as strings: `{"a":1.50}` → `{"a":"1.50"}`. */
function quoteNumbers(json: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  let i = 0;
  const n = json.length;
  while (i < n) {
    const c = json.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = skipString(json, i);
      if (end < 0) break; // unterminated: JSON.parse will refuse it
      i = end;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < n && isNumberChar(json.charCodeAt(end))) end++;
      const token = json.slice(i, end);
      // A malformed token stays as it is, so that JSON.parse refuses it.
      if (NUMBER_TOKEN.test(token)) {
        parts.push(json.slice(copiedUpTo, i), '"', token, '"');
        copiedUpTo = end;
      }
      i = end;
    } else {
      i++;
    }
  }
  if (copiedUpTo === 0) return json;
  parts.push(json.slice(copiedUpTo));
  return parts.join('');
}

/** Index just past the string that opens at `start`, or -1 when it is never closed. */
function skipString(json: string, start: number): number {
  let i = start + 1;
  while (i < json.length) {
    const c = json.charCodeAt(i);
    if (c === 0x5c /* \ */) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return -1;
}

function isNumberChar(c: number): boolean {
  // digits . + - e E
  return (
    (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2b || c === 0x2d || c === 0x65 || c === 0x45
  );
}

/** A body that reads like the start of valid JSON: an open string or unclosed brackets. */
function looksTruncated(body: string): boolean {
  let depth = 0;
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === '"') {
      const end = skipString(body, i);
      if (end < 0) return true;
      i = end;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  }
  return depth > 0;
}
