import { fileURLToPath } from 'node:url';

/**
 * esbuild options for the Slack function's bundle, shared by CDK and
 * bench/slack.ts. Bolt's App.js requires its HTTP and Socket Mode receivers
 * (and through them Express, raw-body/iconv-lite, the OAuth installer, ws and
 * undici) at load time; the Lambda only uses AwsLambdaReceiver, so those
 * packages resolve to an empty module. Measured: ≈1.5 MB less minified.
 */
const stub = fileURLToPath(new URL('./bundle-stub.cjs', import.meta.url));

export const slackBundleAliases: Record<string, string> = {
  '@slack/socket-mode': stub,
  '@slack/oauth': stub,
  'raw-body': stub,
  express: stub,
};

/** Bolt and its dependencies are CommonJS; an ESM bundle needs `require` for Node built-ins. */
export const esmRequireBanner = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";
