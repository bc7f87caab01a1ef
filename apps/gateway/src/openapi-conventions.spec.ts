import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { applyDocumentConventions } from './openapi-conventions.js';

const PROBLEM = { $ref: '#/components/schemas/ProblemDto' };
const json = (name: string) => ({
  'application/json': { schema: { $ref: `#/components/schemas/${name}` } },
});

const documentWith = (paths: OpenAPIObject['paths']): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths,
  components: { schemas: { ZetaDto: {}, AlphaDto: {}, ProblemDto: {} } },
});

const operation = (extra: Partial<OperationObject>): OperationObject => ({
  operationId: 'getThing',
  responses: { '200': { description: '', content: json('AlphaDto') } },
  ...extra,
});

describe('OpenAPI document conventions', () => {
  it('documents every error as application/problem+json, keeping a declared schema', () => {
    const doc = applyDocumentConventions(
      documentWith({
        '/a': {
          get: operation({
            responses: {
              '200': { description: 'ok', content: json('AlphaDto') },
              '404': { description: 'missing', content: json('ProblemDto') },
              '409': {
                description: 'taken',
                content: {
                  'application/json': {
                    schema: PROBLEM,
                    examples: { own: { summary: 'declared', value: { code: 'conflict' } } },
                  },
                },
              },
              '503': { description: 'down' },
            },
          }),
        },
      }),
      PROBLEM,
    );
    const responses = doc.paths['/a']!.get!.responses;
    const problem = (status: string) =>
      (responses[status] as { content: Record<string, { schema: unknown; examples?: object }> })
        .content;
    expect(responses['200']).toEqual({ description: 'ok', content: json('AlphaDto') });
    expect(Object.keys(problem('404'))).toEqual(['application/problem+json']);
    expect(problem('404')['application/problem+json']!.schema).toEqual(PROBLEM);
    // The handler's own examples stay; a status without them gets the catalog's default one.
    expect(problem('409')['application/problem+json']!.examples).toEqual({
      own: { summary: 'declared', value: { code: 'conflict' } },
    });
    expect(problem('404')['application/problem+json']!.examples).toMatchObject({
      not_found: { value: { code: 'not_found', status: 404 } },
    });
    expect(problem('503')['application/problem+json']!.examples).toMatchObject({
      service_unavailable: { value: { code: 'service_unavailable', status: 503 } },
    });
  });

  it('adds a 400 problem to operations that take input, and only to them', () => {
    const doc = applyDocumentConventions(
      documentWith({
        '/with-query': {
          get: operation({ parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }] }),
        },
        '/with-body': { post: operation({ requestBody: { content: json('AlphaDto') } }) },
        '/declared': {
          put: operation({
            requestBody: { content: json('AlphaDto') },
            responses: { '200': { description: 'ok' }, '400': { description: 'Invalid code' } },
          }),
        },
        '/none': { get: operation({ parameters: [] }) },
      }),
      PROBLEM,
    );
    expect(doc.paths['/with-query']!.get!.responses['400']).toMatchObject({
      description: expect.stringContaining('validation_failed'),
      content: { 'application/problem+json': { schema: PROBLEM } },
    });
    expect(doc.paths['/with-body']!.post!.responses['400']).toBeDefined();
    expect(doc.paths['/declared']!.put!.responses['400']).toMatchObject({
      description: 'Invalid code',
    });
    expect(doc.paths['/none']!.get!.responses['400']).toBeUndefined();
  });

  it('gives a response without a description its reason phrase', () => {
    const doc = applyDocumentConventions(documentWith({ '/a': { get: operation({}) } }), PROBLEM);
    expect(doc.paths['/a']!.get!.responses['200']).toMatchObject({ description: 'OK' });
  });

  it('sorts paths, methods and schemas, so module order does not show in the diff', () => {
    const doc = applyDocumentConventions(
      documentWith({
        '/v1/b': { post: operation({}), get: operation({}) },
        '/v1/a': { get: operation({}) },
      }),
      PROBLEM,
    );
    expect(Object.keys(doc.paths)).toEqual(['/v1/a', '/v1/b']);
    expect(Object.keys(doc.paths['/v1/b']!)).toEqual(['get', 'post']);
    expect(Object.keys(doc.components!.schemas!)).toEqual(['AlphaDto', 'ProblemDto', 'ZetaDto']);
  });
});
