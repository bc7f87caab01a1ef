import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving a request carries. Mutable: auth fills it in. */
export interface RequestContext {
  readonly requestId: string;
  partnerId?: number | null;
  tokenId?: number | null;
}

/**
 * The request being served, for log lines written anywhere below the HTTP layer (a service,
 * a repository, the upstream client) without passing it down. Entered by the Fastify hooks in
 * request-hooks.ts; read by the logger's mixin.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

/** Records who is calling once the bearer token is known. */
export function bindCaller(caller: { partnerId: number | null; tokenId: number | null }): void {
  const context = requestContext.getStore();
  if (!context) return;
  context.partnerId = caller.partnerId;
  context.tokenId = caller.tokenId;
}

/** The fields the logger adds to a line written inside a request (none outside one). */
export function contextFields(): Record<string, unknown> {
  const context = requestContext.getStore();
  if (!context) return {};
  const fields: Record<string, unknown> = { requestId: context.requestId };
  if (context.partnerId != null) fields.partnerId = context.partnerId;
  if (context.tokenId != null) fields.tokenId = context.tokenId;
  return fields;
}
