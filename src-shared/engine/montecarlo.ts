/**
 * Monte-Carlo runs (DESIGN §6, issue 10 item 5): each draw moves every parameter that has a range
 * by a factor drawn from its triangular range (sensitivity.ts: keyParameters, parameterOverlay),
 * computes the programme so moved, and keeps its total (all in) and its net cost.
 *
 * This file is pure and knows nothing of threads: `monteCarloDraws` computes any contiguous run of
 * draws [from, to) on one engine, so main's worker threads (src-main/documents/montecarlo-pool.ts),
 * the window's Web Worker and the tests split a run into chunks as they like and put the chunks
 * back together in draw order (`summarizeDraws`); `monteCarlo` is the whole run in one go.
 *
 * Decision: every draw has a random stream of its own, so that a draw's numbers do not depend on
 *   which draws were computed before it, nor where: draw d of a run with seed s uses the generator
 *   seededRandom(drawSeed(s, d)) (mulberry32), whose k-th value draws the k-th ranged parameter
 *   (in the order of the key parameters). drawSeed(s, d) = mix32(mix32(s) + d mod 2^32), with mix32
 *   Chris Wellons' 32-bit hash "lowbias32" (hash-prospector): x ^= x >>> 16, x × 0x7feb352d,
 *   x ^= x >>> 15, x × 0x846ca68b, x ^= x >>> 16, in 32-bit integer arithmetic. mix32 is a
 *   bijection, so two draws of a run never share a stream's seed, and everything is integer
 *   arithmetic: the same seed gives the same draws, to the cent, on every machine and with any
 *   number of workers. (Before, one generator ran through all the draws in turn: a draw's numbers
 *   then depended on every draw before it, and a run could not be split.) Two draws' streams are
 *   the same generator started at unrelated points of its 2^32-long cycle: when their seeds lie
 *   fewer steps apart than there are ranged parameters, part of one draw's values reappears in the
 *   other's, shifted by those steps (so for other parameters). With 30 parameters that happens to
 *   about one pair of draws in a run of 10,000 (5 × 10^7 pairs, 59 / 2^32 each); it pairs no
 *   parameter with itself and moves no percentile measurably.
 * Decision: a range must be 0 ≤ low ≤ likely ≤ high ≤ MAX_FACTOR (the file's ranges are within
 *   that, src-shared/model/scenarios.ts): a negative factor would make negative arrivals or rates,
 *   and the factors are written with 6 decimals, as whole millionths.
 * Decision: a draw's model is what resolve(model, mergeOverlays(the parameters' overlays)) gives,
 *   built directly (DrawModels): the moves are worked out once per run (which object and field
 *   each parameter moves, its baseline value as an exact decimal), and each draw copies only the
 *   objects it moves, keeping every other part of the model (lines, profiles, currencies, the
 *   programme when no range touches it) the same objects, so the engine reuses what they compute.
 *   The values are the same exact decimals and rounded whole numbers as parameterOverlay's
 *   (tests/unit/montecarlo.test.ts checks the models are equal, and each draw's numbers equal a
 *   fresh engine's on the model resolved the long way).
 */
import { decimalToRational, roundHalfAwayParts, roundHalfAwayWhole } from '../money';
import { type BudgetLine, type Currency, type Model, type Profile, type Synergy, synergyConfidence } from '../model';
import { createEngine, type Engine } from './compute';
import { type KeyParameter, type Range, seededRandom, triangular } from './sensitivity';

/** mix32 ("lowbias32", C. Wellons): a bijective 32-bit integer hash. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The seed of draw `draw`'s own generator in a run seeded `seed` (see the Decision above). */
export function drawSeed(seed: number, draw: number): number {
  return mix32((mix32(seed) + draw) >>> 0);
}

/** The largest factor a range may reach (a parameter 1,000 times its value is not a range, it is a typo). */
const MAX_FACTOR = 1000;

/** A parameter that has a range in this run, and its range. */
export interface RangedParameter {
  parameter: KeyParameter;
  range: Range;
}

/**
 * The parameters of `params` that `ranges` gives a range to, in the order of `params` (the order
 * in which a draw's generator draws them). Throws a RangeError that says what to fix when a range
 * is not low ≤ likely ≤ high, between 0 and MAX_FACTOR.
 */
