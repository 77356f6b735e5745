import { createChannelPostRepo } from './channel-posts';
import { createCustomerRepo } from './customers';
import { createDb, type Db, type DbOptions } from './db';
import { createIdempotencyRepo } from './idempotency';
import { createStaffRepo } from './staff';

/**
 * The repositories the Slack endpoint's acknowledging path uses: who is
 * clicking (staff, read), the do-once claims on deliveries and views, customer
 * names for option lists, and the channel posts a notice channel remembers.
 * Built apart from `createStore` so the endpoint's bundle leaves every other
 * repository out (Slack wants its ack within 3 s, cold starts included). Each
 * property is the very repository `createStore` builds, so a full store serves
 * wherever this one is asked for; the typechecker holds the ack path to it.
 */
export function createAckStore(db: Db) {
  return {
    customers: createCustomerRepo(db),
    staff: createStaffRepo(db),
    idempotency: createIdempotencyRepo(db),
    channelPosts: createChannelPostRepo(db),
  };
}

export type AckStore = ReturnType<typeof createAckStore>;

/** Opens the table with a client of its own, for the acknowledging path only. */
export function openAckStore(options: DbOptions): AckStore {
  return createAckStore(createDb(options));
}
