import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { discoverFunctionEntries } from '../../infra/app-function';
import { bundleBudgetKb, bundleBudgetsKb, overBudgetCeilingsKb } from '../../infra/bundle-budgets';
import { budgetEsbuildOptions, repoRoot } from '../../infra/bundling';

/**
 * Every function's bundle against its size budget (infra/bundle-budgets.ts), built
 * with the deployed esbuild options minus the AWS SDK. Sizes are deterministic for a
 * given lock file, so this asserts bytes; times are only ever printed by the bench.
 */
const KB = 1024;
const entries = discoverFunctionEntries();

type Measured = { kb: number; inputs: string[]; bytesOf: Record<string, number> };
const built = new Map<string, Promise<Measured>>();
function bundleKb(entry: string): Promise<Measured> {
  let bundle = built.get(entry);
  if (!bundle) built.set(entry, (bundle = measure(entry)));
  return bundle;
}

async function measure(entry: string): Promise<Measured> {
  const result = await build({
    ...budgetEsbuildOptions(entry, join(repoRoot, 'node_modules/.cache/budget/index.mjs')),
    write: false,
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
  const bytesOf = Object.fromEntries(Object.entries(output.inputs).map(([path, { bytesInOutput }]) => [path, bytesInOutput]));
  return { kb: output.bytes / KB, inputs: Object.keys(output.inputs), bytesOf };
}

describe('bundle budgets', { timeout: 120_000 }, () => {
  it('name only functions that exist', () => {
    for (const name of [...Object.keys(bundleBudgetsKb), ...Object.keys(overBudgetCeilingsKb)])
      expect(Object.keys(entries)).toContain(name);
  });

  for (const [name, entry] of Object.entries(entries)) {
    it(`${name} stays within its budget, or below its ceiling while over it`, async () => {
      const { kb } = await bundleKb(entry);
      const budget = bundleBudgetKb(name);
      const ceiling = overBudgetCeilingsKb[name];
      if (ceiling === undefined) {
        expect(kb, `${name}: ${kb.toFixed(1)} KB against a budget of ${budget} KB`).toBeLessThanOrEqual(budget);
      } else {
        expect(kb, `${name} grew past its ceiling`).toBeLessThanOrEqual(ceiling);
        expect(kb, `${name} is within its budget now: delete its ceiling`).toBeGreaterThan(budget);
      }
    });
  }

  it('leaves the event subscribers to the function that delivers events', async () => {
    const withSubscribers: string[] = [];
    for (const [name, entry] of Object.entries(entries)) {
      if ((await bundleKb(entry)).inputs.some((path) => path.startsWith('lib/services/subscribers/'))) withSubscribers.push(name);
    }
    // In AWS the table's stream delivers (EVENT_DELIVERY=stream): every other function only stages events.
    expect(withSubscribers).toEqual(['events']);
  });

  it('builds only the repositories acknowledging uses into the Slack endpoint, and no scheduler', async () => {
    const { bytesOf } = await bundleKb(entries.slack!);
    const ackPath = /^lib\/store\/(ack-store|customers|staff|idempotency|channel-posts|db|item|cursor|query)\.ts$/;
    // A module left out still keeps its import of the (external) SDK, which esbuild cannot drop: < 256 bytes.
    const carried = Object.entries(bytesOf)
      .filter(([path, bytes]) => /^lib\/(store|scheduler)\//.test(path) && !ackPath.test(path) && bytes >= 256)
      .map(([path]) => path);
    expect(carried).toEqual([]);
  });

  it('keeps the public survey page to recording answers: no notice channel, no Slack, no texts of other features', async () => {
    const { inputs } = await bundleKb(entries.survey!);
    const strays = inputs.filter((path) =>
      /^lib\/(notify|slack|chart)\/|^lib\/i18n\/(index|slack|complaints|care|ask|imports|slack-imports|digest)\.ts$|node_modules\/(@slack|pinyin-pro|tyme4ts|opencc-js|libphonenumber-js)\//.test(
        path,
      ),
    );
    expect(strays).toEqual([]);
  });

  it('leaves customer writing (pinyin, Han folding, phone metadata) out of the REST function that does not write customers', async () => {
    const { inputs } = await bundleKb(entries.api!);
    for (const library of ['pinyin-pro', 'opencc-js', 'libphonenumber-js', 'read-excel-file'])
      expect(
        inputs.some((path) => path.includes(`node_modules/${library}/`)),
        library,
      ).toBe(false);
  });

  it('leaves the .xlsx writer (exceljs) to the worker that writes exports', async () => {
    const withExcel: string[] = [];
    for (const [name, entry] of Object.entries(entries)) {
      if ((await bundleKb(entry)).inputs.some((path) => path.includes('node_modules/exceljs/'))) withExcel.push(name);
    }
    // exceljs writes the export in import-worker only; uploads are read with read-excel-file (lib/files/xlsx.ts)
    expect(withExcel.sort()).toEqual(['import-worker']);
  });
});
