import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { discoverFunctionEntries } from '../infra/app-function';
import { budgetEsbuildOptions, repoRoot } from '../infra/bundling';

/**
 * What a function's budgeted bundle is made of, to find what to cut:
 *   npx tsx bench/bundle-inputs.ts survey                 the largest inputs, by package and by file
 *   npx tsx bench/bundle-inputs.ts survey pinyin-pro      the import chain that pulls a module in
 * Same esbuild options as the budget (infra/bundling.ts), with a metafile; nothing is written.
 */
const KB = 1024;

export interface BundleInputs {
  /** bytes of the minified output */
  bytes: number;
  /** bytes each input contributes to the minified output, by path relative to the repository */
  inputs: Record<string, number>;
  metafile: Metafile;
}

export async function bundleInputs(name: string): Promise<BundleInputs> {
  const entry = discoverFunctionEntries()[name];
  if (!entry) throw new Error(`No function named ${name}: ${Object.keys(discoverFunctionEntries()).join(', ')}`);
  const result = await build({
    ...budgetEsbuildOptions(entry, join(repoRoot, 'node_modules/.cache/bundle-inputs/index.mjs')),
    write: false,
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
  const inputs = Object.fromEntries(Object.entries(output.inputs).map(([path, { bytesInOutput }]) => [path, bytesInOutput]));
  return { bytes: output.bytes, inputs, metafile: result.metafile };
}

/** `node_modules/pinyin-pro/dist/index.mjs` → `pinyin-pro`; our files stay as they are. */
export function packageOf(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  if (at < 0) return path;
  const [scope, name] = path.slice(at + 'node_modules/'.length).split('/');
  return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
}

/** The shortest chain of imports from the entry to the first input whose path contains `target`. */
export function importChain(metafile: Metafile, target: string): string[] | undefined {
  const entry = Object.values(metafile.outputs).find((o) => o.entryPoint)?.entryPoint;
  if (!entry) return undefined;
  const cameFrom = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length) {
    const path = queue.shift()!;
    if (path.includes(target)) {
      const chain: string[] = [];
      for (let at: string | null = path; at !== null; at = cameFrom.get(at) ?? null) chain.unshift(at);
      return chain;
    }
    for (const { path: next } of metafile.inputs[path]?.imports ?? []) {
      if (cameFrom.has(next) || !metafile.inputs[next]) continue;
      cameFrom.set(next, path);
      queue.push(next);
    }
  }
  return undefined;
}

async function main(name: string, target?: string) {
  const { bytes, inputs, metafile } = await bundleInputs(name);
  if (target) {
    const chain = importChain(metafile, target);
    console.log(chain ? chain.join('\n  → ') : `${name} does not include ${target}`);
    return;
  }
  const byPackage = new Map<string, number>();
  for (const [path, size] of Object.entries(inputs)) byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + size);
  const ours = [...byPackage].filter(([path]) => !path.includes('node_modules/') && inputs[path] !== undefined);
  const packages = [...byPackage].filter(([path]) => inputs[path] === undefined);
  const print = (title: string, rows: [string, number][], limit: number) => {
    console.log(`\n${title}`);
    for (const [path, size] of rows.sort((a, b) => b[1] - a[1]).slice(0, limit))
      console.log(`${(size / KB).toFixed(1).padStart(8)} KB  ${path}`);
  };
  console.log(`${name}: ${(bytes / KB).toFixed(1)} KB minified without the AWS SDK, ${Object.keys(inputs).length} inputs`);
  print('packages', packages, 25);
  const oursTotal = ours.reduce((sum, [, size]) => sum + size, 0);
  print(`our files (${(oursTotal / KB).toFixed(1)} KB in all)`, ours, 25);
}

// Not bench/support's isMain: that module opens DynamoDB Local's helpers and loads the subscribers.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [name, target] = process.argv.slice(2);
  if (!name) {
    console.error('usage: npx tsx bench/bundle-inputs.ts <function> [module to trace]');
    process.exit(2);
  }
  main(name, target).then(() => process.exit(0));
}
