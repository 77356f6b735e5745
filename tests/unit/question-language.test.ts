import { describe, expect, it } from 'vitest';
import { questionLanguage } from '../../lib/domain/ask/language';

describe('the language a question is asked in', () => {
  it.each([
    ['how is 张三 doing', 'en'],
    ['A-tier customers in Shanghai not visited for 60 days', 'en'],
    ['overdue complaints this week', 'en'],
    ['<@U0BOT123> what are my tasks today', 'en'],
    ['Acme 最近有投诉吗', 'zh-CN'],
    ['下周谁过生日', 'zh-CN'],
    ['我今天有什么任务', 'zh-CN'],
    ['NPS 上个月怎么样', 'zh-CN'],
  ])('%s → %s', (text, expected) => expect(questionLanguage(text)).toBe(expected));

  it.each(['NPS', '?', 'Acme 张三', ''])('%s → not clear (the staff locale applies)', (text) =>
    expect(questionLanguage(text)).toBeUndefined(),
  );
});
