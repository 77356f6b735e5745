/**
 * Small Block Kit builders shared by the bot's messages and modals, so each
 * feature's blocks read as what they show. Slack's limits are applied here:
 * plain_text 150 (headers, buttons 75), mrkdwn sections 3000, option text 75.
 */
export type Block = Record<string, unknown>;

export const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Slack mrkdwn needs &, < and > escaped in user text. */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const plain = (text: string, max = 150) => ({ type: 'plain_text', text: truncate(text, max), emoji: true });
export const mrkdwn = (text: string) => ({ type: 'mrkdwn', text: truncate(text, 3000) });

export const header = (text: string): Block => ({ type: 'header', text: plain(text) });
export const section = (text: string, extra: Block = {}): Block => ({ type: 'section', text: mrkdwn(text), ...extra });
export const fields = (items: string[]): Block => ({ type: 'section', fields: items.slice(0, 10).map((f) => mrkdwn(f)) });
export const context = (text: string): Block => ({ type: 'context', elements: [mrkdwn(text)] });
export const divider = (): Block => ({ type: 'divider' });
export const actions = (elements: Block[], blockId?: string): Block => ({ type: 'actions', ...(blockId ? { block_id: blockId } : {}), elements });

export const button = (actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Block => ({
  type: 'button',
  action_id: actionId,
  text: plain(text, 75),
  value: truncate(value, 2000),
  ...(style ? { style } : {}),
});

export const option = (text: string, value: string) => ({ text: plain(text, 75), value });

/** A date Slack shows in each reader's own time zone; the fallback is the given zone's. */
export function slackDate(iso: string, fallback: string): string {
  return `<!date^${Math.floor(Date.parse(iso) / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

// ── Modal inputs ─────────────────────────────────────────────────────────────

interface InputOpts {
  optional?: boolean;
  hint?: string;
}

const input = (blockId: string, label: string, element: Block, opts: InputOpts = {}): Block => ({
  type: 'input',
  block_id: blockId,
  label: plain(label),
  element,
  ...(opts.optional ? { optional: true } : {}),
  ...(opts.hint ? { hint: plain(opts.hint) } : {}),
});

export const textInput = (blockId: string, label: string, o: InputOpts & { multiline?: boolean; initial?: string; maxLength?: number; placeholder?: string } = {}) =>
  input(
    blockId,
    label,
    {
      type: 'plain_text_input',
      action_id: 'value',
      ...(o.multiline ? { multiline: true } : {}),
      ...(o.initial ? { initial_value: truncate(o.initial, o.maxLength ?? 3000) } : {}),
      ...(o.maxLength ? { max_length: o.maxLength } : {}),
      ...(o.placeholder ? { placeholder: plain(o.placeholder) } : {}),
    },
    o,
  );

export const selectInput = (blockId: string, label: string, choices: Array<{ text: string; value: string }>, o: InputOpts & { initial?: string } = {}) => {
  const options = choices.map((c) => option(c.text, c.value));
  const initial = options.find((x) => x.value === o.initial);
  return input(blockId, label, { type: 'static_select', action_id: 'value', options, ...(initial ? { initial_option: initial } : {}) }, o);
};

export const externalSelectInput = (blockId: string, label: string, actionId: string, o: InputOpts & { initial?: { text: string; value: string }; placeholder?: string } = {}) =>
  input(
    blockId,
    label,
    {
      type: 'external_select',
      action_id: actionId,
      min_query_length: 1,
      ...(o.placeholder ? { placeholder: plain(o.placeholder) } : {}),
      ...(o.initial ? { initial_option: option(o.initial.text, o.initial.value) } : {}),
    },
    o,
  );

export const userSelectInput = (blockId: string, label: string, o: InputOpts & { initial?: string } = {}) =>
  input(blockId, label, { type: 'users_select', action_id: 'value', ...(o.initial ? { initial_user: o.initial } : {}) }, o);

export const dateTimeInput = (blockId: string, label: string, o: InputOpts & { initial?: Date } = {}) =>
  input(blockId, label, { type: 'datetimepicker', action_id: 'value', ...(o.initial ? { initial_date_time: Math.floor(o.initial.getTime() / 1000) } : {}) }, o);

export const dateInput = (blockId: string, label: string, o: InputOpts & { initial?: string } = {}) =>
  input(blockId, label, { type: 'datepicker', action_id: 'value', ...(o.initial ? { initial_date: o.initial } : {}) }, o);

export const checkboxInput = (blockId: string, label: string, choice: { text: string; value: string }, o: InputOpts & { checked?: boolean } = {}) => {
  const opt = option(choice.text, choice.value);
  return input(blockId, label, { type: 'checkboxes', action_id: 'value', options: [opt], ...(o.checked ? { initial_options: [opt] } : {}) }, o);
};

export function modal(callbackId: string, title: string, blocks: Block[], o: { submit?: string; close?: string; privateMetadata?: unknown } = {}): Block {
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
