/**
 * The budget without what partners deliver themselves (DESIGN §5, "Inside or outside the budget").
 * A phase between the lines' amounts and the percentage lines: the synergies outside the budget
 * (referral, public service; synergies.ts) are run on the gross of the lines they target, then
 *
 * - each such line's budget amounts are its gross less what partners deliver of it: the covered
 *   value is reported beside the budget (LineResult.partnerDelivered, the synergies' results),
 *   never in its totals;
 * - the coordination costs of referrals enter the budget as lines of their own (one per referral
 *   synergy with a cost; LineResult.coordinationOf), funded and counted like any line;
 *
 * and the percentage lines, indirect costs, contingency, totals and metrics are all computed on
 * that budget. covered + net = gross still holds for every line-month (the synergies' results keep
 * the gross), and the budget's direct cost = Σ gross − covered outside + coordination.
 *
 * Decision: a coordination line takes the level and dimension of its synergy's first target line
 *   that exists (the service the referral stands for in the budget; the individual level and the
 *   economic dimension when none does); it is a service (category 'services', never staff-months
 *   nor reach), funded by the main donor (an empty split), eligible for indirect costs and
 *   contingency, as the programme's own work.
 * Decision: a line whose budget amount falls to 0 because partners deliver all of it is not
 *   flagged as costing nothing (line.zeroCost): partners deliver it.
 */
import { type BudgetLine, type Level, LEVELS, type Model, NO_OUTPUTS, type Synergy } from '../model';
import type { LinePlan } from './plan';
import type { CaseloadSeries } from './result';
import { hasOutside, type OutsideState, outsideSynergies, type SourceLine, synergyTargets } from './synergies';
import type { OtherLineSums } from './totals';

/** A referral's coordination cost, as a line of the budget. */
interface CoordinationLine {
  line: BudgetLine;
  plan: LinePlan;
  months: number[];
  synergyId: string;
}

/** What the phase changed: the lines' budget amounts, the coordination lines, the adjusted sums. */
export interface OutsideBudget {
  state: OutsideState;
  /** Partners' outside delivery per line index in the costs phase's order (only lines they deliver some of). */
  delivered: Map<number, number>;
  /** The coordination lines, by level. */
  coordination: Map<Level, CoordinationLine[]>;
  /** The non-percentage lines' monthly sums by level, as the budget holds them. */
  others: OtherLineSums;
}

/** The lines with the coordination lines after their level's last line (see withCoordination). */
export interface WithCoordination<H> {
  ordered: BudgetLine[];
  plans: (LinePlan | undefined)[];
  months: (number[] | undefined)[];
  holders: (H | undefined)[];
  /** Partners' outside delivery, by index in `ordered`. */
  delivered: Map<number, number>;
  /** Each coordination line's synergy, by index in `ordered`. */
  coordinationOf: Map<number, string>;
}

/** Synthetic line ids: "coordination:" + the synergy's id (no stored id has a colon). */
export const COORDINATION_PREFIX = 'coordination:';

/**
 * Runs the phase on the costs phase's lines (by index in `ordered`; percentage lines not computed
 * yet). Changes `months` of the lines partners deliver some of (new arrays; the engine's cached
 * amounts are never written). null when the programme has no synergy outside the budget.
 */
export function outsideBudget(
  model: Model,
  ordered: readonly BudgetLine[],
  plans: readonly (LinePlan | undefined)[],
  months: (number[] | undefined)[],
  series: readonly CaseloadSeries[],
  levels: OtherLineSums,
): OutsideBudget | null {
  const D = model.programme.durationMonths;
  // (No synergy outside the budget: nothing to look up; outsideSynergies would say null.)
  if (!hasOutside(model.synergies)) return null;
  // The lines the synergies target, worked out once: the outside stage's state keeps them, and
  // computeSynergies reads the inside stage's lines with them.
  const targets = synergyTargets(model.synergies);
  const targeted = targets.targeted;
  const indexOf = new Map<string, number>();
  for (let i = 0; i < ordered.length; i++) {
    const id = (ordered[i] as BudgetLine).id;
    if (targeted.has(id)) indexOf.set(id, i);
  }
  const lineOf = (id: string): SourceLine | undefined => {
    const i = indexOf.get(id);
    if (i === undefined || (ordered[i] as BudgetLine).driver.kind === 'percentage') return undefined;
    const lm = months[i];
    const plan = plans[i];
    if (!lm || !plan) return undefined;
    return { months: lm, quantities: plan.quantities, beneficiaries: 0, nonMigrantBeneficiaries: 0 };
  };
  const state = outsideSynergies(model, { durationMonths: D, caseload: { profiles: series } }, lineOf, targets);
  if (!state) return null;

  const sums = new Adjusted(levels, D);
  const delivered = deliveredByPartners(state, indexOf, ordered, months, sums, D);
  const extra = coordinationLines(model, state, indexOf, ordered, sums, D);
  return { state, delivered, coordination: extra, others: sums.result() };
}

