import type { App as BoltApp, AwsLambdaReceiver as BoltAwsLambdaReceiver } from '@slack/bolt';
import * as appModule from '@slack/bolt/dist/App.js';
import * as receiverModule from '@slack/bolt/dist/receivers/AwsLambdaReceiver.js';
import * as verifyModule from '@slack/bolt/dist/receivers/verify-request.js';

/**
 * Bolt's classes, reached through their own files rather than the package
 * index: the index also loads Express, the OAuth installer and Socket Mode
 * (≈1.4 MB minified), which a Lambda behind API Gateway never runs. App.js
 * still requires the HTTP and Socket Mode receivers by name, so the Lambda
 * bundle aliases their packages to an empty module (infra/bundling.ts).
 *
 * Bolt ships CommonJS; an ESM importer (Node, tsx, esbuild in node mode) sees
 * `module.exports` as the default, so the class is one `.default` further in.
 */
function commonJsDefault<T>(mod: unknown): T {
  const m = mod as { default?: { default?: T } & T };
  return (m.default?.default ?? m.default) as T;
}

export const App = commonJsDefault<typeof BoltApp>(appModule);
export const AwsLambdaReceiver = commonJsDefault<typeof BoltAwsLambdaReceiver>(receiverModule);
type Verify = typeof import('@slack/bolt').isValidSlackRequest;
const verify = verifyModule as unknown as { isValidSlackRequest?: Verify; default: { isValidSlackRequest: Verify } };
export const isValidSlackRequest: Verify = verify.isValidSlackRequest ?? verify.default.isValidSlackRequest;
export type App = BoltApp;
