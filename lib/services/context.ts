import { Logger } from '@aws-lambda-powertools/logger';
import { type Config, config as loadedConfig } from '../config';
import { defaultNotifier } from '../notify/default-notifier';
import type { Notifier } from '../notify/notifier';
import { createStore, type Store } from '../store';
import { useCursorKey } from '../store/cursor';
import { createDb } from '../store/db';

/**
 * What every use case receives: settings, the store, the notifier, a logger.
 * Entry points that change data also import './subscribers' (the features'
 * reactions to domain events); the Slack endpoint only acknowledges and stays
 * small without them.
 */
export interface AppContext {
  config: Config;
  store: Store;
  notifier: Notifier;
  logger: Logger;
}

export function createContext(parts: Partial<AppContext> & { config?: Config } = {}): AppContext {
  const config = parts.config ?? loadedConfig();
  useCursorKey(config.cursorKey);
  const logger = parts.logger ?? new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'careloop', logLevel: config.logLevel });
  const store =
    parts.store ?? createStore(createDb({ tableName: config.tableName, endpoint: config.dynamoEndpoint, region: config.region }));
  const notifier = parts.notifier ?? defaultNotifier(config, logger);
  return { config, store, notifier, logger };
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
