import { badRequest, type FieldError } from '@dyocense/core';
import type { MetricDefinition } from '@dyocense/metrics';
import { isBlank, type SheetRow } from './logic/cells';
import { proposeMapping, resolveMapping } from './logic/detect';
import { profileFile, type FileProfile } from './logic/profile';
import { MappingOverride, type Mapping } from './schema';

export interface FileHead {
  /** The first non-empty row: the column names. Null for a file without one. */
  header: SheetRow | null;
  sample: SheetRow[];
  /** The rows after the sample, still unread. */
  rest: AsyncIterator<SheetRow>;
}

/** Reads the header and up to `size` rows after it; the rest stays in the stream. */
export async function readHead(rows: AsyncIterator<SheetRow>, size: number): Promise<FileHead> {
  let header: SheetRow | null = null;
  const sample: SheetRow[] = [];
  while (sample.length < size) {
    const next = await rows.next();
    if (next.done) break;
    if (!header) {
      if (!next.value.cells.every(isBlank)) header = next.value;
      continue;
    }
    sample.push(next.value);
  }
  return { header, sample, rest: rows };
}

export interface Analysis {
  profile: FileProfile;
  columns: string[];
  mapping: Mapping | null;
  /** What the proposal did with each column, for the preview. */
  roles: Map<string, string>;
  problems: FieldError[];
  warnings: string[];
}

/** Profiles the head of a file, proposes a mapping, and lays the caller's override over it. */
export function analyse(head: FileHead, override: MappingOverride | undefined, catalog: ReadonlyMap<string, MetricDefinition>, delimiter?: string): Analysis {
  const profile = profileFile(head.header?.cells ?? [], head.sample.map((r) => r.cells), delimiter);
  const columns = profile.columns.map((c) => c.name);
  const proposal = proposeMapping(profile, catalog);
  const { mapping, problems } = resolveMapping(proposal, override, profile, catalog);
  if (!head.header) problems.unshift({ path: 'file', message: 'the file has no rows' });
  const roles = new Map<string, string>(columns.map((c) => [c, 'ignored']));
  // An incomplete mapping still shows what detection made of each column.
  const shown = mapping ?? { metrics: [], dimensions: [], ...proposal.mapping };
  if (shown.time) roles.set(shown.time.column, 'time');
  for (const m of shown.metrics ?? []) roles.set(m.column, `metric:${m.metric}`);
  if (shown.metricColumn) roles.set(shown.metricColumn, 'metric name');
  if (shown.valueColumn) roles.set(shown.valueColumn, 'value');
  for (const d of shown.dimensions ?? []) roles.set(d.column, `dimension:${d.name}`);
  // Warnings about guesses the caller has settled no longer apply.
  const settledDate = override?.time?.format !== undefined && override.time.format !== 'auto';
  const settledDecimal = override?.decimal !== undefined && override.decimal !== 'auto';
  const warnings = proposal.warnings.filter((w) => !(settledDate && w.startsWith('Dates in')) && !(settledDecimal && w.startsWith('No number showed')));
  return { profile, columns, mapping, roles, problems, warnings };
}

/** The `mapping` override as sent (JSON text), checked; problems at `mapping.<path>`. */
export function parseOverride(text: string | undefined): MappingOverride | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest('The mapping is not valid JSON.', [{ path: 'mapping', message: 'not valid JSON' }]);
  }
  const parsed = MappingOverride.safeParse(json);
  if (!parsed.success) {
    throw badRequest(
      'The mapping is not valid.',
      parsed.error.issues.map((i) => ({ path: ['mapping', ...i.path].join('.'), message: i.message })),
    );
  }
  return parsed.data;
}
