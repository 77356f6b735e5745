import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { IViolation } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithBaseline, cycleKey, errorLines, knownViolationLines, layerViolations } from '../support/dependency-rules';

/**
 * The layer rules of docs/architecture.md on the real import graph (dependency-cruiser, rules in
 * .dependency-cruiser.cjs), plus the checks that are about code rather than imports.
 */

/** Type-only cycles that may stay: types are erased at compile time, so they order nothing at run time. */
const allowedTypeOnlyCycles: Record<string, string> = {
  'lib/i18n/ask.ts ⇄ lib/i18n/index.ts': 'same as the other catalogues',
  'lib/i18n/imports.ts ⇄ lib/i18n/index.ts': 'same as the other catalogues',
  'lib/i18n/care.ts ⇄ lib/i18n/index.ts': 'each catalogue is typed by the Catalogue shape that index.ts assembles',
  'lib/i18n/common.ts ⇄ lib/i18n/index.ts': 'same',
  'lib/i18n/complaints.ts ⇄ lib/i18n/index.ts': 'same',
  'lib/i18n/index.ts ⇄ lib/i18n/slack.ts': 'same',
  'lib/i18n/index.ts ⇄ lib/i18n/slack-imports.ts': 'same',
  'lib/i18n/index.ts ⇄ lib/i18n/surveys.ts': 'same',
  'infra/nag-suppressions.ts ⇄ infra/stack.ts': 'the suppressions take the stack as a parameter type',
};

describe('layer rules (dependency graph)', () => {
  let violations: IViolation[];
  beforeAll(async () => {
    violations = await layerViolations(['lib', 'functions', 'infra']);
  });

  it('finds no violation beyond the named baseline, and the baseline lists none that is fixed', () => {
    const { added, stale } = compareWithBaseline(errorLines(violations), knownViolationLines());
    // a new line here: fix the import (docs/architecture.md says where things go), do not add it to the baseline
    expect(added, 'new layer violations').toEqual([]);
    // a line here: it was fixed, delete it from .dependency-cruiser-known-violations.json so it cannot come back
    expect(stale, 'fixed violations still in the baseline').toEqual([]);
  });

  it('allows only the listed type-only cycles', () => {
    const runtime = new Set(violations.filter((v) => v.rule.name === 'no-runtime-cycles').map(cycleKey));
    const typeOnly = [...new Set(violations.filter((v) => v.rule.name === 'cycle').map(cycleKey))]
      .filter((key) => !runtime.has(key))
      .sort();
    expect(typeOnly).toEqual(Object.keys(allowedTypeOnlyCycles).sort());
  });
});

describe('layer rules catch a wrong import', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeAll(() => {
    // a throw-away repository outside the tree, with the real node_modules so package imports resolve
    root = mkdtempSync(join(tmpdir(), 'careloop-layers-'));
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
    write(
      'tsconfig.json',
      JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true } }),
    );
    write('lib/store/db.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const db = new DynamoDBClient({});\n");
    write('lib/store/index.ts', "export { db } from './db';\n");
    write('lib/services/uses-the-store.ts', "import { db } from '../store';\nexport const store = db;\n");
    write('lib/services/reaches-into-the-store.ts', "import { db } from '../store/db';\nexport const raw = db;\n");
    write('lib/slack/blocks.ts', "export const section = (text: string) => ({ type: 'section', text });\n");
    write(
      'lib/domain/fine.ts',
      "import * as z from 'zod';\nimport { createHash } from 'node:crypto';\nexport const id = z.string().transform((s) => createHash('sha256').update(s).digest('hex'));\n",
    );
    write('lib/domain/reads-the-table.ts', "import { db } from '../store/db';\nexport const client = db;\n");
    write('lib/domain/reads-a-file.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
    write('lib/services/renders-slack.ts', "import { section } from '../slack/blocks';\nexport const notice = () => section('hi');\n");
    write('lib/services/calls-slack.ts', "import { WebClient } from '@slack/web-api';\nexport const client = new WebClient();\n");
    write(
      'lib/http/own-client.ts',
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nexport const make = DynamoDBDocumentClient.from;\n",
    );
    write('functions/fat.ts', "import { db } from '../lib/store/db';\nexport const handler = async () => db.config;\n");
    write('lib/services/ping.ts', "import { pong } from './pong';\nexport const ping = () => pong();\n");
    write('lib/services/pong.ts', "import { ping } from './ping';\nexport const pong = (): unknown => ping;\n");
    write('lib/services/typed-a.ts', "import type { B } from './typed-b';\nexport interface A { b?: B }\nexport const a = 1;\n");
    write('lib/services/typed-b.ts', "import type { A } from './typed-a';\nexport interface B { a?: A }\nexport const b = 2;\n");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names each wrong import with its rule, and lets the right ones through', async () => {
    const found = errorLines(await layerViolations(['lib', 'functions'], root));
    expect(found).toEqual([
      'domain-is-the-ground-floor: lib/domain/reads-a-file.ts → fs',
      'domain-is-the-ground-floor: lib/domain/reads-the-table.ts → lib/store/db.ts',
      'dynamodb-only-in-store: lib/http/own-client.ts → node_modules/@aws-sdk/lib-dynamodb/dist-cjs/index.js',
      'functions-are-thin: functions/fat.ts → lib/store/db.ts',
      'no-runtime-cycles: lib/services/ping.ts → lib/services/pong.ts → lib/services/ping.ts',
      'services-are-channel-neutral: lib/services/calls-slack.ts → node_modules/@slack/web-api/dist/index.js',
      'services-are-channel-neutral: lib/services/renders-slack.ts → lib/slack/blocks.ts',
      'store-is-sealed: functions/fat.ts → lib/store/db.ts',
      'store-is-sealed: lib/domain/reads-the-table.ts → lib/store/db.ts',
      'store-is-sealed: lib/services/reaches-into-the-store.ts → lib/store/db.ts',
    ]);
  });

  it('fails the repository check when a new violation appears next to the baseline', async () => {
    const found = errorLines(await layerViolations(['lib', 'functions'], root));
    const { added } = compareWithBaseline(found, knownViolationLines());
    expect(added).toContain('domain-is-the-ground-floor: lib/domain/reads-the-table.ts → lib/store/db.ts');
    expect(compareWithBaseline(found.slice(1), found).stale).toEqual([found[0]]);
  });
});

/** Checks about code rather than imports. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const read = (f: string) => readFileSync(f, 'utf8');

describe('code rules', () => {
  it('never scans the table in request or job code', () => {
    const offenders = [...sources('lib'), ...sources('functions')].filter((f) => /ScanCommand|\.scan\(/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('builds DynamoDB keys only inside lib/store (and the local table bootstrap)', () => {
    const keyed = /\b(pk|gsi\dpk)\s*:\s*[`'"]/;
    const offenders = [...sources('lib'), ...sources('functions')]
      .filter((f) => !f.startsWith(join('lib', 'store')) && !f.startsWith(join('lib', 'local')))
      .filter((f) => keyed.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('keeps Lambda entry points short', () => {
    const long = sources('functions').filter((f) => read(f).split('\n').length > 150);
    expect(long).toEqual([]);
  });
});
