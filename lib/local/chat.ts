import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { stdin, stdout } from 'node:process';
import { createInterface, type Interface } from 'node:readline/promises';
import { TZDate } from '@date-fns/tz';
import { type RenderedButton, type RenderedInput, renderMessage, renderView } from './chat-render';
import { type FakeCall, startFakeSlack } from './fake-slack';
import {
  blockActionsPayload,
  blockSuggestionPayload,
  dmEvent,
  eventCallbackBody,
  interactivityBody,
  sign,
  slashCommandBody,
  state,
  viewSubmissionPayload,
} from './slack-payloads';

/**
 * `npm run chat`: try the Slack bot without Slack. Signs and sends slash
 * commands and DMs to the running local stack (`npm start`) as a demo staff
 * member, and prints what the bot answers — the HTTP ack, response_url posts
 * and its Web API calls, which `npm start` sends to the fake Slack it runs
 * on PORT+1 — as readable text. Buttons are numbered: type their number to
 * click; `submit` fills in an open modal field by field.
 */
const DEV_SIGNING_SECRET = 'careloop-dev-signing-secret';

interface Options {
  base: string;
  fakeUrl: string;
  secret: string;
  as?: string;
  apiKey?: string;
  /** show every message the bot sends, not only those addressed to the current user */
  all: boolean;
}

function options(argv: string[]): Options {
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  };
  // the same PORT as `npm start` (PORT=4000 npm start, then PORT=4000 npm run chat — or CARELOOP_URL)
  const base = (flag('url') ?? process.env.CARELOOP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
  const port = Number(new URL(base).port || 80);
  let apiKey = flag('api-key') ?? process.env.CARELOOP_API_KEY;
  if (!apiKey) {
    try {
      apiKey = (JSON.parse(readFileSync(resolve(process.env.CARELOOP_DATA_DIR ?? '.data', 'local.json'), 'utf8')) as { apiKey?: string })
        .apiKey;
    } catch {
      /* no local state: staff are not listed */
    }
  }
  return {
    base,
    fakeUrl: (flag('slack') ?? process.env.SLACK_API_URL ?? `${new URL(base).protocol}//${new URL(base).hostname}:${port + 1}`).replace(
      /\/$/,
      '',
    ),
    secret: process.env.SLACK_SIGNING_SECRET ?? DEV_SIGNING_SECRET,
    as: flag('as'),
    apiKey,
    all: argv.includes('--all'),
  };
}

interface Clickable extends RenderedButton {
  message?: { channelId: string; ts: string; ephemeral?: boolean; blocks?: unknown[] };
  view?: { id: string; type: 'home' | 'modal' };
  responseUrl?: string;
}

interface OpenModal {
  id: string;
  callbackId: string;
  privateMetadata: string;
  inputs: RenderedInput[];
}

export class ChatSession {
  private userId = 'U0DEMOAG1';
  private seq = 0;
  private readonly session = Math.random().toString(36).slice(2, 8);
  private nextButton = 1;
  private readonly buttons = new Map<number, Clickable>();
  private modal: OpenModal | undefined;

  constructor(
    private readonly o: Options,
    private readonly fakeUrl: string,
    private readonly rl: Interface,
  ) {}

  get user() {
    return this.userId;
  }

  setUser(id: string) {
    this.userId = id;
  }

  /** time zones of staff members (from the directory), so typed dates mean their wall-clock time */
  readonly zones = new Map<string, string>();
  private get timeZone() {
    return this.zones.get(this.userId) ?? process.env.COMPANY_TIMEZONE ?? 'Asia/Shanghai';
  }

