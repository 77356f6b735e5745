import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  Checkboxes,
  ContextBlock,
  Datepicker,
  DateTimepicker,
  DividerBlock,
  ExternalSelect,
  HeaderBlock,
  InputBlock,
  InputBlockElement,
  KnownBlock,
  ModalView,
  MrkdwnElement,
  PlainTextElement,
  PlainTextInput,
  PlainTextOption,
  SectionBlock,
  StaticSelect,
  UsersSelect,
} from '@slack/types';

/**
 * Small Block Kit builders shared by the bot's messages and modals, so each
 * feature's blocks read as what they show. Typed with @slack/types, and
 * Slack's limits are applied here: plain_text 150 (headers; buttons and
 * options 75), mrkdwn sections 3000, fields 2000, option values 150.
 * lib/local/slack-limits.ts checks the same limits on everything sent.
 */
export type Block = KnownBlock;
export type { HomeView, ModalView } from '@slack/types';

export const truncate = (s: string, max: number) => {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
};

/**
 * Truncates mrkdwn without cutting an entity (`&amp;`), a mention, link or
 * date (`<…>`) in two: a cut that falls inside one moves back before it.
 */
export function truncateMrkdwn(s: string, max: number): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  let cut = max - 1;
  const head = chars.slice(0, cut).join('');
  const openAngle = head.lastIndexOf('<');
  if (openAngle > head.lastIndexOf('>')) cut = [...head.slice(0, openAngle)].length;
  else {
    const amp = head.lastIndexOf('&');
    if (amp >= 0 && !head.slice(amp).includes(';') && head.length - amp < 8) cut = [...head.slice(0, amp)].length;
  }
  return `${chars.slice(0, cut).join('')}…`;
}

/** Slack mrkdwn needs &, < and > escaped in user text. */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const plain = (text: string, max = 150): PlainTextElement => ({ type: 'plain_text', text: truncate(text, max) || ' ', emoji: true });
export const mrkdwn = (text: string, max = 3000): MrkdwnElement => ({ type: 'mrkdwn', text: truncateMrkdwn(text, max) || ' ' });

export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text) });
export const section = (text: string, extra: Partial<Pick<SectionBlock, 'accessory' | 'block_id'>> = {}): SectionBlock => ({
  type: 'section',
  text: mrkdwn(text),
  ...extra,
});
export const fields = (items: string[]): SectionBlock => ({ type: 'section', fields: items.slice(0, 10).map((f) => mrkdwn(f, 2000)) });
export const context = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(text)] });
export const divider = (): DividerBlock => ({ type: 'divider' });
export const actions = (elements: ActionsBlockElement[], blockId?: string): ActionsBlock => ({
  type: 'actions',
  ...(blockId ? { block_id: blockId } : {}),
  elements: elements.slice(0, 25),
});

export const button = (actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  action_id: actionId,
  text: plain(text, 75),
  ...(value ? { value: truncate(value, 2000) } : {}),
  ...(style ? { style } : {}),
});

export const option = (text: string, value: string): PlainTextOption => ({ text: plain(text, 75), value: truncate(value, 150) });

/** Slack's message limit. */
export const MESSAGE_BLOCKS = 50;

/**
 * A message within Slack's 50 blocks: when rows overflow, the first ones,
 * a "more" line, and the message's last block (how a question was read) stay.
 */
export function fitMessageBlocks(blocks: Block[], more: Block): Block[] {
  if (blocks.length <= MESSAGE_BLOCKS) return blocks;
  return [...blocks.slice(0, MESSAGE_BLOCKS - 2), more, blocks[blocks.length - 1]!];
}

