/**
 * What real Slack refuses, checked before the fake Slack answers: Block Kit
 * limits and required fields, message and view limits, and the Web API
 * arguments each method needs. Every number comes from Slack's reference
 * documentation (docs/slack.md lists each limit with its page); the error
 * names are the ones Slack answers with (`invalid_blocks` for a message,
 * `invalid_arguments` for a view, `msg_too_long`, `no_text`,
 * `channel_not_found`…), and `messages` carry a JSON pointer to the part at
 * fault, as Slack's `response_metadata.messages` do.
 */
export interface SlackRefusal {
  error: string;
  messages: string[];
}

export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  id: 255,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  selectOptions: 100,
  checkboxOptions: 10,
  overflowOptions: 5,
  textInputLength: 3000,
  placeholder: 150,
  viewTitle: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  altText: 2000,
  imageTitle: 2000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

type Json = Record<string, unknown>;
type Surface = 'message' | 'modal' | 'home';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const length = (s: string) => [...s].length;

/** Collects problems while walking one payload; each problem is a pointer and what is wrong. */
class Problems {
  readonly list: string[] = [];
  add(pointer: string, problem: string) {
    this.list.push(`[ERROR] ${problem} [json-pointer:${pointer}]`);
  }
  maxString(value: unknown, max: number, pointer: string, required = false) {
    if (value === undefined || value === null) {
      if (required) this.add(pointer, 'missing required field');
      return;
    }
    if (typeof value !== 'string') return this.add(pointer, 'must be a string');
    if (required && value.length === 0) return this.add(pointer, 'must be more than 0 characters');
    if (length(value) > max) this.add(pointer, `must be less than ${max + 1} characters`);
  }
  /** A text object; `plainOnly` where Slack accepts plain_text only. */
  text(value: unknown, max: number, pointer: string, o: { required?: boolean; plainOnly?: boolean } = {}) {
    if (value === undefined) {
      if (o.required) this.add(pointer, 'missing required field');
      return;
    }
    if (!isObject(value)) return this.add(pointer, 'must be a text object');
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') return this.add(`${pointer}/type`, 'must be plain_text or mrkdwn');
    if (o.plainOnly && value.type !== 'plain_text') this.add(`${pointer}/type`, 'must be plain_text');
    if (typeof value.text !== 'string' || value.text.length === 0) return this.add(`${pointer}/text`, 'must be more than 0 characters');
    if (length(value.text) > max) this.add(`${pointer}/text`, `must be less than ${max + 1} characters`);
  }
  count(list: unknown, min: number, max: number, pointer: string): list is unknown[] {
    if (!Array.isArray(list)) {
      this.add(pointer, 'must be an array');
      return false;
    }
    if (list.length < min) this.add(pointer, `must provide at least ${min} items`);
    if (list.length > max) this.add(pointer, `must provide no more than ${max} items`);
    return true;
  }
}

const L = SLACK_LIMITS;

function checkConfirm(p: Problems, confirm: unknown, at: string) {
  if (confirm === undefined) return;
  if (!isObject(confirm)) return p.add(at, 'must be a confirmation object');
  p.text(confirm.title, L.confirmTitle, `${at}/title`, { required: true, plainOnly: true });
  p.text(confirm.text, L.confirmText, `${at}/text`, { required: true });
  p.text(confirm.confirm, L.confirmButton, `${at}/confirm`, { required: true, plainOnly: true });
  p.text(confirm.deny, L.confirmButton, `${at}/deny`, { required: true, plainOnly: true });
}

function checkOption(p: Problems, option: unknown, at: string, plainOnly: boolean) {
  if (!isObject(option)) return p.add(at, 'must be an option object');
  p.text(option.text, L.optionText, `${at}/text`, { required: true, plainOnly });
  p.maxString(option.value, L.optionValue, `${at}/value`, true);
  p.text(option.description, L.optionDescription, `${at}/description`, { plainOnly });
  if (option.url !== undefined) p.maxString(option.url, L.url, `${at}/url`);
}

/** Options with at most `max` entries; initial options must be among them (Slack refuses otherwise). */
function checkOptions(p: Problems, el: Json, at: string, max: number, plainOnly: boolean) {
  if (!p.count(el.options, 1, max, `${at}/options`)) return;
  (el.options as unknown[]).forEach((o, i) => checkOption(p, o, `${at}/options/${i}`, plainOnly));
  const values = new Set((el.options as Json[]).map((o) => (isObject(o) ? o.value : undefined)));
  const initial = el.initial_option !== undefined ? [el.initial_option] : Array.isArray(el.initial_options) ? el.initial_options : [];
  initial.forEach((o, i) => {
    if (!isObject(o) || !values.has(o.value))
      p.add(`${at}/initial_option${el.initial_options ? `s/${i}` : ''}`, 'must match one of the provided options');
  });
}

