import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../src-shared/api';
import { compute } from '../../src-shared/engine';
import { linesCsv } from '../../src-shared/export/csv';
import {
  checkImport,
  choiceValue,
  decimalValue,
  detectDecimal,
  guessMapping,
  type ImportCell,
  type ImportTable,
  moneyValue,
  monthValue,
  normaliseHeading,
  parseCsv,
  textValue,
  yesNoValue,
} from '../../src-shared/import';
import { sampleModel } from '../../src-main/sample/sample-model';
import { blankModel } from '../../src-main/documents/write-model';
import type { Model } from '../../src-shared/model';

const LIMITS = { maxRows: 100_000, maxColumns: 500, maxCellLength: 100_000 };

describe('guessing the columns from the headings', () => {
  it('normalises case, accents, brackets and punctuation', () => {
    expect(normaliseHeading('Coût unitaire (EUR)')).toBe('cout unitaire');
    expect(normaliseHeading('  Quantité\u00a0:')).toBe('quantite');
  });

  it('reads English headings', () => {
    expect(
      guessMapping(['Name', 'Category', 'Unit', 'Unit cost (EUR)', 'Quantity', 'Currency', 'Justification']),
    ).toEqual({ name: 0, category: 1, unitLabel: 2, unitCost: 3, quantity: 4, currency: 5, justification: 6 });
  });

  it('reads French headings', () => {
    expect(guessMapping(['Libellé', 'Catégorie', 'Unité', 'Coût unitaire', 'Quantité', 'Devise'])).toEqual({
      name: 0,
      category: 1,
      unitLabel: 2,
      unitCost: 3,
      quantity: 4,
      currency: 5,
    });
    expect(guessMapping(['Intitulé', 'Prix unitaire', 'Qté'])).toEqual({ name: 0, unitCost: 1, quantity: 2 });
    // The contingency heading of today's CSV, of the CSV exported before the glossary, and the reserve's.
    for (const h of [
      'Éligible aux imprévus',
      'Éligible à la provision pour imprévus',
      'Éligible à la réserve pour imprévus',
    ])
      expect(guessMapping(['Intitulé', h]), h).toEqual({ name: 0, eligibleContingency: 1 });
  });

  it('finds names inside longer headings, the longest first, and never a total or a driver', () => {
    expect(guessMapping(['Budget line', 'Total (EUR)', 'Unit cost per kit', 'Unit of measure (kits)'])).toEqual({
      name: 0,
      unitCost: 2,
      unitLabel: 3,
    });
    expect(guessMapping(['Quantity driver', 'Montant total'])).toEqual({});
  });

  it.each(['en', 'fr'] as const)('maps every column of our own lines CSV (%s)', (locale) => {
    const m = sampleModel();
    const csv = linesCsv(m, compute(m), { locale });
    const parsed = parseCsv(csv.slice(1), LIMITS);
    if (!parsed.ok) throw new Error(parsed.reason);
    const g = guessMapping(parsed.rows[0]!);
    expect(Object.keys(g).sort()).toEqual(
      [
        'name',
        'category',
        'dimension',
        'modality',
        'unitLabel',
        'currency',
        'unitCost',
        'quantity',
        'schedule',
        'start',
        'end',
        'justification',
        'eligibleIndirect',
        'eligibleContingency',
      ].sort(),
    );
  });
});

