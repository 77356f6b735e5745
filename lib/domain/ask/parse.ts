import { claimKnownName, claimKnownStaff, type FoundName, nameFromResidue } from './customer-name';
import { claimDateRange, claimInactivityDays, dateContext } from './dates';
import { claimCityFrame, claimMention, claimOwnerName, claimQuotedName, claimTier, claimTierQuestion } from './entities';
import {
  ENTITIES_USED,
  ENTITY_WEIGHTS,
  INTENT_ORDER,
  MIN_CONFIDENCE,
  MIN_SCORE,
  NAME_WEIGHTS,
  NOT_A_QUESTION,
  REQUIREMENTS,
  type ScoredIntent,
} from './intents';
import { claimKnownWords, type LexiconHits } from './lexicon';
import { normalizeQuestion } from './normalize';
import type { AnswerableIntent, Entities, ParsedQuestion, ParseOptions } from './types';
import { Utterance } from './utterance';

/** Slack messages are at most 40 000 characters; a question is a line. Longer input is cut, not parsed slowly. */
const MAX_QUESTION_LENGTH = 500;
const DEFAULT_RECENT_DAYS = 30;

interface Reading {
  entities: Entities;
  name?: FoundName;
  scores: Map<ScoredIntent, number>;
  wordChars: number;
  unexplainedChars: number;
  unexplained: string[];
  /** entities the question named but in a form the parser refuses ("最近99999天") */
  unsupported: string[];
}

/**
 * Reads a question in Chinese or English (or both) and says what it asks for.
 *
 * The pipeline: normalize Slack text → claim what patterns recognise (names the caller knows,
 * quotes, mentions, inactivity, dates, tiers, owners, cities) → claim table words → the residue
 * is the customer name → score intents from cue words and entities → the best qualified intent,
 * or 'unknown' with hints. Pure and deterministic: time comes from `opts.now`.
 */
export function parseQuestion(text: string, opts: ParseOptions): ParsedQuestion {
  assertOptions(opts);
  const reading = read(typeof text === 'string' ? text : '', opts);
  const ranked = rank(reading);
  const best = ranked.find((r) => r.qualified);
  const confidence = best ? confidenceOf(best.score, ranked, best.intent, reading) : 0;
  // a period the parser refuses is not dropped silently: answering without it would be a guess
  const refused = reading.unsupported.length > 0;
  if (!best || refused || NOT_A_QUESTION.has(best.intent) || best.score < MIN_SCORE || confidence < MIN_CONFIDENCE) {
    return { intent: 'unknown', confidence: 0, entities: noticed(reading), hints: hintsFor(reading, ranked) };
  }
  return { intent: best.intent as AnswerableIntent, confidence, entities: entitiesFor(best.intent as AnswerableIntent, reading) };
}

const knownZones = new Set<string>();

/**
 * `now` and `timeZone` come from code and configuration, not from the person asking: a bad one
 * is a bug to surface at once, not an 'unknown' answer. Any text, however odd, never throws.
 */
function assertOptions(opts: ParseOptions): void {
  if (!(opts.now instanceof Date) || Number.isNaN(opts.now.getTime())) throw new TypeError('parseQuestion: opts.now must be a valid Date');
  if (knownZones.has(opts.timeZone)) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: opts.timeZone });
  } catch {
    throw new TypeError(`parseQuestion: unknown time zone "${opts.timeZone}"`);
  }
  knownZones.add(opts.timeZone);
}

function read(raw: string, opts: ParseOptions): Reading {
  const u = new Utterance(normalizeQuestion(raw.slice(0, MAX_QUESTION_LENGTH * 2), opts.botUserId).slice(0, MAX_QUESTION_LENGTH));
  const entities: Entities = {};
  const ctx = dateContext(opts.now, opts.timeZone, opts.recentDays ?? DEFAULT_RECENT_DAYS);

  // Order matters: each step only sees what earlier ones left. Names the caller knows go first so
  // that a customer called "Shanghai Trading" is not read as a city.
  let name: FoundName | undefined = opts.knownCustomerNames?.length ? claimKnownName(u, opts.knownCustomerNames) : undefined;
  const quoted = name ? undefined : claimQuotedName(u);
  if (quoted) name = { name: quoted.text, evidence: 'quoted' };
  const mention = claimMention(u);
  if (mention) entities.owner = { slackUserId: mention };
  const staff = opts.knownStaffNames?.length ? claimKnownStaff(u, opts.knownStaffNames) : undefined;
  if (staff) entities.owner ??= { name: staff };
  const inactivity = claimInactivityDays(u);
  const date = claimDateRange(u, ctx);
  entities.notVisitedDays = inactivity.value;
  entities.dateRange = date.value;
  const unsupported = [...(date.unsupported ? ['dateRange'] : []), ...(inactivity.unsupported ? ['notVisitedDays'] : [])];
  if (claimTierQuestion(u)) entities.fact = 'tier';
  entities.tier = claimTier(u);
  entities.owner ??= claimOwnerName(u, 'english');
  entities.city = claimCityFrame(u, 'english');

  const hits: LexiconHits = { scores: new Map(), entities };
  claimKnownWords(u, hits);
  entities.owner ??= claimOwnerName(u, 'chinese');
  entities.city ??= claimCityFrame(u, 'chinese');

  const residue = u.leftovers();
  let nameSpan: (typeof residue)[number] | undefined;
  if (!name) {
    const fromResidue = nameFromResidue(residue, opts.knownCustomerNames);
    name = fromResidue.found;
    nameSpan = fromResidue.span;
  }
  if (name) entities.customerName = name.name;
  const unexplained = residue.filter((s) => s !== nameSpan);
  return {
    entities,
    name,
    scores: hits.scores,
    wordChars: u.wordChars(),
    unexplainedChars: u.unclaimedWordChars(unexplained),
    unexplained: unexplained.map((s) => s.text),
    unsupported,
  };
}

