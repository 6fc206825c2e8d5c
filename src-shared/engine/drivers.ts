/**
 * Quantity drivers: how many units a line buys in each programme month (DESIGN §3). The meaning
 * of every driver is written down here, once. Where DESIGN.md is silent or ambiguous, the decision
 * taken is marked "Decision".
 *
 * Common to all: a driver has a window, months start..end (1-based, inclusive). A line buys
 * nothing outside its window, nor outside the programme; a window that reaches beyond the
 * programme raises `window.outside` on the line (its months inside still count). `profileIds`
 * empty means every returnee profile; an id that names no profile raises `profile.unknown` and is
 * ignored. Quantities stay exact (scaled integers or rationals, plan.ts) until money is rounded in
 * the amounts phase (amounts.ts).
 *
 * fixed          q units: `once` in month start; `spread` evenly, q ÷ n in each of the n months of
 *                the window; `monthly` q in every month of the window.
 * perArrival     q × take-up × arrivals of the chosen profiles in month m − offset, bought in
 *                month m (m inside the window). Arrivals are counted in the profile's unit:
 *                persons, or households for household profiles ("per arriving returnee (or
 *                household)", DESIGN §3). Decision: arrivals whose purchase month would fall
 *                after the window or the programme are not bought.
 * perActiveCase  q × active cases of the chosen profiles in month m (follow-up, case management,
 *                monitoring), for m in the window. Cases in profile units.
 * staffing       clamp(ceil(active cases ÷ cases per staff), min, max) staff in every month of the
 *                window (max null = no maximum). Decision: `min` applies in every window month,
 *                even with no cases (a team is kept while the window runs).
 * perCommunity   q × programme.communities units, scheduled as `fixed` (once / spread / monthly).
 * perProject     ceil(returnees ÷ returnees per project) projects, where returnees = all arrivals
 *                of the chosen profiles over the programme, in PERSONS (units × persons per unit);
 *                scheduled once (in start) or spread over the window.
 * percentage     amount (not units): rate × the base, month by month, where the base is the
 *                rounded amounts of every line of the chosen levels plus the chosen lines, never
 *                the line itself. Decision: the base is direct cost only (indirect costs and
 *                contingency are computed after, on top). A percentage line may take other
 *                percentage lines in its base; a line that depends on itself, directly or through
 *                others, raises `percentage.cycle` and costs nothing (no crash, no hang). Its unit
 *                cost and currency are not used: amounts are in the reporting currency.
 */
import { add, dec, fromInt, mul, rat, type Rational, ZERO, ceil } from '../money';
import {
  type BudgetLine,
  type Driver,
  type FixedDriver,
  lineEnd,
  type Model,
  type PerActiveCaseDriver,
  type PerArrivalDriver,
  type PerCommunityDriver,
  type PerProjectDriver,
  type Profile,
  type StaffingDriver,
} from '../model';
import { ceilDiv, PlanBuilder, type QuantityPlan } from './plan';
import type { CaseloadSeries, Diagnostic } from './result';

export type { QuantityPlan } from './plan';

export interface CaseloadIndex {
  byId: Map<string, { profile: Profile; series: CaseloadSeries }>;
  all: { profile: Profile; series: CaseloadSeries }[];
  /** Arrivals or active cases summed over a choice of profiles, once per choice and compute. */
  sums: Map<string, number[]>;
  /** The persons of a choice of profiles (perProject) and their text, once per choice and compute. */
  persons: Map<string, { persons: Rational; text: string }>;
}

/**
 * profile.unknown for each of `ids` that no profile has. No list is made: a line's profiles are
 * looked up only when its sums are not known yet for that choice (selected, from sumSeries and
 * personsOf), which is once per choice and compute.
 */
function checkProfiles(
  ids: readonly string[],
  caseload: CaseloadIndex,
  line: BudgetLine,
  diagnostics: Diagnostic[],
): void {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as string;
    if (!caseload.byId.has(id)) {
      diagnostics.push({ severity: 'error', code: 'profile.unknown', lineId: line.id, params: { profileId: id } });
    }
  }
}

