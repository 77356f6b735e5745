import { complaintTransition, openComplaintInput } from '../domain/complaint-schemas';
import type { FieldIssue } from '../domain/errors';
import { type Locale, t } from '../i18n';
import { customerNameIfAny, searchCustomerNames } from '../services/customer-names';
import {
  acknowledgeModal,
  assignModal,
  type ClickedMessage,
  CUSTOMER_SEARCH,
  complaintCallbacks,
  escalateModal,
  type IntakePrefill,
  intakeModal,
  noteModal,
  OPEN_COMPLAINT_MODAL,
  reopenModal,
  resolveModal,
  SHOW_COMPLAINT,
  savingView,
} from './blocks/complaint-forms';
import { complaintActionIds } from './blocks/complaints';
import { privateMetadata, stateValue } from './blocks/elements';
import { complaintSourceOf, readMessageText } from './complaint-source';
import type { Kit, SlackFeature, Subcommand } from './feature-module';
import { type ActionArgs, onAction, onView, type ViewArgs } from './listeners';
import { openViewOnce } from './runtime/view-once';
import { localizedIssues, modalErrors } from './validate';

/**
 * Complaints in Slack (docs/architecture.md and docs/domain.md, Complaints): intake by `/crm
 * complaint`, the customer card, the "Log as complaint" message shortcut and
 * the :ticket: reaction; lists by `/crm complaints`; and the buttons on every
 * complaint message, each a transition of lib/services/complaints.ts. After a
 * change the clicked message is edited in place; the complaints-channel
 * message is edited by the service itself. The listeners open forms, check
 * them and hand off; jobs/complaints.ts does the rest.
 */

// ── Intake ───────────────────────────────────────────────────────────────────

const intakeBlocks: Record<string, string> = {
  customerId: 'customer',
  category: 'category',
  severity: 'severity',
  channel: 'channel',
  description: 'description',
  confirmedWithCustomer: 'confirmed',
  promisedReplyAt: 'promised',
};

async function openIntake(kit: Kit, open: (view: unknown) => Promise<void>, locale: Locale, prefill: IntakePrefill): Promise<void> {
  await open(intakeModal(prefill, locale, kit.ctx.config.slackBot.prefillChars));
}

const complaintCommand: Subcommand = {
  name: 'complaint',
  aliases: ['投诉', '登记投诉', 'log'],
  async run(c) {
    const s = await c.session();
    let customer: IntakePrefill['customer'];
    if (c.args) {
      // The modal has a picker; a name given on the command line preselects it when it is unambiguous.
      const found = await searchCustomerNames(c.ctx, c.args, 2);
      if (found.length === 1) customer = { id: found[0]!.id, name: found[0]!.name };
    }
    await openViewOnce(
      c.ctx,
      c.client,
      c.command.trigger_id,
      intakeModal({ customer, source: { kind: 'command', channelId: c.command.channel_id } }, s.locale, c.ctx.config.slackBot.prefillChars),
    );
    await c.ack();
  },
};

const listCommand: Subcommand = {
  name: 'complaints',
  aliases: ['投诉列表', '投诉单'],
  run: (c) => c.handOff('complaints.list', { filter: c.args }),
};

function intakeInput(values: ViewArgs['values']) {
  return {
    customerId: stateValue(values, 'customer'),
    category: stateValue(values, 'category'),
    severity: stateValue(values, 'severity') ?? 'ordinary',
    channel: stateValue(values, 'channel'),
    description: stateValue(values, 'description'),
    confirmedWithCustomer: stateValue(values, 'confirmed') === 'yes',
  };
}

// ── Buttons and their forms ──────────────────────────────────────────────────

const clickedMessage = (a: ActionArgs): ClickedMessage => ({
  complaintId: a.value,
  channelId: a.click.channelId,
  messageTs: a.click.messageTs,
  isEphemeral: a.click.isEphemeral,
  responseUrl: a.click.responseUrl,
  viewType: a.click.viewType,
});

