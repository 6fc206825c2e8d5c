/**
 * The same budget as a spreadsheet, in HyperFormula (the engine behind Handsontable's formulas), as a
 * yardstick for our engine. It is laid out the way a finance officer would build it by hand, with
 * live formulas, from the engine's per-line-month quantities and the currency factors:
 *
 * Sheet "Rates", one row per currency (the reporting currency first):
 *   A code, B annual inflation, C minor-unit shift (10^(reporting exponent − currency exponent)),
 *   D.. one exchange rate per programme year (local units per reporting unit; 1 for the reporting
 *   currency), then one factor per programme year: =POWER(1+B,year−1)*C/rate — what turns one minor
 *   unit of the currency into reporting minor units, inflation included (DESIGN §3, §4).
 *
 * Sheet "Budget", one row per line (amounts in reporting minor units, i.e. cents):
 *   A level, B unit cost (minor units of the line's currency), C eligible for indirect costs (1/0),
 *   D eligible for contingency (1/0), then one cell per month `=q*$B{row}*Rates!factor(year)` with q
 *   the engine's quantity for that month, then the exact line total `=SUM(months)` and the rounded
 *   line total (half to even, the engine's rule: a line's months add up to its exact total rounded
 *   once). Percentage lines have no month cells: their exact total is
 *   `=rate*(SUMIF(levels, level, rounded totals)+…+rounded totals of the chosen lines)`, exactly what
 *   the engine's month-by-month rule gives for a percentage line that runs over the whole
 *   programme (the generator only makes those). A last row holds direct cost, indirect costs and
 *   contingency (each rounded half to even from its eligible base) and the grand total.
 *
 * Spreadsheets round half away from zero; the half-to-even formula used here is
 * `IF(ABS(MOD(x,1)-0.5)<0.000001, 2*ROUND(x/2,0), ROUND(x,0))`: an exact tie (x.5 cents, which happens:
 * EUR 0.25 × 1.02 = 25.5 cents) goes to the even cent, anything else to the nearest.
 */
import { HyperFormula, type RawCellContent } from 'hyperformula';
import { compute } from '../../src-shared/engine';
import { currencyExponent } from '../../src-shared/money';
import { type BudgetLine, type Model, programmeYear } from '../../src-shared/model';

