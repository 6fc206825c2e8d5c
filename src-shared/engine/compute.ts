/**
 * compute(model) -> result: the one pure function behind the screen, the exports, the CLI and the
 * tests (DESIGN §4). No I/O, no clock, no randomness; it never throws on user data and never
 * returns NaN — problems in the model come back as diagnostics on the line they belong to.
 * Limits (src-shared/model/limits.ts, the decisions): a line beyond the largest amount costs
 * nothing (`amount.tooLarge`), a programme beyond it shows no amount (`total.tooLarge`), and a
 * stored decimal longer than the engine reads exactly is read rounded (`value.outOfBounds`).
 *
 * The phases, each in its own file: caseload (caseload.ts), quantities (drivers.ts, plan.ts),
 * amounts (amounts.ts), what partners deliver beside the budget and the coordination it costs
 * (outside.ts), percentages and overheads (percentages.ts), totals and metrics (totals.ts), then
 * what partners cover (synergies.ts) and what the lines yield (outcomes.ts). This file runs them,
 * and keeps what an engine instance reuses between computes.
 *
 * For every line and month: quantity (drivers.ts) × unit cost × inflation factor × exchange rate.
 * - Inflation: factor (1 + i)^(year − 1) with i the annual rate of the line's currency (the
 *   reporting currency's is programme.inflation), from programme year 2 on.
 * - Exchange: a local currency's rate for programme year y is the number of local units for one
 *   reporting unit (rates[y − 1]; years past the last rate given use the last one).
 *
 * THE rounding rule: every money value is exact (a rational) until it becomes minor units of the
 * reporting currency, and it becomes so once, to the nearest minor unit with ties away from zero
 * (roundHalfAway: Regulation (EC) No 1103/97 art. 5, and spreadsheets' ROUND). For a line, the
 * running total is rounded at each month and the month's amount is the step between two rounded
 * running totals. Each line-month is thus rounded once, is within one minor unit of its exact
 * value, and a line's months add up to its exact total so rounded (10 units spread over 3 months
 * cost exactly 10 × the unit cost). Percentage lines, indirect costs and contingency are computed per
 * month the same way from rounded amounts. Every total is a sum of these rounded line-months, so
 * the screen, the exports and the CLI reconcile to the cent.
 *
 * Funding: a line's total is split across its funding sources by largest remainder (the parts add
 * up to the line). An empty split means 100 % to the main donor (the first source of type donor,
 * else the first source). Shares that do not sum to 1 are used as relative weights and flagged
 * (`funding.sum`). Indirect costs and contingency follow the split of the lines they are computed
 * on (largest remainder over the funders' shares of the eligible base).
 */
import type { BudgetLine, Driver, Level, Model } from '../model';
import { currencyFactors, planAmounts, roundRunning } from './amounts';
import { buildCaseload } from './caseload';
import { type CaseloadIndex, planQuantities } from './drivers';
import { computePercentages } from './percentages';
import { type LinePlan, PlanBuilder, planFloats, planTotal } from './plan';
import type { ComputeResult, Diagnostic } from './result';
import { computeOutcomes } from './outcomes';
import { outsideBudget, withCoordination } from './outside';
import { computeSynergies, fundByPartners, type OutsideState, synergyNet } from './synergies';
import {
  amountsTotal,
  budgetTotals,
  type Contribution,
  hasReach,
  type OtherLineSums,
  reachMetrics,
  SplitShapes,
  TotalsAgg,
  type TotalsInput,
  totalsAndMetrics,
} from './totals';
import { add, fromInt, type Rational, readsExactly } from '../money';
import { LEVELS, MAX_AMOUNT } from '../model';

export { roundRunning };

