/**
 * The same budget as a spreadsheet, in HyperFormula (the engine behind Handsontable's formulas), as a
 * yardstick for our engine. It is laid out the way a finance officer would build it by hand: the
 * inputs typed once (profiles, driver parameters, unit costs, rates) and live formulas deriving
 * every quantity from them, with the rules of src-shared/engine/drivers.ts and caseload.ts.
 *
 * Sheet "Programme": A1 communities of return, B1 indirect rate, C1 contingency rate.
 *
 * Sheet "Rates", one row per currency (the reporting currency first):
 *   A code, B annual inflation, C minor-unit shift (10^(reporting exponent − currency exponent)),
 *   D.. one exchange rate per programme year (local units per reporting unit; 1 for the reporting
 *   currency), then one factor per programme year: =POWER(1+B,year−1)*C/rate — what turns one minor
 *   unit of the currency into reporting minor units, inflation included (DESIGN §3, §4).
 *
 * Sheet "Caseload", five rows per returnee profile, months from column J:
 *   weights  the arrival pattern over the arrival window (even 1, front n…1, back 1…n), with the
 *            profile's inputs in B..I (expected arrivals, window start and end clipped to the
 *            programme, assistance months, persons per unit, persons =SUM(arrivals)×persons per
 *            unit, the weights' sum W, the units left after the floors);
 *   floors   INT(arrivals × w ÷ W);
 *   remains  MOD(arrivals × w, W);
 *   arrivals floor + 1 for the `left` largest remainders (ties to the earlier month, by COUNTIF):
 *            the engine's largest-remainder allocation. An `explicit` profile's arrivals are its
 *            typed monthly numbers (its inputs), the three rows above stay empty;
 *   active   =SUM(arrivals of the last `assistance months` months).
 *   Then, for each set of profiles that a line names (more than one), a row of arrivals and a
 *   row of active cases summed over the set, and its persons.
 *
 * Sheet "Budget", one row per line (amounts in reporting minor units, i.e. cents):
 *   A level, B unit cost (minor units of the line's currency), C eligible for indirect costs (1/0),
 *   D eligible for contingency (1/0), E quantity (percentage lines: the rate), F take-up, cases per
 *   staff or returnees per project, G min staff or offset, H max staff, I window start, J window
 *   end, K units to schedule (fixed: =E; per community: =E×communities; per project:
 *   =ROUNDUP(persons ÷ F, 0)), then one cell per month of the window, quantity × $B × factor(year):
 *     fixed, per community, per project  $K once in the start month, $K÷($J−$I+1) spread over the
 *                                        window, or $K monthly;
 *     per arrival     $E × $F × arrivals of the chosen profiles in month m − offset;
 *     per active case $E × active cases of the chosen profiles in month m;
 *     staffing        MIN(MAX(ROUNDUP(active ÷ $F, 0), $G), $H);
 *   then the exact line total `=SUM(months)` and the rounded line total. Percentage lines have no
 *   month cells: their exact total is `=$E*(SUMIF(levels, level, rounded totals)+…+rounded totals of
 *   the chosen lines)`, which is what the engine's month-by-month rule gives for a percentage line
 *   that runs over the whole programme (the generator only makes those). A last row holds direct
 *   cost, indirect costs and contingency (each rounded, ties away from zero, from its eligible base)
 *   and the grand total.
 *
 * Rounding: the engine rounds each line's running total at every month to the nearest cent, ties
 * away from zero, which is what the spreadsheet's ROUND does (DESIGN §4); the last running total is
 * the exact line total so rounded, so a line's rounded total (and every total above it) is the same
 * when only the line total is rounded, which is what this sheet does (one rounding formula per line
 * instead of one per line-month: cheaper for the spreadsheet). The formula is ROUND(x,0), guarded
 * for an exact tie (x.5 cents, which happens: EUR 0.25 × 1.02 = 25.5 cents): the sheet's sums are
 * in binary floats, so a tie may arrive as 25.4999999999, which ROUND would take down; within a
 * millionth of a cent of one half, `IF(ABS(MOD(x,1)-0.5)<0.000001, ROUNDUP(x,0), ROUND(x,0))` takes
 * it away from zero (ROUNDUP), as ROUND does an exact half.
 */
import { HyperFormula, type ConfigParams, type RawCellContent } from 'hyperformula';
import { currencyExponent } from '../../src-shared/money';
import { type BudgetLine, type Model, type Profile, programmeYear } from '../../src-shared/model';

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

type Sheets = Record<'Programme' | 'Rates' | 'Caseload' | 'Budget', RawCellContent[][]>;

