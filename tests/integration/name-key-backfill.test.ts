import { beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../lib/domain/customer';
import { type NameIndexer, nameIndex } from '../../lib/domain/name-keys';
import type { AppContext } from '../../lib/services/context';
import { backfillNameKeys } from '../../lib/services/name-key-backfill';
import { resolveCustomerName } from '../../lib/services/name-resolution';
import { testTable } from '../support/app';
import { tableSnapshot } from '../support/table-snapshot';

const NOW = new Date('2026-03-02T02:00:00Z');
const now = () => NOW;
/** The indexer of an older release: the name as written, nothing for pinyin, initials, cores or typos. */
const olderIndexer: NameIndexer = (name) => ({ ...nameIndex(name), keys: [name.toLowerCase()] });

const NAMES = ['张伟', '李秀英', '上海华信恒通科技有限公司', 'Emily Johnson', '王建国', 'Globex Trading Ltd', '陈静'];

function savedLongAgo(i: number, name: string): Customer {
  const at = '2024-01-02T00:00:00.000Z';
  return {
    id: `cus_old_${i}`,
    name,
    kind: /公司|Ltd/.test(name) ? 'organization' : 'person',
    phones: [],
    emails: [],
    ownerId: 'UOLDOWN1',
    flags: { keyAccount: false, vip: false, problem: false },
    lifecycleStage: 'active',
    loyaltyStage: 'customer',
    consent: { contact: true, surveys: true, thirdPartySharing: false },
    tags: [],
    purchases: { count: 0, amount: 0 },
    tier: 'B',
    createdBy: 'import',
    createdAt: at,
    updatedBy: 'import',
    updatedAt: at,
    version: 1,
  };
}

describe('backfill of name keys for customers saved before the keys existed', () => {
  let ctx: AppContext;
  const found = async (typed: string) => {
    const r = await resolveCustomerName(ctx, typed);
    return r.kind === 'one' ? r.match.item.name : r.kind === 'choose' ? r.candidates.map((m) => m.item.name) : undefined;
  };

  beforeAll(async () => {
    ({ ctx } = await testTable());
    for (const [i, name] of NAMES.entries()) await ctx.store.transact(ctx.store.customers.createOps(savedLongAgo(i, name), olderIndexer));
  });

  it('before: pinyin, typos and short organization names find nothing', async () => {
    expect(await found('zhangwei')).toBeUndefined();
    expect(await found('华信恒通')).toBeUndefined();
    expect(await found('Emily Jonhson')).toBeUndefined();
  });

  it('a run stopped after one page is resumed where it stopped by the next run', async () => {
    const first = await backfillNameKeys(ctx, { now, pageSize: 3, maxPages: 1 });
    expect(first).toEqual({ resumed: false, pages: 1, customers: 3, passCustomers: 3, finished: false });
    expect(await ctx.store.backfills.progress('name-keys')).toMatchObject({ pages: 1, items: 3 });
    const pages: number[] = [];
    const second = await backfillNameKeys(ctx, { now, pageSize: 3, onPage: (r) => pages.push(r.passCustomers) });
    expect(second).toEqual({ resumed: true, pages: 2, customers: 4, passCustomers: 7, finished: true });
    expect(pages).toEqual([6, 7]);
    expect(await ctx.store.backfills.progress('name-keys')).toBeUndefined();
  });

  it('after: every customer is found by pinyin, initials, typo and organization core', async () => {
    expect(await found('zhangwei')).toBe('张伟');
    expect(await found('lxy')).toEqual(['李秀英']); // initials alone are never certain: offered, not assumed
    expect(await found('华信恒通')).toBe('上海华信恒通科技有限公司');
    expect(await found('Emily Jonhson')).toBe('Emily Johnson');
    expect(await found('wangjianguo')).toBe('王建国');
  });

  it('a second full pass changes nothing', async () => {
    const before = await tableSnapshot(ctx);
    const again = await backfillNameKeys(ctx, { now, pageSize: 100 });
    expect(again).toMatchObject({ resumed: false, customers: NAMES.length, finished: true });
    expect(await tableSnapshot(ctx)).toEqual(before);
  });

  it('a customer renamed since it was read keeps the keys of its new name only', async () => {
    const stale = (await ctx.store.customers.get('cus_old_6'))!;
    const renamed = { ...stale, name: '陈静怡', version: stale.version + 1 };
    await ctx.store.transact(ctx.store.customers.updateOps(stale, renamed, nameIndex));
    await expect(ctx.store.transact(ctx.store.customers.nameKeysRewriteOps(stale, nameIndex))).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    expect(await found('陈静怡')).toBe('陈静怡');
    expect(await found('chenjingyi')).toBe('陈静怡');
  });
});