  /** `YYYY-MM-DD HH:mm` as the current staff member's wall-clock time; undefined when not a date. */
  parseLocal(answer: string): Date | undefined {
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(answer.trim());
    if (!m) return undefined;
    return new Date(new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), this.timeZone).getTime());
  }

  private responseUrl() {
    return `${this.fakeUrl}/_response/chat-${this.session}-${++this.seq}`;
  }

  private async post(body: string, contentType: string): Promise<Response> {
    const signed = sign(this.o.secret, body, contentType);
    return fetch(`${this.o.base}/slack/events`, { method: 'POST', headers: signed.headers, body: signed.body });
  }

  private print(label: string, rendered: { text: string }) {
    console.log(`\n\x1b[36m${label}\x1b[0m\n${rendered.text}\n`);
  }

  /** Renders a message and remembers its buttons under their numbers. */
  private show(label: string, m: { text?: unknown; blocks?: unknown }, where: Omit<Clickable, keyof RenderedButton>) {
    const rendered = renderMessage(m, this.nextButton);
    for (const b of rendered.buttons) this.buttons.set(b.index, { ...b, ...where });
    this.nextButton += rendered.buttons.length;
    this.print(label, rendered);
  }

  private showView(label: string, view: Record<string, unknown>, where: Omit<Clickable, keyof RenderedButton>) {
    const rendered = renderView(view, this.nextButton);
    for (const b of rendered.buttons) this.buttons.set(b.index, { ...b, ...where });
    this.nextButton += rendered.buttons.length;
    this.print(label, rendered);
    if (view.type === 'modal' && rendered.inputs.length) {
      this.modal = {
        id: String(view.id),
        callbackId: String(view.callback_id),
        privateMetadata: String(view.private_metadata ?? ''),
        inputs: rendered.inputs,
      };
      console.log('  (type `submit` to fill in and submit this form, `cancel` to close it)\n');
    }
  }

  private async ackBody(res: Response, label: string, where: Omit<Clickable, keyof RenderedButton> = {}, viewId?: string) {
    const text = await res.text();
    if (res.status !== 200) return console.log(`\x1b[31m← HTTP ${res.status}\x1b[0m ${text}`);
    if (!text) return;
    const body = JSON.parse(text) as Record<string, unknown>;
    if (body.response_action === 'errors')
      return this.print('form errors', {
        text: Object.entries(body.errors as Record<string, string>)
          .map(([k, v]) => `  ${k}: ${v}`)
          .join('\n'),
      });
    if (body.response_action === 'update' || body.response_action === 'push')
      return this.showView('modal', { ...(body.view as Record<string, unknown>), id: viewId }, {});
    if (body.blocks || body.text) this.show(label, body, where);
  }

  /** What the bot sent that concerns this user (their DM, their modals and home, response_urls of this session) and channel posts. */
  handle(call: FakeCall) {
    const a = call.args;
    const dm = `D${this.userId.slice(1)}`;
    switch (call.method) {
      case 'response_url': {
        const id = String(a.id);
        if (!id.startsWith(`chat-${this.session}-`)) return;
        const url = `${this.fakeUrl}/_response/${id}`;
        this.show(a.replace_original ? 'bot (replaced)' : 'bot (only you)', a, {
          responseUrl: url,
          message: { channelId: dm, ts: `eph-${id}`, ephemeral: true },
        });
        return;
      }
      case 'chat.postMessage':
      case 'chat.update': {
        const channel = String((call.response?.channel as string | undefined) ?? a.channel);
        const mine = channel === dm || a.channel === this.userId;
        // DMs to other people are theirs; channel posts are shown with --all
        if (!mine && !this.o.all) return;
        const label =
          call.method === 'chat.update'
            ? `bot edited a message in ${mine ? 'your DM' : `#${channel}`}`
            : mine
              ? 'bot → you (DM)'
              : `bot → #${channel}`;
        this.show(label, a, { message: { channelId: channel, ts: String(call.response?.ts ?? a.ts), blocks: a.blocks as unknown[] } });
        return;
      }
      case 'views.open':
      case 'views.update':
      case 'views.push': {
        const view = { ...(a.view as Record<string, unknown>), id: (call.response?.view as { id?: string } | undefined)?.id ?? a.view_id };
        this.showView(call.method === 'views.update' ? 'modal (updated)' : 'modal', view, { view: { id: String(view.id), type: 'modal' } });
        return;
      }
      case 'files.completeUploadExternal': {
        // A file the bot shared in this DM (the rejected rows of an import): where to fetch it, with the bot token.
        if (a.channel_id !== dm && !this.o.all) return;
        for (const f of (call.response?.files as Array<{ id: string; title?: string }> | undefined) ?? [])
          console.log(
            `\x1b[36mbot → you (file)\x1b[0m ${f.title ?? f.id}: curl -H "Authorization: Bearer $SLACK_BOT_TOKEN" ${this.fakeUrl}/_files/${f.id}/download/file`,
          );
        return;
      }
      case 'views.publish':
        if (a.user_id !== this.userId) return;
        this.showView('App Home', a.view as Record<string, unknown>, { view: { id: `VHOME${this.userId}`, type: 'home' } });
        return;
      default:
    }
  }

  async command(text: string) {
    const responseUrl = this.responseUrl();
    const res = await this.post(
      slashCommandBody({ userId: this.userId, text: text.replace(/^\/crm\s*/, ''), responseUrl }),
      'application/x-www-form-urlencoded',
    );
    await this.ackBody(res, 'bot (only you)', { responseUrl });
  }

  async dm(text: string) {
    const res = await this.post(eventCallbackBody(dmEvent(this.userId, text)), 'application/json');
    if (res.status !== 200) console.log(`\x1b[31m← HTTP ${res.status}\x1b[0m`);
  }

  /** Shares a file in the DM with the bot, as dragging it into Slack does: the fake keeps it, the bot gets a file_share message. */
  async upload(path: string) {
    const bytes = readFileSync(resolve(path));
    const name = basename(path);
    const shared = await fetch(`${this.fakeUrl}/_fake/files?${new URLSearchParams({ name, user: this.userId })}`, {
      method: 'POST',
      body: new Uint8Array(bytes),
    });
    const { file } = (await shared.json()) as { file?: Record<string, unknown> };
    if (!file) throw new Error(`the fake Slack at ${this.fakeUrl} did not take the file`);
    const message = { ...dmEvent(this.userId, ''), subtype: 'file_share', files: [file] };
    const res = await this.post(eventCallbackBody(message), 'application/json');
    if (res.status !== 200) console.log(`\x1b[31m← HTTP ${res.status}\x1b[0m`);
  }

  async home() {
    await this.post(
      eventCallbackBody({ type: 'app_home_opened', user: this.userId, channel: `D${this.userId.slice(1)}`, tab: 'home' }),
      'application/json',
    );
  }

  /** Posts a message in #support (the fake keeps it) and reacts to it with :ticket:. */
  async ticket(text: string) {
    const ts = `${(Date.now() / 1000).toFixed(6)}`;
    await fetch(`${this.fakeUrl}/_fake/messages`, {
      method: 'POST',
      body: JSON.stringify({ channel: 'C0SUPPORT', ts, text, user: 'U0CUSTOMERX' }),
    });
    await this.post(
      eventCallbackBody({
        type: 'reaction_added',
        user: this.userId,
        reaction: 'ticket',
        item_user: 'U0CUSTOMERX',
        item: { type: 'message', channel: 'C0SUPPORT', ts },
      }),
      'application/json',
    );
  }

  async click(n: number) {
    const b = this.buttons.get(n);
    if (!b) return console.log(`No button [${n}].`);
    const responseUrl = b.message?.ephemeral ? b.responseUrl : this.responseUrl();
    const res = await this.post(
      interactivityBody(
        blockActionsPayload({
          userId: this.userId,
          actionId: b.actionId,
          value: b.value,
          blockId: b.blockId,
          responseUrl,
          ...(b.message ? { message: b.message } : {}),
          ...(b.view ? { view: b.view } : {}),
        }),
      ),
      'application/x-www-form-urlencoded',
    );
    await this.ackBody(res, 'bot');
  }

  private async ask(question: string): Promise<string> {
    return (await this.rl.question(question)).trim();
  }

  private async fill(input: RenderedInput): Promise<Record<string, unknown> | undefined> {
    const optional = input.optional ? ' (Enter to skip)' : '';
    switch (input.type) {
      case 'static_select': {
        input.options.forEach((o, i) => console.log(`    ${i + 1}. ${o.text}`));
        const answer = await this.ask(`  ${input.label}${input.initial ? ` [${input.initial}]` : ''}${optional}: `);
        const picked = answer
          ? (input.options[Number(answer) - 1]?.value ?? input.options.find((o) => o.value === answer || o.text === answer)?.value)
          : input.initial;
        return state.select(picked ?? null);
      }
      case 'external_select': {
        if (input.initial) {
          const keep = await this.ask(`  ${input.label} [${input.initial}] (Enter to keep, or type to search): `);
          if (!keep) return state.external(input.initial, input.actionId);
        }
        for (;;) {
          const query = await this.ask(`  ${input.label} — search: `);
          if (!query && input.optional) return state.external(null, input.actionId);
          const res = await this.post(
            interactivityBody(
              blockSuggestionPayload({ userId: this.userId, actionId: input.actionId, value: query, blockId: input.blockId }),
            ),
            'application/x-www-form-urlencoded',
          );
          const options = ((await res.json()) as { options?: Array<{ text: { text: string }; value: string }> }).options ?? [];
          if (!options.length) {
            console.log('    (no match)');
            continue;
          }
          options.forEach((o, i) => console.log(`    ${i + 1}. ${o.text.text}`));
          const n = Number(await this.ask('    pick: '));
          if (options[n - 1]) return state.external(options[n - 1]!.value, input.actionId);
        }
      }
      case 'users_select': {
        const answer = await this.ask(`  ${input.label} (Slack user id)${input.initial ? ` [${input.initial}]` : ''}${optional}: `);
        return state.user(answer || input.initial || null);
      }
      case 'datetimepicker': {
        for (;;) {
          const answer = await this.ask(`  ${input.label} (YYYY-MM-DD HH:mm, ${this.timeZone})${optional}: `);
          if (!answer) return state.dateTime(null);
          const at = this.parseLocal(answer);
          if (at) return state.dateTime(at);
          console.log('    (type the date and time as YYYY-MM-DD HH:mm)');
        }
      }
      case 'datepicker': {
        const answer = await this.ask(`  ${input.label} (YYYY-MM-DD)${optional}: `);
        return state.date(answer || null);
      }
      case 'checkboxes': {
        const answer = await this.ask(`  ${input.label}: ${input.options[0]?.text ?? ''} (y/n): `);
        return state.checkboxes(/^y/i.test(answer) ? input.options.map((o) => o.value) : []);
      }
      default: {
        const answer = await this.ask(`  ${input.label}${input.initial ? ` [${input.initial.slice(0, 40)}…]` : ''}${optional}: `);
        return state.text(answer || input.initial || null);
      }
    }
  }

  async submit() {
    const modal = this.modal;
    if (!modal) return console.log('No form is open.');
    const values: Record<string, Record<string, unknown>> = {};
    for (const input of modal.inputs) {
      const value = await this.fill(input);
      if (value) values[input.blockId] = { ...value, action_id: input.actionId };
    }
    const res = await this.post(
      interactivityBody(
        viewSubmissionPayload({
          userId: this.userId,
          callbackId: modal.callbackId,
          values,
          privateMetadata: modal.privateMetadata,
          viewId: modal.id,
        }),
      ),
      'application/x-www-form-urlencoded',
    );
    // A form with errors stays open for another try; anything else closes or replaces it.
    const errors = res.status === 200 && (await res.clone().text()).includes('"response_action":"errors"');
    await this.ackBody(res, 'form', {}, modal.id);
    if (!errors && this.modal === modal) this.modal = undefined;
  }

  cancel() {
    this.modal = undefined;
  }
}

