import * as z from 'zod';
import { careSettings, loadCareConfig } from './care';
import { complaintSettings, loadComplaintConfig } from './complaints';
import { customerSettings } from './customers';
import { digestSettings } from './digest';
import { loadSlackBotConfig, slackBotSettings } from './slack';
import { rejectUnknownKeys } from './strict';
import { surveySettings } from './surveys';

/**
 * Every setting CareLoop reads, validated once at cold start. Domain defaults
 * (tiers, SLAs, care cadences…) live here, never in code that uses them, so a
 * company can change a rule without a deploy of new logic.
 *
 * Feature sections are separate files; each one is a zod object with defaults
 * and is overridable as a whole with a JSON env var (e.g. CARELOOP_CUSTOMERS).
 */
const csv = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );

const envSchema = z.object({
  TABLE_NAME: z.string().min(3).default('careloop'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default('us-east-1'),
  COMPANY_NAME: z.string().default('CareLoop Demo Co.'),
  COMPANY_TIMEZONE: z.string().default('Asia/Shanghai'),
  DEFAULT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  DEFAULT_PHONE_REGION: z.string().length(2).default('CN'),
  ADMIN_SLACK_USER_IDS: csv,
  DEFAULT_STAFF_ROLE: z.enum(['agent', 'supervisor', 'manager', 'admin']).default('agent'),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  SLACK_API_URL: z.url().optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_BOT_TOKEN: z.string().optional(),
  EMAIL_FROM_ADDRESS: z.string().min(3).optional(),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** HMAC key of pagination cursors; unset = a development key (set it in production) */
  CURSOR_KEY: z.string().min(16).optional(),
  /** how domain events reach their subscribers: the table's stream (AWS) or right after the commit plus the outbox sweep (local) */
  EVENT_DELIVERY: z.enum(['inline', 'stream']).optional(),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
});

/** The JSON settings sections, by variable name; each is strict (lib/config/strict.ts). */
const settingsSections: Record<string, z.ZodType> = {
  CARELOOP_CUSTOMERS: customerSettings,
  CARELOOP_CARE: careSettings,
  CARELOOP_COMPLAINTS: complaintSettings,
  CARELOOP_SLACK: slackBotSettings,
  CARELOOP_DIGEST: digestSettings,
  CARELOOP_SURVEYS: surveySettings,
};

function section<T extends z.ZodType>(schema: T, raw: string | undefined, name: string): z.output<T> {
  let value: unknown = {};
  if (raw) {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new Error(`Configuration ${name} is not valid JSON`);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`Configuration ${name} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Configuration is invalid:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const inLambda = Boolean(env.AWS_LAMBDA_FUNCTION_NAME);
  // A development cursor key in AWS would let anyone who read this repository forge cursors.
  if (inLambda && !e.CURSOR_KEY) throw new Error('Configuration is invalid: CURSOR_KEY must be set in AWS (infra/stack.ts wires it)');
  for (const [name, schema] of Object.entries(settingsSections)) rejectUnknownKeys(name, schema, env[name]);
  return {
    tableName: e.TABLE_NAME,
    dynamoEndpoint: e.DYNAMODB_ENDPOINT,
    region: e.AWS_REGION,
    company: { name: e.COMPANY_NAME, timeZone: e.COMPANY_TIMEZONE, defaultLocale: e.DEFAULT_LOCALE },
    defaultPhoneRegion: e.DEFAULT_PHONE_REGION,
    adminSlackUserIds: e.ADMIN_SLACK_USER_IDS,
    defaultStaffRole: e.DEFAULT_STAFF_ROLE,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    slack: { apiUrl: e.SLACK_API_URL, signingSecret: e.SLACK_SIGNING_SECRET, botToken: e.SLACK_BOT_TOKEN },
    /** survey invitations by email (Amazon SES v2); unset = the outbox */
    email: { from: e.EMAIL_FROM_ADDRESS, configurationSet: e.SES_CONFIGURATION_SET },
    logLevel: e.LOG_LEVEL,
    cursorKey: e.CURSOR_KEY,
    eventDelivery: e.EVENT_DELIVERY ?? (inLambda ? 'stream' : 'inline'),
    customers: section(customerSettings, env.CARELOOP_CUSTOMERS, 'CARELOOP_CUSTOMERS'),
    /** the import worker function (set by CDK); unset on the local stack, where imports run in-process */
    importWorkerFunctionName: env.IMPORT_WORKER_FUNCTION_NAME || undefined,
    care: loadCareConfig(env),
    complaints: loadComplaintConfig(env),
    slackBot: loadSlackBotConfig(env),
    digest: section(digestSettings, env.CARELOOP_DIGEST, 'CARELOOP_DIGEST'),
    surveys: section(surveySettings, env.CARELOOP_SURVEYS, 'CARELOOP_SURVEYS'),
  };
}

export type Config = ReturnType<typeof loadConfig>;

let cached: Config | undefined;
/** The process-wide configuration, read once per cold start. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