/**
 * One line's quantities and amounts depend only on the line, the programme, the profiles and the
 * currencies. Models are immutable values and the UI keeps unchanged parts identical between
 * edits, so an entry kept for the line object is reused while those three are the same objects:
 * an edit to one line recomputes that line only (plus percentage lines and totals). The result is
 * the same as without the cache; nothing in it depends on time or order.
 *
 * The entries are kept by context (LineContext: those three objects), for up to SLOTS contexts
 * (most recent first), so that a baseline and its scenarios, computed in turn by the same engine,
 * each find their own. One small map per context rather than one map of every line of every
 * context: a model's lines are looked up in a table the size of the model.
 */
interface LineCacheEntry extends LinePlan {
  /** The line it was computed for: an entry is reused only for that very object (see LineContext). */
  line: BudgetLine;
  /** (The line's LinePlan is the entry itself: one object fewer kept per line.) */
  amounts: number[];
  /** Σ amounts (totals.ts's amountsTotal), summed here while the amounts are in the CPU's cache. */
  amountsTotal: number;
  diagnostics: readonly Diagnostic[];
  /** The line's level and eligibility (its amounts count in those sums). */
  level: Level;
  eligibleIndirect: boolean;
  eligibleContingency: boolean;
  /** The generation of the engine's level sums this entry was last counted in (LevelSums). */
  mark: number;
  /** What the line adds to the totals in this context (totals.ts keeps it here). */
  contribution: Contribution | null;
}
const SLOTS = 6;

/** The lines computed with one programme, profiles and currencies (the same objects). */
interface LineContext {
  programme: Model['programme'];
  profiles: Model['profiles'];
  currencies: Model['currencies'];
  /**
   * The entries by line id, each reused only for the line object it was computed for. A Map, not a
   * WeakMap keyed by the line: a WeakMap's entries are ephemerons, which the collector must iterate
   * to a fixed point at every full collection (in the benchmark's process, 46 ms of a 52 ms pause,
   * with a WeakMap of 2,000 lines per context and one of profile choices by line). An entry
   * keeps its line, so the lines of a context's programme live as long as the context does (at most
   * `slots` of them); a line deleted stays until then, a line edited replaces its id's entry.
   */
  lines: Map<string, LineCacheEntry>;
}

/** What one engine instance remembers between computes (see createEngine). */
interface EngineCaches {
  /** The contexts lines were computed in, most recent first (at most `slots`). */
  contexts: LineContext[];
  slots: number;
  fastPath: boolean;
  /** Running sums over the last compute's lines (totals.ts): an edit updates them, line by line. */
  totals: TotalsAgg | null;
  /** The same for the percentage lines' bases: each level's non-percentage lines, month by month. */
  levels: LevelSums | null;
  /**
   * Where each line's quantity plan is built (a PlanBuilder of durationMonths months). Reuse rule: a
   * plan built on it is read only while its line is computed (its amounts, and what its cache entry
   * copies); the next line's plan overwrites it, and begin() zeroes it first.
   */
  builder: PlanBuilder | null;
  /** A line's diagnostics while it is computed (emptied before each line; copied when not empty). */
  lineDiagnostics: Diagnostic[];
  /** Funding splits' shapes by their text (totals.ts). */
  splitShapes: SplitShapes;
}

/** No diagnostics (shared by every line that has none: it is never written to). */
const NONE: readonly Diagnostic[] = Object.freeze([]);

/**
 * Each level's monthly sums over the lines of the last compute (their cache entries), kept up to
 * date by marking: an entry counted in the last generation and still there is left alone; a new
 * one is added; one no longer there is taken out. No set is built per compute.
 */
class LevelSums implements OtherLineSums {
  readonly sums = new Map<Level, Float64Array>();
  readonly indirect = new Map<Level, Float64Array>();
  readonly contingency = new Map<Level, Float64Array>();
  private members: LineCacheEntry[] = [];
  private generation = 0;
  private partial = false;

  constructor(readonly months: number) {
    for (const lv of LEVELS) {
      this.sums.set(lv, new Float64Array(months));
      this.indirect.set(lv, new Float64Array(months));
      this.contingency.set(lv, new Float64Array(months));
    }
  }

