/**
 * Synergies (DESIGN §5): what partner programmes cover of the budget, month by month, and what the
 * programme would have to pay if they did not deliver. A phase after the costs: it reads each
 * line's gross amounts (LineResult.months) and the caseload, and splits every line-month into
 * **covered by partners** and **net to the programme**, so that covered + net = gross to the cent.
 *
 * THE SEMANTICS OF EACH TYPE (written once, here; the Partners screen and the checks follow them):
 *
 * - referral: the partner delivers `share × uptake` of the target lines' units itself (e.g. job
 *   placement for the referred returnees who take it up). People referred in a month are `share` of
 *   the month's arrivals of the target lines' profiles (every profile when a target line is not
 *   driven by the caseload); those taken up are `uptake` of them. The programme pays
 *   `coordinationCost` for each referral made. Outside the budget: the covered value is reported
 *   beside it.
 * - coFinancing: the partner pays `share` of the target lines (basis 'share'), or a fixed `amount`
 *   spread over the target line-months of the window in proportion to their gross (basis 'amount',
 *   largest remainder). Inside the budget, under the synergy's funding source.
 * - costSharing: the partner pays `share` of the shared staff or facility lines. Inside.
 * - matching: a ratio programme : partner. Mode 'share': the investment is the one budgeted and the
 *   partner pays partner ÷ (programme + partner) of it (the programme's cost falls). Mode
 *   'leverage': the programme's grant stays as budgeted and the partner adds partner ÷ programme of
 *   it beside the budget (the investment grows, the cost does not change: reported as `leveraged`,
 *   never as covered). The partner's part is capped per grant (one unit of the target line) and in
 *   all (`collectiveCap`). Inside.
 * - handover: the partner (usually the government) takes over `shares[y − 1]` of the target lines
 *   in programme year y (years past the list use its last share). Inside.
 * - publicService: a public scheme pays `share` of the target lines for the cases it covers: in
 *   month m, the cases of the synergy's profiles (all, when none is chosen) active in m that arrived
 *   at least `delayMonths` months earlier, out of all the cases of the line's profiles active in m.
 *   Outside the budget.
 * - communityOpen: no money moves; opening the target (community) lines to community members adds
 *   non-migrant beneficiaries so that they are `nonMigrantShare` of all beneficiaries:
 *   added = returnees reached × share ÷ (1 − share), less the non-migrants the lines count already
 *   (the Joint Initiative: 2,490 returnees and 2,943 community members is a share of 2,943 ÷ 5,433).
 *
 * Decision: a synergy operates in its own months intersected with the partner's own dates and the
 *   programme; outside them it covers nothing (the checks flag a synergy with no month left).
 * Decision: when several synergies target one line, those outside the budget (referral, public
 *   service) apply first, then the others; within each group, in the order of the Partners screen
 *   (partner, then synergy). Each covers its part of the GROSS, but never more than what the ones
 *   before left uncovered in that month: covered never exceeds gross, and the check flags a line
 *   whose synergies claim more than 100 %. Outside first, because what a partner delivers itself
 *   never enters the budget (compute.ts takes it out before the overheads): what the inside ones
 *   share is what the budget holds.
 * Decision: a percentage line (a share of other lines) is not a service a partner can deliver
 *   itself: synergies outside the budget cover nothing of it.
 * Decision: a cap (per grant, collective) or a capacity reached in the middle of a month covers
 *   what is left of it in that month and nothing after: months are taken in order, and within a
 *   month the target lines in the synergy's order.
 * Decision: the partner's capacity counts the people it takes up (referred × uptake); once it is
 *   used up no more referrals are made, so no more coordination cost either.
 * Decision: coordination costs are the programme's own cost: they are added to the net cost, the
 *   expected cost and the worst case (a referral is made whether or not the partner delivers).
 *
 * Rounding: each synergy's exact claim on a line is rounded as a running total, month by month (THE
 * rounding rule of compute.ts), then limited to what is still uncovered in that month; net is gross
 * minus covered, so every line-month reconciles exactly. Expected cost = net + Σ over synergies of
 * (1 − confidence) × covered, summed exactly and rounded once.
 */
import {
  add,
  allocate,
  allocateSafe,
  dec,
  div,
  fromInt,
  largestRemainderInto,
  mul,
  type Rational,
  rat,
  type RemainderScratch,
  roundHalfAway,
  roundHalfAwayWhole,
  sub,
  toNumber,
  ZERO,
} from '../money';
import {
  driverProfiles,
  type Model,
  type Partner,
  programmeYear,
  type Synergy,
  synergyConfidence,
  synergyPlacement,
} from '../model';
import type { CaseloadSeries, CostResult, LineResult } from './result';

/** A line's gross split by partners, month by month (index 0 = month 1), in reporting minor units. */
export interface SynergyLine {
  lineId: string;
  gross: number[];
  /** Paid by partners inside the budget (co-financing, cost sharing, handover, matching 'share'). */
  coveredInside: number[];
  /** Delivered by partners themselves, reported beside the budget (referral, public service). */
  coveredOutside: number[];
  net: number[];
  /**
   * What the synergies on the line claim beyond its gross, from the rates they claim in each month
   * (their shares of it added up above 100 %), to the nearest minor unit; 0 when none. The running
   * roundings alone never make a claim: a cent cut off by them is not a finding.
   */
  overClaimed: number;
}

/**
 * The rates the synergies claim of a line, for its overClaimed: summed month by month (`rates`)
 * on a line two or more synergies target; on a line only one targets, the rates are its own (at
 * most 1 each, unless a stored share is above 100 %), and what it claims beyond the gross is summed
 * as it goes (`over`), with no array for it.
 */
interface LineClaims {
  rates: number[] | null;
  over: number;
}

export interface SynergyOutcome {
  synergyId: string;
  partnerId: string;
  /** The programme months it operates in, or null when none is left (see the first Decision). */
  window: { start: number; end: number } | null;
  confidence: string;
  /** What it covers, per month, all its target lines together. */
  covered: number[];
  coveredTotal: number;
  /** Matching in 'leverage' mode: what the partner adds beside the budget. */
  leveraged: number;
  /** Referral: the programme's coordination cost per month, the referrals made and taken up (people). */
  coordination: number[];
  referred: number;
  takenUp: number;
  /** Referral: people the capacity left without a place (taken up had there been room). */
  beyondCapacity: number;
  /** Matching: the partner's part that the caps cut off. */
  capped: number;
  /** Community open to all: non-migrant beneficiaries added. */
  addedBeneficiaries: number;
  /** Target lines that do not exist (the checks report them; they cover nothing). */
  unknownLines: string[];
  /** What it covers of each of its lines (line id -> minor units), in all. */
  byLine: Record<string, number>;
}

/** What the programme would have to add if one partner did not deliver. */
export interface PartnerDropOut {
  partnerId: string;
  total: number;
  /** Per programme year (index 0 = year 1). */
  byYear: number[];
  /** Across the funding sources of the lines it covers, by each line's split (largest remainder). */
  byFunder: Record<string, number>;
}

