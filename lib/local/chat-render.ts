/**
 * Block Kit as readable terminal text, for `npm run chat` and test failure
 * messages: headers, sections, fields, context lines, numbered buttons (so a
 * REPL can "click" them) and a modal's inputs. Slack's mrkdwn escapes are
 * undone: <@U1> → @U1, <!date^…|fallback> → fallback, <url|label> → label.
 */
export interface RenderedButton {
  index: number;
  actionId: string;
  value: string;
  label: string;
  blockId?: string;
}

export interface RenderedInput {
  blockId: string;
  label: string;
  type: string;
  actionId: string;
  optional: boolean;
  options: Array<{ text: string; value: string }>;
  initial?: string;
}

export interface Rendered {
  text: string;
  buttons: RenderedButton[];
  inputs: RenderedInput[];
}

type Node = Record<string, unknown>;

export function mrkdwnToText(s: string): string {
  return s
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `@${name ?? id}`)
    .replace(/<#([CDG][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `#${name ?? id}`)
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const textOf = (t: unknown) =>
  t && typeof t === 'object' && typeof (t as Node).text === 'string' ? mrkdwnToText(String((t as Node).text)) : '';
const indent = (s: string, pad = '  ') =>
  s
    .split('\n')
    .map((l) => pad + l)
    .join('\n');

export function renderBlocks(blocks: unknown[] | undefined, startIndex = 1): Rendered {
  const lines: string[] = [];
  const buttons: RenderedButton[] = [];
  const inputs: RenderedInput[] = [];
  const addButton = (el: Node, blockId?: string) => {
    const b: RenderedButton = {
      index: startIndex + buttons.length,
      actionId: String(el.action_id ?? ''),
      value: String(el.value ?? ''),
      label: textOf(el.text),
      blockId,
    };
    buttons.push(b);
    return `[${b.index}] ${b.label}`;
  };
  for (const raw of blocks ?? []) {
    const block = raw as Node;
    const blockId = typeof block.block_id === 'string' ? block.block_id : undefined;
    switch (block.type) {
      case 'header':
        lines.push(`\n== ${textOf(block.text)} ==`);
        break;
      case 'section': {
        const parts: string[] = [];
        if (block.text) parts.push(textOf(block.text));
        if (Array.isArray(block.fields)) parts.push(block.fields.map((f) => textOf(f).replace(/^\*([^*]+)\*\n/, '$1: ')).join('\n'));
        const accessory = block.accessory as Node | undefined;
        if (accessory?.type === 'button') parts.push(`   ${addButton(accessory, blockId)}`);
        lines.push(parts.join('\n'));
        break;
      }
      case 'context':
        lines.push(indent(((block.elements as Node[]) ?? []).map(textOf).filter(Boolean).join(' '), '  · '));
        break;
      case 'divider':
        lines.push('────────────────────────');
        break;
      case 'actions':
        lines.push(
          ((block.elements as Node[]) ?? [])
            .filter((e) => e.type === 'button')
            .map((e) => addButton(e, blockId))
            .join('  '),
        );
        break;
      case 'input': {
        const el = (block.element ?? {}) as Node;
        const options = ((el.options as Node[]) ?? []).map((o) => ({ text: textOf(o.text), value: String(o.value) }));
        const initialOption = el.initial_option as Node | undefined;
        const initial =
          typeof el.initial_value === 'string'
            ? el.initial_value
            : initialOption
              ? String(initialOption.value)
              : typeof el.initial_user === 'string'
                ? el.initial_user
                : typeof el.initial_date === 'string'
                  ? el.initial_date
                  : undefined;
        const input: RenderedInput = {
          blockId: blockId ?? '',
          label: textOf(block.label),
          type: String(el.type ?? ''),
          actionId: String(el.action_id ?? 'value'),
          optional: Boolean(block.optional),
          options,
          ...(initial !== undefined ? { initial } : {}),
        };
        inputs.push(input);
        const shownInitial = initialOption ? textOf(initialOption.text) : initial;
        lines.push(
          `  ▸ ${input.label}${input.optional ? '' : ' *'} [${input.type}]${shownInitial ? ` = ${shownInitial.slice(0, 60)}` : ''}`,
        );
        break;
      }
      default:
        if (block.text) lines.push(textOf(block.text));
    }
  }
  return { text: lines.filter((l) => l !== '').join('\n'), buttons, inputs };
}

/** A message (text fallback when there are no blocks). */
export function renderMessage(m: { text?: unknown; blocks?: unknown }, startIndex = 1): Rendered {
  const blocks = Array.isArray(m.blocks) ? m.blocks : undefined;
  if (!blocks?.length) return { text: mrkdwnToText(String(m.text ?? '')), buttons: [], inputs: [] };
  return renderBlocks(blocks, startIndex);
}

/** A modal or App Home view: its title, then its blocks. */
export function renderView(view: Node, startIndex = 1): Rendered {
  const body = renderBlocks(view.blocks as unknown[], startIndex);
  const title = textOf(view.title);
  const submit = textOf(view.submit);
  return { ...body, text: `${title ? `┌ ${title}\n` : ''}${body.text}${submit ? `\n  (submit: ${submit})` : ''}` };
}
