/**
 * Reading a file to import (CSV or XLSX) into a table of cells, refusing what could hurt before it
 * can: a file over MAX_FILE_BYTES, text that is not UTF-8, a file that is no spreadsheet, a zip
 * bomb, a sheet with more than MAX_ROWS rows or MAX_COLUMNS columns, and formulas. Every refusal is
 * an ApiFailure('validation') whose `fields.file` is an import code and whose message says what
 * was found and what to do; none needs the whole file expanded in memory first.
 *
 * Decisions:
 * - What a file is comes from its bytes, not its name: a zip is read as XLSX, anything else as CSV
 *   text (after checks that it is text).
 * - CSV must be UTF-8 (with or without a byte order mark): Latin-1 and Windows-1252 cannot be told
 *   apart from each other reliably, so they are refused with how to save as UTF-8, never guessed.
 * - XLSX: the first worksheet is imported (its headings in row 1). Every sheet counts towards the
 *   row and cell limits (exceljs reads them all); formulas are refused in the imported sheet only,
 *   naming the first cell that has one; the person replaces them by their values (Paste special ›
 *   Values). Cached results are not taken: a formula's value is the spreadsheet's, not the file's.
 * - Dates are read as "YYYY-MM-DD" (a month column may hold dates); error cells (#N/A) as their text.
 */
import ExcelJS from 'exceljs';
import { ApiFailure, type FieldCode } from '../../src-shared/api';
import {
  type CsvSeparatorChar,
  type ImportCell,
  type ImportTable,
  MAX_CELL_LENGTH,
  MAX_COLUMNS,
  MAX_FILE_BYTES,
  MAX_ROWS,
  parseCsv,
} from '../../src-shared/import';
import { inflateEntry, isZip, type ZipEntry, zipEntries, ZipRefusal } from './zip';

/** Most cells in all the sheets of a workbook (what exceljs holds in memory). */
export const MAX_CELLS = 1_000_000;

export interface ImportFile {
  name: string;
  format: 'csv' | 'xlsx';
  /** CSV: the cell separator found. */
  separator: CsvSeparatorChar | null;
  /** XLSX: the worksheet read. */
  sheet: string | null;
  table: ImportTable;
}

function refuse(code: FieldCode, message: string): ApiFailure {
  return new ApiFailure('validation', `${message} Nothing was imported.`, { file: code });
}

const MB = 1024 * 1024;

function tooLarge(size: number): ApiFailure {
  return refuse(
    'import.tooLarge',
    `The file is ${(size / MB).toFixed(1)} MB; a file to import may have at most ${MAX_FILE_BYTES / MB} MB. Keep only the lines to import, or split it.`,
  );
}

function tooManyRows(where: string): ApiFailure {
  return refuse(
    'import.tooManyRows',
    `${where} more than ${MAX_ROWS.toLocaleString('en')} rows under its headings. Split it into files of at most ${MAX_ROWS.toLocaleString('en')} rows.`,
  );
}

function tooManyColumns(where: string): ApiFailure {
  return refuse('import.tooManyColumns', `${where} more than ${MAX_COLUMNS} columns. Keep only the columns to import.`);
}

const notSpreadsheet = (what: string): ApiFailure =>
  refuse('import.notSpreadsheet', `${what} Save the sheet as .xlsx or as .csv (UTF-8), then import that file.`);

/** Reads `bytes` (the file called `name`) into a table. */
export async function readImportFile(name: string, bytes: Buffer): Promise<ImportFile> {
  if (bytes.length > MAX_FILE_BYTES) throw tooLarge(bytes.length);
  if (bytes.length === 0) throw refuse('import.empty', `"${name}" is empty.`);
  if (isZip(bytes)) return readXlsx(name, bytes);
  return readCsv(name, bytes);
}

// --- CSV -------------------------------------------------------------------------------------------

const BINARY: readonly [number[], string][] = [
  [[0xd0, 0xcf, 0x11, 0xe0], 'This is an older Excel file (.xls), which cannot be imported.'],
  [[0x25, 0x50, 0x44, 0x46], 'This is a PDF, not a spreadsheet.'],
  [[0x89, 0x50, 0x4e, 0x47], 'This is an image, not a spreadsheet.'],
  [[0xff, 0xd8, 0xff], 'This is an image, not a spreadsheet.'],
  [[0x47, 0x49, 0x46, 0x38], 'This is an image, not a spreadsheet.'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'This is a database file (perhaps a programme file), not a spreadsheet.'],
  [[0x7f, 0x45, 0x4c, 0x46], 'This is a program, not a spreadsheet.'],
  [[0x4d, 0x5a], 'This is a program, not a spreadsheet.'],
];