function formButton(
  kit: Kit,
  app: Parameters<NonNullable<SlackFeature['register']>>[0],
  actionId: string,
  form: (m: ClickedMessage, locale: Locale) => unknown,
) {
  onAction(app, kit, actionId, async (a) => {
    const s = await a.session();
    await a.openModal(form(clickedMessage(a), s.locale));
  });
}

/** A submitted form → a transition, checked in the user's language before the modal closes. */
function formSubmit(
  app: Parameters<NonNullable<SlackFeature['register']>>[0],
  kit: Kit,
  callbackId: string,
  read: (v: ViewArgs, locale: Locale) => { transition: unknown; blocks: Record<string, string>; extra?: FieldIssue[] },
) {
  onView(app, kit, callbackId, async (v) => {
    const m = privateMetadata<ClickedMessage>({ private_metadata: v.privateMetadata });
    if (!m?.complaintId) return v.ack();
    const s = await v.session();
    const { transition, blocks, extra = [] } = read(v, s.locale);
    const { issues } = localizedIssues(complaintTransition, transition, s.locale);
    const all = [...issues.filter((i) => i.path !== 'action'), ...extra];
    if (all.length) return v.ack({ response_action: 'errors', errors: modalErrors(all, blocks, s.locale, Object.values(blocks)[0]!) });
    await v.ack();
    await v.handOff('complaints.transition', { clicked: m, transition }, { responseUrl: m.responseUrl, channelId: m.channelId });
  });
}

const future = (iso: string | undefined, now: Date, locale: Locale, path: string): FieldIssue[] =>
  iso && iso <= now.toISOString() ? [{ path, message: t(locale, 'slack.form.must_be_future') }] : [];

