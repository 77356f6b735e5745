import { hasMessage, type Locale, t } from '../i18n';
import { type Block, context, divider, esc, header, section } from './blocks/elements';
import type { Reply, SlackFeature } from './feature-module';

/**
 * `/crm help` (and `/crm` alone): every subcommand this deployment answers,
 * each with an example, in the user's language, then what to ask in a DM.
 */
export const HELP_ORDER = [
  'find',
  'complaint',
  'complaints',
  'tasks',
  'note',
  'new',
  'remind',
  'survey',
  'digest',
  'import',
  'staff',
  'help',
];

export function helpReply(locale: Locale, available: string[]): Reply {
  const shown = HELP_ORDER.filter((name) => available.includes(name) && hasMessage(`slack.help.${name}`));
  const blocks: Block[] = [
    header(t(locale, 'slack.help.title')),
    // `<name or phone>` is shown as typed: mrkdwn would read an unescaped `<…>` as a link or mention.
    section(shown.map((name) => esc(t(locale, `slack.help.${name}`))).join('\n')),
    divider(),
    section(esc(t(locale, 'slack.help.ask'))),
    context(esc(t(locale, 'slack.help.footer'))),
  ];
  return { text: t(locale, 'slack.help.title'), blocks };
}

export function helpFeature(available: () => string[]): SlackFeature {
  return {
    subcommands: [
      {
        name: 'help',
        aliases: ['帮助', '?', '？', 'h'],
        async run(c) {
          const s = await c.session();
          await c.ack(helpReply(s.locale, available()));
        },
      },
    ],
  };
}