export interface SynergyResult {
  lines: SynergyLine[];
  synergies: SynergyOutcome[];
  partners: PartnerDropOut[];
  totals: {
    /** Σ line gross + coordination: what the programme costs with no partner delivering. */
    gross: number;
    coveredInside: number;
    coveredOutside: number;
    covered: number;
    coordination: number;
    /** What the donor is asked for: Σ line net + coordination. */
    net: number;
    leveraged: number;
    /** net + Σ (1 − confidence) × covered. */
    expected: number;
    /** Every partner fails: = gross. */
    worstCase: number;
    /** (covered + leveraged) ÷ net, for display; null when net is 0. */
    leverage: number | null;
    addedBeneficiaries: number;
  };
}

/** Programme month (1-based) of a calendar month "YYYY-MM", for a programme starting `start`. */
export function programmeMonthOf(start: string, month: string): number {
  const [y0, m0] = start.split('-').map(Number) as [number, number];
  const [y1, m1] = month.split('-').map(Number) as [number, number];
  return (y1 - y0) * 12 + (m1 - m0) + 1;
}

/** A partner programme's own first and last months, as programme months. */
function partnerMonths(
  partner: Pick<Partner, 'startMonth' | 'endMonth'>,
  programme: Model['programme'],
): { start: number; end: number } {
  // Partners are values: the same object, the same dates (worked out again for another start).
  const known = PARTNER_MONTHS.get(partner);
  if (known && known.programmeStart === programme.startMonth) return known.months;
  const months = {
    start: programmeMonthOf(programme.startMonth, partner.startMonth),
    end: programmeMonthOf(programme.startMonth, partner.endMonth),
  };
  PARTNER_MONTHS.set(partner, { programmeStart: programme.startMonth, months });
  return months;
}
const PARTNER_MONTHS = new WeakMap<object, { programmeStart: string; months: { start: number; end: number } }>();

/** The months a synergy operates in: its own, the partner's (`own`) and the programme's, intersected. */
function clipWindow(
  s: Pick<Synergy, 'firstMonth' | 'lastMonth'>,
  own: { start: number; end: number } | null,
  programme: Model['programme'],
): { start: number; end: number } | null {
  const start = Math.max(1, s.firstMonth, own?.start ?? 1);
  const end = Math.min(programme.durationMonths, s.lastMonth, own?.end ?? programme.durationMonths);
  return end >= start ? { start, end } : null;
}

/** A running rounding: feed exact amounts month by month, get each month's rounded part. */
class Running {
  /** The running total over SHARE_DEN while it is exact in doubles (the fast path), else null. */
  private fast: number | null = 0;
  private cum: Rational = ZERO;
  private prev = 0;

  next(x: Rational): number {
    if (x.n === 0n) return 0;
    if (this.fast !== null) {
      this.cum = { n: BigInt(this.fast), d: SHARE_DEN_N };
      this.fast = null;
    }
    this.cum = add(this.cum, x);
    return this.step(Number(roundHalfAway(this.cum)));
  }

  /**
   * `amount` × `share`: exactly what next(amount × share) gives, in doubles while the running total
   * over SHARE_DEN stays a safe integer (shares of at most 6 decimals; see shareParts).
   */
  nextShare(amount: number, share: ShareParts): number {
    // Nothing added (a month with no gross, or a share of 0: a referral's months past the
    // partner's capacity): the running total and its rounding stay as they are.
    if (amount === 0 || share.num === 0) return 0;
    if (this.fast !== null && share.num !== null) {
      const total = this.fast + amount * share.num;
      if (Number.isSafeInteger(total)) {
        this.fast = total;
        return this.step(roundHalfAwayWhole(total, SHARE_DEN));
      }
    }
    return this.next(mul(fromInt(amount), share.exact));
  }

  private step(rounded: number): number {
    const part = rounded - this.prev;
    this.prev = rounded;
    return part;
  }
}

/**
 * A running rounding of gross × share × c ÷ a, month by month (a public service's part of a line:
 * `c` of the `a` active cases covered): exactly what Running.next of those exact products gives.
 * Decided in doubles while an error bound puts each running total clearly on one side of a half
 * (the argument of amounts.ts's fast path: each term is within a few ulps, the sum within
 * (k + 8) × u × Σ|terms| × 1.01); from the first month it cannot, or when the share is finer than
 * millionths or the totals reach 2^50, the running total is exact (rationals) from the start.
 */
class RatioRunning {
  private x = 0;
  private magnitude = 0;
  private terms = 0;
  private prev = 0;
  /** The first month fed (months are fed in order, every one of them). */
  private from = -1;
  /** The exact running total, once the doubles can no longer decide (null before). */
  private exact: Rational | null = null;

  /**
   * Month m's term is gross[m] × share × covered[m] ÷ active[m] (0 when active[m] is 0).
   * `exactOnly`: rationals from the first month (the reference the doubles are tested against).
   */
  constructor(
    private readonly share: ShareParts,
    private readonly gross: readonly number[],
    private readonly covered: readonly number[],
    private readonly active: readonly number[],
    exactOnly = false,
  ) {
    if (exactOnly) this.exact = ZERO;
  }

  /** Month m's exact term (null when it is 0). */
  private term(m: number): Rational | null {
    const g = this.gross[m] ?? 0;
    const c = this.covered[m] ?? 0;
    const a = this.active[m] ?? 0;
    if (g === 0 || c === 0 || a === 0) return null;
    return mul(fromInt(g), mul(this.share.exact, rat(c, a)));
  }

  /** The rate claimed in month m (share × covered ÷ active), as a float for the over-claim check. */
  rate(m: number): number {
    const c = this.covered[m] ?? 0;
    const a = this.active[m] ?? 0;
    if (a === 0) return 0;
    return this.share.num !== null
      ? (this.share.num * c) / (SHARE_DEN * a)
      : toNumber(mul(this.share.exact, rat(c, a)));
  }

  /** Month m's rounded part (months are fed in order, from the first, none skipped). */
  next(m: number): number {
    if (this.from < 0) this.from = m;
    const gross = this.gross[m] ?? 0;
    const c = this.covered[m] ?? 0;
    const a = this.active[m] ?? 0;
    if (gross === 0 || c === 0 || a === 0 || this.share.exact.n === 0n) return 0;
    if (this.exact === null && this.share.num !== null) {
      const approx = (gross * (this.share.num * c)) / (SHARE_DEN * a);
      this.x += approx;
      this.magnitude += Math.abs(approx);
      this.terms++;
      if (this.magnitude < FAST_LIMIT) {
        const err = (this.terms + 8) * U * this.magnitude * 1.01;
        const fl = Math.floor(this.x);
        const frac = this.x - fl;
        if (frac - 0.5 > err) return this.step(fl + 1);
        if (0.5 - frac > err) return this.step(fl);
      }
      // Too close to a half, or too large: exact from the first month.
      let sum: Rational = ZERO;
      for (let k = this.from; k <= m; k++) {
        const t = this.term(k);
        if (t) sum = add(sum, t);
      }
      this.exact = sum;
      return this.step(Number(roundHalfAway(sum)));
    }
    const t = this.term(m);
    if (t) this.exact = add(this.exact ?? ZERO, t);
    return this.step(Number(roundHalfAway(this.exact ?? ZERO)));
  }

  private step(rounded: number): number {
    const part = rounded - this.prev;
    this.prev = rounded;
    return part;
  }
}
const U = 2 ** -53;
/** Running totals in doubles stay below this for their floor and fraction to be exact. */
const FAST_LIMIT = 2 ** 50;

