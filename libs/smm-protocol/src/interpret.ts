import { SmmParseError } from './errors.js';
import { decodeJson } from './json.js';
import {
  classifyUpstreamError,
  rejection,
  type AmbiguityCause,
  type CallDiagnostics,
  type SmmAmbiguous,
  type SmmOutcome,
} from './outcome.js';
import { isObject } from './read.js';
import type { SmmAction } from './requests.js';

/** What came back over HTTP, before any interpretation. */
export interface RawResponse {
  readonly httpStatus: number;
  readonly body: string;
}

/**
 * Turns an HTTP answer into an outcome. The request was sent, so the only outcomes are success,
 * rejected (the upstream said no: not processed) or ambiguous (no answer we can trust). The line
 * matters most for `add`: only a clean `{"order": N}` is success, only a clean `{"error": "..."}`
 * (or HTTP 429) is a rejection, and everything else may have placed the order.
 * - HTTP 429: rejected / rate_limited whatever the body says.
 * - A body that is not JSON (HTML error page, empty, truncated): ambiguous.
 * - `{"error": "..."}`: rejected with the reason its message names, whatever the HTTP status,
 *   except a 5xx whose message we cannot classify: a server that failed may have failed after
 *   placing the order, so that one is ambiguous.
 * - Anything the action's parser does not understand: ambiguous / unexpected_shape.
 */
export function interpretResponse<T>(
  action: SmmAction,
  response: RawResponse,
  parse: (json: unknown) => T,
  diagnostics: CallDiagnostics = bareDiagnostics(action, response),
): SmmOutcome<T> {
  const { httpStatus } = response;
  const decoded = decodeJson(response.body);

  if (httpStatus === 429) {
    const message = decoded.ok ? errorMessage(decoded.value) : undefined;
    return rejection(message ?? 'HTTP 429 Too Many Requests', diagnostics, 'rate_limited');
  }
  if (!decoded.ok) {
    const what = {
      empty: 'an empty body',
      not_json: 'a body that is not JSON',
      truncated: 'truncated JSON',
      malformed: 'malformed JSON',
    }[decoded.problem];
    if (httpStatus >= 300 && httpStatus < 400) {
      return ambiguous(
        'redirect',
        `HTTP ${httpStatus} redirect (the endpoint URL needs fixing)`,
        diagnostics,
      );
    }
    if (httpStatus < 200 || httpStatus >= 300) {
      return ambiguous('http_status', `HTTP ${httpStatus} with ${what}`, diagnostics);
    }
    const cause: AmbiguityCause =
      decoded.problem === 'truncated' || decoded.problem === 'malformed'
        ? 'invalid_json'
        : 'not_json';
    return ambiguous(cause, `HTTP ${httpStatus} with ${what}`, diagnostics);
  }

  const json = decoded.value;
  if (isObject(json) && 'error' in json) {
    const message = errorMessage(json);
    if (message === undefined || (action === 'add' && 'order' in json)) {
      return ambiguous(
        'unexpected_shape',
        'an error answer that is not a plain message',
        diagnostics,
      );
    }
    if (httpStatus >= 500 && classifyUpstreamError(message) === 'other') {
      return ambiguous('http_status', `HTTP ${httpStatus}: ${message}`, diagnostics);
    }
    return rejection(message, diagnostics);
  }

  try {
    return { kind: 'success', value: parse(json), diagnostics };
  } catch (error) {
    if (!(error instanceof SmmParseError)) throw error;
    return ambiguous(
      'unexpected_shape',
      `unexpected ${action} answer: ${error.message}`,
      diagnostics,
    );
  }
}

/** The message of a clean `{"error": "<message>"}`; undefined for anything else. */
function errorMessage(json: unknown): string | undefined {
  if (!isObject(json)) return undefined;
  const message = json['error'];
  return typeof message === 'string' && message.trim() ? message.trim() : undefined;
}

function ambiguous(
  cause: AmbiguityCause,
  message: string,
  diagnostics: CallDiagnostics,
): SmmAmbiguous {
  return { kind: 'ambiguous', cause, message, diagnostics };
}

function bareDiagnostics(action: SmmAction, response: RawResponse): CallDiagnostics {
  return {
    action,
    method: 'POST',
    url: '',
    request: '',
    httpStatus: response.httpStatus,
    response: response.body,
    durationMs: 0,
  };
}