describe('reading numbers', () => {
  it.each([
    ['1,234.50', null, '1234.5'],
    ['1 234,50', null, '1234.5'],
    ['1\u00a0234,50', null, '1234.5'],
    ['1\u202f234,50', null, '1234.5'],
    ['1.234,50', null, '1234.5'],
    ['1234.5', null, '1234.5'],
    ['1234,5', null, '1234.5'],
    ['1,234,567', null, '1234567'],
    ['1.234.567', null, '1234567'],
    ['0,500', null, '0.5'],
    ['€ 12.50', null, '12.5'],
    ['12,50 EUR', null, '12.5'],
    ['-12.50', null, '-12.5'],
    ['1,234', '.', '1234'],
    ['1,234', ',', '1.234'],
    ['1.234', ',', '1234'],
    ['1.234', '.', '1.234'],
  ] as const)('%j (decimal %j) is %s', (input, decimal, value) => {
    expect(decimalValue(input, decimal)).toEqual({ ok: true, value });
  });

  it.each([
    ['1,234', 'import.ambiguousNumber'],
    ['1.234', 'import.ambiguousNumber'],
    ['12,5,0', 'number.grouping'],
    ['1,23,456.7', 'number.grouping'],
    ['12a', 'number.invalid'],
    ['1.2.3,4,5', 'number.invalid'],
    ['', 'number.empty'],
    ['=1+1', 'number.invalid'],
  ])('%j is refused with %s', (input, code) => {
    expect(decimalValue(input, null)).toMatchObject({ ok: false, code });
  });

  it('takes XLSX numbers as stored, exactly', () => {
    expect(decimalValue(0.1, null)).toEqual({ ok: true, value: '0.1' });
    expect(decimalValue(1234.56, null)).toEqual({ ok: true, value: '1234.56' });
    expect(decimalValue(1e21, null)).toMatchObject({ ok: false, code: 'number.tooLarge' });
    expect(decimalValue(1e-9, null)).toMatchObject({ ok: false, code: 'number.tooManyDecimals' });
  });

  it('sees the file’s decimal separator in the cells that show it', () => {
    expect(detectDecimal(['1,234', '12,5', null, 3])).toBe(',');
    expect(detectDecimal(['1,234', '1,234.50'])).toBe('.');
    expect(detectDecimal(['1,234', '1.234'])).toBe(null);
    expect(detectDecimal(['12,5', '12.5'])).toBe(null);
  });

  it('reads money in the currency’s minor units', () => {
    expect(moneyValue('1 234,50', 'EUR', null)).toEqual({ ok: true, value: 123450 });
    expect(moneyValue('655957', 'XOF', null)).toEqual({ ok: true, value: 655957 });
    expect(moneyValue('12.5', 'XOF', null)).toMatchObject({ ok: false, code: 'number.tooManyDecimals' });
    expect(moneyValue('-12.50', 'EUR', null)).toMatchObject({ ok: false, code: 'number.negative' });
  });
});

