import type { Customer } from '../domain/customer';
import { maskEmail, maskPhone } from '../domain/masking';
import { type Actor, atLeast } from '../domain/staff';

/**
 * What an actor may see of a customer (docs/domain.md, Privacy): agents see masked phone
 * and email outside their own customers; the credit grade only with an
 * explicit, audited request by a supervisor or above.
 */
export function viewCustomer(c: Customer, actor: Actor, opts: { includeRestricted?: boolean } = {}): Customer {
  const { creditGrade, ...rest } = c;
  const view: Customer = { ...rest };
  if (opts.includeRestricted && atLeast(actor.role, 'supervisor') && creditGrade) view.creditGrade = creditGrade;
  if (!atLeast(actor.role, 'supervisor') && c.ownerId !== actor.id) {
    view.phones = c.phones.map(maskPhone);
    view.emails = c.emails.map(maskEmail);
  }
  return view;
}
