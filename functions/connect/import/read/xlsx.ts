import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SaxesParser } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { badRequest } from '@dyocense/core';
import type { Cell, SheetRow } from '../logic/cells';

/*
 * An XLSX file is a zip of XML parts. Excel and exceljs store the worksheets before the shared
 * strings and styles they need (exceljs even before the workbook that names them), so a sheet
 * can only be read once the whole file is there. exceljs's streaming reader spools such sheets
 * to temporary files that outlive an early stop, and one of their streams can fail with no
 * listener, which crashes the process. So the body is spooled here to a temporary file of our
 * own, the zip read by random access from its central directory with yauzl and the sheet
 * streamed through saxes; only the shared strings are held in memory. Every stream is ended,
 * the zip file closed and the temporary file removed before the rows end, however they end.
 */

/** The file is not a workbook we can read: the uploader's fault, answered with a 400. */
class Unreadable extends Error {}

// ---------------------------------------------------------------------------- zip

/** A workbook lists a few hundred parts at most; a larger directory is not worth the memory. */
const MAX_ENTRIES = 100_000;

/**
 * yauzl reports a damaged, cut or invalid archive with plain errors. Only errors of the file
 * system (which name their syscall) are not the uploader's fault, so they pass on as they are.
 */
function unreadable(err: unknown, what: string): unknown {
  if (err instanceof Unreadable || !(err instanceof Error) || 'syscall' in err) return err;
  return new Unreadable(`${what} (${err.message})`);
}

/** The zip file at `path` and its entries by lower-cased name (OPC part names are not case-sensitive). */
async function openZip(path: string): Promise<{ zip: ZipFile; entries: Map<string, Entry> }> {
  let zip: ZipFile;
  try {
    // autoClose off: the parts are read after the listing, and the file is closed by closeZip.
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true });
  } catch (err) {
    throw unreadable(err, 'the zip archive is damaged or incomplete');
  }
  // Listing errors come through eachEntry(); one from closing the file must not go unhandled.
  zip.on('error', () => {});
  const entries = new Map<string, Entry>();
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new Unreadable('the zip archive has too many entries for a workbook');
    for await (const entry of zip.eachEntry()) {
      if (!entry.fileName.endsWith('/')) entries.set(entry.fileName.toLowerCase(), entry); // not folders
    }
  } catch (err) {
    await closeZip(zip);
    throw unreadable(err, 'the zip archive is damaged');
  }
  return { zip, entries };
}

/** Closes the zip file and waits until its file descriptor is, which is once every part stream has ended. */
function closeZip(zip: ZipFile): Promise<void> {
  return new Promise((resolve) => {
    if (!zip.isOpen) return resolve(); // closed already: no 'close' event will come
    zip.once('close', resolve);
    zip.once('error', () => resolve()); // a failed close must not keep the temporary file
    zip.close();
  });
}

/** The inflated bytes of one entry; its stream is destroyed however the reading ends. */
async function* entryBytes(zip: ZipFile, entry: Entry): AsyncGenerator<Buffer> {
  if (entry.isEncrypted()) throw new Unreadable('the workbook is encrypted');
  if (!entry.canDecodeFileData()) throw new Unreadable(`${entry.fileName} is compressed with an unsupported method (${entry.compressionMethod})`);
  let stream: Readable | undefined;
  try {
    stream = await zip.openReadStreamPromise(entry);
    stream.on('error', () => {}); // errors surface through the iteration; none may come unhandled after it
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (err) {
    throw unreadable(err, `${entry.fileName} is damaged`);
  } finally {
    stream?.destroy(); // releases yauzl's hold on the file, so that closeZip can close it
  }
}

// ---------------------------------------------------------------------------- XML

interface XmlVisitor {
  open?(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

/** Element names without their namespace prefix: some writers use `x:row` for `row`. */
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Parses one XML part with saxes, a chunk at a time, and yields after each chunk so that the
 * caller can pass on what the visitor has collected (memory stays bounded by the chunk).
 */
async function* readXml(zip: ZipFile, entry: Entry, visitor: XmlVisitor): AsyncGenerator<void> {
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => visitor.open?.(localName(tag.name), tag.attributes as Record<string, string>));
  parser.on('text', (text) => visitor.text?.(text));
  parser.on('cdata', (text) => visitor.text?.(text));
  parser.on('closetag', (tag) => visitor.close?.(localName(tag.name)));
  const decoder = new TextDecoder(); // keeps characters split across chunks whole
  const write = (text: string, last = false) => {
    try {
      parser.write(text);
      if (last) parser.close();
    } catch (err) {
      if (err instanceof Unreadable) throw err;
      throw new Unreadable(`${entry.fileName} is not valid XML (${(err as Error).message})`);
    }
  };
  for await (const chunk of entryBytes(zip, entry)) {
    write(decoder.decode(chunk, { stream: true }));
    yield;
  }
  write(decoder.decode(), true);
}

async function readWholeXml(zip: ZipFile, entry: Entry, visitor: XmlVisitor): Promise<void> {
  for await (const _ of readXml(zip, entry, visitor));
}

// ---------------------------------------------------------------------------- workbook

interface Workbook {
  entries: Map<string, Entry>;
  /** The worksheets in the workbook's order, with the names of their parts. */
  sheets: { name: string; part: string }[];
  strings: string[];
  /** By cell style index: whether the style's number format shows a date. */
  dateStyles: boolean[];
  date1904: boolean;
}

/** OOXML escapes characters XML cannot carry as _xHHHH_ (and a literal "_x" as _x005F_x). */
const unescape = (text: string) => text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Built-in number formats that show dates or times (ECMA-376 18.8.30, with the East Asian ones). */
const isBuiltInDate = (id: number) => (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);

/** A custom format code shows a date or time if, outside quoted text, escapes and [colour] or [$-locale] blocks, it has d, m, y, h or s. */
const isDateCode = (code: string) => /[dmyhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\.|[_*]./g, ''));

/** Relationship targets are relative to the part's folder, or absolute from the package root. */
const resolveTarget = (from: string, target: string) => (target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(posix.dirname(from), target)));
const relsOf = (part: string) => posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);

