/**
 * A user mention for Slack mrkdwn. Ids come from data (a customer's owner, an
 * assignee, an imported row), so only a real Slack user id becomes `<@U…>`;
 * anything else is shown as escaped text — an owner id such as
 * `U1> <!channel> <@U2` must never turn into an @channel ping or a second mention.
 */
const SLACK_USER_ID = /^[UW][A-Z0-9]{1,20}$/;
const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const mention = (id: string | undefined): string => (id && SLACK_USER_ID.test(id) ? `<@${id}>` : escapeMrkdwn(id ?? ''));
