import { html, type SafeHtml } from '../html.js';

export interface Bar {
  label: string;
  value: number;
  /** A part of the value drawn darker inside the bar (e.g. identified within received). */
  part?: number;
  /** Shown after the bar instead of the value. */
  text?: string;
}

const ROW = 26;
const BAR = 16;
/** Room for the value after a bar, and roughly how wide a 13px character is. */
const VALUE = 96;
const CHAR = 7.6;

/**
 * Horizontal bars drawn by the server as SVG: no script, no library, a few hundred bytes. The numbers
 * are beside it in a table (the chart is `aria-hidden` only in the sense that its label names it).
 */
export function barChart(options: {
  title: string;
  bars: readonly Bar[];
  /** The value of a full-width bar; defaults to the largest value (100 for percentages). */
  max?: number;
  tone?: string;
  /** For a narrow column (a card, small multiples): drawn at 360 units so its text stays legible. */
  compact?: boolean;
}): SafeHtml {
  const WIDTH = options.compact ? 360 : 640;
  const LABEL = options.compact ? 132 : 230;
  const max = options.max ?? Math.max(1, ...options.bars.map((bar) => bar.value));
  const span = WIDTH - LABEL - VALUE;
  const height = options.bars.length * ROW + 4;
  const width = (value: number) => Math.max(value > 0 ? 2 : 0, Math.round((value / max) * span));
  return html`<svg class="chart bars ${options.compact ? 'compact' : ''} ${options.tone ?? ''}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${options.title}" preserveAspectRatio="xMinYMin meet">
${options.bars.map((bar, i) => {
  const y = i * ROW + 4;
  return html`<g>
<text x="${LABEL - 8}" y="${y + BAR - 3}" text-anchor="end" class="label">${truncate(bar.label, Math.floor((LABEL - 10) / CHAR))}</text>
<rect x="${LABEL}" y="${y}" width="${span}" height="${BAR}" class="track"></rect>
<rect x="${LABEL}" y="${y}" width="${width(bar.value)}" height="${BAR}" class="bar"></rect>
${bar.part === undefined ? '' : html`<rect x="${LABEL}" y="${y}" width="${width(bar.part)}" height="${BAR}" class="part"></rect>`}
<text x="${LABEL + span + 6}" y="${y + BAR - 3}" class="value">${bar.text ?? String(bar.value)}</text>
</g>`;
})}
</svg>`;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
