import type { AppContext } from './context';

/**
 * What one feature holds on a customer outside the customer's own partition
 * (complaints, care tasks, survey invitations…), for right of access and erasure
 * (lib/services/customer-data.ts lists them all).
 */
export interface CustomerDataSource {
  name: string;
  export(ctx: AppContext, customerId: string): Promise<unknown>;
  /** delete (or anonymise, where a record must stay for statistics) everything held; idempotent */
  erase(ctx: AppContext, customerId: string): Promise<void>;
}
