import { request as httpRequest } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from '../../../tests/support/server';
import { signUp, TestClient } from '../../../tests/support/client';
import { testDatabaseKind } from '../../../tests/support/runtime';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let server: TestServer;
let owner: TestClient;
let other: TestClient;

type Problem = { type: string; status: number; detail: string; errors?: { path: string; message: string }[]; importId?: string; errorsUrl?: string; errorCount?: number };
type ImportResult = { id: string; status: string; rowsRead: number; pointsWritten: number; series: number; from: string | null; to: string | null; errorCount: number; fileName: string; format: string; mapping: Record<string, unknown>; warnings: string[]; durationMs: number; bytes: number };

/** Sends a body as it is (text, bytes, a stream or a form) with the client's session. */
async function send(client: TestClient, path: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return fetch(server.url + path, {
    method: 'POST',
    headers: { origin: server.url, cookie, ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

const importCsv = (client: TestClient, csv: string, query = '') => send(client, `/api/connect/import?filename=test.csv${query}`, csv, { 'content-type': 'text/csv' });

async function dailyTotal(client: TestClient, metric: string, from: string, to: string, groupBy?: string) {
  const res = await client.get(`/api/metrics/query?metric=${metric}&from=${from}&to=${to}&bucket=day${groupBy ? `&groupBy=${groupBy}` : ''}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { total: number | null; series: { group: string | null; total: number | null; points: { bucket: string; value: number | null }[] }[] };
}

async function xlsxFile(build: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet('Sales'), book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

beforeAll(async () => {
  server = await startTestServer();
  owner = new TestClient(server.url);
  await signUp(owner, { businessName: 'Import Bakery' });
  other = new TestClient(server.url);
  await signUp(other, { businessName: 'Other Shop' });
}, 60_000);
afterAll(() => server?.close());

describe('CSV import', () => {
  const csv = [
    'Date,Store,Net Sales ($),Transactions,Notes',
    '01/13/2024,North,"$1,204.50",88,rainy',
    '01/13/2024,South,$980.00,71,',
    '01/14/2024,North,"$1,100.25",80,"new menu, busy"',
    '01/14/2024,South,,75,closed early', // no revenue that day: no point, not an error
    '',
  ].join('\r\n');

  it('detects the mapping, writes every point, and re-imports without duplicating', async () => {
    const res = await importCsv(owner, csv);
    const body = (await res.json()) as ImportResult;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/connect/import/${body.id}`);
    expect(body).toMatchObject({ status: 'succeeded', format: 'csv', fileName: 'test.csv', rowsRead: 4, pointsWritten: 7, series: 4, from: '2024-01-13T00:00:00.000Z', to: '2024-01-14T00:00:00.000Z', errorCount: 0 });
    expect(body.mapping).toMatchObject({ time: { column: 'Date', format: 'mdy' }, metrics: [{ column: 'Net Sales ($)', metric: 'revenue' }, { column: 'Transactions', metric: 'orders' }], dimensions: [{ column: 'Store', name: 'store' }] });

    const revenue = await dailyTotal(owner, 'revenue', '2024-01-13', '2024-01-15', 'store');
    expect(revenue.total).toBeCloseTo(1204.5 + 980 + 1100.25, 6);
    expect(Object.fromEntries(revenue.series.map((s) => [s.group, s.total]))).toEqual({ North: 2304.75, South: 980 });
    expect((await dailyTotal(owner, 'orders', '2024-01-13', '2024-01-15')).total).toBe(88 + 71 + 80 + 75);

    const again = (await (await importCsv(owner, csv)).json()) as ImportResult;
    expect(again).toMatchObject({ status: 'succeeded', pointsWritten: 7 });
    expect((await dailyTotal(owner, 'revenue', '2024-01-13', '2024-01-15')).total).toBeCloseTo(3284.75, 6);

    const detail = (await (await owner.get(`/api/connect/import/${body.id}`)).json()) as ImportResult;
    expect(detail).toMatchObject({ id: body.id, status: 'succeeded', rowsRead: 4 });
    const list = (await (await owner.get('/api/connect/import')).json()) as { imports: ImportResult[] };
    expect(list.imports.map((i) => i.id).slice(0, 2)).toEqual([again.id, body.id]);
  });

  it('reads European files: semicolons, d.m.Y dates, 1.234,56 and euro signs', async () => {
    const eu = ['Datum;Filiale;Umsatz;Bestellungen', '31.01.2024;Mitte;1.234,56 €;12', '01.02.2024;Mitte;2.000,00 €;20', '02.02.2024;Nord;99,90 €;3'].join('\n');
    const preview = await send(owner, '/api/connect/import/preview?filename=eu.csv', eu, { 'content-type': 'text/csv' });
    const p = (await preview.json()) as Record<string, any>;
    expect(preview.status, JSON.stringify(p)).toBe(200);
    expect(p).toMatchObject({ format: 'csv', delimiter: ';', decimal: { mark: ',', ambiguous: false }, rowsSampled: 3 });
    expect(p.columns.map((c: any) => [c.name, c.type, c.proposed])).toEqual([
      ['Datum', 'date', 'time'],
      ['Filiale', 'text', 'dimension:filiale'],
      ['Umsatz', 'number', 'ignored'],
      ['Bestellungen', 'number', 'ignored'],
    ]);
    expect(p.columns[0].dateFormat).toBe('dmy');
    expect(p.columns[2].currency).toBe('EUR');
    // German headers name no metric: the preview says so, the user maps them.
    expect(p.mapping).toBeNull();
    expect(p.problems).toEqual([{ path: 'mapping.metrics', message: 'no column maps to a metric; map one as { column, metric }' }]);
    const mapping = JSON.stringify({ metrics: [{ column: 'Umsatz', metric: 'revenue' }, { column: 'Bestellungen', metric: 'orders' }] });
    const res = await send(owner, `/api/connect/import?filename=eu.csv&mapping=${encodeURIComponent(mapping)}`, eu, { 'content-type': 'text/csv' });
    const body = (await res.json()) as ImportResult;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.pointsWritten).toBe(6);
    const revenue = await dailyTotal(owner, 'revenue', '2024-01-31', '2024-02-03', 'filiale');
    expect(Object.fromEntries(revenue.series.map((s) => [s.group, s.total]))).toEqual({ Mitte: 3234.56, Nord: 99.9 });
  });

  it('takes overrides: the day-month order, a custom metric, and a long layout', async () => {
    const ambiguous = ['When,Sales,Tips', '02/03/2024,10,1', '04/05/2024,20,2'].join('\n');
    const p = (await (await send(owner, '/api/connect/import/preview', ambiguous, { 'content-type': 'text/csv' })).json()) as Record<string, any>;
    expect(p.columns[0]).toMatchObject({ dateFormat: 'mdy', dateAmbiguous: true });
    expect(p.warnings.join(' ')).toMatch(/month-first or day-first/);
    expect(p.points[0]).toMatchObject({ metric: 'revenue', time: '2024-02-03T00:00:00.000Z', value: 10 });

    expect((await owner.post('/api/metrics/catalog', { name: 'tips', label: 'Tips', unit: 'USD', aggregation: 'sum', direction: 'up', area: 'sales' })).status).toBe(201);
    const mapping = { time: { format: 'dmy' }, metrics: [{ column: 'Sales', metric: 'revenue' }, { column: 'Tips', metric: 'tips' }], source: 'pos_export' };
    const res = await importCsv(owner, ambiguous, `&mapping=${encodeURIComponent(JSON.stringify(mapping))}`);
    const body = (await res.json()) as ImportResult;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.warnings.join(' ')).not.toMatch(/month-first or day-first/);
    const tips = await dailyTotal(owner, 'tips', '2024-03-01', '2024-06-01');
    expect(tips.series[0]!.points.filter((x) => x.value !== null).map((x) => [x.bucket.slice(0, 10), x.value])).toEqual([
      ['2024-03-02', 1],
      ['2024-05-04', 2],
    ]);

    const long = ['day,metric,value,channel', '2024-03-10,marketing_spend,12.5,email', '2024-03-10,Website sessions,300,email', '2024-03-11,marketing_spend,7.5,ads'].join('\n');
    const longRes = (await (await importCsv(owner, long)).json()) as ImportResult;
    expect(longRes).toMatchObject({ status: 'succeeded', pointsWritten: 3, mapping: { layout: 'long', metricColumn: 'metric', valueColumn: 'value' } });
    expect((await dailyTotal(owner, 'marketing_spend', '2024-03-10', '2024-03-12')).total).toBe(20);
    expect((await dailyTotal(owner, 'website_sessions', '2024-03-10', '2024-03-12')).total).toBe(300);
  });

  it('reads Excel serial days and percentages', async () => {
    const serial = ['Order date,Gross margin', '45322,61.5%', '45323,58%'].join('\n');
    const body = (await (await importCsv(owner, serial)).json()) as ImportResult;
    expect(body).toMatchObject({ status: 'succeeded', pointsWritten: 2, mapping: { time: { format: 'excel_serial' }, metrics: [{ metric: 'gross_margin' }] } });
    const margin = await dailyTotal(owner, 'gross_margin', '2024-01-31', '2024-02-02');
    expect(margin.series[0]!.points.map((x) => x.value).slice(0, 2)).toEqual([61.5, 58]);
  });
});

