/**
 * The totals and metrics phase: every line's rounded months summed into the totals by level,
 * dimension, category, year and month; each line's total split across its funding sources
 * (largest remainder; indirect costs and contingency follow the split of their eligible base);
 * community reach; the caseload summed over profiles; the metrics of DESIGN §4. Every total is a
 * sum of rounded line-months, so the screen, the exports and the CLI reconcile to the cent.
 */
import {
  add,
  allocate,
  allocateSafe,
  cmp,
  dec,
  fromInt,
  mul,
  ONE,
  rat,
  type Rational,
  rationalToDecimal,
  roundHalfAway,
  sub,
  toNumber,
  ZERO,
} from '../money';
import { type BudgetLine, CATEGORIES, DIMENSIONS, type Level, LEVELS, type Model, shareSum } from '../model';
import { ratToString } from './drivers';
import { overheads } from './percentages';
import { mtdcExclusions } from './indirect-base';
import type { LinePlan } from './plan';
import type { CaseloadSeries, CostResult, Diagnostic, LineResult, Metrics } from './result';

function zeroRecord<K extends string>(keys: readonly K[]): Record<K, number> {
  const r = {} as Record<K, number>;
  for (const k of keys) r[k] = 0;
  return r;
}

/** Σ xs from 0, left to right (as xs.reduce((s, x) => s + x, 0) does, holes skipped alike). */
function sum(xs: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x !== undefined) s += x;
  }
  return s;
}

/** Integer weights from exact decimal shares (scaled to a common power of ten). */
function shareWeights(shares: readonly string[]): bigint[] {
  // The usual shares ("0.6", "0.25"): whole numbers of a common power of ten, without a bigint.
  const fast = shareWeightsSmall(shares);
  if (fast) return fast;
  const rs = shares.map(dec);
  let scale = 1n;
  for (const r of rs) if (r.d > scale) scale = r.d; // denominators are powers of ten
  return rs.map((r) => (r.n * scale) / r.d);
}

function shareWeightsSmall(shares: readonly string[]): bigint[] | null {
  let decimals = 0;
  for (const s of shares) {
    if (!/^\d{1,6}(\.\d{1,8})?$/.test(s)) return null;
    const dot = s.indexOf('.');
    if (dot >= 0) decimals = Math.max(decimals, s.length - dot - 1);
  }
  return shares.map((s) => {
    const dot = s.indexOf('.');
    const frac = dot < 0 ? 0 : s.length - dot - 1;
    return BigInt(Number(s.replace('.', '')) * 10 ** (decimals - frac));
  });
}

/**
 * A line's total split across funding sources (largest remainder; empty split = main donor), with
 * the diagnostics of its split. Its contribution keeps what it needs of it (no object of its own).
 */
interface SplitEntry {
  split: Record<string, number>;
  /** `split` as two lists, for the sums: the ids, and each one's amount (null: one id, the whole total). */
  ids: readonly string[];
  amounts: readonly number[] | null;
  /** Whether `split` has the key '' (what no source covers). */
  unfunded: boolean;
  diagnostics: readonly Diagnostic[];
}

/** No diagnostics (shared by every line that has none: it is never written to). */
const NONE: readonly Diagnostic[] = Object.freeze([]);

/**
 * fundingSplit's answer. One object, written by each call and read at once by its caller
 * (contribution, which keeps the fields it needs): 2,000 lines made as many short-lived objects.
 */
const SPLIT: SplitEntry = { split: {}, ids: [], amounts: null, unfunded: false, diagnostics: NONE };

/** What the totals phase may reuse between computes (an engine's own caches). */
export interface TotalsCaches {
  /** The engine's running sums over the lines of its last compute, for `months` months. */
  aggregate(months: number): TotalsAgg;
  /** The engine's funding split shapes (see SplitShapes). */
  splitShapes: SplitShapes;
}

/**
 * What a funding split gives that does not depend on the line's total: which sources are known,
 * the diagnostics' parameters, the weights, and the order of the split's keys. Many lines share a
 * split ("0.6 donor, 0.4 government"), so it is worked out once per engine and list of shares.
 */
interface SplitShape {
  /** The funder ids the split names that are not sources (each one a `funding.unknownFunder`). */
  unknown: readonly string[];
  /** The shares' sum in percent when it is not 100 % (`funding.sum`), else null. */
  sumPercent: string | null;
  /** The known shares' funder ids, in the split's order, and '' last when the shares leave a gap. */
  parts: readonly string[];
  gap: boolean;
  weights: readonly bigint[];
  weightsAsNumbers: readonly number[];
  /** The keys of the line's `byFunder` record, in their order (that of the record built below). */
  ids: readonly string[];
  /** Whether '' is one of them. */
  unfunded: boolean;
}

/**
 * Split shapes by the split's shares (funder id and share, in order), valid for one set of source
 * ids (they say which funder ids are known): a compute whose sources have other ids starts again.
 * Bounded like dec()'s memo.
 */
export class SplitShapes {
  private sourcesKey = '';
  /** A trie: one level per share of the split, keyed by funder id then share text. */
  private root: ShapeNode = { shape: null, next: null };
  private size = 0;

