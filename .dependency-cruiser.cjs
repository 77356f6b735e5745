/**
 * The layer rules of docs/architecture.md, checked on the real import graph (TypeScript-aware, type-only imports
 * told apart) by tests/unit/architecture.test.ts, which `npm test` runs. CLI: `npx depcruise lib functions infra`.
 *
 * Today's code still breaks some rules; those violations are listed by name in .dependency-cruiser-known-violations.json.
 * The test fails on any violation not listed there and on any listed one that no longer occurs, so the list can only
 * shrink: fix a violation, then delete its entry.
 */

/** npm packages the domain may use: pure computation, no I/O, no clock of their own. */
const pureLibraries = [
  'zod',
  'date-fns',
  '@date-fns/tz',
  'libphonenumber-js',
  'pinyin-pro',
  'tyme4ts',
  'opencc-js',
  'csv-parse',
  'csv-stringify',
];
/** Node built-ins the domain may use: hashing only (no fs, net, timers or randomness). */
const pureBuiltIns = ['crypto'];

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const dynamoDbSdk = '^node_modules/@aws-sdk/(client-dynamodb|lib-dynamodb|util-dynamodb)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-the-ground-floor',
      comment: 'lib/domain imports only lib/domain, the pure libraries listed in this file and node:crypto.',
      severity: 'error',
      from: { path: '^lib/domain/' },
      to: {
        pathNot: [
          '^lib/domain/',
          // a package whose `exports` map the resolver cannot follow (csv-parse/sync) shows as its bare name
          ...pureLibraries.map((p) => `^(node_modules/)?${escapeRegex(p)}/`),
          ...pureBuiltIns.map((b) => `^(node:)?${escapeRegex(b)}$`),
        ],
      },
    },
    {
      name: 'services-are-channel-neutral',
      comment: 'Use cases never import a channel adapter (Slack, HTTP, survey pages, charts) or the Slack SDK.',
      severity: 'error',
      from: { path: '^lib/services/' },
      to: { path: ['^lib/(slack|http|chart|survey-page)/', '^node_modules/@slack/'] },
    },
    {
      name: 'dynamodb-only-in-store',
      comment: 'Only lib/store talks to DynamoDB; lib/local may, to create the table in DynamoDB Local.',
      severity: 'error',
      from: { pathNot: ['^lib/store/', '^lib/local/'] },
      to: { path: dynamoDbSdk },
    },
    {
      name: 'store-is-sealed',
      comment:
        'Outside lib/store only its public entry (lib/store/index.ts: repositories, ops, entity types) and the table ' +
        'declaration (lib/store/table.ts, read by CDK and the local table bootstrap: names and indexes, no client, no keys) ' +
        'may be imported. The client, keys, item and batch helpers stay inside.',
      severity: 'error',
      from: { pathNot: '^lib/store/' },
      to: { path: '^lib/store/', pathNot: '^lib/store/(index|table)\\.ts$' },
    },
    {
      name: 'functions-are-thin',
      comment: 'Lambda entry points wire a handler to the context; rules, keys and AWS clients live in lib.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: ['^lib/(domain|store)/', '^node_modules/@aws-sdk/', '^functions/'] },
    },
    {
      name: 'no-local-stack-in-production',
      comment: 'lib/local (DynamoDB Local, emulators, fake Slack, demo data) is never bundled into a Lambda.',
      severity: 'error',
      from: { path: '^(lib|functions|infra)/', pathNot: '^lib/local/' },
      to: { path: '^lib/local/' },
    },
    {
      name: 'no-runtime-cycles',
      comment: 'A cycle of run-time imports; cycles through a type-only import are allowed (erased at compile time).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'cycle',
      comment: 'Any cycle, type-only ones included: the test allows only the type-only cycles it lists, each with its reason.',
      severity: 'info',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^cdk\\.out/', '^\\.data/', '^bench/results/'] },
    // resolve and parse with the TypeScript compiler, so `import type` is told apart from a run-time import
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    parser: 'tsc',
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
