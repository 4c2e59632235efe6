import { crc32, deflateRawSync } from 'node:zlib';

/** A zip extra field: its id, its length and its data. */
function extraField(id: number, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(data.length, 2);
  return Buffer.concat([head, data]);
}

const u64 = (...values: number[]) => {
  const data = Buffer.alloc(8 * values.length);
  values.forEach((v, i) => data.writeBigUInt64LE(BigInt(v), 8 * i));
  return data;
};

/**
 * A zip archive of the given entries, stored in exactly the given order (zip libraries choose
 * their own), deflated unless `stored` is set. With `zip64`, sizes and offsets are written as
 * ZIP64 writers do: saturated 32-bit fields, the values in extra fields and a ZIP64 end record.
 * `encrypted` only sets the entries' encryption flag and `method` only the compression method
 * their headers name: enough for a reader to refuse them.
 */
export function zip(
  entries: [name: string, content: string | Buffer][],
  { stored = false, zip64 = false, encrypted = false, method }: { stored?: boolean; zip64?: boolean; encrypted?: boolean; method?: number } = {},
): Buffer {
  const SATURATED = 0xffffffff;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const packed = stored ? data : deflateRawSync(data);
    const fileName = Buffer.from(name);
    // An unrelated field first (an extended timestamp), as real archives have.
    const timestamp = extraField(0x5455, Buffer.from([1, 0, 0, 0, 0]));
    const localExtra = zip64 ? Buffer.concat([timestamp, extraField(1, u64(data.length, packed.length))]) : Buffer.alloc(0);
    const centralExtra = zip64 ? Buffer.concat([timestamp, extraField(1, u64(data.length, packed.length, offset))]) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(zip64 ? 45 : 20, 4);
    local.writeUInt16LE(0x0800 | (encrypted ? 1 : 0), 6); // UTF-8 names
    local.writeUInt16LE(method ?? (stored ? 0 : 8), 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(zip64 ? SATURATED : packed.length, 18);
    local.writeUInt32LE(zip64 ? SATURATED : data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(zip64 ? 45 : 20, 6);
    local.copy(central, 8, 6, 26); // flags, method, time, date, crc and sizes, as in the local header
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt16LE(centralExtra.length, 30);
    central.writeUInt32LE(zip64 ? SATURATED : offset, 42);
    locals.push(local, fileName, localExtra, packed);
    centrals.push(central, fileName, centralExtra);
    offset += local.length + fileName.length + localExtra.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4); // the size of the rest of the record
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    u64(entries.length, entries.length, directory.length, offset).copy(record, 24);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(zip64 ? SATURATED : directory.length, 12);
  end.writeUInt32LE(zip64 ? SATURATED : offset, 16);
  return Buffer.concat([...locals, directory, ...tail, end]);
}

/** The names of a zip's entries in the order they are stored (by offset; the directory may list them otherwise). Not for ZIP64. */
export function zipOrder(archive: Buffer): string[] {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries: { name: string; offset: number }[] = [];
  for (let at = archive.readUInt32LE(end + 16), i = archive.readUInt16LE(end + 10); i > 0; i--) {
    const nameLength = archive.readUInt16LE(at + 28);
    entries.push({ name: archive.toString('utf8', at + 46, at + 46 + nameLength), offset: archive.readUInt32LE(at + 42) });
    at += 46 + nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
  }
  return entries.sort((a, b) => a.offset - b.offset).map((e) => e.name);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * A workbook written by hand, part by part, in the order Excel stores them: the worksheets
 * before the styles and the shared strings. Its cells cover every kind a sheet can hold.
 */
export function handmadeWorkbook({ date1904 = false } = {}): [string, string][] {
  const sheet1 = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:H4"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Paid</t></is></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c></row>
<row r="2"><c r="A2" s="1"><v>45383</v></c><c r="B2"><v>1204.5</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#DIV/0!</v></c><c r="E2" s="2"><f>A2+1</f><v>45384.5</v></c><c r="F2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="H2" t="s"><v>4</v></c></row>
<row r="4" spans="1:3"><c r="A4" s="3"><v>45385</v></c><c r="B4" s="4"><v>0.25</v></c><c r="C4" t="b"><v>0</v></c><c r="D4" t="inlineStr"><is><r><t>rich </t></r><r><rPr><b/></rPr><t>inline</t></r></is></c><c r="E4" s="1"/></row>
<row><c t="inlineStr"><is><t xml:space="preserve"> no refs </t></is></c><c><v>7</v></c></row>
</sheetData></worksheet>`;
  const sheet2 = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>5</x:v></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
  const strings = ['Date', 'Net Sales', 'Note', 'When', 'café ☕ — 日本_x000D_\nline', 'Other'];
  const shared = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${MAIN}" count="6" uniqueCount="6">${strings
    .map((s, i) => (i === 3 ? `<si><r><t>Wh</t></r><r><rPr><i/></rPr><t>en</t></r><rPh sb="0" eb="1"><t>ウェン</t></rPh></si>` : `<si><t xml:space="preserve">${s}</t></si>`))
    .join('')}</sst>`;
  // Style 1: a built-in date (14); 2: a custom date-time; 3: a custom date written in capitals;
  // 4: a percentage, which is no date although its code has letters in quotes.
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}"><numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/><numFmt numFmtId="165" formatCode="DD/MM/YYYY"/><numFmt numFmtId="166" formatCode="0.0%&quot; of day&quot;"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs>
<dxfs count="1"><dxf><numFmt numFmtId="166" formatCode="yyyy"/></dxf></dxfs></styleSheet>`;
  return [
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/><sheet name="Chart" sheetId="3" r:id="rId5"/><sheet name="Other" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/other.xml"/><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId5" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
    ],
    ['xl/worksheets/sheet1.xml', sheet1],
    ['xl/worksheets/other.xml', sheet2],
    ['xl/chartsheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="${MAIN}"/>`],
    ['xl/styles.xml', styles],
    ['xl/sharedStrings.xml', shared],
  ];
}
