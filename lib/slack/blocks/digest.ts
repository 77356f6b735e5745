import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { arrowOf, type Change, type FigureGroup, type FigureKey, type FigureUnit, figureDefs, type OwnerRow } from '../../domain/digest';
import type { Period } from '../../domain/digest-period';
import { type Locale, t } from '../../i18n';
import '../../i18n/digest';
import type { DigestContent } from '../../services/digest-content';
import type { DigestView } from '../../services/notices';
import { mention } from '../mention';
import { SHOW_COMPLAINT } from './complaint-forms';
import { customerActionIds } from './customers';
import { type Block, button, context, divider, esc, header, mrkdwn, section, slackDate, truncate } from './elements';

/**
 * The digest as Block Kit (pure): a header, one section per group whose fields
 * show each figure beside the previous period with ▲/▼, the breakdowns, the
 * per-owner table as a preformatted block, and the three lists with a button
 * on each row that opens the complaint or the customer (the complaints' and
 * customers' own `complaint.show` / `customer.pick` listeners answer them).
 */

/** Slack's message limit. */
const MAX_BLOCKS = 50;

export function periodLabel(p: Pick<Period, 'kind' | 'start' | 'end' | 'key'>): string {
  if (p.start === p.end) return p.start;
  return p.kind === 'daily' ? `${p.start} – ${p.end}` : `${p.key} (${p.start} – ${p.end})`;
}

export function digestTitle(c: DigestContent, locale: Locale): string {
  const title = t(locale, `digest.title.${c.kind}`, { range: periodLabel(c.period) });
  return c.partial ? t(locale, 'digest.title.preview', { title }) : title;
}

export const digestChartTitle = (c: DigestContent, locale: Locale): string =>
  t(locale, 'digest.chart.title', { range: `${c.series[0]?.day ?? c.period.start} – ${c.series.at(-1)?.day ?? c.period.end}` });

/** The words drawn in the chart (its font holds exactly the characters of these messages: scripts/subset-chart-font.ts). */
export const digestChartLabels = (locale: Locale) => ({
  complaints: t(locale, 'digest.chart.complaints'),
  opened: t(locale, 'digest.chart.opened'),
  resolved: t(locale, 'digest.chart.resolved'),
  nps: t(locale, 'digest.chart.nps'),
});

// ── Numbers ──────────────────────────────────────────────────────────────────

const number = (locale: Locale, n: number, digits = 0) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);

function duration(locale: Locale, minutes: number): string {
  if (minutes < 60) return t(locale, 'digest.minutes', { n: number(locale, minutes) });
  if (minutes < 48 * 60) return t(locale, 'digest.hours', { n: number(locale, minutes / 60, 1) });
  return t(locale, 'digest.days', { n: number(locale, minutes / 1440, 1) });
}

export function formatFigure(locale: Locale, unit: FigureUnit, value: number | null): string {
  if (value === null) return '—';
  switch (unit) {
    case 'count':
      return number(locale, value);
    case 'ratio':
      return `${number(locale, value * 100)}%`;
    case 'minutes':
      return duration(locale, value);
    case 'score':
      return `${value > 0 ? '+' : ''}${number(locale, value)}`;
    case 'average':
      return number(locale, value, 1);
  }
}

/** ▲ 20% for counts and durations; ▲ 5 pts for ratios; ▲ 5 for NPS and averages; nothing when it cannot be told. */
export function formatChange(locale: Locale, unit: FigureUnit, c: Change): string {
  const arrow = arrowOf(c);
  if (c.delta === null || c.direction === null) return '';
  if (c.direction === 'flat') return arrow;
  const size = Math.abs(c.delta);
  if (unit === 'ratio') return `${arrow} ${t(locale, 'digest.points', { n: number(locale, size * 100) })}`;
  if (unit === 'score') return `${arrow} ${number(locale, size)}`;
  if (unit === 'average') return `${arrow} ${number(locale, size, 1)}`;
  return c.relative === null
    ? `${arrow} ${unit === 'minutes' ? duration(locale, size) : number(locale, size)}`
    : `${arrow} ${number(locale, Math.abs(c.relative) * 100)}%`;
}