  /** Makes the shapes those of a model whose sources have these ids. */
  useSources(funderIds: ReadonlySet<string>): void {
    let key = '';
    for (const id of funderIds) key += `${id.length}:${id}`;
    if (key !== this.sourcesKey || this.size >= SHAPES_MAX) {
      this.root = { shape: null, next: null };
      this.size = 0;
      this.sourcesKey = key;
    }
  }

  get(funding: BudgetLine['funding'], funderIds: ReadonlySet<string>): SplitShape {
    // Walked share by share (no text made per line): the same shares in the same order, the same node.
    let node = this.root;
    for (let i = 0; i < funding.length; i++) {
      const s = funding[i] as BudgetLine['funding'][number];
      node.next ??= new Map();
      let byShare = node.next.get(s.funderId);
      if (!byShare) node.next.set(s.funderId, (byShare = new Map()));
      let child = byShare.get(s.share);
      if (!child) byShare.set(s.share, (child = { shape: null, next: null }));
      node = child;
    }
    if (!node.shape) {
      node.shape = splitShape(funding, funderIds);
      this.size++;
    }
    return node.shape;
  }
}

interface ShapeNode {
  shape: SplitShape | null;
  next: Map<string, Map<string, ShapeNode>> | null;
}
const SHAPES_MAX = 4096;

function splitShape(funding: BudgetLine['funding'], funderIds: ReadonlySet<string>): SplitShape {
  const unknown: string[] = [];
  const known = funding.filter((s) => {
    if (funderIds.has(s.funderId)) return true;
    unknown.push(s.funderId);
    return false;
  });
  const sum = shareSum(funding);
  const sumPercent = sum.n !== sum.d ? ratToString(mul(sum, fromInt(100))) : null;
  // Decision: shares are never rescaled to fill a gap. What the shares leave uncovered (a split
  // under 100 %, or the share of a source that no longer exists) is "unfunded": it goes to key '',
  // shown as such in the funding totals and the totals bar (50 % + 30 % of 60,000 is 30,000 +
  // 18,000 + 12,000 unfunded). A split over 100 % cannot be entered (the planner refuses it); one
  // found in an older file is split in proportion, and the check above says so as an error.
  const knownSum = known.length === funding.length ? sum : shareSum(known);
  const gap = cmp(knownSum, ONE) < 0 ? rationalToDecimal(sub(ONE, knownSum)) : null;
  const shares = known.map((s) => s.share);
  const parts = known.map((s) => s.funderId);
  if (gap !== null) {
    shares.push(gap);
    parts.push('');
  }
  const weights = shareWeights(shares);
  // The record's keys in the order the split below puts them in (the same keys, the same order).
  const order: Record<string, number> = {};
  for (const id of parts) order[id] = 0;
  const ids = Object.freeze(Object.keys(order));
  return {
    unknown,
    sumPercent,
    parts,
    gap: gap !== null,
    weights,
    weightsAsNumbers: weights.map(Number),
    ids,
    unfunded: ids.includes(''),
  };
}

function fundingSplit(
  line: BudgetLine,
  total: number,
  funderIds: ReadonlySet<string>,
  mainDonor: string,
  mainIds: readonly string[],
  shapes: SplitShapes,
): SplitEntry {
  if (line.funding.length === 0) {
    // No split: all of it to the main donor (most lines). `mainIds` is [mainDonor], shared.
    const split: Record<string, number> = {};
    split[mainDonor] = total;
    return splitEntry(split, mainIds, null, mainDonor === '', NONE);
  }
  const shape = shapes.get(line.funding, funderIds);
  let diagnostics: Diagnostic[] | null = null;
  for (const funderId of shape.unknown) {
    (diagnostics ??= []).push({
      severity: 'error',
      code: 'funding.unknownFunder',
      lineId: line.id,
      params: { funderId },
    });
  }
  if (shape.sumPercent !== null) {
    (diagnostics ??= []).push({
      severity: 'error',
      code: 'funding.sum',
      lineId: line.id,
      params: { sum: shape.sumPercent },
    });
  }
  const parts = allocateSafe(total, shape.weightsAsNumbers) ?? allocate(BigInt(total), shape.weights).map(Number);
  const split: Record<string, number> = {};
  const n = shape.parts.length;
  for (let i = 0; i < n; i++) {
    const id = shape.parts[i] as string;
    // A source named twice adds up its parts; the gap ('', last) is set.
    if (shape.gap && i === n - 1) split[''] = parts[i] as number;
    else split[id] = (split[id] ?? 0) + (parts[i] as number);
  }
  const ids = shape.ids;
  const amounts = new Array<number>(ids.length);
  for (let i = 0; i < ids.length; i++) amounts[i] = split[ids[i] as string] as number;
  return splitEntry(split, ids, amounts, shape.unfunded, diagnostics ?? NONE);
}

/** SPLIT with these fields (see SPLIT: read it before the next call). */
function splitEntry(
  split: Record<string, number>,
  ids: readonly string[],
  amounts: readonly number[] | null,
  unfunded: boolean,
  diagnostics: readonly Diagnostic[],
): SplitEntry {
  SPLIT.split = split;
  SPLIT.ids = ids;
  SPLIT.amounts = amounts;
  SPLIT.unfunded = unfunded;
  SPLIT.diagnostics = diagnostics;
  return SPLIT;
}

