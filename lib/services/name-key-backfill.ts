import type { Customer } from '../domain/customer';
import { VersionMismatchError } from '../domain/errors';
import { nameIndex } from '../domain/name-keys';
import type { AppContext } from './context';

/**
 * Writes the name keys the current indexer makes (pinyin syllables, organization cores,
 * reversed spellings…) for customers saved before those keys existed, so name search and
 * question answering find them. Pages through every customer (the all-customers index, no
 * Scan) and saves the cursor after each page: a run that stops is resumed by the next, a run
 * after a finished pass starts a new one, and writing a key twice changes nothing.
 */
const BACKFILL = 'name-keys';
const PARALLEL = 8;
/** A customer edited while we wrote: read it again, a few times at most. */
const ATTEMPTS = 3;

export interface NameKeyBackfillRun {
  /** the run continued a pass an earlier run left unfinished */
  resumed: boolean;
  pages: number;
  customers: number;
  /** customers of this pass so far, earlier runs included */
  passCustomers: number;
  finished: boolean;
}

export async function backfillNameKeys(
  ctx: AppContext,
  opts: { now: () => Date; pageSize?: number; maxPages?: number; restart?: boolean; onPage?: (run: NameKeyBackfillRun) => void },
): Promise<NameKeyBackfillRun> {
  const { backfills, customers } = ctx.store;
  if (opts.restart) await backfills.clearProgress(BACKFILL);
  const saved = await backfills.progress(BACKFILL);
  const startedAt = saved?.startedAt ?? opts.now().toISOString();
  const run: NameKeyBackfillRun = { resumed: Boolean(saved), pages: 0, customers: 0, passCustomers: saved?.items ?? 0, finished: false };
  let cursor = saved?.cursor;
  let passPages = saved?.pages ?? 0;
  while (opts.maxPages === undefined || run.pages < opts.maxPages) {
    const page = await customers.list({}, opts.pageSize ?? 100, cursor);
    for (let i = 0; i < page.items.length; i += PARALLEL)
      await Promise.all(page.items.slice(i, i + PARALLEL).map((c) => rewriteNameKeys(ctx, c.id, c)));
    run.pages++;
    run.customers += page.items.length;
    run.passCustomers += page.items.length;
    passPages++;
    cursor = page.cursor;
    if (!cursor) {
      await backfills.clearProgress(BACKFILL);
      run.finished = true;
      opts.onPage?.(run);
      break;
    }
    const at = opts.now().toISOString();
    await backfills.saveProgress(BACKFILL, { cursor, pages: passPages, items: run.passCustomers, startedAt, updatedAt: at });
    opts.onPage?.(run);
  }
  return run;
}

async function rewriteNameKeys(ctx: AppContext, id: string, read: Customer | undefined) {
  let customer = read;
  for (let attempt = 1; customer; attempt++) {
    try {
      await ctx.store.transact(ctx.store.customers.nameKeysRewriteOps(customer, nameIndex));
      return;
    } catch (error) {
      if (!(error instanceof VersionMismatchError) || attempt >= ATTEMPTS) throw error;
      customer = await ctx.store.customers.get(id); // erased meanwhile: nothing to index
    }
  }
}
