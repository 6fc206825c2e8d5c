/**
 * The totals and metrics phase: every line's rounded months summed into the totals by level,
 * dimension, category, year and month; each line's total split across its funding sources
 * (largest remainder; indirect costs and contingency follow the split of their eligible base);
 * community reach; the caseload summed over profiles; the metrics of DESIGN §4. Every total is a
 * sum of rounded line-months, so the screen, the exports and the CLI reconcile to the cent.
 */
import { add, allocate, dec, fromInt, mul, rat, type Rational, roundHalfEven, toNumber, ZERO } from '../money';
import { type BudgetLine, CATEGORIES, DIMENSIONS, type Level, LEVELS, type Model } from '../model';
import { ratToString } from './drivers';
import { overheads } from './percentages';
import { planFloats, planTotal, type QuantityPlan } from './plan';
import type { CaseloadSeries, ComputeResult, Diagnostic, LineResult, Metrics } from './result';

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
 * A line's total split across funding sources (largest remainder; empty split = main donor), with
 * the diagnostics of its split. Reused while the line, its total and the funders are the same.
 */
export interface SplitEntry {
  total: number;
  funders: Model['funders'];
  split: Record<string, number>;
  /** `split` as a list, for the sums. */
  parts: readonly (readonly [string, number])[];
  diagnostics: Diagnostic[];
}

/** What the totals phase may reuse between computes (an engine's own caches). */
export interface TotalsCaches {
  /** Recent splits per line (see compute.ts `slot` and `remember`). */
  split(line: BudgetLine, matches: (e: SplitEntry) => boolean): SplitEntry | null;
  rememberSplit(line: BudgetLine, entry: SplitEntry): void;
  /** Whether this engine made `entry` for `line` (a contribution is only reused by its engine). */
  holds(line: BudgetLine, entry: SplitEntry): boolean;
}

function fundingSplit(
  caches: TotalsCaches,
  line: BudgetLine,
  total: number,
  funders: Model['funders'],
  funderIds: ReadonlySet<string>,
  mainDonor: string,
): SplitEntry {
  const cached = caches.split(line, (e) => e.total === total && e.funders === funders);
  if (cached) return cached;
  if (line.funding.length === 0) {
    // No split: all of it to the main donor (most lines).
    const entry = {
      total,
      funders,
      split: { [mainDonor]: total },
      parts: [[mainDonor, total] as const],
      diagnostics: [],
    };
    caches.rememberSplit(line, entry);
    return entry;
  }
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
  const entry = { total, funders, split, parts: Object.entries(split), diagnostics };
  caches.rememberSplit(line, entry);
  return entry;
}

/**
 * People reached by a community line: units bought × people per unit, and the non-migrants among
 * them; as whole numbers too where they are whole (then they are summed without a bigint).
 */
interface Reach {
  line: BudgetLine;
  people: Rational;
  nonMigrants: Rational;
  peopleWhole: number | null;
  nonMigrantsWhole: number | null;
}
function reach(line: BudgetLine, plan: QuantityPlan): Reach {
  const people = mul(planTotal(plan), dec(line.beneficiariesPerUnit));
  const nonMigrants = mul(people, dec(line.nonMigrantShare));
  return { line, people, nonMigrants, peopleWhole: whole(people), nonMigrantsWhole: whole(nonMigrants) };
}

const WHOLE_MAX = BigInt(2 ** 40);
/** `r` as a number when it is a whole number small enough to sum exactly in doubles. */
function whole(r: Rational): number | null {
  if (r.n % r.d !== 0n) return null;
  const n = r.n / r.d;
  return n < WHOLE_MAX && n > -WHOLE_MAX ? Number(n) : null;
}

/**
 * What one line adds to the totals, kept with its amounts (the same array while the line cache
 * keeps them): its result, its funding split, its reach and staff-months. Recomputed when the line,
 * its plan or the funding sources are other objects, or its amounts are a new array.
 */
interface Contribution {
  line: BudgetLine;
  plan: QuantityPlan;
  funders: Model['funders'];
  mainDonor: string;
  result: LineResult;
  funding: SplitEntry;
  reach: Reach | null;
  staffMonths: number;
}
const contributions = new WeakMap<number[], Contribution>();

function contribution(
  caches: TotalsCaches,
  line: BudgetLine,
  lm: number[],
  plan: QuantityPlan,
  funders: Model['funders'],
  funderIds: ReadonlySet<string>,
  mainDonor: string,
): Contribution {
  const known = contributions.get(lm);
  if (
    known &&
    known.line === line &&
    known.plan === plan &&
    known.funders === funders &&
    known.mainDonor === mainDonor &&
    caches.holds(line, known.funding)
  ) {
    return known;
  }
  let total = 0;
  for (const a of lm) total += a;
  const funding = fundingSplit(caches, line, total, funders, funderIds, mainDonor);
  // Beneficiaries of community lines: units bought × people per unit.
  const r = line.level === 'community' && line.driver.kind !== 'percentage' ? reach(line, plan) : null;
  const quantities = planFloats(plan);
  const c: Contribution = {
    line,
    plan,
    funders,
    mainDonor,
    result: lineResult(
      line,
      lm,
      plan,
      quantities,
      total,
      funding.split,
      r ? (r.peopleWhole ?? toNumber(r.people)) : 0,
      r ? (r.nonMigrantsWhole ?? toNumber(r.nonMigrants)) : 0,
    ),
    funding,
    reach: r,
    staffMonths: line.modality === 'staff' && line.driver.kind !== 'percentage' ? sum(quantities) : 0,
  };
  contributions.set(lm, c);
  return c;
}

