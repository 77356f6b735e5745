import { questionLanguage } from '../../domain/ask/language';
import { atLeast } from '../../domain/staff';
import { answerQuestion } from '../../services/ask';
import { answerBlocks } from '../blocks/ask';
import type { FeatureJobs } from '../feature-module';
import { surveysEnabled } from './surveys';

/** A question asked in a DM or an @mention, answered with facts and how it was read. */
export const askJobs = {
  async 'ask.answer'(j) {
    const botUserId = typeof j.job.args.botUserId === 'string' ? j.job.args.botUserId : undefined;
    const text = String(j.job.args.text ?? '');
    const { parsed, answer } = await answerQuestion(j.ctx, j.actor, text, { now: j.now, ...(botUserId ? { botUserId } : {}) });
    // Answer (and label its buttons) in the language the question was asked in, when that is clear.
    const reply = answerBlocks(answer, parsed, {
      locale: questionLanguage(text) ?? j.locale,
      timeZone: j.timeZone,
      now: j.now,
      canReveal: atLeast(j.actor.role, 'supervisor'),
      canSendSurvey: surveysEnabled(),
      maxRows: Math.min(5, j.ctx.config.slackBot.listSize),
    });
    await j.reply(reply);
  },
} satisfies FeatureJobs;
