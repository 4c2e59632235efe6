import { formatDay, formatValue } from '../format';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** 'main' is drawn solid, 'comparison' dashed and muted. */
  style?: 'main' | 'comparison';
}

export interface ChartBand {
  label: string;
  lower: (number | null)[];
  upper: (number | null)[];
}

interface LineChartProps {
  /** One label (a day or bucket start) per position, shared by every series. */
  buckets: string[];
  series: ChartSeries[];
  /** A shaded range, e.g. a forecast's prediction interval. */
  band?: ChartBand;
  unit: string;
  title: string;
  height?: number;
}

const WIDTH = 720;
const PAD = { top: 12, right: 12, bottom: 28, left: 64 };

/**
 * A dependency-free SVG line chart. It scales to its container; the numbers it draws are
 * also given to screen readers as a summary, since a picture alone says nothing to them.
 */
export function LineChart({ buckets, series, band, unit, title, height = 240 }: LineChartProps) {
  const all = [...series.flatMap((s) => s.values), ...(band ? [...band.lower, ...band.upper] : [])].filter((v): v is number => v !== null && Number.isFinite(v));
  if (buckets.length === 0 || all.length === 0) return <p class="chart__empty">No data in this range.</p>;
  const [min, max] = niceRange(Math.min(0, ...all), Math.max(...all));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (buckets.length === 1 ? innerW / 2 : (i / (buckets.length - 1)) * innerW);
  const y = (v: number) => PAD.top + innerH - ((v - min) / (max - min || 1)) * innerH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => min + f * (max - min));
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 6));
  const main = series.find((s) => s.style !== 'comparison') ?? series[0]!;
  const lastValue = [...main.values].reverse().find((v) => v !== null) ?? null;

  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${title}: ${buckets.length} points from ${formatDay(buckets[0]!)} to ${formatDay(buckets.at(-1)!)}, latest ${formatValue(lastValue, unit)}`}>
        {ticks.map((t) => (
          <g key={t}>
            <line class="chart__grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} />
            <text class="chart__tick" x={PAD.left - 8} y={y(t) + 4} text-anchor="end">
              {formatValue(t, unit, { compact: true })}
            </text>
          </g>
        ))}
        {buckets.map((b, i) =>
          i % labelEvery === 0 ? (
            <text key={b} class="chart__tick" x={x(i)} y={height - 8} text-anchor="middle">
              {formatDay(b, { year: false })}
            </text>
          ) : null,
        )}
        {band && <path class="chart__band" d={areaPath(band.lower, band.upper, x, y)} />}
        {series.map((s) => (
          <path key={s.label} class={s.style === 'comparison' ? 'chart__line chart__line--comparison' : 'chart__line'} d={linePath(s.values, x, y)} />
        ))}
      </svg>
      {(series.length > 1 || band) && (
        <figcaption class="chart__legend">
          {series.map((s) => (
            <span key={s.label} class={s.style === 'comparison' ? 'legend legend--comparison' : 'legend'}>
              {s.label}
            </span>
          ))}
          {band && <span class="legend legend--band">{band.label}</span>}
        </figcaption>
      )}
    </figure>
  );
}

/** Rounds the axis to a step of 1, 2 or 5 × 10ⁿ so tick labels read cleanly. */
function niceRange(low: number, high: number): [number, number] {
  if (low === high) return [low - 1, high + 1];
  const raw = (high - low) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return [Math.floor(low / step) * step, Math.ceil(high / step) * step];
}

/** Gaps (nulls) break the line instead of drawing through missing days. */
function linePath(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

function areaPath(lower: (number | null)[], upper: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  const idx = lower.map((_, i) => i).filter((i) => lower[i] !== null && upper[i] !== null);
  if (idx.length === 0) return '';
  const top = idx.map((i, k) => `${k === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(upper[i]!).toFixed(1)}`).join('');
  const bottom = [...idx].reverse().map((i) => `L${x(i).toFixed(1)},${y(lower[i]!).toFixed(1)}`).join('');
  return `${top}${bottom}Z`;
}