/**
 * People reached by a community line: units bought × people per unit, and the non-migrants among
 * them; as whole numbers too where they are whole (then they are summed without a bigint).
 */
interface Reach {
  line: BudgetLine;
  /** Exact, when not whole (then peopleWhole is null); null when peopleWhole holds it. */
  people: Rational | null;
  nonMigrants: Rational | null;
  peopleWhole: number | null;
  nonMigrantsWhole: number | null;
}
/** Whether a line reaches community beneficiaries (then its LinePlan keeps its total quantity). */
export function hasReach(line: BudgetLine): boolean {
  return line.level === 'community' && line.driver.kind !== 'percentage';
}

function reach(line: BudgetLine, plan: LinePlan): Reach {
  const total = plan.total ?? ZERO;
  const perUnit = dec(line.beneficiariesPerUnit);
  const share = dec(line.nonMigrantShare);
  // Nearly always whole numbers of people: worked out in doubles when every part converts to a
  // safe integer and each product stays one (integer products, remainders and exact quotients are
  // exact in doubles below 2^53), with no bigint and no rational. The same values as whole() of
  // the exact products below: people = total × perUnit, nonMigrants = people × share.
  const tn = Number(total.n);
  const pn = tn * Number(perUnit.n);
  const pd = Number(total.d) * Number(perUnit.d);
  if (Number.isSafeInteger(pn) && Number.isSafeInteger(pd) && pd > 0 && pn % pd === 0) {
    const people = pn / pd;
    const nn = people * Number(share.n);
    const nd = Number(share.d);
    if (
      Math.abs(people) < WHOLE_MAX_N &&
      Number.isSafeInteger(nn) &&
      Number.isSafeInteger(nd) &&
      nd > 0 &&
      nn % nd === 0 &&
      Math.abs(nn / nd) < WHOLE_MAX_N
    ) {
      return { line, people: null, nonMigrants: null, peopleWhole: people, nonMigrantsWhole: nn / nd };
    }
  }
  const people = mul(total, perUnit);
  const nonMigrants = mul(people, share);
  const peopleWhole = whole(people);
  const nonMigrantsWhole = whole(nonMigrants);
  return {
    line,
    people: peopleWhole === null ? people : null,
    nonMigrants: nonMigrantsWhole === null ? nonMigrants : null,
    peopleWhole,
    nonMigrantsWhole,
  };
}

const WHOLE_MAX = BigInt(2 ** 40);
const WHOLE_MAX_N = 2 ** 40;
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
export interface Contribution {
  line: BudgetLine;
  months: number[];
  /** The generation of the engine's totals this contribution was last counted in (TotalsAgg). */
  mark: number;
  plan: LinePlan;
  funders: Model['funders'];
  mainDonor: string;
  result: LineResult;
  /** The line's funding split (SplitEntry): the result's byFunder as id and amount lists, for the sums. */
  ids: readonly string[];
  /** Each id's amount; null: one id, the whole total. */
  partAmounts: readonly number[] | null;
  /** Whether byFunder has the key '' (what no source covers). */
  unfunded: boolean;
  fundingDiagnostics: readonly Diagnostic[];
  reach: Reach | null;
  staffMonths: number;
}
/** Where a line's contribution is kept between computes (the engine's cache entry of the line). */
export interface ContributionHolder {
  contribution: Contribution | null;
  /** The line's amounts and their sum (worked out where the amounts were made, while in cache). */
  amounts: number[];
  amountsTotal: number;
}

/** Σ amounts, month 1 first, from 0 (the line's total; the same sum wherever it is worked out). */
export function amountsTotal(amounts: readonly number[]): number {
  let total = 0;
  for (let m = 0; m < amounts.length; m++) total += amounts[m] as number;
  return total;
}

function contribution(
  holder: ContributionHolder | undefined,
  line: BudgetLine,
  lm: number[],
  plan: LinePlan,
  funders: Model['funders'],
  funderIds: ReadonlySet<string>,
  mainDonor: string,
  mainIds: readonly string[],
  shapes: SplitShapes,
  delivered = 0,
  coordinationOf: string | null = null,
): Contribution {
  const known = holder?.contribution;
  if (
    known &&
    known.months === lm &&
    known.result.partnerDelivered === delivered &&
    known.line === line &&
    known.plan === plan &&
    known.funders === funders &&
    known.mainDonor === mainDonor
  ) {
    return known;
  }
  const total = holder?.amounts === lm ? holder.amountsTotal : amountsTotal(lm);
  // (Read at once: fundingSplit's answer is rewritten by its next call.)
  const {
    split,
    ids,
    amounts: partAmounts,
    unfunded,
    diagnostics: fundingDiagnostics,
  } = fundingSplit(line, total, funderIds, mainDonor, mainIds, shapes);
  // Beneficiaries of community lines: units bought × people per unit.
  const r = hasReach(line) ? reach(line, plan) : null;
  const quantities = plan.quantities;
  const c: Contribution = {
    line,
    months: lm,
    mark: -1,
    plan,
    funders,
    mainDonor,
    result: lineResult(
      line,
      lm,
      plan,
      quantities,
      total,
      split,
      r ? (r.peopleWhole ?? toNumber(r.people as Rational)) : 0,
      r ? (r.nonMigrantsWhole ?? toNumber(r.nonMigrants as Rational)) : 0,
      delivered,
      coordinationOf,
    ),
    ids,
    partAmounts,
    unfunded,
    fundingDiagnostics,
    reach: r,
    staffMonths: line.modality === 'staff' && line.driver.kind !== 'percentage' ? sum(quantities) : 0,
  };
  if (holder) holder.contribution = c;
  return c;
}

