/**
 * Sensitivity and uncertainty (DESIGN §6, issue 10 items 4 and 5), on top of scenario overlays
 * (resolve.ts): each key parameter is moved by a factor through an overlay, and the programme is
 * computed again on one engine (the lines a move does not touch are reused).
 *
 * The key parameters (issue 10, item 4): each profile's arrivals and duration of assistance, each
 * local currency's exchange rate, the inflation of the reporting currency and of each local one,
 * the indirect and contingency rates, the unit costs of the 10 largest lines, and each synergy's
 * confidence.
 *
 * Decision: "the 10 largest unit costs" are those of the 10 lines that cost the most (their totals
 *   in the baseline), since unit costs in different currencies and units do not compare; a
 *   percentage line has no unit cost and is not one of them.
 * Decision: a factor applies exactly to decimals (rates, inflation, confidence, as exact decimal
 *   strings) and is rounded by THE rule (ties away from zero) for whole numbers (arrivals, months of
 *   assistance, unit costs in minor units); a duration never goes below 1 month and a confidence
 *   never above 1.
 * Decision: Monte-Carlo (montecarlo.ts) draws each parameter that has a range from a triangular
 *   distribution (low, likely, high factors), with a seeded generator (mulberry32: 32-bit integer
 *   arithmetic, the same on every machine) and the factor kept to 6 decimals, so the same seed
 *   gives the same draws and the same totals everywhere. Each draw has a generator of its own,
 *   seeded from (seed, draw number) by a fixed 32-bit mix (montecarlo.ts, drawSeed), so that a run
 *   can be split across workers and still give the same numbers for the same seed; issue 10's
 *   first runs drew every draw from one generator in turn, so the same seed now gives other draws
 *   than it did then (no test pinned them). Percentiles are by nearest rank over the draws' totals
 *   (whole minor units: each percentile is the total of one draw, exact to the cent).
 */
import { dec, mul, rat, rationalToDecimal, roundHalfAway, toNumber } from '../money';
import { type Model, synergyConfidence } from '../model';
import { createEngine, type Engine } from './compute';
import { type Overlay, resolve } from './resolve';
import type { ComputeResult } from './result';

export type ParameterKind =
  | 'arrivals'
  | 'duration'
  | 'exchangeRate'
  | 'inflation'
  | 'indirectRate'
  | 'contingencyRate'
  | 'unitCost'
  | 'confidence';

/** A parameter a sensitivity or uncertainty run moves: `target` is a profile, currency, line or synergy id. */
export interface KeyParameter {
  /** kind:target, unique (e.g. "arrivals:p-adult", "exchangeRate:XOF", "indirectRate:"). */
  id: string;
  kind: ParameterKind;
  target: string;
}

const LARGEST_LINES = 10;

function param(kind: ParameterKind, target = ''): KeyParameter {
  return { id: `${kind}:${target}`, kind, target };
}

/** The key parameters of `model` (its baseline result `result` ranks the lines), in a stable order. */
export function keyParameters(model: Model, result: ComputeResult): KeyParameter[] {
  const out: KeyParameter[] = [];
  for (const p of model.profiles) if (p.arrivals > 0 || p.monthly.some((n) => n > 0)) out.push(param('arrivals', p.id));
  for (const p of model.profiles) out.push(param('duration', p.id));
  for (const c of model.currencies)
    if (c.code !== model.programme.reportingCurrency) out.push(param('exchangeRate', c.code));
  out.push(param('inflation', model.programme.reportingCurrency));
  for (const c of model.currencies)
    if (c.code !== model.programme.reportingCurrency) out.push(param('inflation', c.code));
  out.push(param('indirectRate'), param('contingencyRate'));
  const totals = new Map(result.lines.map((l) => [l.lineId, l.total + l.partnerDelivered]));
  const largest = model.lines
    .filter((l) => l.driver.kind !== 'percentage' && l.unitCost > 0)
    .sort((a, b) => (totals.get(b.id) ?? 0) - (totals.get(a.id) ?? 0) || a.id.localeCompare(b.id))
    .slice(0, LARGEST_LINES);
  for (const l of largest) out.push(param('unitCost', l.id));
  for (const s of model.synergies) out.push(param('confidence', s.id));
  return out;
}

/** decimal × factor, exactly (both are exact decimals, so is the product). */
function scaleDecimal(value: string, factor: string): string {
  return rationalToDecimal(mul(dec(value), dec(factor))) ?? value;
}

/** n × factor for a whole number n, rounded by THE rule (roundHalfAway). */
function scaleWhole(n: number, factor: string): number {
  return Number(roundHalfAway(mul(rat(n), dec(factor))));
}