  private add(e: LineCacheEntry, sign: 1 | -1): void {
    const s = this.sums.get(e.level) as Float64Array;
    const ind = e.eligibleIndirect ? (this.indirect.get(e.level) as Float64Array) : null;
    const cont = e.eligibleContingency ? (this.contingency.get(e.level) as Float64Array) : null;
    const lm = e.amounts;
    const D = Math.min(this.months, lm.length);
    // One loop per sum, without a test inside (each sum gets the same additions in the same order).
    addInto(s, lm, D, sign);
    if (ind) addInto(ind, lm, D, sign);
    if (cont) addInto(cont, lm, D, sign);
  }

  /**
   * For a compute whose entries are all new (a new context): the sums start again from zero, each
   * entry is added by addNew() as it is made (its amounts still in the CPU's cache), in the order of
   * `next`, and adopt(next) ends it. The same additions, in the same order, as update(next) makes.
   */
  restart(): void {
    // Until adopt(), the sums are those of no compute: should this compute stop half-way (it never
    // throws on user data, but), the next update() starts again from zero too.
    this.partial = true;
    this.members = [];
    for (const lv of LEVELS) {
      (this.sums.get(lv) as Float64Array).fill(0);
      (this.indirect.get(lv) as Float64Array).fill(0);
      (this.contingency.get(lv) as Float64Array).fill(0);
    }
  }

  addNew(e: LineCacheEntry): void {
    this.add(e, 1);
  }

  adopt(next: LineCacheEntry[]): void {
    this.partial = false;
    const now = this.generation + 1;
    for (let i = 0; i < next.length; i++) (next[i] as LineCacheEntry).mark = now;
    this.members = next;
    this.generation = now;
  }

  /**
   * Makes the sums those of `next` (the non-percentage lines' entries of this compute). When that
   * would take more additions than summing `next` afresh (a model seen for the first time), the
   * sums start again from zero: the same whole numbers, so the same sums.
   */
  update(next: LineCacheEntry[]): void {
    const was = this.generation;
    const now = was + 1;
    let kept = 0;
    for (let i = 0; i < next.length; i++) if ((next[i] as LineCacheEntry).mark === was) kept++;
    if (this.partial || next.length - kept + (this.members.length - kept) > next.length) {
      this.restart();
      this.partial = false;
      for (let i = 0; i < next.length; i++) {
        const e = next[i] as LineCacheEntry;
        this.add(e, 1);
        e.mark = now;
      }
    } else {
      for (let i = 0; i < next.length; i++) {
        const e = next[i] as LineCacheEntry;
        if (e.mark !== was) this.add(e, 1);
        e.mark = now;
      }
      for (let i = 0; i < this.members.length; i++) {
        const e = this.members[i] as LineCacheEntry;
        if (e.mark !== now) this.add(e, -1);
      }
    }
    this.members = next;
    this.generation = now;
  }
}

/** sums[m] += sign × amounts[m] for the first D months (a month of 0 adds nothing). */
function addInto(sums: Float64Array, amounts: readonly number[], D: number, sign: 1 | -1): void {
  for (let m = 0; m < D; m++) {
    const a = amounts[m] as number;
    if (a !== 0) sums[m] = (sums[m] as number) + sign * a;
  }
}

/** The context of `model` (its programme, profiles and currencies), made first; a new one evicts the oldest. */
function contextOf(contexts: LineContext[], model: Model): LineContext | null {
  for (let i = 0; i < contexts.length; i++) {
    const c = contexts[i] as LineContext;
    if (c.programme === model.programme && c.profiles === model.profiles && c.currencies === model.currencies) {
      if (i > 0) {
        contexts.splice(i, 1);
        contexts.unshift(c);
      }
      return c;
    }
  }
  return null;
}

function newContext(contexts: LineContext[], model: Model, slots: number): LineContext {
  const c: LineContext = {
    programme: model.programme,
    profiles: model.profiles,
    currencies: model.currencies,
    lines: new Map(),
  };
  contexts.unshift(c);
  while (contexts.length > slots) letGo(contexts.pop() as LineContext);
  return c;
}

