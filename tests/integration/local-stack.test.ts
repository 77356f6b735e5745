import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePortRun, startDynamoLocal } from '../../lib/local/dynamo';

/**
 * The README's promise: `npm start` serves the demo customers with the printed
 * key, and Ctrl-C stops everything. Run here as a real child process.
 */
describe('npm start', () => {
  let child: ChildProcess;
  let output = '';
  let port: number;
  const dataDir = mkdtempSync(join(tmpdir(), 'careloop-start-'));
  const tableName = `start_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    port = await freePortRun(2); // PORT and the fake Slack on PORT+1
    child = spawn(process.execPath, ['--import', 'tsx', 'lib/local/main.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
        TABLE_NAME: tableName,
        CARELOOP_DATA_DIR: dataDir,
        LOG_LEVEL: 'ERROR',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 110_000;
    while (!output.includes('CareLoop is running')) {
      if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 120_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints the dev API key and serves the demo customers with it', async () => {
    const key = output.match(/Bearer (clk_[\w-]+)/)?.[1];
    expect(key).toBeDefined();
    expect(JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8')).apiKey).toBe(key);
    const all: unknown[] = [];
    let cursor = '';
    do {
      const res = await fetch(`http://127.0.0.1:${port}/api/customers?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: Array<{ name: string }>; cursor?: string };
      all.push(...page.items);
      cursor = page.cursor ?? '';
    } while (cursor);
    expect(all.length).toBeGreaterThanOrEqual(50);
    const names = (all as Array<{ name: string }>).map((c) => c.name);
    expect(names).toContain('张三');
    expect(names.some((n) => /^[A-Za-z]/.test(n))).toBe(true);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });

  it('creates API keys from the CLI that the API accepts', async () => {
    // no DYNAMODB_ENDPOINT: the CLI finds the running stack's DynamoDB through the data dir, as a developer's would
    const { DYNAMODB_ENDPOINT: _ignored, ...rest } = process.env;
    const env = { ...rest, CARELOOP_DATA_DIR: dataDir, TABLE_NAME: tableName };
    const out = spawnSync(process.execPath, ['--import', 'tsx', 'lib/local/cli.ts', 'apikey', 'create', 'erp-sync'], {
      env,
      encoding: 'utf8',
    });
    expect(out.status, out.stderr).toBe(0);
    const key = out.stdout.match(/(clk_[\w-]+)/)?.[1];
    // spawnSync blocked this process past the server's keep-alive timeout: let the event loop see
    // the pooled socket closed by the other side before fetch would reuse it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const res = await fetch(`http://127.0.0.1:${port}/api/customers?limit=1`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    // Least privilege by default: the new key reads customers, nothing more.
    const write = await fetch(`http://127.0.0.1:${port}/api/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', ownerId: 'U1' }),
    });
    expect(write.status).toBe(403);
    const list = spawnSync(process.execPath, ['--import', 'tsx', 'lib/local/cli.ts', 'apikey', 'list'], { env, encoding: 'utf8' });
    expect(list.stdout).toMatch(/erp-sync .*scopes customers:read .*role agent/);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'lib/local/cli.ts', 'apikey', 'create'], { env, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/needs a name/);
  });

  it('redrives a parked job failure from the CLI through the running stack, and lists what is left', () => {
    const { DYNAMODB_ENDPOINT: _ignored, ...rest } = process.env;
    const env = { ...rest, CARELOOP_DATA_DIR: dataDir, TABLE_NAME: tableName };
    const parked = [
      // runs: a reminder for a task that does not exist is a no-op, not an error
      {
        id: 'm-ok',
        queue: 'scheduled-failures',
        event: { job: 'reminder', time: '2025-03-01T00:00:00Z', detail: { taskId: 'tsk_gone', at: 'x' } },
        error: 'Error: boom',
        failedAt: '2025-03-01T00:00:01Z',
        redriveFailures: 0,
      },
    ];
    mkdirSync(join(dataDir, 'dead-letters'), { recursive: true });
    writeFileSync(join(dataDir, 'dead-letters', 'scheduled-failures.jsonl'), `${parked.map((m) => JSON.stringify(m)).join('\n')}\n`);
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'lib/local/cli.ts', 'deadletters', ...args], { env, encoding: 'utf8' });
    expect(cli('list', 'scheduled-failures').stdout).toMatch(/scheduled-failures: 1 message\b[\s\S]*m-ok[\s\S]*"job":"reminder"/);
    const redrive = cli('redrive', 'scheduled-failures');
    expect(redrive.status, redrive.stderr).toBe(0);
    expect(redrive.stdout).toMatch(/scheduled-failures: 1 redriven to scheduled, 0 failed again/);
    expect(cli('list', 'scheduled-failures').stdout).toMatch(/scheduled-failures: 0 messages/);
    const unknown = cli('redrive', 'nope');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/No queue "nope"; queues: scheduled-failures, reminder-dead-letters, slack-worker-failures/);
  }, 120_000);

  it('stops on Ctrl-C', async () => {
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(0);
  });
});

describe('DynamoDB Local launcher', () => {
  it('explains how to install Java when it is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startDynamoLocal()).rejects.toThrow(
        /Java was not found[\s\S]*apt-get install -y openjdk-17-jre-headless[\s\S]*DYNAMODB_ENDPOINT/,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});
