/**
 * The same budget as a spreadsheet, in HyperFormula (the engine behind Handsontable's formulas), as a
 * yardstick for our engine. One sheet, one row per line:
 *   A: unit cost (EUR), B..: one cell per month, `=qty*$A{row}` (spread lines: `=q/n*$A{row}`),
 *   then the line total `=SUM(B{row}:…{row})`; a last row holds the monthly totals and the grand
 *   total `=SUM(line totals)`.
 * This is how a finance officer would lay the budget out by hand, and how DESIGN §8's export keeps
 * formulas live.
 */
import { HyperFormula, type RawCellContent } from 'hyperformula';
import type { Model } from '../../src-shared/model';

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
  rows: RawCellContent[][];
  /** Where the grand total (EUR) sits. */
  grandTotal: { row: number; col: number };
  /** Row of each line (same order as model.lines); the unit cost is in column 0. */
  lineRows: number;
  formulaCells: number;
}

export function budgetSheet(model: Model): BudgetSheet {
  const D = model.programme.durationMonths;
  const totalCol = D + 1;
  const lastMonth = columnName(D);
  const rows: RawCellContent[][] = [];
  let formulaCells = 0;
  model.lines.forEach((line, i) => {
    const r = i + 1; // A1 row number
    const row: RawCellContent[] = new Array<RawCellContent>(D + 2).fill(null);
    row[0] = line.unitCost / 100;
    const d = line.driver;
    const end = d.schedule === 'once' ? d.start : Math.min(d.end, D);
    const q = d.schedule === 'spread' ? `${d.quantity}/${d.end - d.start + 1}` : d.quantity;
    for (let m = d.start; m <= end; m++) {
      row[m] = `=${q}*$A${r}`;
      formulaCells++;
    }
    row[totalCol] = `=SUM(B${r}:${lastMonth}${r})`;
    formulaCells++;
    rows.push(row);
  });
  const n = model.lines.length;
  const totals: RawCellContent[] = new Array<RawCellContent>(D + 2).fill(null);
  for (let m = 1; m <= D; m++) {
    totals[m] = `=SUM(${columnName(m)}1:${columnName(m)}${n})`;
    formulaCells++;
  }
  totals[totalCol] = `=SUM(${columnName(totalCol)}1:${columnName(totalCol)}${n})`;
  formulaCells++;
  rows.push(totals);
  return { rows, grandTotal: { row: n, col: totalCol }, lineRows: n, formulaCells };
}

/**
 * HyperFormula rounds every value it hands out to `precisionRounding` significant digits, 10 by
 * default, which would cut cents off a budget of a hundred million. 15 is what Excel and
 * LibreOffice keep.
 */
export function buildWorkbook(sheet: BudgetSheet): HyperFormula {
  return HyperFormula.buildFromArray(sheet.rows, { licenseKey: 'gpl-v3', precisionRounding: 15 });
}

/** The grand total in cents, as the spreadsheet shows it rounded to 2 decimals. */
export function grandTotalCents(hf: HyperFormula, sheet: BudgetSheet): number {
  const v = hf.getCellValue({ sheet: 0, row: sheet.grandTotal.row, col: sheet.grandTotal.col });
  if (typeof v !== 'number') throw new Error(`spreadsheet grand total is not a number: ${JSON.stringify(v)}`);
  return Math.round(v * 100);
}

/** Sets every unit cost to `factor` × the model's and lets the workbook recalculate (one batch). */
export function setUnitCosts(hf: HyperFormula, model: Model, factor: number): void {
  hf.batch(() => {
    model.lines.forEach((line, i) => {
      hf.setCellContents({ sheet: 0, row: i, col: 0 }, (line.unitCost * factor) / 100);
    });
  });
}
