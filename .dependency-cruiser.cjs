/**
 * The architecture's rules, checked by `npm run lint` (docs/architecture.md explains them):
 * no cycles; the pure core imports no framework, no ORM, no DTO and no entity; SQL and the ORM's
 * query API live in repositories; apps do not import each other; auth does not know partners.
 */
const PURE_CORE =
  '^(libs/smm-protocol/|apps/gateway/src/(routing/(rank-offers|offer-table|fixed-point|route-types|route-inputs)\\.ts|orders/domain/|common/money/))';

/** Where TypeORM's query API may be used: repositories, entities, migrations, the database module. */
const PERSISTENCE =
  '(\\.repository\\.ts$|\\.entity\\.ts$|/migrations/|^apps/gateway/src/database/|\\.module\\.ts$|\\.spec\\.ts$)';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'protocol-lib-is-pure',
      severity: 'error',
      from: { path: '^libs/smm-protocol' },
      to: { path: '(@nestjs|typeorm|^apps/)' },
    },
    {
      name: 'pure-core-has-no-framework',
      comment: 'Ranking, the offer table, fixed point, order rules, money: plain TypeScript.',
      severity: 'error',
      from: { path: PURE_CORE, pathNot: '\\.spec\\.ts$' },
      to: {
        path: '(@nestjs|typeorm|class-validator|class-transformer|\\.dto\\.ts$|\\.entity\\.ts$)',
      },
    },
    {
      name: 'orm-only-in-repositories',
      comment: 'Services hold no SQL: queries go through a *.repository.ts of their aggregate.',
      severity: 'error',
      from: { path: '^apps/gateway/src/', pathNot: PERSISTENCE },
      to: {
        path: '(node_modules/typeorm/|node_modules/@nestjs/typeorm/)',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'auth-does-not-know-partners',
      comment: 'Auth declares the IssuedTokens port; the partners module binds it.',
      severity: 'error',
      from: { path: '^apps/gateway/src/auth/' },
      to: { path: '^apps/gateway/src/partners/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { conditionNames: ['source', 'import', 'types', 'node', 'default'] },
  },
};
