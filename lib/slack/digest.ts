import type { SlackFeature } from './feature-module';

/**
 * `/crm digest` (managers: their digest for the period so far) and
 * `/crm digest subscribe weekly|daily|monthly|off`. The worker answers
 * (jobs/digest.ts, lib/services/digest.ts).
 */
const SUBSCRIBE = /^(subscribe|订阅)\s*/i;

export const digest: SlackFeature = {
  subcommands: [
    {
      name: 'digest',
      aliases: ['简报', '周报'],
      run: (c) =>
        SUBSCRIBE.test(c.args)
          ? c.handOff('digest.subscribe', { frequency: c.args.replace(SUBSCRIBE, '').trim().toLowerCase() })
          : c.handOff('digest.preview'),
    },
  ],
};
