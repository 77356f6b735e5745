import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadConfig } from '../config';
import { apiScopes } from '../domain/api-scopes';
import { generateApiKey, hashApiKey } from '../http/auth';
import { defaultNotices } from '../notify/default-notifier';
import type { ScheduledEvent } from '../schedules';
import { schedules } from '../schedules';
import { createContext, setAppContext, useNoticeChannels } from '../services/context';
import { onLocalWorkerFailure } from '../slack/runtime/worker-dispatch';
import { ensureTable } from './create-table';
import { deadLetterStore } from './dead-letters';
import { loadDemoData } from './demo-data';
import { type RunningDynamo, startDynamoLocal } from './dynamo';
import { startFakeSlack } from './fake-slack';
import { jobCurls } from './job-curls';
import { drainOutbox, startOutboxSweep } from './outbox-sweep';
import { runJob, startScheduler } from './scheduler';
import { startSchedulerEmulator } from './scheduler-api';
import { createLocalServer, listen } from './server';
import '../services/subscribers';
// Imports run in this process here (no IMPORT_WORKER_FUNCTION_NAME): the sweep and the API hand jobs to it.
import '../services/import-worker';

/**
 * `npm start`: the whole product on one port, no AWS account needed —
 * DynamoDB Local (data under .data/), the API Gateway emulator with every
 * route, the scheduler emulator, demo data on first start, a dev API key.
 */
const DATA_DIR = resolve(process.env.CARELOOP_DATA_DIR ?? '.data');
const LOCAL_STATE = resolve(DATA_DIR, 'local.json');
const DEV_SIGNING_SECRET = 'careloop-dev-signing-secret';
const DEV_BOT_TOKEN = 'xoxb-careloop-dev';

interface LocalState {
  apiKey: string;
}

function readState(): LocalState | undefined {
  try {
    return JSON.parse(readFileSync(LOCAL_STATE, 'utf8')) as LocalState;
  } catch {
    return undefined;
  }
}

