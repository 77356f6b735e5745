import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { DateRange, ParsedQuestion } from '../../domain/ask';
import { type Locale, t } from '../../i18n';
import type { Answer } from '../../services/ask';
import { mention } from '../mention';
import { careTaskBlocks } from './care';
import { complaintRows } from './complaint-lists';
import { customerActionIds, customerCardBlocks, customerLine, noMatchBlocks, pickListBlocks } from './customers';
import { actions, type Block, button, context, esc, fields, fitMessageBlocks, header, section } from './elements';

/**
 * Answers to conversational questions as Block Kit (pure). Every answer
 * ends with how the question was read, so a misreading shows itself instead
 * of passing for a fact; a question that could not be read gets examples.
 */
export interface AnswerView {
  locale: Locale;
  timeZone: string;
  now: Date;
  canReveal: boolean;
  canSendSurvey: boolean;
  maxRows: number;
}

const rangeText = (r: DateRange | undefined, locale: Locale) =>
  r ? (r.from === r.to ? t(locale, 'slack.ask.on_day', { day: r.from }) : t(locale, 'slack.ask.range', { from: r.from, to: r.to })) : '';

/** "complaints · overdue · 2025-06-16 – 2025-06-22": what the bot understood. */
export function understood(parsed: ParsedQuestion, locale: Locale): string {
  const e = parsed.entities;
  const parts = [
    t(locale, `slack.ask.intent.${parsed.intent}`),
    e.customerName ? esc(e.customerName) : '',
    e.tier ? t(locale, 'slack.ask.tier', { tier: e.tier }) : '',
    e.city ? esc(e.city) : '',
    e.stage ? t(locale, `slack.stage.${e.stage}`) : '',
    e.keyAccount ? t(locale, 'slack.customer.key_account') : '',
    e.vip ? 'VIP' : '',
    e.severity ? t(locale, `complaint.severity.${e.severity}`) : '',
    e.status ? t(locale, `slack.ask.status.${e.status}`) : '',
    e.owner?.self
      ? t(locale, 'slack.ask.mine')
      : e.owner?.slackUserId
        ? `${mention(e.owner.slackUserId)}`
        : e.owner?.name
          ? esc(e.owner.name)
          : '',
    e.notVisitedDays ? t(locale, 'slack.ask.not_visited', { days: e.notVisitedDays }) : '',
    e.metric ? e.metric.toUpperCase() : '',
    rangeText(e.dateRange, locale),
  ].filter(Boolean);
  return t(locale, 'slack.ask.understood', { what: parts.join(' · ') });
}

function unknownBlocks(hints: string[], locale: Locale): Block[] {
  if (hints.includes('out_of_scope') || hints.includes('analytics')) {
    return [
      section(t(locale, hints.includes('analytics') ? 'slack.ask.analytics' : 'slack.ask.out_of_scope')),
      context(t(locale, 'slack.ask.commands_hint')),
    ];
  }
  const maybe = hints.filter((h) => h.startsWith('maybe:')).map((h) => h.slice('maybe:'.length));
  const missingCustomer = hints.includes('missing:customer');
  const lines = [
    hints.includes('chatter')
      ? t(locale, 'slack.ask.chatter')
      : hints.includes('empty')
        ? t(locale, 'slack.ask.empty')
        : t(locale, 'slack.ask.unknown'),
    ...(missingCustomer ? [t(locale, 'slack.ask.which_customer')] : []),
    ...(maybe.length && !missingCustomer
      ? [t(locale, 'slack.ask.maybe', { what: maybe.map((i) => t(locale, `slack.ask.intent.${i}`)).join(t(locale, 'slack.ask.or')) })]
      : []),
  ];
  return [section(lines.join('\n')), section(t(locale, 'slack.ask.examples')), context(t(locale, 'slack.ask.commands_hint'))];
}

const dayOf = (iso: string, timeZone: string) => format(new Date(iso), 'yyyy-MM-dd', { in: tz(timeZone) });