const ELEMENT_TYPES = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'timepicker',
  'image',
  'overflow',
  'plain_text_input',
  'radio_buttons',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'email_text_input',
  'number_input',
  'url_text_input',
  'rich_text_input',
  'file_input',
]);

function checkElement(p: Problems, el: unknown, at: string, actionIds: Set<string>) {
  if (!isObject(el)) return p.add(at, 'must be an element object');
  const type = String(el.type);
  if (!ELEMENT_TYPES.has(type)) return p.add(`${at}/type`, `unknown element type ${type}`);
  if (type === 'image') {
    p.maxString(el.image_url, L.url, `${at}/image_url`, true);
    p.maxString(el.alt_text, L.altText, `${at}/alt_text`, true);
    return;
  }
  if (el.action_id !== undefined) {
    p.maxString(el.action_id, L.id, `${at}/action_id`, true);
    if (typeof el.action_id === 'string') {
      if (actionIds.has(el.action_id)) p.add(`${at}/action_id`, `duplicate action_id ${el.action_id} in the same block`);
      actionIds.add(el.action_id);
    }
  }
  if (el.placeholder !== undefined) p.text(el.placeholder, L.placeholder, `${at}/placeholder`, { plainOnly: true });
  checkConfirm(p, el.confirm, `${at}/confirm`);
  switch (type) {
    case 'button':
      p.text(el.text, L.buttonText, `${at}/text`, { required: true, plainOnly: true });
      p.maxString(el.value, L.buttonValue, `${at}/value`);
      p.maxString(el.url, L.url, `${at}/url`);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') p.add(`${at}/style`, 'must be primary or danger');
      break;
    case 'static_select':
    case 'multi_static_select':
      if (el.option_groups !== undefined) {
        if (p.count(el.option_groups, 1, L.selectOptions, `${at}/option_groups`))
          (el.option_groups as Json[]).forEach(
            (g, i) => isObject(g) && checkOptions(p, g, `${at}/option_groups/${i}`, L.selectOptions, true),
          );
      } else checkOptions(p, el, at, L.selectOptions, true);
      break;
    case 'external_select':
    case 'multi_external_select':
      if (el.initial_option !== undefined) checkOption(p, el.initial_option, `${at}/initial_option`, true);
      break;
    case 'overflow':
      checkOptions(p, el, at, L.overflowOptions, true);
      break;
    case 'checkboxes':
    case 'radio_buttons':
      checkOptions(p, el, at, L.checkboxOptions, false);
      break;
    case 'plain_text_input': {
      const bound = (name: 'min_length' | 'max_length', min: number) => {
        const v = el[name];
        if (v === undefined) return;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > L.textInputLength)
          p.add(`${at}/${name}`, `must be an integer between ${min} and ${L.textInputLength}`);
      };
      bound('min_length', 0);
      bound('max_length', 1);
      if (typeof el.min_length === 'number' && typeof el.max_length === 'number' && el.min_length > el.max_length)
        p.add(`${at}/min_length`, 'must not exceed max_length');
      if (typeof el.initial_value === 'string' && typeof el.max_length === 'number' && length(el.initial_value) > el.max_length)
        p.add(`${at}/initial_value`, 'must not be longer than max_length');
      break;
    }
    case 'datepicker':
      if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date)))
        p.add(`${at}/initial_date`, 'must be YYYY-MM-DD');
      break;
    case 'datetimepicker':
      if (el.initial_date_time !== undefined && !Number.isInteger(el.initial_date_time))
        p.add(`${at}/initial_date_time`, 'must be a UNIX timestamp in seconds');
      break;
    case 'timepicker':
      if (el.initial_time !== undefined && !/^\d{2}:\d{2}$/.test(String(el.initial_time))) p.add(`${at}/initial_time`, 'must be HH:mm');
      break;
    case 'file_input':
      // Slack's file input element: max_files from 1 to 10, filetypes a list of extensions.
      if (
        el.max_files !== undefined &&
        !(Number.isInteger(el.max_files) && (el.max_files as number) >= 1 && (el.max_files as number) <= 10)
      )
        p.add(`${at}/max_files`, 'must be an integer between 1 and 10');
      if (el.filetypes !== undefined && !(Array.isArray(el.filetypes) && el.filetypes.every((f) => typeof f === 'string' && f)))
        p.add(`${at}/filetypes`, 'must be an array of file extensions');
      break;
    case 'users_select':
      if (el.initial_user !== undefined && typeof el.initial_user !== 'string') p.add(`${at}/initial_user`, 'must be a user id');
      break;
  }
}

