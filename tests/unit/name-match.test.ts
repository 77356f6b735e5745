import fc from 'fast-check';
import * as OpenCC from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../lib/domain/ask';
import { normalizeQuestion } from '../../lib/domain/ask/normalize';
import { nameSearchKeys } from '../../lib/domain/name-keys';
import { lookupPrefixes, rankNames, typedName, typoPrefixes } from '../../lib/domain/name-match';
import { orgCore } from '../../lib/domain/org-name';
import { PHRASINGS } from './ask-phrasings';
import { DIRECTORY, STAFF } from './ask-phrasings-typed';

const dir = DIRECTORY.map((name) => ({ name, id: name, item: name }));
const resolve = (typed: string) => rankNames(typed, dir);
const one = (typed: string) => {
  const r = resolve(typed);
  return r.kind === 'one' ? r.match.name : r.kind;
};

describe('fuzzy name resolution against a directory', () => {
  it.each([
    ['李明化', '李明华'],
    ['李明華', '李明华'],
    ['孙丽花', '孙丽华'],
    ['张威', '张伟'],
    ['liminghua', '李明华'],
    ['Li Minghua', '李明华'],
    ['LI MING HUA', '李明华'],
    ['wang jianguo', '王建国'],
    ['Globx', 'Globex Corporation'],
    ['globex', 'Globex Corporation'],
    ['Emily Jonson', 'Emily Johnson'],
    ['Wayne Enterprize', 'Wayne Enterprises'],
    ['腾讯', '深圳市腾讯计算机系统有限公司'],
    ['深圳腾讯', '深圳市腾讯计算机系统有限公司'],
    ['tengxun', '深圳市腾讯计算机系统有限公司'],
    ['华为', '华为技术有限公司'],
    ['上海华为', '华为技术有限公司'],
    ['华为技术有限公司', '华为技术有限公司'],
    ['京东', '北京京东世纪贸易有限公司'],
    ['Acme Trading', 'Acme Trading Ltd'],
    ['acme', 'Acme Trading Ltd'],
    ['王总', '王建国'],
    ['刘经理', '刘洋'],
    ['赵女士', '赵敏'],
    ['周先生', '周杰'],
    ['老孙', '孙丽华'],
    ['黄姐', '黄丽'],
  ])('reads %s as %s', (typed, name) => {
    expect(one(typed)).toBe(name);
  });

  it.each(['李白', '不存在', 'Hooli', '马总', 'Umbrella Corp', 'xyz'])('finds nobody for %s rather than the nearest stranger', (typed) => {
    expect(resolve(typed).kind).toBe('none');
  });

  it('offers a choice, never a pick, when several fit equally or only weakly', () => {
    const withTwoChens = [...dir, { name: '陈静怡', id: '陈静怡', item: '陈静怡' }];
    const chen = rankNames('陈姐', withTwoChens);
    expect(chen.kind).toBe('choose');
    expect(chen.kind === 'choose' && chen.candidates.map((c) => c.name).sort()).toEqual(['陈静', '陈静怡']);
    expect(resolve('lmh')).toMatchObject({ kind: 'choose', candidates: [{ name: '李明华', fit: 'initials' }] });
    expect(resolve('Initek')).toMatchObject({ kind: 'choose', candidates: [{ name: 'Initech' }] });
    expect(resolve('李明')).toMatchObject({ kind: 'choose', candidates: [{ name: '李明华', fit: 'prefix' }] });
  });

  it('reads a well-known short name of an organization as that organization, and says so', () => {
    const banks = [
      ...dir,
      ...[
        '中国工商银行股份有限公司',
        '中国建设银行股份有限公司',
        '中国银行股份有限公司',
        '招商银行股份有限公司',
        '中国平安保险（集团）股份有限公司',
      ].map((name) => ({ name, id: name, item: name })),
    ];
    const read = (typed: string) => {
      const r = rankNames(typed, banks);
      return r.kind === 'one' ? [r.match.name, r.match.fit] : r.kind;
    };
    expect(read('工行')).toEqual(['中国工商银行股份有限公司', 'alias']);
    expect(read('建行')).toEqual(['中国建设银行股份有限公司', 'alias']);
    expect(read('中行')).toEqual(['中国银行股份有限公司', 'alias']);
    expect(read('招行')).toEqual(['招商银行股份有限公司', 'alias']);
    expect(read('平安')).toEqual(['中国平安保险（集团）股份有限公司', 'alias']);
    expect(read('農行')).toBe('none'); // listed, but no such customer: never a stranger
    expect(lookupPrefixes(typedName('工行'))).toContain('工商银行');
  });

  it('only suggests a short name formed from the first characters of the distinctive part', () => {
    const orgs = [...dir, { name: '上海申华实业有限公司', id: 'sh', item: 'sh' }];
    expect(rankNames('申实', orgs)).toMatchObject({ kind: 'choose', candidates: [{ name: '上海申华实业有限公司', fit: 'abbrev' }] });
    expect(rankNames('华技', dir)).toMatchObject({ kind: 'choose', candidates: [{ name: '华为技术有限公司', fit: 'abbrev' }] });
    expect(rankNames('实申', orgs).kind).toBe('none');
    expect(typoPrefixes(typedName('申实'))).toContain('申');
  });

  it('caps a choice at five and says there were more', () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ name: `王${'一二三四五六七八九'[i]}明`, id: String(i), item: i }));
    const r = rankNames('王总', many);
    expect(r).toMatchObject({ kind: 'choose', more: true });
    expect(r.kind === 'choose' && r.candidates.length).toBe(5);
  });

  it('looks names up by a handful of key prefixes, both halves for typos', () => {
    expect(lookupPrefixes(typedName('Globx'))).toEqual(['globx']);
    expect(typoPrefixes(typedName('Globx'))).toEqual(['glo', '~xbo']);
    expect(lookupPrefixes(typedName('王总'))).toContain('王');
    expect(lookupPrefixes(typedName('李明化'))).toContain('liminghua');
  });

  it('indexes what it looks up: simplified forms, organization cores, reversed spellings', () => {
    expect(nameSearchKeys('李明華')).toEqual(expect.arrayContaining(['李明华', 'liminghua', 'minghua', '~auhgnimil']));
    expect(nameSearchKeys('深圳市腾讯计算机系统有限公司')).toEqual(expect.arrayContaining(['腾讯计算机系统', 'tengxunjisuanjixitong']));
    expect(orgCore('上海分公司')).toBe('上海分公司');
    expect(orgCore('Acme Trading Ltd.')).toBe('Acme Trading');
  });
});

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
/** ASCII to its full-width form, the space to the ideographic space: what a Chinese IME types. */
const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
const now = new Date('2025-06-18T03:00:00Z');
const parse = (q: string, known?: string[]) =>
  parseQuestion(q, { now, timeZone: 'Asia/Shanghai', knownCustomerNames: known, knownStaffNames: STAFF });