/** 0 -> A, 25 -> Z, 26 -> AA … */
export function columnName(index: number): string {
  let s = '';
  let i = index + 1;
  while (i > 0) {
    const r = (i - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    i = Math.floor((i - 1) / 26);
  }
  return s;
}

export interface BudgetSheet {
  sheets: { Budget: RawCellContent[][]; Rates: RawCellContent[][] };
  /** Budget-sheet cells of the totals (0-based row/col). */
  cells: Record<'direct' | 'indirect' | 'contingency' | 'total', { row: number; col: number }>;
  /** Budget-sheet row of each model line, by line id (for changing unit costs). */
  rowOf: Map<string, number>;
  formulaCells: number;
}

const halfEven = (x: string): string => `IF(ABS(MOD(${x},1)-0.5)<0.000001,2*ROUND(${x}/2,0),ROUND(${x},0))`;

/**
 * Builds the two sheets. `quantities` are the engine's per-line-month quantities (compute(model)
 * .lines[*].quantities); they are taken from a result so that both sides cost the same units.
 */
export function budgetSheet(model: Model): BudgetSheet {
  const { programme } = model;
  const D = programme.durationMonths;
  const years = Math.ceil(D / 12);
  const result = compute(model);
  const quantities = new Map(result.lines.map((l) => [l.lineId, l.quantities]));
  let formulaCells = 0;

  // Rates sheet.
  const repExp = currencyExponent(programme.reportingCurrency);
  const currencies = [
    { code: programme.reportingCurrency, inflation: programme.inflation, rates: ['1'] },
    ...model.currencies.filter((c) => c.code !== programme.reportingCurrency),
  ];
  const rates: RawCellContent[][] = [];
  const factorRef = new Map<string, string[]>();
  const firstFactorCol = 3 + years;
  currencies.forEach((c, i) => {
    const r = i + 1;
    const row: RawCellContent[] = [c.code, Number(c.inflation), 10 ** (repExp - currencyExponent(c.code))];
    for (let y = 0; y < years; y++) row.push(Number(c.rates[y] ?? c.rates[c.rates.length - 1] ?? '1'));
    const refs: string[] = [];
    for (let y = 0; y < years; y++) {
      row.push(`=POWER(1+$B${r},${y})*$C${r}/${columnName(3 + y)}${r}`);
      formulaCells++;
      refs.push(`Rates!$${columnName(firstFactorCol + y)}$${r}`);
    }
    rates.push(row);
    factorRef.set(c.code, refs);
  });

  // Budget sheet: non-percentage lines first, so that the SUMIF ranges of percentage lines never
  // reach a percentage line's own cells; percentage lines keep their model order (a percentage
  // line only names earlier ones, see generate.ts).
  const ordered = [
    ...model.lines.filter((l) => l.driver.kind !== 'percentage'),
    ...model.lines.filter((l) => l.driver.kind === 'percentage'),
  ];
  const nDirect = model.lines.filter((l) => l.driver.kind !== 'percentage').length;
  const exactCol = 4 + D;
  const roundedCol = exactCol + 1;
  const E = columnName(exactCol);
  const R = columnName(roundedCol);
  const rowOf = new Map<string, number>();
  ordered.forEach((l, i) => rowOf.set(l.id, i));
  const budget: RawCellContent[][] = [];
  const refRounded = (l: BudgetLine): string => `${R}${(rowOf.get(l.id) as number) + 1}`;
  const byId = new Map(model.lines.map((l) => [l.id, l]));
  for (const line of ordered) {
    const r = (rowOf.get(line.id) as number) + 1;
    const row: RawCellContent[] = new Array<RawCellContent>(roundedCol + 1).fill(null);
    row[0] = line.level;
    row[1] = line.unitCost;
    row[2] = line.eligibleIndirect ? 1 : 0;
    row[3] = line.eligibleContingency ? 1 : 0;
    const d = line.driver;
    if (d.kind === 'percentage') {
      if (d.start !== 1 || d.end < D)
        throw new Error(`${line.id}: the sheet needs percentage lines over the whole programme`);
      const terms = d.levels.map((lv) => `SUMIF($A$1:$A$${nDirect},"${lv}",$${R}$1:$${R}$${nDirect})`);
      for (const id of d.lineIds) {
        const other = byId.get(id);
        if (other && other.id !== line.id && !d.levels.includes(other.level)) terms.push(refRounded(other));
      }
      row[exactCol] = `=${d.rate}*(${terms.length > 0 ? terms.join('+') : '0'})`;
    } else {
      const q = quantities.get(line.id) ?? [];
      const refs = factorRef.get(line.currency);
      if (!refs) throw new Error(`${line.id}: unknown currency ${line.currency}`);
      for (let m = 1; m <= D; m++) {
        const qm = q[m - 1] ?? 0;
        if (qm === 0) continue;
        row[3 + m] = `=${String(qm)}*$B${r}*${refs[programmeYear(m) - 1] as string}`;
        formulaCells++;
      }
      row[exactCol] = `=SUM(${columnName(4)}${r}:${columnName(3 + D)}${r})`;
    }
    row[roundedCol] = `=${halfEven(`${E}${r}`)}`;
    formulaCells += 2;
    budget.push(row);
  }
  // Totals row: direct, indirect, contingency, grand total in columns A..D.
  const n = ordered.length;
  const totalsRow = n;
  const rng = (col: string) => `$${col}$1:$${col}$${n}`;
  budget.push([
    `=SUM(${rng(R)})`,
    `=${halfEven(`${programme.indirectRate}*SUMIF(${rng('C')},1,${rng(R)})`)}`,
    `=${halfEven(`${programme.contingencyRate}*SUMIF(${rng('D')},1,${rng(R)})`)}`,
    `=A${n + 1}+B${n + 1}+C${n + 1}`,
  ]);
  formulaCells += 4;
  return {
    sheets: { Budget: budget, Rates: rates },
    cells: {
      direct: { row: totalsRow, col: 0 },
      indirect: { row: totalsRow, col: 1 },
      contingency: { row: totalsRow, col: 2 },
      total: { row: totalsRow, col: 3 },
    },
    rowOf,
    formulaCells,
  };
}

/**
 * HyperFormula rounds every value it hands out to `precisionRounding` significant digits, 10 by
 * default, which would cut cents off a budget of a hundred million. 15 is what Excel and
 * LibreOffice keep.
 */
export function buildWorkbook(sheet: BudgetSheet): HyperFormula {
  return HyperFormula.buildFromSheets(sheet.sheets, { licenseKey: 'gpl-v3', precisionRounding: 15 });
}

/** A total of the sheet, in reporting minor units. */
export function sheetTotal(hf: HyperFormula, sheet: BudgetSheet, which: keyof BudgetSheet['cells'] = 'total'): number {
  const budget = hf.getSheetId('Budget') as number;
  const v = hf.getCellValue({ sheet: budget, ...sheet.cells[which] });
  if (typeof v !== 'number') throw new Error(`spreadsheet ${which} is not a number: ${JSON.stringify(v)}`);
  return Math.round(v);
}

/** Sets every unit cost to `factor` × the model's and lets the workbook recalculate (one batch). */
export function setUnitCosts(hf: HyperFormula, sheet: BudgetSheet, model: Model, factor: number): void {
  const budget = hf.getSheetId('Budget') as number;
  hf.batch(() => {
    for (const line of model.lines) {
      const row = sheet.rowOf.get(line.id);
      if (row !== undefined) hf.setCellContents({ sheet: budget, row, col: 1 }, line.unitCost * factor);
    }
  });
}

/** The model with every unit cost multiplied by `factor` (what the sheet holds after setUnitCosts). */
export function scaledModel(model: Model, factor: number): Model {
  return { ...model, lines: model.lines.map((l) => ({ ...l, unitCost: l.unitCost * factor })) };
}