/** A line's result (kept with its contribution, so unchanged lines keep the same object). */
function lineResult(
  line: BudgetLine,
  months: number[],
  plan: LinePlan,
  quantities: number[],
  total: number,
  byFunder: Record<string, number>,
  beneficiaries: number,
  nonMigrantBeneficiaries: number,
  partnerDelivered: number,
  coordinationOf: string | null,
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
    partnerDelivered,
    coordinationOf,
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

  /** Adds `asWhole` when it is a number, else `r` (exact; the two are never both null). */
  add(r: Rational | null, asWhole: number | null, sign: 1 | -1 = 1): void {
    if (asWhole !== null) {
      this.whole += sign * asWhole;
      return;
    }
    if (r === null || r.n === 0n) return;
    this.byDen.set(r.d, (this.byDen.get(r.d) ?? 0n) + (sign === 1 ? r.n : -r.n));
  }

  value(): Rational {
    let total: Rational = fromInt(this.whole);
    for (const [d, n] of this.byDen) total = add(total, { n, d });
    return total;
  }
}

/**
 * The sums over lines that the totals are made of (monthly direct and eligible cost, by level,
 * dimension, category and funder, reach, staff-months). Every term is a whole number of minor units
 * (or an exact rational), so a sum can be kept from one compute to the next: take out the lines
 * that went, add the lines that came, and it is exactly the sum over the lines there are now.
 */
export class TotalsAgg {
  readonly direct: Float64Array;
  readonly eligibleIndirect: Float64Array;
  readonly eligibleContingency: Float64Array;
  /** By index in LEVELS, DIMENSIONS and CATEGORIES (a line with none of those counts in none). */
  readonly byLevel = new Float64Array(LEVELS.length);
  readonly byDimension = new Float64Array(DIMENSIONS.length);
  readonly byCategory = new Float64Array(CATEGORIES.length);
  /**
   * By funder id: the lines' parts [all, eligible for indirect costs, eligible for contingency]. One
   * lookup per id and line (three maps took up to three gets and three sets), read with funderSum.
   */
  private readonly byFunder = new Map<string, Float64Array>();
  communityPeople = new ExactSum();
  nonMigrantPeople = new ExactSum();
  staffMonths = 0;
  /** The contributions summed here, and the generation they were marked with. */
  private members: Contribution[] = [];
  private generation = 0;

  constructor(readonly months: number) {
    this.direct = new Float64Array(months);
    this.eligibleIndirect = new Float64Array(months);
    this.eligibleContingency = new Float64Array(months);
  }

  /** Adds (or takes out) `c`; its months too unless `withMonths` is false (the caller sums them elsewhere). */
  add(c: Contribution, sign: 1 | -1, withMonths = true): void {
    const { line, months: lm } = c;
    const ind = line.eligibleIndirect;
    const cont = line.eligibleContingency;
    const D = withMonths ? Math.min(this.months, lm.length) : 0;
    for (let m = 0; m < D; m++) {
      const a = lm[m] as number;
      if (a === 0) continue;
      const v = sign * a;
      this.direct[m] = (this.direct[m] as number) + v;
      if (ind) this.eligibleIndirect[m] = (this.eligibleIndirect[m] as number) + v;
      if (cont) this.eligibleContingency[m] = (this.eligibleContingency[m] as number) + v;
    }
    const total = sign * c.result.total;
    bumpAt(this.byLevel, LEVEL_AT.get(line.level), total);
    bumpAt(this.byDimension, DIMENSION_AT.get(line.dimension), total);
    bumpAt(this.byCategory, CATEGORY_AT.get(line.category), total);
    const { ids, partAmounts } = c;
    for (let i = 0; i < ids.length; i++) {
      const fid = ids[i] as string;
      const a = sign * (partAmounts === null ? c.result.total : (partAmounts[i] as number));
      let sums = this.byFunder.get(fid);
      if (!sums) {
        sums = new Float64Array(3);
        this.byFunder.set(fid, sums);
      }
      sums[0] = (sums[0] as number) + a;
      if (ind) sums[1] = (sums[1] as number) + a;
      if (cont) sums[2] = (sums[2] as number) + a;
    }
    if (c.reach) {
      this.communityPeople.add(c.reach.people, c.reach.peopleWhole, sign);
      this.nonMigrantPeople.add(c.reach.nonMigrants, c.reach.nonMigrantsWhole, sign);
    }
    this.staffMonths += sign * c.staffMonths;
  }

  /** What the lines gave funder `fid`: all of it (0), the part eligible for indirect costs (1) or for contingency (2). */
  funderSum(fid: string, which: 0 | 1 | 2): number {
    return this.byFunder.get(fid)?.[which] ?? 0;
  }

  /** Back to the empty sum. */
  private clear(): void {
    this.direct.fill(0);
    this.eligibleIndirect.fill(0);
    this.eligibleContingency.fill(0);
    this.byLevel.fill(0);
    this.byDimension.fill(0);
    this.byCategory.fill(0);
    this.byFunder.clear();
    this.communityPeople = new ExactSum();
    this.nonMigrantPeople = new ExactSum();
    this.staffMonths = 0;
  }

