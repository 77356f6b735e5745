import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import * as z from 'zod';
import type { AckContext, AppContext } from '../services/context';
import type { App } from './runtime/bolt';
import type { Session } from './runtime/session';
import { type WorkerJobKind, workerJobKinds } from './worker-job-kinds';

/**
 * The shape every lib/slack feature module has. A feature registers its Bolt
 * listeners (which only acknowledge or open a modal) and the `/crm`
 * subcommands it answers; the jobs the worker runs for it — the slow part of
 * a reply — live in lib/slack/jobs/, so the endpoint's bundle leaves them out.
 */

/** What the listener hands the worker: enough to act as the user and answer where they asked. */
export const workerJob = z.object({
  kind: z.enum(workerJobKinds),
  userId: z.string().min(1),
  /** Slack's response_url of a command or a click: ephemeral replies, replace_original */
  responseUrl: z.url().optional(),
  /** where to post when there is no response_url (a DM, a channel mention) */
  channelId: z.string().optional(),
  threadTs: z.string().optional(),
  args: z.record(z.string(), z.unknown()).default({}),
  /** when Slack's request arrived: the `now` of the use case */
  receivedAt: z.iso.datetime(),
  /** the Slack delivery (event_id / trigger_id) this job acts on; claimed once (dedupe.ts) */
  delivery: z.object({ id: z.string(), claimed: z.boolean() }).optional(),
});
export type WorkerJob = z.output<typeof workerJob>;
export type WorkerJobInput = Omit<WorkerJob, 'receivedAt' | 'args' | 'delivery'> & { args?: Record<string, unknown>; receivedAt?: string };

export interface Reply {
  text: string;
  blocks?: unknown[];
  /** a click's response_url may edit the message it came from */
  replaceOriginal?: boolean;
}

export interface JobContext extends Session {
  ctx: AppContext;
  client: WebClient;
  job: WorkerJob;
  now: Date;
  /** answers where the request came from: the response_url, else the channel or thread, else a DM */
  reply(message: Reply): Promise<void>;
  /** a direct message to the user */
  dm(message: Reply): Promise<{ channel?: string; ts?: string }>;
}
export type JobHandler = (job: JobContext) => Promise<void>;
/** A feature's part of the worker's handler map: only known kinds (lib/slack/worker-job-kinds.ts). */
export type FeatureJobs = Partial<Record<WorkerJobKind, JobHandler>>;

export interface Kit {
  /** the endpoint's context: its store has only what acknowledging reads (lib/store/ack-store.ts) */
  ctx: AckContext;
  session(client: WebClient, userId: string): Promise<Session>;
  /** the worker takes it from here (async Lambda invoke; in-process on the local stack) */
  handOff(job: WorkerJobInput): Promise<void>;
}

export interface CommandContext {
  ctx: AckContext;
  client: WebClient;
  command: SlashCommand;
  /** the text after the subcommand word */
  args: string;
  now: Date;
  session(): Promise<Session>;
  /** acknowledges once; a reply here is ephemeral and immediate */
  ack(reply?: Reply): Promise<void>;
  /** acknowledges (empty) and lets the worker answer through the response_url */
  handOff(kind: WorkerJobKind, args?: Record<string, unknown>): Promise<void>;
}

export interface Subcommand {
  name: string;
  /** other words that reach it, e.g. the Chinese name */
  aliases?: string[];
  run(c: CommandContext): Promise<void>;
}

/** The listener half of a feature; its jobs live in lib/slack/jobs/<feature>.ts (the worker's bundle). */
export interface SlackFeature {
  subcommands?: Subcommand[];
  register?(app: App, kit: Kit): void;
}
