import { searchPrefix } from '../../domain/name-search';
import { atLeast } from '../../domain/staff';
import { t } from '../../i18n';
import { findCustomers } from '../../services/customer-lookup';
import { customerOverview } from '../../services/customer-overview';
import { createCustomer, getCustomer, logInteraction } from '../../services/customers';
import { customerCardBlocks, customerCardText, noMatchBlocks, pickListBlocks, savedBlocks } from '../blocks/customers';
import { esc } from '../blocks/elements';
import type { FeatureJobs, JobContext, Reply } from '../feature-module';
import { oncePerView } from '../runtime/view-once';
import { customerNamed } from './customer-named';
import { lastSurveyOf, surveysEnabled } from './surveys';

const viewIdOf = (args: Record<string, unknown>) => (typeof args.viewId === 'string' && args.viewId ? args.viewId : undefined);

/** The worker's half of customers in Slack: cards, pick lists, saving interactions, notes and new customers. */

/** The card as a reply: what this user may see, with the buttons their role allows. */
export async function customerCard(
  j: Pick<JobContext, 'ctx' | 'actor' | 'locale' | 'timeZone' | 'now'>,
  customerId: string,
): Promise<Reply> {
  const overview = await customerOverview(j.ctx, j.actor, customerId);
  const blocks = customerCardBlocks(overview, {
    locale: j.locale,
    timeZone: j.timeZone,
    canReveal: atLeast(j.actor.role, 'supervisor'),
    canSendSurvey: surveysEnabled(),
    lastSurvey: await lastSurveyOf(j.ctx, customerId),
    maxRows: Math.min(5, j.ctx.config.slackBot.listSize),
    now: j.now,
  });
  return { text: customerCardText(overview, j.locale), blocks };
}

export const customerJobs = {
  async 'customers.find'(j) {
    const query = String(j.job.args.query ?? '').trim();
    const limit = j.ctx.config.slackBot.pickListSize;
    const matches = await findCustomers(j.ctx, j.actor, query, limit + 1);
    const exact = matches.filter((m) => searchPrefix(m.name) === searchPrefix(query));
    const one = matches.length === 1 ? matches[0] : exact.length === 1 ? exact[0] : undefined;
    if (one) return j.reply(await customerCard(j, one.id));
    if (!matches.length) return j.reply({ text: t(j.locale, 'slack.customer.none', { query }), blocks: noMatchBlocks(query, j.locale) });
    await j.reply({
      text: t(j.locale, 'slack.customer.pick', { query, count: matches.length }),
      blocks: pickListBlocks(query, matches.slice(0, limit), matches.length > limit, j.locale),
    });
  },

  async 'customers.card'(j) {
    await j.reply({ ...(await customerCard(j, String(j.job.args.customerId))), replaceOriginal: Boolean(j.job.responseUrl) });
  },

  async 'customers.reveal'(j) {
    const customer = await getCustomer(j.ctx, j.actor, String(j.job.args.customerId), { includeRestricted: true, now: j.now });
    const grade = customer.creditGrade ? t(j.locale, `slack.credit.${customer.creditGrade}`) : t(j.locale, 'slack.none');
    await j.reply({ text: t(j.locale, 'slack.customer.credit', { name: esc(customer.name), grade }) });
  },

  async 'customers.log_interaction'(j) {
    const customerId = String(j.job.args.customerId);
    await oncePerView(j.ctx, viewIdOf(j.job.args), j.now, async () => {
      const entry = await logInteraction(j.ctx, j.actor, customerId, j.job.args.input, j.now);
      const text = t(j.locale, 'slack.customer.logged', {
        kind: t(j.locale, `slack.interaction.${entry.kind}`),
        name: esc(String(j.job.args.name ?? customerId)),
      });
      await j.dm({ text, blocks: savedBlocks(text, customerId, j.locale) });
    });
  },

  async 'customers.create'(j) {
    await oncePerView(j.ctx, viewIdOf(j.job.args), j.now, async () => {
      const created = await createCustomer(j.ctx, j.actor, j.job.args.input, j.now);
      const card = await customerCard(j, created.id);
      const text = t(j.locale, 'slack.customer.created', { name: esc(created.name) });
      await j.dm({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }, ...(card.blocks ?? [])] });
    });
  },

  async 'customers.note'(j) {
    const text = String(j.job.args.text ?? '').trim();
    if (!text) return j.reply({ text: t(j.locale, 'slack.usage.note') });
    const customer = await customerNamed(j, text);
    if (!customer) return;
    if (!customer.rest) return j.reply({ text: t(j.locale, 'slack.usage.note') });
    await logInteraction(j.ctx, j.actor, customer.id, { kind: 'note', summary: customer.rest }, j.now);
    const saved = t(j.locale, 'slack.customer.logged', { kind: t(j.locale, 'slack.interaction.note'), name: esc(customer.name) });
    await j.reply({ text: saved, blocks: savedBlocks(saved, customer.id, j.locale) });
  },
} satisfies FeatureJobs;