function readCsv(name: string, bytes: Buffer): ImportFile {
  for (const [magic, what] of BINARY) {
    if (magic.every((b, i) => bytes[i] === b)) throw notSpreadsheet(what);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw refuse(
      'import.encoding',
      `"${name}" is in UTF-16, not UTF-8. Save it as "CSV UTF-8" (Excel) or as CSV with the character set "Unicode (UTF-8)" (LibreOffice), then import it again.`,
    );
  }
  if (bytes.subarray(0, 8192).includes(0)) throw notSpreadsheet(`"${name}" is not text, so it is not a CSV file.`);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    throw refuse(
      'import.encoding',
      `"${name}" is not in UTF-8 (it is probably in Latin-1 or Windows-1252, so accented letters would come out wrong). Save it as "CSV UTF-8" (Excel) or as CSV with the character set "Unicode (UTF-8)" (LibreOffice), then import it again.`,
    );
  }
  const parsed = parseCsv(text, { maxRows: MAX_ROWS + 1, maxColumns: MAX_COLUMNS, maxCellLength: MAX_CELL_LENGTH });
  if (!parsed.ok) {
    switch (parsed.reason) {
      case 'tooManyRows':
        throw tooManyRows(`"${name}" has`);
      case 'tooManyColumns':
        throw tooManyColumns(`Row ${parsed.row} of "${name}" has`);
      case 'cellTooLong':
        throw refuse(
          'import.damaged',
          `Row ${parsed.row} of "${name}" has a cell of more than ${MAX_CELL_LENGTH} characters, which no spreadsheet holds; the file is probably not a CSV, or a quote is missing.`,
        );
      case 'unclosedQuote':
        throw refuse(
          'import.damaged',
          `A quoted cell that starts on row ${parsed.row} of "${name}" is never closed. Check that row's quotes in the file.`,
        );
    }
  }
  const [headers, ...rows] = parsed.rows;
  if (!headers || headers.every((h) => h.trim() === '')) {
    throw refuse('import.empty', `"${name}" has no headings in its first row.`);
  }
  return { name, format: 'csv', separator: parsed.separator, sheet: null, table: { headers, rows } };
}

// --- XLSX ------------------------------------------------------------------------------------------

function zipFailure(name: string, err: ZipRefusal): ApiFailure {
  switch (err.problem) {
    case 'bomb':
      return refuse(
        'import.zipBomb',
        `"${name}" expands to far more data than a spreadsheet of its size holds (${err.message}), so it was not opened. If it is a real spreadsheet, save it again from your spreadsheet program, or save it as CSV.`,
      );
    case 'unsupported':
      return refuse(
        'import.damaged',
        `"${name}" is packed in a way the import does not read (${err.message}). Save it again from your spreadsheet program as .xlsx, or as CSV.`,
      );
    case 'damaged':
      return refuse(
        'import.damaged',
        `"${name}" is damaged or incomplete (${err.message}). Save it again from your spreadsheet program, then import it again.`,
      );
  }
}

/** `attr="value"` of the first tag in `xml` at or after `from` that has it. */
function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? (m[1] ?? null) : null;
}

/** Counts `needle` in `hay` where the next byte is one of `next` (e.g. "<row" followed by a space or ">"). */
function countTags(hay: Buffer, needle: string, limit: number): number {
  const n = Buffer.from(needle);
  let count = 0;
  let i = hay.indexOf(n);
  while (i >= 0) {
    const c = hay[i + n.length];
    if (c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d) {
      count++;
      if (count > limit) return count;
    }
    i = hay.indexOf(n, i + n.length);
  }
  return count;
}

/** The first `<f` (formula) tag of a sheet, and the address of its cell. */
function firstFormula(sheet: Buffer): string | null {
  const n = Buffer.from('<f');
  let i = sheet.indexOf(n);
  while (i >= 0) {
    const c = sheet[i + 2];
    if (c === 0x20 || c === 0x3e || c === 0x2f) {
      const cell = sheet.lastIndexOf('<c ', i);
      const tag = cell >= 0 ? sheet.toString('utf8', cell, Math.min(sheet.length, cell + 200)) : '';
      return attr(tag, 'r') ?? '?';
    }
    i = sheet.indexOf(n, i + 2);
  }
  return null;
}

