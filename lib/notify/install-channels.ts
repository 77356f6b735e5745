import { useNoticeChannels } from '../services/context';
import { defaultNotices } from './default-notifier';

/**
 * Imported for its effect by every function that sends notices (api, scheduled,
 * slack-worker, survey, import-worker, events): notices go to Slack, SES or the outbox
 * as configured. The Slack endpoint only acknowledges and hands off, so it does
 * not import this and its bundle leaves the renderers, the chart and SES out.
 */
useNoticeChannels(defaultNotices);
