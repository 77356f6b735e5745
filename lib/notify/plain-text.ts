import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Complaint } from '../domain/complaint-schemas';
import { maskFreeText } from '../domain/masking';
import { type Locale, t } from '../i18n';
import '../i18n/digest';
import '../i18n/slack-imports';
import type { Notice } from '../services/notices';

/** A notice as words only: the outbox's log line and an e-mail's subject and body. */
export interface PlainText {
  subject: string;
  text: string;
}

/**
 * Some catalogue entries carry Slack's markup (`<@U1>` mentions, `*bold*`); a
 * plain-text channel shows them as `@U1` and plain words.
 */
const unmark = (s: string) => s.replace(/<@([A-Z0-9]+)>/g, '@$1').replace(/\*([^*\n]+)\*/g, '$1');

const when = (iso: string, timeZone: string) => format(new Date(iso), 'yyyy-MM-dd HH:mm', { in: tz(timeZone) });

const number = (locale: Locale, n: number | null, unit: 'count' | 'ratio' | 'score' = 'count') => {
  if (n === null) return '—';
  const f = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(v);
  if (unit === 'ratio') return `${f(n * 100)}%`;
  return unit === 'score' && n > 0 ? `+${f(n)}` : f(n);
};

function complaintLines(c: Complaint, locale: Locale, timeZone: string): string[] {
  const lines = [
    `${t(locale, `complaint.severity.${c.severity}`)} · ${t(locale, `complaint.status.${c.status}`)} · ${t(locale, `complaint.category.${c.category}`)}`,
    `${t(locale, 'complaint.field.assignee')}: @${c.assigneeId}`,
  ];
  if (c.nextDeadlineAt) lines.push(`${t(locale, 'complaint.field.next_deadline')}: ${when(c.nextDeadlineAt, timeZone)}`);
  // The same masking as the Slack post: these lines may land in a shared place.
  lines.push('', maskFreeText(c.description), '', `${c.id}`);
  return lines;
}

const complaintTitle = (c: Complaint, locale: Locale) => t(locale, 'complaint.message.title', { customer: c.customerName });

const importSeconds = (j: { startedAt?: string; finishedAt?: string }) =>
  j.startedAt && j.finishedAt ? Math.max(0, Math.round((Date.parse(j.finishedAt) - Date.parse(j.startedAt)) / 100) / 10) : 0;