/** A line's result (kept with its contribution, so unchanged lines keep the same object). */
function lineResult(
  line: BudgetLine,
  months: number[],
  plan: QuantityPlan,
  quantities: number[],
  total: number,
  byFunder: Record<string, number>,
  beneficiaries: number,
  nonMigrantBeneficiaries: number,
): LineResult {
  return {
    lineId: line.id,
    level: line.level,
    quantities,
    months,
    total,
    derivation: plan.derivation,
    byFunder,
    beneficiaries,
    nonMigrantBeneficiaries,
  };
}

/**
 * An exact sum of many rationals: numerators summed per denominator (most lines share a few), the
 * groups added once at the end, so the denominators do not grow with every term.
 */
class ExactSum {
  private readonly byDen = new Map<bigint, bigint>();
  /** Whole terms, summed in doubles (each below 2^40, a few thousand of them: exact). */
  private whole = 0;

  add(r: Rational, asWhole: number | null): void {
    if (asWhole !== null) {
      this.whole += asWhole;
      return;
    }
    if (r.n === 0n) return;
    this.byDen.set(r.d, (this.byDen.get(r.d) ?? 0n) + r.n);
  }

  value(): Rational {
    let total: Rational = fromInt(this.whole);
    for (const [d, n] of this.byDen) total = add(total, { n, d });
    return total;
  }
}

export interface TotalsInput {
  model: Model;
  /** The model's lines in model order. */
  ordered: readonly BudgetLine[];
  plans: ReadonlyMap<string, QuantityPlan>;
  months: ReadonlyMap<string, number[]>;
  cyclic: ReadonlySet<string>;
  series: CaseloadSeries[];
  returneesExact: Rational;
  diagnostics: Diagnostic[];
  caches: TotalsCaches;
  fastPath: boolean;
}

export function totalsAndMetrics(input: TotalsInput): ComputeResult {
  const { model, ordered, plans, months, cyclic, series, returneesExact, diagnostics, caches, fastPath } = input;
  const { programme } = model;
  const D = programme.durationMonths;
  const years = Math.ceil(D / 12);
  // 3. Totals, funders, beneficiaries.
  const funders = [...model.funders].sort((a, b) => a.position - b.position);
  const funderIds = new Set(funders.map((f) => f.id));
  const mainDonor = (funders.find((f) => f.type === 'donor') ?? funders[0])?.id ?? '';
  const byFunder: Record<string, number> = {};
  for (const f of funders) byFunder[f.id] = 0;
  const eligibleIndirectByFunder = new Map<string, number>();
  const eligibleContingencyByFunder = new Map<string, number>();

  // Accumulated in typed arrays (dense doubles: whole numbers of minor units, exact below 2^53).
  const directAcc = new Float64Array(D);
  const eligibleIndirectAcc = new Float64Array(D);
  const eligibleContingencyAcc = new Float64Array(D);
  const byLevel = zeroRecord(LEVELS);
  const byDimension = zeroRecord(DIMENSIONS);
  const byCategory: Record<string, number> = zeroRecord(CATEGORIES);
  const lines: LineResult[] = [];
  const communityPeople = new ExactSum();
  const nonMigrantPeople = new ExactSum();
  let staffMonths = 0;

  for (const line of ordered) {
    const lm = months.get(line.id) ?? new Array<number>(D).fill(0);
    const plan = plans.get(line.id) as QuantityPlan;
    const c = contribution(caches, line, lm, plan, model.funders, funderIds, mainDonor);
    const ind = line.eligibleIndirect;
    const cont = line.eligibleContingency;
    for (let m = 0; m < D; m++) {
      const a = lm[m] as number;
      if (a === 0) continue;
      directAcc[m] = (directAcc[m] as number) + a;
      if (ind) eligibleIndirectAcc[m] = (eligibleIndirectAcc[m] as number) + a;
      if (cont) eligibleContingencyAcc[m] = (eligibleContingencyAcc[m] as number) + a;
    }
    const total = c.result.total;
    if (total === 0 && !cyclic.has(line.id)) {
      diagnostics.push({ severity: 'warning', code: 'line.zeroCost', lineId: line.id });
    }
    byLevel[line.level] += total;
    byDimension[line.dimension] += total;
    byCategory[line.category] = (byCategory[line.category] ?? 0) + total;
    if (c.funding.diagnostics.length > 0) diagnostics.push(...c.funding.diagnostics);
    for (const [fid, a] of c.funding.parts) {
      byFunder[fid] = (byFunder[fid] ?? 0) + a;
      if (ind) eligibleIndirectByFunder.set(fid, (eligibleIndirectByFunder.get(fid) ?? 0) + a);
      if (cont) eligibleContingencyByFunder.set(fid, (eligibleContingencyByFunder.get(fid) ?? 0) + a);
    }
    if (c.reach) {
      communityPeople.add(c.reach.people, c.reach.peopleWhole);
      nonMigrantPeople.add(c.reach.nonMigrants, c.reach.nonMigrantsWhole);
    }
    staffMonths += c.staffMonths;
    lines.push(c.result);
  }

  const direct = Array.from(directAcc);
  const eligibleIndirect = Array.from(eligibleIndirectAcc);
  const eligibleContingency = Array.from(eligibleContingencyAcc);
  const communityBeneficiaries = communityPeople.value();
  const nonMigrant = nonMigrantPeople.value();
  const { indirect, contingency } = overheads(programme, eligibleIndirect, eligibleContingency, fastPath);
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
