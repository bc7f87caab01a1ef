import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyInterceptor } from './idempotency.interceptor.js';

/** The handler honours an Idempotency-Key header (stored replies, 409 while in flight). */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER, // the name @Headers reads, so Swagger lists the header once
      required: false,
      description:
        'Recommended. Same key + same body replays the stored response (Idempotent-Replayed: true); ' +
        'same key + other body → 422; while the first request runs → 409. Kept ≥ 24 h, per partner.',
    }),
  );