/** One fact of the card, masked as the card masks it; the credit grade only behind the audited reveal button. */
function factBlocks(answer: Extract<Answer, { kind: 'customer_fact' }>, v: AnswerView): { text: string; blocks: Block[] } {
  const { locale } = v;
  const c = answer.customer;
  const none = t(locale, 'slack.ask.fact.none');
  const list = (xs: string[]) => (xs.length ? xs.map(esc).join(', ') : none);
  const score = answer.lastScore;
  const value: Record<typeof answer.fact, () => string> = {
    birthday: () =>
      c.birthday
        ? [c.birthday.year, c.birthday.month, c.birthday.day]
            .filter((x) => x !== undefined)
            .map((x) => String(x).padStart(2, '0'))
            .join('-')
        : none,
    phone: () => list(c.phones),
    email: () => list(c.emails),
    address: () =>
      c.address
        ? esc([c.address.region, c.address.city, (c.address as { street?: string }).street].filter(Boolean).join(' ')) || none
        : none,
    tier: () => c.tier,
    credit: () => (v.canReveal ? t(locale, 'slack.ask.fact.restricted') : t(locale, 'slack.ask.fact.restricted_agent')),
    last_contact: () => (c.lastInteractionAt ? dayOf(c.lastInteractionAt, v.timeZone) : none),
    last_score: () =>
      score
        ? `${[score.scores.nps !== undefined ? `NPS ${score.scores.nps}` : '', score.scores.csat !== undefined ? `CSAT ${score.scores.csat}` : '', score.scores.ces !== undefined ? `CES ${score.scores.ces}` : ''].filter(Boolean).join(' · ')} · ${dayOf(score.answeredAt, v.timeZone)}`
        : t(locale, 'slack.ask.fact.no_survey'),
  };
  const text = t(locale, `slack.ask.fact.${answer.fact}`, { name: `*${esc(c.name)}*`, value: value[answer.fact]() });
  const reveal =
    answer.fact === 'credit' && v.canReveal ? [actions([button(customerActionIds.reveal, t(locale, 'slack.button.reveal'), c.id)])] : [];
  return { text, blocks: [section(text), ...reveal] };
}

export function answerBlocks(answer: Answer, parsed: ParsedQuestion, v: AnswerView): { text: string; blocks: Block[] } {
  const out = answerBlocksOf(answer, parsed, v);
  return { text: out.text, blocks: fitMessageBlocks(out.blocks, context(t(v.locale, 'slack.list.more'))) };
}