const BLOCKS_BY_SURFACE: Record<Surface, Set<string>> = {
  message: new Set(['actions', 'context', 'divider', 'file', 'header', 'image', 'input', 'rich_text', 'section', 'video', 'markdown']),
  modal: new Set(['actions', 'context', 'divider', 'header', 'image', 'input', 'rich_text', 'section', 'video']),
  home: new Set(['actions', 'context', 'divider', 'header', 'image', 'input', 'rich_text', 'section', 'video']),
};

function checkBlock(p: Problems, block: unknown, at: string, surface: Surface, blockIds: Set<string>) {
  if (!isObject(block)) return p.add(at, 'must be a block object');
  const type = String(block.type);
  if (!BLOCKS_BY_SURFACE[surface].has(type)) return p.add(`${at}/type`, `block type ${type} is not allowed in a ${surface}`);
  if (block.block_id !== undefined) {
    p.maxString(block.block_id, L.id, `${at}/block_id`, true);
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) p.add(`${at}/block_id`, `duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
  }
  const actionIds = new Set<string>();
  switch (type) {
    case 'section':
      if (block.text === undefined && block.fields === undefined) p.add(at, 'must provide text or fields');
      p.text(block.text, L.sectionText, `${at}/text`);
      if (block.fields !== undefined && p.count(block.fields, 1, L.sectionFields, `${at}/fields`))
        (block.fields as unknown[]).forEach((f, i) => p.text(f, L.fieldText, `${at}/fields/${i}`, { required: true }));
      if (block.accessory !== undefined) checkElement(p, block.accessory, `${at}/accessory`, actionIds);
      break;
    case 'header':
      p.text(block.text, L.headerText, `${at}/text`, { required: true, plainOnly: true });
      break;
    case 'context':
      if (p.count(block.elements, 1, L.contextElements, `${at}/elements`))
        (block.elements as unknown[]).forEach((e, i) => {
          if (isObject(e) && e.type === 'image') checkElement(p, e, `${at}/elements/${i}`, actionIds);
          else p.text(e, L.sectionText, `${at}/elements/${i}`, { required: true });
        });
      break;
    case 'actions':
      if (p.count(block.elements, 1, L.actionsElements, `${at}/elements`))
        (block.elements as unknown[]).forEach((e, i) => checkElement(p, e, `${at}/elements/${i}`, actionIds));
      break;
    case 'input':
      p.text(block.label, L.inputLabel, `${at}/label`, { required: true, plainOnly: true });
      p.text(block.hint, L.inputHint, `${at}/hint`, { plainOnly: true });
      if (block.element === undefined) p.add(`${at}/element`, 'missing required field');
      else checkElement(p, block.element, `${at}/element`, actionIds);
      break;
    case 'image':
      p.maxString(block.image_url ?? (isObject(block.slack_file) ? 'slack_file' : undefined), L.url, `${at}/image_url`, true);
      p.maxString(block.alt_text, L.altText, `${at}/alt_text`, true);
      p.text(block.title, L.imageTitle, `${at}/title`, { plainOnly: true });
      break;
  }
}

function checkBlocks(p: Problems, blocks: unknown, at: string, surface: Surface) {
  const max = surface === 'message' ? L.messageBlocks : L.viewBlocks;
  if (!p.count(blocks, surface === 'message' ? 0 : 0, max, at)) return;
  const blockIds = new Set<string>();
  (blocks as unknown[]).forEach((b, i) => checkBlock(p, b, `${at}/${i}`, surface, blockIds));
}

/** A view for views.open/push/update/publish. */
export function checkView(view: unknown): string[] {
  const p = new Problems();
  if (!isObject(view)) {
    p.add('/view', 'missing required field');
    return p.list;
  }
  if (view.type !== 'modal' && view.type !== 'home') p.add('/view/type', 'must be modal or home');
  const surface: Surface = view.type === 'home' ? 'home' : 'modal';
  checkBlocks(p, view.blocks, '/view/blocks', surface);
  p.maxString(view.private_metadata, L.privateMetadata, '/view/private_metadata');
  p.maxString(view.callback_id, L.id, '/view/callback_id');
  if (surface === 'modal') {
    p.text(view.title, L.viewTitle, '/view/title', { required: true, plainOnly: true });
    p.text(view.submit, L.viewTitle, '/view/submit', { plainOnly: true });
    p.text(view.close, L.viewTitle, '/view/close', { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) p.add('/view/submit', 'submit is required when an input block is present');
  }
  return p.list;
}

/** A message for chat.postMessage/postEphemeral/update or a response_url post. */
export function checkMessage(args: Json): SlackRefusal | undefined {
  const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
  const text = args.text;
  if (text !== undefined && typeof text !== 'string')
    return { error: 'invalid_arguments', messages: ['[ERROR] must be a string [json-pointer:/text]'] };
  if (!hasBlocks && !text && !args.attachments && args.delete_original === undefined) return { error: 'no_text', messages: [] };
  if (typeof text === 'string' && length(text) > L.messageText) return { error: 'msg_too_long', messages: [] };
  if (args.blocks !== undefined) {
    const p = new Problems();
    checkBlocks(p, args.blocks, '/blocks', 'message');
    if (p.list.length) return { error: 'invalid_blocks', messages: p.list };
  }
  // Slack posts blocks without a fallback with only a warning; notifications
  // and screen readers then show nothing useful, so the twin refuses it.
  if (hasBlocks && !text && args.delete_original === undefined)
    return {
      error: 'missing_text_or_fallback_or_attachments',
      messages: ['[ERROR] text is required as the fallback when blocks are sent [json-pointer:/text]'],
    };
  return undefined;
}

/** Conversation ids Slack accepts for posting: channels, DMs, group DMs, or a user id (opens the DM). */
const CHANNEL_ID = /^[CDGUW][A-Z0-9]{2,}$/;

/** Whether real Slack would refuse this Web API call, and with what. */
export function refusalOf(method: string, args: Json): SlackRefusal | undefined {
  const channel = (): SlackRefusal | undefined =>
    typeof args.channel === 'string' && CHANNEL_ID.test(args.channel) ? undefined : { error: 'channel_not_found', messages: [] };
  const view = (): SlackRefusal | undefined => {
    const messages = checkView(args.view);
    return messages.length ? { error: 'invalid_arguments', messages } : undefined;
  };
  const required = (...names: string[]): SlackRefusal | undefined => {
    const missing = names.filter((n) => args[n] === undefined || args[n] === '');
    return missing.length
      ? { error: 'invalid_arguments', messages: missing.map((n) => `[ERROR] missing required field: ${n}`) }
      : undefined;
  };
  switch (method) {
    case 'chat.postMessage':
      return channel() ?? checkMessage(args);
    case 'chat.postEphemeral':
      return channel() ?? (typeof args.user === 'string' ? undefined : { error: 'user_not_found', messages: [] }) ?? checkMessage(args);
    case 'chat.update':
      return channel() ?? required('ts') ?? checkMessage(args);
    case 'response_url':
      return checkMessage(args);
    case 'views.open':
      return required('trigger_id') ?? view();
    case 'views.push':
      return required('trigger_id') ?? view();
    case 'views.update':
      return (args.view_id === undefined && args.external_id === undefined ? required('view_id') : undefined) ?? view();
    case 'views.publish':
      return (
        required('user_id') ??
        (isObject(args.view) && args.view.type !== 'home'
          ? { error: 'invalid_arguments', messages: ['[ERROR] must be home [json-pointer:/view/type]'] }
          : view())
      );
    case 'reactions.add':
      return channel() ?? required('timestamp', 'name');
    case 'conversations.history':
    case 'conversations.replies':
      return channel();
    // files.*: the arguments and error names of Slack's method reference pages.
    case 'files.getUploadURLExternal': {
      const missing = required('filename', 'length');
      if (missing) return missing;
      const length = Number(args.length);
      if (!Number.isInteger(length) || length < 0)
        return { error: 'invalid_arguments', messages: ['[ERROR] must be an integer [json-pointer:/length]'] };
      // Slack: "Typically only occurs when the length provided is 0."
      return length === 0 ? { error: 'missing_argument', messages: [] } : undefined;
    }
    case 'files.completeUploadExternal': {
      const missing = required('files');
      if (missing) return missing;
      if (!Array.isArray(args.files) || args.files.length === 0 || !args.files.every((f) => isObject(f) && typeof f.id === 'string'))
        return { error: 'invalid_arguments', messages: ['[ERROR] must be an array of {"id": …} [json-pointer:/files]'] };
      if (args.channel_id !== undefined && !(typeof args.channel_id === 'string' && CHANNEL_ID.test(args.channel_id)))
        return { error: 'channel_not_found', messages: [] };
      return undefined;
    }
    case 'files.info':
      return required('file');
    case 'users.info':
      return typeof args.user === 'string' && /^[UW][A-Z0-9]{2,}$/.test(args.user) ? undefined : { error: 'user_not_found', messages: [] };
    default:
      return undefined;
  }
}
