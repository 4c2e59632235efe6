// Excel refuses a workbook whose sheet name breaks its rules, so titles are cleaned first:
// at most 31 characters, none of []:*?/\ or control characters, no apostrophe at either end,
// not empty and not the reserved name "History".
const FORBIDDEN = /[[\]:*?/\\\u0000-\u001f\u007f]/g;
const MAX_LENGTH = 31;

export function sheetNameFor(title: string): string {
  const trimEnds = (text: string) => text.replace(/^[' ]+|[' ]+$/g, '');
  let name = trimEnds(title.replace(FORBIDDEN, ' ').replace(/\s+/g, ' '));
  // Cut by code points so an emoji is never split into half a surrogate pair.
  let cut = '';
  for (const ch of name) {
    if (cut.length + ch.length > MAX_LENGTH) break;
    cut += ch;
  }
  name = trimEnds(cut);
  if (!name || name.toLowerCase() === 'history') return name ? `${name} 1` : 'Sheet1';
  return name;
}
