import type { CustomerDataSource } from './customer-data-source';
import { forgetTaskReminder } from './reminders';

/** Right of access and erasure cover care tasks and the care schedule. */
export const careCustomerData: CustomerDataSource = {
  name: 'careTasks',
  export: (ctx, customerId) => ctx.store.care.tasksOfCustomer(customerId),
  async erase(ctx, customerId) {
    const tasks = await ctx.store.care.tasksOfCustomer(customerId);
    await Promise.all(tasks.map((t) => forgetTaskReminder(ctx, t)));
    // Task audit events carry outcome notes, which may hold personal data: they go too, before
    // the tasks, so a retry after a failure still finds the tasks and with them their events.
    await ctx.store.audit.eraseRecords(
      'task',
      tasks.map((t) => t.id),
    );
    await ctx.store.care.eraseForCustomer(customerId);
  },
};
