import type { AppContext } from './context';

/**
 * Domain events published after a change has committed, so one feature can
 * react to another without importing it (a resolved complaint opens a
 * follow-up task and sends a CSAT survey; a detractor answer marks the
 * customer at risk…). Subscribers must be idempotent (deterministic ids or
 * idempotency claims): an event can be published again when a caller retries.
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
const handlers = new Map<string, AnyHandler[]>();

export function subscribe<T extends DomainEvent['type']>(type: T, handler: Handler<T>): void {
  const list = handlers.get(type) ?? [];
  list.push(handler as unknown as AnyHandler);
  handlers.set(type, list);
}

let subscribersLoaded = false;
/** Called by lib/services/subscribers once every feature has subscribed. */
export function markSubscribersLoaded(): void {
  subscribersLoaded = true;
}

/** Runs every subscriber; one failing subscriber is logged and does not stop the others or undo the change. */
export async function publish(ctx: AppContext, event: DomainEvent): Promise<void> {
  // An entry point that changes data without the subscribers would drop follow-ups silently: fail loudly instead.
  if (!subscribersLoaded)
    throw new Error(`Domain event ${event.type} published, but lib/services/subscribers is not imported by this entry point`);
  for (const handler of handlers.get(event.type) ?? []) {
    try {
      await handler(ctx, event);
    } catch (error) {
      ctx.logger.error('event subscriber failed', { event: event.type, error: error as Error });
    }
  }
}
