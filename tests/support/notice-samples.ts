import { careSettings } from '../../lib/config/care';
import { birthdayTask, newTask } from '../../lib/domain/care';
import { newComplaint } from '../../lib/domain/complaint-lifecycle';
import type { CorrectiveAction } from '../../lib/domain/corrective-action';
import { breakdownsOf, changesOf, type DaySums, dailySeries, digestFigures } from '../../lib/domain/digest';
import type { Period } from '../../lib/domain/digest-period';
import type { Locale } from '../../lib/i18n';
import type { DigestContent } from '../../lib/services/digest-content';
import type { Notice, NoticeKind } from '../../lib/services/notices';
import type { ImportJob } from '../../lib/store/imports';
import { slaRules } from './sla-rules';

const T0 = new Date('2025-06-16T02:00:00Z');
const timeZone = 'Asia/Shanghai';

export const sampleComplaint = newComplaint(
  {
    customerId: 'cus_1',
    channel: 'phone',
    category: 'billing',
    severity: 'major',
    description: '客户 13800138000 说发票错了',
    confirmedWithCustomer: true,
  },
  { id: 'cmp_sample', customerName: '王芳', receiverId: 'UAGENT', followUpSample: 'none', intakeEscalationLevel: 0 },
  'UAGENT',
  T0,
  slaRules(),
);

const task = newTask(
  birthdayTask(
    { customerId: 'cus_2', customerName: '李雷', ownerId: 'U1', tier: 'A', keyAccount: true },
    { who: 'self' },
    '2025-06-18',
    false,
    careSettings.parse({}),
  ),
  '2025-06-16T00:00:00Z',
  'system',
  '2025-06-16',
);

const action: CorrectiveAction = {
  id: 'ca_1',
  kind: 'category',
  key: 'billing',
  label: 'billing',
  threshold: 3,
  windowDays: 30,
  windowStart: '2025-05-17',
  count: 3,
  complaintIds: ['cmp_1', 'cmp_2', 'cmp_3'],
  status: 'open',
  openedAt: '2025-06-16T02:00:00.000Z',
  openedBy: 'system',
};

const period: Period = { kind: 'weekly', key: '2025-W25', start: '2025-06-16', end: '2025-06-22' };
const previous: Period = { kind: 'weekly', key: '2025-W24', start: '2025-06-09', end: '2025-06-15' };
const states = { complaintsOpen: 4, complaintsOverdue: 1, careTasksOverdue: 0, customerBaseAtStart: 50, keyAccountsContactedQuarter: 2 };
const sums: DaySums = new Map<string, Record<string, number>>([
  [previous.start, { 'complaints.opened': 1 }],
  [period.start, { 'complaints.opened': 3, 'complaints.resolved': 2 }],
]);
const figures = digestFigures(sums, [period.start], states);
const previousFigures = digestFigures(sums, [previous.start], states);
const content: DigestContent = {
  kind: 'weekly',
  period,
  previous,
  partial: false,
  figures,
  previousFigures,
  changes: changesOf(figures, previousFigures),
  breakdowns: breakdownsOf(sums, [period.start], 5),
  owners: [],
  series: dailySeries(sums, [previous.start, period.start]),
  liveCapped: false,
  generatedAt: '2025-06-23T01:00:00.000Z',
};

const importJob = (locale: Locale): ImportJob => ({
  id: 'imp_01hzzzzzzzzzzzzzzzzzzzzzzz',
  status: 'done',
  actorId: 'UBOSS',
  actorRole: 'manager',
  fileName: '客户名单.csv',
  format: 'csv',
  columns: [],
  warnings: [{ line: 1, column: '备注2', reason: 'unknown column' }],
  rows: 1000,
  chunks: 4,
  nextChunk: 4,
  rowsDone: 1000,
  created: 990,
  skipped: 7,
  invalid: 3,
  attempts: 1,
  createdAt: '2025-06-16T01:00:00.000Z',
  startedAt: '2025-06-16T01:00:01.000Z',
  finishedAt: '2025-06-16T01:00:31.500Z',
  slack: { channel: 'D0BOSS', ts: '1718499600.000100', userId: 'UBOSS', locale },
});

/** One notice of every kind, in `locale`: the table the render tests walk (a new kind fails to compile until it is added). */
export function sampleNotices(locale: Locale): { [K in NoticeKind]: Extract<Notice, { kind: K }> } {
  const reading = { locale, timeZone, now: T0 };
  const alert = { key: 'r0.firstResponse.warn', clock: 'firstResponse' as const, step: 'warn' as const, at: '2025-06-16T03:00:00.000Z' };
  return {
    'import-progress': { kind: 'import-progress', locale, job: { ...importJob(locale), status: 'running', rowsDone: 400 } },
    'import-finished': {
      kind: 'import-finished',
      locale,
      job: importJob(locale),
      rejected: { fileName: 'rejected-客户名单.csv', csv: '\uFEFFline,reason\n4,phone\n' },
    },
    'complaint-posted': { kind: 'complaint-posted', complaint: sampleComplaint, ...reading },
    'complaint-changed': { kind: 'complaint-changed', complaint: sampleComplaint, ...reading },
    'sla-warning': { kind: 'sla-warning', complaint: sampleComplaint, alert, ...reading },
    escalation: { kind: 'escalation', complaint: sampleComplaint, cause: { kind: 'manual', by: 'UBOSS', reason: 'VIP' }, ...reading },
    'complaint-assigned': { kind: 'complaint-assigned', complaint: sampleComplaint, by: 'UBOSS', ...reading },
    'corrective-action': { kind: 'corrective-action', locale, action },
    'care-task': { kind: 'care-task', locale, task, today: '2025-06-16' },
    'care-digest': { kind: 'care-digest', locale, tasks: [task], day: '2025-06-16', maxTasks: 20 },
    'survey-links': {
      kind: 'survey-links',
      locale,
      lines: [
        {
          customerId: 'cus_2',
          customerName: '李雷',
          link: 'https://care.example.com/s/abc',
          kind: 'csat',
          trigger: 'manual',
          emailed: true,
        },
      ],
      expiryDays: 14,
    },
    'survey-invitation': {
      kind: 'survey-invitation',
      locale,
      company: 'CareLoop',
      greeting: locale === 'en' ? 'Dear Mr Li' : '李先生您好',
      link: 'https://care.example.com/s/abc',
      expiryDays: 14,
    },
    'low-score-alert': {
      kind: 'low-score-alert',
      locale,
      alert: {
        customerId: 'cus_2',
        customerName: '李雷',
        kind: 'nps',
        score: 2,
        trigger: 'complaint-resolved',
        answeredAtLocal: '2025-06-16 14:05',
        comment: 'too slow',
        reopenedComplaintId: 'cmp_sample',
      },
    },
    'manager-digest': {
      kind: 'manager-digest',
      locale,
      content,
      view: { locale, timeZone, names: {} },
      ownerRows: 15,
      chart: true,
    },
  };
}
