import { loadConfig } from '../../lib/config';
import type { Actor } from '../../lib/domain/staff';
import { outboxNotices } from '../../lib/notify/outbox';
import { openComplaint } from '../../lib/services/complaints';
import { createContext, setAppContext } from '../../lib/services/context';
import '../../lib/services/subscribers';

/**
 * A stand-in for the local stack's process in tests/integration/outbox-crash.test.ts:
 * opens one complaint (its complaint.opened event raises a churn signal) and,
 * after its PAUSE_AFTER-th committed transaction, says PAUSED and waits to be
 * killed — so the parent can SIGKILL it exactly between a commit and what follows.
 */
async function main() {
  const ctx = createContext({ config: loadConfig(process.env), notices: outboxNotices() });
  setAppContext(ctx);
  const pauseAfter = Number(process.env.PAUSE_AFTER ?? 0);
  const transact = ctx.store.transact;
  let committed = 0;
  ctx.store.transact = async (ops, token) => {
    await transact(ops, token);
    committed += 1;
    if (committed === pauseAfter) {
      process.stdout.write('PAUSED\n');
      await new Promise(() => {});
    }
  };
  const actor: Actor = { id: 'U1', kind: 'staff', role: 'agent' };
  await openComplaint(
    ctx,
    actor,
    { customerId: process.env.CUSTOMER_ID, channel: 'phone', category: 'delivery', description: 'Parcel late again' },
    new Date(process.env.NOW ?? Date.now()),
  );
  process.stdout.write('DONE\n');
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
