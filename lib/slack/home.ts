import { HOME_REFRESH } from './blocks/home';
import type { SlackFeature } from './feature-module';
import { onAction } from './listeners';

/**
 * App Home: each time a user opens the tab (or presses Refresh) the worker
 * publishes their current work (jobs/home.ts).
 */
export const home: SlackFeature = {
  register(app, kit) {
    app.event('app_home_opened', async ({ event }) => {
      if (event.tab !== 'home') return;
      await kit.handOff({ kind: 'home.publish', userId: event.user });
    });
    onAction(app, kit, HOME_REFRESH, (a) => a.handOff('home.publish'));
  },
};
