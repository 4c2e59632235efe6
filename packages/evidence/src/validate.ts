import { EvidenceInputError } from './errors';

export function assertFiniteSeries(field: string, values: readonly number[], minLength: number): void {
  if (!Array.isArray(values)) throw new EvidenceInputError(field, 'must be an array of numbers');
  if (values.length < minLength) {
    throw new EvidenceInputError(field, `needs at least ${minLength} points, got ${values.length}`);
  }
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new EvidenceInputError(field, `value at index ${i} is not a finite number`);
    }
  });
}

export function assertSameLength(fieldA: string, a: readonly unknown[], fieldB: string, b: readonly unknown[]): void {
  if (a.length !== b.length) {
    throw new EvidenceInputError(fieldB, `length ${b.length} differs from ${fieldA} length ${a.length}`);
  }
}

export function assertInteger(field: string, value: number, min: number, max = Infinity): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EvidenceInputError(field, `must be an integer in [${min}, ${max}], got ${value}`);
  }
}

export function assertProbability(field: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new EvidenceInputError(field, `must be strictly between 0 and 1, got ${value}`);
}

/** Reads one numeric column from row objects, rejecting missing or non-finite cells. */
export function column(rows: readonly Record<string, number>[], name: string): number[] {
  return rows.map((row, i) => {
    const v = row[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new EvidenceInputError(name, `row ${i} has no finite value for "${name}"`);
    }
    return v;
  });
}

export function assertBinary(field: string, values: readonly number[]): void {
  values.forEach((v, i) => {
    if (v !== 0 && v !== 1) throw new EvidenceInputError(field, `must be 0 or 1, row ${i} is ${v}`);
  });
}