async function chooseUser(o: Options, rl: Interface, zones: Map<string, string>): Promise<string> {
  try {
    const res = await fetch(`${o.base}/api/staff`, { headers: { authorization: `Bearer ${o.apiKey ?? ''}` } });
    const staff =
      ((await res.json()) as { items?: Array<{ slackUserId: string; name: string; role: string; locale?: string; timeZone?: string }> })
        .items ?? [];
    for (const s of staff) if (s.timeZone) zones.set(s.slackUserId, s.timeZone);
    if (o.as) return o.as;
    if (!staff.length) throw new Error('no staff');
    staff.forEach((s, i) => console.log(`  ${i + 1}. ${s.slackUserId}  ${s.name} (${s.role}${s.locale ? `, ${s.locale}` : ''})`));
    const answer = (await rl.question('Chat as (number or Slack user id) [1]: ')).trim();
    return staff[Number(answer || '1') - 1]?.slackUserId ?? (answer || staff[0]!.slackUserId);
  } catch {
    return o.as ?? 'U0DEMOAG1';
  }
}

/**
 * Follows the fake Slack's record. When the stack stops, says so once and
 * keeps trying; when it is back (its record starts again from 0), says so and
 * follows the new record from its start.
 */
export async function followFake(
  fakeUrl: string,
  onCall: (c: FakeCall) => void,
  stop: { stopped: boolean },
  say: (line: string) => void = console.log,
) {
  let after = -1;
  let following: string | undefined;
  let lost = false;
  while (!stop.stopped) {
    try {
      if (after < 0) {
        const health = (await (await fetch(`${fakeUrl}/_fake/health`)).json()) as { calls: number; instance?: string };
        after = health.calls;
        following = health.instance;
      }
      const res = await fetch(`${fakeUrl}/_fake/calls?after=${after}&wait=${lost ? 0 : 25000}`);
      const { calls, next, instance } = (await res.json()) as { calls: FakeCall[]; next: number; instance?: string };
      if (instance !== following) {
        // a restarted stack keeps a new record: read it from its start
        say(`\x1b[33mReconnected to the stack at ${fakeUrl} (it restarted); following it again.\x1b[0m`);
        following = instance;
        lost = false;
        after = 0;
        continue;
      }
      if (lost) say(`\x1b[33mReconnected to the stack at ${fakeUrl}.\x1b[0m`);
      lost = false;
      for (const call of calls) onCall(call);
      after = next;
    } catch {
      if (stop.stopped) return;
      if (!lost) say(`\x1b[33mLost the stack at ${fakeUrl}; reconnecting when it is back (Ctrl-C or quit to leave).\x1b[0m`);
      lost = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

const HELP = `
  /crm <anything>    a slash command, e.g. /crm help, /crm 张三, /crm complaint, /crm tasks
  <text>             a DM to the bot, e.g. 我今天有什么任务, overdue complaints this week
  <n>                click button [n]
  submit | cancel    fill in and submit the open form, or close it
  home               open the App Home tab
  /upload <path>     share a file in your DM with the bot, e.g. a .csv or .xlsx to import customers
  ticket <text>      someone posts <text> in #support and you react with :ticket:
  as <U…>            chat as another staff member
  help | quit
`;

async function main() {
  const o = options(process.argv.slice(2));
  const rl = createInterface({ input: stdin, output: stdout });
  try {
    await fetch(`${o.base}/healthz`);
  } catch {
    console.error(`CareLoop is not running at ${o.base}. Start it with \`npm start\` (or set CARELOOP_URL).`);
    process.exit(1);
  }
  let fakeUrl = o.fakeUrl;
  let ownFake: Awaited<ReturnType<typeof startFakeSlack>> | undefined;
  try {
    await (await fetch(`${fakeUrl}/_fake/health`)).json();
  } catch {
    ownFake = await startFakeSlack();
    fakeUrl = ownFake.url;
    console.log(
      `No fake Slack at ${o.fakeUrl}: the bot's Web API calls (DMs, modals) go elsewhere; only replies to commands and clicks are shown here.`,
    );
  }
  const chat = new ChatSession(o, fakeUrl, rl);
  const user = await chooseUser(o, rl, chat.zones);
  chat.setUser(user);
  const stop = { stopped: false };
  void followFake(fakeUrl, (c) => chat.handle(c), stop);
  console.log(`Chatting with CareLoop at ${o.base} as ${user}. Type \`help\` for what you can do.`);
  for (;;) {
    const line = (await rl.question(`${chat.user}> `).catch(() => 'quit')).trim();
    if (!line) continue;
    try {
      if (line === 'quit' || line === 'exit') break;
      else if (line === 'help') console.log(HELP);
      else if (line.startsWith('/crm')) await chat.command(line);
      else if (/^\d+$/.test(line)) await chat.click(Number(line));
      else if (line === 'submit') await chat.submit();
      else if (line === 'cancel') chat.cancel();
      else if (line === 'home') await chat.home();
      else if (line.startsWith('/upload ')) await chat.upload(line.slice('/upload '.length).trim());
      else if (line.startsWith('ticket ')) await chat.ticket(line.slice('ticket '.length));
      else if (/^as\s+[UW][A-Z0-9]+$/i.test(line)) chat.setUser(line.split(/\s+/)[1]!.toUpperCase());
      else await chat.dm(line);
    } catch (error) {
      console.log(`\x1b[31m${(error as Error).message}\x1b[0m`);
    }
  }
  stop.stopped = true;
  rl.close();
  await ownFake?.stop();
  process.exit(0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void main();
}