/**
 * An evicted context's entries let go of their lines' contributions (their results and funding
 * splits). The entries are often in the old generation (V8 allocates them there once it sees them
 * live long) and the contributions in the young one: a young object that an old one points at is
 * kept by every minor collection until a full one, dead or not. Unlinked, the last compute's results
 * die young instead of being copied: each minor collection during computes of the bench's 2,000-line
 * programme copied 4.8–5.3 MB before, 3.5–5 MB after (node --trace-gc-nvp, new_space_survived; it
 * varies from run to run with what V8 pretenures).
 */
function letGo(context: LineContext): void {
  for (const e of context.lines.values()) e.contribution = null;
}

/** The diagnostic of a line whose amounts exceed MAX_AMOUNT (limits.ts). */
function tooLarge(lineId: string): Diagnostic {
  return { severity: 'error', code: 'amount.tooLarge', lineId, params: { max: MAX_AMOUNT } };
}

/**
 * The first decimal of `line` that dec() cannot read exactly (limits.ts), as the diagnostic's params.
 * Runs once per line and compute: nothing is allocated unless a value is beyond the bounds (the
 * fields are read in place; their names are built only for the diagnostic).
 */
function unreadValue(line: BudgetLine): { field: string; value: string } | null {
  return driverUnread(line.driver) ?? lineValuesUnread(line);
}

/**
 * unreadValue for the driver's decimals, in the order of its schema (model.ts; its other strings are
 * short enums). A switch, not a loop over the driver's keys: for…in over seven shapes of drivers cost
 * more than every other check here together.
 */
function driverUnread(d: Driver): { field: string; value: string } | null {
  switch (d.kind) {
    case 'fixed':
    case 'perActiveCase':
    case 'perCommunity':
      return unreadOf('driver.quantity', d.quantity);
    case 'perArrival':
      return unreadOf('driver.quantity', d.quantity) ?? unreadOf('driver.takeUp', d.takeUp);
    case 'staffing':
      return unreadOf('driver.casesPerStaff', d.casesPerStaff);
    case 'perProject':
      return unreadOf('driver.returneesPerProject', d.returneesPerProject);
    case 'percentage':
      return unreadOf('driver.rate', d.rate);
  }
  return null;
}

/**
 * `field` as a value.outOfBounds diagnostic's params when `v` is a decimal dec() cannot read
 * exactly; null otherwise (a value that is not a string is not this check's to judge: the schema's).
 */
function unreadOf(field: string, v: unknown): { field: string; value: string } | null {
  return typeof v === 'string' && !readsExactly(v) ? unread(field, v) : null;
}

/** unreadValue for the line's own decimals (after its driver's). */
function lineValuesUnread(line: BudgetLine): { field: string; value: string } | null {
  if (!readsExactly(line.beneficiariesPerUnit)) return unread('beneficiariesPerUnit', line.beneficiariesPerUnit);
  if (!readsExactly(line.nonMigrantShare)) return unread('nonMigrantShare', line.nonMigrantShare);
  const o = line.outputs;
  if (!readsExactly(o.businesses)) return unread('outputs.businesses', o.businesses);
  if (!readsExactly(o.jobs)) return unread('outputs.jobs', o.jobs);
  if (!readsExactly(o.people)) return unread('outputs.people', o.people);
  const funding = line.funding;
  for (let i = 0; i < funding.length; i++) {
    const share = (funding[i] as BudgetLine['funding'][number]).share;
    if (!readsExactly(share)) return unread(`funding.${i}.share`, share);
  }
  return null;
}

/** What a value.outOfBounds diagnostic shows: the field, and the start of the value. */
function unread(field: string, value: string): { field: string; value: string } {
  return { field, value: value.length > 24 ? `${value.slice(0, 24)}…` : value };
}

