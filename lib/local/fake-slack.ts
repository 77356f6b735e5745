import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { refusalOf, type SlackRefusal } from './slack-limits';

/**
 * A fake Slack Web API for tests, the benchmark and `npm run chat`. It
 * answers the methods the bot calls with plausible `ok: true` payloads (ids,
 * timestamps, DM channels), keeps the messages it was sent so
 * conversations.history can find them, and records every call — Web API
 * methods, response_url posts (`/_response/<id>`) and file uploads — in order.
 * Other processes follow the record with a long poll (GET /_fake/calls?after=N)
 * and can put a message in a channel (POST /_fake/messages) for a reaction.
 *
 * It is strict: a call real Slack would refuse (lib/local/slack-limits.ts) is
 * answered with Slack's error and kept in `refusals()`, so tests can fail on it.
 */
export interface FakeCall {
  seq: number;
  /** a Web API method, `response_url` or `upload` */
  method: string;
  args: Record<string, unknown>;
  at: string;
  /** what the fake answered (Web API methods) */
  response?: Record<string, unknown>;
  /** why Slack would have refused this call */
  refusal?: SlackRefusal;
}

export interface FakeUser {
  locale?: string;
  tz?: string;
  name?: string;
}

export interface FakeSlack {
  /** the Web API base URL: SLACK_API_URL (methods are `${url}/<method>`) */
  url: string;
  /** a response_url that lands here, recorded as method `response_url` */
  responseUrl(id?: string): string;
  calls(method?: string): FakeCall[];
  /** calls real Slack would have refused (answered with Slack's error) */
  refusals(): FakeCall[];
  onCall(listener: (call: FakeCall) => void): () => void;
  /** the first call (already made or still to come) that matches; rejects after the deadline */
  waitFor(match: (call: FakeCall) => boolean, timeoutMs?: number): Promise<FakeCall>;
  setUser(id: string, user: FakeUser): void;
  /** a message that exists in a channel (for the :ticket: reaction and conversations.history) */
  addMessage(channel: string, message: { ts: string; text: string; user?: string; thread_ts?: string }): void;
  /**
   * A file a user shared (a DM upload, a modal's file_input): stored as Slack
   * stores it, downloadable from its url_private_download with the bot token only.
   */
  addFile(file: { name: string; bytes: Uint8Array; user: string; mimetype?: string }): FakeFileObject;
  /** a file the bot uploaded (files.getUploadURLExternal → upload → files.completeUploadExternal), or a user's */
  file(id: string): FakeStoredFile | undefined;
  /** the next call of `method` fails with `{ ok: false, error }` */
  failNext(method: string, error: string): void;
  reset(): void;
  stop(): Promise<void>;
}

/** The part of Slack's file object the bot reads (message `files`, file_input `files`, files.info). */
export interface FakeFileObject {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  user: string;
  url_private: string;
  url_private_download: string;
}

export interface FakeStoredFile {
  object: FakeFileObject;
  bytes?: Uint8Array;
  /** channels it was shared to (files.completeUploadExternal) */
  channels: string[];
  /** false between files.getUploadURLExternal and files.completeUploadExternal */
  completed: boolean;
}

interface StoredMessage {
  ts: string;
  text?: string;
  user?: string;
  bot_id?: string;
  blocks?: unknown;
  thread_ts?: string;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  png: 'image/png',
};

const METHOD = /^\/(?:api\/)?([a-z]+(?:\.[a-zA-Z]+)+)$/;
const LONG_POLL_MAX_MS = 30_000;

function decodeArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if ((contentType ?? '').includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { _raw: raw };
    }
  }
  const form = parseQueryString(raw) as Record<string, unknown>;
  // The Web API client sends objects (blocks, view) as JSON strings inside the form.
  for (const [k, v] of Object.entries(form)) {
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        form[k] = JSON.parse(v);
      } catch {
        /* plain text that starts with a bracket */
      }
    }
  }
  return form;
}

