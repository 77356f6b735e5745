import { Logger } from '@aws-lambda-powertools/logger';
import { type Config, config as loadedConfig } from '../config';
import { eventBridgeScheduler } from '../scheduler/eventbridge-scheduler';
import { type AckStore, openAckStore, openStore, type Store, useCursorKey } from '../store';
import type { NoticeSender } from './notices';
import type { ReminderScheduler } from './reminder-scheduler';

/**
 * What every use case receives: settings, the store, the side services as
 * ports (notices — what it tells people, rendered by each channel's adapter —
 * and the scheduler for one-off reminders), a logger.
 * Only the entry points that deliver domain events import './subscribers' (the
 * features' reactions, lib/services/events.ts); the others only stage events.
 */
export interface AppContext<S extends AckStore = Store> {
  config: Config;
  store: S;
  notices: NoticeSender;
  /** one-off schedules (care reminders): EventBridge Scheduler, its local emulator, or a fake in tests */
  scheduler: ReminderScheduler;
  logger: Logger;
}

export function createContext(parts: Partial<AppContext> & { config?: Config } = {}): AppContext {
  const base = createContextWithout(openStore, parts);
  const scheduler = parts.scheduler ?? eventBridgeScheduler({ region: base.config.region, endpoint: base.config.care.reminders.endpoint });
  return { ...base, scheduler };
}

/**
 * The Slack endpoint's context: its store holds only the repositories the
 * acknowledging path reads (lib/store/ack-store.ts), and acknowledging never
 * schedules a reminder. A full context is one too.
 */
export type AckContext = Omit<AppContext<AckStore>, 'scheduler'>;

/** A context without its scheduler, over the store `open` builds. */
function createContextWithout<S extends AckStore>(
  open: (options: Parameters<typeof openStore>[0]) => S,
  parts: Partial<AppContext<S>> & { config?: Config } = {},
): Omit<AppContext<S>, 'scheduler'> {
  const config = parts.config ?? loadedConfig();
  useCursorKey(config.cursorKey);
  const logger = parts.logger ?? new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'careloop', logLevel: config.logLevel });
  const store = parts.store ?? open({ tableName: config.tableName, endpoint: config.dynamoEndpoint, region: config.region });
  const notices = parts.notices ?? (channels ?? logOnly)(config, logger, store);
  return { config, store, notices, logger };
}

/** The Slack endpoint's own context when no full one was installed (AWS); the local stack and tests install a full one. */
let sharedAck: AckContext | undefined;
export function ackContext(): AckContext {
  if (shared) return shared;
  sharedAck ??= createContextWithout(openAckStore);
  return sharedAck;
}

/** Builds the notice channels of a context (lib/notify/default-notifier.ts: Slack, SES, the outbox). */
export type NoticeChannels = (config: Config, logger: Logger, store: Pick<Store, 'channelPosts'>) => NoticeSender;

/**
 * Without installed channels a notice is only logged by kind and recipient: the
 * functions that send notices install the real channels, and rendering here
 * would pull every catalogue into the Slack endpoint's bundle.
 */
const logOnly: NoticeChannels = (_config, logger) => ({
  async send(to, notice) {
    logger.warn('notice not delivered: no channel installed', { kind: notice.kind, to: Object.keys(to)[0] });
  },
});
let channels: NoticeChannels | undefined;

/**
 * Installed by the functions that send notices (lib/notify/install-channels.ts)
 * and the local stack rather than imported here: the channel adapters read the
 * use cases' types, so importing them from the context would tie every use case
 * to every adapter in one import cycle. A context built without them only logs
 * that a notice was not delivered.
 */
export function useNoticeChannels(build: NoticeChannels): void {
  channels = build;
}

let shared: AppContext | undefined;
/** One context per Lambda container (or local process), built on first use. */
export function appContext(): AppContext {
  shared ??= createContext();
  return shared;
}

/** Lets the local stack and tests install a context built around their own table. */
export function setAppContext(ctx: AppContext | undefined): void {
  shared = ctx;
}
