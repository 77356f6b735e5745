import { Logger } from '@aws-lambda-powertools/logger';
import { type Config, config as loadedConfig } from '../config';
import { defaultNotifier } from '../notify/default-notifier';
import type { Notifier } from '../notify/notifier';
import { eventBridgeScheduler } from '../scheduler/eventbridge-scheduler';
import { openStore, type Store, useCursorKey } from '../store';
import type { ReminderScheduler } from './reminder-scheduler';

/**
 * What every use case receives: settings, the store, the side services as
 * ports (notifier for Slack and e-mail, scheduler for one-off reminders), a logger.
 * Entry points that change data also import './subscribers' (the features'
 * reactions to domain events); the Slack endpoint only acknowledges and stays
 * small without them.
 */
export interface AppContext {
  config: Config;
  store: Store;
  notifier: Notifier;
  /** one-off schedules (care reminders): EventBridge Scheduler, its local emulator, or a fake in tests */
  scheduler: ReminderScheduler;
  logger: Logger;
}

export function createContext(parts: Partial<AppContext> & { config?: Config } = {}): AppContext {
  const config = parts.config ?? loadedConfig();
  useCursorKey(config.cursorKey);
  const logger = parts.logger ?? new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'careloop', logLevel: config.logLevel });
  const store = parts.store ?? openStore({ tableName: config.tableName, endpoint: config.dynamoEndpoint, region: config.region });
  const notifier = parts.notifier ?? defaultNotifier(config, logger);
  const scheduler = parts.scheduler ?? eventBridgeScheduler({ region: config.region, endpoint: config.care.reminders.endpoint });
  return { config, store, notifier, scheduler, logger };
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
