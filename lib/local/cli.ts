import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type Config, loadConfig } from '../config';
import { type ApiScope, apiScopes, DEFAULT_KEY_ROLE, DEFAULT_KEY_SCOPES, isApiScope } from '../domain/api-scopes';
import { type Role, roles } from '../domain/staff';
import { generateApiKey, hashApiKey } from '../http/auth';
import { createContext } from '../services/context';
import { deliverPending } from '../services/events';
import { backfillNameKeys } from '../services/name-key-backfill';
import '../notify/install-channels';
import '../services/subscribers';
import { openStore, type Store } from '../store';
import { ensureTable } from './create-table';
import { deadLetterStore, isLocalQueue, localQueues } from './dead-letters';

/**
 * Admin commands: `npm run cli -- apikey create <name> [--scopes a,b] [--role r]`
 * prints a new key once (only its hash is stored); without --scopes a key may
 * only read customers, as an agent. `apikey list` shows names, prefixes, scopes and roles.
 * Works against DYNAMODB_ENDPOINT (e.g. the one `npm start` prints) or, in AWS, the real table.
 * `deadletters list|redrive` work on the local stack's failure queues only
 * (lib/local/dead-letters.ts); in AWS the runbook in infra/README.md does the same with the AWS CLI.
 * `backfill name-keys` writes the current name keys of every customer (lib/services/name-key-backfill.ts).
 */
const usage = `Usage:
  npm run cli -- apikey create <name> [--scopes ${apiScopes.join(',')}] [--role ${roles.join('|')}]
  npm run cli -- apikey list
  npm run cli -- apikey rescope <prefix> [--scopes …] [--role …]   (narrow a key in place, e.g. one from before scopes)
  npm run cli -- events pending | deliver        (domain events not yet delivered; deliver them — infra/README.md)
  npm run cli -- deadletters list [queue]
  npm run cli -- deadletters redrive <queue>     (needs npm start running)
  npm run cli -- backfill name-keys [--restart] [--page-size 100]
Queues: ${localQueues.join(', ')}
Default for a new key: --scopes ${DEFAULT_KEY_SCOPES.join(',')} --role ${DEFAULT_KEY_ROLE} (least privilege).
Environment: TABLE_NAME (default careloop), DYNAMODB_ENDPOINT (local) or AWS credentials (deployed); CARELOOP_DATA_DIR (default .data).`;

const dataDir = () => process.env.CARELOOP_DATA_DIR ?? '.data';

async function deadLetters(verb: string | undefined, queue: string | undefined) {
  if (queue !== undefined && !isLocalQueue(queue)) return fail(`No queue "${queue}"; queues: ${localQueues.join(', ')}`);
  if (verb === 'list') {
    const store = deadLetterStore(dataDir());
    for (const name of queue ? [queue] : localQueues) {
      const messages = store.list(name);
      console.log(`${name}: ${messages.length} message${messages.length === 1 ? '' : 's'}`);
      for (const m of messages)
        console.log(
          `  ${m.id}  ${m.failedAt}  ${m.error}${m.redriveFailures ? ` (redrive failed ${m.redriveFailures}×)` : ''}\n    ${JSON.stringify(m.event)}`,
        );
    }
    return;
  }
  if (verb === 'redrive' && queue) {
    // Through the running stack, so the function runs with its environment (fake Slack, scheduler emulator, table).
    const { readFileSync } = await import('node:fs');
    let base: string;
    try {
      base = readFileSync(`${dataDir()}/local-url`, 'utf8').trim();
    } catch {
      return fail('The local stack is not running (no .data/local-url): start it with npm start, then redrive.');
    }
    const response = await fetch(`${base}/_local/dead-letters/${queue}/redrive`, { method: 'POST' }).catch(() => undefined);
    if (!response) return fail(`The local stack does not answer at ${base}: start it with npm start, then redrive.`);
    const result = (await response.json()) as {
      redriven?: number;
      target?: string;
      failed?: { id: string; error: string }[];
      error?: { message: string };
    };
    if (!response.ok) return fail(result.error?.message ?? `redrive failed with HTTP ${response.status}`);
    console.log(`${queue}: ${result.redriven} redriven to ${result.target}, ${result.failed!.length} failed again (kept in the queue)`);
    for (const m of result.failed!) console.log(`  ${m.id}  ${m.error}`);
    if (result.failed!.length) process.exitCode = 1;
    return;
  }
  fail(usage);
}