/** Every notice kind in plain text, in its recipient's language (pure). */
export function plainTextOf(notice: Notice): PlainText {
  const { locale } = notice;
  switch (notice.kind) {
    case 'complaint-posted':
    case 'complaint-changed':
      return {
        subject: complaintTitle(notice.complaint, locale),
        text: complaintLines(notice.complaint, locale, notice.timeZone).join('\n'),
      };
    case 'sla-warning':
    case 'escalation':
    case 'complaint-assigned': {
      const c = notice.complaint;
      const reason = reasonOf(notice);
      return {
        subject: `${reason} — ${complaintTitle(c, locale)}`,
        text: [reason, '', ...complaintLines(c, locale, notice.timeZone)].join('\n'),
      };
    }
    case 'corrective-action': {
      const a = notice.action;
      const label = a.kind === 'category' ? t(locale, `complaint.category.${a.label}`) : a.label;
      return {
        subject: t(locale, 'corrective.title', { label }),
        text: [
          t(locale, 'corrective.body', { label, count: a.count, days: a.windowDays, threshold: a.threshold }),
          `${t(locale, `corrective.kind.${a.kind}`)} · ${a.id} · ${a.complaintIds.slice(0, 10).join(', ')}`,
        ].join('\n'),
      };
    }
    case 'care-task': {
      const task = notice.task;
      const subject =
        task.kind === 'win-back' && task.details.signal
          ? t(locale, 'care.alert.title', { customer: task.customerName, signal: t(locale, `care.signal.${task.details.signal}`) })
          : t(locale, 'care.reminder.title', { customer: task.customerName });
      return { subject, text: [subject, careLine(task, locale)].join('\n') };
    }
    case 'care-digest': {
      const subject = t(locale, 'care.digest.title', { day: notice.day, count: notice.tasks.length });
      const shown = notice.tasks.slice(0, notice.maxTasks).map((task) => `• ${careLine(task, locale)}`);
      const more = notice.tasks.length > shown.length ? [t(locale, 'care.digest.more', { count: notice.tasks.length - shown.length })] : [];
      return { subject, text: [subject, ...shown, ...more].join('\n') };
    }
    case 'survey-links': {
      const count = notice.lines.length;
      const subject = notice.reminder ? t(locale, 'survey.dm.reminder_title', { count }) : t(locale, 'survey.dm.title', { count });
      const lines = notice.lines.map((l) => {
        const line = unmark(
          t(locale, 'survey.dm.line', {
            customer: l.customerName,
            kind: t(locale, `survey.kind.${l.kind}`),
            trigger: t(locale, `survey.trigger.${l.trigger}`),
          }),
        );
        return `${line}${l.emailed ? ` ${t(locale, 'survey.dm.emailed')}` : ''}\n${l.link}`;
      });
      return { subject, text: [subject, unmark(t(locale, 'survey.dm.intro', { days: notice.expiryDays })), ...lines].join('\n') };
    }
    case 'survey-invitation':
      return {
        subject: t(locale, 'survey.email.subject', { company: notice.company }),
        text: t(locale, 'survey.email.body', {
          greeting: notice.greeting,
          company: notice.company,
          link: notice.link,
          days: notice.expiryDays,
        }),
      };
    case 'low-score-alert': {
      const a = notice.alert;
      const subject = t(locale, 'survey.alert.title', {
        customer: a.customerName,
        kind: t(locale, `survey.kind.${a.kind}`),
        score: a.score,
      });
      const lines = [subject];
      if (a.comment) lines.push(t(locale, 'survey.alert.comment', { comment: a.comment.slice(0, 1500) }));
      if (a.reopenedComplaintId) lines.push(t(locale, 'survey.alert.reopened', { id: a.reopenedComplaintId }));
      lines.push(t(locale, 'survey.alert.action'));
      lines.push(t(locale, 'survey.alert.context', { trigger: t(locale, `survey.trigger.${a.trigger}`), at: a.answeredAtLocal }));
      return { subject, text: lines.join('\n') };
    }
    case 'import-progress':
    case 'import-finished': {
      const j = notice.job;
      const file = j.fileName ?? 'CSV';
      const text =
        notice.kind === 'import-progress'
          ? t(locale, 'slack.import.progress', { file, done: j.rowsDone, rows: j.rows })
          : j.status === 'done'
            ? t(locale, 'slack.import.done', {
                file,
                created: j.created,
                skipped: j.skipped,
                invalid: j.invalid,
                seconds: importSeconds(j),
              })
            : t(locale, 'slack.import.failed', { file, reason: j.failure ?? '?', done: j.rowsDone, rows: j.rows });
      return { subject: unmark(text), text: unmark(text) };
    }
    case 'manager-digest': {
      const c = notice.content;
      const range = c.period.start === c.period.end ? c.period.start : `${c.period.start} – ${c.period.end}`;
      const base = t(locale, `digest.title.${c.kind}`, { range });
      const subject = c.partial ? t(locale, 'digest.title.preview', { title: base }) : base;
      const f = c.figures;
      const summary = t(locale, 'digest.summary', {
        title: subject,
        opened: number(locale, f['complaints.opened']),
        resolved: number(locale, f['complaints.resolved']),
        sla: number(locale, f['complaints.sla_compliance'], 'ratio'),
        nps: number(locale, f['surveys.nps'], 'score'),
      });
      return { subject, text: summary };
    }
  }
}

function reasonOf(notice: Extract<Notice, { kind: 'sla-warning' | 'escalation' | 'complaint-assigned' }>): string {
  const { locale, complaint: c } = notice;
  const slaReason = (alert: { step: string; clock: string; at: string }) =>
    t(locale, `complaint.alert.${alert.step}`, {
      clock: t(locale, `complaint.clock.${alert.clock}`),
      due: when(c.clocks[alert.clock as keyof typeof c.clocks]?.dueAt ?? alert.at, notice.timeZone),
    });
  if (notice.kind === 'sla-warning') return slaReason(notice.alert);
  if (notice.kind === 'complaint-assigned') return unmark(t(locale, 'complaint.alert.assigned', { by: notice.by }));
  const cause = notice.cause;
  if (cause.kind === 'sla') return slaReason(cause.alert);
  if (cause.kind === 'intake') return t(locale, 'complaint.alert.intake', { severity: t(locale, `complaint.severity.${c.severity}`) });
  return unmark(t(locale, 'complaint.alert.manual', { by: cause.by, reason: cause.reason ? `: ${cause.reason}` : '' }));
}

function careLine(task: Extract<Notice, { kind: 'care-task' }>['task'], locale: Locale): string {
  const what = [t(locale, `care.kind.${task.kind}`)];
  if (task.details.festival) what.push(t(locale, `festival.${task.details.festival}`));
  if (task.details.signal) what.push(t(locale, `care.signal.${task.details.signal}`));
  const who = task.contactName ? ` · ${t(locale, 'care.task.contact', { name: task.contactName })}` : '';
  return `${task.customerName}${who} — ${what.join(' · ')} · ${t(locale, 'care.task.due', { day: task.dueDate })}`;
}