export const complaints: SlackFeature = {
  subcommands: [complaintCommand, listCommand],

  register(app, kit) {
    // The customer picker searches names (characters, pinyin, initials) as the user types.
    app.options(CUSTOMER_SEARCH, async ({ options, ack }) => {
      const query = String((options as { value?: string }).value ?? '');
      const found = await searchCustomerNames(kit.ctx, query, kit.ctx.config.slackBot.customerOptions);
      await ack({
        options: found.map((c) => ({
          text: { type: 'plain_text', text: [c.name, c.city, c.tier].filter(Boolean).join(' · ').slice(0, 75) },
          value: c.id,
        })),
      } as never);
    });

    onAction(app, kit, OPEN_COMPLAINT_MODAL, async (a) => {
      const s = await a.session();
      const source = complaintSourceOf(a.value);
      // The button holds a reference only; the message or customer is read again now.
      if (source?.kind === 'message') {
        const text = await readMessageText(a.client, kit.ctx, source.channelId, source.ts);
        return openIntake(kit, a.openModal, s.locale, {
          ...(text ? { description: text.slice(0, kit.ctx.config.slackBot.prefillChars), channel: 'slack' as const } : {}),
          source: { kind: 'reaction', channelId: source.channelId, ts: source.ts },
        });
      }
      const customer = source?.kind === 'customer' ? await customerNameIfAny(kit.ctx, source.customerId) : undefined;
      await openIntake(kit, a.openModal, s.locale, {
        ...(customer ? { customer: { id: customer.id, name: customer.name } } : {}),
        source: { kind: source?.kind === 'home' ? 'home' : 'card' },
      });
    });

    app.shortcut('complaint.from_message', async ({ shortcut, ack, client }) => {
      const body = shortcut as unknown as {
        user: { id: string };
        trigger_id: string;
        message?: { text?: string; ts?: string };
        channel?: { id?: string };
      };
      try {
        const s = await kit.session(client, body.user.id);
        await client.views.open({
          trigger_id: body.trigger_id,
          view: intakeModal(
            {
              description: body.message?.text,
              channel: 'slack',
              source: { kind: 'shortcut', channelId: body.channel?.id, ts: body.message?.ts },
            },
            s.locale,
            kit.ctx.config.slackBot.prefillChars,
          ) as never,
        });
      } finally {
        await ack();
      }
    });

    app.event('reaction_added', async ({ event }) => {
      if (event.reaction !== kit.ctx.config.slackBot.complaintReaction || event.item.type !== 'message') return;
      await kit.handOff({ kind: 'complaints.reaction', userId: event.user, args: { channelId: event.item.channel, ts: event.item.ts } });
    });

    onView(app, kit, complaintCallbacks.intake, async (v) => {
      const s = await v.session();
      if (!v.values.customer) return v.ack(); // the confirmation view closing
      const input = intakeInput(v.values);
      const promisedReplyAt = stateValue(v.values, 'promised');
      const { issues } = localizedIssues(openComplaintInput, input, s.locale);
      issues.push(...future(promisedReplyAt, v.now, s.locale, 'promisedReplyAt'));
      if (issues.length) return v.ack({ response_action: 'errors', errors: modalErrors(issues, intakeBlocks, s.locale, 'description') });
      await v.ack({ response_action: 'update', view: savingView(s.locale) });
      await v.handOff('complaints.open', { input, promisedReplyAt });
    });

    formButton(kit, app, complaintActionIds.acknowledge, acknowledgeModal);
    formButton(kit, app, complaintActionIds.assign, assignModal);
    formButton(kit, app, complaintActionIds.note, noteModal);
    formButton(kit, app, complaintActionIds.reopen, reopenModal);
    formButton(kit, app, complaintActionIds.escalate, escalateModal);
    formButton(kit, app, complaintActionIds.resolve, (m, locale) =>
      resolveModal(m, locale, kit.ctx.config.complaints.rootCauseSuggestions),
    );
    onAction(app, kit, complaintActionIds.take, (a) =>
      a.handOff('complaints.transition', { clicked: clickedMessage(a), transition: { action: 'reassign', assigneeId: a.click.userId } }),
    );
    onAction(app, kit, SHOW_COMPLAINT, (a) => a.handOff('complaints.show', { complaintId: a.value }));

    formSubmit(app, kit, complaintCallbacks.acknowledge, (v, locale) => {
      const promisedReplyAt = stateValue(v.values, 'promised');
      return {
        transition: { action: 'acknowledge', promisedReplyAt },
        blocks: { promisedReplyAt: 'promised' },
        extra: future(promisedReplyAt, v.now, locale, 'promisedReplyAt'),
      };
    });
    formSubmit(app, kit, complaintCallbacks.assign, (v) => ({
      transition: { action: 'reassign', assigneeId: stateValue(v.values, 'assignee') },
      blocks: { assigneeId: 'assignee' },
    }));
    formSubmit(app, kit, complaintCallbacks.note, (v) => ({
      transition: { action: 'note', text: stateValue(v.values, 'text') },
      blocks: { text: 'text' },
    }));
    formSubmit(app, kit, complaintCallbacks.reopen, (v) => ({
      transition: { action: 'reopen', reason: stateValue(v.values, 'reason') },
      blocks: { reason: 'reason' },
    }));
    formSubmit(app, kit, complaintCallbacks.escalate, (v) => {
      const reason = stateValue(v.values, 'reason');
      return { transition: { action: 'escalate', ...(reason ? { reason } : {}) }, blocks: { reason: 'reason' } };
    });
    formSubmit(app, kit, complaintCallbacks.resolve, (v) => {
      const compensation = stateValue(v.values, 'compensation');
      return {
        transition: {
          action: 'resolve',
          solution: stateValue(v.values, 'solution'),
          rootCause: stateValue(v.values, 'root_cause') ?? stateValue(v.values, 'root_cause_pick'),
          ...(compensation ? { compensation } : {}),
          replyToCustomer: stateValue(v.values, 'reply'),
        },
        blocks: { solution: 'solution', rootCause: 'root_cause', compensation: 'compensation', replyToCustomer: 'reply' },
      };
    });
  },
};
