import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { isOpen } from '../../domain/care-model';
import { lifecycleStages } from '../../domain/customer';
import type { CustomerSummary } from '../../domain/customer-summary';
import { type Locale, t } from '../../i18n';
import type { CustomerOverview } from '../../services/customer-overview';
import { complaintSourceValue } from '../complaint-source';
import { mention } from '../mention';
import { actorMention } from './actor';
import {
  actions,
  type Block,
  button,
  checkboxInput,
  context,
  dateInput,
  dateTimeInput,
  esc,
  fields,
  header,
  isoAsSlackDates,
  type ModalView,
  modal,
  section,
  selectInput,
  slackDate,
  textInput,
  truncate,
  userSelectInput,
} from './elements';

/**
 * Block Kit for customers (pure): the card `/crm <name>` answers with, the
 * pick list for several matches, and the two customer modals. Button values
 * are customer ids; the complaint button's value is JSON naming the customer.
 */
export const customerActionIds = {
  pick: 'customer.pick',
  logInteraction: 'customer.log_interaction',
  reveal: 'customer.reveal',
  create: 'customer.new',
  openComplaint: 'complaint.open_modal',
  sendSurvey: 'survey.send',
} as const;

export const customerCallbacks = {
  interaction: 'customer.interaction_modal',
  create: 'customer.create_modal',
} as const;

export const loggableInteractionKinds = ['call', 'visit', 'on-site-visit', 'email', 'wechat', 'meeting', 'holiday-visit', 'note'] as const;

export interface CardOptions {
  locale: Locale;
  timeZone: string;
  /** show the audited "reveal credit grade" button (supervisors and above) */
  canReveal: boolean;
  /** the surveys feature is wired: offer "send survey" */
  canSendSurvey: boolean;
  /** the last survey answer, when the surveys feature knows one */
  lastSurvey?: { score: number; scale: string; answeredAt: string };
  maxRows: number;
  /** marks deadlines already past as overdue */
  now?: Date;
}

const day = (iso: string, timeZone: string) => format(new Date(iso), 'yyyy-MM-dd', { in: tz(timeZone) });
const minute = (iso: string, timeZone: string) => format(new Date(iso), 'yyyy-MM-dd HH:mm', { in: tz(timeZone) });

export function tierLabel(c: { tier: string; flags?: { keyAccount?: boolean; vip?: boolean; problem?: boolean } }, locale: Locale): string {
  const marks = [
    c.flags?.keyAccount ? t(locale, 'slack.customer.key_account') : '',
    c.flags?.vip ? 'VIP' : '',
    c.flags?.problem ? t(locale, 'slack.customer.problem') : '',
  ].filter(Boolean);
  return [c.tier, ...marks].join(' · ');
}