/**
 * `share` of each month of `amounts`, rounded as a running total: in doubles where that is exact
 * (Running.nextShare), or through exact rationals only (`exact`); the two give the same numbers
 * (tests/unit/synergies.test.ts checks it on random amounts, extreme ones included).
 */
export function shareOfEachMonth(amounts: readonly number[], share: string, exact = false): number[] {
  const running = new Running();
  const parts = shareParts(share);
  return amounts.map((a) => (exact ? running.next(mul(fromInt(a), parts.exact)) : running.nextShare(a, parts)));
}

/**
 * A public service's parts of a line: gross[m] × share × covered[m] ÷ active[m], rounded as a
 * running total (RatioRunning), in doubles where that is exact or through rationals only
 * (`exact`); the two give the same numbers (tests/unit/synergies.test.ts).
 */
export function coveredCasesParts(
  gross: readonly number[],
  covered: readonly number[],
  active: readonly number[],
  share: string,
  exact = false,
): number[] {
  const running = new RatioRunning(shareParts(share), gross, covered, active, exact);
  return gross.map((_, m) => running.next(m));
}

/** Shares as whole millionths for the fast path (null when finer), and exactly. */
const SHARE_DEN = 1_000_000;
const SHARE_DEN_N = 1_000_000n;
interface ShareParts {
  num: number | null;
  exact: Rational;
}
function shareParts(s: string | Rational): ShareParts {
  const exact = typeof s === 'string' ? dec(s) : s;
  const scaled = exact.n * SHARE_DEN_N;
  const whole = scaled % exact.d === 0n ? scaled / exact.d : null;
  // A rate above 1 (a matching partner's 3 for 1) is fine: nextShare checks the totals stay exact.
  return {
    num: whole !== null && whole >= 0n && whole <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(whole) : null,
    exact,
  };
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/** Rates summed in floats above 1 + this are over 100 % (0.3 + 0.7 is not). */
const OVER_SLACK = 1e-9;

/** A share of nothing (a referral's months beyond the partner's capacity). */
const NO_SHARE: ShareParts = { num: 0, exact: ZERO };

/** Arrivals per month summed over `ids` (every profile when null), from the caseload series. */
function arrivalsOf(result: CaseloadSource, ids: ReadonlySet<string> | null): number[] {
  const out = zeros(result.durationMonths);
  for (const p of result.caseload.profiles) {
    if (ids && !ids.has(p.profileId)) continue;
    p.arrivals.forEach((a, m) => {
      out[m] = (out[m] as number) + a;
    });
  }
  return out;
}

/** Active cases per month of `ids` (all when null) that arrived at least `delay` months before. */
function settledActive(model: Model, result: CaseloadSource, ids: ReadonlySet<string> | null, delay: number): number[] {
  const D = result.durationMonths;
  const out = zeros(D);
  const durations = new Map(model.profiles.map((p) => [p.id, p.durationMonths]));
  for (const p of result.caseload.profiles) {
    if (ids && !ids.has(p.profileId)) continue;
    const dur = durations.get(p.profileId) ?? 0;
    for (let m = 0; m < D; m++) {
      // Active in m: arrived in m − dur + 1 … m; settled: arrived in … m − delay.
      let n = 0;
      for (let a = Math.max(0, m - dur + 1); a <= m - delay; a++) n += p.arrivals[a] as number;
      out[m] = n;
    }
  }
  return out;
}

function intersect(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): ReadonlySet<string> | null {
  if (!a) return b;
  if (!b) return a;
  return new Set([...a].filter((x) => b.has(x)));
}

/** The profiles a line follows (its driver's; null: every profile, or not driven by the caseload). */
function lineProfiles(lines: ReadonlyMap<string, Model['lines'][number]>, lineId: string): ReadonlySet<string> | null {
  const line = lines.get(lineId);
  const ids = line ? driverProfiles(line.driver) : null;
  return ids && ids.length > 0 ? new Set(ids) : null;
}

/** What the synergies read of the caseload: its length and each profile's arrivals. */
interface CaseloadSource {
  durationMonths: number;
  caseload: { profiles: readonly Pick<CaseloadSeries, 'profileId' | 'arrivals'>[] };
}

/**
 * What the synergies read of the costs phase's result: the lines some synergy targets (more may be
 * there), the direct cost, the caseload. A full CostResult, or Engine.outcome()'s budget totals.
 */
export type CostsRead = Pick<CostResult, 'lines' | 'durationMonths'> & {
  totals: Pick<CostResult['totals'], 'direct'>;
  caseload: { profiles: readonly CaseloadSeries[] };
};

/** What the synergies read of a line: its amounts (the gross they cover), units and reach. */
export type SourceLine = Pick<LineResult, 'months' | 'quantities' | 'beneficiaries' | 'nonMigrantBeneficiaries'>;

/**
 * What the synergies outside the budget did (compute.ts runs them before the percentage lines and
 * overheads, on the gross of the lines they target): the lines' split so far, each such synergy's
 * outcome and what it covered of each line. The synergies inside the budget then carry on from it.
 */
export interface OutsideState {
  lines: Map<string, SynergyLine>;
  outcomes: Map<string, SynergyOutcome>;
  /** Each line's claims so far (see LineClaims). */
  claims: Map<SynergyLine, LineClaims>;
  /** The synergies in screen order (worked out once for both stages). */
  order: Synergy[];
  /** The synergies the state was made for (runStages reuses `targeted` for these very ones). */
  synergies: readonly Synergy[];
  /** The lines some synergy targets. */
  targeted: ReadonlySet<string>;
  /** The lines two or more synergies target. */
  shared: Set<string>;
  /** The model's lines the synergies target, by id (a programme has many more). */
  modelLines: Map<string, Model['lines'][number]>;
  /** The zeros a line's covered side shares until something is covered on it (never written). */
  noneCovered: number[];
}

/** The lines the synergies target (`targeted`), and those two or more of them target (`shared`). */
export interface SynergyTargets {
  targeted: ReadonlySet<string>;
  shared: Set<string>;
}

/** The lines `synergies` target: outside.ts looks them up with these, and the state keeps them. */
export function synergyTargets(synergies: readonly Synergy[]): SynergyTargets {
  const targeted = new Set<string>();
  const shared = new Set<string>();
  // (A line listed twice by one synergy counts as shared too: its two claims add up.)
  for (const s of synergies) {
    for (const id of s.lineIds) {
      if (targeted.has(id)) shared.add(id);
      else targeted.add(id);
    }
  }
  return { targeted, shared };
}

/** A new state: no line split yet; the synergies' order and the lines they target, worked out once. */
function newState(
  model: Model,
  partners: readonly Partner[],
  synergies: readonly Synergy[],
  targets: SynergyTargets = synergyTargets(synergies),
): OutsideState {
  const { targeted, shared } = targets;
  const modelLines = new Map<string, Model['lines'][number]>();
  for (const l of model.lines) if (targeted.has(l.id)) modelLines.set(l.id, l);
  return {
    lines: new Map(),
    outcomes: new Map(),
    claims: new Map(),
    order: screenOrder(partners, synergies),
    synergies,
    targeted,
    shared,
    modelLines,
    noneCovered: zeros(model.programme.durationMonths),
  };
}

/** The synergies in the order of the Partners screen (partner, then synergy). */
function screenOrder(partners: readonly Partner[], synergies: readonly Synergy[]): Synergy[] {
  const partnerOrder = new Map([...partners].sort((a, b) => a.position - b.position).map((p, i) => [p.id, i]));
  return [...synergies].sort(
    (a, b) =>
      (partnerOrder.get(a.partnerId) ?? Infinity) - (partnerOrder.get(b.partnerId) ?? Infinity) ||
      a.position - b.position,
  );
}

/**
 * The synergies outside the budget (referral, public service), on the gross of the lines they
 * target (`lineOf`; percentage lines are not given: see the header's Decision), in screen order.
 * compute.ts takes what they cover out of the lines' budget amounts, and adds their coordination
 * costs to the budget. null when the programme has none.
 */
export function outsideSynergies(
  model: Model,
  source: CaseloadSource,
  lineOf: (id: string) => SourceLine | undefined,
  /** synergyTargets(model.synergies), when the caller has it already. */
  targets?: SynergyTargets,
): OutsideState | null {
  if (!hasOutside(model.synergies)) return null;
  const state = newState(model, model.partners, model.synergies, targets);
  runSynergies(model, model.partners, source, lineOf, 'outside', state);
  return state;
}

/** Whether some synergy is outside the budget (referral, public service). */
export function hasOutside(synergies: readonly Synergy[]): boolean {
  for (const s of synergies) if (synergyPlacement(s.effect.type) === 'outside') return true;
  return false;
}

/**
 * Splits every line of `result` into covered and net by the synergies: those outside the budget
 * first (or what `outside` says they did, when compute.ts ran them before the overheads), then the
 * others in the order of the Partners screen. Pure; never throws on stored data (an unknown line or
 * partner covers nothing).
 */
export function computeSynergies(
  model: Model,
  partners: readonly Partner[],
  synergies: readonly Synergy[],
  result: CostsRead,
  outside: OutsideState | null = null,
): SynergyResult {
  if (synergies.length === 0) return summarise(result, new Map(), []);
  const { state, outcomes, lineResults } = runStages(model, partners, synergies, result, outside);
  for (const [l, c] of state.claims) {
    let over = c.over;
    const rates = c.rates;
    for (let m = 0; rates && m < rates.length; m++) {
      const r = rates[m] as number;
      // A float sum of exact rates: 1e-9 of slack keeps 0.3 + 0.7 from counting as above 100 %.
      if (r > 1 + OVER_SLACK) over += (r - 1) * (l.gross[m] as number);
    }
    l.overClaimed = Math.round(over);
  }
  return summarise(result, state.lines, outcomes, outside !== null, lineResults);
}

/**
 * computeSynergies(…).totals.net alone: the same stages, the same sums (netTotals), without the
 * over-claims, the expected cost and the partners' drop-out (Engine.outcome).
 */
export function synergyNet(
  model: Model,
  partners: readonly Partner[],
  synergies: readonly Synergy[],
  result: CostsRead,
  outside: OutsideState | null = null,
): number {
  if (synergies.length === 0) return netTotals(result, new Map(), []).net;
  const { state, outcomes } = runStages(model, partners, synergies, result, outside);
  return netTotals(result, state.lines, outcomes, outside !== null).net;
}

/** Both stages (the outside one unless compute.ts ran it), and the outcomes in screen order. */
function runStages(
  model: Model,
  partners: readonly Partner[],
  synergies: readonly Synergy[],
  result: CostsRead,
  outside: OutsideState | null,
): { state: OutsideState; outcomes: SynergyOutcome[]; lineResults: ReadonlyMap<string, LineResult> | null } {
  // Only the lines some synergy targets are looked up (a programme has many more); the outside
  // stage's state has them when it was made for these very synergies (compute.ts: the model's).
  const state = outside ?? newState(model, partners, synergies);
  const same = state.synergies === synergies;
  const targeted = same ? state.targeted : synergyTargets(synergies).targeted;
  const byLine = new Map<string, LineResult>();
  for (const l of result.lines) if (targeted.has(l.lineId)) byLine.set(l.lineId, l);
  const lineOf = (id: string): LineResult | undefined => byLine.get(id);
  if (!outside) runSynergies(model, partners, result, lineOf, 'outside', state);
  runSynergies(model, partners, result, lineOf, 'inside', state);
  const outcomes: SynergyOutcome[] = [];
  for (const s of state.order) {
    const o = state.outcomes.get(s.id);
    if (o) outcomes.push(o);
  }
  // The outcomes are those of state.synergies: when they are these, every line one covered is
  // looked up in byLine, as summarise would look it up (the last of result.lines with its id).
  return { state, outcomes, lineResults: same ? byLine : null };
}

/**
 * One stage's run (see runSynergies): what its synergies share, worked out once per stage: the
 * lines' split so far, the partners, the active cases by profiles and delay, the partners' months.
 */
class Stage {
  readonly D: number;
  readonly partnerById: Map<string, Partner>;
  /** The coordination of every synergy but a referral: one array of zeros (never written). */
  readonly noCoordination: number[];
  /** Active cases by (profiles, delay): several synergies and lines ask for the same series. */
  private readonly settled = new Map<string, number[]>();
  /** Each partner's own dates in programme months, worked out once. */
  private readonly ownMonths = new Map<string, { start: number; end: number }>();
  /** Each line's profiles (profilesOf), and each set's key in `settled` (settledOf). */
  private readonly profiles = new Map<string, ReadonlySet<string> | null>();
  private readonly keys = new Map<ReadonlySet<string>, string>();

  constructor(
    readonly model: Model,
    partners: readonly Partner[],
    readonly source: CaseloadSource,
    readonly sourceLine: (id: string) => SourceLine | undefined,
    readonly state: OutsideState,
  ) {
    this.D = source.durationMonths;
    this.partnerById = new Map(partners.map((p) => [p.id, p]));
    this.noCoordination = zeros(this.D);
  }

  /** The line's split so far (made from its gross the first time a synergy of the run meets it). */
  lineOf(id: string): SynergyLine | null {
    const { lines, claims, shared, noneCovered } = this.state;
    let s = lines.get(id);
    if (s) return s;
    const r = this.sourceLine(id);
    if (!r) return null;
    s = {
      lineId: id,
      // The line's amounts as they are (never written: gross is only read).
      gross: r.months,
      // Until a synergy covers something of it, each side is the stage's one array of zeros (never
      // written: cover() gives the line its own array first).
      coveredInside: noneCovered,
      coveredOutside: noneCovered,
      // (A copy made at its length: a spread grows its array as it iterates.)
      net: r.months.slice(),
      overClaimed: 0,
    };
    lines.set(id, s);
    claims.set(s, { rates: shared.has(id) ? zeros(this.D) : null, over: 0 });
    return s;
  }

  /** The profiles a line follows (lineProfiles), one set per line and stage. */
  profilesOf(lineId: string): ReadonlySet<string> | null {
    let ids = this.profiles.get(lineId);
    if (ids === undefined) {
      ids = lineProfiles(this.state.modelLines, lineId);
      this.profiles.set(lineId, ids);
    }
    return ids;
  }

  settledOf(ids: ReadonlySet<string> | null, delay: number): number[] {
    // A set's key (its ids sorted) is kept by the set: a line's own profiles are one set per stage.
    let idsKey = ids === null ? '*' : this.keys.get(ids);
    if (idsKey === undefined && ids !== null) {
      idsKey = JSON.stringify([...ids].sort());
      this.keys.set(ids, idsKey);
    }
    const key = `${delay}|${idsKey}`;
    let series = this.settled.get(key);
    if (!series) {
      series = settledActive(this.model, this.source, ids, delay);
      this.settled.set(key, series);
    }
    return series;
  }

  windowOf(s: Synergy, partner: Partner): { start: number; end: number } | null {
    let own = this.ownMonths.get(partner.id);
    if (!own) {
      own = partnerMonths(partner, this.model.programme);
      this.ownMonths.set(partner.id, own);
    }
    return clipWindow(s, own, this.model.programme);
  }
}

/**
 * What one synergy covers of its target lines, month by month: each claim is limited to what the
 * synergies before left of the line-month, and counted on the line, the synergy and its targets.
 */
class Cover {
  /** What it covers of each target (by index in `targets`), summed as it goes. */
  readonly onTarget: number[];
  /** A running rounding per target (its claims are rounded as running totals). */
  readonly runners: Running[];
  private readonly claims: LineClaims[];

  constructor(
    readonly stage: Stage,
    readonly out: SynergyOutcome,
    readonly targets: readonly SynergyLine[],
    private readonly inside: boolean,
  ) {
    const n = targets.length;
    this.onTarget = zeros(n);
    this.runners = new Array<Running>(n);
    this.claims = new Array<LineClaims>(n);
    for (let i = 0; i < n; i++) {
      this.runners[i] = new Running();
      this.claims[i] = stage.state.claims.get(targets[i] as SynergyLine) as LineClaims;
    }
  }

  /** Covers `claim` of target `i` in month `m`, a claim of `rate` of its gross (for overClaimed). */
  cover(i: number, m: number, claim: number, rate: number): number {
    const t = this.targets[i] as SynergyLine;
    const claimed = this.claims[i] as LineClaims;
    if (claimed.rates) claimed.rates[m] = (claimed.rates[m] as number) + rate;
    else if (rate > 1 + OVER_SLACK) claimed.over += (rate - 1) * (t.gross[m] as number);
    const left = t.net[m] as number;
    const c = Math.max(0, Math.min(claim, left));
    if (c === 0) return 0;
    t.net[m] = left - c;
    const noneCovered = this.stage.state.noneCovered;
    if (this.inside) {
      if (t.coveredInside === noneCovered) t.coveredInside = zeros(this.stage.D);
      t.coveredInside[m] = (t.coveredInside[m] as number) + c;
    } else {
      if (t.coveredOutside === noneCovered) t.coveredOutside = zeros(this.stage.D);
      t.coveredOutside[m] = (t.coveredOutside[m] as number) + c;
    }
    const out = this.out;
    out.covered[m] = (out.covered[m] as number) + c;
    out.coveredTotal += c;
    this.onTarget[i] = (this.onTarget[i] as number) + c;
    return c;
  }
}

type EffectOf<T extends Synergy['effect']['type']> = Extract<Synergy['effect'], { type: T }>;

/**
 * Runs the synergies of one stage ('outside': referral and public service; 'inside': the others)
 * in screen order, on `state` (the lines' split so far, kept between the stages).
 *
 * Decision: each synergy, and each type's rule, is a function of its own (runSynergy, shareCover,
 *   amountCover, matchingCover, referralCover, publicServiceCover) rather than one long loop: V8
 *   optimises each apart, so the code is ready sooner in a new thread and a new kind of input
 *   recompiles one rule, not the whole phase (issue 10's Monte-Carlo threads start cold).
 */
function runSynergies(
  model: Model,
  partners: readonly Partner[],
  source: CaseloadSource,
  sourceLine: (id: string) => SourceLine | undefined,
  stage: 'outside' | 'inside',
  state: OutsideState,
): void {
  const run = new Stage(model, partners, source, sourceLine, state);
  const outside = stage === 'outside';
  for (const s of state.order) {
    if ((synergyPlacement(s.effect.type) === 'outside') === outside) runSynergy(run, s);
  }
}

/** One synergy of a stage: its outcome, and what it covers of each target line. */
function runSynergy(run: Stage, s: Synergy): void {
  const { D, state } = run;
  const partner = run.partnerById.get(s.partnerId);
  const window = partner ? run.windowOf(s, partner) : null;
  const modelLines = state.modelLines;
  const out: SynergyOutcome = {
    synergyId: s.id,
    partnerId: s.partnerId,
    window,
    confidence: synergyConfidence(s),
    covered: zeros(D),
    coveredTotal: 0,
    leveraged: 0,
    // Only a referral has coordination costs; the others share one array of zeros (never written).
    coordination: s.effect.type === 'referral' ? zeros(D) : run.noCoordination,
    referred: 0,
    takenUp: 0,
    beyondCapacity: 0,
    capped: 0,
    addedBeneficiaries: 0,
    unknownLines: unknownLines(s.lineIds, modelLines),
    byLine: {},
  };
  state.outcomes.set(s.id, out);
  const targets: SynergyLine[] = [];
  for (const id of s.lineIds) {
    const t = run.lineOf(id);
    if (t !== null) targets.push(t);
  }
  const e = s.effect;
  if (e.type === 'communityOpen') {
    out.addedBeneficiaries = addedBeneficiaries(run, targets, e);
    return;
  }
  if (!window) return;
  const cover = new Cover(run, out, targets, synergyPlacement(e.type) === 'inside');
  // The months it operates in (0-based, inclusive).
  const first = window.start - 1;
  const last = window.end - 1;
  switch (e.type) {
    case 'coFinancing':
    case 'costSharing':
    case 'handover':
      if (e.type === 'coFinancing' && e.basis === 'amount') amountCover(cover, e.amount, first, last);
      else shareCover(cover, e.type === 'handover' ? e.shares : [e.share], first, last);
      break;
    case 'matching':
      matchingCover(cover, e, first, last);
      break;
    case 'referral':
      referralCover(cover, e, first, last);
      break;
    case 'publicService':
      publicServiceCover(cover, s, e, first, last);
      break;
  }
  // What it covered of each line (its targets are distinct lines; a repeated one adds up).
  for (let i = 0; i < targets.length; i++) {
    const c = cover.onTarget[i] as number;
    if (c === 0) continue;
    const id = (targets[i] as SynergyLine).lineId;
    out.byLine[id] = (out.byLine[id] ?? 0) + c;
  }
}

/** The ids of `ids` that are no line of the model (a new array, empty for most synergies). */
function unknownLines(ids: readonly string[], modelLines: ReadonlyMap<string, unknown>): string[] {
  const out: string[] = [];
  for (const id of ids) if (!modelLines.has(id)) out.push(id);
  return out;
}

/**
 * Community open to all: no money moves; the reach grows (see the header). A share of 100 % adds
 * nothing: a project with no returnee among its beneficiaries is not reported as one of ours. People
 * reached are counts for reading (fractional when beneficiaries per unit are), so this is done in
 * doubles. The lines' own non-migrants (their non-migrant share) are not counted twice.
 */
function addedBeneficiaries(run: Stage, targets: readonly SynergyLine[], e: EffectOf<'communityOpen'>): number {
  const share = Number(e.nonMigrantShare);
  if (!(share < 1)) return 0;
  let returnees = 0;
  let already = 0;
  for (const t of targets) {
    const r = run.sourceLine(t.lineId);
    returnees += (r?.beneficiaries ?? 0) - (r?.nonMigrantBeneficiaries ?? 0);
    already += r?.nonMigrantBeneficiaries ?? 0;
  }
  return Math.max(0, Math.round((returnees * share) / (1 - share) - already));
}

/**
 * Co-financing of a fixed amount: spread over the target line-months of the window in proportion to
 * their gross (largest remainder), target by target; each covers its own part only, so the order
 * they are covered in does not matter (no room is shared between them).
 */
function amountCover(cover: Cover, amountGiven: number, first: number, last: number): void {
  const targets = cover.targets;
  const months = last - first + 1;
  const n = targets.length * months;
  const scratch = spreadScratch(n);
  const weights = scratch.weights;
  let grossSum = 0;
  let k = 0;
  for (const t of targets) {
    for (let m = first; m <= last; m++) {
      const g = t.gross[m] as number;
      weights[k++] = g;
      grossSum += g;
    }
  }
  // An amount above the targets' gross covers them fully; the rest is not used.
  const amount = Math.min(amountGiven, grossSum);
  // The parts: none when there is no gross; else money's allocateSafe's, computed into the scratch
  // arrays (largestRemainderInto), or by money itself where that does not apply.
  let parts: ArrayLike<number> = scratch.parts;
  if (grossSum === 0) parts = [];
  else if (!largestRemainderInto(amount, weights, n, scratch)) {
    const given: number[] = [];
    for (const t of targets) for (let m = first; m <= last; m++) given.push(t.gross[m] as number);
    parts =
      allocateSafe(amount, given) ??
      allocate(
        BigInt(amount),
        given.map((w) => BigInt(w)),
      ).map(Number);
  }
  k = 0;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i] as SynergyLine;
    for (let m = first; m <= last; m++) {
      const part = k < parts.length ? (parts[k] as number) : 0;
      k++;
      const g = t.gross[m] as number;
      cover.cover(i, m, part, g === 0 ? 0 : part / g);
    }
  }
}

