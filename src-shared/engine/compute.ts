/**
 * compute(model) -> result: the one pure function behind the screen, the exports, the CLI and the
 * tests (DESIGN §4). No I/O, no clock, no randomness; it never throws on user data and never
 * returns NaN — problems in the model come back as diagnostics on the line they belong to.
 *
 * For every line and month: quantity (drivers.ts) × unit cost × inflation factor × exchange rate.
 * - Inflation: factor (1 + i)^(year − 1) with i the annual rate of the line's currency (the
 *   reporting currency's is programme.inflation), from programme year 2 on.
 * - Exchange: a local currency's rate for programme year y is the number of local units for one
 *   reporting unit (rates[y − 1]; years past the last rate given use the last one).
 *
 * THE rounding rule: every money value is exact (a rational) until it becomes minor units of the
 * reporting currency, and it becomes so once, half-to-even. For a line, the running total is
 * rounded at each month and the month's amount is the step between two rounded running totals.
 * Each line-month is thus rounded once, is within one minor unit of its exact value, and a line's
 * months add up to its exact total rounded half-to-even (10 units spread over 3 months cost
 * exactly 10 × the unit cost). Percentage lines, indirect costs and contingency are computed per
 * month the same way from rounded amounts. Every total is a sum of these rounded line-months, so
 * the screen, the exports and the CLI reconcile to the cent.
 *
 * Funding: a line's total is split across its funding sources by largest remainder (the parts add
 * up to the line). An empty split means 100 % to the main donor (the first source of type donor,
 * else the first source). Shares that do not sum to 1 are used as relative weights and flagged
 * (`funding.sum`). Indirect costs and contingency follow the split of the lines they are computed
 * on (largest remainder over the funders' shares of the eligible base).
 */
import {
  add,
  allocate,
  dec,
  fromInt,
  gcd,
  mul,
  pow,
  rat,
  roundHalfEven,
  toNumber,
  type Rational,
  ZERO,
} from '../money';
import { currencyExponent } from '../money';
import {
  type BudgetLine,
  CATEGORIES,
  DIMENSIONS,
  type Level,
  LEVELS,
  type Model,
  type PercentageDriver,
} from '../model';
import { profileCaseload } from './caseload';
import { type CaseloadIndex, checkWindow, planQuantities, type QuantityPlan, ratToString } from './drivers';
import type { CaseloadSeries, ComputeResult, Diagnostic, LineResult, Metrics } from './result';

/** Rounds a sequence of exact amounts by the running-total rule above. */
export function roundRunning(exact: readonly (Rational | null)[]): number[] {
  const out = new Array<number>(exact.length).fill(0);
  let cum: Rational = ZERO;
  let prev = 0n;
  for (let i = 0; i < exact.length; i++) {
    const x = exact[i];
    if (!x || x.n === 0n) continue;
    cum = add(cum, x);
    const r = roundHalfEven(cum);
    out[i] = Number(r - prev);
    prev = r;
  }
  return out;
}

/**
 * The amounts of one line: quantity × per-year factor, rounded by the running-total rule. Same
 * result as roundRunning over the exact products, computed over one common denominator so that
 * each line-month costs one bigint multiplication, one addition and one division.
 */
function lineAmounts(
  perMonth: readonly (Rational | null)[],
  perYear: readonly (Rational | null)[],
): { amounts: number[]; missingRate: boolean } {
  const D = perMonth.length;
  let qDen = 0n;
  let missingRate = false;
  let lcmYears = 1n;
  const usedYears = new Set<number>();
  for (let m = 0; m < D; m++) {
    const q = perMonth[m];
    if (!q || q.n === 0n) continue;
    if (qDen === 0n) qDen = q.d;
    else if (q.d !== qDen) qDen = -1n; // mixed denominators: take the general path
    const y = Math.floor(m / 12);
    const k = perYear[y];
    if (!k) {
      missingRate = true;
      continue;
    }
    if (!usedYears.has(y)) {
      usedYears.add(y);
      lcmYears = (lcmYears / gcd(lcmYears, k.d)) * k.d;
    }
  }
  if (qDen === 0n) return { amounts: new Array<number>(D).fill(0), missingRate };
  if (qDen < 0n) {
    const exact = perMonth.map((q, m) => {
      const k = perYear[Math.floor(m / 12)];
      return q && k ? mul(q, k) : null;
    });
    return { amounts: roundRunning(exact), missingRate };
  }
  const L = lcmYears * qDen;
  const mult = perYear.map((k) => (k ? k.n * (lcmYears / k.d) : 0n));
  const amounts = new Array<number>(D).fill(0);
  let cum = 0n;
  let prev = 0n;
  for (let m = 0; m < D; m++) {
    const q = perMonth[m];
    if (!q || q.n === 0n) continue;
    const k = perYear[Math.floor(m / 12)];
    if (!k) continue;
    cum += q.n * (mult[Math.floor(m / 12)] as bigint);
    const r = roundHalfEvenParts(cum, L);
    amounts[m] = Number(r - prev);
    prev = r;
  }
  return { amounts, missingRate };
}

