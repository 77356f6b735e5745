import { customerActionIds } from './blocks/customers';
import type { SlackFeature } from './feature-module';
import { onAction } from './listeners';

/**
 * Surveys in Slack: `/crm survey <customer>` and the card's "send survey"
 * button; the worker sends it (jobs/surveys.ts, lib/services/surveys.ts).
 */
export const surveys: SlackFeature = {
  subcommands: [{ name: 'survey', aliases: ['调查', '问卷', '满意度'], run: (c) => c.handOff('surveys.command', { text: c.args }) }],
  register(app, kit) {
    onAction(app, kit, customerActionIds.sendSurvey, (a) => a.handOff('surveys.send', { customerId: a.value }));
  },
};