async function main() {
  if (existsSync('.env')) process.loadEnvFile('.env');
  // CloudWatch metrics (EMF lines) mean nothing on a developer's console.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  // The local stack runs on Node 20 by design (Lambda runs 22); the SDK's upgrade notice is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const port = Number(process.env.PORT ?? 3000);
  mkdirSync(DATA_DIR, { recursive: true });
  const stops: Array<() => Promise<void> | void> = [];
  let stopping = false;
  const shutdown = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping CareLoop…');
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  let dynamo: RunningDynamo | undefined;
  if (!process.env.DYNAMODB_ENDPOINT) {
    dynamo = await startDynamoLocal({ dataDir: resolve(DATA_DIR, 'dynamodb') });
    stops.push(() => dynamo!.stop());
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  }
  // `npm run cli` finds the running local DynamoDB here.
  writeFileSync(resolve(DATA_DIR, 'endpoint'), process.env.DYNAMODB_ENDPOINT);
  process.env.TABLE_NAME ??= 'careloop';
  process.env.PUBLIC_BASE_URL ??= `http://localhost:${port}`;
  const signingSecretFromEnv = Boolean(process.env.SLACK_SIGNING_SECRET);
  process.env.SLACK_SIGNING_SECRET ??= DEV_SIGNING_SECRET;
  process.env.SLACK_BOT_TOKEN ??= DEV_BOT_TOKEN;

  // Failures park in local files named like the stack's queues; `npm run cli -- deadletters` lists and redrives them.
  const deadLetters = deadLetterStore(DATA_DIR);
  onLocalWorkerFailure((job, error) => deadLetters.add('slack-worker-failures', job, error));

  // One-off reminders: the real Scheduler SDK talks to a local Scheduler API, which fires functions/scheduled.
  const reminders = await startSchedulerEmulator({
    fire: (input) => runJob(input as ScheduledEvent),
    deadLetter: (event) =>
      void deadLetters.add('reminder-dead-letters', event.body, `${event.attributes.ERROR_CODE}: ${event.attributes.ERROR_MESSAGE}`),
    log: console.log,
  });
  stops.push(() => reminders.stop());
  process.env.SCHEDULER_ENDPOINT ??= reminders.endpoint;
  process.env.REMINDER_TARGET_ARN ??= 'arn:aws:lambda:local:000000000000:function:careloop-scheduled';
  process.env.REMINDER_ROLE_ARN ??= 'arn:aws:iam::000000000000:role/careloop-scheduler';
  process.env.REMINDER_DEAD_LETTER_ARN ??= 'arn:aws:sqs:us-east-1:000000000000:careloop-reminder-dead-letters';

  // No Slack workspace locally: the bot talks to a fake Slack Web API on PORT+1, which `npm run chat` follows.
  if (!process.env.SLACK_API_URL) {
    const fakeSlack = await startFakeSlack({ port: port + 1, host: '0.0.0.0', botToken: process.env.SLACK_BOT_TOKEN });
    stops.push(() => fakeSlack.stop());
    process.env.SLACK_API_URL = fakeSlack.url;
  }

  const config = loadConfig(process.env);
  const client = new DynamoDBClient({
    endpoint: config.dynamoEndpoint,
    region: config.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const created = await ensureTable(client, config.tableName);
  client.destroy();
  useNoticeChannels(defaultNotices);
  const ctx = createContext({ config });
  setAppContext(ctx);

  const now = new Date();
  let surveyLink: string | undefined;
  if (created === 'created' || (await ctx.store.staff.all()).length === 0) {
    surveyLink = (await loadDemoData(ctx, now, console.log)).surveyLink;
  }
  let state = readState();
  if (!state || !(await ctx.store.apiKeys.byHash(hashApiKey(state.apiKey)))) {
    state = { apiKey: state?.apiKey ?? generateApiKey() };
    await ctx.store.apiKeys
      .put({
        hash: hashApiKey(state.apiKey),
        name: 'local-dev',
        prefix: state.apiKey.slice(0, 8),
        createdAt: now.toISOString(),
        scopes: [...apiScopes],
        role: 'admin',
      })
      .catch(() => {});
    writeFileSync(LOCAL_STATE, JSON.stringify(state, null, 2), { mode: 0o600 });
  }

  // Follow-ups the previous run committed but did not deliver (it was killed) are delivered before anything new.
  const drained = await drainOutbox(ctx, new Date());
  if (drained.delivered || drained.failed) console.log(`[outbox] delivered ${drained.delivered} event(s) left by the last run`);
  const outboxSweep = startOutboxSweep(ctx, console.log);
  stops.push(() => outboxSweep.stop());

  const server = createLocalServer({ deadLetters });
  await listen(server, port, '0.0.0.0');
  // `npm run cli -- deadletters redrive` finds the running stack here.
  writeFileSync(resolve(DATA_DIR, 'local-url'), `http://127.0.0.1:${port}`);
  stops.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  const scheduler = startScheduler(config.company.timeZone, console.log, (event, error) =>
    deadLetters.add('scheduled-failures', event, error),
  );
  stops.push(() => scheduler.stop());

  const base = `http://localhost:${port}`;
  console.log(`
CareLoop is running at ${base}
  DynamoDB        ${config.dynamoEndpoint}${dynamo ? ` (DynamoDB Local, data in ${relative(process.cwd(), resolve(DATA_DIR, 'dynamodb')) || '.'})` : ''}, table ${config.tableName}
  REST API        ${base}/api/customers   (Authorization: Bearer ${state.apiKey})
  OpenAPI         ${base}/api/openapi.json
  Health          ${base}/healthz
  Slack endpoint  ${base}/slack/events    (signing secret ${signingSecretFromEnv ? 'from SLACK_SIGNING_SECRET' : DEV_SIGNING_SECRET})
  Slack Web API   ${config.slack.apiUrl}   (fake Slack unless SLACK_API_URL is set; try the bot: npm run chat)
  Survey pages    ${base}/s/<token>
  Scheduler       ${schedules.map((s) => s.name).join(', ')} — run one now: curl -X POST ${base}/_local/jobs/<name>
  Reminders       EventBridge Scheduler API emulator at ${process.env.SCHEDULER_ENDPOINT}
  Failures        ${relative(process.cwd(), resolve(DATA_DIR, 'dead-letters')) || '.'}/ — list: npm run cli -- deadletters list, redrive: npm run cli -- deadletters redrive <queue>

Run a job now (each one posts to the fake Slack; see it with npm run chat):
${jobCurls(base, config, now)
  .map((j) => `  ${j.job.padEnd(17)} ${j.what}\n    ${j.curl}`)
  .join('\n')}
${surveyLink ? `\nOpen survey link: ${surveyLink}\n` : ''}
Try:  curl -H "Authorization: Bearer ${state.apiKey}" "${base}/api/customers?q=zhang"
Stop: Ctrl-C
`);
}

main().catch((error) => {
  console.error(`\nCareLoop could not start: ${(error as Error).message}`);
  process.exit(1);
});