/** value.outOfBounds for the programme's, the currencies' and the profiles' decimals (lineId null). */
function modelValuesUnread(model: Model): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (field: string, v: string | undefined): void => {
    if (v !== undefined && !readsExactly(v)) {
      out.push({ severity: 'error', code: 'value.outOfBounds', lineId: null, params: unread(field, v) });
    }
  };
  const p = model.programme;
  check('programme.inflation', p.inflation);
  check('programme.indirectRate', p.indirectRate);
  check('programme.contingencyRate', p.contingencyRate);
  check('programme.usNicra.rate', p.usNicra?.rate);
  for (const c of model.currencies) {
    check(`${c.code}.inflation`, c.inflation);
    c.rates.forEach((r, i) => check(`${c.code}.rates.${i}`, r));
  }
  for (const pr of model.profiles) check(`${pr.name}.personsPerUnit`, pr.personsPerUnit);
  return out;
}

/** A line's quantities and amounts, as its cache entry (its diagnostics go to `diagnostics`). */
function computeLine(
  line: BudgetLine,
  model: Model,
  caseload: CaseloadIndex,
  factors: Map<string, (Rational | null)[]>,
  diagnostics: Diagnostic[],
  fastPath: boolean,
  builder: PlanBuilder,
): LineCacheEntry {
  const D = model.programme.durationMonths;
  const built = planQuantities(line, model, caseload, diagnostics, builder);
  const f = factors.get(line.currency);
  let amounts: number[];
  let total: number | undefined;
  if (!f) {
    diagnostics.push({
      severity: 'error',
      code: 'currency.unknown',
      lineId: line.id,
      params: { currency: line.currency },
    });
    amounts = new Array<number>(D).fill(0);
  } else {
    const computed = planAmounts(built, f, line.unitCost, fastPath);
    amounts = computed.amounts;
    total = computed.total;
    if (computed.missingRate) {
      diagnostics.push({
        severity: 'error',
        code: 'currency.noRate',
        lineId: line.id,
        params: { currency: line.currency },
      });
    }
  }
  let sum = total ?? amountsTotal(amounts);
  if (!(sum <= MAX_AMOUNT)) {
    // Beyond the largest amount (limits.ts), or not a number at all: the line costs nothing, and says so.
    diagnostics.push(tooLarge(line.id));
    amounts = new Array<number>(D).fill(0);
    sum = 0;
  }
  const unread = unreadValue(line);
  if (unread) diagnostics.push({ severity: 'error', code: 'value.outOfBounds', lineId: line.id, params: unread });
  // What the entry keeps of the plan (LinePlan): `built` reads the builder's buffer, the entry never does.
  return {
    line,
    derivation: built.derivation,
    quantities: planFloats(built),
    total: hasReach(line) ? planTotal(built) : null,
    amounts,
    amountsTotal: sum,
    diagnostics: NONE,
    level: line.level,
    eligibleIndirect: line.eligibleIndirect,
    eligibleContingency: line.eligibleContingency,
    mark: -1,
    contribution: null,
  };
}

export interface EngineOptions {
  /**
   * Round amounts in doubles where that is exact by proof (amounts.ts); true by default. False
   * computes every month in bigint: the reference the fast path is tested against.
   */
  fastPath?: boolean;
  /**
   * How many contexts (programme, profiles and currencies) the engine keeps lines for (default
   * SLOTS: a baseline and its scenarios in turn). A Monte-Carlo run, whose draws each move the
   * caseload or the rates, keeps fewer: a kept context would only hold memory the collector must
   * then copy.
   */
  contexts?: number;
}

/** The two figures a sensitivity or Monte-Carlo run reads of a programme (sensitivity.ts, montecarlo.ts). */
export interface TotalAndNet {
  /** The total with overheads: ComputeResult.totals.total. */
  total: number;
  /** The net cost asked of the donor: ComputeResult.synergies.totals.net. */
  net: number;
}

