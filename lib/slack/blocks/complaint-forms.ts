import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { type Complaint, complaintCategories, complaintChannels, severities } from '../../domain/complaint-schemas';
import { hasMessage, type Locale, t } from '../../i18n';
import { mention } from '../mention';
import {
  type Block,
  checkboxInput,
  context,
  dateTimeInput,
  esc,
  externalSelectInput,
  type ModalView,
  modal,
  section,
  selectInput,
  slackDate,
  textInput,
  userSelectInput,
} from './elements';

/**
 * The complaint modals (pure): intake (from `/crm complaint`, a customer
 * card, the "Log as complaint" shortcut or the :ticket: reaction) and one
 * small form per button that needs more than a click. private_metadata
 * carries where the click came from, so the worker can edit that message.
 */
export const complaintCallbacks = {
  intake: 'complaint.modal',
  acknowledge: 'complaint.acknowledge_modal',
  assign: 'complaint.assign_modal',
  note: 'complaint.note_modal',
  resolve: 'complaint.resolve_modal',
  reopen: 'complaint.reopen_modal',
  escalate: 'complaint.escalate_modal',
} as const;

/** The customer picker's options come from the `block_suggestion` listener of this action id. */
export const CUSTOMER_SEARCH = 'customer.search';
export const OPEN_COMPLAINT_MODAL = 'complaint.open_modal';
export const SHOW_COMPLAINT = 'complaint.show';

export interface IntakePrefill {
  customer?: { id: string; name: string };
  description?: string;
  channel?: (typeof complaintChannels)[number];
  /** the Slack message it came from (shortcut, reaction) */
  source?: { kind: 'command' | 'card' | 'shortcut' | 'reaction' | 'home'; channelId?: string; ts?: string };
}

export function intakeModal(p: IntakePrefill, locale: Locale, maxDescription: number): ModalView {
  const label = (k: string) => t(locale, `complaint.field.${k}`);
  return modal(
    complaintCallbacks.intake,
    t(locale, 'slack.modal.complaint.title'),
    [
      externalSelectInput('customer', label('customer'), CUSTOMER_SEARCH, {
        placeholder: t(locale, 'slack.modal.complaint.customer_placeholder'),
        ...(p.customer ? { initial: { text: p.customer.name, value: p.customer.id } } : {}),
      }),
      selectInput(
        'category',
        label('category'),
        complaintCategories.map((c) => ({ text: t(locale, `complaint.category.${c}`), value: c })),
      ),
      selectInput(
        'severity',
        label('severity'),
        severities.map((s) => ({ text: t(locale, `complaint.severity.${s}`), value: s })),
        { initial: 'ordinary' },
      ),
      selectInput(
        'channel',
        label('channel'),
        complaintChannels.map((c) => ({ text: t(locale, `complaint.channel.${c}`), value: c })),
        { initial: p.channel ?? 'phone' },
      ),
      textInput('description', t(locale, 'slack.field.description'), {
        multiline: true,
        maxLength: 3000,
        hint: t(locale, 'slack.modal.complaint.description_hint'),
        ...(p.description ? { initial: p.description.slice(0, maxDescription) } : {}),
      }),
      checkboxInput(
        'confirmed',
        t(locale, 'slack.field.confirmedWithCustomer'),
        { text: t(locale, 'complaint.confirmed'), value: 'yes' },
        { optional: true },
      ),
      dateTimeInput('promised', t(locale, 'complaint.field.promised_reply'), {
        optional: true,
        hint: t(locale, 'slack.modal.complaint.promised_hint'),
      }),
    ],
    {
      submit: t(locale, 'slack.modal.save'),
      close: t(locale, 'slack.modal.cancel'),
      privateMetadata: { source: p.source ?? { kind: 'command' } },
    },
  );
}

export const savingView = (locale: Locale): ModalView =>
  modal(complaintCallbacks.intake, t(locale, 'slack.modal.complaint.title'), [section(t(locale, 'slack.modal.complaint.saving'))], {
    close: t(locale, 'slack.modal.close'),
  });

/** After intake: the id, who owns it and every SLA clock with its due time. */
export function intakeConfirmation(c: Complaint, locale: Locale, timeZone: string, channelId?: string): { text: string; blocks: Block[] } {
  const when = (iso: string) => slackDate(iso, format(new Date(iso), 'yyyy-MM-dd HH:mm', { in: tz(timeZone) }));
  const clocks = (['firstResponse', 'resolution', 'promisedReply'] as const)
    .map((name) => ({ name, clock: c.clocks[name] }))
    .filter((x) => x.clock && !x.clock.metAt)
    .map((x) => `• ${t(locale, `complaint.clock.${x.name}`)}: ${when(x.clock!.dueAt)}`);
  const text = t(locale, 'slack.complaint.logged', { id: c.id, customer: esc(c.customerName) });
  return {
    text,
    blocks: [
      section(`:white_check_mark: ${text}`),
      section(
        [
          `*${t(locale, 'complaint.field.status')}:* ${t(locale, `complaint.status.${c.status}`)} · *${t(locale, 'complaint.field.severity')}:* ${t(locale, `complaint.severity.${c.severity}`)} · *${t(locale, 'complaint.field.assignee')}:* ${mention(c.assigneeId)}`,
          ...(clocks.length ? [`*${t(locale, 'slack.complaint.due_times')}*`, ...clocks] : []),
        ].join('\n'),
      ),
      ...(channelId ? [context(t(locale, 'slack.complaint.posted', { channel: `<#${channelId}>` }))] : []),
    ],
  };
}

