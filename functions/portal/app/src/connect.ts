import { apiRequest, withQuery } from './api';
import { postForEvents } from './sse';

export interface Source {
  id: string;
  type: 'stripe' | 'shopify' | 'quickbooks' | 'csv';
  name: string;
  status: string;
  externalAccountId: string | null;
  lastSyncAt: string | null;
  lastError: string | null;
}

export interface Preview {
  fileName: string;
  rowsSampled: number;
  columns: { name: string; type: string; proposed: string; samples: string[]; dateAmbiguous?: boolean }[];
  mapping: unknown | null;
  problems: { path: string; message: string }[];
  warnings: string[];
  points: { row: number; metric: string; time: string; value: number; dimensions: Record<string, string> }[];
}

export interface ImportResult {
  id: string;
  status: string;
  rowsRead: number;
  pointsWritten: number;
  series: number;
  from: string | null;
  to: string | null;
  errorCount: number;
  errorsUrl: string | null;
  failure: string | null;
}

export type ImportEvent =
  | { event: 'accepted'; data: { id: string } }
  | { event: 'progress'; data: { rowsRead: number; bytes: number } }
  | { event: 'completed'; data: ImportResult }
  | { event: 'failed'; data: { import?: ImportResult; problem: { detail?: string; title: string } } };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const contentTypeOf = (file: File) => (/\.xlsx$/i.test(file.name) ? XLSX : 'text/csv');

const PREVIEW_BYTES = 256 * 1024;

/** The first rows are enough to propose a mapping, so only the head of a large CSV is sent, cut at a line break. */
export async function previewFile(file: File): Promise<Preview> {
  if (/\.xlsx$/i.test(file.name) || file.size <= PREVIEW_BYTES) return fetchPreview(file, file);
  const text = await file.slice(0, PREVIEW_BYTES).text();
  return fetchPreview(file, new Blob([text.slice(0, text.lastIndexOf('\n') + 1)]));
}

async function fetchPreview(file: File, body: Blob): Promise<Preview> {
  const response = await fetch(withQuery('/api/connect/import/preview', { filename: file.name, rows: 20 }), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': contentTypeOf(file), Accept: 'application/json, application/problem+json' },
    body,
  });
  const data = (await response.json().catch(() => ({}))) as Preview & { detail?: string; title?: string };
  if (!response.ok) throw new Error(data.detail ?? data.title ?? 'The file could not be read.');
  return data;
}

/** Uploads the whole file, streamed; progress and the outcome arrive as events. */
export const importFile = (file: File, onEvent: (e: ImportEvent) => void) =>
  postForEvents(withQuery('/api/connect/import', { filename: file.name }), { body: file, contentType: contentTypeOf(file) }, (e) => onEvent(e as ImportEvent));

export const listSources = () => apiRequest<{ sources: Source[] }>('GET', '/api/connect/sources').then((r) => r.sources);

export const syncSource = (id: string) => apiRequest<unknown>('POST', `/api/connect/sources/${encodeURIComponent(id)}/sync`);

export const setPaused = (id: string, paused: boolean) => apiRequest<unknown>('POST', `/api/connect/sources/${encodeURIComponent(id)}/${paused ? 'pause' : 'resume'}`);
