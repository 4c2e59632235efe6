import { EvidenceInputError } from './errors';

export interface PanelObservation {
  /** A location, product or channel; the same unit must keep the same `treated` flag. */
  unit: string;
  /** Period index (e.g. week number); the action starts at `actionTime`. */
  time: number;
  value: number;
  treated: boolean;
}

export interface PanelIndex {
  units: string[];
  times: number[];
  treatedUnits: Set<string>;
}

/** Validates a panel and lists its units and periods in a stable order. */
export function indexPanel(observations: readonly PanelObservation[], actionTime: number): PanelIndex {
  if (!Array.isArray(observations) || observations.length < 4) throw new EvidenceInputError('observations', 'needs at least 4 observations');
  if (!Number.isFinite(actionTime)) throw new EvidenceInputError('actionTime', 'must be a finite number');
  const treatedOf = new Map<string, boolean>();
  const seen = new Set<string>();
  observations.forEach((o, i) => {
    if (typeof o.unit !== 'string' || !o.unit) throw new EvidenceInputError('observations', `row ${i} has no unit`);
    if (!Number.isFinite(o.time) || !Number.isFinite(o.value)) throw new EvidenceInputError('observations', `row ${i} has a non-finite time or value`);
    const prior = treatedOf.get(o.unit);
    if (prior !== undefined && prior !== Boolean(o.treated)) throw new EvidenceInputError('observations', `unit "${o.unit}" is both treated and untreated`);
    treatedOf.set(o.unit, Boolean(o.treated));
    const key = `${o.unit}\u0000${o.time}`;
    if (seen.has(key)) throw new EvidenceInputError('observations', `unit "${o.unit}" has two values at time ${o.time}`);
    seen.add(key);
  });
  const units = [...treatedOf.keys()].sort();
  const treatedUnits = new Set(units.filter((u) => treatedOf.get(u)));
  if (treatedUnits.size === 0) throw new EvidenceInputError('observations', 'no treated unit');
  if (treatedUnits.size === units.length) throw new EvidenceInputError('observations', 'needs at least one untreated comparison unit');
  const times = [...new Set(observations.map((o) => o.time))].sort((a, b) => a - b);
  if (!times.some((t) => t < actionTime) || !times.some((t) => t >= actionTime)) {
    throw new EvidenceInputError('actionTime', 'needs observations both before and from the action time');
  }
  return { units, times, treatedUnits };
}

/**
 * Sweeps unit and period fixed effects out of y and every column of X by alternating
 * projections (subtract unit means, then period means, until nothing changes; one pass when the
 * panel is balanced). By Frisch–Waugh–Lovell the remaining coefficients and residuals equal those
 * of the regression with unit and period dummies, which is far more expensive to solve.
 */
export function demeanTwoWay(observations: readonly PanelObservation[], X: number[][], y: number[]): { X: number[][]; y: number[]; absorbed: number } {
  const byUnit = groupIndices(observations.map((o) => o.unit));
  const byTime = groupIndices(observations.map((o) => String(o.time)));
  const columns = [y.slice(), ...Array.from({ length: X[0]?.length ?? 0 }, (_, j) => X.map((row) => row[j] as number))];
  for (const col of columns) {
    const scale = Math.max(1e-300, ...col.map(Math.abs));
    for (let iteration = 0; iteration < 10_000; iteration++) {
      const moved = Math.max(subtractGroupMeans(col, byUnit), subtractGroupMeans(col, byTime));
      if (moved <= 1e-14 * scale) break;
    }
  }
  const [yd, ...xd] = columns as [number[], ...number[][]];
  return { X: y.map((_, i) => xd.map((c) => c[i] as number)), y: yd, absorbed: byUnit.length + byTime.length - 1 };
}

function groupIndices(keys: readonly string[]): number[][] {
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const g = groups.get(k) ?? [];
    g.push(i);
    groups.set(k, g);
  });
  return [...groups.values()];
}

/** Subtracts each group's mean in place; returns the largest mean removed. */
function subtractGroupMeans(values: number[], groups: number[][]): number {
  let largest = 0;
  for (const rows of groups) {
    const mean = rows.reduce((s, i) => s + (values[i] as number), 0) / rows.length;
    largest = Math.max(largest, Math.abs(mean));
    for (const i of rows) values[i] = (values[i] as number) - mean;
  }
  return largest;
}
