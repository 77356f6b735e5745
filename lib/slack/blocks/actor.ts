import { type Locale, t } from '../../i18n';
import { mention } from '../mention';

/**
 * Who did something, as Slack mrkdwn: a Slack user is a mention (Slack shows
 * each reader the name); an API key (`apikey:<name>`, REST imports and ERP
 * syncs) is shown by the key's name, since it is no Slack user.
 */
export function actorMention(actorId: string, locale: Locale): string {
  const key = /^apikey:(.+)$/.exec(actorId);
  if (key) return t(locale, 'slack.actor.apikey', { name: key[1]!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') });
  return mention(actorId);
}
