import { formatChange, formatValue } from '../format';

interface KpiCardProps {
  label: string;
  value: number | null;
  unit: string;
  changePercent: number | null;
  /** Whether a rise is good news for this metric (costs and refunds: no). */
  upIsGood: boolean;
  period: string;
}

export function KpiCard({ label, value, unit, changePercent, upIsGood, period }: KpiCardProps) {
  const tone = changePercent === null || changePercent === 0 ? 'flat' : changePercent > 0 === upIsGood ? 'good' : 'bad';
  return (
    <div class="kpi">
      <p class="kpi__label">{label}</p>
      <p class="kpi__value">{formatValue(value, unit)}</p>
      <p class={`kpi__change kpi__change--${tone}`}>
        {formatChange(changePercent)} <span class="kpi__period">{period}</span>
      </p>
    </div>
  );
}
