import type { Day } from '../domain/calendar';
import type { CareTask } from '../domain/care';
import type { Alert, Complaint } from '../domain/complaint-schemas';
import type { CorrectiveAction } from '../domain/corrective-action';
import type { SurveyKind, SurveyTrigger } from '../domain/survey';
import type { Locale } from '../i18n';
import type { ImportJob } from '../store';
import type { DigestContent } from './digest-content';

/**
 * What the use cases tell people, as data: no channel, no markup. A channel
 * adapter (lib/slack/notices for Slack, lib/notify for the outbox and e-mail)
 * turns each kind into its own message, so a new channel is a new adapter and
 * no use case changes. Every notice carries the recipient's locale; names are
 * already what that recipient may see (shared-channel posts mask contact
 * details in the adapter, as the Slack message always did).
 */
export type Notice =
  | ImportProgress
  | ImportFinished
  | ComplaintPosted
  | ComplaintChanged
  | SlaWarning
  | Escalation
  | ComplaintAssigned
  | CorrectiveActionNotice
  | CareTaskNotice
  | CareDigestNotice
  | SurveyLinksNotice
  | SurveyInvitationNotice
  | LowScoreAlertNotice
  | ManagerDigestNotice;

export type NoticeKind = Notice['kind'];

/** Where a notice goes: a staff member (by their Slack user id, the staff id), a team channel, or an e-mail address. */
export type NoticeRecipient = { staff: string } | { channel: string } | { email: string };

/**
 * The port every use case sends through (`ctx.notices`). It resolves once the
 * channel accepted the notice and rejects when it refused it; what the channel
 * remembers to edit its message later (a Slack message's ts) stays inside the
 * adapter.
 */
export interface NoticeSender {
  send(to: NoticeRecipient, notice: Notice): Promise<void>;
}

/** The reader's language and clock, for dates in the message. */
interface Reading {
  locale: Locale;
  /** company or reader time zone, for dates a channel cannot localise itself */
  timeZone: string;
  now: Date;
}

/** A new complaint, for the team's complaints channel. */
export interface ComplaintPosted extends Reading {
  kind: 'complaint-posted';
  complaint: Complaint;
}

/** The complaint changed: a channel that posted it edits its post in place, others say nothing. */
export interface ComplaintChanged extends Reading {
  kind: 'complaint-changed';
  complaint: Complaint;
}

/** An SLA clock is about to run out (to the assignee). */
export interface SlaWarning extends Reading {
  kind: 'sla-warning';
  complaint: Complaint;
  alert: Alert;
}

/** Why a complaint was escalated: an SLA step, its severity at intake, or someone's decision. */
export type EscalationCause = { kind: 'sla'; alert: Alert } | { kind: 'intake' } | { kind: 'manual'; by: string; reason?: string };

/** A complaint escalated to a supervisor or the managers. */
export interface Escalation extends Reading {
  kind: 'escalation';
  complaint: Complaint;
  cause: EscalationCause;
}

/** Someone handed the complaint to the recipient. */
export interface ComplaintAssigned extends Reading {
  kind: 'complaint-assigned';
  complaint: Complaint;
  by: string;
}

/** A recurring category or root cause opened a corrective action (to managers). */
export interface CorrectiveActionNotice {
  kind: 'corrective-action';
  locale: Locale;
  action: CorrectiveAction;
}

/** One care task announced on its own: a one-off reminder or a churn alert. */
export interface CareTaskNotice {
  kind: 'care-task';
  locale: Locale;
  task: CareTask;
  today: Day;
}

/** The owner's daily care list. */
export interface CareDigestNotice {
  kind: 'care-digest';
  locale: Locale;
  tasks: CareTask[];
  day: Day;
  /** how many tasks the message shows before "and n more" */
  maxTasks: number;
}

export interface SurveyLinkLine {
  customerId: string;
  customerName: string;
  link: string;
  kind: SurveyKind;
  trigger: SurveyTrigger;
  emailed: boolean;
}

/** Survey links for the owner to forward to customers (WeChat, SMS…). */
export interface SurveyLinksNotice {
  kind: 'survey-links';
  locale: Locale;
  lines: SurveyLinkLine[];
  expiryDays: number;
  reminder?: boolean;
}

/** The customer's own invitation (e-mail), in the customer's language. */
export interface SurveyInvitationNotice {
  kind: 'survey-invitation';
  locale: Locale;
  company: string;
  /** "Dear Ms Li", already in the customer's language */
  greeting: string;
  link: string;
  expiryDays: number;
}

export interface LowScoreAlert {
  customerId: string;
  customerName: string;
  kind: SurveyKind;
  score: number;
  trigger: SurveyTrigger;
  /** when, already in the reader's time zone, e.g. 2025-06-16 14:05 */
  answeredAtLocal: string;
  comment?: string;
  reopenedComplaintId?: string;
}

/** A customer answered with a low score (to the owner). */
export interface LowScoreAlertNotice {
  kind: 'low-score-alert';
  locale: Locale;
  alert: LowScoreAlert;
}

/** How one reader sees a digest. */
export interface DigestView {
  locale: Locale;
  timeZone: string;
  /** staff names by staff id, for the owner table */
  names: Record<string, string>;
}

/** A manager's digest: the figures as data; a channel that can show pictures draws the chart from `content.series`. */
export interface ManagerDigestNotice {
  kind: 'manager-digest';
  locale: Locale;
  content: DigestContent;
  view: DigestView;
  /** rows of the per-owner table at most */
  ownerRows: number;
  /** the company wants the chart (digest.chart.enabled) */
  chart: boolean;
}

/** An import started from a conversation: the rows done so far (the channel keeps one message up to date). */
export interface ImportProgress {
  kind: 'import-progress';
  locale: Locale;
  job: ImportJob;
}

/** The import's summary, and the rejected rows as a CSV when some rows were refused. */
export interface ImportFinished {
  kind: 'import-finished';
  locale: Locale;
  job: ImportJob;
  rejected?: { fileName: string; csv: string };
}
