import type { Complaint, ComplaintTimelineEntry } from './complaint-schemas';
import type { Interaction } from './interaction';
import { type Actor, atLeast } from './staff';

/** +86 138****8000: enough to recognise a number, not enough to call it. */
export function maskPhone(e164: string): string {
  if (e164.length <= 7) return '*'.repeat(e164.length);
  return `${e164.slice(0, e164.length - 8)}****${e164.slice(-4)}`;
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/**
 * Masking is a property of the data a viewer receives, not of one view: every
 * customer-derived text (notes, outcomes, complaint descriptions, resolutions,
 * survey comments) passes through here on its way to someone who may not see
 * that customer's contact details, whatever surface renders it afterwards.
 *
 * Who may see: supervisors and above; the customer's owner; for a complaint,
 * the staff member it is assigned to or who received it (they work the case).
 */
const EMAIL = /([\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]*@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/gu;
// A run of 7+ digits, possibly split by spaces, dots, dashes or brackets, with an optional +: a phone number to a reader.
const PHONE = /\+?(?:\d[\s().\-\u00a0]{0,2}){6,}\d/g;

/** Phone numbers and e-mail addresses inside free text, masked: `139****8475`, `z***@example.com`. */
export function maskFreeText(text: string): string {
  return text.replace(EMAIL, '$1***@$2').replace(PHONE, (m) => {
    const digits = m.replace(/\D/g, '');
    return digits.length < 7 ? m : `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  });
}

/** May this actor see the contact details of a customer owned by `ownerId`? */
export const maySeeContactsOf = (actor: Actor, ownerId: string | undefined): boolean =>
  atLeast(actor.role, 'supervisor') || (ownerId !== undefined && ownerId === actor.id);

/** A timeline entry as a viewer may see it. */
export function interactionFor(actor: Actor, ownerId: string | undefined, e: Interaction): Interaction {
  const mask = !maySeeContactsOf(actor, ownerId);
  if (!mask) return e;
  return { ...e, summary: maskFreeText(e.summary), ...(e.outcome ? { outcome: maskFreeText(e.outcome) } : {}) };
}

/** May this actor see contact details written into a complaint? */
export const maySeeComplaintContacts = (actor: Actor, c: Pick<Complaint, 'assigneeId' | 'receiverId'>): boolean =>
  atLeast(actor.role, 'supervisor') || actor.id === c.assigneeId || actor.id === c.receiverId;

/** A complaint (and its timeline) as a viewer may see it: every free-text field masked for outsiders. */
export function complaintFor<T extends Complaint & { timeline?: ComplaintTimelineEntry[] }>(actor: Actor, c: T): T {
  const mask = !maySeeComplaintContacts(actor, c);
  if (!mask) return c;
  return JSON.parse(JSON.stringify(c), (key, value) =>
    typeof value === 'string' && FREE_TEXT_KEYS.has(key) ? maskFreeText(value) : value,
  ) as T;
}

/** Free-text fields of complaints, resolutions and their timeline entries. */
const FREE_TEXT_KEYS = new Set([
  'description',
  'closingSummary',
  'cancelReason',
  'reopenReason',
  'solution',
  'rootCause',
  'compensation',
  'replyToCustomer',
  'note',
  'text',
  'reason',
  'summary',
  'outcome',
  'comment',
]);

/**
 * A survey answer (or a row quoting its comment) as a viewer may see it: the
 * comment and every free-text answer masked unless the viewer may see the
 * contact details of the customer's owner's customers.
 */
export function surveyAnswerFor<T extends { ownerId?: string; comment?: string; answers?: Record<string, unknown> }>(
  actor: Actor,
  r: T,
): T {
  if (maySeeContactsOf(actor, r.ownerId)) return r;
  const answers = r.answers
    ? Object.fromEntries(Object.entries(r.answers).map(([k, v]) => [k, typeof v === 'string' ? maskFreeText(v) : v]))
    : undefined;
  return { ...r, ...(r.comment !== undefined ? { comment: maskFreeText(r.comment) } : {}), ...(answers ? { answers } : {}) };
}
