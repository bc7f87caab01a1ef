import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { catchError, concatMap, from, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../../auth/auth.decorators.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { ErrorCode } from '../../common/errors/error-codes.js';
import { IdempotencyRecovery } from './idempotency-recovery.js';
import { IdempotencyStore } from './idempotency.store.js';
import { requestHash } from './request-hash.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
export const VALID_IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

interface StoredProblem {
  problem: { code: ErrorCode; detail: string; [member: string]: unknown };
}

/**
 * Idempotency-Key for POST routes: the same key and body replays the stored response with
 * `Idempotent-Replayed: true`; the same key with another body is 422; while the first request
 * runs, 409. A failure that created something (its problem carries an `orderId`) is stored and
 * replayed; a failure that changed nothing releases the key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly recovery: IdempotencyRecovery,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    const partnerId = request.principal?.partnerId;
    if (header === undefined || partnerId === null || partnerId === undefined) return next.handle();
    if (typeof header !== 'string' || !VALID_IDEMPOTENCY_KEY.test(header)) {
      throw new DomainError(
        'invalid_idempotency_key',
        'Idempotency-Key must be 1 to 255 printable ASCII characters.',
      );
    }
    const key = header;
    const hash = requestHash(request.method, request.routeOptions.url ?? request.url, request.body);
    const begin = this.store.begin(partnerId, key, hash, () =>
      this.recovery.recover(partnerId, key),
    );

    return from(begin).pipe(
      concatMap((started) => {
        if (started.kind === 'replay') {
          reply.header(REPLAYED_HEADER, 'true');
          if (started.status >= 400) throw replayedProblem(started.body as StoredProblem);
          return from([started.body]);
        }
        return next.handle().pipe(
          concatMap(async (body: unknown) => {
            await this.store.complete(started.id, reply.statusCode, body);
            return body;
          }),
          catchError(async (error: unknown) => {
            if (error instanceof DomainError && error.extensions.orderId !== undefined) {
              await this.store.complete(started.id, 422, {
                problem: { code: error.code, detail: error.detail, ...error.extensions },
              } satisfies StoredProblem);
            } else {
              await this.store.release(started.id);
            }
            throw error;
          }),
        );
      }),
    );
  }
}

function replayedProblem(stored: StoredProblem): DomainError {
  const { code, detail, ...extensions } = stored.problem;
  return new DomainError(code, detail, extensions, { [REPLAYED_HEADER]: 'true' });
}