describe('reading other cells', () => {
  it('months: numbers, M-numbers and calendar months', () => {
    expect(monthValue(3, '2026-01')).toEqual({ ok: true, value: 3 });
    expect(monthValue('M7', '2026-01')).toEqual({ ok: true, value: 7 });
    expect(monthValue('2027-02', '2026-01')).toEqual({ ok: true, value: 14 });
    expect(monthValue('2026-03-15', '2026-01')).toEqual({ ok: true, value: 3 });
    expect(monthValue('March', '2026-01')).toMatchObject({ ok: false, code: 'month.invalid' });
  });

  it('choices in English, French or as codes', () => {
    expect(choiceValue('Ressources humaines', 'category')).toEqual({ ok: true, value: 'humanResources' });
    expect(choiceValue('monitoringEvaluation', 'category')).toEqual({ ok: true, value: 'monitoringEvaluation' });
    expect(choiceValue('M&E', 'category')).toEqual({ ok: true, value: 'monitoringEvaluation' });
    expect(choiceValue('Chaque mois', 'schedule')).toEqual({ ok: true, value: 'monthly' });
    expect(choiceValue('every month', 'schedule')).toEqual({ ok: true, value: 'monthly' });
    expect(choiceValue('Une fois', 'schedule')).toEqual({ ok: true, value: 'once' });
    expect(choiceValue('Bon d’achat', 'modality')).toEqual({ ok: true, value: 'voucher' });
    // French names renamed by the glossary (src-renderer/i18n/glossaire-fr.md) still read from files exported before.
    expect(choiceValue('Équipements et fournitures', 'category')).toEqual({ ok: true, value: 'equipment' });
    expect(choiceValue('Équipement et fournitures', 'category')).toEqual({ ok: true, value: 'equipment' });
    expect(choiceValue('Weekly', 'schedule')).toMatchObject({ ok: false, code: 'import.unknownChoice' });
  });

  it('yes and no', () => {
    for (const y of ['Yes', 'oui', 'TRUE', '1', 'x', true] as ImportCell[])
      expect(yesNoValue(y)).toEqual({ ok: true, value: true });
    for (const n of ['No', 'Non', 'faux', '0', false] as ImportCell[])
      expect(yesNoValue(n)).toEqual({ ok: true, value: false });
    expect(yesNoValue('maybe')).toMatchObject({ ok: false, code: 'import.notYesNo' });
  });

  it('text: takes off the export’s escape, refuses formulas', () => {
    expect(textValue("'-1+1")).toEqual({ ok: true, value: '-1+1' });
    expect(textValue('  Kits ')).toEqual({ ok: true, value: 'Kits' });
    expect(textValue('=HYPERLINK("x")')).toMatchObject({ ok: false, code: 'import.formula' });
    expect(textValue('\'=HYPERLINK("x")')).toMatchObject({ ok: false, code: 'import.formula' });
    expect(textValue("It's fine")).toEqual({ ok: true, value: "It's fine" });
  });
});