describe('all or nothing, with an error report', () => {
  it('writes nothing when one row is bad and reports every bad cell', async () => {
    const rows = ['date,revenue,orders'];
    for (let d = 1; d <= 28; d++) rows.push(`2023-02-${String(d).padStart(2, '0')},${d * 10},${d}`);
    rows[10] = '2023-02-10,ten dollars,10'; // row 11
    rows[20] = '2023-02-30,200,20'; // row 21: no such day
    rows.push('2023-03-01,5,n/a'); // row 30
    const res = await importCsv(owner, rows.join('\n'));
    const problem = (await res.json()) as Problem;
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(problem).toMatchObject({ type: 'urn:dyocense:problem:validation', errorCount: 3, errorsUrl: `/api/connect/import/${problem.importId}/errors.csv` });
    expect(problem.detail).toMatch(/3 of 29 rows are not valid; nothing was imported/);
    expect(problem.errors!.map((e) => e.path)).toEqual(['rows.11.revenue', 'rows.21.date', 'rows.30.orders']);

    expect((await dailyTotal(owner, 'revenue', '2023-02-01', '2023-03-02')).total).toBeNull();
    expect((await dailyTotal(owner, 'orders', '2023-02-01', '2023-03-02')).total).toBeNull();

    const report = await owner.get(problem.errorsUrl!);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/text\/csv/);
    expect(report.headers.get('content-disposition')).toBe('attachment; filename="test-errors.csv"');
    const lines = (await report.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('row,column,value,message');
    expect(lines[1]).toBe('11,revenue,ten dollars,"expected a number written like 1,234.56"');
    expect(lines[2]).toMatch(/^21,date,2023-02-30,day 30 does not exist in 2023-02/);
    expect(lines[3]).toBe('30,orders,n/a,"expected a number written like 1,234.56"');

    const detail = (await (await owner.get(`/api/connect/import/${problem.importId}`)).json()) as ImportResult & { failure: string };
    expect(detail).toMatchObject({ status: 'failed', rowsRead: 29, errorCount: 3, pointsWritten: 0 });
  });

  it('refuses a file that gives the same point twice', async () => {
    const res = await importCsv(owner, 'date,store,revenue\n2024-06-01,a,1\n2024-06-01,b,2\n2024-06-01,a,3\n');
    const problem = (await res.json()) as Problem;
    expect(res.status).toBe(400);
    expect(problem.errors).toEqual([{ path: 'rows.4.date', message: expect.stringMatching(/repeats row 2/) }]);
    expect((await dailyTotal(owner, 'revenue', '2024-06-01', '2024-06-02')).total).toBeNull();
  });

  it('refuses a file whose columns cannot be mapped, naming the mapping fields', async () => {
    const res = await importCsv(owner, 'store,amount\nnorth,12\n');
    const problem = (await res.json()) as Problem;
    expect(res.status).toBe(400);
    expect(problem.errors).toContainEqual({ path: 'mapping.time.column', message: 'no column of dates was found; name the date column' });
    const bad = await importCsv(owner, 'date,revenue\n2024-01-01,1\n', `&mapping=${encodeURIComponent('{"metrics":[{"column":"revenue","metric":"nope"}]}')}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Problem).errors).toContainEqual({ path: 'mapping.metrics.0.metric', message: 'unknown metric "nope"; define it first (POST /api/metrics/catalog)' });
    const notJson = await importCsv(owner, 'date,revenue\n2024-01-01,1\n', '&mapping=%7Bnope');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as Problem).errors).toEqual([{ path: 'mapping', message: 'not valid JSON' }]);
    const unknownKey = await importCsv(owner, 'date,revenue\n2024-01-01,1\n', `&mapping=${encodeURIComponent('{"colour":"red"}')}`);
    expect(unknownKey.status).toBe(400);
  });
});

describe('XLSX import', () => {
  it('streams a workbook sent as multipart, with date cells, formulas and shared strings', async () => {
    const file = await xlsxFile((sheet) => {
      sheet.addRow(['Date', 'Channel', 'Revenue', 'Orders', 'Average ticket']);
      const days = [Date.UTC(2024, 3, 1), Date.UTC(2024, 3, 2), Date.UTC(2024, 3, 3)];
      days.forEach((t, i) => {
        const row = sheet.addRow([new Date(t), i % 2 ? 'web' : 'store', 100 * (i + 1), 4 * (i + 1)]);
        row.getCell(1).numFmt = 'yyyy-mm-dd';
        row.getCell(5).value = { formula: `C${row.number}/D${row.number}`, result: 25 } as ExcelJS.CellFormulaValue;
      });
    });
    const form = new FormData();
    form.append('mapping', JSON.stringify({ dimensions: [{ column: 'Channel', name: 'channel' }] }));
    form.append('file', new Blob([file], { type: XLSX }), 'april.xlsx');
    const res = await send(owner, '/api/connect/import', form);
    const body = (await res.json()) as ImportResult;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({ format: 'xlsx', fileName: 'april.xlsx', rowsRead: 3, pointsWritten: 9, mapping: { time: { column: 'Date' }, metrics: [{ metric: 'revenue' }, { metric: 'orders' }, { metric: 'average_ticket' }] } });
    const revenue = await dailyTotal(owner, 'revenue', '2024-04-01', '2024-04-04', 'channel');
    expect(Object.fromEntries(revenue.series.map((s) => [s.group, s.total]))).toEqual({ store: 400, web: 200 });
    expect((await dailyTotal(owner, 'average_ticket', '2024-04-01', '2024-04-04')).series[0]!.points.map((p) => p.value).slice(0, 3)).toEqual([25, 25, 25]);
  });

  it('previews a raw workbook body, picks a sheet, and reports bad cells by sheet row', async () => {
    const file = await xlsxFile((sheet, book) => {
      sheet.addRow(['ignored']);
      const other = book.addWorksheet('Stock');
      other.addRow(['Day', 'SKU', 'On hand']);
      other.addRow(['2024-04-01', 'beans', 40]);
      other.addRow(['2024-04-01', 'milk', 'lots']);
    });
    const preview = (await (await send(owner, '/api/connect/import/preview?sheet=Stock', file, { 'content-type': XLSX })).json()) as Record<string, any>;
    expect(preview).toMatchObject({ format: 'xlsx', sheet: 'Stock', mapping: { metrics: [{ column: 'On hand', metric: 'inventory_level' }], dimensions: [{ column: 'SKU', name: 'sku' }] } });
    expect(preview.rowErrors).toEqual([{ row: 3, column: 'On hand', value: 'lots', message: 'expected a number written like 1,234.56' }]);
    const res = await send(owner, '/api/connect/import?sheet=Stock&filename=stock.xlsx', file, { 'content-type': XLSX });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).errors).toEqual([{ path: 'rows.3.On hand', message: 'expected a number written like 1,234.56' }]);
    const missing = await send(owner, '/api/connect/import/preview?sheet=Nope', file, { 'content-type': XLSX });
    expect(missing.status).toBe(400);
  });
});

describe('bad uploads', () => {
  it('answers 4xx problems for garbage, wrong types, empty and oversized bodies', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const cases: [BodyInit, Record<string, string>, number][] = [
      [png, { 'content-type': 'application/octet-stream' }, 415],
      [png, { 'content-type': 'text/csv' }, 415],
      ['{"a":1}', { 'content-type': 'application/json' }, 415],
      ['date,revenue\n2024-01-01,1\n', { 'content-type': XLSX }, 415],
      [new Uint8Array([0x50, 0x4b, 3, 4, ...new Array(200).fill(7)]), { 'content-type': XLSX }, 400],
      ['', { 'content-type': 'text/csv' }, 400],
      ['date,revenue\n"2024-01-01,1\n', { 'content-type': 'text/csv' }, 400],
    ];
    for (const [body, headers, status] of cases) {
      const res = await send(owner, '/api/connect/import', body, headers);
      expect(res.status, `${headers['content-type']}: ${await res.clone().text()}`).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const noFile = new FormData();
    noFile.append('mapping', '{}');
    expect((await send(owner, '/api/connect/import', noFile)).status).toBe(400);
  });

  it('refuses a declared length over the limit before reading it', async () => {
    const cookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL('/api/connect/import', server.url);
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'text/csv', 'content-length': String(3 * 1024 ** 3), cookie, origin: server.url } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      req.write('date,revenue\n');
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ type: 'urn:dyocense:problem:payload-too-large' });
  });
});

describe('OpenAPI', () => {
  it('documents every import route, the upload body forms and the event stream', async () => {
    const doc = (await (await owner.get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, any>> };
    for (const path of ['/api/connect/import', '/api/connect/import/preview', '/api/connect/import/{id}', '/api/connect/import/{id}/errors.csv', '/api/connect/import/{id}/events']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const create = doc.paths['/api/connect/import']!.post;
    expect(Object.keys(create.requestBody.content)).toEqual(['text/csv', XLSX, 'multipart/form-data']);
    expect(Object.keys(create.responses['201'].content)).toEqual(['application/json', 'text/event-stream']);
    expect(Object.keys(doc.paths['/api/connect/import/{id}/events']!.get.responses['200'].content)).toEqual(['text/event-stream']);
  });
});

describe('tenancy', () => {
  it("keeps one business's imports and reports from another", async () => {
    const res = await importCsv(owner, 'date,revenue\n2022-05-01,1\n2022-05-02,x\n');
    const { importId, errorsUrl } = (await res.json()) as Problem;
    expect((await other.get(`/api/connect/import/${importId}`)).status).toBe(404);
    expect((await other.get(errorsUrl!)).status).toBe(404);
    expect((await other.get(`/api/connect/import/${importId}/events`)).status).toBe(404);
    expect(((await (await other.get('/api/connect/import')).json()) as { imports: unknown[] }).imports).toEqual([]);
    expect((await new TestClient(server.url).get(`/api/connect/import/${importId}`)).status).toBe(401);

    const mine = (await (await importCsv(other, 'date,revenue\n2022-05-01,7\n')).json()) as ImportResult;
    expect(mine.pointsWritten).toBe(1);
    expect((await dailyTotal(other, 'revenue', '2022-05-01', '2022-05-02')).total).toBe(7);
    expect((await dailyTotal(owner, 'revenue', '2022-05-01', '2022-05-02')).total).toBeNull();
  });
});

/**
 * Uploads a stream chunked, with node:http writing only as fast as the server reads (fetch
 * would queue a streamed request body in this process, and the measure would be the client's).
 */
async function streamUpload(client: TestClient, path: string, body: ReadableStream<Uint8Array>): Promise<{ status: number; body: unknown }> {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, server.url), { method: 'POST', headers: { 'content-type': 'text/csv', cookie, origin: server.url } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    void (async () => {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })().catch(reject);
  });
}

/** A full garbage collection on demand, so memory samples show what is held, not what awaits collection. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Reads a server-sent event stream to its end: [event, data] pairs. */
async function readEvents(res: Response): Promise<[string, any][]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.includes('event:'))
    .map((block) => {
      const event = /^event: ?(.*)$/m.exec(block)![1]!;
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.replace(/^data: ?/, ''))
        .join('\n');
      return [event, JSON.parse(data)];
    });
}

/** `rows` CSV rows (about 770 bytes each: exports carry wide text columns), produced as the upload pulls them. */
function generatedCsv(rows: number): { stream: ReadableStream<Uint8Array>; bytes: () => number } {
  const encoder = new TextEncoder();
  const start = Date.UTC(2021, 0, 1);
  const note = 'x'.repeat(700);
  let i = 0;
  let bytes = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i === 0) controller.enqueue(encoder.encode('timestamp,store,revenue,orders,note\n'));
      if (i >= rows) return controller.close();
      let chunk = '';
      for (const end = Math.min(rows, i + 100); i < end; i++) {
        const store = i % 50;
        const hour = Math.floor(i / 50);
        chunk += `${new Date(start + hour * 3_600_000).toISOString()},s${store},${(i % 997) + 0.25},${i % 13},${note}\n`;
      }
      const encoded = encoder.encode(chunk);
      bytes += encoded.length;
      controller.enqueue(encoded);
    },
  });
  return { stream, bytes: () => bytes };
}

describe('progress and large files', () => {
  it('streams progress events when asked, and replays the outcome later', async () => {
    const { stream } = generatedCsv(5000);
    const res = await send(owner, '/api/connect/import?filename=events.csv', stream, { 'content-type': 'text/csv', accept: 'text/event-stream' });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = await readEvents(res);
    expect(events[0]![0]).toBe('accepted');
    const id = events[0]![1].id;
    const done = events.at(-1)!;
    expect(done[0]).toBe('completed');
    expect(done[1]).toMatchObject({ id, status: 'succeeded', rowsRead: 5000, pointsWritten: 10_000 });
    for (const [name, data] of events.slice(1, -1)) {
      expect(name).toBe('progress');
      expect(data.rowsRead).toBeGreaterThan(0);
    }
    const replay = await readEvents(await owner.get(`/api/connect/import/${id}/events`));
    expect(replay).toEqual([['completed', expect.objectContaining({ id, status: 'succeeded' })]]);
  });

  it('imports a 200,000-row upload streamed, with memory well under the file size', async () => {
    const rows = 200_000;
    // The server runs in this process. On PostgreSQL the process's RSS is the server's; PGlite
    // keeps the database itself in this process (its files are in memory), so there the bound
    // is on the JavaScript heap, where a buffered body, parsed rows or points would sit.
    const onServer = testDatabaseKind() === 'postgres';
    const gc = collector();
    const retained = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + (onServer ? m.arrayBuffers : 0);
    };
    const rssBefore = process.memoryUsage().rss;
    const before = retained();
    let peak = before;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, retained());
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 500);
    const { stream, bytes } = generatedCsv(rows);
    const started = performance.now();
    const res = await streamUpload(owner, '/api/connect/import?filename=big.csv', stream);
    const body = res.body as ImportResult;
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({ status: 'succeeded', rowsRead: rows, pointsWritten: 2 * rows, series: 100, bytes: bytes() + 36 });
    const growth = peak - before;
    console.log(`[${testDatabaseKind()}] ${rows} rows, ${(bytes() / 2 ** 20).toFixed(1)} MiB in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s); retained growth ${(growth / 2 ** 20).toFixed(1)} MiB, RSS growth ${((rssPeak - rssBefore) / 2 ** 20).toFixed(1)} MiB`);
    expect(bytes()).toBeGreaterThan(140 * 2 ** 20);
    expect(growth).toBeLessThan(bytes() / 5);
    if (onServer) expect(rssPeak - rssBefore).toBeLessThan(bytes() / 2);
    // Two days of 50 stores (the query's `to` day is included).
    expect((await dailyTotal(owner, 'orders', '2021-01-01', '2021-01-02')).total).toBe(
      Array.from({ length: 48 * 50 }, (_, i) => i % 13).reduce((a, b) => a + b, 0),
    );
  }, 600_000);
});
