import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { freePort, startDynamoLocal } from '../../lib/local/dynamo';

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
    port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'lib/local/main.ts'], {
      env: { ...process.env, PORT: String(port), DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), TABLE_NAME: tableName, CARELOOP_DATA_DIR: dataDir, LOG_LEVEL: 'ERROR' },
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
      const res = await fetch(`http://127.0.0.1:${port}/api/customers?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${key}` } });
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
    const out = spawnSync(process.execPath, ['--import', 'tsx', 'lib/local/cli.ts', 'apikey', 'create', 'erp-sync'], { env, encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const key = out.stdout.match(/(clk_[\w-]+)/)?.[1];
    const res = await fetch(`http://127.0.0.1:${port}/api/customers?limit=1`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    // Least privilege by default: the new key reads customers, nothing more.
    const write = await fetch(`http://127.0.0.1:${port}/api/customers`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', ownerId: 'U1' }) });
    expect(write.status).toBe(403);
    const list = spawnSync(process.execPath, ['--import', 'tsx', 'lib/local/cli.ts', 'apikey', 'list'], { env, encoding: 'utf8' });
    expect(list.stdout).toMatch(/erp-sync .*scopes customers:read .*role agent/);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'lib/local/cli.ts', 'apikey', 'create'], { env, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/needs a name/);
  });

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
      await expect(startDynamoLocal()).rejects.toThrow(/Java was not found[\s\S]*apt-get install -y openjdk-17-jre-headless[\s\S]*DYNAMODB_ENDPOINT/);
    } finally {
      process.env.PATH = path;
    }
  });
});