let SCRATCH: RemainderScratch | null = null;
/** amountCover's arrays, made once and grown as needed (a compute runs on one thread, start to end). */
function spreadScratch(n: number): RemainderScratch {
  if (!SCRATCH || SCRATCH.weights.length < n) {
    const size = Math.max(n, 256);
    SCRATCH = {
      weights: new Float64Array(size),
      parts: new Float64Array(size),
      rems: new Float64Array(size),
      sorted: new Float64Array(size),
    };
  }
  return SCRATCH;
}

/** A share of the target lines (co-financing, cost sharing), or a share per programme year (handover). */
function shareCover(cover: Cover, shares: readonly string[], first: number, last: number): void {
  const targets = cover.targets;
  const runners = cover.runners;
  const yearly = shares.map(shareParts);
  const rates = yearly.map((y) => toNumber(y.exact));
  for (let m = first; m <= last; m++) {
    const y = Math.min(programmeYear(m + 1), yearly.length) - 1;
    const share = yearly[y] as ShareParts;
    const asRate = rates[y] as number;
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i] as SynergyLine;
      cover.cover(i, m, (runners[i] as Running).nextShare(t.gross[m] as number, share), asRate);
    }
  }
}

/** Matching: the partner's part of each grant ('share') or beside it ('leverage'), capped. */
function matchingCover(cover: Cover, e: EffectOf<'matching'>, first: number, last: number): void {
  const { targets, runners, out } = cover;
  const p = dec(e.programmePart);
  const q = dec(e.partnerPart);
  // 'share': the partner's part of the investment; 'leverage': what it adds to our grant.
  const rate = shareParts(e.mode === 'share' ? div(q, add(p, q)) : div(q, p));
  const asRate = toNumber(rate.exact);
  let room = e.collectiveCap === null ? Infinity : e.collectiveCap;
  const units = targets.map((t) => cover.stage.sourceLine(t.lineId)?.quantities);
  for (let m = first; m <= last; m++) {
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i] as SynergyLine;
      let claim = (runners[i] as Running).nextShare(t.gross[m] as number, rate);
      // Decision: the cap per grant binds in a month when the partner's exact part of it is above
      //   the cap × the grants bought that month; the month's claim is then cut to the whole minor
      //   units of that cap. The month's amount is rounded as a running total, so it is within one
      //   minor unit of the exact amount: the exact part is surely above the cap when rate × (amount
      //   − 1) is. Within that minor unit the claim is left as the running rounding gives it: the
      //   rounding, not a cap reached (comparing each rounded claim with the floor of the cap
      //   reported cents 'unpaid' when the partner's part was below its cap). Each month is judged
      //   on its own: a month under the cap never lends its room to a dearer month (inflation).
      //   10^-6 of a minor unit absorbs the doubles' rounding of the comparison.
      if (e.capPerGrant !== null) {
        const cap = e.capPerGrant * (units[i]?.[m] ?? 0);
        const perGrant = Math.floor(cap);
        if (((t.gross[m] as number) - 1) * asRate > cap + 1e-6 && claim > perGrant) {
          out.capped += claim - perGrant;
          claim = perGrant;
        }
      }
      if (claim > room) {
        out.capped += claim - room;
        claim = room;
      }
      if (e.mode === 'share') claim = cover.cover(i, m, claim, asRate);
      else out.leveraged += claim;
      room -= claim;
    }
  }
}

