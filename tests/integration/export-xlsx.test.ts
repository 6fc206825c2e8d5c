/**
 * The XLSX export checked by a real spreadsheet (issue 11). The sample and a generated programme
 * are exported in every layout; LibreOffice's headless Calc opens each, recalculates every formula
 * (tests/integration/libreoffice.ts: a profile with recalculation on load set to "Always") and
 * saves it again; every formula cell's recalculated value must equal the engine's amount to the
 * cent. A unit cost changed in the file and cached values broken on purpose prove that LibreOffice
 * did recalculate. The workbooks are read back with exceljs too: formulas are formulas, numbers
 * are numbers. All files go through ONE soffice run (each start costs seconds).
 *
 * Without soffice the test fails under CI (CI=true) and is skipped, with the reason, elsewhere.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compute } from '../../src-shared/engine';
import { LAYOUT_IDS, type LayoutId, type PlanCell, type WorkbookPlan } from '../../src-shared/export';
import { currencyExponent } from '../../src-shared/money';
import type { BudgetLine, Model } from '../../src-shared/model';
import { planOf, writeWorkbook, type XlsxOptions } from '../../src-main/export/xlsx';
import { sampleModel } from '../../src-main/sample/sample-model';
import { generateModel } from '../bench/generate';
import { lineBuilder, testProgramme } from '../unit/model-fixtures';
import { findSoffice, recalculate } from './libreoffice';

const soffice = findSoffice();
const inCi = process.env.CI === 'true' || process.env.CI === '1';
if (!soffice && inCi) {
  throw new Error(
    'LibreOffice (soffice) is not installed, and CI needs it to check the exported workbooks: ' +
      'apt-get install -y libreoffice-calc-nogui (as .ci/run does), or set SOFFICE to its path.',
  );
}
const reason = soffice ? '' : ' (skipped: soffice is not installed here; CI installs it)';

interface Job {
  name: string;
  model: Model;
  options: XlsxOptions;
  file: string;
  plan: WorkbookPlan;
  recalculated?: ExcelJS.Workbook;
}

/** A cell's value as exceljs reads it: a formula's result (LibreOffice writes <v>0</v>, exceljs drops it). */
function valueOf(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v !== null && typeof v === 'object' && 'formula' in v) return (v as ExcelJS.CellFormulaValue).result ?? 0;
  return v;
}

/** The bytes as exceljs's load() takes them. */
function arrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** A small programme in EUR and XOF with inflation: the model the proof tests edit. */
function proofModel(): Model {
  const line = lineBuilder('P');
  return {
    programme: testProgramme({ title: 'Proof', durationMonths: 36, inflation: '0.02', indirectRate: '0.07' }),
    profiles: [],
    currencies: [{ code: 'XOF', rates: ['655.957'], inflation: '0.03' }],
    funders: [
      {
        id: 'd',
        name: 'Donor',
        type: 'donor',
        status: 'confirmed',
        ceiling: null,
        conditionalOnMatch: false,
        position: 0,
      },
    ],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
    lines: [
      line({
        name: 'Kits',
        unitCost: 333_33,
        driver: { kind: 'fixed', quantity: '10', schedule: 'spread', start: 1, end: 30 },
      }),
      line({
        name: 'Local staff',
        level: 'support',
        category: 'humanResources',
        currency: 'XOF',
        unitCost: 450_000,
        driver: { kind: 'fixed', quantity: '2', schedule: 'monthly', start: 1, end: 36 },
      }),
    ],
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'rcs-xlsx-'));
const jobs: Job[] = [];
const all = (m: Model): (string | null)[] => [
  null,
  ...[...m.scenarios].sort((a, b) => a.position - b.position).map((s) => s.id),
];

function job(
  name: string,
  model: Model,
  options: Omit<XlsxOptions, 'valuesOnly' | 'locale'> & Partial<XlsxOptions>,
): Job {
  const full: XlsxOptions = { valuesOnly: false, locale: 'en', ...options };
  const j: Job = { name, model, options: full, file: path.join(dir, `${name}.xlsx`), plan: planOf(model, full) };
  jobs.push(j);
  return j;
}

const sample = sampleModel();
const generated = generateModel({ lines: 300, months: 60 });
for (const layout of LAYOUT_IDS) {
  job(`sample-${layout}`, sample, { layout, scenarioIds: all(sample), monthlyColumns: layout === 'eu' });
  job(`generated-${layout}`, generated, {
    layout,
    scenarioIds: [null],
    monthlyColumns: layout === 'us',
    locale: layout === 'fcdo' ? 'fr' : 'en',
  });
}
// Issue 12: the sample on the EU base (direct + contingency: live formulas with the contingency row)
// and on an MTDC base with lines excluded (formulas only where nothing is excluded).
job(
  'sample-eu-contingency-base',
  { ...sample, programme: { ...sample.programme, indirectBase: 'directPlusContingency' } },
  { layout: 'eu', scenarioIds: all(sample), monthlyColumns: true },
);
job(
  'sample-us-mtdc',
  {
    ...sample,
    programme: { ...sample.programme, donorProfile: 'US', indirectBase: 'mtdc' },
    lines: sample.lines.map((l, i) =>
      i % 7 === 0 ? { ...l, mtdcExclusion: 'equipment' } : i % 11 === 0 ? { ...l, mtdcExclusion: 'subaward' } : l,
    ),
  },
  { layout: 'us', scenarioIds: all(sample), monthlyColumns: true },
);
const proof = job('proof-edited', proofModel(), { layout: 'plain', scenarioIds: [null], monthlyColumns: false });
/** The unit cost the proof puts in the file (333.33 → 410.17 EUR), and the engine's model with it. */
const NEW_UNIT_COST = 410_17;
const edited: Model = {
  ...proof.model,
  lines: proof.model.lines.map((l: BudgetLine) => (l.name === 'Kits' ? { ...l, unitCost: NEW_UNIT_COST } : l)),
};

