import { simplifyHan } from '../han-fold';

/**
 * Turns a Slack message into plain text the rules can read. Slack wraps links, mentions and
 * e-mail addresses in <…> and escapes &, < and > (api.slack.com/reference/surfaces/formatting),
 * and people type full-width punctuation on Chinese keyboards: both are folded away here so no
 * rule has to know about them.
 */

const SLACK_LINK = /<((?:mailto:|https?:\/\/|tel:)[^|>]*)(?:\|([^>]*))?>/g;
const SLACK_SPECIAL = /<[#!][^>]*>/g; // channels, @here, @channel, user groups
const SLACK_USER = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;
const LEADING_MENTION = /^\s*<@[UW][A-Z0-9]+>\s+(?=\S)/;
// `*bold*`, `_italic_`, `~strike~`, `code`: markers at word edges only, so snake_case survives
const MARKUP_EDGES = /(^|\s)[*_~`]+|[*_~`]+(?=\s|$)/g;
// sentence punctuation becomes a space; quotes, apostrophes, '-', '.', '&', '<@>' stay for names,
// tiers ("A-tier"), stages ("at-risk") and mentions
const PUNCTUATION = /[?!,;:。、，；：！？…~()[\]{}【】（）《》〈〉|\\/^+=*#$%]+/g;
// "who's" is "who is", "Acme's" is Acme: contractions first, then the possessive 's goes
const CONTRACTIONS = /\b(who|what|how|it|that|where|there|here)['’]s\b/gi;
const POSSESSIVE = /(\p{L})['’]s(?![\p{L}\p{N}])/gu;

export function normalizeQuestion(raw: string, botUserId?: string): string {
  // full-width folds to half-width (NFKC), traditional characters to simplified (OpenCC)
  let text = simplifyHan(raw.normalize('NFKC'));
  text = text.replace(
    SLACK_LINK,
    (_, target: string, label?: string) => ` ${label ?? (target.startsWith('mailto:') ? target.slice(7) : '')} `,
  );
  text = text.replace(SLACK_SPECIAL, ' ');
  text = text.replace(SLACK_USER, '<@$1>');
  if (botUserId) text = text.split(`<@${botUserId}>`).join(' ');
  else text = text.replace(LEADING_MENTION, '');
  text = text.replace(/&amp;/g, '&').replace(/&lt;/g, ' ').replace(/&gt;/g, ' ');
  text = text.replace(MARKUP_EDGES, '$1 ');
  text = text.replace(CONTRACTIONS, '$1 is').replace(POSSESSIVE, '$1 ');
  text = text.replace(PUNCTUATION, ' ');
  // a sentence-final full stop is punctuation, a dot inside "Acme Inc." or "3.5" is not
  text = text.replace(/\.(?=\s|$)/g, (dot, at: number, all: string) =>
    /\b(?:inc|ltd|co|corp)$/i.test(all.slice(Math.max(0, at - 4), at)) ? dot : ' ',
  );
  return text.replace(/\s+/g, ' ').trim();
}