/** roundHalfEven(n / d) for d > 0, without allocating a rational. */
function roundHalfEvenParts(n: bigint, d: bigint): bigint {
  let q = n / d;
  let r = n % d;
  if (r < 0n) {
    q -= 1n;
    r += d;
  }
  const r2 = r * 2n;
  if (r2 < d) return q;
  if (r2 > d) return q + 1n;
  return q % 2n === 0n ? q : q + 1n;
}

function reduce(r: Rational): Rational {
  const g = gcd(r.n, r.d);
  return g > 1n ? { n: r.n / g, d: r.d / g } : r;
}

function zeroRecord<K extends string>(keys: readonly K[]): Record<K, number> {
  const r = {} as Record<K, number>;
  for (const k of keys) r[k] = 0;
  return r;
}

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

/** Integer weights from exact decimal shares (scaled to a common power of ten). */
function shareWeights(shares: readonly string[]): bigint[] {
  const rs = shares.map(dec);
  let scale = 1n;
  for (const r of rs) if (r.d > scale) scale = r.d; // denominators are powers of ten
  return rs.map((r) => (r.n * scale) / r.d);
}

/**
 * Per (currency, year): the factor that turns a unit cost in the currency's minor units into
 * reporting minor units, inflation included. null when the currency cannot be converted.
 */
function currencyFactors(model: Model): Map<string, (Rational | null)[]> {
  const { programme } = model;
  const years = Math.ceil(programme.durationMonths / 12);
  const repExp = currencyExponent(programme.reportingCurrency);
  const out = new Map<string, (Rational | null)[]>();
  const reportingInfl = add(fromInt(1), dec(programme.inflation));
  out.set(
    programme.reportingCurrency,
    Array.from({ length: years }, (_, y) => reduce(pow(reportingInfl, y))),
  );
  for (const c of model.currencies) {
    if (c.code === programme.reportingCurrency) continue;
    const infl = add(fromInt(1), dec(c.inflation));
    const shift = repExp - currencyExponent(c.code);
    const factors: (Rational | null)[] = [];
    for (let y = 0; y < years; y++) {
      const rateStr = c.rates[y] ?? c.rates[c.rates.length - 1];
      if (!rateStr) {
        factors.push(null);
        continue;
      }
      const rate = dec(rateStr);
      // local minor -> reporting minor: × 10^shift ÷ rate
      const exp = shift >= 0 ? rat(10n ** BigInt(shift)) : rat(1n, 10n ** BigInt(-shift));
      const conv = rat(exp.n * rate.d, exp.d * rate.n);
      factors.push(reduce(mul(pow(infl, y), conv)));
    }
    out.set(c.code, factors);
  }
  return out;
}

function buildCaseload(model: Model): { index: CaseloadIndex; series: CaseloadSeries[]; persons: Rational } {
  let personsTotal: Rational = ZERO;
  const D = model.programme.durationMonths;
  const byId: CaseloadIndex['byId'] = new Map();
  const all: CaseloadIndex['all'] = [];
  const series: CaseloadSeries[] = [];
  const profiles = [...model.profiles].sort((a, b) => a.position - b.position);
  for (const profile of profiles) {
    const c = profileCaseload(profile, D);
    const personsExact = mul(fromInt(c.totalArrivals), dec(profile.personsPerUnit));
    const s: CaseloadSeries = { ...c, persons: toNumber(personsExact) };
    personsTotal = add(personsTotal, personsExact);
    byId.set(profile.id, { profile, series: s });
    all.push({ profile, series: s });
    series.push(s);
  }
  return { index: { byId, all }, series, persons: personsTotal };
}

