import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedFields } from '../../lib/domain/audit';
import { createCustomerInput, updateCustomerInput } from '../../lib/domain/customer';
import { maskEmail, maskPhone } from '../../lib/domain/masking';
import { normalizePhone } from '../../lib/domain/phone';
import { effectiveTier, tierFromPurchases } from '../../lib/domain/tier';

const thresholds = { A: { minAmount: 100_000, minCount: 12 }, B: { minAmount: 20_000, minCount: 4 } };

describe('phones', () => {
  it('normalises Chinese mobiles and landlines to E.164 in the default region', () => {
    expect(normalizePhone('138 0013 8000', 'CN')).toBe('+8613800138000');
    expect(normalizePhone('+86 138-0013-8000', 'CN')).toBe('+8613800138000');
    expect(normalizePhone('021 6888 8888', 'CN')).toBe('+862168888888');
  });
  it('keeps an explicit country code over the default region', () => {
    expect(normalizePhone('+1 415 555 2671', 'CN')).toBe('+14155552671');
  });
  it('refuses what is not a phone number', () => {
    expect(normalizePhone('12345', 'CN')).toBeNull();
    expect(normalizePhone('call me', 'CN')).toBeNull();
  });
  it('masks the middle of a number and the local part of an email', () => {
    expect(maskPhone('+8613800138000')).toBe('+86138****8000');
    expect(maskEmail('emily@example.com')).toBe('e***@example.com');
  });
});

describe('tiers', () => {
  it('needs both amount and frequency for A and B', () => {
    expect(tierFromPurchases({ amount: 150_000, count: 12 }, thresholds)).toBe('A');
    expect(tierFromPurchases({ amount: 150_000, count: 3 }, thresholds)).toBe('C');
    expect(tierFromPurchases({ amount: 25_000, count: 20 }, thresholds)).toBe('B');
    expect(tierFromPurchases({ amount: 0, count: 0 }, thresholds)).toBe('C');
  });
  it('never lowers the tier when purchases grow', () => {
    const rank = { A: 0, B: 1, C: 2 } as const;
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(100), fc.nat(1_000_000), fc.nat(100), (amount, count, moreAmount, moreCount) => {
        const before = tierFromPurchases({ amount, count }, thresholds);
        const after = tierFromPurchases({ amount: amount + moreAmount, count: count + moreCount }, thresholds);
        return rank[after] <= rank[before];
      }),
    );
  });
  it('lets a manual override win', () => {
    expect(effectiveTier('C', { tier: 'A' })).toBe('A');
    expect(effectiveTier('B')).toBe('B');
  });
});

describe('customer input', () => {
  it('applies defaults on create but not on patch', () => {
    const created = createCustomerInput.parse({ name: 'Ann', ownerId: 'U1' });
    expect(created.lifecycleStage).toBe('new');
    expect(created.consent.surveys).toBe(true);
    const patch = updateCustomerInput.parse({ title: 'CFO' });
    expect(patch).toEqual({ title: 'CFO' });
  });
  it('refuses unknown fields and impossible birthdays, naming the field', () => {
    const unknown = createCustomerInput.safeParse({ name: 'Ann', ownerId: 'U1', shoeSize: 42 });
    expect(unknown.success).toBe(false);
    const feb30 = createCustomerInput.safeParse({ name: 'Ann', ownerId: 'U1', birthday: { month: 2, day: 30 } });
    expect(feb30.success).toBe(false);
    expect(feb30.error?.issues[0]?.path).toEqual(['birthday', 'day']);
    expect(createCustomerInput.safeParse({ name: 'Ann', ownerId: 'U1', birthday: { month: 2, day: 29 } }).success).toBe(true);
  });
});

describe('audit diff', () => {
  it('lists only changed fields with before and after', () => {
    expect(changedFields({ a: 1, b: [1], version: 1 }, { a: 1, b: [2], c: 'x', version: 2 })).toEqual({
      b: { before: [1], after: [2] },
      c: { before: undefined, after: 'x' },
    });
  });
});