  /**
   * For a compute whose contributions are all new (a new context): the sums start again from zero,
   * each contribution is added (add(c, 1, …)) as it is made, in the order of `next`, and adopt(next)
   * ends it. The same additions, in the same order, as update(next) makes.
   */
  restart(): void {
    // Until adopt(), the sums are those of no compute: should this one stop half-way, the next
    // update() starts again from zero too.
    this.partial = true;
    this.members = [];
    this.clear();
  }

  adopt(next: Contribution[]): void {
    this.partial = false;
    const now = this.generation + 1;
    for (let i = 0; i < next.length; i++) (next[i] as Contribution).mark = now;
    this.members = next;
    this.generation = now;
  }

  private partial = false;

  /**
   * Makes this the sum over `next`: a contribution counted in the last generation and still there
   * is left alone, a new one is added, one no longer there is taken out (no set built per compute).
   * When that would take more additions than summing `next` afresh (a model seen for the first
   * time), the sums start again from zero: the same whole numbers, so the same totals.
   */
  update(next: Contribution[], withMonths = true): void {
    const was = this.generation;
    const now = was + 1;
    let kept = 0;
    for (let i = 0; i < next.length; i++) if ((next[i] as Contribution).mark === was) kept++;
    const changes = next.length - kept + (this.members.length - kept);
    if (this.partial || changes > next.length) {
      this.partial = false;
      this.clear();
      for (let i = 0; i < next.length; i++) {
        const c = next[i] as Contribution;
        this.add(c, 1, withMonths);
        c.mark = now;
      }
    } else {
      for (let i = 0; i < next.length; i++) {
        const c = next[i] as Contribution;
        if (c.mark !== was) this.add(c, 1, withMonths);
        c.mark = now;
      }
      for (let i = 0; i < this.members.length; i++) {
        const c = this.members[i] as Contribution;
        if (c.mark !== now) this.add(c, -1, withMonths);
      }
    }
    this.members = next;
    this.generation = now;
  }
}

const positions = (keys: readonly string[]): ReadonlyMap<string, number> => new Map(keys.map((k, i) => [k, i]));
const LEVEL_AT = positions(LEVELS);
const DIMENSION_AT = positions(DIMENSIONS);
const CATEGORY_AT = positions(CATEGORIES);

function bumpAt(sums: Float64Array, at: number | undefined, v: number): void {
  if (at !== undefined) sums[at] = (sums[at] as number) + v;
}

/** The monthly sums of the non-percentage lines, by level: all of them, and those eligible for each overhead. */
export interface OtherLineSums {
  readonly sums: ReadonlyMap<Level, Float64Array>;
  readonly indirect: ReadonlyMap<Level, Float64Array>;
  readonly contingency: ReadonlyMap<Level, Float64Array>;
}

export interface TotalsInput {
  model: Model;
  /** The model's lines in model order. */
  ordered: readonly BudgetLine[];
  /** Each line's plan and amounts, by its index in `ordered`. */
  plans: readonly (LinePlan | undefined)[];
  /** Where each line's contribution is kept (none for percentage lines: theirs are new each time). */
  holders: readonly (ContributionHolder | undefined)[];
  /** The non-percentage lines' monthly sums (kept by the engine: see LevelSums in compute.ts). */
  others: OtherLineSums;
  months: readonly (number[] | undefined)[];
  /** What partners deliver outside the budget of each line, by index (outside.ts); null: nothing. */
  partnerDelivered: ReadonlyMap<number, number> | null;
  /** The coordination lines' synergies, by index (outside.ts); null: none. */
  coordinationOf: ReadonlyMap<number, string> | null;
  cyclic: ReadonlySet<string>;
  series: CaseloadSeries[];
  returneesExact: Rational;
  diagnostics: Diagnostic[];
  caches: TotalsCaches;
  fastPath: boolean;
  /**
   * Every line is new to the engine (a new context): the running sums are rebuilt as the
   * contributions are made (TotalsAgg.restart), not updated after.
   */
  rebuild: boolean;
}

/** Cost per person: an exact division rounded once (THE rule, ties away from zero) to minor units; null for nobody. */
function per(amount: number, people: Rational): number | null {
  return people.n > 0n ? Number(roundHalfAway(rat(BigInt(amount) * people.d, people.n))) : null;
}

/** The people a programme reaches, exactly: returnees assisted, community beneficiaries, non-migrants among them. */
export interface ReachExact {
  returnees: Rational;
  community: Rational;
  nonMigrant: Rational;
}

/** The reach metrics of `reach` for a programme costing `grandTotal` (all in). */
export function reachMetrics(
  grandTotal: number,
  reach: ReachExact,
): Pick<
  Metrics,
  | 'communityBeneficiaries'
  | 'nonMigrantBeneficiaries'
  | 'nonMigrantShare'
  | 'directBeneficiaries'
  | 'costPerBeneficiary'