/** An engine: `compute` with caches of its own (nothing is shared between two engines). */
export interface Engine {
  compute(model: Model): ComputeResult;
  /**
   * compute(model)'s total and net cost, and nothing else: the same phases up to the overheads and
   * the synergies, without what only the full result holds (each line's result and funding split,
   * the sums by level, funder and category, the metrics, what partners pay and what lines yield).
   * Exactly compute(model).totals.total and .synergies.totals.net (tests/unit/engine-outcome.test.ts).
   */
  outcome(model: Model): TotalAndNet;
}

/**
 * A new engine. Its caches belong to it: the renderer's worker, main's jobs and each test make
 * their own, and a baseline and its scenarios computed in turn by one engine each keep their
 * lines' amounts (up to SLOTS contexts), so alternating them recomputes only what differs.
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const caches: EngineCaches = {
    contexts: [],
    slots: Math.max(1, Math.floor(options.contexts ?? SLOTS)),
    fastPath: options.fastPath ?? true,
    totals: null,
    levels: null,
    builder: null,
    lineDiagnostics: [],
    splitShapes: new SplitShapes(),
  };
  const compute = (model: Model): ComputeResult => {
    const result = computeOnce(model);
    if (result.totals.total <= MAX_AMOUNT) return result;
    // Beyond the largest amount (limits.ts): the sums may no longer be exact, so no amount is shown.
    // The same programme costing nothing (no unit cost; no partner programme either should that not
    // do), with this compute's diagnostics and the one that says why.
    let zeroed = computeOnce(costingNothing(model, false));
    if (!(zeroed.totals.total <= MAX_AMOUNT)) zeroed = computeOnce(costingNothing(model, true));
    zeroed.diagnostics = [...result.diagnostics, TOTAL_TOO_LARGE];
    return zeroed;
  };
  const computeOnce = (model: Model): ComputeResult => {
    // The costs, then what partners cover of them and who pays it (synergies.ts): one result.
    const { result, outside } = computeWith(caches, model, totalsAndMetrics);
    const { costs, reach } = result;
    const synergies = computeSynergies(model, model.partners, model.synergies, costs, outside);
    // Community projects opened to all reach more people at the same cost (synergies.ts): they
    // count in the reach metrics, as non-migrant community beneficiaries.
    const added = synergies.totals.addedBeneficiaries;
    if (added > 0) {
      costs.metrics = {
        ...costs.metrics,
        ...reachMetrics(costs.totals.total, {
          returnees: reach.returnees,
          community: add(reach.community, fromInt(added)),
          nonMigrant: add(reach.nonMigrant, fromInt(added)),
        }),
      };
    }
    const funded = fundByPartners(costs, new Set(model.funders.map((f) => f.id)), model.synergies, synergies);
    const outcomes = computeOutcomes(model, costs);
    return funded ? { ...costs, ...funded, synergies, outcomes } : Object.assign(costs, { synergies, outcomes });
  };
  const outcomeOnce = (model: Model): TotalAndNet => {
    // The same phases; the totals phase gives only the budget's totals and the results of the
    // lines the synergies read (budgetTotals), and the synergies run as in compute().
    const targeted = new Set<string>();
    for (const s of model.synergies) for (const id of s.lineIds) targeted.add(id);
    const { result: costs, outside } = computeWith(caches, model, (input) => budgetTotals(input, targeted));
    return { total: costs.totals.total, net: synergyNet(model, model.partners, model.synergies, costs, outside) };
  };
  return {
    compute,
    outcome: (model) => {
      // As compute() does beyond the largest amount (limits.ts).
      const o = outcomeOnce(model);
      if (o.total <= MAX_AMOUNT) return o;
      const zeroed = outcomeOnce(costingNothing(model, false));
      return zeroed.total <= MAX_AMOUNT ? zeroed : outcomeOnce(costingNothing(model, true));
    },
  };
}

/** The programme-level diagnostic of a total beyond MAX_AMOUNT (limits.ts). */
const TOTAL_TOO_LARGE: Diagnostic = Object.freeze({
  severity: 'error',
  code: 'total.tooLarge',
  lineId: null,
  params: Object.freeze({ max: MAX_AMOUNT }),
});