/** Referral: the partner delivers share × uptake of the target lines for the people it takes up. */
function referralCover(cover: Cover, e: EffectOf<'referral'>, first: number, last: number): void {
  const { targets, runners, out, stage } = cover;
  const share = dec(e.share);
  const uptake = dec(e.uptake);
  // The target lines' profiles together; every profile (null) when a target follows them all, or
  // when there is no target.
  let profiles: Set<string> | null = targets.length === 0 ? null : new Set<string>();
  for (const t of targets) {
    const ids = stage.profilesOf(t.lineId);
    if (ids === null) {
      profiles = null;
      break;
    }
    for (const id of ids) (profiles as Set<string>).add(id);
  }
  const eligible = arrivalsOf(stage.source, profiles);
  const coordination = new Running();
  const cost = e.coordinationCost;
  /** share × uptake: the part of the lines the partner delivers while there is room. */
  const su = mul(share, uptake);
  const full = shareParts(su);
  const shareOnly = shareParts(share);
  // The rates of the months with k = 1 and k = 0, as floats once (the same each month).
  const fullRate = toNumber(full.exact);
  const noRate = toNumber(NO_SHARE.exact);
  // In month m, referred = arrivals × share and taken = referred × uptake; the capacity takes
  // a part k of them: 1 while there is room, room ÷ taken in the month it runs out, 0 after
  // (a month with nobody taken up takes k = 1). Months with k = 1 or 0 are counted as whole
  // arrivals and multiplied once at the end; only the month the room runs out is worked in
  // rationals. The same exact values as month-by-month rationals.
  let arrivalsTaken = 0; // Σ arrivals of the months with k = 1
  let arrivalsBeyond = 0; // Σ arrivals of the months with k = 0 (everyone beyond the capacity)
  let referredPart: Rational = ZERO; // the month the room runs out
  let takenPart: Rational = ZERO;
  let beyondPart: Rational = ZERO;
  let roomLeft = true;
  const capacityScaled = e.capacity === null ? null : BigInt(e.capacity) * su.d;
  for (let m = first; m <= last; m++) {
    const arrivals = eligible[m] as number;
    let k: Rational | 1 | 0 = 1;
    if (capacityScaled !== null && arrivals > 0 && su.n !== 0n) {
      if (!roomLeft) k = 0;
      else {
        // taken ≤ room ⇔ su × (arrivals taken so far + arrivals) ≤ capacity.
        const need = BigInt(arrivalsTaken + arrivals) * su.n;
        if (need < capacityScaled) k = 1;
        else if (need === capacityScaled) {
          k = 1;
          roomLeft = false;
        } else {
          const room = sub(fromInt(e.capacity ?? 0), mul(su, fromInt(arrivalsTaken)));
          k = div(room, mul(su, fromInt(arrivals)));
          roomLeft = false;
        }
      }
    }
    let rate: ShareParts;
    if (k === 1) {
      arrivalsTaken += arrivals;
      const amount = arrivals * cost;
      out.coordination[m] = Number.isSafeInteger(amount)
        ? coordination.nextShare(amount, shareOnly)
        : coordination.next(mul(mul(fromInt(arrivals), share), fromInt(cost)));
      rate = full;
    } else if (k === 0) {
      arrivalsBeyond += arrivals;
      out.coordination[m] = 0;
      rate = NO_SHARE;
    } else {
      const referred = mul(fromInt(arrivals), share);
      const taken = mul(referred, uptake);
      referredPart = add(referredPart, mul(referred, k));
      takenPart = add(takenPart, mul(taken, k));
      beyondPart = add(beyondPart, mul(taken, sub(rat(1), k)));
      out.coordination[m] = coordination.next(mul(mul(referred, k), fromInt(cost)));
      rate = shareParts(mul(full.exact, k));
    }
    const asRate = rate === full ? fullRate : rate === NO_SHARE ? noRate : toNumber(rate.exact);
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i] as SynergyLine;
      cover.cover(i, m, (runners[i] as Running).nextShare(t.gross[m] as number, rate), asRate);
    }
  }
  const referredAll = add(mul(fromInt(arrivalsTaken), share), referredPart);
  const takenAll = add(mul(fromInt(arrivalsTaken), su), takenPart);
  const beyond = add(mul(fromInt(arrivalsBeyond), su), beyondPart);
  out.referred = Number(roundHalfAway(referredAll));
  out.takenUp = Number(roundHalfAway(takenAll));
  out.beyondCapacity = Number(roundHalfAway(beyond));
}