/** Percentage lines in an order where each comes after the percentage lines in its base; cycles apart. */
function orderPercentageLines(
  pct: BudgetLine[],
  depsOf: (l: BudgetLine) => BudgetLine[],
): { order: BudgetLine[]; cyclic: Set<string> } {
  const state = new Map<string, 'visiting' | 'done'>();
  const cyclic = new Set<string>();
  const order: BudgetLine[] = [];
  // Iterative DFS: no recursion limit, no hang on long chains.
  for (const root of pct) {
    if (state.has(root.id)) continue;
    const stack: { line: BudgetLine; deps: BudgetLine[]; i: number }[] = [];
    const push = (line: BudgetLine): void => {
      state.set(line.id, 'visiting');
      stack.push({ line, deps: depsOf(line), i: 0 });
    };
    push(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as (typeof stack)[number];
      if (top.i < top.deps.length) {
        const dep = top.deps[top.i++] as BudgetLine;
        const st = state.get(dep.id);
        if (st === 'visiting') {
          // A cycle: every line on the stack from dep up to the top is in it.
          let k = stack.length - 1;
          for (; k >= 0; k--) {
            cyclic.add((stack[k] as (typeof stack)[number]).line.id);
            if ((stack[k] as (typeof stack)[number]).line.id === dep.id) break;
          }
        } else if (st === undefined) {
          push(dep);
        } else if (cyclic.has(dep.id)) {
          cyclic.add(top.line.id); // depends on a cycle
        }
      } else {
        stack.pop();
        state.set(top.line.id, 'done');
        if (top.deps.some((dep) => cyclic.has(dep.id))) cyclic.add(top.line.id);
        order.push(top.line);
      }
    }
  }
  return { order, cyclic };
}

/**
 * One line's quantities and amounts depend only on the line, the programme, the profiles and the
 * currencies. Models are immutable values and the UI keeps unchanged parts identical between
 * edits, so an entry keyed by the line object is reused while those three are the same objects:
 * an edit to one line recomputes that line only (plus percentage lines and totals). The result is
 * the same as without the cache; nothing in it depends on time or order.
 *
 * Each line keeps up to SLOTS entries (most recent first), one per context it was computed in, so
 * that a baseline and its scenarios, computed in turn by the same engine, each find their own.
 */
interface LineCacheEntry {
  programme: Model['programme'];
  profiles: Model['profiles'];
  currencies: Model['currencies'];
  plan: QuantityPlan;
  amounts: number[];
  diagnostics: Diagnostic[];
}
const SLOTS = 6;

/** What one engine instance remembers between computes (see createEngine). */
interface EngineCaches {
  lines: WeakMap<BudgetLine, LineCacheEntry[]>;
  splits: WeakMap<BudgetLine, SplitEntry[]>;
}

/** The entry of `list` that `matches`, moved to the front; null when none does. */
function slot<T>(list: T[] | undefined, matches: (entry: T) => boolean): T | null {
  if (!list) return null;
  const i = list.findIndex(matches);
  if (i < 0) return null;
  const entry = list[i] as T;
  if (i > 0) {
    list.splice(i, 1);
    list.unshift(entry);
  }
  return entry;
}

/** Puts `entry` first in the slots of `key`, dropping the oldest beyond SLOTS. */
function remember<K extends object, T>(cache: WeakMap<K, T[]>, key: K, entry: T): void {
  const list = cache.get(key);
  if (!list) {
    cache.set(key, [entry]);
    return;
  }
  list.unshift(entry);
  if (list.length > SLOTS) list.length = SLOTS;
}

/**
 * A line's total split across funding sources (largest remainder; empty split = main donor), with
 * the diagnostics of its split. Reused while the line, its total and the funders are the same.
 */