/** The profiles of `ids` that exist (every profile when there are none). */
function selected(ids: readonly string[], caseload: CaseloadIndex): Chosen {
  if (ids.length === 0) return caseload.all;
  const out: Chosen = [];
  for (const id of ids) {
    const p = caseload.byId.get(id);
    if (p) out.push(p);
  }
  return out;
}

/** The persons (units × persons per unit) of the chosen profiles, exact, and as derivation text. */
function personsOf(caseload: CaseloadIndex, ids: readonly string[]): { persons: Rational; text: string } {
  // JSON: no two lists of ids share a key (not even [] and [''], or ['a,b'] and ['a', 'b']).
  const memo = ids.length === 0 ? '[]' : JSON.stringify(ids);
  const known = caseload.persons.get(memo);
  if (known) return known;
  let persons: Rational = ZERO;
  for (const p of selected(ids, caseload)) {
    persons = add(persons, mul(fromInt(p.series.totalArrivals), dec(p.profile.personsPerUnit)));
  }
  const out = { persons, text: ratToString(persons) };
  caseload.persons.set(memo, out);
  return out;
}

/**
 * The memo key of a list of profile ids ("arrivals:a,b", "active:a,b"). A driver's profile ids are
 * [A-Za-z0-9_-] (idList in model.ts), so joined with commas no two lists share a key. Built for
 * each line that asks: a join costs less than the WeakMap by the ids array it replaces, which a new
 * model's lines never hit and whose entries the collector traced as ephemerons at every full
 * collection.
 */
function choiceKey(ids: readonly string[], key: 'arrivals' | 'active'): string {
  return `${key}:${ids.join(',')}`;
}

const TWO_20 = 2n ** 20n;
const TWO_31 = 2n ** 31n;

function sumSeries(
  caseload: CaseloadIndex,
  ids: readonly string[],
  key: 'arrivals' | 'active',
  duration: number,
): number[] {
  // Every profile (most lines): a constant key, whose hash the map does not work out again; a choice
  // of profiles: its text (choiceKey).
  const memo = ids.length === 0 ? (key === 'arrivals' ? 'arrivals:' : 'active:') : choiceKey(ids, key);
  const known = caseload.sums.get(memo);
  if (known) return known;
  const out = new Array<number>(duration).fill(0);
  for (const p of selected(ids, caseload)) {
    const s = p.series[key];
    for (let m = 0; m < duration; m++) out[m] = (out[m] as number) + (s[m] ?? 0);
  }
  caseload.sums.set(memo, out);
  return out;
}