/** Public service: `share` of the target lines for the settled cases of its profiles. */
function publicServiceCover(cover: Cover, s: Synergy, e: EffectOf<'publicService'>, first: number, last: number): void {
  const { targets, stage } = cover;
  const share = shareParts(e.share);
  const chosen = s.profileIds.length > 0 ? new Set(s.profileIds) : null;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i] as SynergyLine;
    const own = stage.profilesOf(t.lineId);
    const all = stage.settledOf(own, 0);
    const covered = stage.settledOf(intersect(own, chosen), e.delayMonths);
    const running = new RatioRunning(share, t.gross, covered, all);
    for (let m = first; m <= last; m++) cover.cover(i, m, running.next(m), running.rate(m));
  }
}

/** Σ xs, from 0, left to right. */
function sumOf(xs: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i] as number;
  return total;
}

/** What partners cover (inside and outside the budget), the coordination, the lines' gross and the net cost. */
function netTotals(
  result: CostsRead,
  lines: ReadonlyMap<string, SynergyLine>,
  outcomes: readonly SynergyOutcome[],
  /** The result is the budget (outside.ts): without what partners deliver, with the coordination. */
  budget = false,
): {
  coveredInside: number;
  coveredOutside: number;
  covered: number;
  coordination: number;
  grossLines: number;
  net: number;
} {
  let coveredInside = 0;
  let coveredOutside = 0;
  for (const l of lines.values()) {
    coveredInside += sumOf(l.coveredInside);
    coveredOutside += sumOf(l.coveredOutside);
  }
  const covered = coveredInside + coveredOutside;
  let coordination = 0;
  for (const o of outcomes) coordination += sumOf(o.coordination);
  // Every line's gross: the direct cost summed once by the costs phase, which for the budget is
  // Σ gross − what partners deliver + coordination.
  const grossLines = budget ? result.totals.direct + coveredOutside - coordination : result.totals.direct;
  const net = grossLines - covered + coordination;
  return { coveredInside, coveredOutside, covered, coordination, grossLines, net };
}

