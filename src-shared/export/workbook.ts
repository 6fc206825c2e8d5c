/**
 * The exported workbook as a plan (DESIGN §8, issue 11): sheets, cells (a value, and a formula
 * where one reproduces the value), number formats, column widths, frozen rows, print titles and
 * defined names. Pure: src-main/export/xlsx.ts renders a plan with exceljs.
 *
 * Every number comes from the engine's result (compute() of each chosen scenario's model): the plan
 * never works out an amount of its own. It writes next to each amount the formula a spreadsheet
 * recalculates it with, where that formula gives the engine's amount exactly:
 * - a line's amount in a period (a programme year, or a month with monthly columns) follows the
 *   engine's running rule: ROUND(cumulative cost to the period's end) − ROUND(cumulative cost to
 *   the previous period's end), the cumulative cost being unit cost × SUMPRODUCT(the line's
 *   quantities so far, the cost factor of each period's year). The cost factor of a currency and
 *   year is (1 + inflation)^(year − 1) ÷ exchange rate (Assumptions sheet, named cells), so a new
 *   unit cost, quantity, rate or inflation flows through every total;
 * - subtotals, the direct total, the totals by year and the grand total are SUMs; the eligible
 *   bases are SUMIFs on the eligibility columns; indirect costs and contingency are ROUND(rate cell
 *   × cumulative eligible base) differences, the same rule (on the EU base, the indirect costs' base
 *   is the eligible base + the contingency row); the Summary and Compare sheets refer to the
 *   scenario sheets' cells.
 *
 * Each such formula is checked here, in exact arithmetic, before it is written: the cumulative
 * cost it rounds is worked out from the engine's own quantities and cost factors
 * (engine/drivers.ts, engine/amounts.ts), rounded half away from zero as ROUND does, and the
 * result must equal the engine's amount. Where it does not, or where the cumulative cost lies so
 * near a half minor unit that a spreadsheet's binary arithmetic could round it either way, the cell
 * is written as the engine's value (the sums above it stay formulas). Cells written as values:
 * - every period of a percentage line (its base is other lines' monthly amounts, not a quantity);
 * - every period of a referral's coordination line and of a line that partners deliver in part
 *   beside the budget (synergies change its amounts month by month);
 * - a line's period whose cumulative cost is an exact tie (x.5 minor units) that the engine rounds
 *   otherwise than ROUND does (the engine on main rounds ties half to even; with the rule of
 *   DESIGN §4, half away from zero, these become formulas), or a near tie (within 10⁻¹² of it);
 * - with monthly columns, a tie whose cumulative cost sums more than 12 terms (the spreadsheet's
 *   rounding errors could then exceed what its ROUND corrects);
 * - indirect costs and contingency in a period where their formula would not give the engine's
 *   amount (the same two reasons);
 * - funding splits (largest remainder is not a formula), the Synergies and Checks sheets, the
 *   caseload and the key figures.
 * The sheet says, line by line, how its amounts are written (last column).
 */
import { add, currencyExponent, dec, fromInt, mul, rat, type Rational, ZERO } from '../money';
import { type BudgetLine, type Language, type Level, LEVELS, type Model, monthLabel, programmeYear } from '../model';
import type { ComputeResult, LineResult } from '../engine';
import { currencyFactors } from '../engine/amounts';
import { buildCaseload } from '../engine/caseload';
import { planQuantities } from '../engine/drivers';
import { planAt, type QuantityPlan } from '../engine/plan';
import { runChecks } from '../checks';
import { headingOf, LAYOUTS, type LayoutId, UNMAPPED, UNMAPPED_LABEL } from './layouts';
import { CATEGORY_TEXT, FUNDER_STATUS_TEXT, FUNDER_TYPE_TEXT, label, type LabelKey, LEVEL_TEXT } from './labels';

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

export type CellValue = number | string | null;

export interface PlanCell {
  /** The value shown (a formula's cached result): numbers stay numbers, never text. */
  value: CellValue;
  /** A formula without its "=" (A1 references), or absent for a plain value. */
  formula?: string;
  /** An Excel number format ("#,##0.00"). */
  format?: string;
  bold?: boolean;
  /** A background: header rows, subtotal rows, total rows. */
  fill?: 'header' | 'subtotal' | 'total' | 'input';
  wrap?: boolean;
}

export interface PlanSheet {
  name: string;
  /** rows[r][c], 0-based; holes are empty cells. */
  rows: (PlanCell | undefined)[][];
  /** Column widths in characters (0-based). */
  widths: number[];
  /** Rows and columns kept in view (frozen): the first `rows` rows and `cols` columns. */
  freeze: { rows: number; cols: number };
  /** Rows printed at the top of every page (1-based, inclusive), or null. */
  printTitles: { from: number; to: number } | null;
}

export interface DefinedName {
  name: string;
  sheet: string;
  /** An absolute reference in the sheet ("$C$5"). */
  ref: string;
}

export interface WorkbookPlan {
  sheets: PlanSheet[];
  names: DefinedName[];
  /** What the plan wrote as values where a formula was wanted (counted for the tests and the report). */
  stats: { formulaCells: number; valueCells: number; tieCells: number };
}

export interface PlanOptions {
  layout: LayoutId;
  valuesOnly: boolean;
  monthlyColumns: boolean;
  locale: Language;
}

/** One chosen scenario: its name, the model it computes (resolved) and the engine's result. */
export interface ScenarioComputed {
  /** null for the baseline. */
  id: string | null;
  name: string;
  model: Model;
  result: ComputeResult;
}

// ---------------------------------------------------------------------------------------------
// References and formats
// ---------------------------------------------------------------------------------------------

