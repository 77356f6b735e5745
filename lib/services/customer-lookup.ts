import { type CustomerSummary, summaryOf } from '../domain/customer-summary';
import { searchPrefix } from '../domain/name-search';
import { normalizePhone } from '../domain/phone';
import type { Actor } from '../domain/staff';
import type { AppContext } from './context';
import { searchCustomerNames } from './customer-names';
import { countLookup, countLookupMiss } from './lookup-limit';

/**
 * Finding a customer from what a person typed: an id, a phone number, an
 * e-mail address or (part of) a name in characters, pinyin or initials. Used
 * by the Slack bot's `/crm <name>`, `/crm note <customer> …` and the
 * conversational queries; each returns summaries, never a masked-out field.
 */
const PHONE_LIKE = /^\+?[\d\s()-]{5,}$/;
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function findCustomers(
  ctx: AppContext,
  actor: Actor,
  query: string,
  limit: number,
  now: Date = new Date(),
): Promise<CustomerSummary[]> {
  const q = query.trim();
  if (!q) return [];
  const { customers } = ctx.store;
  if (/^cus_[\w-]+$/.test(q)) {
    const found = await customers.get(q);
    return found ? [summaryOf(found)] : [];
  }
  if (PHONE_LIKE.test(q) || EMAIL_LIKE.test(q)) {
    const phone = PHONE_LIKE.test(q) ? normalizePhone(q, ctx.config.defaultPhoneRegion) : undefined;
    if (phone || EMAIL_LIKE.test(q)) await countLookup(ctx, actor, now);
    const id = phone ? await customers.idByPhone(phone) : EMAIL_LIKE.test(q) ? await customers.idByEmail(q.toLowerCase()) : undefined;
    const found = id ? await customers.get(id) : undefined;
    if ((phone || EMAIL_LIKE.test(q)) && !found) await countLookupMiss(ctx, actor, now);
    if (found || PHONE_LIKE.test(q)) return found ? [summaryOf(found)] : [];
  }
  return searchCustomerNames(ctx, q, limit);
}

export interface CustomerAtStart {
  found?: CustomerSummary;
  /** several customers fit the words typed: ask which */
  candidates: CustomerSummary[];
  /** the words after the customer */
  rest: string;
  /** what was read as the customer */
  query: string;
}

const QUOTED = /^["“「'‘]([^"”」'’]+)["”」'’]\s*([\s\S]*)$/;

/**
 * `<customer> <rest>`: the customer named at the start of a text, which may
 * be quoted, a phone, or a name of several words ("Emily Johnson called…").
 * The longest candidate name the text starts with wins; a single candidate
 * for the first word is taken; anything else is ambiguous.
 */
export async function customerAtStart(ctx: AppContext, actor: Actor, text: string, limit: number): Promise<CustomerAtStart> {
  const trimmed = text.trim();
  const quoted = QUOTED.exec(trimmed);
  if (quoted) {
    const query = quoted[1]!.trim();
    const candidates = await findCustomers(ctx, actor, query, limit);
    const exact = candidates.filter((c) => searchPrefix(c.name) === searchPrefix(query));
    const found = exact.length === 1 ? exact[0] : candidates.length === 1 ? candidates[0] : undefined;
    return { found, candidates, rest: quoted[2]!.trim(), query };
  }
  const words = trimmed.split(/\s+/);
  const first = words[0] ?? '';
  let candidates = await findCustomers(ctx, actor, first, limit);
  // Chinese is written without spaces: "张三今天来电" names 张三; try shorter heads of the first word.
  for (let len = Math.min([...first].length - 1, 8); candidates.length === 0 && len >= 2 && /\p{Script=Han}/u.test(first); len--) {
    const head = [...first].slice(0, len).join('');
    candidates = (await findCustomers(ctx, actor, head, limit)).filter((c) => first.startsWith(c.name));
  }
  const folded = searchPrefix(trimmed);
  const named = candidates
    .filter((c) => folded.startsWith(searchPrefix(c.name)))
    .sort((a, b) => searchPrefix(b.name).length - searchPrefix(a.name).length);
  const best = named[0];
  if (best) {
    const nameWords = best.name.trim().split(/\s+/).length;
    // A Chinese name may run into the text without a space ("张三今天来电").
    const restWords = words.slice(nameWords).join(' ');
    const glued = nameWords === 1 && first.length > best.name.length && first.startsWith(best.name) ? first.slice(best.name.length) : '';
    return { found: best, candidates, rest: [glued, restWords].filter(Boolean).join(' '), query: words.slice(0, nameWords).join(' ') };
  }
  return { found: candidates.length === 1 ? candidates[0] : undefined, candidates, rest: words.slice(1).join(' '), query: first };
}