async function main(args: string[]) {
  const [area, verb, name] = args;
  if (area === 'deadletters') return deadLetters(verb, name);
  const option = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const scopes = (option('--scopes') ?? DEFAULT_KEY_SCOPES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !isApiScope(s));
  if (unknown.length || !scopes.length)
    return fail(`Unknown scope ${unknown.join(', ') || '(none given)'}; scopes are ${apiScopes.join(', ')}`);
  const role = option('--role') ?? DEFAULT_KEY_ROLE;
  if (!(roles as readonly string[]).includes(role)) return fail(`--role must be one of ${roles.join(', ')}`);
  if ((area !== 'apikey' && area !== 'events' && area !== 'backfill') || !verb) return fail(usage);
  if (process.env.DYNAMODB_ENDPOINT === undefined && process.env.AWS_ACCESS_KEY_ID === undefined && process.env.AWS_PROFILE === undefined) {
    const { readFileSync } = await import('node:fs');
    try {
      const endpoint = readFileSync(`${process.env.CARELOOP_DATA_DIR ?? '.data'}/endpoint`, 'utf8').trim();
      if (endpoint) process.env.DYNAMODB_ENDPOINT = endpoint;
    } catch {
      return fail('No DynamoDB to talk to: start the local stack (npm start) or set DYNAMODB_ENDPOINT / AWS credentials.');
    }
  }
  const config = loadConfig(process.env);
  const store = openStore({ tableName: config.tableName, endpoint: config.dynamoEndpoint, region: config.region });
  if (config.dynamoEndpoint) {
    const client = new DynamoDBClient({
      endpoint: config.dynamoEndpoint,
      region: config.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(client, config.tableName);
    client.destroy();
  }
  if (area === 'events') return events(verb, config, store);
  if (verb === 'rescope') {
    const key = (await store.apiKeys.list()).filter((k) => name && k.prefix.startsWith(name));
    if (key.length !== 1)
      return fail(`apikey rescope needs the prefix of exactly one key (apikey list shows them); ${key.length} match "${name ?? ''}"`);
    await store.apiKeys.setScopes(key[0]!.hash, scopes as ApiScope[], role as Role);
    console.log(
      `API key "${key[0]!.name}" now has scopes ${scopes.join(',')} and acts as ${role} (running functions pick it up within a minute).`,
    );
    return;
  }
  if (area === 'backfill') return backfill(verb, option, config, store);
  if (verb === 'create') {
    if (!name || !/^[\w.-]{1,64}$/.test(name))
      return fail('apikey create needs a name of letters, digits, . _ - (up to 64), e.g. erp-sync');
    const key = generateApiKey();
    await store.apiKeys.put({
      hash: hashApiKey(key),
      name,
      prefix: key.slice(0, 8),
      createdAt: new Date().toISOString(),
      scopes: scopes as ApiScope[],
      role: role as Role,
    });
    console.log(
      `API key "${name}" created (scopes ${scopes.join(',')}, acts as ${role}). It is shown only now — store it safely:\n\n  ${key}\n`,
    );
    return;
  }
  if (verb === 'list') {
    const keys = await store.apiKeys.list();
    for (const k of keys)
      console.log(
        `${k.name.padEnd(24)} ${k.prefix}…  created ${k.createdAt}  scopes ${k.scopes?.join(',') ?? 'all (key from before scopes)'}  role ${k.role ?? (k.scopes ? DEFAULT_KEY_ROLE : 'admin')}`,
      );
    if (!keys.length) console.log('No API keys yet.');
    return;
  }
  fail(usage);
}

/** The outbox's pending events: listed, or delivered through the same claims as the stream and the local sweep. */
async function events(verb: string, config: ReturnType<typeof loadConfig>, store: Store) {
  const now = new Date();
  if (verb === 'pending') {
    const pending = await store.outbox.pending(now, 100);
    for (const p of pending) console.log(`${p.id}  ${p.committedAt}  ${p.event.type}`);
    console.log(`${pending.length}${pending.length === 100 ? '+' : ''} event(s) pending`);
    return;
  }
  if (verb === 'deliver') {
    const ctx = createContext({ config, store });
    const { delivered, failed, waiting } = await deliverPending(ctx, now, { graceSeconds: 0 });
    console.log(`${delivered} delivered, ${failed} failed (see the error above), ${waiting} being delivered elsewhere`);
    if (failed) process.exitCode = 1;
    return;
  }
  fail(usage);
}

/** `backfill name-keys`: resumable, idempotent; prints progress after each page. */
async function backfill(verb: string, option: (flag: string) => string | undefined, config: Config, store: Store) {
  if (verb !== 'name-keys') return fail(usage);
  const pageSize = Number(option('--page-size') ?? 100);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) return fail('--page-size must be a whole number from 1 to 1000');
  const ctx = createContext({ config, store });
  const run = await backfillNameKeys(ctx, {
    now: () => new Date(),
    pageSize,
    restart: process.argv.includes('--restart'),
    onPage: (r) => console.log(`name keys: ${r.passCustomers} customers done${r.finished ? ' — finished' : ''}`),
  });
  console.log(
    `${run.resumed ? 'Resumed an unfinished pass; ' : ''}${run.customers} customers re-indexed in ${run.pages} page${run.pages === 1 ? '' : 's'}.`,
  );
}

function fail(message: string) {
  console.error(message);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`cli failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