/** `model` with no unit cost on any line (and, with `noPartners`, no synergies): it costs nothing. */
function costingNothing(model: Model, noPartners: boolean): Model {
  return {
    ...model,
    lines: model.lines.map((l) => (l.unitCost === 0 ? l : { ...l, unitCost: 0 })),
    ...(noPartners ? { synergies: [] } : {}),
  };
}

/**
 * The module's own engine keeps one context: its callers (the CLI, the checks' tests, one-off
 * computes) compute one programme, or one after another, never a baseline and its scenarios in
 * turn (those make an engine of their own: compare.ts, sensitivity.ts, the workers). With more, the
 * lines of the programmes computed before stayed in memory for nothing, and the collector copied
 * and traced them (about 0.5 ms per full compute of the 2,000-line programme; npm run bench, case a).
 */
const defaultEngine = createEngine({ contexts: 1 });

/** compute() on the module's own engine (the CLI, the checks' tests, one-off computes). */
export function compute(model: Model): ComputeResult {
  return defaultEngine.compute(model);
}

const LEVEL_INDEX: Readonly<Record<string, number>> = Object.fromEntries(LEVELS.map((l, i) => [l, i]));

/** The last order sorted by inModelOrder: the lines' levels and positions, and the order found. */
interface SortedOrder {
  level: Float64Array;
  position: Float64Array;
  at: number[];
}
let lastOrder: SortedOrder | null = null;

/**
 * The lines by level, then position: the model's own order, which is checked (O(n)) before sorting.
 * A list whose levels and positions are those of the last one sorted (the same programme with some
 * lines changed: a scenario, a Monte-Carlo draw) takes the order found then: sort is stable and
 * compares only those, so it is the order sorting would give.
 */
function inModelOrder(lines: readonly BudgetLine[]): readonly BudgetLine[] {
  let prev = lines[0];
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i] as BudgetLine;
    const p = prev as BudgetLine;
    if (l.level !== p.level ? (LEVEL_INDEX[l.level] ?? 0) < (LEVEL_INDEX[p.level] ?? 0) : l.position < p.position) {
      // Each line's level index read once (not twice per comparison); the same comparison, and
      // sort is stable, so the same order as sorting the lines themselves.
      const n = lines.length;
      const level = new Float64Array(n);
      const position = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const x = lines[k] as BudgetLine;
        level[k] = LEVEL_INDEX[x.level] ?? 0;
        position[k] = x.position;
      }
      const known = lastOrder;
      let at: number[];
      if (known && sameKeys(known, level, position)) at = known.at;
      else {
        at = new Array<number>(n);
        for (let k = 0; k < n; k++) at[k] = k;
        at.sort(
          (a, b) => (level[a] as number) - (level[b] as number) || (position[a] as number) - (position[b] as number),
        );
        lastOrder = { level, position, at };
      }
      const out = new Array<BudgetLine>(n);
      for (let k = 0; k < n; k++) out[k] = lines[at[k] as number] as BudgetLine;
      return out;
    }
    prev = l;
  }
  return lines;
}

function sameKeys(known: SortedOrder, level: Float64Array, position: Float64Array): boolean {
  if (known.level.length !== level.length) return false;
  for (let k = 0; k < level.length; k++) {
    if (known.level[k] !== level[k] || known.position[k] !== position[k]) return false;
  }
  return true;
}

/**
 * The phases up to the totals (caseload, quantities, amounts, what partners deliver outside the
 * budget, percentage lines), then `totals` on what they give: the full totals phase for compute(),
 * the budget's totals only for outcome().
 */
