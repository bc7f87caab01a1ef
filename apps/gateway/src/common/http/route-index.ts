import { Injectable } from '@nestjs/common';
import FindMyWay, { type HTTPMethod } from 'find-my-way';

const METHODS: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Every route the server registered, so an unmatched request can be told apart:
 * a path that exists under another method is 405 (with Allow), anything else 404.
 * Fastify itself answers 404 for both.
 */
@Injectable()
export class RouteIndex {
  private readonly router = FindMyWay({ ignoreTrailingSlash: true });

  add(methods: string | string[], url: string): void {
    for (const method of Array.isArray(methods) ? methods : [methods]) {
      if (!METHODS.includes(method as HTTPMethod)) continue;
      try {
        this.router.on(method as HTTPMethod, url, () => undefined);
      } catch {
        // Already known (e.g. a HEAD route Fastify derives from GET): nothing to add.
      }
    }
  }

  /** Methods under which the path is served; empty when the path is unknown. */
  allowedMethods(path: string): string[] {
    const pathOnly = path.split('?')[0] ?? path;
    return METHODS.filter((method) => this.router.find(method, pathOnly) !== null);
  }
}
