import type { MetricDefinition } from '../metrics';

interface MetricSelectProps {
  metrics: MetricDefinition[];
  /** Controlled: the chosen metric and what to do on change. */
  value?: string;
  onChange?: (metric: string) => void;
  /** Uncontrolled, read from the form: its field name and first choice. */
  name?: string;
  initial?: string;
}

/** The catalog's metrics by their labels. */
export function MetricSelect({ metrics, value, onChange, name, initial }: MetricSelectProps) {
  return (
    <select name={name} value={value} defaultValue={initial} onChange={onChange && ((e) => onChange(e.currentTarget.value))}>
      {metrics.map((m) => (
        <option key={m.name} value={m.name}>
          {m.label}
        </option>
      ))}
    </select>
  );
}