export const confirmationView = (c: Complaint, locale: Locale, timeZone: string, channelId?: string): ModalView =>
  modal(complaintCallbacks.intake, t(locale, 'slack.modal.complaint.title'), intakeConfirmation(c, locale, timeZone, channelId).blocks, {
    close: t(locale, 'slack.modal.close'),
  });

/** Where a complaint button was clicked, so the worker can edit that message afterwards. */
export interface ClickedMessage {
  complaintId: string;
  channelId?: string;
  messageTs?: string;
  isEphemeral?: boolean;
  responseUrl?: string;
  viewType?: string;
}

const intro = (m: ClickedMessage, locale: Locale) => context(t(locale, 'slack.modal.complaint.about', { id: m.complaintId }));
const formOpts = (m: ClickedMessage, locale: Locale) => ({
  submit: t(locale, 'slack.modal.save'),
  close: t(locale, 'slack.modal.cancel'),
  privateMetadata: m,
});

export const acknowledgeModal = (m: ClickedMessage, locale: Locale) =>
  modal(
    complaintCallbacks.acknowledge,
    t(locale, 'complaint.button.acknowledge'),
    [
      intro(m, locale),
      dateTimeInput('promised', t(locale, 'complaint.field.promised_reply'), {
        hint: t(locale, 'slack.modal.complaint.promised_required'),
      }),
    ],
    formOpts(m, locale),
  );

export const assignModal = (m: ClickedMessage, locale: Locale) =>
  modal(
    complaintCallbacks.assign,
    t(locale, 'complaint.button.assign'),
    [intro(m, locale), userSelectInput('assignee', t(locale, 'complaint.field.assignee'))],
    formOpts(m, locale),
  );

export const noteModal = (m: ClickedMessage, locale: Locale) =>
  modal(
    complaintCallbacks.note,
    t(locale, 'complaint.button.note'),
    [intro(m, locale), textInput('text', t(locale, 'slack.field.text'), { multiline: true, maxLength: 3000 })],
    formOpts(m, locale),
  );

/** A suggested root cause in the reader's language; the value stays the configured label, so recurrences match across languages. */
export function rootCauseLabel(rootCause: string, locale: Locale): string {
  const key = `complaint.root_cause.${rootCause.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  return hasMessage(key) ? t(locale, key) : rootCause;
}

export function resolveModal(m: ClickedMessage, locale: Locale, rootCauses: string[]): ModalView {
  return modal(
    complaintCallbacks.resolve,
    t(locale, 'complaint.button.resolve'),
    [
      intro(m, locale),
      textInput('solution', t(locale, 'slack.field.solution'), { multiline: true, maxLength: 3000 }),
      ...(rootCauses.length
        ? [
            selectInput(
              'root_cause_pick',
              t(locale, 'slack.field.rootCause'),
              rootCauses.map((r) => ({ text: rootCauseLabel(r, locale), value: r })),
              { optional: true },
            ),
          ]
        : []),
      textInput('root_cause', rootCauses.length ? t(locale, 'slack.field.rootCause_other') : t(locale, 'slack.field.rootCause'), {
        optional: rootCauses.length > 0,
        maxLength: 200,
      }),
      textInput('compensation', t(locale, 'slack.field.compensation'), { optional: true, maxLength: 1000 }),
      textInput('reply', t(locale, 'slack.field.replyToCustomer'), { multiline: true, maxLength: 3000 }),
    ],
    formOpts(m, locale),
  );
}

export const reopenModal = (m: ClickedMessage, locale: Locale) =>
  modal(
    complaintCallbacks.reopen,
    t(locale, 'complaint.button.reopen'),
    [intro(m, locale), textInput('reason', t(locale, 'slack.field.reason'), { multiline: true, maxLength: 2000 })],
    formOpts(m, locale),
  );

export const escalateModal = (m: ClickedMessage, locale: Locale) =>
  modal(
    complaintCallbacks.escalate,
    t(locale, 'complaint.button.escalate'),
    [intro(m, locale), textInput('reason', t(locale, 'slack.field.reason'), { optional: true, multiline: true, maxLength: 2000 })],
    formOpts(m, locale),
  );