/**
 * What partners deliver of each line outside the budget, by index in `ordered`: the line's budget
 * amounts become its net (a new array in `months`), and the sums lose what they deliver.
 */
function deliveredByPartners(
  state: OutsideState,
  indexOf: ReadonlyMap<string, number>,
  ordered: readonly BudgetLine[],
  months: (number[] | undefined)[],
  sums: Adjusted,
  D: number,
): Map<number, number> {
  const delivered = new Map<number, number>();
  for (const [id, l] of state.lines) {
    const i = indexOf.get(id);
    if (i === undefined) continue;
    let total = 0;
    for (let m = 0; m < D; m++) total += l.coveredOutside[m] as number;
    if (total === 0) continue;
    const line = ordered[i] as BudgetLine;
    // After the outside stage, net = gross − what partners deliver: the line's budget amounts.
    months[i] = l.net.slice();
    delivered.set(i, total);
    sums.add(line, l.coveredOutside, -1);
  }
  return delivered;
}

/** The referrals' coordination costs as lines of the budget, by level (added to the sums). */
function coordinationLines(
  model: Model,
  state: OutsideState,
  indexOf: ReadonlyMap<string, number>,
  ordered: readonly BudgetLine[],
  sums: Adjusted,
  D: number,
): Map<Level, CoordinationLine[]> {
  // Coordination lines, after the last line of their level.
  const extra = new Map<Level, CoordinationLine[]>();
  // (By id, the last of an id winning, as a Map of the pairs would.)
  const synergies = new Map<string, Synergy>();
  for (const s of model.synergies) synergies.set(s.id, s);
  for (const o of state.outcomes.values()) {
    let total = 0;
    for (let m = 0; m < D; m++) total += o.coordination[m] as number;
    const s = synergies.get(o.synergyId);
    if (total === 0 || !s || s.effect.type !== 'referral') continue;
    const cost = s.effect.coordinationCost;
    // (Its target lines are in indexOf: every line a synergy targets is.)
    let first: BudgetLine | undefined;
    for (const id of s.lineIds) {
      const at = indexOf.get(id);
      if (at !== undefined) {
        first = ordered[at];
        break;
      }
    }
    const line: BudgetLine = {
      id: COORDINATION_PREFIX + s.id,
      level: first?.level ?? 'individual',
      position: Number.MAX_SAFE_INTEGER,
      name: s.name,
      category: 'services',
      dimension: first?.dimension ?? 'economic',
      modality: 'service',
      unitLabel: '',
      unitCost: cost,
      driver: { kind: 'fixed', quantity: '0', schedule: 'monthly', start: 1, end: D },
      justification: '',
      eligibleIndirect: true,
      eligibleContingency: true,
      currency: model.programme.reportingCurrency,
      funding: [],
      beneficiariesPerUnit: '0',
      nonMigrantShare: '0',
      outputs: { ...NO_OUTPUTS },
      // Decision: coordination is the programme's own staff time, never an MTDC exclusion.
      mtdcExclusion: 'none',
    };
    const amounts = o.coordination.slice();
    const quantities = new Array<number>(amounts.length);
    for (let m = 0; m < amounts.length; m++) quantities[m] = cost === 0 ? 0 : (amounts[m] as number) / cost;
    const plan: LinePlan = {
      derivation: { code: 'coordination', params: { synergyId: s.id, referrals: o.referred, cost } },
      quantities,
      total: null,
    };
    sums.add(line, amounts, 1);
    const list = extra.get(line.level) ?? [];
    list.push({ line, plan, months: amounts, synergyId: s.id });
    extra.set(line.level, list);
  }
  return extra;
}

