/**
 * Caseload per profile and month (DESIGN §3), in the profile's units (persons or households).
 *
 * - Arrivals: the profile's expected arrivals are spread over its arrival window (clipped to the
 *   programme) with largest-remainder allocation, so whole returnees arrive and they add up:
 *     even  — equal weights;
 *     front — weights n, n-1, …, 1 (most arrive early);
 *     back  — weights 1, 2, …, n (most arrive late);
 *     explicit — the monthly numbers as typed (the `arrivals` figure is ignored).
 * - Active cases in month m: arrivals in months m-duration+1 … m (a case is active in its arrival
 *   month and the following duration-1 months).
 * - Cumulative assisted in month m: all arrivals up to and including m.
 */
import { add, allocate, allocateSafe, dec, fromInt, mul, type Rational, toNumber, ZERO } from '../money';
import type { Model, Profile } from '../model';
import type { CaseloadIndex } from './drivers';
import type { CaseloadSeries } from './result';

export interface ProfileCaseload {
  profileId: string;
  arrivals: number[];
  active: number[];
  cumulative: number[];
  /** All arrivals over the programme, in the profile's unit (persons, or households). */
  totalArrivals: number;
}

export function arrivalsPerMonth(
  p: Pick<Profile, 'pattern' | 'monthly' | 'arrivals' | 'arrivalStart' | 'arrivalEnd'>,
  duration: number,
): number[] {
  const out = new Array<number>(duration).fill(0);
  if (p.pattern === 'explicit') {
    for (let m = 0; m < duration; m++) out[m] = p.monthly[m] ?? 0;
    return out;
  }
  const start = Math.max(1, p.arrivalStart);
  const end = Math.min(duration, p.arrivalEnd);
  if (end < start || p.arrivals === 0) return out;
  const parts = spread(p.pattern, p.arrivals, end - start + 1);
  for (let i = 0; i < parts.length; i++) out[start - 1 + i] = parts[i] as number;
  return out;
}

/**
 * `arrivals` spread over `n` months by `pattern` (largest remainder; in doubles where that is exact,
 * allocateSafe giving the same parts as allocate). Kept by (pattern, months, arrivals), bounded like
 * dec()'s memo: a Monte-Carlo run meets the same few hundred arrivals figures again and again.
 */
function spread(pattern: 'even' | 'front' | 'back', arrivals: number, n: number): readonly number[] {
  const key = `${pattern}:${n}:${arrivals}`;
  const known = SPREADS.get(key);
  if (known) return known;
  const weights = new Array<number>(n);
  for (let i = 0; i < n; i++) weights[i] = pattern === 'even' ? 1 : pattern === 'front' ? n - i : i + 1;
  const parts =
    allocateSafe(arrivals, weights) ??
    allocate(
      BigInt(arrivals),
      weights.map((w) => BigInt(w)),
    ).map(Number);
  if (SPREADS.size >= SPREADS_MAX) SPREADS.clear();
  SPREADS.set(key, Object.freeze(parts));
  return parts;
}
const SPREADS = new Map<string, readonly number[]>();
const SPREADS_MAX = 4096;

export function profileCaseload(p: Profile, duration: number): ProfileCaseload {
  const arrivals = arrivalsPerMonth(p, duration);
  const active = new Array<number>(duration).fill(0);
  const cumulative = new Array<number>(duration).fill(0);
  let window = 0;
  let cum = 0;
  for (let m = 0; m < duration; m++) {
    window += arrivals[m] as number;
    const leaving = m - p.durationMonths;
    if (leaving >= 0) window -= arrivals[leaving] as number;
    active[m] = window;
    cum += arrivals[m] as number;
    cumulative[m] = cum;
  }
  return { profileId: p.id, arrivals, active, cumulative, totalArrivals: cum };
}

/**
 * The caseload phase: every profile's series (in position order), indexed for the drivers, and
 * the persons they stand for (units × persons per unit), exact.
 */
export function buildCaseload(model: Model): { index: CaseloadIndex; series: CaseloadSeries[]; persons: Rational } {
  let personsTotal: Rational = ZERO;
  const D = model.programme.durationMonths;
  const byId: CaseloadIndex['byId'] = new Map();
  const all: CaseloadIndex['all'] = [];
  const series: CaseloadSeries[] = [];
  const profiles = [...model.profiles].sort((a, b) => a.position - b.position);
  for (const profile of profiles) {
    const c = profileCaseload(profile, D);
    const personsExact = mul(fromInt(c.totalArrivals), dec(profile.personsPerUnit));
    // The same fields in the same order as { ...c, persons }, written out (no spread per profile).
    const s: CaseloadSeries = {
      profileId: c.profileId,
      arrivals: c.arrivals,
      active: c.active,
      cumulative: c.cumulative,
      totalArrivals: c.totalArrivals,
      persons: toNumber(personsExact),
    };
    personsTotal = add(personsTotal, personsExact);
    byId.set(profile.id, { profile, series: s });
    all.push({ profile, series: s });
    series.push(s);
  }
  return { index: { byId, all, sums: new Map(), persons: new Map() }, series, persons: personsTotal };
}
