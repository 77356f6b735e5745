import * as z from 'zod';

/**
 * The Slack bot's own settings. Overridable as a whole or in part with the JSON
 * env var CARELOOP_SLACK, e.g. `{"pickListSize":8,"complaintReaction":"rotating_light"}`;
 * the worker function's name comes from WORKER_FUNCTION_NAME (set by CDK; unset
 * on the local stack, where the worker runs in-process).
 */
export const slackBotSettings = z.object({
  /** how long a delivery (event_id / trigger_id) stays claimed; Slack retries within minutes */
  dedupeTtlHours: z.number().positive().max(168).default(24),
  /** a Slack user's locale and time zone from users.info, cached per container */
  profileCacheMinutes: z.number().int().min(0).max(1440).default(60),
  /** `/crm <name>` with more matches than this asks the user to narrow it down */
  pickListSize: z.number().int().min(2).max(20).default(6),
  /** options offered by the customer picker (Slack allows 100) */
  customerOptions: z.number().int().min(1).max(100).default(20),
  /** rows in `/crm complaints`, `/crm tasks` and conversational answers */
  listSize: z.number().int().min(1).max(40).default(15),
  /** complaints and tasks shown on the App Home tab */
  homeItems: z.number().int().min(1).max(20).default(10),
  /** the reaction that turns a message into a complaint (DM to the reactor) */
  complaintReaction: z.string().min(1).default('ticket'),
  /** characters of a Slack message copied into a prefilled complaint description */
  prefillChars: z.number().int().min(100).max(3000).default(1500),
  /** jobs the in-process worker of the local stack runs at once (in AWS the worker is its own function) */
  localWorkerConcurrency: z.number().int().min(1).max(100).default(4),
  /** conversational queries (lib/services/ask.ts) */
  ask: z
    .object({
      /** days that 最近 / "recently" covers */
      recentDays: z.number().int().min(1).max(365).default(30),
      /** customers a filter question reads at most (through the tier, stage or owner index) */
      maxCustomersRead: z.number().int().min(50).max(10_000).default(500),
      /** days a birthday question looks ahead at most (eight small queries a day) */
      maxBirthdayDays: z.number().int().min(1).max(62).default(14),
    })
    .prefault({}),
});

export type SlackBotSettings = z.output<typeof slackBotSettings> & { workerFunctionName?: string };

export function loadSlackBotConfig(env: NodeJS.ProcessEnv): SlackBotSettings {
  let raw: unknown = {};
  if (env.CARELOOP_SLACK) {
    try {
      raw = JSON.parse(env.CARELOOP_SLACK);
    } catch {
      throw new Error('Configuration CARELOOP_SLACK is not valid JSON');
    }
  }
  const parsed = slackBotSettings.safeParse(raw);
  if (!parsed.success) throw new Error(`Configuration CARELOOP_SLACK is invalid: ${z.prettifyError(parsed.error)}`);
  return { ...parsed.data, workerFunctionName: env.WORKER_FUNCTION_NAME || undefined };
}