/**
 * The lines of a compute (by index in `ordered`, every phase done) with the coordination lines put
 * after the last line of their level, and what `outside` says of each index.
 */
export function withCoordination<H>(
  outside: OutsideBudget,
  ordered: readonly BudgetLine[],
  plans: readonly (LinePlan | undefined)[],
  months: readonly (number[] | undefined)[],
  holders: readonly (H | undefined)[],
): WithCoordination<H> {
  // The arrays made at their final length (not grown line by line: 2,000 lines and more).
  let n = ordered.length;
  for (const list of outside.coordination.values()) n += list.length;
  const out: WithCoordination<H> = {
    ordered: new Array<BudgetLine>(n),
    plans: new Array<LinePlan | undefined>(n),
    months: new Array<number[] | undefined>(n),
    holders: new Array<H | undefined>(n),
    delivered: new Map(),
    coordinationOf: new Map(),
  };
  let at = 0;
  const put = (line: BudgetLine, plan: LinePlan | undefined, lm: number[] | undefined, holder: H | undefined): void => {
    out.ordered[at] = line;
    out.plans[at] = plan;
    out.months[at] = lm;
    out.holders[at] = holder;
    at++;
  };
  const left = new Map(outside.coordination);
  const flush = (level: Level): void => {
    for (const c of left.get(level) ?? []) {
      out.coordinationOf.set(at, c.synergyId);
      put(c.line, c.plan, c.months, undefined);
    }
    left.delete(level);
  };
  for (let i = 0; i < ordered.length; i++) {
    const line = ordered[i] as BudgetLine;
    const d = outside.delivered.get(i);
    if (d !== undefined) out.delivered.set(at, d);
    put(line, plans[i], months[i], holders[i]);
    const next = ordered[i + 1];
    if (!next || next.level !== line.level) flush(line.level);
  }
  for (const level of LEVELS) flush(level);
  // (Every coordination line has a level of LEVELS, so all n are placed; should one not be, the
  // arrays hold no hole.)
  if (at < n) for (const a of [out.ordered, out.plans, out.months, out.holders]) a.length = at;
  return out;
}

/** The level sums with some lines' months added or taken out (copies of the levels touched). */
class Adjusted {
  private readonly sums = new Map<Level, Float64Array>();
  private readonly indirect = new Map<Level, Float64Array>();
  private readonly contingency = new Map<Level, Float64Array>();

  constructor(
    private readonly base: OtherLineSums,
    private readonly D: number,
  ) {}

  private own(map: Map<Level, Float64Array>, from: ReadonlyMap<Level, Float64Array>, level: Level): Float64Array {
    let a = map.get(level);
    if (!a) {
      const base = from.get(level);
      a = base ? new Float64Array(base) : new Float64Array(this.D);
      map.set(level, a);
    }
    return a;
  }

  add(line: BudgetLine, amounts: readonly number[], sign: 1 | -1): void {
    this.addTo(this.own(this.sums, this.base.sums, line.level), amounts, sign);
    if (line.eligibleIndirect) this.addTo(this.own(this.indirect, this.base.indirect, line.level), amounts, sign);
    if (line.eligibleContingency) {
      this.addTo(this.own(this.contingency, this.base.contingency, line.level), amounts, sign);
    }
  }

  private addTo(t: Float64Array, amounts: readonly number[], sign: 1 | -1): void {
    for (let m = 0; m < this.D; m++) t[m] = (t[m] as number) + sign * ((amounts[m] ?? 0) as number);
  }

  result(): OtherLineSums {
    const merge = (mine: Map<Level, Float64Array>, base: ReadonlyMap<Level, Float64Array>) => {
      const out = new Map<Level, Float64Array>();
      for (const lv of LEVELS) {
        const a = mine.get(lv) ?? base.get(lv);
        if (a) out.set(lv, a);
      }
      return out;
    };
    return {
      sums: merge(this.sums, this.base.sums),
      indirect: merge(this.indirect, this.base.indirect),
      contingency: merge(this.contingency, this.base.contingency),
    };
  }
}