export function customerCardBlocks(o: CustomerOverview, opts: CardOptions): Block[] {
  const { locale, timeZone } = opts;
  const c = o.customer;
  const label = (key: string, value: string) => `*${t(locale, `slack.field.${key}`)}*\n${value}`;
  const none = t(locale, 'slack.none');
  const blocks: Block[] = [
    header(c.company && c.company !== c.name ? `${c.name} · ${c.company}` : c.name),
    fields([
      label('tier', tierLabel(c, locale)),
      label('ownerId', actorMention(c.ownerId, locale)),
      label('lifecycleStage', t(locale, `slack.stage.${c.lifecycleStage}`)),
      label('city', esc(c.address?.city ?? none)),
      label('phones', c.phones.length ? c.phones.join(', ') : none),
      label('emails', c.emails.length ? esc(c.emails.join(', ')) : none),
      ...(c.creditGrade ? [label('creditGrade', t(locale, `slack.credit.${c.creditGrade}`))] : []),
    ]),
  ];
  const last = o.lastInteraction;
  blocks.push(
    section(
      `*${t(locale, 'slack.customer.last_interaction')}*\n${
        last
          ? `${t(locale, `slack.interaction.${last.kind}`)} · ${slackDate(last.at, minute(last.at, timeZone))} · ${actorMention(last.by, locale)}\n> ${isoAsSlackDates(esc(truncate(last.summary, 300)), timeZone)}`
          : t(locale, 'slack.customer.no_interaction')
      }`,
    ),
  );
  const complaints = o.activeComplaints.slice(0, opts.maxRows);
  blocks.push(
    section(
      `*${t(locale, 'slack.customer.open_complaints', { count: o.activeComplaints.length })}*${
        complaints.length
          ? `\n${complaints
              .map(
                (x) =>
                  `• ${t(locale, `complaint.severity.${x.severity}`)} · ${t(locale, `complaint.status.${x.status}`)} · ${t(locale, `complaint.category.${x.category}`)}${x.nextDeadlineAt ? ` · ${t(locale, 'slack.due', { at: slackDate(x.nextDeadlineAt, minute(x.nextDeadlineAt, timeZone)) })}${opts.now && x.nextDeadlineAt < opts.now.toISOString() ? ` ${t(locale, 'complaint.overdue')}` : ''}` : ''} · \`${x.id}\``,
              )
              .join('\n')}`
          : ''
      }`,
    ),
  );
  if (opts.lastSurvey) {
    const s = opts.lastSurvey;
    blocks.push(section(`*${t(locale, 'slack.customer.last_survey')}*\n${s.scale} ${s.score} · ${day(s.answeredAt, timeZone)}`));
  }
  const tasks = o.openTasks.filter(isOpen).slice(0, opts.maxRows);
  const today = opts.now ? day(opts.now.toISOString(), timeZone) : undefined;
  blocks.push(
    section(
      `*${t(locale, 'slack.customer.upcoming_care')}*\n${
        tasks.length
          ? tasks
              .map(
                (x) =>
                  `• ${t(locale, `care.kind.${x.kind}`)} · ${x.dueDate}${today && x.dueDate < today ? ` ${t(locale, 'care.task.overdue')}` : ''} · ${mention(x.assigneeId)}`,
              )
              .join('\n')
          : none
      }`,
    ),
  );
  const buttons = [
    button(customerActionIds.logInteraction, t(locale, 'slack.button.log_interaction'), c.id, 'primary'),
    button(
      customerActionIds.openComplaint,
      t(locale, 'slack.button.log_complaint'),
      complaintSourceValue({ kind: 'customer', customerId: c.id }),
    ),
    ...(opts.canSendSurvey ? [button(customerActionIds.sendSurvey, t(locale, 'slack.button.send_survey'), c.id)] : []),
    ...(opts.canReveal && !c.creditGrade ? [button(customerActionIds.reveal, t(locale, 'slack.button.reveal'), c.id)] : []),
  ];
  blocks.push(actions(buttons, `customer.${c.id}.actions`));
  blocks.push(context(`${t(locale, 'slack.customer.footer', { id: c.id })}`));
  return blocks;
}

export const customerCardText = (o: CustomerOverview, locale: Locale) =>
  t(locale, 'slack.customer.card_text', { name: o.customer.name, tier: o.customer.tier, complaints: o.activeComplaints.length });

