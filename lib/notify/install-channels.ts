import { useNoticeChannels } from '../services/context';
import { defaultNotices } from './default-notifier';

/**
 * Imported for its effect by every function that sends notices (api, scheduled,
 * slack-worker, import-worker, events): notices go to Slack, SES or the outbox
 * as configured. The Slack endpoint only acknowledges and hands off, and the
 * survey page only records answers (what they set off is sent by the events'
 * subscribers), so neither imports this: their bundles leave the renderers, the
 * chart and SES out.
 */
useNoticeChannels(defaultNotices);