interface SplitEntry {
  total: number;
  funders: Model['funders'];
  split: Record<string, number>;
  diagnostics: Diagnostic[];
}
function fundingSplit(
  caches: EngineCaches,
  line: BudgetLine,
  total: number,
  funders: Model['funders'],
  funderIds: ReadonlySet<string>,
  mainDonor: string,
): SplitEntry {
  const cached = slot(caches.splits.get(line), (e) => e.total === total && e.funders === funders);
  if (cached) return cached;
  const diagnostics: Diagnostic[] = [];
  const split: Record<string, number> = {};
  const known = line.funding.filter((s) => {
    if (funderIds.has(s.funderId)) return true;
    diagnostics.push({
      severity: 'error',
      code: 'funding.unknownFunder',
      lineId: line.id,
      params: { funderId: s.funderId },
    });
    return false;
  });
  if (line.funding.length > 0) {
    const shareSum = line.funding.map((s) => dec(s.share)).reduce(add, ZERO);
    if (shareSum.n !== shareSum.d) {
      diagnostics.push({
        severity: 'error',
        code: 'funding.sum',
        lineId: line.id,
        params: { sum: ratToString(mul(shareSum, fromInt(100))) },
      });
    }
  }
  const weights = shareWeights(known.map((s) => s.share));
  if (known.length === 0 || weights.every((w) => w === 0n)) {
    split[mainDonor] = total;
  } else {
    const parts = allocate(BigInt(total), weights);
    known.forEach((s, i) => {
      split[s.funderId] = (split[s.funderId] ?? 0) + Number(parts[i] as bigint);
    });
  }
  const entry = { total, funders, split, diagnostics };
  remember(caches.splits, line, entry);
  return entry;
}

/** People reached by a community line: units bought × people per unit, and the non-migrants among them. */
const reachCache = new WeakMap<QuantityPlan, { line: BudgetLine; people: Rational; nonMigrants: Rational }>();
function reach(line: BudgetLine, plan: QuantityPlan): { people: Rational; nonMigrants: Rational } {
  const cached = reachCache.get(plan);
  if (cached && cached.line === line) return cached;
  const units = plan.perMonth.reduce<Rational>((s, q) => (q ? add(s, q) : s), ZERO);
  const people = mul(units, dec(line.beneficiariesPerUnit));
  const entry = { line, people, nonMigrants: mul(people, dec(line.nonMigrantShare)) };
  reachCache.set(plan, entry);
  return entry;
}

/** Quantities as floats for display, once per plan (plans are reused with the line cache). */
const quantityCache = new WeakMap<QuantityPlan, number[]>();
function displayQuantities(plan: QuantityPlan): number[] {
  let q = quantityCache.get(plan);
  if (!q) {
    q = plan.perMonth.map((x) => (x ? toNumber(x) : 0));
    quantityCache.set(plan, q);
  }
  return q;
}

function computeLine(
  line: BudgetLine,
  model: Model,
  caseload: CaseloadIndex,
  factors: Map<string, (Rational | null)[]>,
  diagnostics: Diagnostic[],
): { plan: QuantityPlan; amounts: number[] } {
  const D = model.programme.durationMonths;
  const plan = planQuantities(line, model, caseload, diagnostics);
  const f = factors.get(line.currency);
  if (!f) {
    diagnostics.push({
      severity: 'error',
      code: 'currency.unknown',
      lineId: line.id,
      params: { currency: line.currency },
    });
    return { plan, amounts: new Array<number>(D).fill(0) };
  }
  // unit cost × factor, reduced cheaply: the factors are reduced once per currency and year.
  const unit = BigInt(line.unitCost);
  const perYear = f.map((x) => {
    if (!x) return null;
    const g = gcd(unit, x.d);
    return g > 1n ? { n: (unit / g) * x.n, d: x.d / g } : { n: unit * x.n, d: x.d };
  });
  const { amounts, missingRate } = lineAmounts(plan.perMonth, perYear);
  if (missingRate) {
    diagnostics.push({
      severity: 'error',
      code: 'currency.noRate',
      lineId: line.id,
      params: { currency: line.currency },
    });
  }
  return { plan, amounts };
}

/** An engine: `compute` with caches of its own (nothing is shared between two engines). */
export interface Engine {
  compute(model: Model): ComputeResult;
}

/**
 * A new engine. Its caches belong to it: the renderer's worker, main's jobs and each test make
 * their own, and a baseline and its scenarios computed in turn by one engine each keep their
 * lines' amounts (several slots per line), so alternating them recomputes only what differs.
 */
export function createEngine(): Engine {
  const caches: EngineCaches = { lines: new WeakMap(), splits: new WeakMap() };
  return { compute: (model) => computeWith(caches, model) };
}

const defaultEngine = createEngine();

/** compute() on the module's own engine (the CLI, the checks' tests, one-off computes). */
export function compute(model: Model): ComputeResult {
  return defaultEngine.compute(model);
}

