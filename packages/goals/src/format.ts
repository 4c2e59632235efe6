// Numbers and dates the way an owner reads them: "$12,400", "4.9%", "31 Mar 2026".

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CURRENCY_SYMBOLS: Record<string, string> = { $: '$', usd: '$', eur: '€', '€': '€', gbp: '£', '£': '£' };

export function formatNumber(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : 2;
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(value);
}

export function formatAmount(value: number, unit: string): string {
  const symbol = CURRENCY_SYMBOLS[unit.trim().toLowerCase()];
  if (symbol !== undefined) return `${value < 0 ? '-' : ''}${symbol}${formatNumber(Math.abs(value))}`;
  if (unit === '%') return `${formatNumber(value)}%`;
  return unit.trim() === '' ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
}

/** 0.175 → "17.5%" */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** "2026-03-31" → "31 Mar 2026" */
export function formatDate(isoDay: string): string {
  const [year, month, day] = isoDay.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

/** A metric label mid-sentence: "Labour cost" → "labour cost", but "AOV" stays "AOV". */
export function inSentence(label: string): string {
  const second = label.charAt(1);
  return second !== '' && second === second.toLowerCase() && second !== second.toUpperCase()
    ? label.charAt(0).toLowerCase() + label.slice(1)
    : label;
}

/** Round for evidence fields so stored numbers stay readable. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