function computeWith<T>(
  caches: EngineCaches,
  model: Model,
  totals: (input: TotalsInput) => T,
): { result: T; outside: OutsideState | null } {
  const D = model.programme.durationMonths;
  const diagnostics: Diagnostic[] = modelValuesUnread(model);
  // Caseload.
  const { index: caseload, series, persons: returneesExact } = buildCaseload(model);
  const factors = currencyFactors(model);

  const ordered = inModelOrder(model.lines);
  // Each line's plan and amounts, by its index in `ordered`.
  const plans = new Array<LinePlan | undefined>(ordered.length);
  const months = new Array<number[] | undefined>(ordered.length);
  const entries: LineCacheEntry[] = [];
  const holders = new Array<LineCacheEntry | undefined>(ordered.length);
  if (caches.builder?.months !== D) caches.builder = new PlanBuilder(D);
  const builder = caches.builder;
  const known = contextOf(caches.contexts, model);
  const context = known ?? newContext(caches.contexts, model, caches.slots);
  // The monthly sums of each level's lines so far (a percentage line's base), kept by the engine from
  // one compute to the next: an edit takes one line's months out and puts its new ones in. In a new
  // context every line is new: the sums are rebuilt as the lines are computed (LevelSums.restart).
  const levels = caches.levels?.months === D ? caches.levels : (caches.levels = new LevelSums(D));
  const rebuild = known === null;
  if (rebuild) {
    levels.restart();
    caches.totals?.restart();
  }

  // Quantities and amounts of every line that is not a percentage line (reused from an earlier
  // compute when neither the line nor what it depends on has changed: see LineCacheEntry).
  for (let i = 0; i < ordered.length; i++) {
    const line = ordered[i] as BudgetLine;
    if (line.driver.kind === 'percentage') continue;
    const kept = context.lines.get(line.id);
    const cached = kept?.line === line ? kept : undefined;
    if (cached) {
      entries.push(cached);
      if (rebuild) levels.addNew(cached);
      holders[i] = cached;
      plans[i] = cached;
      months[i] = cached.amounts;
      if (cached.diagnostics.length > 0) diagnostics.push(...cached.diagnostics);
      continue;
    }
    const lineDiagnostics = caches.lineDiagnostics;
    lineDiagnostics.length = 0;
    const entry = computeLine(line, model, caseload, factors, lineDiagnostics, caches.fastPath, builder);
    months[i] = entry.amounts;
    if (lineDiagnostics.length > 0) {
      entry.diagnostics = lineDiagnostics.slice();
      diagnostics.push(...entry.diagnostics);
    }
    entries.push(entry);
    if (rebuild) levels.addNew(entry);
    holders[i] = entry;
    plans[i] = entry;
    context.lines.set(line.id, entry);
  }

  if (rebuild) levels.adopt(entries);
  else levels.update(entries);
  // What partners deliver themselves leaves the budget, and referrals' coordination enters it,
  // before anything is computed on the budget (outside.ts).
  const outside = outsideBudget(model, ordered, plans, months, series, levels);
  const others = outside?.others ?? levels;
  // Percentage lines, in dependency order; cycles cost nothing and are flagged.
  const cyclic = computePercentages(ordered, D, plans, months, diagnostics, caches.fastPath, others.sums);
  // The coordination lines join the others (by level); with none, the lines keep their indexes.
  const all =
    outside && outside.coordination.size > 0 ? withCoordination(outside, ordered, plans, months, holders) : null;

  // Totals, funders, beneficiaries, metrics.
  const result = totals({
    model,
    ordered: all?.ordered ?? ordered,
    plans: all?.plans ?? plans,
    months: all?.months ?? months,
    cyclic,
    series,
    returneesExact,
    diagnostics,
    holders: all?.holders ?? holders,
    partnerDelivered: all?.delivered ?? outside?.delivered ?? null,
    coordinationOf: all?.coordinationOf ?? null,
    others,
    caches: {
      aggregate: (months) => {
        if (caches.totals?.months !== months) caches.totals = new TotalsAgg(months);
        return caches.totals;
      },
      splitShapes: caches.splitShapes,
    },
    fastPath: caches.fastPath,
    rebuild,
  });
  return { result, outside: outside?.state ?? null };
}
