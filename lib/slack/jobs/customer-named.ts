import { t } from '../../i18n';
import { customerAtStart } from '../../services/customer-lookup';
import { noMatchBlocks, pickListBlocks } from '../blocks/customers';
import type { JobContext } from '../feature-module';

/** A customer named at the start of free text, or the reply that asks which one (undefined when answered). */
export async function customerNamed(j: JobContext, text: string): Promise<{ id: string; name: string; rest: string } | undefined> {
  const limit = j.ctx.config.slackBot.pickListSize;
  const at = await customerAtStart(j.ctx, j.actor, text, limit + 1);
  if (at.found) return { id: at.found.id, name: at.found.name, rest: at.rest };
  if (!at.candidates.length)
    await j.reply({ text: t(j.locale, 'slack.customer.none', { query: at.query }), blocks: noMatchBlocks(at.query, j.locale) });
  else
    await j.reply({
      text: t(j.locale, 'slack.customer.pick', { query: at.query, count: at.candidates.length }),
      blocks: pickListBlocks(at.query, at.candidates.slice(0, limit), at.candidates.length > limit, j.locale),
    });
  return undefined;
}
