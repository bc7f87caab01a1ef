import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '*.cjs',
      'eslint.config.js',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      // A user's own project (compiled against the packed SDK by test/first-hour/sdk-package).
      'test/first-hour/sdk-example/**',
      'libs/sdk/dist/**',
      'libs/sdk/src/schema.d.ts',
      // A plain Node launcher (npm run fuzz); the suite itself is TypeScript.
      'test/fuzz/run.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through AppConfig (apps/gateway/src/config).',
        },
      ],
    },
  },
  {
    // The only places allowed to read the environment: config loading, test/bench harnesses, tool configs.
    files: [
      'apps/gateway/src/config/**',
      'test/**',
      'bench/**',
      'vitest.config.ts',
      'apps/provider-sim/src/main.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