> {
  const commB = toNumber(reach.community);
  const nmB = toNumber(reach.nonMigrant);
  const directExact = add(reach.returnees, reach.nonMigrant);
  return {
    communityBeneficiaries: commB,
    nonMigrantBeneficiaries: nmB,
    nonMigrantShare: commB > 0 ? nmB / commB : null,
    directBeneficiaries: toNumber(directExact),
    costPerBeneficiary: per(grandTotal, directExact),
  };
}

/** The programme's funding sources in their order, and who gets what a line with no split costs. */
interface Sources {
  funders: Model['funders'];
  funderIds: Set<string>;
  mainDonor: string;
  /** [mainDonor], shared by every line without a split. */
  mainIds: readonly string[];
}

function sourcesOf(model: Model): Sources {
  const funders = [...model.funders].sort((a, b) => a.position - b.position);
  const funderIds = new Set(funders.map((f) => f.id));
  const mainDonor = (funders.find((f) => f.type === 'donor') ?? funders[0])?.id ?? '';
  return { funders, funderIds, mainDonor, mainIds: Object.freeze([mainDonor]) };
}

/** The funders each sum meets, in the order lines first name them (the overheads' split follows it). */
interface FundersSeen {
  all: Set<string>;
  indirect: Set<string>;
  contingency: Set<string>;
  /** Whether some line leaves a part unfunded (key ''), in all and among the eligible lines. */
  unfunded: { all: boolean; indirect: boolean; contingency: boolean };
}

/**
 * Every line's contribution (kept from the last compute when nothing in it changed), in model
 * order: the results (into `lines`), the totals phase's diagnostics, the funders in the order they
 * first appear. The percentage lines' sums go to `fresh`; the others' are kept by `agg`.
 *
 * Decision: the phase is cut into functions of a few dozen lines (this one, monthlySums,
 *   byFunderWithOverheads, caseloadTotals): V8 optimises each apart, so a compute's code is ready
 *   sooner and a change of types in one part recompiles that part only (Monte-Carlo threads start
 *   cold: issue 10's bench cases j and k).
 */
function sumLines(
  input: TotalsInput,
  sources: Sources,
  agg: TotalsAgg,
  fresh: TotalsAgg,
  lines: LineResult[],
  steady: Contribution[],
): FundersSeen {
  const { model, ordered, plans, holders, months, cyclic, diagnostics, caches, rebuild } = input;
  const { funderIds, mainDonor, mainIds, funders } = sources;
  const D = model.programme.durationMonths;
  const shapes = caches.splitShapes;
  const seen: FundersSeen = {
    all: new Set<string>(),
    indirect: new Set<string>(),
    contingency: new Set<string>(),
    unfunded: { all: false, indirect: false, contingency: false },
  };
  const unfunded = seen.unfunded;
  // Funders still to be seen first: a split names only known funders (or the main donor, '' when
  // there are none), so once every one has been seen there is nothing more to look for. What a
  // split leaves unfunded (key '') is looked up on every line: it may come after that point.
  const possible = Math.max(1, funders.length);
  for (let i = 0; i < ordered.length; i++) {
    const line = ordered[i] as BudgetLine;
    const lm = months[i] ?? new Array<number>(D).fill(0);
    const plan = plans[i] as LinePlan;
    const delivered = input.partnerDelivered?.get(i) ?? 0;
    const c = contribution(
      holders[i],
      line,
      lm,
      plan,
      model.funders,
      funderIds,
      mainDonor,
      mainIds,
      shapes,
      delivered,
      input.coordinationOf?.get(i) ?? null,
    );
    if (line.driver.kind === 'percentage') fresh.add(c, 1);
    else {
      steady.push(c);
      if (rebuild) agg.add(c, 1, false);
    }
    if (c.result.total === 0 && delivered === 0 && !cyclic.has(line.id)) {
      diagnostics.push({ severity: 'warning', code: 'line.zeroCost', lineId: line.id });
    }
    if (c.fundingDiagnostics.length > 0) diagnostics.push(...c.fundingDiagnostics);
    if (seen.all.size < possible || seen.indirect.size < possible || seen.contingency.size < possible) {
      for (const fid of c.ids) {
        if (fid === '') continue; // counted below: it is not one of the `possible` sources
        seen.all.add(fid);
        if (line.eligibleIndirect) seen.indirect.add(fid);
        if (line.eligibleContingency) seen.contingency.add(fid);
      }
    }
    if (c.unfunded) {
      unfunded.all = true;
      if (line.eligibleIndirect) unfunded.indirect = true;
      if (line.eligibleContingency) unfunded.contingency = true;
    }
    lines[i] = c.result;
  }
  // The unfunded part (key ''), after the sources: it takes its share of the overheads too.
  if (unfunded.all) seen.all.add('');
  if (unfunded.indirect) seen.indirect.add('');
  if (unfunded.contingency) seen.contingency.add('');
  return seen;
}

