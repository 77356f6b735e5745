import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The layering rules of DESIGN.md, checked on the source so a slip fails CI rather than review. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const read = (f: string) => readFileSync(f, 'utf8');

describe('architecture', () => {
  it('keeps lib/domain pure: no AWS, Slack, file or network imports', () => {
    const offenders = sources('lib/domain').filter((f) => /from '(@aws-sdk|@slack|node:fs|node:http|node:net|fs|http)/.test(read(f)));
    expect(offenders).toEqual([]);
  });

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

  it('keeps Lambda entry points thin', () => {
    const long = sources('functions').filter((f) => read(f).split('\n').length > 150);
    expect(long).toEqual([]);
  });

  it('never imports the local stack from production code', () => {
    const offenders = [...sources('functions'), ...sources('lib')]
      .filter((f) => !f.startsWith(join('lib', 'local')))
      .filter((f) => /from '(\.\.\/)+local\//.test(read(f)) || /from '\.\/local\//.test(read(f)));
    expect(offenders).toEqual([]);
  });
});
