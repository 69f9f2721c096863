import { excerpt } from '../contract/excerpt';
import { duration, type StepTrend } from '../verdict/step-trends';
import { px, svgDocument, text, xml } from './svg';

/**
 * A test's golden steps across runs, one small chart per step: the earlier runs' durations as a
 * line (oldest at the left), this run as the last dot, the median of the runs compared as a
 * dashed line. Each row has its own scale, so a 5 ms health call and a 1.4 s agent run both
 * show their shape. A regressed step is red. Pure: data in, SVG text out.
 */
export interface StepSeries {
  title: string;
  /** Earlier runs' durations (ms), oldest first: the ones the trend compared with. */
  earlier: number[];
  trend: StepTrend;
}

const WIDTH = 960;
const LABEL = 330;
const CHART_LEFT = 340;
const CHART_RIGHT = 740;
const ROW = 34;
const TOP = 62;

/** x of the i-th of n points (the last one is this run). */
export function seriesX(i: number, n: number): number {
  return n <= 1 ? CHART_RIGHT : CHART_LEFT + (i / (n - 1)) * (CHART_RIGHT - CHART_LEFT);
}

export function renderTrendChart(testTitle: string, series: readonly StepSeries[], scope: string): string {
  const body: string[] = [];
  body.push(text(16, 24, `Step durations across runs · ${testTitle}`, 'font-size="15" font-weight="bold" fill="#111827"'));
  body.push(text(16, 44, `${scope}: earlier runs left to right, this run the last dot; dashed: their median`, 'fill="#6b7280"'));
  series.forEach((s, row) => {
    const mid = TOP + row * ROW + ROW / 2;
    const top = mid - ROW / 2 + 5;
    const bottom = mid + ROW / 2 - 5;
    const values = [...s.earlier, s.trend.lastMs];
    const max = Math.max(...values, 1) * 1.1;
    const y = (ms: number) => bottom - (ms / max) * (bottom - top);
    const colour = s.trend.regressed ? '#dc2626' : '#2563eb';
    if (row % 2 === 0) body.push(`<rect x="0" y="${px(mid - ROW / 2)}" width="${WIDTH}" height="${ROW}" fill="#f9fafb"/>`);
    body.push(text(LABEL, mid + 4, excerpt(s.title, 52), `text-anchor="end" fill="${s.trend.regressed ? '#dc2626' : '#111827'}"`));
    const points = values.map((v, i) => `${px(seriesX(i, values.length))},${px(y(v))}`);
    if (values.length > 1) body.push(`<polyline points="${points.join(' ')}" fill="none" stroke="#9ca3af" stroke-width="1.5"/>`);
    if (s.trend.medianMs !== null) {
      body.push(`<line x1="${CHART_LEFT}" y1="${px(y(s.trend.medianMs))}" x2="${CHART_RIGHT}" y2="${px(y(s.trend.medianMs))}" stroke="#6b7280" stroke-dasharray="4 3" data-median-ms="${s.trend.medianMs}"/>`);
    }
    values.forEach((v, i) => {
      const last = i === values.length - 1;
      body.push(`<circle cx="${px(seriesX(i, values.length))}" cy="${px(y(v))}" r="${last ? 5 : 2.5}" fill="${last ? colour : '#9ca3af'}" data-ms="${Math.round(v)}"${last ? ' data-this-run="true"' : ''}><title>${xml(`${duration(v)}${last ? ' (this run)' : ''}`)}</title></circle>`);
    });
    body.push(text(CHART_RIGHT + 16, mid + 4, rowNote(s.trend), `fill="${colour}"${s.trend.regressed ? ' font-weight="bold"' : ''}`));
  });
  return svgDocument(WIDTH, TOP + series.length * ROW + 12, `Step durations across runs · ${testTitle}`, body);
}

function rowNote(t: StepTrend): string {
  if (t.medianMs === null) return `${duration(t.lastMs)} · the first run to compare`;
  const usual = `${duration(t.lastMs)}, usually ${duration(t.medianMs)} (${t.runs} run${t.runs === 1 ? '' : 's'})`;
  return t.regressed ? `slower than usual: ${usual}` : usual;
}
