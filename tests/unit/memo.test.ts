import { describe, expect, it } from 'vitest';
import { localDay, plusDays, plusMonths, quarterEndOf } from '../../lib/domain/calendar';
import { memoize } from '../../lib/domain/memo';
import { nameSearchKeys, pinyinSyllables } from '../../lib/domain/name-keys';

describe('memoize', () => {
  it('computes once per key and answers the same after', () => {
    let calls = 0;
    const double = memoize(
      (n: number) => {
        calls++;
        return n * 2;
      },
      (n) => String(n),
    );
    expect([double(2), double(2), double(3), double(2)]).toEqual([4, 4, 6, 4]);
    expect(calls).toBe(2);
  });

  it('remembers undefined answers too', () => {
    let calls = 0;
    const none = memoize(
      (_: string) => {
        calls++;
        return undefined;
      },
      (s) => s,
    );
    none('a');
    none('a');
    expect(calls).toBe(1);
  });

  it('stays bounded: a full cache starts over and still answers correctly', () => {
    let calls = 0;
    const id = memoize(
      (n: number) => {
        calls++;
        return n;
      },
      (n) => String(n),
      3,
    );
    for (const n of [1, 2, 3, 4, 1]) expect(id(n)).toBe(n);
    expect(calls).toBe(5);
  });

  it('does not remember a throw', () => {
    let calls = 0;
    const boom = memoize(
      (_: string) => {
        calls++;
        throw new Error('no');
      },
      (s) => s,
    );
    expect(() => boom('x')).toThrow('no');
    expect(() => boom('x')).toThrow('no');
    expect(calls).toBe(2);
  });
});

describe('memoised calendar and pinyin give the same answers on repeat', () => {
  it('day arithmetic', () => {
    for (let i = 0; i < 2; i++) {
      expect(plusDays('2026-12-31', 1)).toBe('2027-01-01');
      expect(plusMonths('2027-01-31', 1)).toBe('2027-02-28');
      expect(quarterEndOf('2026-11-05')).toBe('2026-12-31');
      expect(localDay(new Date('2026-12-06T17:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-07');
      expect(localDay(new Date('2026-12-06T17:30:00Z'), 'UTC')).toBe('2026-12-06');
    }
  });

  it('a caller changing the syllables it got does not change the next answer', () => {
    const first = pinyinSyllables('张三');
    first.push('changed');
    expect(pinyinSyllables('张三')).toEqual(['zhang', 'san']);
    expect(nameSearchKeys('张三')).toEqual(nameSearchKeys('张三'));
  });
});