export interface BudgetSheet {
  sheets: Sheets;
  /** Budget-sheet cells of the totals (0-based row/col). */
  cells: Record<'direct' | 'indirect' | 'contingency' | 'total', { row: number; col: number }>;
  /** Budget-sheet row of each model line, by line id (for changing unit costs). */
  rowOf: Map<string, number>;
  /** Caseload-sheet row (0-based) of each profile's arrivals, by profile id (for checking them). */
  arrivalsRowOf: Map<string, number>;
  formulaCells: number;
  /** Lines whose quantities are typed constants rather than formulas (none today). */
  constantLines: number;
}

const round = (x: string): string => `IF(ABS(MOD(${x},1)-0.5)<0.000001,ROUNDUP(${x},0),ROUND(${x},0))`;

/** Column of month m (1-based) in the Caseload sheet and in the Budget sheet. */
const CASE_M0 = 9;
const BUDGET_M0 = 11;

/** A set of profiles as a line names it: the sorted ids, '' for every profile. */
const setKey = (ids: readonly string[], all: readonly Profile[]): string =>
  ids.length === 0 ? all.map((p) => p.id).join('+') : [...new Set(ids)].sort().join('+');

/** Builds the four sheets from the model's inputs; every quantity is a formula. */
export function budgetSheet(model: Model): BudgetSheet {
  const { programme } = model;
  const D = programme.durationMonths;
  const years = Math.ceil(D / 12);
  let formulaCells = 0;
  const f = (text: string): string => {
    formulaCells++;
    return `=${text}`;
  };

  const programmeSheet: RawCellContent[][] = [
    [programme.communities, Number(programme.indirectRate), Number(programme.contingencyRate)],
  ];

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
      row.push(f(`POWER(1+$B${r},${y})*$C${r}/${columnName(3 + y)}${r}`));
      refs.push(`Rates!$${columnName(firstFactorCol + y)}$${r}`);
    }
    rates.push(row);
    factorRef.set(c.code, refs);
  });

  // Caseload sheet: five rows per profile, then one pair of rows per set of profiles in use.
  const caseload: RawCellContent[][] = [];
  const mc = (m: number): string => columnName(CASE_M0 + m - 1);
  const monthsRange = (row: number, from = 1, to = D): string => `${mc(from)}${row}:${mc(to)}${row}`;
  const profiles = [...model.profiles].sort((a, b) => a.position - b.position);
  /** 1-based rows of a profile's (or a set's) arrivals and active cases, and the cell of its persons. */
  const series = new Map<string, { arrivals: number; active: number; persons: string }>();
  const arrivalsRowOf = new Map<string, number>();
  for (const p of profiles) {
    const o = caseload.length + 1; // 1-based row of the weights
    const [w, fl, rm, ar, ac] = [o, o + 1, o + 2, o + 3, o + 4];
    const rows: RawCellContent[][] = Array.from({ length: 5 }, () => new Array<RawCellContent>(CASE_M0 + D).fill(null));
    const [weights, floors, remains, arrivals, active] = rows as [
      RawCellContent[],
      RawCellContent[],
      RawCellContent[],
      RawCellContent[],
      RawCellContent[],
    ];
    weights[0] = `${p.name}: weights`;
    floors[0] = 'floors';
    remains[0] = 'remainders';
    arrivals[0] = 'arrivals';
    active[0] = 'active cases';
    weights[4] = p.durationMonths;
    weights[5] = Number(p.personsPerUnit);
    weights[6] = f(`SUM(${monthsRange(ar)})*$F${w}`);
    if (p.pattern === 'explicit') {
      for (let m = 1; m <= D; m++) arrivals[CASE_M0 + m - 1] = p.monthly[m - 1] ?? 0;
    } else {
      weights[1] = p.arrivals;
      weights[2] = f(`MAX(1,${p.arrivalStart})`);
      weights[3] = f(`MIN(${D},${p.arrivalEnd})`);
      weights[7] = f(`SUM(${monthsRange(w)})`);
      weights[8] = f(`$B${w}-SUM(${monthsRange(fl)})`);
      const shape = p.pattern === 'even' ? '1' : p.pattern === 'front' ? `$D${w}-{m}+1` : `{m}-$C${w}+1`;
      for (let m = 1; m <= D; m++) {
        const c = CASE_M0 + m - 1;
        const x = mc(m);
        weights[c] = f(`IF(AND(${m}>=$C${w},${m}<=$D${w}),${shape.replace('{m}', String(m))},0)`);
        floors[c] = f(`IF($H${w}=0,0,INT($B${w}*${x}${w}/$H${w}))`);
        remains[c] = f(`IF($H${w}=0,0,MOD($B${w}*${x}${w},$H${w}))`);
        const before = m > 1 ? `+COUNTIF(${monthsRange(rm, 1, m - 1)},${x}${rm})` : '';
        arrivals[c] = f(`IF(${x}${w}=0,0,${x}${fl}+IF(COUNTIF(${monthsRange(rm)},">"&${x}${rm})${before}<$I${w},1,0))`);
      }
    }
    for (let m = 1; m <= D; m++) {
      active[CASE_M0 + m - 1] = f(`SUM(${mc(Math.max(1, m - p.durationMonths + 1))}${ar}:${mc(m)}${ar})`);
    }
    caseload.push(...rows);
    series.set(p.id, { arrivals: ar, active: ac, persons: `Caseload!$G$${w}` });
    arrivalsRowOf.set(p.id, ar - 1);
  }
  const seriesOf = (ids: readonly string[]): { arrivals: number; active: number; persons: string } => {
    const key = setKey(ids, profiles);
    const known = series.get(key);
    if (known) return known;
    const members = key.split('+').map((id) => {
      const s = series.get(id);
      if (!s) throw new Error(`unknown profile ${id}`);
      return s;
    });
    const ar = caseload.length + 1;
    const arrivals = new Array<RawCellContent>(CASE_M0 + D).fill(null);
    const active = new Array<RawCellContent>(CASE_M0 + D).fill(null);
    arrivals[0] = `${key}: arrivals`;
    active[0] = `${key}: active cases`;
    arrivals[6] = f(members.map((s) => s.persons).join('+'));
    for (let m = 1; m <= D; m++) {
      arrivals[CASE_M0 + m - 1] = f(`SUM(${members.map((s) => `${mc(m)}${s.arrivals}`).join(',')})`);
      active[CASE_M0 + m - 1] = f(`SUM(${members.map((s) => `${mc(m)}${s.active}`).join(',')})`);
    }
    caseload.push(arrivals, active);
    const s = { arrivals: ar, active: ar + 1, persons: `Caseload!$G$${ar}` };
    series.set(key, s);
    return s;
  };

  // Budget sheet: non-percentage lines first, so that the SUMIF ranges of percentage lines never
  // reach a percentage line's own cells; percentage lines keep their model order (a percentage
  // line only names earlier ones, see generate.ts).
  const ordered = [
    ...model.lines.filter((l) => l.driver.kind !== 'percentage'),
    ...model.lines.filter((l) => l.driver.kind === 'percentage'),
  ];
  const nDirect = model.lines.filter((l) => l.driver.kind !== 'percentage').length;
  const exactCol = BUDGET_M0 + D;
  const roundedCol = exactCol + 1;
  const E = columnName(exactCol);
  const R = columnName(roundedCol);
  const bm = (m: number): number => BUDGET_M0 + m - 1;
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
    row[8] = d.start;
    row[9] = d.end;
    if (d.kind === 'percentage') {
      if (d.start !== 1 || d.end < D)
        throw new Error(`${line.id}: the sheet needs percentage lines over the whole programme`);
      row[4] = Number(d.rate);
      const terms = d.levels.map((lv) => `SUMIF($A$1:$A$${nDirect},"${lv}",$${R}$1:$${R}$${nDirect})`);
      for (const id of d.lineIds) {
        const other = byId.get(id);
        if (other && other.id !== line.id && !d.levels.includes(other.level)) terms.push(refRounded(other));
      }
      row[exactCol] = f(`$E${r}*(${terms.length > 0 ? terms.join('+') : '0'})`);
    } else {
      const refs = factorRef.get(line.currency);
      if (!refs) throw new Error(`${line.id}: unknown currency ${line.currency}`);
      const cost = (m: number): string => `$B${r}*${refs[programmeYear(m) - 1] as string}`;
      const last = Math.min(d.end, D);
      const scheduled = (schedule: 'once' | 'spread' | 'monthly'): void => {
        if (schedule === 'once') {
          if (d.start <= D) row[bm(d.start)] = f(`$K${r}*${cost(d.start)}`);
          return;
        }
        const each = schedule === 'spread' ? `$K${r}/($J${r}-$I${r}+1)` : `$K${r}`;
        for (let m = d.start; m <= last; m++) row[bm(m)] = f(`${each}*${cost(m)}`);
      };
      switch (d.kind) {
        case 'fixed':
          row[4] = Number(d.quantity);
          row[10] = f(`$E${r}`);
          scheduled(d.schedule);
          break;
        case 'perCommunity':
          row[4] = Number(d.quantity);
          row[10] = f(`$E${r}*Programme!$A$1`);
          scheduled(d.schedule);
          break;
        case 'perProject':
          row[5] = Number(d.returneesPerProject);
          row[10] = f(`ROUNDUP(${seriesOf(d.profileIds).persons}/$F${r},0)`);
          scheduled(d.schedule);
          break;
        case 'perArrival': {
          row[4] = Number(d.quantity);
          row[5] = Number(d.takeUp);
          row[6] = d.offset;
          const s = seriesOf(d.profileIds);
          for (let m = d.start; m <= last; m++) {
            if (m - d.offset < 1) continue;
            row[bm(m)] = f(`$E${r}*$F${r}*Caseload!${mc(m - d.offset)}$${s.arrivals}*${cost(m)}`);
          }
          break;
        }
        case 'perActiveCase': {
          row[4] = Number(d.quantity);
          const s = seriesOf(d.profileIds);
          for (let m = d.start; m <= last; m++) row[bm(m)] = f(`$E${r}*Caseload!${mc(m)}$${s.active}*${cost(m)}`);
          break;
        }
        case 'staffing': {
          row[5] = Number(d.casesPerStaff);
          row[6] = d.min;
          row[7] = d.max;
          const s = seriesOf(d.profileIds);
          for (let m = d.start; m <= last; m++) {
            const staff = `MAX(ROUNDUP(Caseload!${mc(m)}$${s.active}/$F${r},0),$G${r})`;
            row[bm(m)] = f(`${d.max === null ? staff : `MIN(${staff},$H${r})`}*${cost(m)}`);
          }
          break;
        }
      }
      row[exactCol] = f(`SUM(${columnName(bm(1))}${r}:${columnName(bm(D))}${r})`);
    }
    row[roundedCol] = f(round(`${E}${r}`));
    budget.push(row);
  }
  // Totals row: direct, indirect, contingency, grand total in columns A..D.
  const n = ordered.length;
  const totalsRow = n;
  const rng = (col: string) => `$${col}$1:$${col}$${n}`;
  budget.push([
    f(`SUM(${rng(R)})`),
    f(round(`Programme!$B$1*SUMIF(${rng('C')},1,${rng(R)})`)),
    f(round(`Programme!$C$1*SUMIF(${rng('D')},1,${rng(R)})`)),
    f(`A${n + 1}+B${n + 1}+C${n + 1}`),
  ]);
  return {
    sheets: { Programme: programmeSheet, Rates: rates, Caseload: caseload, Budget: budget },
    cells: {
      direct: { row: totalsRow, col: 0 },
      indirect: { row: totalsRow, col: 1 },
      contingency: { row: totalsRow, col: 2 },
      total: { row: totalsRow, col: 3 },
    },
    rowOf,
    arrivalsRowOf,
    formulaCells,
    constantLines: 0,
  };
}

