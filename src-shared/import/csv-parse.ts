/**
 * Reading CSV text into rows of cells (RFC 4180: cells between double quotes may hold separators,
 * line breaks and doubled quotes; lines end with CRLF, LF or CR). Pure: main decodes the file's
 * bytes (src-main/import/read.ts), this splits the text.
 *
 * Limits are checked while reading, so a file with a million rows is refused after reading
 * `maxRows` of them, not after holding all of them in memory.
 *
 * Decision: the separator is the one of "," ";" and tab that appears most often, outside quotes, in
 *   the first line (the headings); with none of them, the file has one column (",").
 * Decision: a quoted cell followed by more text before the next separator ('"a"b') keeps that text
 *   ("ab"), as spreadsheets do, rather than refusing the file.
 */
export type CsvSeparatorChar = ',' | ';' | '\t';

export const CSV_SEPARATORS: readonly CsvSeparatorChar[] = [',', ';', '\t'];

export interface CsvLimits {
  /** Most rows, headings included. */
  maxRows: number;
  maxColumns: number;
  /** Most characters in one cell. */
  maxCellLength: number;
}

export type CsvParse =
  | { ok: true; separator: CsvSeparatorChar; rows: string[][] }
  | { ok: false; reason: 'tooManyRows' | 'tooManyColumns' | 'cellTooLong' | 'unclosedQuote'; row: number };

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The separator of the first line (see the Decision above). */
export function detectSeparator(text: string): CsvSeparatorChar {
  const counts = new Map<CsvSeparatorChar, number>(CSV_SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) break;
    else if (!quoted) {
      const ch = text[i] as CsvSeparatorChar;
      const n = counts.get(ch);
      if (n !== undefined) counts.set(ch, n + 1);
    }
  }
  let best: CsvSeparatorChar = ',';
  let most = 0;
  for (const s of CSV_SEPARATORS) {
    const n = counts.get(s) ?? 0;
    if (n > most) {
      best = s;
      most = n;
    }
  }
  return best;
}

/** Splits `text` into rows of cells. `separator`: detected from the first line when absent. */
export function parseCsv(text: string, limits: CsvLimits, separator?: CsvSeparatorChar): CsvParse {
  const sep = separator ?? detectSeparator(text);
  const sepCode = sep.charCodeAt(0);
  const rows: string[][] = [];
  const n = text.length;
  if (n === 0) return { ok: true, separator: sep, rows };
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      let j = i + 1;
      let doubled = false;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return { ok: false, reason: 'unclosedQuote', row: rows.length + 1 };
        if (text.charCodeAt(q + 1) === QUOTE) {
          doubled = true;
          j = q + 2;
          continue;
        }
        value = text.slice(i + 1, q);
        if (doubled) value = value.replace(/""/g, '"');
        i = q + 1;
        break;
      }
      // Text after the closing quote, up to the next separator or line end, is kept (see Decision).
      const rest = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === sepCode || c === LF || c === CR) break;
        i++;
      }
      if (i > rest) value += text.slice(rest, i);
    } else {
      const start = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === sepCode || c === LF || c === CR) break;
        i++;
      }
      value = text.slice(start, i);
    }
    if (value.length > limits.maxCellLength) return { ok: false, reason: 'cellTooLong', row: rows.length + 1 };
    row.push(value);
    if (row.length > limits.maxColumns) return { ok: false, reason: 'tooManyColumns', row: rows.length + 1 };
    if (i < n && text.charCodeAt(i) === sepCode) {
      i++;
      continue;
    }
    // End of a line (or of the text).
    if (i < n && text.charCodeAt(i) === CR) i++;
    if (i < n && text.charCodeAt(i) === LF) i++;
    rows.push(row);
    if (rows.length > limits.maxRows) return { ok: false, reason: 'tooManyRows', row: rows.length };
    row = [];
    if (i >= n) break;
  }
  return { ok: true, separator: sep, rows };
}