async function readRels(zip: ZipFile, entries: Map<string, Entry>, part: string): Promise<{ id: string; type: string; target: string }[]> {
  const entry = entries.get(relsOf(part).toLowerCase());
  const rels: { id: string; type: string; target: string }[] = [];
  if (entry) {
    await readWholeXml(zip, entry, {
      open(name, a) {
        if (name === 'Relationship' && a.Target && a.TargetMode !== 'External') rels.push({ id: a.Id ?? '', type: a.Type ?? '', target: resolveTarget(part, a.Target) });
      },
    });
  }
  return rels;
}

/** The zip entry of a part (OPC part names are not case-sensitive). */
function partOf(book: Workbook, name: string): Entry {
  const entry = book.entries.get(name.toLowerCase());
  if (!entry) throw new Unreadable(`its part ${name} is missing`);
  return entry;
}

async function openWorkbook(zip: ZipFile, entries: Map<string, Entry>): Promise<Workbook> {
  const rootRels = await readRels(zip, entries, '');
  const bookPart = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const bookEntry = entries.get(bookPart.toLowerCase());
  if (!bookEntry) throw new Unreadable('it has no workbook part (is it an Excel workbook?)');
  const rels = await readRels(zip, entries, bookPart);
  const book: Workbook = { entries, sheets: [], strings: [], dateStyles: [], date1904: false };
  await readWholeXml(zip, bookEntry, {
    open(name, a) {
      if (name === 'workbookPr') book.date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      const id = Object.entries(a).find(([key]) => key.endsWith(':id'))?.[1];
      const rel = rels.find((r) => r.id === id);
      // Chart and dialog sheets are listed too; they have no rows.
      if (rel?.type.endsWith('/worksheet')) book.sheets.push({ name: a.name ?? '', part: rel.target });
    },
  });

  const shared = rels.find((r) => r.type.endsWith('/sharedStrings'));
  if (shared) {
    let text = '';
    let phonetic = false; // <rPh> runs hold a reading guide, not shown text
    let inText = false;
    await readWholeXml(zip, partOf(book, shared.target), {
      open(name) {
        if (name === 'si') text = '';
        else if (name === 'rPh') phonetic = true;
        else if (name === 't') inText = !phonetic;
      },
      text(t) {
        if (inText) text += t;
      },
      close(name) {
        if (name === 'si') book.strings.push(unescape(text));
        else if (name === 'rPh') phonetic = false;
        else if (name === 't') inText = false;
      },
    });
  }

  const styles = rels.find((r) => r.type.endsWith('/styles'));
  if (styles) {
    const formats = new Map<number, string>();
    const xfs: number[] = [];
    let within = ''; // only <numFmts> define formats and only <cellXfs> are cell styles
    await readWholeXml(zip, partOf(book, styles.target), {
      open(name, a) {
        if (name === 'numFmts' || name === 'cellXfs') within = name;
        else if (name === 'numFmt' && within === 'numFmts') formats.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (name === 'xf' && within === 'cellXfs') xfs.push(Number(a.numFmtId ?? 0));
      },
      close(name) {
        if (name === within) within = '';
      },
    });
    book.dateStyles = xfs.map((id) => (formats.has(id) ? isDateCode(formats.get(id)!) : isBuiltInDate(id)));
  }
  return book;
}

// ---------------------------------------------------------------------------- worksheet

const MAX_COLUMN = 16_384; // XFD, Excel's last column