function figureField(c: DigestContent, key: FigureKey, unit: FigureUnit, locale: Locale): string {
  const now = formatFigure(locale, unit, c.figures[key]);
  const change = formatChange(locale, unit, c.changes[key]);
  const prev = t(locale, 'digest.prev', { value: formatFigure(locale, unit, c.previousFigures[key]) });
  return `*${t(locale, `digest.figure.${key}`)}*\n${now}${change ? `  ${change}` : ''}\n_${prev}_`;
}

function groupSection(c: DigestContent, group: FigureGroup, locale: Locale): Block {
  const defs = figureDefs.filter((f) => f.group === group);
  return {
    type: 'section',
    text: mrkdwn(`*${t(locale, `digest.group.${group}`)}*`),
    fields: defs.slice(0, 10).map((f) => mrkdwn(figureField(c, f.key, f.unit, locale))),
  };
}

function breakdownLines(c: DigestContent, locale: Locale): string[] {
  const list = (entries: Array<[string, number]>, label: (k: string) => string) =>
    entries
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${label(k)} ${number(locale, n)}`)
      .join(' · ');
  const b = c.breakdowns;
  const out: string[] = [];
  const sev = list(Object.entries(b.openedBySeverity), (k) => t(locale, `complaint.severity.${k}`));
  const cat = list(Object.entries(b.openedByCategory), (k) => t(locale, `complaint.category.${k}`));
  if (sev) out.push(t(locale, 'digest.breakdown.severity', { list: sev }));
  if (cat) out.push(t(locale, 'digest.breakdown.category', { list: cat }));
  if (b.recurringRootCauses.length)
    out.push(
      t(locale, 'digest.breakdown.root_causes', { list: b.recurringRootCauses.map((r) => `${esc(r.key)} ×${r.count}`).join(' · ') }),
    );
  return out;
}

// ── Per-owner table ──────────────────────────────────────────────────────────

/** Columns in a monospace block: CJK characters take two cells. */
const cells = (s: string) =>
  [...s].reduce(
    (w, ch) => w + (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1),
    0,
  );
const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - cells(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - cells(s))) + s;

function clip(s: string, w: number): string {
  let out = '';
  for (const ch of s) {
    if (cells(out + ch) > w) return `${out.slice(0, -1)}…`;
    out += ch;
  }
  return out;
}

export function ownerTable(rows: OwnerRow[], view: DigestView, maxRows: number): string {
  const { locale } = view;
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
  const head = ['name', 'opened', 'resolved', 'sla', 'overdue', 'tasks', 'visits', 'nps'].map((k) => t(locale, `digest.owner.${k}`));
  const body = rows
    .slice(0, maxRows)
    .map((r) => [
      clip(view.names[r.ownerId] ?? r.ownerId, 16),
      String(r.opened),
      String(r.resolved),
      pct(r.slaCompliance),
      String(r.overdueNow),
      `${r.tasksDone}/${r.tasksCreated}`,
      pct(r.returnVisitCompletion),
      r.nps === null ? '—' : `${r.nps > 0 ? '+' : ''}${Math.round(r.nps)}`,
    ]);
  const widths = head.map((h, i) => Math.max(cells(h), ...body.map((row) => cells(row[i]!))));
  const line = (row: string[]) =>
    row
      .map((v, i) => (i === 0 ? padEnd(v, widths[i]!) : padStart(v, widths[i]!)))
      .join('  ')
      .trimEnd();
  const more = rows.length > maxRows ? `\n${t(locale, 'digest.owner.more', { count: rows.length - maxRows })}` : '';
  return `\`\`\`\n${[head, ...body].map(line).join('\n')}\n\`\`\`${more}`;
}

// ── Lists ────────────────────────────────────────────────────────────────────

const marker = (severity: string) =>
  severity === 'critical' ? ':red_circle:' : severity === 'major' ? ':large_orange_circle:' : ':white_circle:';

