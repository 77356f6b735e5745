// Stands in for `express`, `@slack/socket-mode`, `raw-body` and `@slack/oauth` in the Lambda bundles
// (modulesUnusedInLambda in infra/bundling.ts). @slack/bolt requires them at load time,
// but only ExpressReceiver, SocketModeReceiver and HTTPReceiver use them, inside their
// constructors and request parsing; our functions use AwsLambdaReceiver, which gets the
// body from the event. Loading therefore succeeds, and anyone who builds one of those
// receivers in a Lambda gets this error instead of a mystery.
'use strict';
function unavailable() {
  throw new Error('express, @slack/socket-mode, raw-body and @slack/oauth are not bundled for Lambda: use AwsLambdaReceiver');
}
module.exports = unavailable;
module.exports.Router = unavailable;
module.exports.SocketModeClient = unavailable;
