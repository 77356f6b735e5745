import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cruise, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

/**
 * Runs the layer rules of .dependency-cruiser.cjs over the import graph of `roots` (relative to `baseDir`) and
 * returns every violation, known ones included. Used by tests/unit/architecture.test.ts on the repository and on
 * throw-away fixtures.
 */
export async function layerViolations(roots: string[], baseDir = process.cwd()): Promise<IViolation[]> {
  // a fixture links the repository's node_modules; keep the link so packages resolve to node_modules/…
  const preserveSymlinks = baseDir !== process.cwd();
  const options = await extractDepcruiseOptions(join(process.cwd(), '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(join(baseDir, 'tsconfig.json'));
  const result = await cruise(
    roots,
    { ...options, baseDir, preserveSymlinks, tsConfig: { fileName: join(baseDir, 'tsconfig.json') } },
    undefined,
    { tsConfig },
  );
  if (typeof result.output === 'string') throw new Error('dependency-cruiser returned a report instead of a cruise result');
  return result.output.summary.violations;
}

/** One line per violation, stable across runs, e.g. `domain-is-the-ground-floor: lib/domain/tier.ts → lib/config/customers.ts`. */
export function describeViolation(v: IViolation): string {
  const path = v.cycle?.length ? [v.from, ...v.cycle.map((step) => step.name)] : [v.from, v.to];
  return `${v.rule.name}: ${path.join(' → ')}`;
}

/** The violations that are errors, as lines (info-level findings such as type-only cycles are checked separately). */
export const errorLines = (violations: IViolation[]) =>
  [...new Set(violations.filter((v) => v.rule.severity === 'error').map(describeViolation))].sort();

export function knownViolationLines(file = '.dependency-cruiser-known-violations.json'): string[] {
  return errorLines(JSON.parse(readFileSync(file, 'utf8')) as IViolation[]);
}

/** What a change must fix: errors not in the baseline (new) and baseline entries that no longer occur (stale). */
export function compareWithBaseline(found: string[], known: string[]): { added: string[]; stale: string[] } {
  return { added: found.filter((line) => !known.includes(line)), stale: known.filter((line) => !found.includes(line)) };
}

/** A cycle as the sorted set of its modules, so the same cycle found from another module compares equal. */
export const cycleKey = (v: IViolation) => [...new Set([v.from, ...(v.cycle ?? []).map((step) => step.name)])].sort().join(' ⇄ ');