/**
 * Σ over synergies of (1 − confidence) × covered, summed exactly and rounded once (half away from
 * zero). Confidences of at most six decimals (every one the schema takes) are summed as whole
 * millionths in doubles while the sum is a safe integer; any other term, or the rest once the sum
 * would not be, in rationals. The same number as summing every term in rationals (tested).
 */
export function expectedRisk(outcomes: readonly Pick<SynergyOutcome, 'confidence' | 'coveredTotal'>[]): number {
  let whole = 0; // Σ (10^6 − confidence in millionths) × covered, exact
  let exact: Rational | null = null;
  for (const o of outcomes) {
    if (o.coveredTotal === 0) continue;
    const share = confidenceParts(o.confidence);
    if (share.num !== null && share.num <= SHARE_DEN) {
      const next = whole + (SHARE_DEN - share.num) * o.coveredTotal;
      if (Number.isSafeInteger(next)) {
        whole = next;
        continue;
      }
    }
    exact = add(exact ?? ZERO, mul(sub(rat(1), share.exact), fromInt(o.coveredTotal)));
  }
  if (exact === null) return roundHalfAwayWhole(whole, SHARE_DEN);
  return Number(roundHalfAway(add(exact, rat(whole, SHARE_DEN))));
}

/** A confidence's parts (shareParts), kept by its text: a programme has a few distinct ones. */
const CONFIDENCES = new Map<string, ShareParts>();
function confidenceParts(confidence: string): ShareParts {
  let parts = CONFIDENCES.get(confidence);
  if (!parts) {
    parts = shareParts(confidence);
    if (CONFIDENCES.size < 1000) CONFIDENCES.set(confidence, parts);
  }
  return parts;
}

