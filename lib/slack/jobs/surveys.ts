import { t } from '../../i18n';
import type { AppContext } from '../../services/context';
import { customerName } from '../../services/customer-names';
import { lastSurveyOf as lastSurveyAnswer, sendSurvey } from '../../services/surveys';
import { esc } from '../blocks/elements';
import type { FeatureJobs, JobContext } from '../feature-module';
import { customerNamed } from './customer-named';

/** The worker's half of surveys in Slack: send one by hand, and the card's last score. */
export const surveysEnabled = (): boolean => true;

/** The customer's last survey answer, for the card. */
export const lastSurveyOf = (ctx: AppContext, customerId: string) => lastSurveyAnswer(ctx, customerId);

async function send(j: JobContext, customer: { id: string; name: string }): Promise<void> {
  const sent = await sendSurvey(j.ctx, j.actor, { customerId: customer.id, trigger: 'manual' }, j.now);
  const how = [
    sent.delivered.email ? t(j.locale, 'slack.survey.by_email') : '',
    sent.delivered.slack ? t(j.locale, 'slack.survey.to_owner') : '',
  ]
    .filter(Boolean)
    .join(t(j.locale, 'slack.survey.and'));
  const text = t(j.locale, 'slack.survey.sent', { name: esc(customer.name), days: j.ctx.config.surveys.tokenExpiryDays });
  // The link is shown once, to the sender only (an ephemeral reply): it is the customer's key to the page.
  await j.reply({ text: `${text}\n${sent.link}${how ? `\n${t(j.locale, 'slack.survey.delivered', { how })}` : ''}` });
}

export const surveyJobs = {
  async 'surveys.send'(j) {
    const id = String(j.job.args.customerId);
    await send(j, await customerName(j.ctx, id));
  },

  async 'surveys.command'(j) {
    const text = String(j.job.args.text ?? '').trim();
    if (!text) return j.reply({ text: t(j.locale, 'slack.usage.survey') });
    const customer = await customerNamed(j, text);
    if (customer) await send(j, customer);
  },
} satisfies FeatureJobs;