describe('checking rows as budget lines', () => {
  const model: Model = blankModel('T', 'A', new Date(Date.UTC(2026, 0, 1)));
  const table = (rows: ImportCell[][]): ImportTable => ({
    headers: ['Name', 'Unit cost', 'Quantity', 'Currency', 'Schedule', 'First month', 'Last month', 'Category'],
    rows,
  });
  const mapping = guessMapping(table([]).headers);

  it('guesses the whole header row', () => {
    expect(mapping).toEqual({
      name: 0,
      unitCost: 1,
      quantity: 2,
      currency: 3,
      schedule: 4,
      start: 5,
      end: 6,
      category: 7,
    });
  });

  it('turns good rows into lines with a fixed driver and reports bad rows cell by cell', () => {
    const r = checkImport(
      table([
        ['Reintegration kit', '1 234,50', '10', 'EUR', 'Once', 3, null, 'Grants to beneficiaries'],
        ['Counsellor', '800', '2', '', 'Chaque mois', '', '', 'Ressources humaines'],
        [null, '', null, null, null, null, null, null],
        ['', '-5', 'x', 'XOF', 'Weekly', 0, 99, 'Snacks'],
        ['Late', '10', '1', 'EUR', '', 30, 10, ''],
      ]),
      mapping,
      model,
      { level: 'individual' },
    );
    expect(r.rows).toBe(4);
    expect(r.ready.map((l) => l.row)).toEqual([2, 3]);
    expect(r.ready[0]!.fields).toMatchObject({
      name: 'Reintegration kit',
      unitCost: 123450,
      currency: 'EUR',
      category: 'grantsToBeneficiaries',
      driver: { kind: 'fixed', quantity: '10', schedule: 'once', start: 3 },
    });
    expect(r.ready[1]!.fields).toMatchObject({
      category: 'humanResources',
      driver: { kind: 'fixed', quantity: '2', schedule: 'monthly', start: 1, end: 36 },
    });
    expect(r.rowsWithIssues).toBe(2);
    const issuesOf = (row: number) => r.issues.filter((i) => i.row === row).map((i) => [i.field, i.code, i.column]);
    expect(issuesOf(5)).toEqual([
      ['name', 'text.required', 0],
      ['category', 'import.unknownChoice', 7],
      ['unitCost', 'number.negative', 1],
      ['currency', 'currency.undefined', 3],
      ['quantity', 'number.invalid', 2],
      ['schedule', 'import.unknownChoice', 4],
      ['start', 'month.range', 5],
      ['end', 'window.outside', 6],
    ]);
    expect(issuesOf(6)).toEqual([['end', 'window.endBeforeStart', 6]]);
    expect(r.issues.find((i) => i.row === 6)!.params).toEqual({ start: 30 });
    expect(r.issues.find((i) => i.row === 5 && i.field === 'end')!.params).toEqual({ max: 36 });
    expect(r.issueCount).toBe(9);
  });

  it('reads ambiguous numbers with the chosen or seen decimal separator, and refuses them otherwise', () => {
    const rows: ImportCell[][] = [['A', '1.234', '1', '', '', '', '', '']];
    expect(checkImport(table(rows), mapping, model, { level: 'community' }).issues[0]).toMatchObject({
      field: 'unitCost',
      code: 'import.ambiguousNumber',
    });
    expect(
      checkImport(table(rows), mapping, model, { level: 'community', decimal: ',' }).ready[0]!.fields.unitCost,
    ).toBe(123400);
    const seen = checkImport(table([...rows, ['B', '2,5', '1', '', '', '', '', '']]), mapping, model, {
      level: 'community',
    });
    expect(seen.decimal).toBe(',');
    expect(seen.ready.map((l) => l.fields.unitCost)).toEqual([123400, 250]);
  });

  it('uses the level’s defaults for what is not mapped', () => {
    const r = checkImport({ headers: ['Name', 'Cost'], rows: [['Market', '5']] }, { name: 0, unitCost: 1 }, model, {
      level: 'community',
    });
    expect(r.ready[0]!.fields).toMatchObject({
      category: 'works',
      unitCost: 500,
      currency: 'EUR',
      driver: { kind: 'fixed', quantity: '1', schedule: 'spread', start: 1, end: 36 },
      eligibleIndirect: true,
    });
  });

  it('refuses a mapping without a name or unit cost column, a column twice or out of the sheet', () => {
    const t = table([['A', '1', '1', '', '', '', '', '']]);
    const fail = (m: Record<string, number>) => {
      try {
        checkImport(t, m, model, { level: 'individual' });
      } catch (e) {
        expect(e).toBeInstanceOf(ApiFailure);
        return (e as ApiFailure).fields;
      }
      throw new Error('not refused');
    };
    expect(fail({ unitCost: 1 })).toEqual({ 'mapping.name': 'text.required' });
    expect(fail({ name: 0, unitCost: 0 })).toEqual({ 'mapping.unitCost': 'list.duplicate' });
    expect(fail({ name: 0, unitCost: 12 })).toEqual({ 'mapping.unitCost': 'value.invalid' });
  });

  it('reads our own exported lines back as the same lines', () => {
    const m = sampleModel();
    const csv = linesCsv(m, compute(m), { locale: 'fr' });
    const parsed = parseCsv(csv.slice(1), LIMITS);
    if (!parsed.ok) throw new Error(parsed.reason);
    const [headers, ...rows] = parsed.rows;
    const r = checkImport({ headers: headers!, rows }, guessMapping(headers!), m, { level: 'individual' });
    const fixed = m.lines.filter((l) => l.driver.kind === 'fixed');
    expect(fixed.length).toBeGreaterThan(3);
    for (const line of fixed) {
      const got = r.ready.find((x) => x.fields.name === line.name)?.fields;
      expect(got, line.name).toBeDefined();
      for (const k of [
        'category',
        'dimension',
        'modality',
        'unitLabel',
        'unitCost',
        'currency',
        'justification',
      ] as const) {
        expect(got![k], `${line.name} ${k}`).toEqual(line[k]);
      }
      expect(got!.eligibleIndirect).toBe(line.eligibleIndirect);
      expect(got!.driver).toEqual(line.driver);
    }
  });
});
