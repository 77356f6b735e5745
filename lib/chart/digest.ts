import type { DayPoint } from '../domain/digest';
import { svgToPng } from './png';
import { circle, line, niceStep, polyline, rect, svgDocument, text } from './svg';

/**
 * The digest chart: complaints opened (blue) and resolved (green) per day as
 * bars, and the day's NPS (orange line, −100…100) below, each panel titled and
 * the bars' colours in a legend, in the reader's language (the chart font ships
 * with the code, lib/chart/fonts/).
 */
export const chartColours = { opened: '#4C78A8', resolved: '#54A24B', nps: '#F58518', grid: '#E3E3E3', axis: '#9A9A9A' } as const;

export interface ChartSize {
  width: number;
  height: number;
}

/** The chart's words, from the message catalogue in the reader's locale (lib/slack/blocks/digest.ts). */
export interface ChartLabels {
  complaints: string;
  opened: string;
  resolved: string;
  nps: string;
}

const MARGIN = { left: 46, right: 16, top: 30, bottom: 26 };
const GAP = 26;

export function digestChartSvg(series: DayPoint[], size: ChartSize, labels: ChartLabels): string {
  const { width, height } = size;
  const plotW = width - MARGIN.left - MARGIN.right;
  const usable = height - MARGIN.top - 2 * MARGIN.bottom - GAP;
  const barsH = Math.round(usable * 0.6);
  const npsH = usable - barsH;
  const barsTop = MARGIN.top;
  const npsTop = barsTop + barsH + MARGIN.bottom + GAP;
  const n = Math.max(1, series.length);
  const slot = plotW / n;
  const xOf = (i: number) => MARGIN.left + slot * i + slot / 2;
  const labelEvery = Math.ceil(n / 12);
  const body: string[] = [];

  // Complaints opened vs resolved, titled, with the legend at the right.
  body.push(text(MARGIN.left, barsTop - 12, labels.complaints, { size: 12, fill: '#222' }));
  let legendX = width - MARGIN.right;
  for (const [label, colour] of [
    [labels.resolved, chartColours.resolved],
    [labels.opened, chartColours.opened],
  ] as const) {
    body.push(text(legendX, barsTop - 12, label, { anchor: 'end' }));
    // CJK labels are about one em a character, Latin about half: room enough for either.
    legendX -= label.length * (/[\u3000-\u9fff\uff00-\uffef]/.test(label) ? 12 : 7) + 14;
    body.push(rect(legendX, barsTop - 21, 10, 10, colour));
    legendX -= 12;
  }
  const TICKS = 4;
  const yMax = TICKS * niceStep(Math.max(0, ...series.flatMap((p) => [p.opened, p.resolved])) / TICKS);
  const yBars = (v: number) => barsTop + barsH - (v / yMax) * barsH;
  for (let k = 0; k <= TICKS; k++) {
    const v = (yMax * k) / TICKS;
    body.push(line(MARGIN.left, yBars(v), width - MARGIN.right, yBars(v), chartColours.grid));
    body.push(text(MARGIN.left - 6, yBars(v) + 4, String(v), { anchor: 'end' }));
  }
  const barW = Math.max(1, Math.min(18, slot * 0.34));
  series.forEach((p, i) => {
    body.push(rect(xOf(i) - barW - 1, yBars(p.opened), barW, barsTop + barsH - yBars(p.opened), chartColours.opened));
    body.push(rect(xOf(i) + 1, yBars(p.resolved), barW, barsTop + barsH - yBars(p.resolved), chartColours.resolved));
    if (i % labelEvery === 0) body.push(text(xOf(i), barsTop + barsH + 16, p.day.slice(5), { anchor: 'middle', size: 10 }));
  });
  body.push(line(MARGIN.left, barsTop + barsH, width - MARGIN.right, barsTop + barsH, chartColours.axis));

  // NPS trend: a gap where a day had no answers.
  body.push(text(MARGIN.left, npsTop - 10, labels.nps, { size: 12, fill: '#222' }));
  const yNps = (v: number) => npsTop + npsH / 2 - (v / 100) * (npsH / 2);
  for (const v of [-100, -50, 0, 50, 100]) {
    body.push(
      line(
        MARGIN.left,
        yNps(v),
        width - MARGIN.right,
        yNps(v),
        v === 0 ? chartColours.axis : chartColours.grid,
        1,
        v === 0 ? undefined : '3 3',
      ),
    );
    body.push(text(MARGIN.left - 6, yNps(v) + 4, String(v), { anchor: 'end' }));
  }
  let run: Array<[number, number]> = [];
  const flush = () => {
    if (run.length > 1) body.push(polyline(run, chartColours.nps));
    run = [];
  };
  series.forEach((p, i) => {
    if (p.nps === null) return flush();
    const pt: [number, number] = [xOf(i), yNps(p.nps)];
    run.push(pt);
    body.push(circle(pt[0], pt[1], 3, chartColours.nps));
  });
  flush();
  series.forEach((p, i) => {
    if (i % labelEvery === 0) body.push(text(xOf(i), npsTop + npsH + 16, p.day.slice(5), { anchor: 'middle', size: 10 }));
  });
  return svgDocument(width, height, body);
}

export function renderDigestChart(series: DayPoint[], o: ChartSize & { fontFiles: string[]; labels: ChartLabels }): Promise<Buffer> {
  return svgToPng(digestChartSvg(series, o, o.labels), { fontFiles: o.fontFiles });
}