/** The zip path of the first worksheet (workbook.xml's first <sheet>, through its relationship). */
function firstSheetPath(files: ReadonlyMap<string, Buffer>): { path: string; name: string } | null {
  const workbook = files.get('xl/workbook.xml')?.toString('utf8');
  const rels = files.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
  if (!workbook || !rels) return null;
  const sheet = /<(?:\w+:)?sheet\s[^>]*>/.exec(workbook)?.[0];
  if (!sheet) return null;
  const id = /\sr:id="([^"]*)"/.exec(sheet)?.[1];
  const name = attr(sheet, 'name') ?? 'Sheet1';
  if (!id) return null;
  for (const rel of rels.match(/<(?:\w+:)?Relationship\s[^>]*>/g) ?? []) {
    if (attr(rel, 'Id') !== id) continue;
    const target = attr(rel, 'Target') ?? '';
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    return { path: path.replace(/\/\.\//g, '/'), name };
  }
  return null;
}

async function readXlsx(name: string, bytes: Buffer): Promise<ImportFile> {
  // 1. The zip's own directory and every entry expanded under a cap, before exceljs sees the file.
  const files = new Map<string, Buffer>();
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
    for (const e of entries) {
      const data = inflateEntry(bytes, e);
      // Only the parts read below are kept; the rest were expanded to prove they are what they say.
      if (e.name.startsWith('xl/worksheets/') || e.name === 'xl/workbook.xml' || e.name.endsWith('.rels')) {
        files.set(e.name, data);
      }
      if (e.name === 'mimetype' && data.toString('utf8').includes('opendocument')) {
        throw notSpreadsheet(`"${name}" is an OpenDocument spreadsheet (.ods), which cannot be imported.`);
      }
    }
  } catch (err) {
    if (err instanceof ZipRefusal) throw zipFailure(name, err);
    throw err;
  }
  const first = firstSheetPath(files);
  if (!first || !files.has(first.path)) {
    throw notSpreadsheet(`"${name}" is a zip file but not an Excel workbook (.xlsx).`);
  }

  // 2. Rows, cells and formulas counted in the sheets' XML, without parsing it.
  let cells = 0;
  for (const [path, xml] of files) {
    if (!path.startsWith('xl/worksheets/') || !path.endsWith('.xml')) continue;
    const sheetName = path === first.path ? `The sheet "${first.name}" of "${name}" has` : `"${name}" has a sheet with`;
    const dim = /<dimension\s+ref="[A-Z]+\d+:([A-Z]+)(\d+)"/.exec(xml.toString('utf8', 0, Math.min(xml.length, 4096)));
    if (dim && Number(dim[2]) > MAX_ROWS + 1) throw tooManyRows(sheetName);
    if (dim && columnNumber(dim[1] ?? 'A') > MAX_COLUMNS) throw tooManyColumns(sheetName);
    if (countTags(xml, '<row', MAX_ROWS + 1) > MAX_ROWS + 1) throw tooManyRows(sheetName);
    const lastRow = xml.lastIndexOf('<row ');
    if (lastRow >= 0 && Number(attr(xml.toString('utf8', lastRow, lastRow + 200), 'r') ?? 0) > MAX_ROWS + 1) {
      throw tooManyRows(sheetName);
    }
    cells += countTags(xml, '<c', MAX_CELLS - cells);
    if (cells > MAX_CELLS) {
      throw refuse(
        'import.tooManyRows',
        `"${name}" holds more than ${MAX_CELLS.toLocaleString('en')} cells in its sheets. Keep only the sheet and the columns to import.`,
      );
    }
  }
  const formula = firstFormula(files.get(first.path) as Buffer);
  if (formula !== null) {
    throw refuse(
      'import.formula',
      `Cell ${formula} of the sheet "${first.name}" holds a formula, and formulas are not imported. In your spreadsheet, copy the sheet and paste it as values only (Paste special › Values), save, and import that file.`,
    );
  }
  files.clear();

  // 3. Now exceljs reads the workbook, bounded as checked above.
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw refuse(
      'import.damaged',
      `"${name}" could not be read as an Excel workbook. Save it again from your spreadsheet program, then import it again.`,
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw notSpreadsheet(`"${name}" has no worksheet.`);
  if (sheet.columnCount > MAX_COLUMNS) throw tooManyColumns(`The sheet "${sheet.name}" of "${name}" has`);
  const rows: ImportCell[][] = [];
  let formulaAt: string | null = null;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: ImportCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const v = cell.value;
      if (v !== null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) formulaAt ??= cell.address;
      values[col - 1] = cellOf(v);
    });
    for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
    rows[rowNumber - 1] = values;
  });
  if (formulaAt !== null) {
    throw refuse(
      'import.formula',
      `Cell ${formulaAt as string} of the sheet "${sheet.name}" holds a formula, and formulas are not imported. Paste the sheet as values only, save, and import that file.`,
    );
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  const [headerCells, ...body] = rows;
  const headers = (headerCells ?? []).map((c) => (c === null ? '' : String(c).trim()));
  if (headers.every((h) => h === ''))
    throw refuse('import.empty', `The sheet "${sheet.name}" of "${name}" has no headings in row 1.`);
  return { name, format: 'xlsx', separator: null, sheet: sheet.name, table: { headers, rows: body } };
}

/** "A" -> 1, "Z" -> 26, "AA" -> 27. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function cellOf(v: ExcelJS.CellValue): ImportCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : null;
  if ('error' in v) return v.error;
  return null;
}