/** Where the plan puts a line's unit cost and the scenario's grand total. */
function find(plan: WorkbookPlan, sheet: string, text: string): { r: number; c: number } {
  const s = plan.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  for (let r = 0; r < s.rows.length; r++) {
    const c = (s.rows[r] ?? []).findIndex((cell) => cell?.value === text);
    if (c >= 0) return { r, c };
  }
  throw new Error(`no cell "${text}" on ${sheet}`);
}
/** The column of a sheet's Total amounts (its header "Total (EUR)"). */
function totalCol(plan: WorkbookPlan, sheet: string, currency: string): number {
  return find(plan, sheet, `Total (${currency})`).c;
}

describe.skipIf(!soffice)(`the XLSX export in LibreOffice${reason}`, () => {
  beforeAll(async () => {
    for (const j of jobs) writeFileSync(j.file, await writeWorkbook(j.model, j.options));
    // The proof file: a unit cost changed and cached values broken, as a person (or a bug) would.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(proof.file);
    const ws = wb.getWorksheet('Baseline') as ExcelJS.Worksheet;
    const kits = find(proof.plan, 'Baseline', 'Kits');
    ws.getCell(kits.r + 1, 6).value = NEW_UNIT_COST / 100;
    const total = find(proof.plan, 'Baseline', 'Total costs');
    const tc = totalCol(proof.plan, 'Baseline', 'EUR');
    const cached = ws.getCell(total.r + 1, tc + 1);
    cached.value = {
      formula: (cached.value as ExcelJS.CellFormulaValue).formula,
      result: 1,
    } as ExcelJS.CellFormulaValue;
    const summary = wb.getWorksheet('Summary') as ExcelJS.Worksheet;
    summary.eachRow((row) =>
      row.eachCell((c) => {
        const v = c.value;
        if (v !== null && typeof v === 'object' && 'formula' in v)
          c.value = { formula: v.formula, result: -7 } as ExcelJS.CellFormulaValue;
      }),
    );
    await wb.xlsx.writeFile(proof.file);
    const out = recalculate(
      soffice as string,
      jobs.map((j) => j.file),
      path.join(dir, 'recalculated'),
    );
    for (const [i, j] of jobs.entries()) {
      j.recalculated = new ExcelJS.Workbook();
      await j.recalculated.xlsx.readFile(out[i] as string);
    }
  }, 240_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const exported = () => jobs.filter((j) => j !== proof);

  it('gives every formula cell the engine’s amount to the cent, in every layout', () => {
    for (const j of exported()) {
      const digits = currencyExponent(j.model.programme.reportingCurrency);
      const wb = j.recalculated as ExcelJS.Workbook;
      let formulas = 0;
      const wrong: string[] = [];
      for (const sheet of j.plan.sheets) {
        const ws = wb.getWorksheet(sheet.name);
        expect(ws, `${j.name}: sheet ${sheet.name}`).toBeDefined();
        sheet.rows.forEach((row, r) =>
          row.forEach((cell: PlanCell | undefined, c) => {
            if (!cell?.formula || typeof cell.value !== 'number') return;
            formulas++;
            const got = valueOf((ws as ExcelJS.Worksheet).getCell(r + 1, c + 1));
            expect(typeof got, `${j.name} ${sheet.name}!${r + 1}:${c + 1}`).toBe('number');
            const isMoney = cell.format?.startsWith('#,##0') ?? false;
            const same = isMoney
              ? Math.round((got as number) * 10 ** digits) === Math.round(cell.value * 10 ** digits)
              : Math.abs((got as number) - cell.value) <= 1e-9 * Math.max(1, Math.abs(cell.value));
            if (!same)
              wrong.push(
                `${sheet.name}!R${r + 1}C${c + 1} ${cell.formula}: LibreOffice ${String(got)}, engine ${cell.value}`,
              );
          }),
        );
      }
      expect(wrong.slice(0, 10), `${j.name}: ${wrong.length} cell(s) differ`).toEqual([]);
      expect(formulas, j.name).toBeGreaterThan(500);
    }
  });

  it('reaches the engine’s totals on every scenario sheet (direct, contingency, indirect, total)', () => {
    for (const j of exported()) {
      const wb = j.recalculated as ExcelJS.Workbook;
      const cur = j.model.programme.reportingCurrency;
      const digits = currencyExponent(cur);
      const sheets = j.plan.sheets.filter((s) => s.rows.some((row) => row.some((c) => c?.value === `Total (${cur})`)));
      expect(sheets.length, j.name).toBe(j.options.scenarioIds.length);
      // The first scenario sheet is the baseline: compare with a compute of our own here.
      const result = compute(j.model);
      const first = sheets[0] as (typeof sheets)[number];
      const tc = totalCol(j.plan, first.name, cur);
      const read = (label: string): number => {
        const { r } = find(j.plan, first.name, label);
        const v = valueOf((wb.getWorksheet(first.name) as ExcelJS.Worksheet).getCell(r + 1, tc + 1)) as number;
        return Math.round(v * 10 ** digits);
      };
      const totalLabel = j.options.locale === 'fr' ? 'Coût total' : 'Total costs';
      const directLabel = j.options.locale === 'fr' ? 'Total des coûts directs' : 'Total direct costs';
      expect(read(totalLabel), j.name).toBe(result.totals.total);
      expect(read(directLabel), j.name).toBe(result.totals.direct);
    }
  });

  it('recalculates: a unit cost changed in the file flows to every total, broken cached values are replaced', () => {
    const wb = proof.recalculated as ExcelJS.Workbook;
    const ws = wb.getWorksheet('Baseline') as ExcelJS.Worksheet;
    const expected = compute(edited);
    const tc = totalCol(proof.plan, 'Baseline', 'EUR');
    const at = (label: string): number => {
      const { r } = find(proof.plan, 'Baseline', label);
      return Math.round((valueOf(ws.getCell(r + 1, tc + 1)) as number) * 100);
    };
    const kits = expected.lines.find((l) => l.lineId === 'P1');
    expect(at('Kits')).toBe(kits?.total);
    expect(at('Total direct costs')).toBe(expected.totals.direct);
    expect(at('Indirect costs')).toBe(expected.totals.indirect);
    expect(at('Contingency')).toBe(expected.totals.contingency);
    expect(at('Total costs')).toBe(expected.totals.total);
    // Different from the exported (unedited) numbers: LibreOffice did not show the cached values.
    expect(expected.totals.total).not.toBe(compute(proof.model).totals.total);
    const summary = wb.getWorksheet('Summary') as ExcelJS.Worksheet;
    const { r } = find(proof.plan, 'Summary', 'Total costs');
    expect(Math.round((valueOf(summary.getCell(r + 1, 2)) as number) * 100)).toBe(expected.totals.total);
  });
});

describe('the exported workbook, read back with exceljs', () => {
  it('holds formulas as formulas, numbers as numbers, defined names for the rates, frozen headers and A4 landscape', async () => {
    const j = jobs.find((x) => x.name === 'sample-eu') as Job;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(await writeWorkbook(j.model, j.options)));
    let formulas = 0;
    for (const sheet of j.plan.sheets) {
      const ws = wb.getWorksheet(sheet.name) as ExcelJS.Worksheet;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: sheet.freeze.rows });
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
      sheet.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!cell || cell.value === null) return;
          const got = ws.getCell(r + 1, c + 1);
          if (cell.formula) {
            formulas++;
            expect(got.formula, `${sheet.name}!${got.address}`).toBe(cell.formula);
          } else if (typeof cell.value === 'number') {
            expect(typeof got.value, `${sheet.name}!${got.address}`).toBe('number');
          }
        }),
      );
    }
    expect(formulas).toBeGreaterThan(1000);
    const names = j.plan.names.map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(['IndirectRate_1', 'ContingencyRate_1', 'Rate_XOF_Y1_1']));
    const ranges = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    expect(ranges.find((n) => n.name === 'IndirectRate_1')?.ranges[0]).toMatch(/Assumptions'?!\$B\$\d+/);
  });

  it('writes only values with --values-only, the same numbers', async () => {
    const j = jobs.find((x) => x.name === 'sample-us') as Job;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(await writeWorkbook(j.model, { ...j.options, valuesOnly: true })));
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeUndefined()));
    const values = planOf(j.model, { ...j.options, valuesOnly: true });
    expect(values.stats.formulaCells).toBe(0);
    const flat = (p: WorkbookPlan) =>
      p.sheets.map((s) => s.rows.map((row) => row.map((c) => (typeof c?.value === 'number' ? c.value : null))));
    expect(flat(values)).toEqual(flat(j.plan));
  });

  it('stops when its signal is aborted, and reports progress', async () => {
    const steps: number[] = [];
    await writeWorkbook(sample, { ...(jobs[0] as Job).options }, { onProgress: (done) => steps.push(done) });
    expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
    const controller = new AbortController();
    controller.abort();
    await expect(writeWorkbook(sample, (jobs[0] as Job).options, { signal: controller.signal })).rejects.toThrow();
  });
});

export type { LayoutId };
