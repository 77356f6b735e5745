import { atLeast } from '../../domain/staff';
import { answerQuestion } from '../../services/ask';
import { answerBlocks } from '../blocks/ask';
import type { JobHandler } from '../feature';
import { surveysEnabled } from './surveys';

/** A question asked in a DM or an @mention, answered with facts and how it was read. */
export const askJobs: Record<string, JobHandler> = {
  async 'ask.answer'(j) {
    const botUserId = typeof j.job.args.botUserId === 'string' ? j.job.args.botUserId : undefined;
    const { parsed, answer } = await answerQuestion(j.ctx, j.actor, String(j.job.args.text ?? ''), { now: j.now, ...(botUserId ? { botUserId } : {}) });
    const reply = answerBlocks(answer, parsed, {
      locale: j.locale,
      timeZone: j.timeZone,
      now: j.now,
      canReveal: atLeast(j.actor.role, 'supervisor'),
      canSendSurvey: surveysEnabled(),
      maxRows: Math.min(5, j.ctx.config.slackBot.listSize),
    });
    await j.reply(reply);
  },
};
