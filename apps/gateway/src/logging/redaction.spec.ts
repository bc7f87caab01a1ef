import { redactUrl } from './redaction.js';

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
