import { createCustomerInput } from '../domain/customer';
import { interactionInput } from '../domain/interaction';
import { t } from '../i18n';
import { customerName } from '../services/customer-names';
import { createCustomerModal, customerActionIds, customerCallbacks, type InteractionModalMeta, interactionModal } from './blocks/customers';
import { privateMetadata, stateValue } from './blocks/elements';
import type { SlackFeature, Subcommand } from './feature-module';
import { onAction, onView } from './listeners';
import { openViewOnce } from './runtime/view-once';
import { localizedIssues, modalErrors } from './validate';

/**
 * Customers in Slack: `/crm <name or phone>` (card or pick list), `/crm new`,
 * `/crm note <customer> <text>`, the card's buttons (log interaction, reveal
 * the credit grade — audited) and their modals. The listeners only open
 * modals, check forms and hand off; jobs/customers.ts does the rest.
 */

const lookup: Subcommand = {
  name: 'find',
  aliases: ['查', '查找', 'customer', '客户'],
  run: (c) => c.handOff('customers.find', { query: c.args }),
};

const newCustomer: Subcommand = {
  name: 'new',
  aliases: ['新建', '新客户', 'add'],
  async run(c) {
    const s = await c.session();
    await openViewOnce(
      c.ctx,
      c.client,
      c.command.trigger_id,
      createCustomerModal({ locale: s.locale, ownerId: c.command.user_id, name: c.args || undefined }),
    );
    await c.ack();
  },
};

const note: Subcommand = {
  name: 'note',
  aliases: ['备注', '记录'],
  run: (c) => c.handOff('customers.note', { text: c.args }),
};

const interactionBlocks: Record<string, string> = { kind: 'kind', summary: 'summary', outcome: 'outcome', at: 'at' };
const customerBlocks: Record<string, string> = {
  name: 'name',
  kind: 'kind',
  company: 'company',
  phones: 'phone',
  emails: 'email',
  address: 'city',
  lifecycleStage: 'stage',
  ownerId: 'owner',
  birthday: 'birthday',
  consent: 'consent',
};

function customerFromModal(values: Parameters<typeof stateValue>[0]) {
  const birthday = stateValue(values, 'birthday');
  const [year, month, day] = birthday ? birthday.split('-').map(Number) : [];
  const phone = stateValue(values, 'phone');
  const email = stateValue(values, 'email');
  const city = stateValue(values, 'city');
  return {
    name: stateValue(values, 'name'),
    kind: stateValue(values, 'kind') ?? 'person',
    ...(stateValue(values, 'company') ? { company: stateValue(values, 'company') } : {}),
    phones: phone ? [phone] : [],
    emails: email ? [email] : [],
    ...(city ? { address: { city } } : {}),
    lifecycleStage: stateValue(values, 'stage') ?? 'new',
    ownerId: stateValue(values, 'owner'),
    ...(birthday ? { birthday: { year, month, day } } : {}),
    consent: { contact: stateValue(values, 'consent') === 'contact', surveys: true, thirdPartySharing: false },
  };
}

export const customers: SlackFeature = {
  subcommands: [lookup, newCustomer, note],

  register(app, kit) {
    onAction(app, kit, customerActionIds.pick, (a) => a.handOff('customers.card', { customerId: a.value }));
    onAction(app, kit, customerActionIds.reveal, (a) => a.handOff('customers.reveal', { customerId: a.value }));
    onAction(app, kit, customerActionIds.create, async (a) => {
      const s = await a.session();
      await a.openModal(createCustomerModal({ locale: s.locale, ownerId: a.click.userId, name: a.value || undefined }));
    });
    onAction(app, kit, customerActionIds.logInteraction, async (a) => {
      const [s, customer] = await Promise.all([a.session(), customerName(a.ctx, a.value)]);
      await a.openModal(interactionModal({ customerId: customer.id, name: customer.name }, s.locale));
    });

    onView(app, kit, customerCallbacks.interaction, async (v) => {
      const meta = privateMetadata<InteractionModalMeta>({ private_metadata: v.privateMetadata });
      const input = {
        kind: stateValue(v.values, 'kind'),
        summary: stateValue(v.values, 'summary'),
        ...(stateValue(v.values, 'outcome') ? { outcome: stateValue(v.values, 'outcome') } : {}),
        ...(stateValue(v.values, 'at') ? { at: stateValue(v.values, 'at') } : {}),
      };
      const s = await v.session();
      const { issues } = localizedIssues(interactionInput, input, s.locale);
      if (input.at && input.at > v.now.toISOString()) issues.push({ path: 'at', message: t(s.locale, 'slack.form.not_future') });
      if (issues.length) return v.ack({ response_action: 'errors', errors: modalErrors(issues, interactionBlocks, s.locale, 'summary') });
      await v.ack();
      await v.handOff('customers.log_interaction', { customerId: meta?.customerId, name: meta?.name, input });
    });

    onView(app, kit, customerCallbacks.create, async (v) => {
      const s = await v.session();
      const input = customerFromModal(v.values);
      // The phone number's validity is checked by the worker (the service), which answers by DM.
      const { issues } = localizedIssues(createCustomerInput, input, s.locale);
      if (issues.length) return v.ack({ response_action: 'errors', errors: modalErrors(issues, customerBlocks, s.locale, 'name') });
      await v.ack();
      await v.handOff('customers.create', { input });
    });
  },
};

export const crmLookup = lookup;