/** Slack's upload URL takes the raw bytes or a multipart form (what @slack/web-api sends): the file's bytes either way. */
async function uploadedBytes(body: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith('multipart/form-data')) return body;
  const request = new Request('http://upload.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(body),
  });
  const parts: Array<string | Blob> = [];
  (await request.formData()).forEach((value) => {
    parts.push(value);
  });
  const file = parts.find((v): v is Blob => typeof v !== 'string');
  return file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Slack answers a file URL without the right token with its sign-in page (HTTP 200, HTML), not with an error. */
const SIGN_IN_PAGE = '<!DOCTYPE html><html><head><title>Sign in | Slack</title></head><body>Sign in to your workspace</body></html>';

/**
 * `botToken`: the only bearer token url_private_download serves files to (the
 * app's bot token); without it no file is ever served.
 */
export async function startFakeSlack(opts: { port?: number; host?: string; botToken?: string } = {}): Promise<FakeSlack> {
  const recorded: FakeCall[] = [];
  // kept across reset(): a refused call must still fail the test that made it
  const refused: FakeCall[] = [];
  const listeners = new Set<(call: FakeCall) => void>();
  const users = new Map<string, FakeUser>();
  const channels = new Map<string, StoredMessage[]>();
  const failures = new Map<string, string[]>();
  const files = new Map<string, FakeStoredFile>();
  let seq = 0;
  let url = '';
  // tells followers a restarted fake (a new record) from the one they followed
  const instance = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

  const record = (method: string, args: Record<string, unknown>): FakeCall => {
    const call: FakeCall = { seq: ++seq, method, args, at: new Date().toISOString() };
    recorded.push(call);
    for (const listener of listeners) listener(call);
    return call;
  };
  const dmChannelOf = (channel: string) => (/^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel);
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`;
  const fileObject = (id: string, name: string, bytes: number, user: string, mimetype?: string): FakeFileObject => {
    const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? 'binary';
    return {
      id,
      name,
      title: name,
      mimetype: mimetype ?? MIME_BY_EXTENSION[ext] ?? 'application/octet-stream',
      filetype: ext,
      size: bytes,
      user,
      url_private: `${url}/_files/${id}/${encodeURIComponent(name)}`,
      url_private_download: `${url}/_files/${id}/download/${encodeURIComponent(name)}`,
    };
  };
  const shareFile = (f: { name: string; bytes: Uint8Array; user: string; mimetype?: string }): FakeFileObject => {
    const id = `F${Date.now().toString(36).toUpperCase()}${String(files.size).padStart(4, '0')}`;
    const object = fileObject(id, f.name, f.bytes.length, f.user, f.mimetype);
    files.set(id, { object, bytes: f.bytes, channels: [], completed: true });
    return object;
  };
  /** A Web API answer that depends on what the fake holds (files), or undefined when the call is fine. */
  const stateRefusal = (method: string, a: Record<string, unknown>): SlackRefusal | undefined => {
    if (method === 'files.info') {
      const f = files.get(String(a.file));
      return f?.completed ? undefined : { error: 'file_not_found', messages: [] };
    }
    if (method === 'files.completeUploadExternal') {
      const missing = (a.files as Array<{ id: string }>).filter((f) => !files.get(f.id)?.bytes);
      return missing.length ? { error: 'file_not_found', messages: missing.map((f) => `[ERROR] no upload for ${f.id}`) } : undefined;
    }
    return undefined;
  };
  const messagesIn = (channel: string) => {
    let list = channels.get(channel);
    if (!list) channels.set(channel, (list = []));
    return list;
  };

  function answer(method: string, a: Record<string, unknown>): Record<string, unknown> {
    const channel = typeof a.channel === 'string' ? dmChannelOf(a.channel) : undefined;
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.com/',
          team: 'Fake',
          team_id: 'TFAKE',
          user: 'careloop',
          user_id: 'UFAKEBOT',
          bot_id: 'BFAKEBOT',
        };
      case 'chat.postMessage': {
        const ts = nextTs();
        const message: StoredMessage = {
          ts,
          text: a.text as string,
          blocks: a.blocks,
          user: 'UFAKEBOT',
          bot_id: 'BFAKEBOT',
          ...(a.thread_ts ? { thread_ts: String(a.thread_ts) } : {}),
        };
        messagesIn(channel!).push(message);
        return { ok: true, channel, ts, message };
      }
      case 'chat.update': {
        const stored = messagesIn(channel!).find((m) => m.ts === a.ts);
        if (stored) Object.assign(stored, { text: a.text, blocks: a.blocks });
        return { ok: true, channel, ts: a.ts, text: a.text };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish': {
        const view = (a.view ?? {}) as Record<string, unknown>;
        const id =
          typeof a.view_id === 'string'
            ? a.view_id
            : method === 'views.publish'
              ? `VHOME${String(a.user_id ?? '')}`
              : `V${String(seq).padStart(8, '0')}`;
        return { ok: true, view: { ...view, id, hash: `${seq}.fake`, team_id: 'TFAKE' } };
      }
      case 'users.info': {
        const id = String(a.user ?? '');
        const u = users.get(id) ?? {};
        return {
          ok: true,
          user: {
            id,
            name: u.name ?? id.toLowerCase(),
            real_name: u.name ?? `User ${id}`,
            tz: u.tz ?? 'Asia/Shanghai',
            locale: u.locale ?? 'en-US',
          },
        };
      }
      case 'conversations.open': {
        const user = String(a.users ?? '').split(',')[0] ?? '';
        return { ok: true, channel: { id: dmChannelOf(user) } };
      }
      case 'conversations.history': {
        const latest = String(a.latest ?? '9999999999');
        const oldest = String(a.oldest ?? '0');
        const messages = messagesIn(channel!)
          .filter((m) => !m.thread_ts && m.ts <= latest && m.ts >= oldest)
          .reverse();
        return { ok: true, messages: messages.slice(0, Number(a.limit ?? 100)), has_more: false };
      }
      case 'conversations.replies': {
        const messages = messagesIn(channel!).filter((m) => m.ts === a.ts || m.thread_ts === a.ts);
        return { ok: true, messages, has_more: false };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(seq).padStart(8, '0')}`;
        files.set(fileId, {
          object: fileObject(fileId, String(a.filename), Number(a.length), 'UFAKEBOT'),
          channels: [],
          completed: false,
        });
        return { ok: true, upload_url: `${url}/_upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const shared = ((a.files as Array<{ id: string; title?: string }>) ?? []).map((f) => {
          const stored = files.get(f.id)!;
          stored.completed = true;
          if (f.title) stored.object.title = f.title;
          const to = typeof a.channel_id === 'string' ? dmChannelOf(a.channel_id) : undefined;
          if (to) {
            stored.channels.push(to);
            messagesIn(to).push({ ts: nextTs(), text: String(a.initial_comment ?? ''), user: 'UFAKEBOT', bot_id: 'BFAKEBOT' });
          }
          return { id: f.id, title: stored.object.title };
        });
        return { ok: true, files: shared };
      }
      case 'files.info':
        return { ok: true, file: files.get(String(a.file))!.object };
      default:
        return { ok: true };
    }
  }

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  const server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const query = new URL(req.url ?? '/', 'http://fake').searchParams;
      if (req.method === 'GET' && path === '/_fake/calls') {
        const after = Number(query.get('after') ?? 0);
        const wait = Math.min(Number(query.get('wait') ?? 0), LONG_POLL_MAX_MS);
        const pending = () => recorded.filter((c) => c.seq > after);
        if (!pending().length && wait > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, wait);
            function done() {
              clearTimeout(timer);
              listeners.delete(done);
              resolve();
            }
            listeners.add(done);
            req.on('close', done);
          });
        }
        return send(res, 200, { calls: pending(), next: seq, instance });
      }
      if (req.method === 'GET' && path === '/_fake/health') return send(res, 200, { ok: true, calls: seq, instance });
      const body = await readBody(req);
      if (req.method === 'POST' && path === '/_fake/files') {
        // `npm run chat` /upload: a user shares a file, as the Slack client would upload it.
        const user = query.get('user') ?? '';
        const name = query.get('name') ?? '';
        if (!/^[UW][A-Z0-9]{2,}$/.test(user) || !name) return send(res, 400, { ok: false, error: 'invalid_arguments' });
        return send(res, 200, { ok: true, file: shareFile({ name, bytes: new Uint8Array(body), user }) });
      }
      if (req.method === 'POST' && path === '/_fake/messages') {
        const m = JSON.parse(body.toString('utf8')) as { channel: string; ts: string; text: string; user?: string };
        messagesIn(m.channel).push({ ts: m.ts, text: m.text, user: m.user });
        return send(res, 200, { ok: true });
      }
      const response = /^\/_response\/(.+)$/.exec(path);
      if (response) {
        const posted = decodeArgs(body.toString('utf8'), req.headers['content-type']);
        const refusal = refusalOf('response_url', posted);
        const call = record('response_url', { id: response[1], ...posted });
        if (!refusal) return send(res, 200, { ok: true });
        call.refusal = refusal;
        refused.push(call);
        call.response = { ok: false, error: refusal.error, response_metadata: { messages: refusal.messages } };
        return send(res, 400, call.response);
      }
      const download = /^\/_files\/([^/]+)\//.exec(path);
      if (download && req.method === 'GET') {
        const stored = files.get(download[1]!);
        const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
        record('file_download', { fileId: download[1], authorized: Boolean(opts.botToken && bearer === opts.botToken) });
        if (!opts.botToken || bearer !== opts.botToken || !stored?.bytes) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(SIGN_IN_PAGE);
        }
        res.writeHead(200, { 'content-type': stored.object.mimetype, 'content-length': stored.bytes.length });
        return res.end(Buffer.from(stored.bytes));
      }
      const upload = /^\/_upload\/(.+)$/.exec(path);
      if (upload) {
        const stored = files.get(upload[1]!);
        const bytes = await uploadedBytes(body, req.headers['content-type']);
        record('upload', { fileId: upload[1], bytes: bytes.length });
        // The upload URL answers 200 for a ticket it issued and refuses anything else.
        if (!stored || stored.completed) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          return res.end('Not Found');
        }
        stored.bytes = new Uint8Array(bytes);
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(`OK - ${bytes.length}`);
      }
      const method = METHOD.exec(path)?.[1];
      if (!method || req.method !== 'POST') return send(res, 404, { ok: false, error: 'unknown_method' });
      const args = decodeArgs(body.toString('utf8'), req.headers['content-type']);
      const auth = req.headers.authorization;
      if (auth && !args.token) args.token = auth.replace(/^Bearer\s+/i, '');
      const refusal = refusalOf(method, args) ?? stateRefusal(method, args);
      const call = record(method, args);
      const failure = failures.get(method)?.shift();
      if (refusal) {
        call.refusal = refusal;
        refused.push(call);
      }
      call.response = refusal
        ? { ok: false, error: refusal.error, response_metadata: { messages: refusal.messages } }
        : failure
          ? { ok: false, error: failure }
          : answer(method, args);
      send(res, 200, call.response);
    } catch (error) {
      send(res, 500, { ok: false, error: (error as Error).message });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as { port: number };
  url = `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${address.port}`;

  return {
    url,
    responseUrl: (id = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`) => `${url}/_response/${id}`,
    calls: (method) => (method ? recorded.filter((c) => c.method === method) : [...recorded]),
    refusals: () => [...refused],
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitFor(match, timeoutMs = 10_000) {
      const already = recorded.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(
              `fake Slack: no matching call within ${timeoutMs} ms; calls so far: ${recorded.map((c) => c.method).join(', ') || 'none'}`,
            ),
          );
        }, timeoutMs);
        function check(call: FakeCall) {
          if (!match(call)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(call);
        }
        listeners.add(check);
      });
    },
    setUser: (id, user) => users.set(id, user),
    addFile: (f) => shareFile(f),
    file: (id) => files.get(id),
    addMessage(channel, message) {
      messagesIn(channel).push({ ...message });
    },
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    reset() {
      recorded.length = 0;
      failures.clear();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
