import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { type Catalogue, t } from '../../lib/i18n';
import { care } from '../../lib/i18n/care';
import { common } from '../../lib/i18n/common';
import { complaints } from '../../lib/i18n/complaints';
import { digest } from '../../lib/i18n/digest';
import { slack } from '../../lib/i18n/slack';
import { surveys } from '../../lib/i18n/surveys';

/** Every catalogue message is valid ICU MessageFormat, and both languages take the same arguments. */
const all: Catalogue = Object.assign({}, common, care, complaints, digest, slack, surveys);

type AstNode = { type: number; value?: unknown; options?: Record<string, { value: AstNode[] }> };
/** The argument names a message takes, read from its ICU syntax tree (plural/select branches included). */
function argumentsOf(template: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: AstNode[]) => {
    for (const n of nodes) {
      if (n.type >= 1 && n.type <= 6 && typeof n.value === 'string') names.add(n.value);
      for (const option of Object.values(n.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(template, 'en', undefined, { ignoreTag: true }).getAst() as AstNode[]);
  return [...names].sort();
}

describe('message catalogues (ICU)', () => {
  it('every message parses as ICU MessageFormat', () => {
    const broken: string[] = [];
    for (const [key, entry] of Object.entries(all))
      for (const [locale, template] of Object.entries(entry)) {
        try {
          new IntlMessageFormat(template, locale, undefined, { ignoreTag: true });
        } catch (error) {
          broken.push(`${key} (${locale}): ${(error as Error).message}`);
        }
      }
    expect(broken).toEqual([]);
  });

  it('zh-CN and en take the same arguments', () => {
    const differ = Object.entries(all)
      .filter(([, e]) => argumentsOf(e['zh-CN']).join() !== argumentsOf(e.en).join())
      .map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it('keeps Slack markup, formats numbers without grouping, keeps a missing argument visible', () => {
    expect(t('en', 'complaint.footer', { id: 'CMP1', channel: 'phone', receiver: 'U0A' })).toContain('CMP1');
    expect(t('en', 'error.not_found', { entity: 'customer', id: 20261 })).toBe('customer 20261 was not found');
    expect(t('en', 'error.not_found', { entity: 'customer' })).toBe('customer {id} was not found');
  });

  it('puts no raw enum value in a sentence: a closed task says how it was closed', () => {
    expect(t('zh-CN', 'error.care_task_closed', { status: 'done' })).toBe('该任务已完成');
    expect(t('zh-CN', 'error.care_task_closed', { status: 'skipped' })).toBe('该任务已跳过');
    expect(t('en', 'error.care_task_closed', { status: 'done' })).toBe('This task is already done');
  });
});