interface Ranked {
  intent: ScoredIntent;
  score: number;
  qualified: boolean;
}

function rank(r: Reading): Ranked[] {
  const scores = new Map(r.scores);
  const add = (weights: Partial<Record<ScoredIntent, number>> | undefined) => {
    for (const [intent, w] of Object.entries(weights ?? {}) as [ScoredIntent, number][]) scores.set(intent, (scores.get(intent) ?? 0) + w);
  };
  for (const key of Object.keys(ENTITY_WEIGHTS) as (keyof Entities)[]) if (r.entities[key] !== undefined) add(ENTITY_WEIGHTS[key]);
  if (r.name) add(NAME_WEIGHTS[r.name.evidence]);
  return INTENT_ORDER.map((intent) => ({
    intent,
    score: scores.get(intent) ?? 0,
    qualified: NOT_A_QUESTION.has(intent) || (REQUIREMENTS[intent as AnswerableIntent]?.met(r.entities) ?? true),
  }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score); // stable: INTENT_ORDER breaks ties
}

/**
 * How sure the parser is, 0..1: the winning score's strength, discounted when a runner-up is
 * close and when part of the question went unexplained (500 characters of noise that happen to
 * contain "complaint" are not a question about complaints).
 */
function confidenceOf(score: number, ranked: Ranked[], intent: ScoredIntent, r: Reading): number {
  const second = ranked.find((x) => x.intent !== intent && x.qualified)?.score ?? 0;
  const strength = score / (score + 2);
  const margin = (score - Math.min(second, score)) / score;
  const explained = r.wordChars === 0 ? 0 : 1 - r.unexplainedChars / r.wordChars;
  return Math.round(strength * (0.6 + 0.4 * margin) * explained * 100) / 100;
}

function entitiesFor(intent: AnswerableIntent, r: Reading): Entities {
  const out: Entities = {};
  for (const key of ENTITIES_USED[intent]) {
    // a residue name is only trusted where the intent is about one customer
    if (key === 'customerName' && !intent.startsWith('customer_') && r.name?.evidence === 'residue') continue;
    if (r.entities[key] !== undefined) Object.assign(out, { [key]: r.entities[key] });
  }
  // "my tasks" is the only reading of a task question without another person in it
  if (intent === 'my_tasks') out.owner ??= { self: true };
  return out;
}

/** For an unknown question: every entity noticed, but a leftover "name" only when it looks like one. */
function noticed(r: Reading): Entities {
  const e = Object.fromEntries(Object.entries(r.entities).filter(([, v]) => v !== undefined)) as Entities;
  if (r.name?.evidence === 'residue') delete e.customerName;
  return e;
}

/**
 * What the parser noticed, as codes the reply turns into words (docs/ask.md):
 * 'empty', 'chatter', 'noise', 'unsupported:<entity>', 'maybe:<intent>', 'missing:<what>', 'entity:<name>', 'unrecognized:<text>'.
 */
function hintsFor(r: Reading, ranked: Ranked[]): string[] {
  if (r.wordChars === 0) return ['empty'];
  const hints: string[] = [];
  for (const key of r.unsupported) hints.push(`unsupported:${key}`);
  const top = ranked[0]?.intent;
  if (top && NOT_A_QUESTION.has(top)) hints.push(top);
  // intents that scored enough to be a fair guess, or at least the one that scored most
  const fair = ranked.filter((x) => !NOT_A_QUESTION.has(x.intent) && (x.score >= MIN_SCORE || (x === ranked[0] && r.scores.has(x.intent))));
  // "which customer?" only helps when no reading of the question works without one
  const guesses = fair.some((x) => x.qualified) ? fair.filter((x) => x.qualified) : fair;
  for (const x of guesses) {
    hints.push(`maybe:${x.intent}`);
    const missing = REQUIREMENTS[x.intent as AnswerableIntent]?.missing;
    if (!x.qualified && missing) hints.push(`missing:${missing}`);
  }
  for (const key of Object.keys(noticed(r))) hints.push(`entity:${key}`);
  const unrecognized = r.name?.evidence === 'residue' ? [r.name.name, ...r.unexplained] : r.unexplained;
  for (const t of unrecognized.slice(0, 3)) hints.push(`unrecognized:${t.slice(0, 30)}`);
  if (hints.length === 0) hints.push('no_match');
  return [...new Set(hints)];
}
