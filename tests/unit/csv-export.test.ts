import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compute } from '../../src-shared/engine';
import {
  BOM,
  csvFormat,
  linesCsv,
  minorToDecimal,
  monthlyCsv,
  numberCell,
  textCell,
} from '../../src-shared/export/csv';
import {
  CATEGORY_NAMES,
  DIMENSION_NAMES,
  DRIVER_NAMES,
  LEVEL_NAMES,
  MODALITY_NAMES,
  SCHEDULE_NAMES,
} from '../../src-shared/export/csv-labels';
import { parseCsv } from '../../src-shared/import/csv-parse';
import {
  type Model,
  CATEGORIES,
  DIMENSIONS,
  DRIVER_KINDS,
  LEVELS,
  MODALITIES,
  SCHEDULES,
} from '../../src-shared/model';
import { sampleModel } from '../../src-main/sample/sample-model';
import { en } from '../../src-renderer/i18n/en';
import { fr } from '../../src-renderer/i18n/fr';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const LIMITS = { maxRows: 100_000, maxColumns: 500, maxCellLength: 100_000 };

function rowsOf(csv: string): string[][] {
  expect(csv.startsWith(BOM)).toBe(true);
  const r = parseCsv(csv.slice(1), LIMITS);
  if (!r.ok) throw new Error(r.reason);
  return r.rows;
}

/** A numeral as the test reads it back: exact minor units (2 decimals), bigint. */
function cents(cell: string, decimal: '.' | ','): bigint {
  const plain = decimal === ',' ? cell.replace(',', '.') : cell;
  expect(plain).toMatch(/^-?\d+(\.\d{2})?$/);
  const [i, f = ''] = plain.replace('-', '').split('.');
  const v = BigInt(i! + f.padEnd(2, '0'));
  return plain.startsWith('-') ? -v : v;
}

