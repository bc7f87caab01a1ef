import { expect } from 'vitest';
import type { Response } from 'supertest';

/** Asserts an RFC 9457 problem response with the given status and code; returns its body. */
export function expectProblem(
  res: Response,
  status: number,
  code: string,
): Record<string, unknown> {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: `urn:smm-gateway:problem:${code}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.requestId).toBe(res.headers['x-request-id']);
  return body;
}