function computeWith(caches: EngineCaches, model: Model): ComputeResult {
  const { programme } = model;
  const D = programme.durationMonths;
  const years = Math.ceil(D / 12);
  const diagnostics: Diagnostic[] = [];
  const factors = currencyFactors(model);
  const { index: caseload, series, persons: returneesExact } = buildCaseload(model);

  const ordered = [...model.lines].sort(
    (a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.position - b.position,
  );
  const byIdLine = new Map(ordered.map((l) => [l.id, l]));
  const plans = new Map<string, QuantityPlan>();
  const months = new Map<string, number[]>();

  // 1. Every line that is not a percentage line (reused from the last compute when neither the
  //    line nor what it depends on has changed: see LineCache).
  for (const line of ordered) {
    if (line.driver.kind === 'percentage') continue;
    const cached = slot(
      caches.lines.get(line),
      (e) => e.programme === model.programme && e.profiles === model.profiles && e.currencies === model.currencies,
    );
    if (cached) {
      plans.set(line.id, cached.plan);
      months.set(line.id, cached.amounts);
      diagnostics.push(...cached.diagnostics);
      continue;
    }
    const own: Diagnostic[] = [];
    const { plan, amounts } = computeLine(line, model, caseload, factors, own);
    plans.set(line.id, plan);
    months.set(line.id, amounts);
    diagnostics.push(...own);
    remember(caches.lines, line, {
      programme: model.programme,
      profiles: model.profiles,
      currencies: model.currencies,
      plan,
      amounts,
      diagnostics: own,
    });
  }

  // 2. Percentage lines, in dependency order; cycles cost nothing and are flagged.
  const pctLines = ordered.filter((l) => l.driver.kind === 'percentage');
  // A percentage line's base: whole levels (summed from levelSums below) plus single lines named
  // outside those levels. For the order of computation only the percentage lines in it matter.
  const pctByLevel = new Map<Level, BudgetLine[]>(LEVELS.map((lv) => [lv, []]));
  for (const l of pctLines) pctByLevel.get(l.level)?.push(l);
  const namedOutsideLevels = (l: BudgetLine): BudgetLine[] => {
    const d = l.driver as PercentageDriver;
    const out: BudgetLine[] = [];
    for (const id of new Set(d.lineIds)) {
      const other = byIdLine.get(id);
      if (other && id !== l.id && !d.levels.includes(other.level)) out.push(other);
    }
    return out;
  };
  const pctDeps = (l: BudgetLine): BudgetLine[] => {
    const d = l.driver as PercentageDriver;
    const out: BudgetLine[] = [];
    for (const lv of new Set(d.levels)) for (const p of pctByLevel.get(lv) ?? []) if (p.id !== l.id) out.push(p);
    for (const other of namedOutsideLevels(l)) if (other.driver.kind === 'percentage') out.push(other);
    return out;
  };
  const { order, cyclic } = orderPercentageLines(pctLines, pctDeps);
  const levelSums = new Map<Level, number[]>(LEVELS.map((lv) => [lv, new Array<number>(D).fill(0)]));
  for (const l of ordered) {
    const lm = months.get(l.id);
    if (!lm) continue;
    const ls = levelSums.get(l.level) as number[];
    for (let m = 0; m < D; m++) ls[m] = (ls[m] as number) + (lm[m] as number);
  }
  for (const line of order) {
    const d = line.driver as PercentageDriver;
    for (const id of d.lineIds) {
      if (id !== line.id && !byIdLine.has(id)) {
        diagnostics.push({
          severity: 'warning',
          code: 'percentage.unknownLine',
          lineId: line.id,
          params: { target: id },
        });
      }
    }
    const perMonth: (Rational | null)[] = new Array<Rational | null>(D).fill(null);
    if (cyclic.has(line.id)) {
      diagnostics.push({ severity: 'error', code: 'percentage.cycle', lineId: line.id });
      plans.set(line.id, { perMonth, derivation: { code: 'percentage', params: { rate: d.rate, base: 0 } } });
      months.set(line.id, new Array<number>(D).fill(0));
      continue;
    }
    const win = checkWindow(line, D, diagnostics);
    // Base: the running sums of the chosen levels (every line in them is final by now: the
    // percentage lines among them come earlier in `order`), plus the chosen lines outside them.
    const base = new Array<number>(D).fill(0);
    for (const lv of new Set(d.levels)) {
      const ls = levelSums.get(lv) as number[];
      for (let m = 0; m < D; m++) base[m] = (base[m] as number) + (ls[m] as number);
    }
    for (const b of namedOutsideLevels(line)) {
      const bm = months.get(b.id);
      if (!bm) continue;
      for (let m = 0; m < D; m++) base[m] = (base[m] as number) + (bm[m] as number);
    }
    const rate = dec(d.rate);
    let baseTotal = 0;
    const exact: (Rational | null)[] = new Array<Rational | null>(D).fill(null);
    for (let m = win?.start ?? 1; win && m <= win.last; m++) {
      const b = base[m - 1] as number;
      if (b === 0) continue;
      baseTotal += b;
      perMonth[m - 1] = fromInt(b);
      exact[m - 1] = mul(rate, fromInt(b));
    }
    plans.set(line.id, { perMonth, derivation: { code: 'percentage', params: { rate: d.rate, base: baseTotal } } });
    const amounts = roundRunning(exact);
    months.set(line.id, amounts);
    const own = levelSums.get(line.level) as number[];
    for (let m = 0; m < D; m++) own[m] = (own[m] as number) + (amounts[m] as number);
  }

  // 3. Totals, funders, beneficiaries.
  const funders = [...model.funders].sort((a, b) => a.position - b.position);
  const funderIds = new Set(funders.map((f) => f.id));
  const mainDonor = (funders.find((f) => f.type === 'donor') ?? funders[0])?.id ?? '';
  const byFunder: Record<string, number> = {};
  for (const f of funders) byFunder[f.id] = 0;
  const eligibleIndirectByFunder = new Map<string, number>();
  const eligibleContingencyByFunder = new Map<string, number>();

  const direct = new Array<number>(D).fill(0);
  const eligibleIndirect = new Array<number>(D).fill(0);
  const eligibleContingency = new Array<number>(D).fill(0);
  const byLevel = zeroRecord(LEVELS);
  const byDimension = zeroRecord(DIMENSIONS);
  const byCategory: Record<string, number> = zeroRecord(CATEGORIES);
  const lines: LineResult[] = [];
  let communityBeneficiaries: Rational = ZERO;
  let nonMigrant: Rational = ZERO;
  let staffMonths = 0;

  for (const line of ordered) {
    const lm = months.get(line.id) ?? new Array<number>(D).fill(0);
    const plan = plans.get(line.id) as QuantityPlan;
    let total = 0;
    for (let m = 0; m < D; m++) {
      const a = lm[m] as number;
      if (a === 0) continue;
      total += a;
      direct[m] = (direct[m] as number) + a;
      if (line.eligibleIndirect) eligibleIndirect[m] = (eligibleIndirect[m] as number) + a;
      if (line.eligibleContingency) eligibleContingency[m] = (eligibleContingency[m] as number) + a;
    }
    if (total === 0 && !cyclic.has(line.id)) {
      diagnostics.push({ severity: 'warning', code: 'line.zeroCost', lineId: line.id });
    }
    byLevel[line.level] += total;
    byDimension[line.dimension] += total;
    byCategory[line.category] = (byCategory[line.category] ?? 0) + total;

    // Funding split of the line's total.
    const funding = fundingSplit(caches, line, total, model.funders, funderIds, mainDonor);
    const split = funding.split;
    diagnostics.push(...funding.diagnostics);
    for (const [fid, a] of Object.entries(split)) {
      byFunder[fid] = (byFunder[fid] ?? 0) + a;
      if (line.eligibleIndirect) eligibleIndirectByFunder.set(fid, (eligibleIndirectByFunder.get(fid) ?? 0) + a);
      if (line.eligibleContingency) {
        eligibleContingencyByFunder.set(fid, (eligibleContingencyByFunder.get(fid) ?? 0) + a);
      }
    }

    // Beneficiaries of community lines: units bought × people per unit.
    let beneficiaries = 0;
    let nonMigrantBeneficiaries = 0;
    if (line.level === 'community' && line.driver.kind !== 'percentage') {
      const r = reach(line, plan);
      communityBeneficiaries = add(communityBeneficiaries, r.people);
      nonMigrant = add(nonMigrant, r.nonMigrants);
      beneficiaries = toNumber(r.people);
      nonMigrantBeneficiaries = toNumber(r.nonMigrants);
    }
    const quantities = displayQuantities(plan);
    if (line.modality === 'staff' && line.driver.kind !== 'percentage') staffMonths += sum(quantities);

    lines.push({
      lineId: line.id,
      level: line.level,
      quantities,
      months: lm,
      total,
      derivation: plan.derivation,
      byFunder: split,
      beneficiaries,
      nonMigrantBeneficiaries,
    });
  }

  const indirectRate = dec(programme.indirectRate);
  const contingencyRate = dec(programme.contingencyRate);
  const indirect = roundRunning(eligibleIndirect.map((a) => (a ? mul(indirectRate, fromInt(a)) : null)));
  const contingency = roundRunning(eligibleContingency.map((a) => (a ? mul(contingencyRate, fromInt(a)) : null)));
  const total = direct.map((a, m) => a + (indirect[m] as number) + (contingency[m] as number));

  // Indirect costs and contingency follow the funders' shares of their eligible base.
  for (const [amount, base] of [
    [sum(indirect), eligibleIndirectByFunder],
    [sum(contingency), eligibleContingencyByFunder],
  ] as const) {
    if (amount === 0) continue;
    const ids = [...base.keys()];
    const parts = allocate(
      BigInt(amount),
      ids.map((id) => BigInt(base.get(id) ?? 0)),
    );
    ids.forEach((id, i) => {
      byFunder[id] = (byFunder[id] ?? 0) + Number(parts[i] as bigint);
    });
  }

  const byYear = new Array<number>(years).fill(0);
  total.forEach((a, m) => {
    const y = Math.floor(m / 12);
    byYear[y] = (byYear[y] as number) + a;
  });

  const directTotal = sum(direct);
  const grandTotal = sum(total);
  const levelShare = zeroRecord(LEVELS);
  for (const l of LEVELS) levelShare[l as Level] = directTotal === 0 ? 0 : byLevel[l] / directTotal;

  // Caseload, all profiles together.
  const arrivals = new Array<number>(D).fill(0);
  const active = new Array<number>(D).fill(0);
  const cumulative = new Array<number>(D).fill(0);
  for (const s of series) {
    for (let m = 0; m < D; m++) {
      arrivals[m] = (arrivals[m] as number) + (s.arrivals[m] as number);
      active[m] = (active[m] as number) + (s.active[m] as number);
      cumulative[m] = (cumulative[m] as number) + (s.cumulative[m] as number);
    }
  }
  let peakActiveCases = 0;
  let peakMonth = 0;
  active.forEach((a, m) => {
    if (a > peakActiveCases) {
      peakActiveCases = a;
      peakMonth = m + 1;
    }
  });

  const commB = toNumber(communityBeneficiaries);
  const nmB = toNumber(nonMigrant);
  const directExact = add(returneesExact, nonMigrant);
  // Cost per person, exact division rounded once (half-to-even) to minor units.
  const per = (amount: number, people: Rational): number | null =>
    people.n > 0n ? Number(roundHalfEven(rat(BigInt(amount) * people.d, people.n))) : null;
  const metrics: Metrics = {
    returneesAssisted: toNumber(returneesExact),
    costPerReturneeIndividual: per(byLevel.individual, returneesExact),
    costPerReturneeAllIn: per(grandTotal, returneesExact),
    communityBeneficiaries: commB,
    nonMigrantBeneficiaries: nmB,
    nonMigrantShare: commB > 0 ? nmB / commB : null,
    directBeneficiaries: toNumber(directExact),
    costPerBeneficiary: per(grandTotal, directExact),
    peakActiveCases,
    peakMonth,
    staffMonths,
  };

  return {
    currency: programme.reportingCurrency,
    durationMonths: D,
    lines,
    monthly: { direct, indirect, contingency, total },
    totals: {
      direct: directTotal,
      directEligibleIndirect: sum(eligibleIndirect),
      directEligibleContingency: sum(eligibleContingency),
      indirect: sum(indirect),
      contingency: sum(contingency),
      total: grandTotal,
    },
    byLevel,
    byDimension,
    byCategory,
    byYear,
    byFunder,
    levelShare,
    caseload: { profiles: series, arrivals, active, cumulative },
    metrics,
    diagnostics,
  };
}
