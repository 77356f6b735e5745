import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadConfig } from '../config';
import { generateApiKey, hashApiKey } from '../http/auth';
import { createDb } from '../store/db';
import { createStore } from '../store';
import { ensureTable } from './create-table';

/**
 * Admin commands: `npm run cli -- apikey create <name>` prints a new key once
 * (only its hash is stored); `apikey list` shows names and prefixes.
 * Works against DYNAMODB_ENDPOINT (e.g. the one `npm start` prints) or, in AWS, the real table.
 */
const usage = `Usage:
  npm run cli -- apikey create <name>
  npm run cli -- apikey list
Environment: TABLE_NAME (default careloop), DYNAMODB_ENDPOINT (local) or AWS credentials (deployed).`;

async function main(args: string[]) {
  const [area, verb, name] = args;
  if (area !== 'apikey' || !verb) return fail(usage);
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
  const store = createStore(createDb({ tableName: config.tableName, endpoint: config.dynamoEndpoint, region: config.region }));
  if (config.dynamoEndpoint) {
    const client = new DynamoDBClient({ endpoint: config.dynamoEndpoint, region: config.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTable(client, config.tableName);
    client.destroy();
  }
  if (verb === 'create') {
    if (!name || !/^[\w.-]{1,64}$/.test(name)) return fail('apikey create needs a name of letters, digits, . _ - (up to 64), e.g. erp-sync');
    const key = generateApiKey();
    await store.apiKeys.put({ hash: hashApiKey(key), name, prefix: key.slice(0, 8), createdAt: new Date().toISOString() });
    console.log(`API key "${name}" created. It is shown only now — store it safely:\n\n  ${key}\n`);
    return;
  }
  if (verb === 'list') {
    const keys = await store.apiKeys.list();
    for (const k of keys) console.log(`${k.name.padEnd(24)} ${k.prefix}…  created ${k.createdAt}`);
    if (!keys.length) console.log('No API keys yet.');
    return;
  }
  fail(usage);
}

function fail(message: string) {
  console.error(message);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`cli failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