describe('properties of the parser with a directory', () => {
  const directory = fc.uniqueArray(fc.constantFrom(...DIRECTORY, 'Acme', '张三', '上海贸易', 'Globex'), { minLength: 1, maxLength: 8 });
  const words = fc.array(
    fc.constantFrom(
      '李明化',
      '王总',
      '的',
      '电话',
      '投诉',
      '怎么样',
      '谁负责',
      '腾讯',
      'Globx',
      '帮我查',
      '一下',
      '那边',
      '啥',
      '咋样',
      '没结',
      '手上',
      'Tom',
      '李娜',
      ' ',
      '？',
      '生日',
      '上个月',
      '低分',
      '天气',
      '最多',
    ),
    { maxLength: 10 },
  );

  it('never throws and never returns a customer who is neither in the directory nor written in the question', () => {
    fc.assert(
      fc.property(words, directory, fc.string({ maxLength: 12 }), (w, known, noise) => {
        const text = `${w.join('')}${noise}`;
        const name = parse(text, known).entities.customerName;
        if (name === undefined) return;
        // "written in the question": as the parser reads it, punctuation folded to spaces, traditional to simplified
        const typed = normalizeQuestion(text).toLowerCase().replace(/\s+/g, '');
        expect(known.includes(name) || typed.includes(name.toLowerCase().replace(/\s+/g, ''))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never resolves to a name that was not found', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), directory, (typed, known) => {
        const r = rankNames(
          typed,
          known.map((name) => ({ name, id: name, item: name })),
        );
        const names = r.kind === 'one' ? [r.match.name] : r.kind === 'choose' ? r.candidates.map((c) => c.name) : [];
        for (const n of names) expect(known).toContain(n);
      }),
      { numRuns: 500 },
    );
  });

  // The phrasing set typed in full-width forms and in traditional characters reads the same.
  const chinese = PHRASINGS.filter((p) => /\p{Script=Han}/u.test(p.q));
  it.each(PHRASINGS.map((p) => [p.q, p] as const))('full-width: %s', (q, p) => {
    expect(parse(toFullWidth(q), p.known)).toEqual(parse(q, p.known));
  });
  it.each(chinese.map((p) => [p.q, p] as const))('traditional: %s', (q, p) => {
    expect(parse(toTraditional(q), p.known)).toEqual(parse(q, p.known));
  });
});