/** The direct and eligible cost of each month: the percentage lines' (`fresh`) and the others' by level. */
function monthlySums(
  fresh: Pick<TotalsAgg, 'direct' | 'eligibleIndirect' | 'eligibleContingency'>,
  others: OtherLineSums,
  D: number,
): { direct: number[]; eligibleIndirect: number[]; eligibleContingency: number[] } {
  const direct = new Array<number>(D);
  const eligibleIndirect = new Array<number>(D);
  const eligibleContingency = new Array<number>(D);
  for (let m = 0; m < D; m++) {
    direct[m] = fresh.direct[m] as number;
    eligibleIndirect[m] = fresh.eligibleIndirect[m] as number;
    eligibleContingency[m] = fresh.eligibleContingency[m] as number;
  }
  for (const lv of LEVELS) {
    const all = others.sums.get(lv);
    const ind = others.indirect.get(lv);
    const cont = others.contingency.get(lv);
    for (let m = 0; m < D; m++) {
      direct[m] = (direct[m] as number) + ((all?.[m] ?? 0) as number);
      eligibleIndirect[m] = (eligibleIndirect[m] as number) + ((ind?.[m] ?? 0) as number);
      eligibleContingency[m] = (eligibleContingency[m] as number) + ((cont?.[m] ?? 0) as number);
    }
  }
  return { direct, eligibleIndirect, eligibleContingency };
}

/**
 * The funders' totals: the lines' splits (funders in their order, then any other id a split named),
 * then the indirect costs and contingency, which follow the funders' shares of their eligible base.
 */
function byFunderWithOverheads(
  sources: Sources,
  seen: FundersSeen,
  agg: TotalsAgg,
  fresh: TotalsAgg,
  indirect: readonly number[],
  contingency: readonly number[],
): Record<string, number> {
  const at = (k: string, which: 0 | 1 | 2): number => agg.funderSum(k, which) + fresh.funderSum(k, which);
  const byFunder: Record<string, number> = {};
  for (const f of sources.funders) byFunder[f.id] = at(f.id, 0);
  for (const fid of seen.all) if (!(fid in byFunder)) byFunder[fid] = at(fid, 0);
  const eligibleIndirectByFunder = new Map<string, number>();
  for (const fid of seen.indirect) eligibleIndirectByFunder.set(fid, at(fid, 1));
  const eligibleContingencyByFunder = new Map<string, number>();
  for (const fid of seen.contingency) eligibleContingencyByFunder.set(fid, at(fid, 2));
  for (const [amount, base] of [
    [sum(indirect), eligibleIndirectByFunder],
    [sum(contingency), eligibleContingencyByFunder],
  ] as const) {
    if (amount === 0) continue;
    const ids = [...base.keys()];
    const weights = ids.map((id) => base.get(id) ?? 0);
    const parts =
      allocateSafe(amount, weights) ??
      allocate(
        BigInt(amount),
        weights.map((w) => BigInt(w)),
      ).map(Number);
    ids.forEach((id, i) => {
      byFunder[id] = (byFunder[id] ?? 0) + (parts[i] as number);
    });
  }
  return byFunder;
}

/** The caseload, all profiles together, and its peak (the first month with the most active cases). */
function caseloadTotals(
  series: readonly CaseloadSeries[],
  D: number,
): { arrivals: number[]; active: number[]; cumulative: number[]; peakActiveCases: number; peakMonth: number } {
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
  for (let m = 0; m < D; m++) {
    const a = active[m] as number;
    if (a > peakActiveCases) {
      peakActiveCases = a;
      peakMonth = m + 1;
    }
  }
  return { arrivals, active, cumulative, peakActiveCases, peakMonth };
}

/**
 * What Engine.outcome() needs of the totals phase: the budget's totals, and the results of the lines
 * the synergies read (those some synergy targets, in model order); the caseload as the synergies read
 * it. Every figure in it is the one totalsAndMetrics gives.
 */
export interface BudgetTotals {
  durationMonths: number;
  lines: LineResult[];
  caseload: { profiles: CaseloadSeries[] };
  totals: CostResult['totals'];
}

/**
 * The totals phase for Engine.outcome(): the monthly direct and eligible cost (the other lines' sums
 * the engine keeps, plus the percentage lines'), the overheads, and the totals, as totalsAndMetrics
 * works them out (the percentage lines' months summed as TotalsAgg sums them); a contribution only
 * for the lines `targeted` by a synergy (their results). The engine's running sums over lines (TotalsAgg) are
 * neither read nor changed, so the next full compute updates them as if this one had not happened.
 */
