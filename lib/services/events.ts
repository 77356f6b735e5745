import type { WriteOp } from '../store';
import { newId } from '../store';
import type { AppContext } from './context';

/**
 * Domain events, so one feature can react to another without importing it (a
 * resolved complaint opens a follow-up task and sends a CSAT survey; a
 * detractor answer marks the customer at risk…). An event is written in the
 * change's own transaction (the outbox, lib/store/outbox.ts) and delivered
 * after the commit by the platform: the table's stream in AWS
 * (functions/events.ts), the outbox sweep locally (lib/local/outbox-sweep.ts).
 * Each subscriber of an event runs at most once to completion (a claim per
 * event and subscriber); one that dies half-way runs again, so subscribers
 * stay idempotent too (deterministic ids, re-checked states).
 */
export type DomainEvent =
  | {
      type: 'complaint.opened';
      at: string;
      complaintId: string;
      customerId: string;
      severity: string;
      category: string;
      assigneeId: string;
    }
  | {
      type: 'complaint.resolved';
      at: string;
      complaintId: string;
      customerId: string;
      assigneeId: string;
      followUpSample?: 'return-visit' | 'on-site-visit';
    }
  | { type: 'complaint.reopened'; at: string; complaintId: string; customerId: string }
  | { type: 'complaint.cancelled'; at: string; complaintId: string; customerId: string }
  | { type: 'interaction.logged'; at: string; customerId: string; kind: string; by: string }
  | {
      type: 'customer.updated';
      at: string;
      customerId: string;
      changedFields: string[] /** the address moved from one known place to another */;
      moved?: boolean;
    }
  | { type: 'care.task_done'; at: string; taskId: string; customerId: string; kind: string; by: string }
  | {
      type: 'survey.answered';
      at: string;
      invitationId: string;
      customerId: string;
      trigger: string;
      kind: 'nps' | 'csat' | 'ces' | 'custom';
      score?: number;
      lowScore: boolean;
      complaintId?: string;
    };

type Handler<T extends DomainEvent['type']> = (ctx: AppContext, event: Extract<DomainEvent, { type: T }>) => Promise<void>;

type AnyHandler = (ctx: AppContext, event: DomainEvent) => Promise<void>;
interface Subscriber {
  /** `<event type>#<n>`: the n-th subscription to that type, in lib/services/subscribers/index.ts order; claims are keyed by it */
  name: string;
  handler: AnyHandler;
}
const handlers = new Map<string, Subscriber[]>();

export function subscribe<T extends DomainEvent['type']>(type: T, handler: Handler<T>): void {
  const list = handlers.get(type) ?? [];
  list.push({ name: `${type}#${list.length}`, handler: handler as unknown as AnyHandler });
  handlers.set(type, list);
}

/**
 * Only the deliverers load the subscribers (lib/services/subscribers): functions/events.ts
 * in AWS, where the table's stream delivers; the local stack, the CLI and the tests, which
 * deliver inline. Every other function only stages events, and stays small without every
 * feature's reactions (and what they write) in its bundle.
 */
let subscribersLoaded = false;
/** Called by lib/services/subscribers once every feature has subscribed. */
export function markSubscribersLoaded(): void {
  subscribersLoaded = true;
}

/** A deliverer without the subscribers would drop every follow-up silently: it fails loudly instead. */
function assertSubscribersLoaded(what: string): void {
  if (!subscribersLoaded)
    throw new Error(
      `${what}, but this entry point has not loaded lib/services/subscribers: import it where events are delivered, or set EVENT_DELIVERY=stream and let functions/events.ts deliver`,
    );
}

/** An event ready to commit: its outbox op goes into the change's transaction. */
export interface StagedEvent {
  id: string;
  event: DomainEvent;
  op: WriteOp;
}

/**
 * Stages an event for the change committed at `now`; nothing is delivered until the op has committed.
 * With inline delivery and no subscribers loaded it refuses before anything is written.
 */