export function rangedParameters(
  params: readonly KeyParameter[],
  ranges: ReadonlyMap<string, Range>,
): RangedParameter[] {
  const out: RangedParameter[] = [];
  for (const parameter of params) {
    const range = ranges.get(parameter.id);
    if (!range) continue;
    const { low, likely, high } = range;
    const ok =
      Number.isFinite(low) &&
      Number.isFinite(likely) &&
      Number.isFinite(high) &&
      low >= 0 &&
      low <= likely &&
      likely <= high &&
      high <= MAX_FACTOR;
    if (!ok) {
      throw new RangeError(
        `The range of ${parameter.id} (low ${low}, likely ${likely}, high ${high}) cannot be drawn from: ` +
          `give factors with 0 ≤ low ≤ likely ≤ high ≤ ${MAX_FACTOR} (1 is the parameter's value).`,
      );
    }
    out.push({ parameter, range });
  }
  return out;
}

/**
 * The factors of draw `draw` (one per ranged parameter, in order) as whole millionths: each is the
 * triangular draw written with 6 decimals (toFixed(6), exact by the language's definition), read
 * back as the whole number of millionths it writes. 1.2 is 1,200,000.
 */
export function drawFactors(seed: number, draw: number, ranged: readonly RangedParameter[], into?: number[]): number[] {
  const out = into ?? new Array<number>(ranged.length);
  const random = seededRandom(drawSeed(seed, draw));
  for (let k = 0; k < ranged.length; k++) {
    const text = triangular(random(), (ranged[k] as RangedParameter).range).toFixed(6);
    // "d.dddddd" (ranges are checked to lie in [0, MAX_FACTOR]): its digits without the point.
    out[k] = Number(text.slice(0, -7) + text.slice(-6));
  }
  return out;
}

/** A factor in millionths written as parameterOverlay takes it ("1.200000"). */
export function factorText(millionths: number): string {
  const whole = Math.floor(millionths / MILLION);
  return `${whole}.${String(millionths - whole * MILLION).padStart(6, '0')}`;
}

const MILLION = 1_000_000;
const MILLION_N = 1_000_000n;

/**
 * n × f ÷ 10^6 for whole numbers n and f ≥ 0, rounded by THE rule (ties away from zero):
 * scaleWhole of sensitivity.ts, without rationals (in doubles while n × f is a safe integer).
 */
function scaleWholeBy(n: number, f: number): number {
  const p = n * f;
  if (Number.isSafeInteger(p)) return roundHalfAwayWhole(p, MILLION);
  return Number(roundHalfAwayParts(BigInt(n) * BigInt(f), MILLION_N));
}

/** An exact decimal as digits and scale (value = digits ÷ 10^scale), read once per run. */
interface DecimalParts {
  digits: bigint;
  scale: number;
}

function decimalParts(s: string): DecimalParts {
  const r = decimalToRational(s);
  if (!r) throw new RangeError(`not a decimal: ${JSON.stringify(s)}`);
  // decimalToRational gives digits ÷ 10^(number of decimals), unreduced.
  const dot = s.indexOf('.');
  return { digits: r.n, scale: dot < 0 ? 0 : s.length - dot - 1 };
}

/**
 * The canonical decimal text of digits ÷ 10^scale (no trailing zeros, "0" for zero): what
 * rationalToDecimal writes for that value.
 */
function decimalText(digits: bigint, scale: number): string {
  if (digits === 0n) return '0';
  let n = digits;
  let k = scale;
  while (k > 0 && n % 10n === 0n) {
    n /= 10n;
    k--;
  }
  const neg = n < 0n;
  let text = (neg ? -n : n).toString();
  if (k > 0) {
    text = text.padStart(k + 1, '0');
    text = `${text.slice(0, -k)}.${text.slice(-k)}`;
  }
  return neg ? `-${text}` : text;
}

/** value × f ÷ 10^6 as an exact decimal: scaleDecimal of sensitivity.ts. */
function scaleDecimalBy(value: DecimalParts, f: number): string {
  return decimalText(value.digits * BigInt(f), value.scale + 6);
}

/**
 * How one parameter moves the draft of a draw's model (the draft's objects are copies of the
 * model's, made for this draw; `f` is the factor in millionths).
 */
type Move = (draft: Draft, f: number) => void;

interface Draft {
  programme: Model['programme'];
  profiles: Profile[];
  currencies: Currency[];
  lines: BudgetLine[];
  synergies: Synergy[];
}

/**
 * The models of a run's draws, built directly (see the second Decision at the top): model(f)
 * gives the model with each ranged parameter moved by its factor f[k] (millionths).
 */
