import { describe, expect, it } from 'vitest';
import { type DaySums, keyAccountsQuarterToDate } from '../../lib/domain/digest';
import { daysOf } from '../../lib/domain/digest-period';

/** Issue 13 §1: no day loop may run unbounded, whatever day it starts from. */
describe('bounded day loops', () => {
  it('walks at most a quarter back, even where day arithmetic wraps (year 1)', () => {
    let reads = 0;
    // Every day "exists" without a snapshot, so only the bound can stop the walk.
    const sums = {
      get: () => {
        if (++reads > 10_000) throw new Error('unbounded walk');
        return {};
      },
    } as unknown as DaySums;
    expect(keyAccountsQuarterToDate(sums, '0001-01-15')).toEqual({ value: 0 });
    expect(reads).toBeLessThanOrEqual(92);
  });

  it('refuses to allocate a day list spanning centuries', () => {
    expect(() => daysOf('2000-01-01', '9999-12-31')).toThrow(RangeError);
    expect(daysOf('2026-01-30', '2026-02-02')).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
  });
});

describe('Slack mentions from data (#12)', () => {
  it('renders a real user id as a mention and anything else as escaped text', async () => {
    const { mention } = await import('../../lib/slack/mention');
    expect(mention('U0AGENT1')).toBe('<@U0AGENT1>');
    expect(mention('U1> <!channel> <@U2')).toBe('U1&gt; &lt;!channel&gt; &lt;@U2');
    expect(mention('U1> <!channel> <@U2')).not.toMatch(/[<>]/);
  });
});