function answerBlocksOf(answer: Answer, parsed: ParsedQuestion, v: AnswerView): { text: string; blocks: Block[] } {
  const { locale } = v;
  // a name read as another spelling says so first: "按“李明华”查询 · 我的理解：…"
  const readAs = 'readAs' in answer && answer.readAs ? [t(locale, 'slack.ask.read_as', { name: esc(answer.readAs) })] : [];
  const shared = answer.sharedName
    ? [t(locale, `slack.ask.shared_name.${answer.sharedName.readAs}`, { name: esc(answer.sharedName.name) })]
    : [];
  const read = context([...shared, ...readAs, understood(parsed, locale)].join(' · '));
  switch (answer.kind) {
    case 'customer_overview': {
      const blocks = customerCardBlocks(answer.overview, {
        locale,
        timeZone: v.timeZone,
        canReveal: v.canReveal,
        canSendSurvey: v.canSendSurvey,
        maxRows: v.maxRows,
        now: v.now,
      });
      return { text: answer.overview.customer.name, blocks: [...blocks, read] };
    }
    case 'customer_complaints': {
      const title = t(
        locale,
        answer.range
          ? 'slack.ask.customer_complaints_range'
          : answer.status
            ? 'slack.ask.customer_complaints_status'
            : answer.latest
              ? 'slack.ask.customer_complaints_latest'
              : 'slack.ask.customer_complaints_active',
        {
          name: answer.customer.name,
          count: answer.complaints.length,
          range: rangeText(answer.range, locale),
          status: answer.status ? t(locale, `slack.ask.status.${answer.status}`) : '',
        },
      );
      const rows = answer.complaints.length ? complaintRows(answer.complaints, v) : [section(t(locale, 'slack.complaints.none'))];
      return { text: title, blocks: [header(title), ...rows, ...(answer.more ? [context(t(locale, 'slack.list.more'))] : []), read] };
    }
    case 'customer_owner': {
      const text = answer.owner
        ? t(locale, 'slack.ask.owner', {
            name: esc(answer.customer.name),
            owner: `${mention(answer.owner.slackUserId)}`,
            ownerName: esc(answer.owner.name),
          })
        : t(locale, 'slack.ask.owner_unknown', { name: esc(answer.customer.name), owner: `${mention(answer.customer.ownerId)}` });
      return { text, blocks: [section(text), read] };
    }
    case 'customers': {
      const title = t(locale, 'slack.ask.customers', { count: answer.more ? `${answer.customers.length}+` : answer.customers.length });
      const rows = answer.customers.map((c) =>
        section(
          `${customerLine({ id: c.id, name: c.name, kind: c.kind, company: c.company, tier: c.tier, ownerId: c.ownerId, lifecycleStage: c.lifecycleStage, city: c.address?.city }, locale)} · ${t(locale, 'slack.ask.last_contact', { day: c.lastInteractionAt ? dayOf(c.lastInteractionAt, v.timeZone) : t(locale, 'slack.none') })}`,
        ),
      );
      return {
        text: title,
        blocks: [
          header(title),
          ...(rows.length ? rows : [section(t(locale, 'slack.ask.no_customers'))]),
          ...(answer.more ? [context(t(locale, 'slack.ask.more_customers', { read: answer.read }))] : []),
          read,
        ],
      };
    }
    case 'complaints': {
      const title = t(locale, 'slack.ask.complaints', { count: answer.more ? `${answer.complaints.length}+` : answer.complaints.length });
      const rows = answer.complaints.length ? complaintRows(answer.complaints, v) : [section(t(locale, 'slack.complaints.none'))];
      return { text: title, blocks: [header(title), ...rows, ...(answer.more ? [context(t(locale, 'slack.list.more'))] : []), read] };
    }
    case 'birthdays': {
      const title = t(locale, 'slack.ask.birthdays', { count: answer.people.length, range: rangeText(answer.range, locale) });
      const lines = answer.people.map(
        (p) =>
          `• ${p.day} · *${esc(p.customerName)}*${p.contactName ? ` (${esc(p.contactName)})` : ''} · ${p.tier}${p.lunar ? ` · ${t(locale, 'slack.ask.lunar')}` : ''} · ${mention(p.ownerId)}`,
      );
      return {
        text: title,
        blocks: [
          header(title),
          section(lines.length ? lines.join('\n') : t(locale, 'slack.ask.no_birthdays')),
          ...(answer.truncatedTo ? [context(t(locale, 'slack.ask.birthdays_truncated', { day: answer.truncatedTo }))] : []),
          read,
        ],
      };
    }
    case 'survey_scores': {
      const s = answer.scores;
      const title = t(locale, 'slack.ask.scores', { range: rangeText(answer.range, locale) });
      const none = t(locale, 'slack.ask.no_answers');
      return {
        text: title,
        blocks: [
          header(title),
          fields([
            `*NPS*\n${s.nps !== undefined ? `${s.nps} (${t(locale, 'slack.ask.answers', { n: s.npsAnswers })})` : none}`,
            `*CSAT*\n${s.csat !== undefined ? `${s.csat}% (${t(locale, 'slack.ask.answers', { n: s.csatAnswers })})` : none}`,
            `*CES*\n${s.ces !== undefined ? `${s.ces} (${t(locale, 'slack.ask.answers', { n: s.cesAnswers })})` : none}`,
            `*${t(locale, 'slack.ask.response_rate')}*\n${s.sent ? `${Math.round((s.answered / s.sent) * 100)}% (${s.answered}/${s.sent})` : none}`,
          ]),
          ...(answer.owner ? [context(t(locale, 'slack.ask.owner_scope', { owner: `${mention(answer.owner)}` }))] : []),
          read,
        ],
      };
    }
    case 'tasks': {
      const title = t(locale, 'slack.ask.tasks', {
        count: answer.more ? `${answer.tasks.length}+` : answer.tasks.length,
        range: rangeText(answer.range, locale),
      });
      const today = format(v.now, 'yyyy-MM-dd', { in: tz(v.timeZone) });
      const rows = answer.tasks.flatMap((task) => careTaskBlocks(task, locale, today) as Block[]);
      return {
        text: title,
        blocks: [
          header(title),
          ...(rows.length ? rows : [section(t(locale, 'slack.tasks.none'))]),
          ...(answer.more ? [context(t(locale, 'slack.list.more'))] : []),
          read,
        ],
      };
    }
    case 'customer_fact': {
      const fact = factBlocks(answer, v);
      return { text: fact.text, blocks: [...fact.blocks, read] };
    }
    case 'detractors': {
      const title = t(locale, 'slack.ask.detractors', {
        count: answer.more ? `${answer.people.length}+` : answer.people.length,
        range: rangeText(answer.range, locale),
      });
      const lines = answer.people.map((p) => {
        const scores = [p.nps !== undefined ? `NPS ${p.nps}` : '', p.csat !== undefined ? `CSAT ${p.csat}` : '']
          .filter(Boolean)
          .join(' · ');
        return `• *${esc(p.customerName)}* · ${scores} · ${dayOf(p.answeredAt, v.timeZone)} · ${p.tier} · <@${p.ownerId}>`;
      });
      return {
        text: title,
        blocks: [
          header(title),
          section(lines.length ? lines.join('\n') : t(locale, 'slack.ask.no_detractors')),
          ...(answer.more ? [context(t(locale, 'slack.list.more'))] : []),
          read,
        ],
      };
    }
    case 'help':
      return {
        text: t(locale, 'slack.ask.help_title'),
        blocks: [
          header(t(locale, 'slack.ask.help_title')),
          section(t(locale, 'slack.ask.examples')),
          context(t(locale, 'slack.ask.commands_hint')),
        ],
      };
    case 'choose_customer': {
      if (answer.sameName) {
        return {
          text: t(locale, 'slack.customer.pick', { query: answer.query, count: answer.candidates.length }),
          blocks: [...pickListBlocks(answer.query, answer.candidates, Boolean(answer.more), locale), read],
        };
      }
      // "did you mean": one button per candidate (the pick list's), never an answer about a guess
      const text = t(locale, 'slack.ask.did_you_mean', { query: esc(answer.query) });
      return {
        text,
        blocks: [
          section(text),
          ...pickListBlocks(answer.query, answer.candidates, Boolean(answer.more), locale).slice(1),
          ...(answer.more ? [context(t(locale, 'slack.ask.did_you_mean_more'))] : []),
          read,
        ],
      };
    }
    case 'no_customer':
      return { text: t(locale, 'slack.customer.none', { query: answer.query }), blocks: [...noMatchBlocks(answer.query, locale), read] };
    case 'no_colleague': {
      const text = t(locale, answer.suggestions ? 'slack.ask.which_colleague' : 'slack.ask.no_colleague', {
        query: esc(answer.query),
        names: (answer.suggestions ?? []).map(mention).join(t(locale, 'slack.ask.or')),
      });
      return { text, blocks: [section(text), read] };
    }
    case 'unknown':
      return { text: t(locale, 'slack.ask.unknown'), blocks: unknownBlocks(answer.hints, locale) };
  }
}
