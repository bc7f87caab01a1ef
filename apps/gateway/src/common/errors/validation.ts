import {
  ValidationPipe,
  type ArgumentMetadata,
  type Type,
  type ValidationError,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { controlCharacterPaths } from '../text/control-characters.js';
import { ValidationFailedError, type FieldError } from './domain-error.js';

/** Deeper JSON is refused before any transformer walks it (class-transformer recurses). */
export const MAX_JSON_DEPTH = 64;

/** Flattens class-validator's tree into one entry per field and constraint. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** True when the value nests objects or arrays deeper than `limit` (iterative: no recursion). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Whether the DTO documents `null` as a meaning of its own for this property (e.g. "clear"). */
function acceptsNull(metatype: Type<unknown>, property: string): boolean {
  const documented = Reflect.getMetadata(
    'swagger/apiModelProperties',
    metatype.prototype as object,
    property,
  ) as { nullable?: boolean } | undefined;
  return documented?.nullable === true;
}

/**
 * The global pipe: unknown fields are refused, payloads become DTO instances. Bodies nested
 * deeper than MAX_JSON_DEPTH are a 400 before anything walks them, text holding control
 * characters (a NUL, which PostgreSQL refuses) is a 400 naming each field, and `null` for an optional
 * field means the field is absent, unless the DTO documents null as meaning something (then it
 * is kept, e.g. `requestsPerMinute: null` returns a partner to the default).
 */
class GatewayValidationPipe extends ValidationPipe {
  /** Query DTOs an empty query string satisfies (learnt on first use: validation is pure). */
  private readonly emptyQueryValid = new WeakMap<Type<unknown>, boolean>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if (metadata.type === 'query' && metatype && isEmptyObject(value)) {
      // A list polled without filters: the same verdict every time, so only the instance is built.
      const known = this.emptyQueryValid.get(metatype);
      if (known === true) return plainToInstance(metatype, value, this.transformOptions);
      if (known === undefined) {
        const result = await super.transform(value, metadata).catch((error: unknown) => {
          this.emptyQueryValid.set(metatype, false);
          throw error;
        });
        this.emptyQueryValid.set(metatype, true);
        return result;
      }
    }
    if (metadata.type === 'body' && nestedDeeperThan(value, MAX_JSON_DEPTH)) {
      throw new ValidationFailedError([
        { field: 'body', message: `body must not nest deeper than ${MAX_JSON_DEPTH} levels` },
      ]);
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const fields = controlCharacterPaths(value);
      if (fields.length > 0) {
        throw new ValidationFailedError(
          fields.map((field) => ({
            field: field || metadata.type,
            message: `${field || metadata.type} must not contain control characters`,
          })),
        );
      }
    }
    const result = await super.transform(value, metadata);
    if (metadata.type === 'body' && metatype && result && typeof result === 'object') {
      const fields = result as Record<string, unknown>;
      for (const key of Object.keys(fields)) {
        if (fields[key] === null && !acceptsNull(metatype, key)) delete fields[key];
      }
    }
    return result;
  }
}

function isEmptyObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

export function createValidationPipe(): ValidationPipe {
  return new GatewayValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(fieldErrors(errors)),
  });
}