export function stageEvent(ctx: AppContext, event: DomainEvent, now: Date): StagedEvent {
  if (ctx.config.eventDelivery === 'inline') assertSubscribersLoaded(`EVENT_DELIVERY=inline stages ${event.type}`);
  const id = newId('evt', now.getTime());
  return { id, event, op: ctx.store.outbox.op(id, event, now) };
}

/**
 * After the commit. With inline delivery (the local stack, tests) the events are
 * delivered now, through the same claims the sweep uses, so the caller sees the
 * follow-ups when it returns; a failure is logged and the event stays pending for
 * the sweep. With stream delivery (AWS) this does nothing: the stream delivers.
 */
export async function deliverCommitted(ctx: AppContext, staged: StagedEvent[], now: Date): Promise<void> {
  if (ctx.config.eventDelivery !== 'inline') return;
  for (const { id, event } of staged) {
    try {
      await deliverEvent(ctx, id, event, now);
    } catch (error) {
      ctx.logger.error('event delivery failed; the outbox keeps it for a retry', { event: event.type, eventId: id, error: error as Error });
    }
  }
}

/** How long a subscriber may run before another deliverer may take it over: above the event function's timeout. */
export const CLAIM_LEASE_SECONDS = 120;

/**
 * Runs every subscriber of one committed event that has not run yet. Throws when
 * one failed (the others still ran), so the stream retries the record; marks the
 * event delivered once every subscriber has run.
 */
export async function deliverEvent(
  ctx: AppContext,
  id: string,
  event: DomainEvent,
  now: Date,
  { takeOverLeases = false }: { takeOverLeases?: boolean } = {},
): Promise<{ delivered: boolean }> {
  assertSubscribersLoaded(`Domain event ${event.type} delivered`);
  const { outbox } = ctx.store;
  let failed: unknown;
  let allDone = true;
  for (const { name, handler } of handlers.get(event.type) ?? []) {
    const claimedAt = now;
    const claim = await outbox.claim(id, name, claimedAt, CLAIM_LEASE_SECONDS, takeOverLeases);
    if (claim === 'done') continue;
    if (claim === 'running') {
      allDone = false;
      continue;
    }
    try {
      await handler(ctx, event);
      await outbox.markDone(id, name, claimedAt);
    } catch (error) {
      allDone = false;
      failed ??= error;
      ctx.logger.error('event subscriber failed', { event: event.type, eventId: id, subscriber: name, error: error as Error });
      await outbox.release(id, name, claimedAt).catch(() => {});
    }
  }
  if (failed) throw failed;
  if (allDone) await outbox.markDelivered(id, now);
  return { delivered: allDone };
}

/**
 * Delivers what is still pending in the outbox: events committed more than
 * `graceSeconds` ago that no one delivered (the process died after its commit,
 * a subscriber failed, DynamoDB blinked). The local stack runs it at start and
 * every few seconds; in AWS the stream does this job.
 */
export async function deliverPending(
  ctx: AppContext,
  now: Date,
  {
    graceSeconds = 5,
    limit = 100,
    takeOverLeases = false,
  }: {
    graceSeconds?: number;
    limit?: number;
    /** only for a deliverer that knows no other one is alive: claims left running by a dead process are taken at once */
    takeOverLeases?: boolean;
  } = {},
): Promise<{ delivered: number; failed: number; waiting: number }> {
  const pending = await ctx.store.outbox.pending(new Date(now.getTime() - graceSeconds * 1000), limit);
  const figures = { delivered: 0, failed: 0, waiting: 0 };
  for (const item of pending) {
    try {
      const { delivered } = await deliverEvent(ctx, item.id, item.event as DomainEvent, now, { takeOverLeases });
      figures[delivered ? 'delivered' : 'waiting'] += 1;
    } catch {
      figures.failed += 1;
    }
  }
  return figures;
}

/** An event with no change of its own (tests replay events with it): committed alone, then delivered like any other. */
export async function publish(ctx: AppContext, event: DomainEvent, now: Date = new Date(event.at)): Promise<void> {
  const staged = stageEvent(ctx, event, now);
  await ctx.store.transact([staged.op]);
  await deliverCommitted(ctx, [staged], now);
}