/** The column number (A = 1) of a cell reference such as "AB12", or undefined without letters. */
function columnOf(ref: string): number | undefined {
  let column = 0;
  for (const ch of ref.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  return column || undefined;
}

/** Excel's serial days (fractions are the time of day) as the instant they show in UTC. */
const serialDate = (days: number, date1904: boolean) => new Date(Math.round((days - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

/** A cell's value as its sheet shows it, from its type, style and <v> (or inline string) text. */
function cellValue(book: Workbook, type: string, style: number, raw: string): Cell {
  switch (type) {
    case 's':
      return book.strings[Number(raw)] ?? null;
    case 'inlineStr':
    case 'str': // a formula's text result
      return unescape(raw);
    case 'b':
      return ['1', 'true'].includes(raw.trim().toLowerCase());
    case 'e': // an error such as #DIV/0!, shown as it is
      return raw;
    case 'd': {
      // ISO 8601; without a zone it is the time the sheet shows, taken as UTC like serial days
      const date = new Date(/T[^Z+-]*$/.test(raw) ? `${raw}Z` : raw);
      return Number.isNaN(date.getTime()) ? raw : date;
    }
    default: {
      if (raw.trim() === '') return null;
      const number = Number(raw);
      if (Number.isNaN(number)) return raw;
      return book.dateStyles[style] ? serialDate(number, book.date1904) : number;
    }
  }
}

/** The rows of one worksheet, as they are parsed: a row is handed on once its </row> is read. */
async function* sheetRows(zip: ZipFile, book: Workbook, sheet: { name: string; part: string }): AsyncGenerator<SheetRow & { sheet: string }> {
  const ready: (SheetRow & { sheet: string })[] = [];
  let number = 0;
  let cells: Cell[] | undefined;
  let column = 0;
  let type = 'n';
  let style = 0;
  let value: string | undefined; // of the current cell, once its <v> or <is> is read
  let inValue = false;
  let inline = false;
  let phonetic = false;
  const visitor: XmlVisitor = {
    open(name, a) {
      switch (name) {
        case 'row':
          number = a.r ? Number(a.r) : number + 1; // rows and cells may leave out their references
          cells = [];
          column = 0;
          break;
        case 'c':
          column = (a.r && columnOf(a.r)) || column + 1;
          if (column > MAX_COLUMN) throw new Unreadable(`${sheet.name} has a cell beyond column XFD (${a.r})`);
          type = a.t ?? 'n';
          style = Number(a.s ?? 0);
          value = undefined;
          break;
        case 'v':
          value = '';
          inValue = true;
          break;
        case 'is':
          value = '';
          inline = true;
          break;
        case 'rPh':
          phonetic = true;
          break;
        case 't':
          inValue = inline && !phonetic;
          break;
      }
    },
    text(t) {
      if (inValue) value += t;
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          inValue = false;
          break;
        case 'is':
          inline = false;
          break;
        case 'rPh':
          phonetic = false;
          break;
        case 'c':
          if (cells && value !== undefined) {
            const cell = cellValue(book, type, style, value);
            if (cell !== null) cells[column - 1] = cell;
          }
          break;
        case 'row':
          if (cells) ready.push({ number, cells: Array.from(cells, (c) => c ?? null), sheet: sheet.name });
          cells = undefined;
          break;
      }
    },
  };
  for await (const _ of readXml(zip, partOf(book, sheet.part), visitor)) {
    yield* ready;
    ready.length = 0;
  }
  yield* ready;
}

// ---------------------------------------------------------------------------- rows

/**
 * The rows of one worksheet of an XLSX body (the first one if none is named). Cells come typed:
 * shared and inline strings, numbers, booleans, errors as their text, formulas as their last
 * computed value, and numbers formatted as dates or times as dates.
 */
export async function* xlsxRows(body: Readable, sheet?: string): AsyncGenerator<SheetRow & { sheet: string }> {
  let folder: string | undefined;
  let zip: ZipFile | undefined;
  try {
    folder = await mkdtemp(join(tmpdir(), 'dyocense-xlsx-'));
    const path = join(folder, 'upload.xlsx');
    await pipeline(body, createWriteStream(path)); // an error of the body (a 413) comes out as it is
    const opened = await openZip(path);
    zip = opened.zip;
    const book = await openWorkbook(zip, opened.entries);
    const target = sheet === undefined ? book.sheets[0] : book.sheets.find((s) => s.name === sheet);
    if (target) yield* sheetRows(zip, book, target);
    else if (sheet !== undefined) {
      const names = book.sheets.map((s) => s.name).join(', ') || 'none';
      throw badRequest(`The workbook has no worksheet "${sheet}" (worksheets: ${names}).`, [{ path: 'sheet', message: 'no such worksheet' }]);
    }
  } catch (err) {
    if (err instanceof Unreadable) throw badRequest(`The file is not a readable XLSX workbook: ${err.message}`);
    throw err;
  } finally {
    body.destroy();
    if (zip) await closeZip(zip); // every part stream is over by now
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}