describe('cells', () => {
  it('writes numbers as plain numerals, negative ones included, never quoted or escaped', () => {
    expect(minorToDecimal(-1250, 'EUR')).toBe('-12.50');
    expect(minorToDecimal(5, 'EUR')).toBe('0.05');
    expect(minorToDecimal(-5, 'EUR')).toBe('-0.05');
    expect(minorToDecimal(655957, 'XOF')).toBe('655957');
    expect(minorToDecimal(1234, 'KWD')).toBe('1.234');
    expect(numberCell('-12.50', '.')).toBe('-12.50');
    expect(numberCell('-12.50', ',')).toBe('-12,50');
    expect(() => numberCell('=1+1', '.')).toThrow();
  });

  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+cmd', `"'+cmd"`],
    ['-1+1', `"'-1+1"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['Plain; "quoted", text', `"Plain; ""quoted"", text"`],
    ['', '""'],
  ])('escapes the text cell %j', (value, written) => {
    expect(textCell(value)).toBe(written);
  });

  it('takes the separators from the language unless chosen, and refuses a clash', () => {
    expect(csvFormat({ locale: 'en' })).toMatchObject({ separator: ',', decimal: '.', bom: true });
    expect(csvFormat({ locale: 'fr' })).toMatchObject({ separator: ';', decimal: ',' });
    expect(csvFormat({ locale: 'fr', separator: '\t', decimal: '.' })).toMatchObject({ separator: '\t', decimal: '.' });
    expect(() => csvFormat({ locale: 'en', separator: ',', decimal: ',' })).toThrow(/cannot both be/);
  });
});

describe('linesCsv and monthlyCsv read the engine result', () => {
  const model = sampleModel();
  const result = compute(model);

  it.each(['en', 'fr'] as const)('lines (%s): one row per result line, totals are the engine’s', (locale) => {
    const decimal = locale === 'fr' ? ',' : '.';
    const rows = rowsOf(linesCsv(model, result, { locale }));
    expect(rows.length).toBe(result.lines.length + 1);
    const header = rows[0]!;
    const totalCol = header.indexOf(`Total (${result.currency})`);
    expect(totalCol).toBeGreaterThan(0);
    let sum = 0n;
    rows.slice(1).forEach((r, i) => {
      const v = cents(r[totalCol]!, decimal);
      expect(v).toBe(BigInt(result.lines[i]!.total));
      sum += v;
    });
    expect(sum).toBe(BigInt(result.totals.direct));
    // The coordination lines of referrals are there too.
    expect(result.lines.some((l) => l.coordinationOf !== null)).toBe(true);
  });

  it('lines: unit costs in the line’s currency, quantities exact', () => {
    const rows = rowsOf(linesCsv(model, result, { locale: 'en' }));
    const h = rows[0]!;
    const [name, cur, cost, qty] = ['Name', 'Currency', 'Unit cost', 'Quantity'].map((k) => h.indexOf(k));
    for (const line of model.lines) {
      const r = rows.find((x) => x[name!] === line.name)!;
      expect(r[cur!]).toBe(line.currency);
      expect(r[cost!]).toBe(minorToDecimal(line.unitCost, line.currency));
      if ('quantity' in line.driver) expect(r[qty!]).toBe(line.driver.quantity);
    }
  });

  it.each(['en', 'fr'] as const)('monthly (%s): every month of every line and the totals rows', (locale) => {
    const decimal = locale === 'fr' ? ',' : '.';
    const csv = monthlyCsv(model, result, { locale });
    if (locale === 'fr') expect(csv.split('\r\n')[0]).toContain(';');
    const rows = rowsOf(csv);
    expect(rows[0]!.length).toBe(2 + result.durationMonths + 1);
    expect(rows[0]![2]).toBe(model.programme.startMonth);
    result.lines.forEach((l, i) => {
      const r = rows[i + 1]!;
      expect(r.slice(2, -1).map((c) => cents(c, decimal))).toEqual(l.months.map(BigInt));
      expect(cents(r.at(-1)!, decimal)).toBe(BigInt(l.total));
    });
    const [direct, indirect, contingency, total] = rows.slice(-4);
    expect(cents(direct!.at(-1)!, decimal)).toBe(BigInt(result.totals.direct));
    expect(cents(indirect!.at(-1)!, decimal)).toBe(BigInt(result.totals.indirect));
    expect(cents(contingency!.at(-1)!, decimal)).toBe(BigInt(result.totals.contingency));
    expect(cents(total!.at(-1)!, decimal)).toBe(BigInt(result.totals.total));
    expect(total!.slice(2, -1).map((c) => cents(c, decimal))).toEqual(result.monthly.total.map(BigInt));
  });

  it('escapes hostile line names (tests/fixtures/import/formula-cells.csv) and keeps them readable', () => {
    const parsed = parseCsv(readFileSync(path.join(FIXTURES, 'formula-cells.csv'), 'utf8'), LIMITS);
    if (!parsed.ok) throw new Error(parsed.reason);
    const hostile = parsed.rows.slice(1, -1).map((r) => r[0]!);
    expect(hostile).toHaveLength(6);
    const base = model.lines[0]!;
    const m: Model = {
      ...model,
      lines: [
        ...model.lines,
        ...hostile.map((name, i) => ({
          ...base,
          id: `hostile-${i}`,
          name,
          unitLabel: '=1+1',
          justification: '@cmd',
          position: 1000 + i,
        })),
      ],
    };
    const r = compute(m);
    for (const csv of [linesCsv(m, r, { locale: 'en' }), monthlyCsv(m, r, { locale: 'fr' })]) {
      for (const name of hostile) {
        expect(csv).toContain(`"'${name.replace(/"/g, '""')}"`);
        // No cell of the file begins with a formula character outside quotes.
        expect(csv).not.toMatch(new RegExp(`(^|[,;\\n])[=+@]`));
      }
      const rows = rowsOf(csv);
      const nameCol = rows[0]!.findIndex((h) => h === 'Name' || h === 'Intitulé');
      const written = rows.filter((x) => x[nameCol]!.startsWith("'")).map((x) => x[nameCol]!.slice(1));
      expect(written).toEqual(hostile);
    }
  });
});

describe('the CSV words are the app’s', () => {
  it('match the renderer’s dictionaries in English and French', () => {
    for (const [locale, dict] of [
      ['en', en],
      ['fr', fr],
    ] as const) {
      const d = dict as Readonly<Record<string, string>>;
      for (const l of LEVELS) expect(LEVEL_NAMES[locale][l]).toBe(d[`level.${l}`]);
      for (const c of CATEGORIES) expect(CATEGORY_NAMES[locale][c]).toBe(d[`category.${c}`]);
      for (const c of DIMENSIONS) expect(DIMENSION_NAMES[locale][c]).toBe(d[`dimension.${c}`]);
      for (const c of MODALITIES) expect(MODALITY_NAMES[locale][c]).toBe(d[`modality.${c}`]);
      for (const c of SCHEDULES) expect(SCHEDULE_NAMES[locale][c]).toBe(d[`schedule.${c}`]);
      for (const c of DRIVER_KINDS) expect(DRIVER_NAMES[locale][c]).toBe(d[`driver.${c}`]);
    }
  });
});
