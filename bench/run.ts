import { readdirSync } from 'node:fs';
import { writeResult } from './support';

/**
 * `npm run bench`: every bench/<name>.ts that exports a `bench…` function,
 * one after another (2 cores: running them together would measure contention).
 * Each writes bench/results/<name>.json. `npm run bench -- api care` runs a subset.
 */
const only = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'support.ts'].includes(f))
  .filter((f) => !only.length || only.includes(f.replace(/\.ts$/, '')));

let failed = 0;
for (const file of files) {
  const name = file.replace(/\.ts$/, '');
  const mod = (await import(`./${file}`)) as Record<string, unknown>;
  const fn = Object.entries(mod).find(([k, v]) => k.startsWith('bench') && typeof v === 'function')?.[1] as
    | (() => Promise<Record<string, unknown>>)
    | undefined;
  if (!fn) continue;
  console.log(`\n▶ ${name}`);
  const started = performance.now();
  try {
    const figures = await fn();
    writeResult(name, { ...figures, benchmark_seconds: Math.round((performance.now() - started) / 100) / 10 });
  } catch (error) {
    failed++;
    console.error(`✗ ${name}: ${(error as Error).stack ?? error}`);
  }
}
process.exit(failed ? 1 : 0);