/** The overlay that moves `p` by `factor` (a decimal string: "1.2" is +20 %); {} if `p` is not in `model`. */
export function parameterOverlay(model: Model, p: KeyParameter, factor: string): Overlay {
  switch (p.kind) {
    case 'arrivals': {
      const profile = model.profiles.find((x) => x.id === p.target);
      if (!profile) return {};
      return {
        profiles: {
          [p.target]: {
            arrivals: scaleWhole(profile.arrivals, factor),
            monthly: profile.monthly.map((n) => scaleWhole(n, factor)),
          },
        },
      };
    }
    case 'duration': {
      const profile = model.profiles.find((x) => x.id === p.target);
      if (!profile) return {};
      return {
        profiles: { [p.target]: { durationMonths: Math.max(1, scaleWhole(profile.durationMonths, factor)) } },
      };
    }
    case 'exchangeRate': {
      const c = model.currencies.find((x) => x.code === p.target);
      return c ? { currencies: { [p.target]: { rates: c.rates.map((r) => scaleDecimal(r, factor)) } } } : {};
    }
    case 'inflation': {
      if (p.target === model.programme.reportingCurrency) {
        return { programme: { inflation: scaleDecimal(model.programme.inflation, factor) } };
      }
      const c = model.currencies.find((x) => x.code === p.target);
      return c ? { currencies: { [p.target]: { inflation: scaleDecimal(c.inflation, factor) } } } : {};
    }
    case 'indirectRate':
      return { programme: { indirectRate: scaleDecimal(model.programme.indirectRate, factor) } };
    case 'contingencyRate':
      return { programme: { contingencyRate: scaleDecimal(model.programme.contingencyRate, factor) } };
    case 'unitCost': {
      const line = model.lines.find((x) => x.id === p.target);
      return line ? { lines: { [p.target]: { unitCost: scaleWhole(line.unitCost, factor) } } } : {};
    }
    case 'confidence': {
      const s = model.synergies.find((x) => x.id === p.target);
      if (!s) return {};
      const moved = mul(dec(synergyConfidence(s)), dec(factor));
      const capped = toNumber(moved) > 1 ? '1' : (rationalToDecimal(moved) ?? '1');
      return { synergies: { [p.target]: { confidence: capped } } };
    }
  }
}

/** Merges overlays (their parts by id; a later one wins on the same field). */
export function mergeOverlays(overlays: readonly Overlay[]): Overlay {
  const out: {
    programme?: Overlay['programme'];
    profiles?: Record<string, object>;
    currencies?: Record<string, object>;
    lines?: Record<string, object>;
    synergies?: Record<string, object>;
  } = {};
  for (const o of overlays) {
    if (o.programme) out.programme = { ...out.programme, ...o.programme };
    for (const key of ['profiles', 'currencies', 'lines', 'synergies'] as const) {
      const part = o[key] as Readonly<Record<string, object>> | undefined;
      if (!part) continue;
      const into = (out[key] ??= {});
      for (const [id, v] of Object.entries(part)) into[id] = { ...into[id], ...v };
    }
  }
  return out as Overlay;
}

/** What a run reads of a result: the total (all in) and the net cost asked of the donor. */
export interface Outcome {
  total: number;
  net: number;
}

/** The total with overheads, and the net cost as the key figures give it (direct costs, synergies.ts). */
function outcomeOf(r: ComputeResult): Outcome {
  return { total: r.totals.total, net: r.synergies.totals.net };
}

export interface TornadoRow {
  parameter: KeyParameter;
  low: Outcome;
  high: Outcome;
  /** |high.total − low.total|: the rows are sorted by it, largest first. */
  swing: number;
}

/**
 * How the total (and the net cost) moves when each parameter moves by ± `percent` % (a decimal
 * string: "20" is ± 20 %), the others at their baseline values. Sorted by swing, largest first
 * (ties in the parameters' order).
 */
export function tornado(
  model: Model,
  percent: string,
  params?: readonly KeyParameter[],
  engine: Engine = createEngine(),
): { base: Outcome; rows: TornadoRow[] } {
  // Each computed as far as its total and net cost (Engine.outcome), the baseline in full only when
  // it ranks the parameters.
  let base: Outcome;
  let list: readonly KeyParameter[];
  if (params) {
    base = engine.outcome(model);
    list = params;
  } else {
    const baseResult = engine.compute(model);
    base = outcomeOf(baseResult);
    list = keyParameters(model, baseResult);
  }
  const share = mul(dec(percent), rat(1, 100));
  const down = rationalToDecimal({ n: share.d - share.n, d: share.d }) ?? '1';
  const up = rationalToDecimal({ n: share.d + share.n, d: share.d }) ?? '1';
  const rows = list.map((p, i) => {
    const low = engine.outcome(resolve(model, parameterOverlay(model, p, down)));
    const high = engine.outcome(resolve(model, parameterOverlay(model, p, up)));
    return { parameter: p, low, high, swing: Math.abs(high.total - low.total), order: i };
  });
  rows.sort((a, b) => b.swing - a.swing || a.order - b.order);
  return { base, rows: rows.map(({ order: _order, ...r }) => r) };
}

/** A parameter's range as factors of its baseline value: low ≤ likely ≤ high. */
export interface Range {
  low: number;
  likely: number;
  high: number;
}

/** mulberry32: a 32-bit seeded generator, the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A draw of the triangular distribution (low, likely, high) for u in [0, 1). */
export function triangular(u: number, r: Range): number {
  const { low, likely, high } = r;
  if (high <= low) return low;
  const cut = (likely - low) / (high - low);
  return u < cut
    ? low + Math.sqrt(u * (high - low) * (likely - low))
    : high - Math.sqrt((1 - u) * (high - low) * (high - likely));
}
