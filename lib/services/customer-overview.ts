import type { CareTask } from '../domain/care';
import type { Complaint } from '../domain/complaint-schemas';
import type { Customer } from '../domain/customer';
import type { Interaction } from '../domain/interaction';
import { complaintFor, interactionFor } from '../domain/masking';
import type { Actor } from '../domain/staff';
import { listTasks } from './care';
import { activeComplaintsOf } from './complaints';
import type { AppContext } from './context';
import { getCustomer } from './customers';

/**
 * One customer at a glance (the Slack customer card, "how is 张三 doing"):
 * the profile as this actor may see it, the newest interaction, active
 * complaints by deadline and open care tasks by due date. Four reads in
 * parallel, each on a key.
 */
export interface CustomerOverview {
  customer: Customer;
  lastInteraction?: Interaction;
  activeComplaints: Complaint[];
  openTasks: CareTask[];
}

/** Tasks of one customer are few (a handful a year); one page covers the open ones. */
const TASK_PAGE = 50;

export async function customerOverview(ctx: AppContext, actor: Actor, id: string): Promise<CustomerOverview> {
  const [customer, timeline, complaints, tasks] = await Promise.all([
    getCustomer(ctx, actor, id),
    ctx.store.timeline.newestFirst(id, 1),
    activeComplaintsOf(ctx, id),
    listTasks(ctx, { customerId: id, status: 'pending', limit: TASK_PAGE }),
  ]);
  const byDeadline = (a: Complaint, b: Complaint) => (a.nextDeadlineAt ?? '~').localeCompare(b.nextDeadlineAt ?? '~');
  return {
    customer,
    lastInteraction: timeline.items[0] && interactionFor(actor, customer.ownerId, timeline.items[0]),
    activeComplaints: complaints.map((c) => complaintFor(actor, c)).sort(byDeadline),
    openTasks: [...tasks.items].sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
  };
}
