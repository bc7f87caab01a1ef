import type { OpenAPIObject, PathItemObject, SchemaObject } from '@nestjs/swagger';

const text = (description: string, example?: string): SchemaObject => ({
  type: 'string',
  description,
  ...(example !== undefined ? { example } : {}),
});

const answer = (title: string, schema: SchemaObject): SchemaObject => ({ title, ...schema });
const status: SchemaObject = {
  type: 'object',
  properties: {
    charge: text('Money, at least 5 decimals', '0.27819'),
    start_count: text('Count as text', '3572'),
    status: text('Pending, In progress, Completed, Partial, Canceled', 'Partial'),
    remains: text('Count as text', '157'),
    currency: text('The account currency', 'USD'),
  },
};
const error: SchemaObject = answer('Refused (HTTP 200)', {
  type: 'object',
  required: ['error'],
  properties: { error: text('The panel message', 'Incorrect order ID') },
});

/**
 * The API v2 facade as an OpenAPI path item: one form-encoded endpoint whose answer depends on
 * `action`. Written by hand (the controller is excluded from the generated part) so the document
 * shows what panels and scripts call; docs/compat-api-v2.md is its full reference.
 */
const API_V2: PathItemObject = {
  post: {
    operationId: 'callApiV2',
    tags: ['api v2'],
    summary: 'Call the gateway as an API v2 panel (action in the form body)',
    description:
      'The protocol every SMM panel speaks, so any panel client or script can use the gateway as ' +
      'one more upstream: a form-encoded POST (a query-string GET, a JSON object, multipart and ' +
      'unlabelled bodies are read too) with `key` — a partner token — and `action`. Every refusal ' +
      'is HTTP 200 `{"error": "<panel message>"}`; only an `add` whose outcome is unknown answers ' +
      'HTTP 503 `{"error": …}` (read it as ambiguous: never resend blindly). See ' +
      'docs/compat-api-v2.md for every action, field, answer and message.',
    security: [],
    requestBody: {
      required: true,
      content: {
        'application/x-www-form-urlencoded': {
          schema: {
            type: 'object',
            required: ['key', 'action'],
            properties: {
              key: text('A partner token (smmgw_…), the same as its Bearer token on /v1'),
              action: {
                type: 'string',
                enum: ['services', 'add', 'status', 'refill', 'refill_status', 'cancel', 'balance'],
              },
              service: text('add: our service id', '1'),
              link: text('add', 'https://instagram.com/example'),
              quantity: text('add (types that take one)', '1000'),
              runs: text('add, drip-feed'),
              interval: text('add, drip-feed (minutes)'),
              comments: text('add, list types: one per line'),
              idempotency_key: text('add: the same key and fields answer the same order'),
              order: text('status, refill, cancel: one order id', '23501'),
              orders: text('status, refill, cancel: up to 100 ids, comma-separated', '23501,23502'),
              refill: text('refill_status: one refill id'),
              refills: text('refill_status: up to 100 ids, comma-separated'),
            },
          },
          examples: {
            add: {
              summary: 'Place an order',
              value: {
                key: 'smmgw_…',
                action: 'add',
                service: '1',
                link: 'https://instagram.com/example',
                quantity: '1000',
              },
            },
            status: {
              summary: 'One status',
              value: { key: 'smmgw_…', action: 'status', order: '23501' },
            },
            balance: { summary: 'The balance', value: { key: 'smmgw_…', action: 'balance' } },
          },
        },
      },
    },
    responses: {
      '200': {
        description: 'The answer of the action, or a refusal',
        content: {
          'application/json': {
            schema: {
              oneOf: [
                answer('services', { type: 'array', items: { type: 'object' } }),
                answer('add', {
                  type: 'object',
                  required: ['order'],
                  properties: { order: { type: 'integer', example: 23501 } },
                }),
                answer('status (one)', status),
                answer('status (many, keyed by id in the order asked)', {
                  type: 'object',
                  additionalProperties: { oneOf: [status, error] },
                }),
                answer('refill (one)', {
                  type: 'object',
                  properties: { refill: text('The refill id', '5') },
                }),
                answer('refill, refill_status (many), cancel', {
                  type: 'array',
                  items: { type: 'object' },
                }),
                answer('refill_status (one)', {
                  type: 'object',
                  properties: { status: text('Pending, In progress, Completed, Rejected, …') },
                }),
                answer('balance', {
                  type: 'object',
                  properties: {
                    balance: text('Money, at least 5 decimals', '100.84292'),
                    currency: text('The account currency', 'USD'),
                  },
                }),
                error,
              ],
            },
          },
        },
      },
    },
  },
};

/** The document with /api/v2 and its tag added. */
export function withApiV2(document: OpenAPIObject): OpenAPIObject {
  return {
    ...document,
    paths: { ...document.paths, '/api/v2': API_V2 },
    tags: beforeAdminTags(document.tags ?? [], {
      name: 'api v2',
      description: 'The gateway as one more SMM panel (the API v2 protocol)',
    }),
  };
}

/** Partner-facing tags come first, then the operators' `admin: …` ones. */
function beforeAdminTags<T extends { name: string }>(tags: T[], tag: T): T[] {
  const firstAdmin = tags.findIndex((t) => t.name.startsWith('admin: '));
  const at = firstAdmin < 0 ? tags.length : firstAdmin;
  return [...tags.slice(0, at), tag, ...tags.slice(at)];
}
