import { t } from '../../i18n';
import { buildDigestPreview, setDigestSubscription } from '../../services/digest';
import type { FeatureJobs } from '../feature-module';
import { slackMessageOf } from '../notices/slack-message';

/** The worker's half of `/crm digest`: a manager's digest so far, and their subscription. */
const FREQUENCY_WORDS: Record<string, string> = { 每周: 'weekly', 每日: 'daily', 每天: 'daily', 每月: 'monthly', 关闭: 'off', 取消: 'off' };

export const digestJobs = {
  async 'digest.preview'(j) {
    const digest = await buildDigestPreview(j.ctx, j.actor, j.now);
    await j.reply(slackMessageOf(digest));
  },

  async 'digest.subscribe'(j) {
    const word = String(j.job.args.frequency ?? '');
    const frequency = FREQUENCY_WORDS[word] ?? word;
    if (!frequency) return j.reply({ text: t(j.locale, 'slack.usage.digest') });
    const result = await setDigestSubscription(j.ctx, j.actor, frequency, j.now);
    const text = result.first
      ? t(j.locale, 'slack.digest.subscribed', {
          frequency: t(j.locale, `slack.digest.frequency.${result.subscription}`),
          day: result.first.sendDay,
        })
      : t(j.locale, 'slack.digest.off');
    await j.reply({ text });
  },
} satisfies FeatureJobs;
