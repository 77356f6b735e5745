import { join } from 'node:path';
import { build } from 'esbuild';
import { discoverFunctionEntries } from '../infra/app-function';
import { budgetEsbuildOptions, repoRoot } from '../infra/bundling';
import { isMain } from './support';

/**
 * What fills a bundle: `npx tsx bench/bundle-inputs-split.ts [function…] [--top N]`
 * builds each function as its size budget counts it (infra/bundling.ts) with an
 * esbuild metafile and prints the KB each package (node_modules/<pkg>) or source
 * folder (lib/<dir>) contributes to the minified output, largest first. A tool for
 * deciding what to move, not a benchmark: it writes nothing.
 */
const KB = 1024;

/** node_modules/<pkg> (scoped or not), else the first two path segments of our own code. */
export function inputGroup(path: string): string {
  const parts = path.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at >= 0) return parts[at + 1]?.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1]!;
  return parts.slice(0, Math.min(2, parts.length - 1)).join('/') || path;
}

export async function bundleInputs(entry: string): Promise<{ kb: number; groups: [string, number][] }> {
  const result = await build({
    ...budgetEsbuildOptions(entry, join(repoRoot, 'node_modules/.cache/bundle-inputs/index.mjs')),
    write: false,
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
  const groups = new Map<string, number>();
  for (const [path, input] of Object.entries(output.inputs))
    groups.set(inputGroup(path), (groups.get(inputGroup(path)) ?? 0) + input.bytesInOutput);
  return { kb: output.bytes / KB, groups: [...groups].sort((a, b) => b[1] - a[1]) };
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 12;
  const entries = discoverFunctionEntries();
  const names = args.length ? args : Object.keys(entries);
  for (const name of names) {
    const entry = entries[name];
    if (!entry) throw new Error(`no functions/${name}.ts`);
    const { kb, groups } = await bundleInputs(entry);
    console.log(`\n${name}: ${kb.toFixed(1)} KB`);
    for (const [group, bytes] of groups.slice(0, top)) console.log(`  ${(bytes / KB).toFixed(1).padStart(8)} KB  ${group}`);
  }
}