/** Places q per the fixed schedules over [start, last]; spread divides by the planned window length. */
function schedule(
  plan: PlanBuilder,
  q: Rational,
  kind: 'once' | 'spread' | 'monthly',
  start: number,
  end: number,
  duration: number,
): number {
  const last = Math.min(end, duration);
  if (kind === 'once') {
    if (start <= duration) plan.set(start - 1, q);
    return start <= duration ? 1 : 0;
  }
  const each = kind === 'spread' ? rat(q.n, q.d * BigInt(end - start + 1)) : q;
  plan.fill(start - 1, last - 1, each);
  return Math.max(0, last - start + 1);
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function ratToString(r: Rational): string {
  // For derivation text only: exact when the value is a decimal, else 6 decimals.
  if (r.d === 1n) return r.n.toString();
  if (r.n >= 0n && r.n * 1_000_000n <= SAFE && r.d <= SAFE) return millionths(Number(r.n) * 1_000_000, Number(r.d));
  const scaled = (r.n * 1_000_000n) / r.d;
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(7, '0');
  const s = `${digits.slice(0, -6)}.${digits.slice(-6)}`.replace(/\.?0+$/, '');
  return (neg ? '-' : '') + s;
}

/** `num` ÷ `den` (whole numbers, num ≥ 0, both at most 2^53 - 1) in whole millionths, as ratToString writes them. */
function millionths(num: number, den: number): string {
  // An exact integer division in doubles (the quotient corrected by its remainder).
  let q = Math.floor(num / den);
  while (q * den > num) q--;
  while ((q + 1) * den <= num) q++;
  const whole = Math.floor(q / 1_000_000);
  const frac = q - whole * 1_000_000;
  if (frac === 0) return String(whole);
  // The six decimals without their trailing zeros (frac > 0: at least one digit stays), without a
  // regular expression: this runs for most lines of every compute.
  let digits = frac;
  let places = 6;
  while (digits % 10 === 0) {
    digits /= 10;
    places--;
  }
  return `${whole}.${String(digits).padStart(places, '0')}`;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * ratToString(r × k) for a whole number k ≥ 0: the same text, without the bigint product when r's
 * parts and n × k are safe integers (the usual derivation texts: units bought).
 */
function ratTimesToString(r: Rational, k: number): string {
  if (r.n <= SAFE && r.n >= -SAFE && r.d <= SAFE) {
    const n = Number(r.n) * k;
    const d = Number(r.d);
    if (Number.isSafeInteger(n)) {
      if (d === 1) return String(n);
      if (n >= 0 && n * 1_000_000 <= MAX_SAFE) return millionths(n * 1_000_000, d);
    }
  }
  return ratToString(mul(r, fromInt(k)));
}

/**
 * The line's window, checked against the programme: diagnostics for a window outside the
 * programme or ending before it starts (then null: the line buys nothing).
 */
export function checkWindow(
  line: BudgetLine,
  duration: number,
  diagnostics: Diagnostic[],
): { start: number; end: number; last: number } | null {
  const start = line.driver.start;
  const end = lineEnd(line.driver);
  if (start > duration || end > duration) {
    diagnostics.push({ severity: 'error', code: 'window.outside', lineId: line.id, params: { start, end, duration } });
  }
  if (end < start) {
    diagnostics.push({ severity: 'error', code: 'window.endBeforeStart', lineId: line.id, params: { start, end } });
    return null;
  }
  return { start, end, last: Math.min(end, duration) };
}

/** A line's window in the programme: its first and last months, and the last within the programme. */
interface Window {
  start: number;
  end: number;
  last: number;
}

/**
 * The quantity plan of a non-percentage line. Percentage lines are planned by compute(), which
 * knows the other lines' amounts. With `builder` (an engine's, of D months), the plan is built on
 * it: the plan is then read only until the next one is begun on it (PlanBuilder).
 *
 * Decision: each driver's rule is a function of its own (below), so that V8 optimises each apart
 *   (a new Monte-Carlo thread is fast sooner; see totals.ts).
 */
export function planQuantities(
  line: BudgetLine,
  model: Model,
  caseload: CaseloadIndex,
  diagnostics: Diagnostic[],
  builder?: PlanBuilder,
): QuantityPlan {
  const D = model.programme.durationMonths;
  const plan = builder?.months === D ? builder.begin() : new PlanBuilder(D);
  const d: Driver = line.driver;
  const win = checkWindow(line, D, diagnostics);
  if (!win) return plan.finish({ code: d.kind, params: {} });
  switch (d.kind) {
    case 'fixed':
      return fixedPlan(plan, d, win, D);
    case 'perCommunity':
      return perCommunityPlan(plan, d, win, D, model.programme.communities);
    case 'perProject':
      checkProfiles(d.profileIds, caseload, line, diagnostics);
      return perProjectPlan(plan, d, win, D, caseload);
    case 'perArrival':
      checkProfiles(d.profileIds, caseload, line, diagnostics);
      return perArrivalPlan(plan, d, win, D, caseload);
    case 'perActiveCase':
      checkProfiles(d.profileIds, caseload, line, diagnostics);
      return perActiveCasePlan(plan, d, win, D, caseload);
    case 'staffing':
      checkProfiles(d.profileIds, caseload, line, diagnostics);
      return staffingPlan(plan, d, win, D, caseload);
    case 'percentage':
      // Planned in compute(): the quantity of a percentage line is its base amount.
      return plan.finish({ code: 'percentage', params: { rate: d.rate, base: 0 } });
  }
}

type Chosen = { profile: Profile; series: CaseloadSeries }[];

function fixedPlan(plan: PlanBuilder, d: FixedDriver, win: Window, D: number): QuantityPlan {
  const q = dec(d.quantity);
  const months = schedule(plan, q, d.schedule, win.start, win.end, D);
  return plan.finish({ code: 'fixed', params: { quantity: d.quantity, schedule: d.schedule, months } });
}

function perCommunityPlan(
  plan: PlanBuilder,
  d: PerCommunityDriver,
  win: Window,
  D: number,
  communities: number,
): QuantityPlan {
  const q = mul(dec(d.quantity), fromInt(communities));
  schedule(plan, q, d.schedule, win.start, win.end, D);
  return plan.finish({
    code: 'perCommunity',
    params: { communities, quantity: d.quantity, units: ratToString(q), schedule: d.schedule },
  });
}

function perProjectPlan(
  plan: PlanBuilder,
  d: PerProjectDriver,
  win: Window,
  D: number,
  caseload: CaseloadIndex,
): QuantityPlan {
  const { persons, text } = personsOf(caseload, d.profileIds);
  const perProject = dec(d.returneesPerProject);
  const projects = persons.n === 0n ? 0n : ceil(rat(persons.n * perProject.d, persons.d * perProject.n));
  schedule(plan, fromInt(projects), d.schedule, win.start, win.end, D);
  return plan.finish({
    code: 'perProject',
    params: {
      returnees: text,
      returneesPerProject: d.returneesPerProject,
      projects: Number(projects),
      schedule: d.schedule,
    },
  });
}

function perArrivalPlan(
  plan: PlanBuilder,
  d: PerArrivalDriver,
  win: Window,
  D: number,
  caseload: CaseloadIndex,
): QuantityPlan {
  const arrivals = sumSeries(caseload, d.profileIds, 'arrivals', D);
  const factor = mul(dec(d.quantity), dec(d.takeUp));
  let counted = 0;
  for (let m = win.start; m <= win.last; m++) {
    const a = arrivals[m - 1 - d.offset] ?? 0;
    if (m - 1 - d.offset < 0 || a === 0) continue;
    counted += a;
    plan.setMultiple(m - 1, factor, a);
  }
  return plan.finish({
    code: 'perArrival',
    params: {
      arrivals: counted,
      takeUp: d.takeUp,
      quantity: d.quantity,
      units: ratTimesToString(factor, counted),
      offset: d.offset,
    },
  });
}

function perActiveCasePlan(
  plan: PlanBuilder,
  d: PerActiveCaseDriver,
  win: Window,
  D: number,
  caseload: CaseloadIndex,
): QuantityPlan {
  const active = sumSeries(caseload, d.profileIds, 'active', D);
  const q = dec(d.quantity);
  let caseMonths = 0;
  for (let m = win.start; m <= win.last; m++) {
    const a = active[m - 1] as number;
    if (a === 0) continue;
    caseMonths += a;
    plan.setMultiple(m - 1, q, a);
  }
  return plan.finish({
    code: 'perActiveCase',
    params: { caseMonths, quantity: d.quantity, units: ratTimesToString(q, caseMonths) },
  });
}

function staffingPlan(
  plan: PlanBuilder,
  d: StaffingDriver,
  win: Window,
  D: number,
  caseload: CaseloadIndex,
): QuantityPlan {
  const active = sumSeries(caseload, d.profileIds, 'active', D);
  const per = dec(d.casesPerStaff);
  // Cases per staff member as small whole numbers, when they are (then no bigint per month).
  const perD = Number(per.d);
  const perN = Number(per.n);
  const small = per.d < TWO_20 && per.n > 0n && per.n < TWO_31;
  let staffMonths = 0;
  let peakStaff = 0;
  let peakCases = 0;
  for (let m = win.start; m <= win.last; m++) {
    const a = active[m - 1] as number;
    peakCases = Math.max(peakCases, a);
    let staff = small ? ceilDiv(a * perD, perN) : Number(ceil(rat(BigInt(a) * per.d, per.n)));
    staff = Math.max(staff, d.min);
    if (d.max !== null) staff = Math.min(staff, d.max);
    if (staff > 0) plan.setWhole(m - 1, staff);
    staffMonths += staff;
    peakStaff = Math.max(peakStaff, staff);
  }
  return plan.finish({
    code: 'staffing',
    params: {
      peakCases,
      casesPerStaff: d.casesPerStaff,
      min: d.min,
      max: d.max ?? '',
      staffMonths,
      peakStaff,
    },
  });
}

export { ratToString };