function summarise(
  result: CostsRead,
  lines: Map<string, SynergyLine>,
  outcomes: SynergyOutcome[],
  /** The result is the budget (outside.ts): without what partners deliver, with the coordination. */
  budget = false,
  /** result's lines by id, every line an outcome covered among them (runStages'), or null. */
  knownLines: ReadonlyMap<string, LineResult> | null = null,
): SynergyResult {
  const D = result.durationMonths;
  const { coveredInside, coveredOutside, covered, coordination, grossLines, net } = netTotals(
    result,
    lines,
    outcomes,
    budget,
  );
  const expected = net + expectedRisk(outcomes);
  // (Σ from 0, left to right, as sumOf.)
  let leveraged = 0;
  let addedBeneficiaries = 0;
  for (const o of outcomes) leveraged += o.leveraged;
  for (const o of outcomes) addedBeneficiaries += o.addedBeneficiaries;

  // Drop-out per partner: its synergies' covered amounts, by year and by the lines' funding splits.
  // Only the lines some synergy covered are looked up (built when the first is: none, nothing built).
  let lineResults: ReadonlyMap<string, LineResult> | null = knownLines;
  const lineResult = (id: string): LineResult | undefined => {
    if (!lineResults) {
      const found = new Map<string, LineResult>();
      const wanted = new Set<string>();
      for (const o of outcomes) for (const lineId in o.byLine) wanted.add(lineId);
      for (const l of result.lines) if (wanted.has(l.lineId)) found.set(l.lineId, l);
      lineResults = found;
    }
    return lineResults.get(id);
  };
  const partners = new Map<string, PartnerDropOut>();
  const years = Math.ceil(D / 12);
  // A line's split, read into these (the funders, and their weights: amounts, at least 0).
  const funders: string[] = [];
  const weights: number[] = [];
  for (const o of outcomes) {
    if (o.coveredTotal === 0) continue;
    let d = partners.get(o.partnerId);
    if (!d) {
      d = { partnerId: o.partnerId, total: 0, byYear: zeros(years), byFunder: {} };
      partners.set(o.partnerId, d);
    }
    d.total += o.coveredTotal;
    addByYear(d.byYear, o.covered);
    // What this synergy covered of each line goes to that line's sources, by its split.
    for (const lineId in o.byLine) {
      const amount = o.byLine[lineId] as number;
      const split = lineResult(lineId)?.byFunder;
      if (split === undefined) continue;
      // (for…in: the split's own keys in Object.entries' order; a byFunder is a plain record.)
      let n = 0;
      for (const funder in split) {
        funders[n] = funder;
        weights[n] = Math.max(0, split[funder] as number);
        n++;
      }
      if (n === 0) continue;
      funders.length = n;
      weights.length = n;
      // The same largest-remainder parts, in doubles where that is exact (money's allocateSafe).
      const parts =
        allocateSafe(amount, weights) ??
        allocate(
          BigInt(amount),
          weights.map((w) => BigInt(w)),
        ).map(Number);
      const byFunder = d.byFunder;
      for (let i = 0; i < n; i++) {
        const funder = funders[i] as string;
        byFunder[funder] = (byFunder[funder] ?? 0) + (parts[i] ?? 0);
      }
    }
  }
  return {
    lines: valuesOf(lines),
    synergies: outcomes,
    partners: valuesOf(partners),
    totals: {
      gross: grossLines + coordination,
      coveredInside,
      coveredOutside,
      covered,
      coordination,
      net,
      leveraged,
      expected,
      worstCase: grossLines + coordination,
      leverage: net === 0 ? null : (covered + leveraged) / net,
      addedBeneficiaries,
    },
  };
}

/**
 * Adds each month of `covered` to its programme year in `byYear` (month index m is in year
 * ⌊m ÷ 12⌋, programmeYear's), the months of a year in order, and only months with something
 * covered (the same additions, in the same order, as month by month).
 */
function addByYear(byYear: number[], covered: readonly number[]): void {
  const n = covered.length;
  for (let y = 0, m = 0; m < n; y++) {
    const end = Math.min(n, m + 12);
    let sum = byYear[y] as number;
    let added = false;
    for (; m < end; m++) {
      const c = covered[m] as number;
      if (c === 0) continue;
      sum += c;
      added = true;
    }
    if (added) byYear[y] = sum;
  }
}

/** A map's values in order, in an array made at its length. */
function valuesOf<T>(map: ReadonlyMap<string, T>): T[] {
  const out = new Array<T>(map.size);
  let i = 0;
  for (const v of map.values()) out[i++] = v;
  return out;
}

/**
 * Decision: what a synergy inside the budget covers (co-financing, cost sharing, matching in 'share'
 * mode, handover) is paid by the funding source the synergy names. On each line, that amount moves
 * from the line's own split (in proportion to it, largest remainder) to that source, in the line's
 * byFunder and in the programme's: a handover is then a schedule of the government's part, year by
 * year, not a flat split. Indirect costs and contingency stay with the split of the lines they are
 * computed on. A synergy that names no source, or a source no longer in the programme, leaves the
 * split as it is. Gives new line results and a new byFunder; the costs phase's own are kept by the
 * engine between computes and are never changed. Sums are kept: each line's byFunder still adds up
 * to its total, and the programme's to the grand total.
 */
/** What moves to funders on one line: `amounts[i]` to `to[i]`. */
interface Moves {
  to: string[];
  amounts: number[];
}

export function fundByPartners(
  result: CostResult,
  funderIds: ReadonlySet<string>,
  synergies: readonly Synergy[],
  sy: SynergyResult,
): Pick<CostResult, 'lines' | 'byFunder'> | null {
  // Line id -> what moves to each funder (in the order the funders first come, amounts summed).
  const moves = new Map<string, Moves>();
  const byId = new Map<string, Synergy>();
  for (const s of synergies) byId.set(s.id, s);
  for (const o of sy.synergies) {
    const s = byId.get(o.synergyId);
    if (!s || s.funderId === null || !funderIds.has(s.funderId)) continue;
    if (synergyPlacement(s.effect.type) !== 'inside') continue;
    const to = s.funderId;
    // (for…in: byLine's own keys in Object.entries' order; it is a plain record.)
    for (const lineId in o.byLine) {
      const amount = o.byLine[lineId] as number;
      if (amount === 0) continue;
      let m = moves.get(lineId);
      if (!m) {
        m = { to: [], amounts: [] };
        moves.set(lineId, m);
      }
      const k = m.to.indexOf(to);
      if (k < 0) {
        m.to.push(to);
        m.amounts.push(amount);
      } else m.amounts[k] = (m.amounts[k] as number) + amount;
    }
  }
  if (moves.size === 0) return null;
  const byFunder: Record<string, number> = { ...result.byFunder };
  // The line's own split's funders and what is left of each (Object.keys' order), and the
  // indexes of those with something left: read into these, line by line.
  const ids: string[] = [];
  const left: number[] = [];
  const open: number[] = [];
  const weights: number[] = [];
  const lines = result.lines.map((l) => {
    const m = moves.get(l.lineId);
    if (!m) return l;
    const own: Record<string, number> = { ...l.byFunder };
    // Taken from the line's own split only (what earlier synergies moved stays where they put it).
    let n = 0;
    for (const id in l.byFunder) {
      ids[n] = id;
      left[n] = l.byFunder[id] ?? 0;
      n++;
    }
    for (let j = 0; j < m.to.length; j++) {
      const to = m.to[j] as string;
      const amount = m.amounts[j] as number;
      let k = 0;
      for (let i = 0; i < n; i++) {
        const w = left[i] as number;
        if (w > 0) {
          open[k] = i;
          weights[k] = w;
          k++;
        }
      }
      weights.length = k;
      const parts =
        k === 0
          ? []
          : (allocateSafe(amount, weights) ??
            allocate(
              BigInt(amount),
              weights.map((w) => BigInt(w)),
            ).map(Number));
      for (let x = 0; x < k; x++) {
        const i = open[x] as number;
        const id = ids[i] as string;
        const part = parts[x] ?? 0;
        left[i] = (left[i] as number) - part;
        own[id] = (own[id] ?? 0) - part;
        byFunder[id] = (byFunder[id] ?? 0) - part;
      }
      own[to] = (own[to] ?? 0) + amount;
      byFunder[to] = (byFunder[to] ?? 0) + amount;
    }
    return { ...l, byFunder: own };
  });
  return { lines, byFunder };
}
