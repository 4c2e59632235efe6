import type { NumberFormat } from '@dyocense/llm';

/** How a metric's amounts are shown: dollars for USD, hours, otherwise whole counts/units. */
export function amountFormat(unit: string): NumberFormat {
  if (unit === 'USD') return 'money';
  if (unit === 'hours') return 'hours';
  if (unit === 'count') return 'count';
  return 'decimal';
}