/** A date Slack shows in each reader's own time zone; the fallback is the given zone's. */
export function slackDate(iso: string, fallback: string): string {
  return `<!date^${Math.floor(Date.parse(iso) / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\b/g;

/** ISO instants inside text (older timeline entries) as Slack dates: each reader sees their own zone and locale. */
export function isoAsSlackDates(text: string, fallbackZone: string): string {
  return text.replace(ISO_INSTANT, (iso) => {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return iso;
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: fallbackZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).format(ms);
    return slackDate(new Date(ms).toISOString(), local);
  });
}

// ── Modal inputs ─────────────────────────────────────────────────────────────

interface InputOpts {
  optional?: boolean;
  hint?: string;
}

const input = (blockId: string, label: string, element: InputBlockElement, opts: InputOpts = {}): InputBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label, 2000),
  element,
  ...(opts.optional ? { optional: true } : {}),
  ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
});

/** Slack's ceiling for plain_text_input min_length and max_length. */
export const TEXT_INPUT_MAX = 3000;

export const textInput = (
  blockId: string,
  label: string,
  o: InputOpts & { multiline?: boolean; initial?: string; maxLength?: number; placeholder?: string } = {},
) =>
  input(
    blockId,
    label,
    {
      type: 'plain_text_input',
      action_id: 'value',
      ...(o.multiline ? { multiline: true } : {}),
      ...(o.initial ? { initial_value: truncate(o.initial, Math.min(o.maxLength ?? TEXT_INPUT_MAX, TEXT_INPUT_MAX)) } : {}),
      ...(o.maxLength ? { max_length: Math.min(o.maxLength, TEXT_INPUT_MAX) } : {}),
      ...(o.placeholder ? { placeholder: plain(o.placeholder) } : {}),
    } satisfies PlainTextInput,
    o,
  );

export const selectInput = (
  blockId: string,
  label: string,
  choices: Array<{ text: string; value: string }>,
  o: InputOpts & { initial?: string } = {},
) => {
  const options = choices.map((c) => option(c.text, c.value));
  const initial = options.find((x) => x.value === o.initial);
  return input(
    blockId,
    label,
    {
      type: 'static_select',
      action_id: 'value',
      options: options.slice(0, 100),
      ...(initial ? { initial_option: initial } : {}),
    } satisfies StaticSelect,
    o,
  );
};

export const externalSelectInput = (
  blockId: string,
  label: string,
  actionId: string,
  o: InputOpts & { initial?: { text: string; value: string }; placeholder?: string } = {},
) =>
  input(
    blockId,
    label,
    {
      type: 'external_select',
      action_id: actionId,
      min_query_length: 1,
      ...(o.placeholder ? { placeholder: plain(o.placeholder) } : {}),
      ...(o.initial ? { initial_option: option(o.initial.text, o.initial.value) } : {}),
    } satisfies ExternalSelect,
    o,
  );

export const userSelectInput = (blockId: string, label: string, o: InputOpts & { initial?: string } = {}) =>
  input(
    blockId,
    label,
    { type: 'users_select', action_id: 'value', ...(o.initial ? { initial_user: o.initial } : {}) } satisfies UsersSelect,
    o,
  );

export const dateTimeInput = (blockId: string, label: string, o: InputOpts & { initial?: Date } = {}) =>
  input(
    blockId,
    label,
    {
      type: 'datetimepicker',
      action_id: 'value',
      ...(o.initial ? { initial_date_time: Math.floor(o.initial.getTime() / 1000) } : {}),
    } satisfies DateTimepicker,
    o,
  );

export const dateInput = (blockId: string, label: string, o: InputOpts & { initial?: string } = {}) =>
  input(
    blockId,
    label,
    { type: 'datepicker', action_id: 'value', ...(o.initial ? { initial_date: o.initial } : {}) } satisfies Datepicker,
    o,
  );

export const checkboxInput = (
  blockId: string,
  label: string,
  choice: { text: string; value: string },
  o: InputOpts & { checked?: boolean } = {},
) => {
  const opt = option(choice.text, choice.value);
  return input(
    blockId,
    label,
    { type: 'checkboxes', action_id: 'value', options: [opt], ...(o.checked ? { initial_options: [opt] } : {}) } satisfies Checkboxes,
    o,
  );
};

export function modal(
  callbackId: string,
  title: string,
  blocks: Block[],
  o: { submit?: string; close?: string; privateMetadata?: unknown } = {},
): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title, 24),
    blocks,
    ...(o.submit ? { submit: plain(o.submit, 24) } : {}),
    ...(o.close ? { close: plain(o.close, 24) } : {}),
    ...(o.privateMetadata !== undefined ? { private_metadata: JSON.stringify(o.privateMetadata) } : {}),
  };
}

// ── Reading a submitted modal ────────────────────────────────────────────────

type StateValues = Record<string, Record<string, Record<string, unknown>>>;

/** The value of one input block, whatever its element type (every element here uses action_id "value" except pickers named otherwise). */
export function stateValue(values: StateValues, blockId: string): string | undefined {
  const block = values[blockId];
  if (!block) return undefined;
  const el = Object.values(block)[0] as Record<string, unknown> | undefined;
  if (!el) return undefined;
  if (typeof el.value === 'string') return el.value.trim() || undefined;
  const selected = el.selected_option as { value?: string } | null | undefined;
  if (selected?.value) return selected.value;
  if (typeof el.selected_user === 'string') return el.selected_user;
  if (typeof el.selected_date_time === 'number') return new Date(el.selected_date_time * 1000).toISOString();
  if (typeof el.selected_date === 'string') return el.selected_date;
  const checked = el.selected_options as Array<{ value: string }> | undefined;
  if (checked?.length) return checked.map((c) => c.value).join(',');
  return undefined;
}

export function privateMetadata<T>(view: { private_metadata?: string }): T | undefined {
  try {
    return view.private_metadata ? (JSON.parse(view.private_metadata) as T) : undefined;
  } catch {
    return undefined;
  }
}
