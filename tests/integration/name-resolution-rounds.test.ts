import { beforeAll, describe, expect, it } from 'vitest';
import { lookupPrefixes, typedName, typoPrefixes } from '../../lib/domain/name-match';
import { systemActor } from '../../lib/domain/staff';
import type { AppContext } from '../../lib/services/context';
import { createCustomer } from '../../lib/services/customers';
import { resolveCustomerName } from '../../lib/services/name-resolution';
import { staffDirectory, upsertStaff } from '../../lib/services/staff';
import { testTable } from '../support/app';

/**
 * Issue 17, speed: how many round trips a name costs. Every Query is one the other questions on
 * the table wait behind, so the resolution skips what cannot change the answer; these pin both
 * the answers and the Queries spent on them (counted at the client, not timed).
 */
describe('name resolution spends only the Queries that can change the answer', () => {
  let ctx: AppContext;
  const at = new Date('2025-06-18T03:00:00Z');

  /** The resolution and the DynamoDB requests it sent. */
  const resolve = async (typed: string) => {
    const before = ctx.store.stats.requests;
    const result = await resolveCustomerName(ctx, typed);
    // un-awaited Queries of the first round are counted when sent, so this is settled already
    return { result, requests: ctx.store.stats.requests - before };
  };
  const firstRound = (typed: string) => lookupPrefixes(typedName(typed)).length;

  beforeAll(async () => {
    ({ ctx } = await testTable());
    await upsertStaff(ctx, systemActor, { slackUserId: 'U2OWNER', name: '李娜', role: 'agent' }, at);
    const create = (name: string, kind: 'person' | 'organization' = 'person') =>
      createCustomer(ctx, systemActor, { name, kind, ownerId: 'U2OWNER' }, at);
    for (const name of ['王建国', '王芳', '李明華', '张伟', '张伟']) await create(name);
    for (const name of ['深圳市腾讯计算机系统有限公司', 'Globex Corporation', 'Acme']) await create(name, 'organization');
    // more names under the prefix "acme" than one Query reads, all after the exact one in key order
    for (let i = 0; i < 32; i++) await create(`Acme ${String.fromCharCode(97 + (i % 26))}${i} Trading`, 'organization');
  });

  it('answers a name typed exactly as one customer from the first round', async () => {
    const { result, requests } = await resolve('李明华');
    expect(result.kind === 'one' && result.match).toMatchObject({ name: '李明華', fit: 'exact' });
    expect(requests).toBe(firstRound('李明华'));
  });

  it('takes the one exact name even when its prefix holds more names than a Query reads', async () => {
    const { result, requests } = await resolve('ACME');
    expect(result.kind === 'one' && result.match).toMatchObject({ name: 'Acme', fit: 'exact' });
    expect(requests).toBe(firstRound('ACME'));
  });

  it('still offers both customers of exactly the same name', async () => {
    const { result } = await resolve('张伟');
    expect(result.kind).toBe('choose');
    expect(result.kind === 'choose' && result.candidates.map((c) => [c.name, c.fit])).toEqual([
      ['张伟', 'exact'],
      ['张伟', 'exact'],
    ]);
  });

  it('reads a surname and title with two Queries (the surname, the text), never the sound or the typo round', async () => {
    const { result, requests } = await resolve('王总');
    expect(result.kind).toBe('choose');
    expect(result.kind === 'choose' && result.candidates.map((c) => c.name).sort()).toEqual(['王建国', '王芳']);
    expect(requests).toBe(2);
    expect(typoPrefixes(typedName('王总')).length).toBeGreaterThan(0); // the round it skips exists for this spelling
  });

  it('skips the typo round once an organization is found by its short name', async () => {
    const { result, requests } = await resolve('腾讯');
    expect(result.kind === 'one' && result.match).toMatchObject({ name: '深圳市腾讯计算机系统有限公司', fit: 'core' });
    expect(requests).toBe(firstRound('腾讯'));
  });

  it('offers the customers that sound alike without the typo round, which could only add weaker fits', async () => {
    const { result, requests } = await resolve('张威');
    expect(result.kind === 'choose' && result.candidates.map((c) => [c.name, c.fit])).toEqual([
      ['张伟', 'sound'],
      ['张伟', 'sound'],
    ]);
    expect(requests).toBe(firstRound('张威'));
  });

  it('runs the typo round when the first finds nothing, and finds the name with a typo', async () => {
    const { result, requests } = await resolve('Globx');
    expect(result.kind === 'one' && result.match).toMatchObject({ name: 'Globex Corporation', fit: 'typo' });
    expect(requests).toBe(firstRound('Globx') + typoPrefixes(typedName('Globx')).length);
  });

  it('still reports a stranger as no customer after both rounds', async () => {
    const { result } = await resolve('欧阳靖宇');
    expect(result.kind).toBe('none');
  });
});

describe('the staff directory a question reads', () => {
  let ctx: AppContext;
  const at = new Date('2025-06-18T03:00:00Z');
  const queries = () => ctx.store.stats.byCommand.QueryCommand ?? 0;

  beforeAll(async () => {
    ({ ctx } = await testTable());
    await upsertStaff(ctx, systemActor, { slackUserId: 'U3ONE', name: 'Tom Baker', role: 'agent' }, at);
  });

  it('is read once for the questions of a minute, and again after a write or after the minute', async () => {
    const before = queries();
    const [a, b] = await Promise.all([staffDirectory(ctx, at), staffDirectory(ctx, at)]);
    expect(await staffDirectory(ctx, new Date(at.getTime() + 59_000))).toEqual(a);
    expect(a.map((s) => s.name)).toEqual(['Tom Baker']);
    expect(b).toEqual(a);
    expect(queries() - before).toBe(1);

    // a colleague added in this container is a name the very next question knows
    await upsertStaff(ctx, systemActor, { slackUserId: 'U3TWO', name: '李娜', role: 'agent' }, at);
    expect((await staffDirectory(ctx, at)).map((s) => s.name).sort()).toEqual(['Tom Baker', '李娜']);
    expect(queries() - before).toBe(2);

    await staffDirectory(ctx, new Date(at.getTime() + 61_000));
    expect(queries() - before).toBe(3);
  });
});
