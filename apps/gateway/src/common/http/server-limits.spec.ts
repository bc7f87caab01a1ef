import { defaultMaxConnections } from './server-limits.js';

describe('the default connection cap', () => {
  it('leaves descriptors for upstream calls and the database: half of what is left after 256', () => {
    const limits = 'Max open files            1024                 1048576              files\n';
    expect(defaultMaxConnections(limits)).toBe(384);
    expect(defaultMaxConnections('Max open files 65536 65536 files')).toBe(32_640);
  });

  it('falls back to 1000 where the limit cannot be read, and never goes below 16', () => {
    expect(defaultMaxConnections(null)).toBe(1_000);
    expect(defaultMaxConnections('Max open files 100 100 files')).toBe(16);
  });
});
