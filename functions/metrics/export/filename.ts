// Content-Disposition for a download (RFC 6266): an ASCII `filename` for old clients and a
// UTF-8 `filename*` (RFC 5987) so "Café – ventes" keeps its accents where supported.
import type { ExportFormat } from './types';

const MAX_NAME = 100;

function truncate(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

// ASCII only, no quotes, slashes or separators a header parser could trip on.
export function asciiFileName(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return truncate(ascii, MAX_NAME).replace(/[-.]+$/, '') || 'export';
}

// Unicode kept, but path separators, quotes and control characters replaced.
function unicodeFileName(title: string): string {
  const name = title
    .replace(/[\u0000-\u001f\u007f/\\"<>:|?*]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return truncate(name, MAX_NAME).trim() || 'export';
}

// encodeURIComponent leaves ' ( ) * unescaped, but RFC 5987 attr-char does not allow them.
function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDispositionFor(title: string, format: ExportFormat): string {
  const ascii = `${asciiFileName(title)}.${format}`;
  const unicode = `${unicodeFileName(title)}.${format}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(unicode)}`;
}
