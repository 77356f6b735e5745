/**
 * Every kind of job a Slack listener may hand the worker. The listener side
 * (`handOff`) accepts only these names and the worker's handler map
 * (lib/slack/jobs/index.ts) is typed by them, so a kind without a handler, or
 * a handler no listener can reach, does not compile; the worker also refuses
 * any other kind at run time (`workerJob` in feature-module.ts). The list sits
 * apart from the handlers so the endpoint's bundle stays free of them.
 */
export const workerJobKinds = [
  'ask.answer',
  'care.change',
  'care.list',
  'care.remind',
  'complaints.list',
  'complaints.open',
  'complaints.reaction',
  'complaints.show',
  'complaints.transition',
  'customers.card',
  'customers.create',
  'customers.find',
  'customers.log_interaction',
  'customers.note',
  'customers.reveal',
  'digest.preview',
  'digest.subscribe',
  'home.publish',
  'import.file',
  'staff.set',
  'surveys.command',
  'surveys.send',
] as const;

export type WorkerJobKind = (typeof workerJobKinds)[number];