export class DrawModels {
  private readonly moves: Move[] = [];
  /** The indexes of the objects some parameter moves, by part (each copied once per draw). */
  private readonly touched = {
    programme: false,
    profiles: new Set<number>(),
    currencies: new Set<number>(),
    lines: new Set<number>(),
    synergies: new Set<number>(),
  };

  constructor(
    readonly base: Model,
    ranged: readonly RangedParameter[],
  ) {
    for (const { parameter } of ranged) this.moves.push(this.moveOf(parameter));
  }

  /** The model of a draw whose factors are `factors` (millionths, one per ranged parameter). */
  model(factors: readonly number[]): Model {
    const base = this.base;
    const t = this.touched;
    const copyAt = <T extends object>(list: T[], at: ReadonlySet<number>): T[] => {
      if (at.size === 0) return list;
      const out = list.slice();
      for (const i of at) out[i] = { ...(list[i] as T) };
      return out;
    };
    const draft: Draft = {
      programme: t.programme ? { ...base.programme } : base.programme,
      profiles: copyAt(base.profiles, t.profiles),
      currencies: copyAt(base.currencies, t.currencies),
      lines: copyAt(base.lines, t.lines),
      synergies: copyAt(base.synergies, t.synergies),
    };
    for (let k = 0; k < this.moves.length; k++) (this.moves[k] as Move)(draft, factors[k] as number);
    if (
      draft.programme === base.programme &&
      draft.profiles === base.profiles &&
      draft.currencies === base.currencies &&
      draft.lines === base.lines &&
      draft.synergies === base.synergies
    ) {
      return base;
    }
    return { ...base, ...draft };
  }

  /** What parameterOverlay(model, p, factor) does, as a move (nothing when p's target is not there). */
  private moveOf(p: KeyParameter): Move {
    const { base: model, touched } = this;
    const none: Move = () => undefined;
    switch (p.kind) {
      case 'arrivals': {
        const at = model.profiles.findIndex((x) => x.id === p.target);
        if (at < 0) return none;
        touched.profiles.add(at);
        const { arrivals, monthly } = model.profiles[at] as Profile;
        return (d, f) => {
          const profile = d.profiles[at] as Profile;
          profile.arrivals = scaleWholeBy(arrivals, f);
          profile.monthly = monthly.map((n) => scaleWholeBy(n, f));
        };
      }
      case 'duration': {
        const at = model.profiles.findIndex((x) => x.id === p.target);
        if (at < 0) return none;
        touched.profiles.add(at);
        const months = (model.profiles[at] as Profile).durationMonths;
        return (d, f) => {
          (d.profiles[at] as Profile).durationMonths = Math.max(1, scaleWholeBy(months, f));
        };
      }
      case 'exchangeRate': {
        const at = model.currencies.findIndex((x) => x.code === p.target);
        if (at < 0) return none;
        touched.currencies.add(at);
        const rates = (model.currencies[at] as Currency).rates.map(decimalParts);
        return (d, f) => {
          (d.currencies[at] as Currency).rates = rates.map((r) => scaleDecimalBy(r, f));
        };
      }
      case 'inflation': {
        if (p.target === model.programme.reportingCurrency) {
          touched.programme = true;
          const inflation = decimalParts(model.programme.inflation);
          return (d, f) => {
            d.programme.inflation = scaleDecimalBy(inflation, f);
          };
        }
        const at = model.currencies.findIndex((x) => x.code === p.target);
        if (at < 0) return none;
        touched.currencies.add(at);
        const inflation = decimalParts((model.currencies[at] as Currency).inflation);
        return (d, f) => {
          (d.currencies[at] as Currency).inflation = scaleDecimalBy(inflation, f);
        };
      }
      case 'indirectRate': {
        touched.programme = true;
        const rate = decimalParts(model.programme.indirectRate);
        return (d, f) => {
          d.programme.indirectRate = scaleDecimalBy(rate, f);
        };
      }
      case 'contingencyRate': {
        touched.programme = true;
        const rate = decimalParts(model.programme.contingencyRate);
        return (d, f) => {
          d.programme.contingencyRate = scaleDecimalBy(rate, f);
        };
      }
      case 'unitCost': {
        const at = model.lines.findIndex((x) => x.id === p.target);
        if (at < 0) return none;
        touched.lines.add(at);
        const unitCost = (model.lines[at] as BudgetLine).unitCost;
        return (d, f) => {
          (d.lines[at] as BudgetLine).unitCost = scaleWholeBy(unitCost, f);
        };
      }
      case 'confidence': {
        const at = model.synergies.findIndex((x) => x.id === p.target);
        if (at < 0) return none;
        touched.synergies.add(at);
        const c = decimalParts(synergyConfidence(model.synergies[at] as Synergy));
        const den = 10n ** BigInt(c.scale + 6);
        return (d, f) => {
          const n = c.digits * BigInt(f);
          // As parameterOverlay decides it: the product's value as a double, above 1 kept at 1.
          (d.synergies[at] as Synergy).confidence = Number(n) / Number(den) > 1 ? '1' : decimalText(n, c.scale + 6);
        };
      }
    }
  }
}

