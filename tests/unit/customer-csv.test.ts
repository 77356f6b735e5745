import { describe, expect, it } from 'vitest';
import { canonicalHeader, rowFingerprint, rowToCustomerInput } from '../../lib/domain/customer-csv';

describe('CSV rows', () => {
  it('accepts English and Chinese headers', () => {
    expect(canonicalHeader('Phone')).toBe('phones');
    expect(canonicalHeader('电话')).toBe('phones');
    expect(canonicalHeader('负责人')).toBe('ownerId');
    expect(canonicalHeader('Purchase Amount')).toBe('purchaseAmount');
  });
  it('turns a row into customer input with lists, numbers and birthdays', () => {
    const input = rowToCustomerInput({
      name: '张三',
      phones: '13800138000; 13900139000',
      ownerId: 'U1',
      birthday: '1990-05-06',
      purchaseAmount: '¥12,000',
      purchaseCount: '3',
      city: '上海',
    });
    expect(input).toMatchObject({
      name: '张三',
      phones: ['13800138000', '13900139000'],
      birthday: { year: 1990, month: 5, day: 6 },
      purchases: { amount: 12000, count: 3 },
      address: { city: '上海' },
    });
  });
  it('passes unknown columns through so validation can name them', () => {
    expect(rowToCustomerInput({ name: 'A', ownerId: 'U1', shoe: '42' })).toMatchObject({ shoe: '42' });
  });
  it('gives the same row the same fingerprint whatever the column order or padding', () => {
    expect(rowFingerprint({ a: '1', b: ' 2' })).toBe(rowFingerprint({ b: '2', a: '1' }));
    expect(rowFingerprint({ a: '1' })).not.toBe(rowFingerprint({ a: '2' }));
  });
});
