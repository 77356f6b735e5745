import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The app manifest and the code must name the same things, or Slack sends what nobody listens to. */
describe('slack/manifest.yml', () => {
  const manifest = readFileSync('slack/manifest.yml', 'utf8');
  const code = ['lib/slack/complaints.ts', 'lib/slack/ask.ts', 'lib/slack/home.ts', 'lib/slack/command.ts']
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

  it('points commands, events and interactivity at the one request URL placeholder', () => {
    expect(manifest.match(/https:\/\/YOUR-API-URL\/slack\/events/g)).toHaveLength(4);
  });

  it('declares /crm, the "Log as complaint" shortcut and the events the bot listens to', () => {
    expect(manifest).toContain('command: /crm');
    expect(manifest).toContain('callback_id: complaint.from_message');
    expect(code).toContain("app.shortcut('complaint.from_message'");
    for (const event of ['app_home_opened', 'app_mention', 'reaction_added']) {
      expect(manifest).toContain(`- ${event}`);
      expect(code).toContain(`app.event('${event}'`);
    }
    expect(manifest).toContain('- message.im');
    expect(manifest).toContain('home_tab_enabled: true');
  });

  it('asks for the scopes the bot uses', () => {
    for (const scope of [
      'commands',
      'chat:write',
      'im:history',
      'app_mentions:read',
      'reactions:read',
      'users:read',
      'channels:history',
      'groups:history',
      'mpim:history',
      'files:write',
    ]) {
      expect(manifest).toMatch(new RegExp(`- ${scope}(\\s|$)`));
    }
  });

  it('asks for no scope no call needs: DMs are posted to the user id, never opened', () => {
    expect(manifest).not.toMatch(/- im:write(\s|$)/);
    expect(code).not.toContain('conversations.open');
  });
});
