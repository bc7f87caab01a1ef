import type { FastifyRequest } from 'fastify';

/** How a route that speaks another wire protocol answers an error (instead of a problem document). */
export interface RouteErrorReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

export type RouteErrorRenderer = (exception: unknown, requestId: string) => RouteErrorReply;

const KEY = 'errorReply';

/**
 * Fastify route config (`@RouteConfig(errorReplyConfig(render))` from @nestjs/platform-fastify)
 * for a route with its own error format, such as the API v2 facade. The global ProblemFilter hands
 * every error of such a route to this renderer: raised before the handler runs (body parsing,
 * size limits, content types) or escaping it.
 */
export const errorReplyConfig = (render: RouteErrorRenderer): Record<string, unknown> => ({
  [KEY]: render,
});

/** The renderer the matched route declares, if any. */
export function routeErrorRenderer(request: FastifyRequest): RouteErrorRenderer | undefined {
  const config = request.routeOptions?.config as unknown as Record<string, unknown> | undefined;
  const render = config?.[KEY];
  return typeof render === 'function' ? (render as RouteErrorRenderer) : undefined;
}
