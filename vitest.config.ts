import { defineConfig } from 'vitest/config';

// Two tiers: unit specs beside the code, e2e specs in test/ against the real app.
// The e2e tier runs on SQLite always, and on PostgreSQL as well when TEST_DATABASE_URL is set.
// test/first-hour (the demo, Swagger UI in a browser, the SDK package) is engine-free and slow, so
// it runs once, in the sqlite project.
const e2e = (name: string, databaseKind: 'sqlite' | 'postgres') => ({
  extends: true as const,
  test: {
    name,
    include: ['test/**/*.e2e-spec.ts'],
    exclude:
      databaseKind === 'postgres' ? ['test/first-hour/**', 'node_modules/**'] : ['node_modules/**'],
    env: { E2E_DATABASE: databaseKind },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    globals: true,
    root: './',
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts'] },
      },
      {
        extends: true,
        // The protocol client against simulated panels over loopback HTTP: no gateway, no database.
        test: { name: 'contract', include: ['test/contract/**/*.spec.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        // The committed OpenAPI document and generated client against the built app (engine-free).
        test: { name: 'openapi', include: ['test/openapi/**/*.spec.ts'], testTimeout: 60_000 },
      },
      e2e('e2e-sqlite', 'sqlite'),
      ...(process.env.TEST_DATABASE_URL ? [e2e('e2e-postgres', 'postgres')] : []),
    ],
  },
});
