// Number formatting for explanations an owner reads.

export function money(x: number, symbol = '$'): string {
  const sign = x < 0 ? '-' : '';
  const abs = Math.abs(x);
  const digits = abs >= 1000 ? 0 : 2;
  return `${sign}${symbol}${abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

export function qty(x: number, maxDigits = 1): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: maxDigits });
}

export function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${qty(n)} ${n === 1 ? one : many}`;
}