export function customerLine(c: CustomerSummary, locale: Locale): string {
  return [
    `*${esc(c.name)}*`,
    c.company && c.company !== c.name ? esc(c.company) : '',
    c.tier,
    c.city ? esc(c.city) : '',
    t(locale, `slack.stage.${c.lifecycleStage}`),
    `${mention(c.ownerId)}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

const PICK_ROWS_MAX = 45;

/** Several customers fit: one line each with a button that opens the card. */
export function pickListBlocks(query: string, matches: CustomerSummary[], more: boolean, locale: Locale): Block[] {
  return [
    section(t(locale, 'slack.customer.pick', { query: esc(query), count: matches.length })),
    // a header line, the rows and "more" within Slack's 50 blocks (room left for one more line after)
    ...matches
      .slice(0, PICK_ROWS_MAX)
      .map((c) => section(customerLine(c, locale), { accessory: button(customerActionIds.pick, t(locale, 'slack.button.open'), c.id) })),
    ...(more || matches.length > PICK_ROWS_MAX ? [context(t(locale, 'slack.customer.pick_more'))] : []),
  ];
}

export function noMatchBlocks(query: string, locale: Locale): Block[] {
  return [
    section(t(locale, 'slack.customer.none', { query: esc(query) })),
    actions([button(customerActionIds.create, t(locale, 'slack.button.new_customer'), query)]),
  ];
}

// ── Modals ───────────────────────────────────────────────────────────────────

export interface InteractionModalMeta {
  customerId: string;
  name: string;
}

export function interactionModal(meta: InteractionModalMeta, locale: Locale): ModalView {
  return modal(
    customerCallbacks.interaction,
    t(locale, 'slack.modal.interaction.title'),
    [
      section(t(locale, 'slack.modal.interaction.intro', { name: esc(meta.name) })),
      selectInput(
        'kind',
        t(locale, 'slack.field.kind'),
        loggableInteractionKinds.map((k) => ({ text: t(locale, `slack.interaction.${k}`), value: k })),
        { initial: 'call' },
      ),
      textInput('summary', t(locale, 'slack.field.summary'), { multiline: true, maxLength: 3000 }),
      textInput('outcome', t(locale, 'slack.field.outcome'), { optional: true, maxLength: 2000 }),
      dateTimeInput('at', t(locale, 'slack.field.at'), { optional: true, hint: t(locale, 'slack.modal.interaction.at_hint') }),
    ],
    { submit: t(locale, 'slack.modal.save'), close: t(locale, 'slack.modal.cancel'), privateMetadata: meta },
  );
}

export function createCustomerModal(o: { locale: Locale; ownerId: string; name?: string }): ModalView {
  const { locale } = o;
  return modal(
    customerCallbacks.create,
    t(locale, 'slack.modal.customer.title'),
    [
      textInput('name', t(locale, 'slack.field.name'), { maxLength: 200, ...(o.name ? { initial: o.name } : {}) }),
      selectInput(
        'kind',
        t(locale, 'slack.field.customer_kind'),
        [
          { text: t(locale, 'slack.customer.kind.person'), value: 'person' },
          { text: t(locale, 'slack.customer.kind.organization'), value: 'organization' },
        ],
        { initial: 'person' },
      ),
      textInput('company', t(locale, 'slack.field.company'), { optional: true, maxLength: 200 }),
      textInput('phone', t(locale, 'slack.field.phones'), { optional: true, maxLength: 40 }),
      textInput('email', t(locale, 'slack.field.emails'), { optional: true, maxLength: 254 }),
      textInput('city', t(locale, 'slack.field.city'), { optional: true, maxLength: 100 }),
      selectInput(
        'stage',
        t(locale, 'slack.field.lifecycleStage'),
        lifecycleStages.map((s) => ({ text: t(locale, `slack.stage.${s}`), value: s })),
        { initial: 'new' },
      ),
      userSelectInput('owner', t(locale, 'slack.field.ownerId'), { initial: o.ownerId }),
      dateInput('birthday', t(locale, 'slack.field.birthday'), { optional: true }),
      checkboxInput(
        'consent',
        t(locale, 'slack.field.consent'),
        { text: t(locale, 'slack.customer.consent_contact'), value: 'contact' },
        { optional: true, checked: true },
      ),
    ],
    { submit: t(locale, 'slack.modal.save'), close: t(locale, 'slack.modal.cancel') },
  );
}

/** A short confirmation with the way back to the card. */
export function savedBlocks(text: string, customerId: string | undefined, locale: Locale): Block[] {
  return [
    section(text),
    ...(customerId ? [actions([button(customerActionIds.pick, t(locale, 'slack.button.open_card'), customerId)])] : []),
  ];
}
