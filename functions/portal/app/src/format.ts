// Numbers as an owner reads them: money with its currency, counts with separators, changes signed.

const CURRENCIES = new Set(['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'CHF', 'NZD', 'SEK', 'NOK', 'DKK', 'INR']);

export function formatValue(value: number | null | undefined, unit: string, options: { compact?: boolean } = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const compact = options.compact && Math.abs(value) >= 10_000;
  if (CURRENCIES.has(unit)) {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: unit,
      notation: compact ? 'compact' : 'standard',
      maximumFractionDigits: compact ? 1 : Number.isInteger(value) || Math.abs(value) >= 1000 ? 0 : 2,
    }).format(value);
  }
  if (unit === 'percent' || unit === '%') return `${formatNumber(value)}%`;
  const text = new Intl.NumberFormat('en-US', { notation: compact ? 'compact' : 'standard', maximumFractionDigits: compact ? 1 : Math.abs(value) >= 100 ? 0 : 1 }).format(value);
  return unit === 'count' || unit === '' ? text : `${text} ${unit}`;
}

export const formatNumber = (value: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(value);

/** +4.2% / −3.0%, with a real minus sign. */
export function formatChange(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '±';
  return `${sign}${Math.abs(percent).toFixed(1)}%`;
}

/** '2026-11-03…' → 'Nov 3, 2026' (dates are business days, shown as written, not shifted by time zone). */
export function formatDay(day: string, options: { year?: boolean } = { year: true }): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: options.year ? 'numeric' : undefined, timeZone: 'UTC' });
}

/** The first day (YYYY-MM-DD) of the week (from Monday) or month holding `day`; other buckets start on the day itself. */
export function bucketStartDay(day: string, bucket: 'hour' | 'day' | 'week' | 'month'): string {
  if (bucket === 'month') return `${day.slice(0, 7)}-01`;
  if (bucket !== 'week') return day;
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

/** YYYY-MM-DD of the day `days` before today (UTC), the way the API takes ranges. */
export function dayOffset(days: number, from = new Date()): string {
  return new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()) - days * 86_400_000).toISOString().slice(0, 10);
}