/** The totals and net costs of draws from ... to − 1, in draw order. */
export interface DrawBatch {
  from: number;
  to: number;
  totals: number[];
  nets: number[];
}

/**
 * Draws from ... to − 1 of a run seeded `seed` (draw d is the same whatever else is computed, see
 * the Decision at the top), on `engine` (by default one that keeps the lines of the last draw only:
 * a draw that moves the caseload or a rate has lines of its own, and those of earlier draws would
 * only hold memory). `onDraw` is told how many of these draws are done (for a
 * progress bar) and may return false to stop (cancel): null is then returned.
 */
export function monteCarloDraws(
  model: Model,
  ranges: ReadonlyMap<string, Range>,
  params: readonly KeyParameter[],
  seed: number,
  from: number,
  to: number,
  onDraw?: (done: number) => boolean | void,
  engine: Engine = createEngine({ contexts: 1 }),
): DrawBatch | null {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from) {
    throw new RangeError(`Draws ${from} to ${to} are not a run of draws: give whole numbers with 0 ≤ from ≤ to.`);
  }
  const ranged = rangedParameters(params, ranges);
  const models = new DrawModels(model, ranged);
  const totals = new Array<number>(to - from);
  const nets = new Array<number>(to - from);
  const factors = new Array<number>(ranged.length);
  for (let d = from; d < to; d++) {
    drawFactors(seed, d, ranged, factors);
    const o = engine.outcome(models.model(factors));
    totals[d - from] = o.total;
    nets[d - from] = o.net;
    if (onDraw && onDraw(d - from + 1) === false) return null;
  }
  return { from, to, totals, nets };
}

export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
}

export interface MonteCarloResult {
  draws: number;
  seed: number;
  total: Percentiles;
  net: Percentiles;
  /** The draws' totals (all in), in draw order. */
  totals: number[];
  nets: number[];
}

/** Nearest-rank percentile of sorted whole numbers (the value of one draw). */
function nearestRank(sorted: Float64Array, p: number): number {
  const k = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[k - 1] as number;
}

function percentiles(xs: readonly number[]): Percentiles {
  // A typed array sorts numerically (whole minor units, well within 2^53).
  const sorted = Float64Array.from(xs).sort();
  return sorted.length === 0
    ? { p10: 0, p50: 0, p90: 0 }
    : { p10: nearestRank(sorted, 10), p50: nearestRank(sorted, 50), p90: nearestRank(sorted, 90) };
}

/**
 * A run's result from its draws' totals and nets in draw order (chunks put back together):
 * percentiles by nearest rank, each one the total of one draw, exact to the cent.
 */
export function summarizeDraws(seed: number, totals: readonly number[], nets: readonly number[]): MonteCarloResult {
  if (totals.length !== nets.length) {
    throw new RangeError(`${totals.length} totals and ${nets.length} net costs: give one of each per draw.`);
  }
  return {
    draws: totals.length,
    seed,
    total: percentiles(totals),
    net: percentiles(nets),
    totals: [...totals],
    nets: [...nets],
  };
}

/**
 * A seeded Monte-Carlo run in this thread: draws 0 … draws − 1 (monteCarloDraws), summarised.
 * `onDraw` is told of each draw done and may return false to stop (cancel): the run then returns
 * null.
 */
export function monteCarlo(
  model: Model,
  ranges: ReadonlyMap<string, Range>,
  draws: number,
  seed: number,
  params: readonly KeyParameter[],
  onDraw?: (done: number) => boolean | void,
  engine: Engine = createEngine({ contexts: 1 }),
): MonteCarloResult | null {
  const batch = monteCarloDraws(model, ranges, params, seed, 0, draws, onDraw, engine);
  return batch && summarizeDraws(seed, batch.totals, batch.nets);
}