/**
 * The settings the bench gives HyperFormula. `undoLimit: 0`: no undo stack (our engine keeps none;
 * the app's undo lives in the file). `precisionRounding: 15`: HyperFormula rounds every value it
 * hands out to that many significant digits, 10 by default, which would cut cents off a budget of a
 * hundred million; 15 is what Excel and LibreOffice keep. `useColumnIndex` stays off: it speeds up
 * lookups (VLOOKUP, MATCH), which this workbook does not use, and costs time to keep (measured).
 */
export const HF_CONFIG: Partial<ConfigParams> = {
  licenseKey: 'gpl-v3',
  precisionRounding: 15,
  undoLimit: 0,
  useColumnIndex: false,
};

export function buildWorkbook(sheet: BudgetSheet, config: Partial<ConfigParams> = HF_CONFIG): HyperFormula {
  return HyperFormula.buildFromSheets(sheet.sheets, config);
}

/** A total of the sheet, in reporting minor units. */
export function sheetTotal(hf: HyperFormula, sheet: BudgetSheet, which: keyof BudgetSheet['cells'] = 'total'): number {
  const budget = hf.getSheetId('Budget') as number;
  const v = hf.getCellValue({ sheet: budget, ...sheet.cells[which] });
  if (typeof v !== 'number') throw new Error(`spreadsheet ${which} is not a number: ${JSON.stringify(v)}`);
  return Math.round(v);
}

/** A profile's arrivals per month as the sheet computes them. */
export function sheetArrivals(hf: HyperFormula, sheet: BudgetSheet, profileId: string, months: number): number[] {
  const id = hf.getSheetId('Caseload') as number;
  const row = sheet.arrivalsRowOf.get(profileId);
  if (row === undefined) throw new Error(`no caseload row for ${profileId}`);
  return Array.from({ length: months }, (_, m) => {
    const v = hf.getCellValue({ sheet: id, row, col: CASE_M0 + m });
    return typeof v === 'number' ? v : NaN;
  });
}

/** Sets one line's unit cost; the workbook recalculates what depends on it. */
export function setUnitCost(hf: HyperFormula, sheet: BudgetSheet, lineId: string, unitCost: number): void {
  const budget = hf.getSheetId('Budget') as number;
  const row = sheet.rowOf.get(lineId);
  if (row === undefined) throw new Error(`no budget row for ${lineId}`);
  hf.setCellContents({ sheet: budget, row, col: 1 }, unitCost);
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
