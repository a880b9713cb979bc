import { html, type SafeHtml } from '../html.js';

export interface ColumnSeries {
  key: string;
  label: string;
}

export interface Column {
  label: string;
  values: Record<string, number>;
}

const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 40;
const BOTTOM = 36;
const TOP = 10;

/**
 * Columns stacked by series (reports per month by category), server-drawn SVG with a legend. Colours
 * come from the stylesheet by series key, so the chart and the legend always agree.
 */
export function stackedColumns(options: {
  title: string;
  series: readonly ColumnSeries[];
  columns: readonly Column[];
}): SafeHtml {
  const totals = options.columns.map((column) =>
    options.series.reduce((sum, s) => sum + (column.values[s.key] ?? 0), 0),
  );
  const max = niceCeiling(Math.max(1, ...totals));
  const plot = HEIGHT - BOTTOM - TOP;
  const slot = (WIDTH - LEFT - 10) / Math.max(1, options.columns.length);
  const barWidth = Math.max(3, Math.min(40, slot * 0.7));
  const every = Math.ceil(options.columns.length / 12);
  const scale = (value: number) => (value / max) * plot;
  return html`<svg class="chart columns" viewBox="0 0 ${WIDTH} ${HEIGHT + 24}" role="img" aria-label="${options.title}" preserveAspectRatio="xMinYMin meet">
<line x1="${LEFT}" y1="${TOP + plot}" x2="${WIDTH - 10}" y2="${TOP + plot}" class="axis"></line>
<text x="${LEFT - 6}" y="${TOP + 8}" text-anchor="end" class="tick">${max}</text>
<text x="${LEFT - 6}" y="${TOP + plot}" text-anchor="end" class="tick">0</text>
<line x1="${LEFT}" y1="${TOP}" x2="${WIDTH - 10}" y2="${TOP}" class="grid"></line>
${options.columns.map((column, i) => {
  const x = LEFT + i * slot + (slot - barWidth) / 2;
  let base = TOP + plot;
  const parts = options.series.map((s) => {
    const h = scale(column.values[s.key] ?? 0);
    base -= h;
    return h > 0
      ? html`<rect x="${x.toFixed(1)}" y="${base.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" class="s-${s.key}"></rect>`
      : '';
  });
  const tick =
    i % every === 0
      ? html`<text x="${(x + barWidth / 2).toFixed(1)}" y="${TOP + plot + 14}" text-anchor="middle" class="tick">${column.label}</text>`
      : '';
  return html`<g>${parts}${tick}</g>`;
})}
${options.series.map(
  (s, i) =>
    html`<rect x="${LEFT + i * 150}" y="${HEIGHT + 6}" width="12" height="12" class="s-${s.key}"></rect><text x="${LEFT + i * 150 + 18}" y="${HEIGHT + 16}" class="label">${s.label}</text>`,
)}
</svg>`;
}

/** 1, 2, 5 × 10^n at or above `value`, so the axis reads cleanly. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
