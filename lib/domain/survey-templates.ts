import type { SurveyTemplate } from './survey';

/**
 * The templates shipped with the product: NPS (0–10 and why), CSAT (1–5 and a
 * comment), CES (1–7). A company edits them through PUT
 * /api/survey-templates/{id}; the stored copy then wins over these.
 * `{company}` in a text is replaced by the company's name on the page.
 */
const SHIPPED_AT = '2025-01-01T00:00:00.000Z';

const builtIn = (t: Omit<SurveyTemplate, 'builtIn' | 'version' | 'createdAt' | 'updatedAt'>): SurveyTemplate => ({
  ...t,
  builtIn: true,
  version: 1,
  createdAt: SHIPPED_AT,
  updatedAt: SHIPPED_AT,
});

export const builtInTemplates: SurveyTemplate[] = [
  builtIn({
    id: 'nps',
    name: 'NPS',
    kind: 'nps',
    questions: [
      {
        id: 'score',
        type: 'nps',
        required: true,
        text: {
          'zh-CN': '您有多大可能向朋友或同事推荐{company}？',
          en: 'How likely are you to recommend {company} to a friend or colleague?',
        },
        lowLabel: { 'zh-CN': '完全不可能', en: 'Not at all likely' },
        highLabel: { 'zh-CN': '非常可能', en: 'Extremely likely' },
      },
      {
        id: 'why',
        type: 'text',
        required: false,
        maxLength: 2000,
        text: { 'zh-CN': '请告诉我们您打这个分数的主要原因。', en: 'What is the main reason for your score?' },
      },
    ],
  }),
  builtIn({
    id: 'csat',
    name: 'CSAT',
    kind: 'csat',
    questions: [
      {
        id: 'score',
        type: 'csat',
        required: true,
        text: { 'zh-CN': '您对我们这次的服务满意吗？', en: 'How satisfied are you with the service you received?' },
        lowLabel: { 'zh-CN': '非常不满意', en: 'Very dissatisfied' },
        highLabel: { 'zh-CN': '非常满意', en: 'Very satisfied' },
      },
      {
        id: 'comment',
        type: 'text',
        required: false,
        maxLength: 2000,
        text: { 'zh-CN': '还有什么想告诉我们的吗？', en: 'Is there anything else you would like to tell us?' },
      },
    ],
  }),
  builtIn({
    id: 'ces',
    name: 'CES',
    kind: 'ces',
    questions: [
      {
        id: 'score',
        type: 'ces',
        required: true,
        text: { 'zh-CN': '{company}让您的问题处理起来有多容易？', en: 'How easy did {company} make it to handle your request?' },
        lowLabel: { 'zh-CN': '非常困难', en: 'Very difficult' },
        highLabel: { 'zh-CN': '非常容易', en: 'Very easy' },
      },
      {
        id: 'comment',
        type: 'text',
        required: false,
        maxLength: 2000,
        text: { 'zh-CN': '有什么可以让它更容易？', en: 'What would have made it easier?' },
      },
    ],
  }),
];

export const builtInTemplate = (id: string): SurveyTemplate | undefined => builtInTemplates.find((t) => t.id === id);