function listBlocks(c: DigestContent, view: DigestView): Block[] {
  const { locale } = view;
  const lists = c.lists;
  if (!lists) return [];
  const open = t(locale, 'digest.button.open');
  const when = (iso: string) => slackDate(iso, format(new Date(iso), 'yyyy-MM-dd HH:mm', { in: tz(view.timeZone) }));
  const blocks: Block[] = [divider(), section(`*${t(locale, 'digest.list.overdue')}*`)];
  if (!lists.overdueComplaints.length) blocks.push(context(t(locale, 'digest.list.overdue_none')));
  for (const o of lists.overdueComplaints) {
    const line = [
      `${marker(o.severity)} *${esc(o.customerName)}*`,
      t(locale, `complaint.severity.${o.severity}`),
      t(locale, `complaint.category.${o.category}`),
      ...(o.deadlineAt ? [t(locale, 'digest.list.overdue_since', { at: when(o.deadlineAt) })] : []),
      `${mention(o.assigneeId)}`,
    ].join(' · ');
    blocks.push(section(line, { accessory: button(SHOW_COMPLAINT, open, o.id) }));
  }

  blocks.push(section(`*${t(locale, 'digest.list.detractors')}*`));
  if (lists.detractors === null)
    blocks.push(context(t(locale, 'digest.list.detractors_unavailable', { count: c.figures['surveys.detractors'] ?? 0 })));
  else if (!lists.detractors.length) blocks.push(context(t(locale, 'digest.list.detractors_none')));
  else {
    for (const d of lists.detractors) {
      const line = [`*${esc(d.customerName)}*`, `NPS ${d.score}`, when(d.answeredAt), ...(d.ownerId ? [`${mention(d.ownerId)}`] : [])].join(
        ' · ',
      );
      const comment = d.comment ? `\n> ${esc(truncate(d.comment.replace(/\s+/g, ' '), 200))}` : '';
      blocks.push(section(line + comment, { accessory: button(customerActionIds.pick, open, d.customerId) }));
    }
  }

  const risk = lists.atRiskKeyAccounts;
  blocks.push(section(`*${t(locale, 'digest.list.at_risk', { total: `${risk.total}${risk.capped ? '+' : ''}` })}*`));
  if (!risk.items.length) blocks.push(context(t(locale, 'digest.list.at_risk_none')));
  for (const k of risk.items) {
    blocks.push(
      section(`:warning: *${esc(k.name)}* · ${t(locale, 'digest.list.tier', { tier: k.tier })} · ${mention(k.ownerId)}`, {
        accessory: button(customerActionIds.pick, open, k.id),
      }),
    );
  }
  return blocks;
}

// ── The message ──────────────────────────────────────────────────────────────

export function digestMessage(c: DigestContent, view: DigestView, maxOwnerRows = 15): { text: string; blocks: Block[] } {
  const { locale } = view;
  const title = digestTitle(c, locale);
  const f = c.figures;
  const text = t(locale, 'digest.summary', {
    title,
    opened: formatFigure(locale, 'count', f['complaints.opened']),
    resolved: formatFigure(locale, 'count', f['complaints.resolved']),
    sla: formatFigure(locale, 'ratio', f['complaints.sla_compliance']),
    nps: formatFigure(locale, 'score', f['surveys.nps']),
  });
  const notes = [
    t(locale, 'digest.compared', { range: periodLabel(c.previous) }),
    ...(c.liveCapped ? [t(locale, 'digest.live_capped')] : []),
  ];
  const breakdown = breakdownLines(c, locale);
  const blocks: Block[] = [
    header(title),
    context(notes.join(' · ')),
    groupSection(c, 'complaints', locale),
    ...(breakdown.length ? [context(breakdown.join('\n'))] : []),
    groupSection(c, 'care', locale),
    groupSection(c, 'surveys', locale),
    groupSection(c, 'customers', locale),
    section(
      `*${t(locale, 'digest.group.owners')}*\n${c.owners.length ? ownerTable(c.owners, view, maxOwnerRows) : t(locale, 'digest.owner.none')}`,
    ),
    ...listBlocks(c, view),
  ];
  return { text, blocks: blocks.slice(0, MAX_BLOCKS) };
}

/** The answer to `/crm digest subscribe …`: when the first digest comes and what it covers. */
export function subscriptionReply(
  r: { subscription: string; first?: { period: Period; sendDay: string } },
  locale: Locale,
  sendHour: number,
): string {
  if (!r.first) return t(locale, 'digest.unsubscribed');
  return t(locale, 'digest.subscribed', {
    frequency: t(locale, `digest.frequency.${r.subscription}`),
    range: periodLabel(r.first.period),
    day: r.first.sendDay,
    hour: String(sendHour).padStart(2, '0'),
  });
}