export function budgetTotals(input: TotalsInput, targeted: ReadonlySet<string>): BudgetTotals {
  const { model, ordered, plans, holders, months, others, series, caches, fastPath } = input;
  const { programme } = model;
  const D = programme.durationMonths;
  // The percentage lines' months, as TotalsAgg.add sums them (totalsAndMetrics' `fresh`).
  const fresh = {
    direct: new Float64Array(D),
    eligibleIndirect: new Float64Array(D),
    eligibleContingency: new Float64Array(D),
  };
  const lines: LineResult[] = [];
  let sources: Sources | null = null;
  for (let i = 0; i < ordered.length; i++) {
    const line = ordered[i] as BudgetLine;
    if (line.driver.kind === 'percentage') {
      const lm = months[i];
      const n = lm ? Math.min(D, lm.length) : 0;
      for (let m = 0; m < n; m++) {
        const a = (lm as number[])[m] as number;
        if (a === 0) continue;
        fresh.direct[m] = (fresh.direct[m] as number) + a;
        if (line.eligibleIndirect) fresh.eligibleIndirect[m] = (fresh.eligibleIndirect[m] as number) + a;
        if (line.eligibleContingency) fresh.eligibleContingency[m] = (fresh.eligibleContingency[m] as number) + a;
      }
    }
    if (!targeted.has(line.id)) continue;
    if (!sources) {
      sources = sourcesOf(model);
      caches.splitShapes.useSources(sources.funderIds);
    }
    const c = contribution(
      holders[i],
      line,
      months[i] ?? new Array<number>(D).fill(0),
      plans[i] as LinePlan,
      model.funders,
      sources.funderIds,
      sources.mainDonor,
      sources.mainIds,
      caches.splitShapes,
      input.partnerDelivered?.get(i) ?? 0,
      input.coordinationOf?.get(i) ?? null,
    );
    lines.push(c.result);
  }
  const { direct, eligibleIndirect, eligibleContingency } = monthlySums(fresh, others, D);
  const exclusions = mtdcExclusions(model, ordered, months);
  const { indirect, contingency } = overheads(model, eligibleIndirect, eligibleContingency, exclusions, fastPath);
  const total = direct.map((a, m) => a + (indirect[m] as number) + (contingency[m] as number));
  return {
    durationMonths: D,
    lines,
    caseload: { profiles: series },
    totals: {
      direct: sum(direct),
      directEligibleIndirect: sum(eligibleIndirect),
      directEligibleContingency: sum(eligibleContingency),
      indirect: sum(indirect),
      contingency: sum(contingency),
      total: sum(total),
    },
  };
}

export function totalsAndMetrics(input: TotalsInput): { costs: CostResult; reach: ReachExact } {
  const { model, ordered, others, series, returneesExact, diagnostics, caches } = input;
  const { fastPath } = input;
  const { programme } = model;
  const D = programme.durationMonths;
  const years = Math.ceil(D / 12);
  // 3. Totals, funders, beneficiaries.
  const sources = sourcesOf(model);
  caches.splitShapes.useSources(sources.funderIds);
  const lines = new Array<LineResult>(ordered.length);
  const steady: Contribution[] = [];
  const fresh = new TotalsAgg(D); // percentage lines: their amounts are new at every compute
  // The other lines' sums are kept by the engine from one compute to the next (a one-line edit
  // takes one line out and puts its new self in); the percentage lines' are added afresh. Their
  // months are in `others` already (summed by level for the percentage lines' bases).
  const agg = caches.aggregate(D);
  if (input.rebuild) agg.restart();
  const seen = sumLines(input, sources, agg, fresh, lines, steady);
  if (input.rebuild) agg.adopt(steady);
  else agg.update(steady, false);

  const { direct, eligibleIndirect, eligibleContingency } = monthlySums(fresh, others, D);
  const byLevel = zeroRecord(LEVELS);
  LEVELS.forEach((l, i) => (byLevel[l] = (agg.byLevel[i] as number) + (fresh.byLevel[i] as number)));
  const byDimension = zeroRecord(DIMENSIONS);
  DIMENSIONS.forEach((d, i) => (byDimension[d] = (agg.byDimension[i] as number) + (fresh.byDimension[i] as number)));
  const byCategory: Record<string, number> = zeroRecord(CATEGORIES);
  CATEGORIES.forEach((c, i) => (byCategory[c] = (agg.byCategory[i] as number) + (fresh.byCategory[i] as number)));
  const staffMonths = agg.staffMonths + fresh.staffMonths;
  const communityBeneficiaries = add(agg.communityPeople.value(), fresh.communityPeople.value());
  const nonMigrant = add(agg.nonMigrantPeople.value(), fresh.nonMigrantPeople.value());
  const exclusions = mtdcExclusions(model, ordered, input.months);
  const overheadParts = overheads(model, eligibleIndirect, eligibleContingency, exclusions, fastPath);
  const { indirect, contingency } = overheadParts;
  const total = direct.map((a, m) => a + (indirect[m] as number) + (contingency[m] as number));
  // Decision: the indirect costs are shared among the funders as the direct cost eligible for them
  //   is (as before issue 12), whatever the base: the contingency in an EU base follows the same
  //   lines, and an MTDC exclusion changes how much indirect cost there is, not who pays for it.
  const byFunder = byFunderWithOverheads(sources, seen, agg, fresh, indirect, contingency);

  const byYear = new Array<number>(years).fill(0);
  total.forEach((a, m) => {
    const y = Math.floor(m / 12);
    byYear[y] = (byYear[y] as number) + a;
  });

  const directTotal = sum(direct);
  const grandTotal = sum(total);
  const levelShare = zeroRecord(LEVELS);
  for (const l of LEVELS) levelShare[l as Level] = directTotal === 0 ? 0 : byLevel[l] / directTotal;

  const { arrivals, active, cumulative, peakActiveCases, peakMonth } = caseloadTotals(series, D);
  const reachExact: ReachExact = { returnees: returneesExact, community: communityBeneficiaries, nonMigrant };
  const metrics: Metrics = {
    returneesAssisted: toNumber(returneesExact),
    costPerReturneeIndividual: per(byLevel.individual, returneesExact),
    costPerReturneeAllIn: per(grandTotal, returneesExact),
    ...reachMetrics(grandTotal, reachExact),
    peakActiveCases,
    peakMonth,
    staffMonths,
  };

  const costs: CostResult = {
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
    indirectBase: overheadParts.base,
  };
  return { costs, reach: reachExact };
}
