import { describe, expect, it } from 'vitest';
import { nameSearchKeys } from '../../lib/domain/name-keys';
import { foldLatin, searchPrefix } from '../../lib/domain/name-search';

const findsBy = (name: string, query: string) => nameSearchKeys(name).some((k) => k.startsWith(searchPrefix(query)));

describe('customer name search keys', () => {
  it.each(['zhang', 'zhangsan', 'zs', '张', '张三', 'ZHANG', 'Zhang San', '三'])('finds 张三 by "%s"', (q) => {
    expect(findsBy('张三', q)).toBe(true);
  });

  it('finds a three-character name by given-name pinyin initials and characters', () => {
    expect(findsBy('王小明', 'wxm')).toBe(true);
    expect(findsBy('王小明', '小明')).toBe(true);
    expect(findsBy('王小明', 'wangxiaoming')).toBe(true);
  });

  it('is case- and accent-insensitive for Latin names, by any word', () => {
    expect(findsBy('José Núñez', 'jose')).toBe(true);
    expect(findsBy('José Núñez', 'NUNEZ')).toBe(true);
    expect(findsBy('Anna Müller', 'muller')).toBe(true);
    expect(findsBy("Liam O'Connor", "o'con")).toBe(true);
  });

  it('does not find a name by a prefix it does not have', () => {
    expect(findsBy('张三', 'li')).toBe(false);
    expect(findsBy('Emily Johnson', 'son')).toBe(false);
  });

  it('finds organizations with mixed scripts by each part', () => {
    expect(findsBy('Acme 上海分公司', 'acme')).toBe(true);
    expect(findsBy('华为技术有限公司', 'hw')).toBe(true);
    expect(findsBy('华为技术有限公司', 'huawei')).toBe(true);
  });

  it('folds whitespace and accents', () => {
    expect(foldLatin('  Chloé   Dubois ')).toBe('chloe dubois');
  });
});
