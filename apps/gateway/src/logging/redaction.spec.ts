import { redactUrl, serializeError } from './redaction.js';

describe('redactUrl', () => {
  it('replaces the values of secret-named query parameters', () => {
    expect(redactUrl('/api/v2?key=smmgw_abc&action=balance')).toBe(
      '/api/v2?key=%5Bredacted%5D&action=balance',
    );
    expect(redactUrl('/x?Token=1&apiKey=2&API_KEY=3&q=4')).toBe(
      '/x?Token=%5Bredacted%5D&apiKey=%5Bredacted%5D&API_KEY=%5Bredacted%5D&q=4',
    );
  });

  it('leaves other URLs as they are', () => {
    expect(redactUrl('/v1/orders?ids=1,2')).toBe('/v1/orders?ids=1,2');
    expect(redactUrl('/health/ready')).toBe('/health/ready');
  });
});

describe('errors in log lines', () => {
  it('keep the failed statement and its code, never its bound values', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      name: 'QueryFailedError',
      query: 'INSERT INTO api_tokens (hash, last4) VALUES ($1, $2)',
      parameters: ['9f86d081884c7d659a2feaa0c55ad015', 'x7Qa'],
      detail: 'Key (hash)=(9f86d081884c7d659a2feaa0c55ad015) already exists.',
      driverError: { code: '23505', detail: 'Key (hash)=(9f86d081884c7d659a2feaa0c55ad015)' },
    });
    const logged = JSON.stringify(serializeError(error));
    expect(logged).not.toContain('9f86d081884c7d659a2feaa0c55ad015');
    expect(logged).not.toContain('x7Qa');
    expect(serializeError(error)).toMatchObject({
      message: 'duplicate key value violates unique constraint',
      query: 'INSERT INTO api_tokens (hash, last4) VALUES ($1, $2)',
      driverCode: '23505',
    });
  });
});