/** Column letters of a 0-based column index (0 -> A). */
export function colName(c: number): string {
  let n = c + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 reference of a 0-based row and column; `abs` pins both with $. */
export function cellRef(r: number, c: number, abs = false): string {
  return abs ? `$${colName(c)}$${r + 1}` : `${colName(c)}${r + 1}`;
}

function sheetPrefix(name: string): string {
  return `'${name.replace(/'/g, "''")}'!`;
}

/** The number format of amounts in a currency: its minor-unit digits, grouped. */
export function moneyFormat(currency: string): string {
  const d = currencyExponent(currency);
  return d === 0 ? '#,##0;-#,##0' : `#,##0.${'0'.repeat(d)};-#,##0.${'0'.repeat(d)}`;
}
const RATE_FORMAT = '0.00##%';
const FX_FORMAT = '#,##0.0#####';
const FACTOR_FORMAT = '0.000000000';
const QTY_FORMAT = '#,##0.####';
const INT_FORMAT = '#,##0';

function major(minor: number, currency: string): number {
  const d = currencyExponent(currency);
  return d === 0 ? minor : minor / 10 ** d;
}

/** Exact rational -> nearest double (display and spreadsheet input). */
function toDouble(r: Rational): number {
  if (r.n === 0n) return 0;
  const s = Number(r.n) / Number(r.d);
  if (Number.isFinite(s)) return s;
  // Huge parts: scale down first.
  const shift = BigInt(Math.max(r.n.toString().length, r.d.toString().length) - 300);
  const p = 10n ** (shift > 0n ? shift : 0n);
  return Number(r.n / p) / Number(r.d / p);
}

// ---------------------------------------------------------------------------------------------
// Exact checks of the formulas
// ---------------------------------------------------------------------------------------------

/** round(n ÷ d) half away from zero (as a spreadsheet's ROUND), d > 0. */
export function roundHalfAway(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (2n * a + d) / (2n * d);
  return neg ? -q : q;
}

const NEAR = 10n ** 12n;

/** How n ÷ d (d > 0) sits against a half: 'tie' (exactly x.5), 'near' (within 10⁻¹² relative), or 'clear'. */
export function tieKind(n: bigint, d: bigint): 'tie' | 'near' | 'clear' {
  const a = n < 0n ? -n : n;
  const r = a % d;
  const diff = 2n * r - d; // 0 at the half
  if (diff === 0n) return 'tie';
  const dist = diff < 0n ? -diff : diff;
  const magnitude = a / d + 1n;
  // |x − (k + ½)| = dist ÷ 2d; near when that is within 10⁻¹² × (|x| + 1).
  return dist * NEAR <= 2n * d * magnitude ? 'near' : 'clear';
}

/** A period of the scenario sheets: programme months first..last (1-based, inclusive). */
interface Period {
  first: number;
  last: number;
  label: string;
  year: number;
}

function periodsOf(model: Model, monthly: boolean, lang: Language): Period[] {
  const D = model.programme.durationMonths;
  const out: Period[] = [];
  if (monthly) {
    for (let m = 1; m <= D; m++) {
      out.push({ first: m, last: m, label: monthLabel(model.programme.startMonth, m), year: programmeYear(m) });
    }
  } else {
    for (let y = 1; y <= Math.ceil(D / 12); y++) {
      out.push({ first: (y - 1) * 12 + 1, last: Math.min(D, y * 12), label: label(lang, 'year', { y }), year: y });
    }
  }
  return out;
}

function sumMonths(months: readonly number[], p: Period): number {
  let s = 0;
  for (let m = p.first; m <= p.last; m++) s += months[m - 1] ?? 0;
  return s;
}

/**
 * A period's formula check: the exact cumulative values it rounds (to its end and to the previous
 * end), as rationals over reporting minor units; whether ROUND of them gives `engine`.
 */
function formulaGives(
  cum: Rational,
  prev: Rational,
  engine: number,
  tiesAllowed: boolean,
  stats: WorkbookPlan['stats'],
): boolean {
  const kinds = [tieKind(cum.n, cum.d), tieKind(prev.n, prev.d)];
  if (kinds.includes('near')) return false;
  const got = roundHalfAway(cum.n, cum.d) - roundHalfAway(prev.n, prev.d);
  if (got !== BigInt(engine)) {
    if (kinds.includes('tie')) stats.tieCells++;
    return false;
  }
  return tiesAllowed || !kinds.includes('tie');
}

/**
 * Per line (by id): the exact quantity of each period (for its quantity cells) and, per period,
 * whether the formula reproduces the engine's amount. null: a line the formulas cannot follow.
 */
interface LineFormulas {
  quantities: Rational[];
  ok: boolean[];
}

/**
 * The exact quantity a line buys in a period: with the plan's common denominator, its months'
 * numerators summed as integers and made one rational (one reduction instead of one a month).
 */
function periodQuantity(plan: QuantityPlan, p: Period): Rational {
  const nums = plan.nums;
  if (nums) {
    let sum = 0;
    for (let m = p.first; m <= p.last; m++) sum += nums[m - 1] ?? 0;
    if (Number.isSafeInteger(sum)) return sum === 0 ? ZERO : rat(BigInt(sum), plan.den);
    let big = 0n;
    for (let m = p.first; m <= p.last; m++) big += BigInt(nums[m - 1] ?? 0);
    return rat(big, plan.den);
  }
  let q: Rational = ZERO;
  for (let m = p.first; m <= p.last; m++) {
    const qm = planAt(plan, m - 1);
    if (qm) q = add(q, qm);
  }
  return q;
}

function lineFormulas(
  line: BudgetLine,
  lr: LineResult,
  model: Model,
  ctx: { caseload: ReturnType<typeof buildCaseload>['index']; factors: ReturnType<typeof currencyFactors> },
  periods: readonly Period[],
  stats: WorkbookPlan['stats'],
): LineFormulas | null {
  if (line.driver.kind === 'percentage' || lr.coordinationOf !== null || lr.partnerDelivered !== 0) return null;
  const factors = ctx.factors.get(line.currency);
  if (!factors) return null;
  const plan = planQuantities(line, model, ctx.caseload, []);
  const unit = fromInt(line.unitCost);
  const quantities: Rational[] = [];
  const ok: boolean[] = [];
  let cum: Rational = ZERO;
  let terms = 0;
  const monthly = periods.length > 0 && periods.every((p) => p.first === p.last);
  for (const p of periods) {
    const prev = cum;
    const q = periodQuantity(plan, p);
    const k = factors[p.year - 1];
    if (q.n !== 0n) {
      if (!k) return null; // a year without a rate: the engine costs nothing there
      cum = add(cum, mul(mul(q, k), unit));
      terms++;
    }
    quantities.push(q);
    ok.push(formulaGives(cum, prev, sumMonths(lr.months, p), !monthly || terms <= 12, stats));
  }
  return { quantities, ok };
}

// ---------------------------------------------------------------------------------------------
// Sheet building
// ---------------------------------------------------------------------------------------------

class Sheet {
  readonly rows: (PlanCell | undefined)[][] = [];
  readonly minWidths: number[] = [];
  freeze = { rows: 0, cols: 0 };
  printTitles: PlanSheet['printTitles'] = null;
  constructor(readonly name: string) {}

  set(r: number, c: number, cell: PlanCell): void {
    const row = (this.rows[r] ??= []);
    row[c] = cell;
  }
  text(r: number, c: number, value: string, extra: Partial<PlanCell> = {}): void {
    this.set(r, c, { value, ...extra });
  }
  width(c: number, w: number): void {
    this.minWidths[c] = Math.max(this.minWidths[c] ?? 0, w);
  }

  done(): PlanSheet {
    const widths: number[] = [];
    for (const row of this.rows) {
      if (!row) continue;
      row.forEach((cell, c) => {
        if (!cell || cell.value === null) return;
        const len =
          typeof cell.value === 'number'
            ? Math.min(16, Math.abs(cell.value).toFixed(2).length + 4)
            : cell.wrap
              ? 12
              : cell.value.length + 2;
        widths[c] = Math.max(widths[c] ?? 0, len);
      });
    }
    const n = Math.max(widths.length, this.minWidths.length);
    const out: number[] = [];
    for (let c = 0; c < n; c++) out.push(Math.min(60, Math.max(8, this.minWidths[c] ?? 0, widths[c] ?? 0)));
    // Rows are sparse arrays: make the holes explicit.
    const rows = Array.from({ length: this.rows.length }, (_, r) => this.rows[r] ?? []);
    return { name: this.name, rows, widths: out, freeze: this.freeze, printTitles: this.printTitles };
  }
}

const FORBIDDEN_SHEET_CHARS = /[[\]:*?/\\]/g;

/** Sheet names: at most 31 characters, none of []:*?/\, unique (case aside). */
function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(FORBIDDEN_SHEET_CHARS, ' ')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

// ---------------------------------------------------------------------------------------------
// The workbook
// ---------------------------------------------------------------------------------------------

/** Where a scenario sheet's totals are, for the Summary and Compare sheets. */
interface ScenarioCells {
  sheet: string;
  /** Row of each heading's subtotal (by heading id), direct, contingency, indirect, total (0-based). */
  subtotal: Map<string, number>;
  directRow: number;
  contingencyRow: number;
  indirectRow: number;
  totalRow: number;
  totalCol: number;
  /** Column of each programme year's amount (0-based, index 0 = year 1). */
  yearCols: number[];
  values: { subtotal: Map<string, number>; years: number[] };
}

/** Named cells on the Assumptions sheet, per scenario index. */
interface RateCells {
  indirect: string;
  contingency: string;
  /** Per currency: the factor cells of each programme year (sheet-qualified references). */
  factors: Map<string, string[]>;
}

export function planWorkbook(
  baseline: Model,
  scenarios: readonly ScenarioComputed[],
  options: PlanOptions,
): WorkbookPlan {
  const lang = options.locale;
  const t = (key: LabelKey, params?: Record<string, string | number>): string => label(lang, key, params);
  const layout = LAYOUTS[options.layout];
  const cur = baseline.programme.reportingCurrency;
  const money = moneyFormat(cur);
  const digits = currencyExponent(cur);
  const years = Math.ceil(baseline.programme.durationMonths / 12);
  const taken = new Set<string>();
  const names: DefinedName[] = [];
  const stats: WorkbookPlan['stats'] = { formulaCells: 0, valueCells: 0, tieCells: 0 };
  const suffix = (i: number): string => (scenarios.length > 1 ? `_${i + 1}` : '');

  // Sheet names, in the order of the tabs.
  const summaryName = uniqueSheetName(t('summary'), taken);
  const assumptionsName = uniqueSheetName(t('assumptions'), taken);
  const scenarioNames = scenarios.map((s) => uniqueSheetName(s.id === null ? t('baseline') : s.name, taken));
  const compareName = scenarios.length > 1 ? uniqueSheetName(t('compare'), taken) : null;
  const hasSynergies = scenarios.some((s) => s.model.synergies.length > 0);
  const synergiesName = hasSynergies ? uniqueSheetName(t('synergies'), taken) : null;
  const sourcesName = layout.sourcesSheet ? uniqueSheetName(t('sources'), taken) : null;
  const findings = scenarios.map((s) => runChecks(s.model, s.result));
  const checksName = findings.some((f) => f.length > 0) ? uniqueSheetName(t('checks'), taken) : null;

  const cell = (value: number, formula: string | null, format: string, extra: Partial<PlanCell> = {}): PlanCell => {
    if (formula !== null && !options.valuesOnly) {
      stats.formulaCells++;
      return { value, formula, format, ...extra };
    }
    return { value, format, ...extra };
  };

  // ---- Assumptions ----------------------------------------------------------------------------
  const as = new Sheet(assumptionsName);
  const rates: RateCells[] = [];
  {
    let r = 0;
    const p = baseline.programme;
    as.text(r++, 0, `${p.title} — ${t('assumptions')}`, { bold: true });
    r++;
    as.text(r++, 0, t('programme'), { bold: true });
    const kv = (k: LabelKey, v: string | number): void => {
      as.text(r, 0, t(k));
      as.set(r++, 1, { value: v, ...(typeof v === 'number' ? { format: INT_FORMAT } : {}) });
    };
    kv('title', p.title);
    kv('reportingCurrency', p.reportingCurrency);
    kv('startMonth', p.startMonth);
    kv('duration', p.durationMonths);
    kv('donorProfile', p.donorProfile);
    kv('layout', layout.name[lang]);
    kv('communities', p.communities);
    kv('author', p.author);
    r++;
    // Overheads: one row per scenario; the rate cells are named.
    as.text(r++, 0, t('overheads'), { bold: true });
    as.text(r, 0, t('scenario'), { bold: true, fill: 'header' });
    as.text(r, 1, t('indirectRate'), { bold: true, fill: 'header', wrap: true });
    as.text(r++, 2, t('contingencyRate'), { bold: true, fill: 'header', wrap: true });
    scenarios.forEach((s, i) => {
      as.text(r, 0, scenarioNames[i] as string);
      as.set(r, 1, { value: toDouble(dec(s.model.programme.indirectRate)), format: RATE_FORMAT, fill: 'input' });
      as.set(r, 2, { value: toDouble(dec(s.model.programme.contingencyRate)), format: RATE_FORMAT, fill: 'input' });
      names.push({ name: `IndirectRate${suffix(i)}`, sheet: assumptionsName, ref: cellRef(r, 1, true) });
      names.push({ name: `ContingencyRate${suffix(i)}`, sheet: assumptionsName, ref: cellRef(r, 2, true) });
      rates.push({
        indirect: sheetPrefix(assumptionsName) + cellRef(r, 1, true),
        contingency: sheetPrefix(assumptionsName) + cellRef(r, 2, true),
        factors: new Map(),
      });
      r++;
    });
    r++;
    // Currencies: rates per year, inflation, and the cost factor of each year (a formula).
    as.text(r++, 0, t('currencies', { cur }), { bold: true });
    const head = r++;
    as.text(head, 0, t('scenario'), { bold: true, fill: 'header' });
    as.text(head, 1, t('currency'), { bold: true, fill: 'header' });
    as.text(head, 2, t('inflation'), { bold: true, fill: 'header', wrap: true });
    for (let y = 1; y <= years; y++) {
      as.text(head, 2 + y, t('rateYear', { y }), { bold: true, fill: 'header' });
      as.text(head, 2 + years + y, t('factorYear', { y }), { bold: true, fill: 'header' });
    }
    scenarios.forEach((s, i) => {
      const m = s.model;
      const list: { code: string; inflation: string; rates: string[] | null }[] = [
        { code: cur, inflation: m.programme.inflation, rates: null },
        ...m.currencies
          .filter((c) => c.code !== cur)
          .map((c) => ({ code: c.code, inflation: c.inflation, rates: c.rates })),
      ];
      for (const c of list) {
        as.text(r, 0, scenarioNames[i] as string);
        as.text(r, 1, c.code);
        as.set(r, 2, { value: toDouble(dec(c.inflation)), format: RATE_FORMAT, fill: 'input' });
        names.push({ name: `Inflation_${c.code}${suffix(i)}`, sheet: assumptionsName, ref: cellRef(r, 2, true) });
        const factorRefs: string[] = [];
        const exact = currencyFactors(m).get(c.code) ?? [];
        for (let y = 1; y <= years; y++) {
          const rateCol = 2 + y;
          const factorCol = 2 + years + y;
          const infl = `(1+${cellRef(r, 2, true)})^${y - 1}`;
          let formula: string;
          if (c.rates === null) {
            as.set(r, rateCol, { value: 1, format: FX_FORMAT });
            formula = infl;
          } else {
            const rate = c.rates[y - 1] ?? c.rates[c.rates.length - 1];
            if (rate === undefined) {
              as.set(r, rateCol, { value: null });
              formula = '';
            } else {
              as.set(r, rateCol, { value: toDouble(dec(rate)), format: FX_FORMAT, fill: 'input' });
              names.push({
                name: `Rate_${c.code}_Y${y}${suffix(i)}`,
                sheet: assumptionsName,
                ref: cellRef(r, rateCol, true),
              });
              formula = `${infl}/${cellRef(r, rateCol, true)}`;
            }
          }
          // The factor's value: the engine's (minor units to minor units) in major units.
          const k = exact[y - 1];
          const shift = currencyExponent(cur) - currencyExponent(c.code);
          const value = k ? toDouble(k) / 10 ** shift : 0;
          if (formula) as.set(r, factorCol, cell(value, formula, FACTOR_FORMAT));
          factorRefs.push(sheetPrefix(assumptionsName) + cellRef(r, factorCol, true));
        }
        (rates[i] as RateCells).factors.set(c.code, factorRefs);
        r++;
      }
    });
    r++;
    // Funding sources.
    as.text(r++, 0, t('funders'), { bold: true });
    ['name', 'type', 'status', 'ceiling'].forEach((k, c) =>
      as.text(r, c, t(k as LabelKey), { bold: true, fill: 'header' }),
    );
    r++;
    for (const f of [...baseline.funders].sort((a, b) => a.position - b.position)) {
      as.text(r, 0, f.name);
      as.text(r, 1, FUNDER_TYPE_TEXT[f.type][lang]);
      as.text(r, 2, FUNDER_STATUS_TEXT[f.status][lang]);
      as.set(r, 3, f.ceiling === null ? { value: null } : { value: major(f.ceiling, cur), format: money });
      r++;
    }
    r++;
    // Caseload by month, per scenario: arrivals and active cases of each profile (the engine's).
    as.text(r++, 0, t('caseload'), { bold: true });
    const caseHead = r++;
    as.text(caseHead, 0, t('month'), { bold: true, fill: 'header' });
    let c = 1;
    const series: { values: number[] }[] = [];
    scenarios.forEach((s, i) => {
      const profiles = new Map(s.model.profiles.map((p) => [p.id, p]));
      for (const sr of s.result.caseload.profiles) {
        const pname = profiles.get(sr.profileId)?.name ?? sr.profileId;
        const prefix = scenarios.length > 1 ? `${scenarioNames[i] as string} · ${pname}` : pname;
        as.text(caseHead, c, t('arrivals', { p: prefix }), { bold: true, fill: 'header', wrap: true });
        as.text(caseHead, c + 1, t('active', { p: prefix }), { bold: true, fill: 'header', wrap: true });
        series.push({ values: sr.arrivals }, { values: sr.active });
        c += 2;
      }
    });
    for (let m = 1; m <= baseline.programme.durationMonths; m++) {
      as.text(r, 0, monthLabel(baseline.programme.startMonth, m));
      series.forEach((s, k) => as.set(r, 1 + k, { value: s.values[m - 1] ?? 0, format: INT_FORMAT }));
      r++;
    }
    as.width(0, 24);
  }

  // ---- Scenario sheets ------------------------------------------------------------------------
  const sheets: PlanSheet[] = [];
  const scenarioCells: ScenarioCells[] = scenarios.map((s, i) =>
    scenarioSheet(s, i, scenarioNames[i] as string, rates[i] as RateCells),
  );

  function scenarioSheet(s: ScenarioComputed, index: number, name: string, rc: RateCells): ScenarioCells {
    const sh = new Sheet(name);
    const m = s.model;
    const res = s.result;
    const periods = periodsOf(m, options.monthlyColumns, lang);
    const P = periods.length;
    const yearsHere = Math.ceil(m.programme.durationMonths / 12);
    const caseload = buildCaseload(m).index;
    const factors = currencyFactors(m);
    const modelLines = new Map(m.lines.map((l) => [l.id, l]));
    const usedCurrencies = [cur, ...m.currencies.map((c) => c.code).filter((c) => c !== cur)];

    // Columns.
    const C_NO = 0;
    const C_NAME = 1;
    const C_GROUP = 2;
    const C_UNIT = 3;
    const C_CUR = 4;
    const C_UNITCOST = 5;
    const C_EI = 6;
    const C_EC = 7;
    const C_Q = 8; // quantity of each period
    const C_A = C_Q + P; // amount of each period
    const C_Y = options.monthlyColumns ? C_A + P : -1; // year sums (monthly columns only)
    const C_TOTAL = options.monthlyColumns ? C_Y + yearsHere : C_A + P;
    let next = C_TOTAL + 1;
    const federal = layout.funding === 'federal';
    const donorIds = new Set(m.funders.filter((f) => f.type === 'donor').map((f) => f.id));
    const anyUnfunded = (res.byFunder[''] ?? 0) !== 0;
    const C_FED = federal ? next++ : -1;
    const C_NONFED = federal ? next++ : -1;
    const C_UNF = federal && anyUnfunded ? next++ : -1;
    const C_LOCAL = layout.localCurrency ? next++ : -1;
    const C_HOW = next++;
    const yearCol = (y: number): number => (options.monthlyColumns ? C_Y + y - 1 : C_A + y - 1);

    // Title rows, then a cost factor row per currency (per period: the factor of its year).
    let r = 0;
    sh.text(r++, 0, `${m.programme.title} — ${name}`, { bold: true });
    sh.text(
      r++,
      0,
      `${layout.name[lang]} · ${t('amountsIn', { cur })}${options.valuesOnly ? ` · ${t('valuesOnly')}` : ''}`,
    );
    sh.text(r++, 0, t('note'));
    const factorRow = new Map<string, number>();
    for (const code of usedCurrencies) {
      sh.text(r, C_NAME, t('factorRow', { cur: code }));
      sh.text(r, C_CUR, code);
      const refs = rc.factors.get(code) ?? [];
      const exact = factors.get(code) ?? [];
      const shift = currencyExponent(cur) - currencyExponent(code);
      periods.forEach((p, k) => {
        const ref = refs[p.year - 1];
        const kx = exact[p.year - 1];
        if (!ref || !kx) return;
        sh.set(r, C_Q + k, cell(toDouble(kx) / 10 ** shift, ref, FACTOR_FORMAT));
      });
      factorRow.set(code, r);
      r++;
    }
    r++;
    const headerRow = r++;
    const hdr = (c: number, text: string): void =>
      sh.text(headerRow, c, text, { bold: true, fill: 'header', wrap: true });
    hdr(C_NO, t('no'));
    hdr(C_NAME, t('line'));
    hdr(C_GROUP, layout.id === 'plain' ? t('category') : t('level'));
    hdr(C_UNIT, t('unit'));
    hdr(C_CUR, t('currency'));
    hdr(C_UNITCOST, t('unitCost'));
    hdr(C_EI, t('eligIndirect'));
    hdr(C_EC, t('eligContingency'));
    periods.forEach((p, k) => {
      hdr(C_Q + k, options.monthlyColumns ? t('qtyMonth', { m: p.label }) : t('qtyYear', { y: p.year }));
      hdr(C_A + k, `${p.label} (${cur})`);
    });
    if (options.monthlyColumns) for (let y = 1; y <= yearsHere; y++) hdr(yearCol(y), `${t('year', { y })} (${cur})`);
    hdr(C_TOTAL, `${t('total')} (${cur})`);
    if (federal) {
      hdr(C_FED, t('federal'));
      hdr(C_NONFED, t('nonFederal'));
      if (C_UNF >= 0) hdr(C_UNF, t('unfunded'));
    }
    if (C_LOCAL >= 0) hdr(C_LOCAL, t('localTotal', { cur: t('currency') }));
    hdr(C_HOW, t('how'));
    sh.freeze = { rows: headerRow + 1, cols: 2 };
    sh.printTitles = { from: headerRow + 1, to: headerRow + 1 };
    sh.width(C_NAME, 36);
    sh.width(C_HOW, 30);

    // Groups: headings of the layout (plain: levels), in order, with "Not mapped" last.
    const groups: { id: string; code: string; label: string }[] =
      layout.id === 'plain'
        ? LEVELS.map((l) => ({ id: l, code: '', label: LEVEL_TEXT[l][lang] }))
        : layout.headings.map((h) => ({ id: h.id, code: h.code, label: h.label[lang] }));
    const byGroup = new Map<string, LineResult[]>(groups.map((g) => [g.id, []]));
    const lineOf = (lr: LineResult): BudgetLine | undefined => modelLines.get(lr.lineId);
    for (const lr of res.lines) {
      const ml = lineOf(lr);
      const g = headingOf(layout, { level: lr.level, category: ml?.category ?? 'services' });
      if (!byGroup.has(g)) {
        byGroup.set(g, []);
        groups.push({ id: g, code: '', label: g === UNMAPPED ? UNMAPPED_LABEL[lang] : g });
      }
      (byGroup.get(g) as LineResult[]).push(lr);
    }

    const yes = t('yes');
    const no = t('no_');
    const subtotalRows: number[] = [];
    const subtotal = new Map<string, number>();
    const subtotalValues = new Map<string, number>();
    const firstLineRow = r;
    // Engine sums per period (for the eligible bases), from the line results.
    const baseIndirect = new Array<number>(P).fill(0);
    const baseContingency = new Array<number>(P).fill(0);
    const fedOf = (lr: LineResult): { fed: number; unf: number } => {
      let fed = 0;
      for (const [id, v] of Object.entries(lr.byFunder)) if (donorIds.has(id)) fed += v;
      return { fed, unf: lr.byFunder[''] ?? 0 };
    };
    let linesFed = 0;
    let linesUnf = 0;

    groups.forEach((g, gi) => {
      const list = byGroup.get(g.id) ?? [];
      sh.text(r++, C_NO, `${g.code ? `${g.code} ` : ''}${g.label}`, { bold: true });
      const first = r;
      list.forEach((lr, li) => {
        const ml = lineOf(lr);
        const lineCur = ml?.currency ?? cur;
        const eligI = ml?.eligibleIndirect ?? true;
        const eligC = ml?.eligibleContingency ?? true;
        sh.text(r, C_NO, `${g.code.replace(/\.$/, '') || String(gi + 1)}.${li + 1}`);
        const synergy = lr.coordinationOf === null ? undefined : m.synergies.find((x) => x.id === lr.coordinationOf);
        sh.text(
          r,
          C_NAME,
          lr.coordinationOf === null
            ? (ml?.name ?? lr.lineId)
            : `${t('coordination')}${lang === 'fr' ? '\u00a0:' : ':'} ${synergy?.name ?? lr.coordinationOf}`,
        );
        sh.text(
          r,
          C_GROUP,
          layout.id === 'plain' ? (ml ? CATEGORY_TEXT[ml.category][lang] : '') : LEVEL_TEXT[lr.level][lang],
        );
        sh.text(r, C_UNIT, ml?.unitLabel ?? '');
        sh.text(r, C_CUR, lineCur);
        sh.text(r, C_EI, eligI ? yes : no);
        sh.text(r, C_EC, eligC ? yes : no);
        periods.forEach((p, k) => {
          const a = sumMonths(lr.months, p);
          if (eligI) baseIndirect[k] = (baseIndirect[k] as number) + a;
          if (eligC) baseContingency[k] = (baseContingency[k] as number) + a;
        });
        const checked = ml ? lineFormulas(ml, lr, m, { caseload, factors }, periods, stats) : null;
        let valueCells = 0;
        let how: string;
        if (checked && ml) {
          sh.set(r, C_UNITCOST, {
            value: major(ml.unitCost, lineCur),
            format: moneyFormat(lineCur),
            fill: 'input',
          });
          const fr = factorRow.get(lineCur) as number;
          const uc = `$${colName(C_UNITCOST)}${r + 1}`;
          const cumTo = (k: number): string =>
            `${uc}*SUMPRODUCT($${colName(C_Q)}${r + 1}:${colName(C_Q + k)}${r + 1},$${colName(C_Q)}$${fr + 1}:${colName(C_Q + k)}$${fr + 1})`;
          periods.forEach((p, k) => {
            const q = checked.quantities[k] as Rational;
            sh.set(r, C_Q + k, { value: q.n === 0n ? 0 : toDouble(q), format: QTY_FORMAT, fill: 'input' });
            const v = major(sumMonths(lr.months, p), cur);
            if (checked.ok[k]) {
              const f =
                k === 0
                  ? `ROUND(${cumTo(0)},${digits})`
                  : `ROUND(${cumTo(k)},${digits})-ROUND(${cumTo(k - 1)},${digits})`;
              sh.set(r, C_A + k, cell(v, f, money));
            } else {
              valueCells++;
              stats.valueCells++;
              sh.set(r, C_A + k, { value: v, format: money });
            }
          });
          how = options.valuesOnly
            ? t('valuesOnly')
            : valueCells === 0
              ? t('formula')
              : t('valueCells', { n: valueCells });
        } else {
          if (ml && ml.driver.kind !== 'percentage') {
            sh.set(r, C_UNITCOST, { value: major(ml.unitCost, lineCur), format: moneyFormat(lineCur) });
          }
          periods.forEach((p, k) => {
            stats.valueCells++;
            sh.set(r, C_A + k, { value: major(sumMonths(lr.months, p), cur), format: money });
          });
          how = options.valuesOnly
            ? t('valuesOnly')
            : ml?.driver.kind === 'percentage'
              ? t('valuePercentage')
              : lr.coordinationOf !== null
                ? t('valueCoordination')
                : lr.partnerDelivered !== 0
                  ? t('valuePartner')
                  : t('valueAll');
        }
        if (options.monthlyColumns) {
          for (let y = 1; y <= yearsHere; y++) {
            const from = C_A + (y - 1) * 12;
            const to = Math.min(C_A + P - 1, C_A + y * 12 - 1);
            const v = lr.months.slice((y - 1) * 12, y * 12).reduce((x, z) => x + z, 0);
            sh.set(r, yearCol(y), cell(major(v, cur), `SUM(${cellRef(r, from)}:${cellRef(r, to)})`, money));
          }
        }
        sh.set(
          r,
          C_TOTAL,
          cell(major(lr.total, cur), `SUM(${cellRef(r, yearCol(1))}:${cellRef(r, yearCol(yearsHere))})`, money, {
            bold: true,
          }),
        );
        if (federal) {
          const { fed, unf } = fedOf(lr);
          linesFed += fed;
          linesUnf += unf;
          sh.set(r, C_FED, { value: major(fed, cur), format: money });
          sh.set(r, C_NONFED, { value: major(lr.total - fed - unf, cur), format: money });
          if (C_UNF >= 0) sh.set(r, C_UNF, { value: major(unf, cur), format: money });
        }
        if (C_LOCAL >= 0 && ml && ml.driver.kind !== 'percentage' && checked) {
          // The line's cost in its own currency, before inflation and exchange: Σ quantity × unit cost.
          const qTotal = checked.quantities.reduce<Rational>((acc, q) => add(acc, q), ZERO);
          const local = mul(qTotal, fromInt(ml.unitCost));
          sh.set(
            r,
            C_LOCAL,
            cell(
              toDouble(local) / 10 ** currencyExponent(lineCur),
              `${colName(C_UNITCOST)}${r + 1}*SUM(${cellRef(r, C_Q)}:${cellRef(r, C_Q + P - 1)})`,
              moneyFormat(lineCur),
            ),
          );
        }
        sh.text(r, C_HOW, how);
        r++;
      });
      const last = r - 1;
      // Subtotal row.
      sh.text(r, C_NAME, t('subtotal', { h: `${g.code ? `${g.code} ` : ''}${g.label}` }), {
        bold: true,
        fill: 'subtotal',
      });
      const sumCol = (c: number, v: number): void => {
        const f = list.length === 0 ? '0' : `SUM(${cellRef(first, c)}:${cellRef(last, c)})`;
        sh.set(r, c, cell(v, f, money, { bold: true, fill: 'subtotal' }));
      };
      periods.forEach((p, k) =>
        sumCol(
          C_A + k,
          major(
            list.reduce((x, lr) => x + sumMonths(lr.months, p), 0),
            cur,
          ),
        ),
      );
      if (options.monthlyColumns) {
        for (let y = 1; y <= yearsHere; y++) {
          sumCol(
            yearCol(y),
            major(
              list.reduce((x, lr) => x + lr.months.slice((y - 1) * 12, y * 12).reduce((a, b) => a + b, 0), 0),
              cur,
            ),
          );
        }
      }
      const groupTotal = list.reduce((x, lr) => x + lr.total, 0);
      sumCol(C_TOTAL, major(groupTotal, cur));
      if (federal) {
        sumCol(
          C_FED,
          major(
            list.reduce((x, lr) => x + fedOf(lr).fed, 0),
            cur,
          ),
        );
        sumCol(
          C_NONFED,
          major(
            list.reduce((x, lr) => x + lr.total - fedOf(lr).fed - fedOf(lr).unf, 0),
            cur,
          ),
        );
        if (C_UNF >= 0)
          sumCol(
            C_UNF,
            major(
              list.reduce((x, lr) => x + fedOf(lr).unf, 0),
              cur,
            ),
          );
      }
      subtotal.set(g.id, r);
      subtotalValues.set(g.id, groupTotal);
      subtotalRows.push(r);
      r += 2;
    });
    const lastLineRow = r - 1;

    // Direct total, eligible bases, contingency, indirect costs, total.
    const amountCols = [
      ...periods.map((_, k) => C_A + k),
      ...(options.monthlyColumns ? Array.from({ length: yearsHere }, (_, y) => yearCol(y + 1)) : []),
      C_TOTAL,
    ];
    const periodSum = (months: readonly number[], k: number): number => sumMonths(months, periods[k] as Period);
    const yearSum = (months: readonly number[], y: number): number =>
      months.slice((y - 1) * 12, y * 12).reduce((a, b) => a + b, 0);
    const directRow = r++;
    sh.text(directRow, C_NAME, t('direct'), { bold: true, fill: 'total' });
    const direct = res.monthly.direct;
    for (const c of amountCols) {
      const v =
        c === C_TOTAL
          ? res.totals.direct
          : c >= C_A && c < C_A + P
            ? periodSum(direct, c - C_A)
            : yearSum(direct, c - C_Y + 1);
      sh.set(
        directRow,
        c,
        cell(major(v, cur), subtotalRows.map((sr) => cellRef(sr, c)).join('+') || '0', money, {
          bold: true,
          fill: 'total',
        }),
      );
    }
    const baseRow = (row: number, key: LabelKey, col: number, values: number[]): void => {
      sh.text(row, C_NAME, t(key));
      periods.forEach((_, k) => {
        const c = C_A + k;
        sh.set(
          row,
          c,
          cell(
            major(values[k] as number, cur),
            `SUMIF($${colName(col)}$${firstLineRow + 1}:$${colName(col)}$${lastLineRow + 1},"${yes}",${colName(c)}$${firstLineRow + 1}:${colName(c)}$${lastLineRow + 1})`,
            money,
          ),
        );
      });
    };
    const baseIRow = r++;
    baseRow(baseIRow, 'baseIndirect', C_EI, baseIndirect);
    const baseCRow = r++;
    baseRow(baseCRow, 'baseContingency', C_EC, baseContingency);
    const overheadRow = (
      row: number,
      text: string,
      rate: string,
      rateRef: string,
      baseR: number,
      months: number[],
      total: number,
      /** A row added to the base (the contingency, in the EU base of direct + contingency). */
      plus: { row: number; values: readonly number[] } | null = null,
    ): void => {
      sh.text(row, C_NAME, text, { bold: true });
      const rateX = dec(rate);
      let cum = 0;
      let prevCum = 0;
      periods.forEach((p, k) => {
        prevCum = cum;
        cum += baseR === baseIRow ? (baseIndirect[k] as number) : (baseContingency[k] as number);
        cum += plus ? (plus.values[k] as number) : 0;
        const engine = sumMonths(months, p);
        const exactCum = mul(rateX, fromInt(cum));
        const exactPrev = mul(rateX, fromInt(prevCum));
        const ok = formulaGives(exactCum, exactPrev, engine, true, stats);
        const c = C_A + k;
        const sumOf = (r0: number, kk: number): string =>
          `SUM($${colName(C_A)}$${r0 + 1}:${colName(C_A + kk)}$${r0 + 1})`;
        const cumTo = (kk: number): string =>
          plus ? `${rateRef}*(${sumOf(baseR, kk)}+${sumOf(plus.row, kk)})` : `${rateRef}*${sumOf(baseR, kk)}`;
        const f =
          k === 0 ? `ROUND(${cumTo(0)},${digits})` : `ROUND(${cumTo(k)},${digits})-ROUND(${cumTo(k - 1)},${digits})`;
        if (!ok) stats.valueCells++;
        sh.set(row, c, cell(major(engine, cur), ok ? f : null, money, { bold: true }));
      });
      if (options.monthlyColumns) {
        for (let y = 1; y <= yearsHere; y++) {
          const from = C_A + (y - 1) * 12;
          const to = Math.min(C_A + P - 1, C_A + y * 12 - 1);
          sh.set(
            row,
            yearCol(y),
            cell(major(yearSum(months, y), cur), `SUM(${cellRef(row, from)}:${cellRef(row, to)})`, money, {
              bold: true,
            }),
          );
        }
      }
      sh.set(
        row,
        C_TOTAL,
        cell(major(total, cur), `SUM(${cellRef(row, yearCol(1))}:${cellRef(row, yearCol(yearsHere))})`, money, {
          bold: true,
        }),
      );
      sh.text(row, C_UNITCOST, '');
      sh.set(row, C_UNIT, cell(toDouble(rateX), rateRef, RATE_FORMAT));
    };
    const contingencyRow = r++;
    overheadRow(
      contingencyRow,
      layout.contingency[lang],
      m.programme.contingencyRate,
      rc.contingency,
      baseCRow,
      res.monthly.contingency,
      res.totals.contingency,
    );
    const indirectRow = r++;
    overheadRow(
      indirectRow,
      layout.indirect[lang],
      m.programme.indirectRate,
      rc.indirect,
      baseIRow,
      res.monthly.indirect,
      res.totals.indirect,
      // Decision: the EU base (direct eligible + contingency) stays a live formula: the rate × (the
      //   eligible base + the contingency row). The MTDC's subaward rule is no formula: on an MTDC
      //   base the indirect cells are formulas only where nothing is excluded, values elsewhere.
      m.programme.indirectBase === 'directPlusContingency'
        ? { row: contingencyRow, values: periods.map((p) => sumMonths(res.monthly.contingency, p)) }
        : null,
    );
    let overheadsFunderRow = -1;
    if (federal) {
      overheadsFunderRow = r++;
      sh.text(overheadsFunderRow, C_NAME, t('overheadsByFunder'));
      let fed = 0;
      for (const [id, v] of Object.entries(res.byFunder)) if (donorIds.has(id)) fed += v;
      const unf = res.byFunder[''] ?? 0;
      const overheads = res.totals.indirect + res.totals.contingency;
      sh.set(overheadsFunderRow, C_FED, { value: major(fed - linesFed, cur), format: money });
      sh.set(overheadsFunderRow, C_NONFED, {
        value: major(overheads - (fed - linesFed) - (unf - linesUnf), cur),
        format: money,
      });
      if (C_UNF >= 0) sh.set(overheadsFunderRow, C_UNF, { value: major(unf - linesUnf, cur), format: money });
    }
    const totalRow = r++;
    sh.text(totalRow, C_NAME, t('grandTotal'), { bold: true, fill: 'total' });
    for (const c of amountCols) {
      const pick = (months: number[], total: number): number =>
        c === C_TOTAL ? total : c >= C_A && c < C_A + P ? periodSum(months, c - C_A) : yearSum(months, c - C_Y + 1);
      const v = pick(res.monthly.total, res.totals.total);
      sh.set(
        totalRow,
        c,
        cell(
          major(v, cur),
          `${cellRef(directRow, c)}+${cellRef(contingencyRow, c)}+${cellRef(indirectRow, c)}`,
          money,
          {
            bold: true,
            fill: 'total',
          },
        ),
      );
    }
    if (federal) {
      const fedTotal = Object.entries(res.byFunder).reduce((x, [id, v]) => x + (donorIds.has(id) ? v : 0), 0);
      const unfTotal = res.byFunder[''] ?? 0;
      const cols: [number, number][] = [
        [C_FED, fedTotal],
        [C_NONFED, res.totals.total - fedTotal - unfTotal],
      ];
      if (C_UNF >= 0) cols.push([C_UNF, unfTotal]);
      for (const [c, v] of cols) {
        const refs = [...subtotalRows.map((sr) => cellRef(sr, c)), cellRef(overheadsFunderRow, c)].join('+');
        sh.set(totalRow, c, cell(major(v, cur), refs, money, { bold: true, fill: 'total' }));
      }
    }
    names.push({ name: `Total${suffix(index)}`, sheet: name, ref: cellRef(totalRow, C_TOTAL, true) });
    sheets.push(sh.done());
    return {
      sheet: name,
      subtotal,
      directRow,
      contingencyRow,
      indirectRow,
      totalRow,
      totalCol: C_TOTAL,
      yearCols: Array.from({ length: yearsHere }, (_, y) => yearCol(y + 1)),
      values: { subtotal: subtotalValues, years: res.byYear },
    };
  }

  // ---- Summary (refers to the scenario sheets) ---------------------------------------------------
  const summaryRows: {
    key: string;
    label: string;
    ref: (sc: ScenarioCells) => string | null;
    value: (i: number) => number;
  }[] = [];
  const groupsForSummary: { id: string; label: string }[] =
    layout.id === 'plain'
      ? LEVELS.map((l: Level) => ({ id: l, label: LEVEL_TEXT[l][lang] }))
      : layout.headings.map((h) => ({ id: h.id, label: `${h.code} ${h.label[lang]}` }));
  if (scenarioCells.some((sc) => sc.subtotal.has(UNMAPPED)))
    groupsForSummary.push({ id: UNMAPPED, label: UNMAPPED_LABEL[lang] });
  for (const g of groupsForSummary) {
    summaryRows.push({
      key: `group:${g.id}`,
      label: g.label,
      ref: (sc) => {
        const row = sc.subtotal.get(g.id);
        return row === undefined ? null : sheetPrefix(sc.sheet) + cellRef(row, sc.totalCol, true);
      },
      value: (i) => (scenarioCells[i] as ScenarioCells).values.subtotal.get(g.id) ?? 0,
    });
  }
  const fixed: [string, LabelKey | null, string, (sc: ScenarioCells) => number, (i: number) => number][] = [
    ['direct', 'direct', '', (sc) => sc.directRow, (i) => (scenarios[i] as ScenarioComputed).result.totals.direct],
    [
      'contingency',
      null,
      layout.contingency[lang],
      (sc) => sc.contingencyRow,
      (i) => (scenarios[i] as ScenarioComputed).result.totals.contingency,
    ],
    [
      'indirect',
      null,
      layout.indirect[lang],
      (sc) => sc.indirectRow,
      (i) => (scenarios[i] as ScenarioComputed).result.totals.indirect,
    ],
    ['total', 'grandTotal', '', (sc) => sc.totalRow, (i) => (scenarios[i] as ScenarioComputed).result.totals.total],
  ];
  for (const [key, lk, text, row, value] of fixed) {
    summaryRows.push({
      key,
      label: lk ? t(lk) : text,
      ref: (sc) => sheetPrefix(sc.sheet) + cellRef(row(sc), sc.totalCol, true),
      value,
    });
  }
  for (let y = 1; y <= years; y++) {
    summaryRows.push({
      key: `year:${y}`,
      label: `${t('year', { y })} (${monthLabel(baseline.programme.startMonth, (y - 1) * 12 + 1)} – ${monthLabel(baseline.programme.startMonth, Math.min(y * 12, baseline.programme.durationMonths))})`,
      ref: (sc) => {
        const c = sc.yearCols[y - 1];
        return c === undefined ? null : sheetPrefix(sc.sheet) + cellRef(sc.totalRow, c, true);
      },
      value: (i) => (scenarios[i] as ScenarioComputed).result.byYear[y - 1] ?? 0,
    });
  }
  const su = new Sheet(summaryName);
  const summaryRef = new Map<string, string[]>();
  {
    let r = 0;
    const p = baseline.programme;
    su.text(r++, 0, p.title, { bold: true });
    su.text(
      r++,
      0,
      `${layout.name[lang]} · ${t('amountsIn', { cur })} · ${p.startMonth}, ${p.durationMonths} ${lang === 'fr' ? 'mois' : 'months'}`,
    );
    r++;
    const head = r++;
    su.text(head, 0, '', { fill: 'header' });
    scenarios.forEach((_, i) =>
      su.text(head, 1 + i, scenarioNames[i] as string, { bold: true, fill: 'header', wrap: true }),
    );
    su.freeze = { rows: head + 1, cols: 1 };
    su.printTitles = { from: head + 1, to: head + 1 };
    for (const row of summaryRows) {
      if (row.key === 'year:1') {
        r++;
        su.text(r++, 0, t('byYear'), { bold: true });
      }
      const bold = row.key === 'total' || row.key === 'direct';
      su.text(r, 0, row.label, { bold });
      const refs: string[] = [];
      scenarioCells.forEach((sc, i) => {
        const ref = row.ref(sc);
        su.set(
          r,
          1 + i,
          cell(major(row.value(i), cur), ref, money, { bold, ...(row.key === 'total' ? { fill: 'total' } : {}) }),
        );
        refs.push(sheetPrefix(summaryName) + cellRef(r, 1 + i, true));
      });
      summaryRef.set(row.key, refs);
      r++;
    }
    r++;
    su.text(r++, 0, t('metrics'), { bold: true });
    const metric = (key: LabelKey, value: (s: ScenarioComputed) => number | null, isMoney: boolean): void => {
      su.text(r, 0, t(key));
      scenarios.forEach((s, i) => {
        const v = value(s);
        su.set(
          r,
          1 + i,
          v === null ? { value: null } : { value: isMoney ? major(v, cur) : v, format: isMoney ? money : INT_FORMAT },
        );
      });
      r++;
    };
    metric('returnees', (s) => s.result.metrics.returneesAssisted, false);
    metric('perReturnee', (s) => s.result.metrics.costPerReturneeAllIn, true);
    metric('net', (s) => s.result.synergies.totals.net, true);
    su.width(0, 40);
  }

  // ---- Compare ---------------------------------------------------------------------------------
  let compareSheet: PlanSheet | null = null;
  if (compareName) {
    const co = new Sheet(compareName);
    let r = 0;
    co.text(r++, 0, `${baseline.programme.title} — ${t('compare')}`, { bold: true });
    co.text(r++, 0, t('amountsIn', { cur }));
    r++;
    const head = r++;
    const first = scenarioNames[0] as string;
    scenarios.forEach((_, i) =>
      co.text(head, 1 + i, scenarioNames[i] as string, { bold: true, fill: 'header', wrap: true }),
    );
    for (let i = 1; i < scenarios.length; i++) {
      co.text(head, scenarios.length + i, t('delta', { s: scenarioNames[i] as string, a: first }), {
        bold: true,
        fill: 'header',
        wrap: true,
      });
    }
    co.freeze = { rows: head + 1, cols: 1 };
    co.printTitles = { from: head + 1, to: head + 1 };
    for (const row of summaryRows) {
      const refs = summaryRef.get(row.key) ?? [];
      co.text(r, 0, row.label, { bold: row.key === 'total' });
      scenarios.forEach((_, i) => co.set(r, 1 + i, cell(major(row.value(i), cur), refs[i] ?? null, money)));
      for (let i = 1; i < scenarios.length; i++) {
        const d = row.value(i) - row.value(0);
        co.set(r, scenarios.length + i, cell(major(d, cur), `${cellRef(r, 1 + i)}-${cellRef(r, 1)}`, money));
      }
      r++;
    }
    co.width(0, 40);
    compareSheet = co.done();
  }

  // ---- Synergies (values: the engine's synergies phase) ------------------------------------------
  let synergiesSheet: PlanSheet | null = null;
  if (synergiesName) {
    const sy = new Sheet(synergiesName);
    let r = 0;
    sy.text(r++, 0, `${baseline.programme.title} — ${t('synergies')}`, { bold: true });
    sy.text(r++, 0, t('amountsIn', { cur }));
    r++;
    const head = r++;
    scenarios.forEach((_, i) => sy.text(head, 1 + i, scenarioNames[i] as string, { bold: true, fill: 'header' }));
    sy.freeze = { rows: head + 1, cols: 1 };
    const tot: [LabelKey, (s: ScenarioComputed) => number][] = [
      ['gross', (s) => s.result.synergies.totals.gross],
      ['coveredInside', (s) => s.result.synergies.totals.coveredInside],
      ['coveredOutside', (s) => s.result.synergies.totals.coveredOutside],
      ['coordination', (s) => s.result.synergies.totals.coordination],
      ['net', (s) => s.result.synergies.totals.net],
      ['expected', (s) => s.result.synergies.totals.expected],
      ['worstCase', (s) => s.result.synergies.totals.worstCase],
    ];
    for (const [k, f] of tot) {
      sy.text(r, 0, t(k));
      scenarios.forEach((s, i) => sy.set(r, 1 + i, { value: major(f(s), cur), format: money }));
      r++;
    }
    r++;
    const h2 = r++;
    [t('scenario'), t('synergy'), t('partner'), t('type'), t('confidence'), t('covered')].forEach((x, c) =>
      sy.text(h2, c, x, { bold: true, fill: 'header' }),
    );
    scenarios.forEach((s, i) => {
      const partners = new Map(s.model.partners.map((p) => [p.id, p.name]));
      const defs = new Map(s.model.synergies.map((x) => [x.id, x]));
      for (const o of s.result.synergies.synergies) {
        const def = defs.get(o.synergyId);
        sy.text(r, 0, scenarioNames[i] as string);
        sy.text(r, 1, def?.name ?? o.synergyId);
        sy.text(r, 2, partners.get(o.partnerId) ?? o.partnerId);
        sy.text(r, 3, def?.effect.type ?? '');
        sy.set(r, 4, { value: toDouble(dec(o.confidence)), format: RATE_FORMAT });
        sy.set(r, 5, { value: major(o.coveredTotal, cur), format: money });
        r++;
      }
    });
    sy.width(0, 34);
    synergiesSheet = sy.done();
  }

  // ---- Sources of funding (values: the engine's split; the total and shares are formulas) ----------
  let sourcesSheet: PlanSheet | null = null;
  if (sourcesName) {
    const so = new Sheet(sourcesName);
    let r = 0;
    so.text(r++, 0, `${baseline.programme.title} — ${t('sources')}`, { bold: true });
    so.text(r++, 0, t('amountsIn', { cur }));
    r++;
    scenarios.forEach((s, i) => {
      so.text(r++, 0, scenarioNames[i] as string, { bold: true });
      const head = r++;
      [t('name'), t('type'), t('status'), t('amount'), t('share')].forEach((x, c) =>
        so.text(head, c, x, { bold: true, fill: 'header' }),
      );
      const first = r;
      const funders = [...s.model.funders].sort((a, b) => a.position - b.position);
      const rowsOf: { name: string; type: string; status: string; amount: number }[] = funders.map((f) => ({
        name: f.name,
        type: FUNDER_TYPE_TEXT[f.type][lang],
        status: FUNDER_STATUS_TEXT[f.status][lang],
        amount: s.result.byFunder[f.id] ?? 0,
      }));
      const known = new Set(funders.map((f) => f.id));
      for (const [id, v] of Object.entries(s.result.byFunder)) {
        if (!known.has(id) && v !== 0)
          rowsOf.push({ name: id === '' ? t('unfunded') : id, type: '', status: '', amount: v });
      }
      const totalRowHere = first + rowsOf.length;
      for (const f of rowsOf) {
        so.text(r, 0, f.name);
        so.text(r, 1, f.type);
        so.text(r, 2, f.status);
        so.set(r, 3, { value: major(f.amount, cur), format: money });
        const share = s.result.totals.total === 0 ? 0 : f.amount / s.result.totals.total;
        so.set(
          r,
          4,
          cell(
            share,
            `IF(${cellRef(totalRowHere, 3, true)}=0,0,${cellRef(r, 3)}/${cellRef(totalRowHere, 3, true)})`,
            RATE_FORMAT,
          ),
        );
        r++;
      }
      so.text(r, 0, t('total'), { bold: true, fill: 'total' });
      so.set(
        r,
        3,
        cell(
          major(s.result.totals.total, cur),
          rowsOf.length ? `SUM(${cellRef(first, 3)}:${cellRef(r - 1, 3)})` : '0',
          money,
          { bold: true, fill: 'total' },
        ),
      );
      r++;
      const sc = scenarioCells[i] as ScenarioCells;
      so.text(r, 0, t('difference'));
      so.set(
        r,
        3,
        cell(0, `${cellRef(r - 1, 3)}-${sheetPrefix(sc.sheet)}${cellRef(sc.totalRow, sc.totalCol, true)}`, money),
      );
      r += 2;
    });
    so.width(0, 34);
    sourcesSheet = so.done();
  }

  // ---- Checks (values) -------------------------------------------------------------------------
  let checksSheet: PlanSheet | null = null;
  if (checksName) {
    const ch = new Sheet(checksName);
    let r = 0;
    ch.text(r++, 0, `${baseline.programme.title} — ${t('checks')}`, { bold: true });
    r++;
    const head = r++;
    [t('scenario'), t('severity'), t('group'), t('code'), t('where'), t('details'), t('source')].forEach((x, c) =>
      ch.text(head, c, x, { bold: true, fill: 'header' }),
    );
    ch.freeze = { rows: head + 1, cols: 0 };
    ch.printTitles = { from: head + 1, to: head + 1 };
    findings.forEach((list, i) => {
      const lines = new Map((scenarios[i] as ScenarioComputed).model.lines.map((l) => [l.id, l.name]));
      for (const f of list) {
        ch.text(r, 0, scenarioNames[i] as string);
        ch.text(r, 1, f.severity);
        ch.text(r, 2, f.group);
        ch.text(r, 3, f.code);
        const tg = f.target;
        ch.text(
          r,
          4,
          tg === null
            ? ''
            : tg.kind === 'line'
              ? (lines.get(tg.lineId) ?? tg.lineId)
              : Object.values(tg).slice(1).join(' '),
        );
        ch.text(
          r,
          5,
          Object.entries(f.params)
            .map(([k, v]) => `${k}=${v}`)
            .join(', '),
        );
        ch.text(r, 6, f.source);
        r++;
      }
    });
    ch.width(6, 60);
    checksSheet = ch.done();
  }

  return {
    sheets: [
      su.done(),
      as.done(),
      ...sheets,
      ...[compareSheet, synergiesSheet, sourcesSheet, checksSheet].filter((x): x is PlanSheet => x !== null),
    ],
    names,
    stats,
  };
}
