import { ForbiddenError } from '../domain/errors';
import { atLeast } from '../domain/staff';
import type { SlackFeature } from './feature-module';

/**
 * `/crm staff @user <role>` (admins only): puts a Slack user in the staff
 * directory with a role, keeping whatever else their record holds.
 */
export const staff: SlackFeature = {
  subcommands: [
    {
      name: 'staff',
      aliases: ['员工', '角色'],
      async run(c) {
        const s = await c.session();
        // Refused at once, in the ack: nothing for the worker to do.
        if (!atLeast(s.actor.role, 'admin')) throw new ForbiddenError('Only admins can set roles', 'error.admin_only');
        await c.handOff('staff.set', { text: c.args });
      },
    },
  ],
};
