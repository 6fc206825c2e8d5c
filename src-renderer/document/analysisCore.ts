/**
 * What the analysis worker does (issue 10, items 3–5), without the Worker around it, so that the
 * in-process fallback and the tests run exactly this: compare 2–4 scenarios, a tornado of the key
 * parameters, a seeded Monte-Carlo run. Every number comes from src-shared/engine (compare.ts,
 * sensitivity.ts) on one engine per request; this file only shapes requests and replies, counts
 * progress and bins the draws. Nothing here touches the DOM.
 *
 * Messages (window → worker): `{ kind, id, payload }`, one request at a time per worker. Replies
 * (worker → window): progress (`done` of `total` steps: computes, or draws for a Monte-Carlo run;
 * about every 1 % and at least every quarter of a second), then one `done` or `failed`, each with
 * the request's id so that the window can drop what answers a request it no longer wants
 * (analysisClient.ts).
 *
 * Decision: amounts cross as the engine's whole minor units (never floats); only Δ % is a float,
 *   for display.
 * Decision: the draws of a Monte-Carlo run do not cross (a million draws would be 16 MB): the
 *   worker sends their percentiles and a histogram of each.
 */
import {
  type Bridge,
  bridge,
  type CompareRow,
  compareTotals,
  type ComputeResult,
  createEngine,
  type DifferingLine,
  differingLines,
  type Engine,
  type KeyParameter,
  keyParameters,
  type MissingTarget,
  monteCarlo,
  monteCarloDraws,
  type MonteCarloResult,
  type Outcome,
  type Percentiles,
  type Range,
  resolveScenario,
  summarizeDraws,
  tornado,
  type TornadoRow,
} from '../../src-shared/engine';
import type { Level, Model, Overlay, ParameterRange } from '../../src-shared/model';
import { differingFindings, type FindingDifference, runChecks } from '../../src-shared/checks';
import { DEFAULT_BINS, MAX_DRAWS, MAX_SEED } from './analysisLimits';

export interface CompareRequest {
  /** The programme itself: the model every overlay applies to. */
  baseline: Model;
  /** 2 to 4 scenarios, the reference first: an overlay, or null for the baseline. */
  overlays: (Overlay | null)[];
  /** Bridges to compute, as pairs of indexes in `overlays` (from, to). */
  bridges: [number, number][];
  /** What the window calls each overlay (a scenario's id, '' for the baseline); the worker does not read it. */
  keys?: string[];
}

export interface TornadoRequest {
  model: Model;
  /** ± this many percent, an exact decimal string ("20"). */
  percent: string;
}

export interface MonteCarloRequest {
  model: Model;
  ranges: ParameterRange[];
  /** 1 to 1,000,000. */
  draws: number;
  /** 0 to 4294967295. */
  seed: number;
  /** Bars of each histogram (at most; fewer when the draws span fewer minor units). */
  bins?: number;
}

/** What each scenario of a comparison gives the charts. */
export interface ScenarioFigures {
  total: number;
  direct: number;
  indirect: number;
  contingency: number;
  byLevel: Record<Level, number>;
  /** funder id ('' = unfunded) -> minor units. */
  byFunder: Record<string, number>;
  /** Per programme month, direct + indirect + contingency. */
  monthly: number[];
}

export interface CompareOutcome {
  currency: string;
  startMonth: string;
  rows: CompareRow[];
  lines: DifferingLine[];
  /** In the order of the request's pairs. */
  bridges: Bridge[];
  figures: ScenarioFigures[];
  /** Per scenario: overrides that no longer fit the baseline (left out of it). */
  missing: MissingTarget[][];
  /** The checks' findings that are not the same in every scenario (issue 10, item 6). */
  findings: FindingDifference[];
}

export interface TornadoOutcome {
  currency: string;
  percent: string;
  base: Outcome;
  /** Sorted by swing, largest first. */
  rows: TornadoRow[];
  /** The key parameters in their stable order (the uncertainty table lists them so). */
  params: KeyParameter[];
  /** The model has synergies: the net cost differs from the gross and is shown too. */
  hasSynergies: boolean;
}

/** One bar of a histogram: the draws whose value v is in [from, to) (whole minor units). */
export interface Bin {
  from: number;
  to: number;
  count: number;
}

export interface MonteCarloOutcome {
  currency: string;
  draws: number;
  seed: number;
  /** How many key parameters carried a range (were drawn). */
  ranged: number;
  total: Percentiles;
  net: Percentiles;
  totalBins: Bin[];
  netBins: Bin[];
  hasSynergies: boolean;
}

export interface Payloads {
  compare: CompareRequest;
  tornado: TornadoRequest;
  montecarlo: MonteCarloRequest;
}
export interface Outcomes {
  compare: CompareOutcome;
  tornado: TornadoOutcome;
  montecarlo: MonteCarloOutcome;
}
export type AnalysisKind = keyof Payloads;
export const ANALYSIS_KINDS: readonly AnalysisKind[] = ['compare', 'tornado', 'montecarlo'];

export type AnalysisRequest = { [K in AnalysisKind]: { kind: K; id: number; payload: Payloads[K] } }[AnalysisKind];
export type AnalysisDone = {
  [K in AnalysisKind]: { type: 'done'; kind: K; id: number; value: Outcomes[K] };
}[AnalysisKind];
export type AnalysisReply =
  | { type: 'progress'; kind: AnalysisKind; id: number; done: number; total: number }
  | AnalysisDone
  | { type: 'failed'; kind: AnalysisKind; id: number; message: string };

/**
 * Calls `post(done)` about every 1 % of `total` steps, at least every `everyMs` while steps go on,
 * and at the last step: often enough for a progress bar, rarely enough not to flood the window.
 */
export function progressTicker(
  total: number,
  post: (done: number) => void,
  now: () => number = Date.now,
  everyMs = 250,
): (done: number) => void {
  const step = Math.max(1, Math.ceil(total / 100));
  let next = step;
  let last = now();
  return (done) => {
    const t = now();
    if (done >= next || done >= total || t - last >= everyMs) {
      next = (Math.floor(done / step) + 1) * step;
      last = t;
      post(done);
    }
  };
}

/**
 * A histogram of whole numbers in at most `bins` bars of equal width (in whole units, the last
 * bar taking what the division leaves): each value is counted in exactly one bar, [from, to).
 */
export function histogram(values: readonly number[], bins = DEFAULT_BINS): Bin[] {
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min + 1;
  const n = Math.max(1, Math.min(Math.floor(bins), span));
  const width = Math.floor(span / n);
  const edges: number[] = [];
  for (let i = 0; i < n; i++) edges.push(min + i * width);
  edges.push(max + 1);
  const out: Bin[] = edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1] as number, count: 0 }));
  for (const v of values) {
    // The last edge ≤ v (binary search): the bar holding v.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((edges[mid] as number) <= v) lo = mid;
      else hi = mid - 1;
    }
    (out[lo] as Bin).count += 1;
  }
  return out;
}

/** An engine that tells `tick` of each compute it makes (progress in computes). */
function counting(engine: Engine, tick: () => void): Engine {
  return {
    compute(model) {
      const r = engine.compute(model);
      tick();
      return r;
    },
    outcome(model) {
      const r = engine.outcome(model);
      tick();
      return r;
    },
  };
}

type Post = (reply: AnalysisReply) => void;

function runCompare(req: CompareRequest, progress: (done: number, total: number) => void): CompareOutcome {
  const overlays = req.overlays.map((o) => o ?? {});
  // A bridge is 6 computes (the first scenario's total, then one per cause).
  const total = overlays.length + 6 * req.bridges.length;
  let done = 0;
  const tick = progressTicker(total, (d) => progress(d, total));
  const engine = counting(createEngine(), () => tick(++done));
  const resolved = overlays.map((o) => resolveScenario(req.baseline, o));
  const results = resolved.map((r) => engine.compute(r.model));
  const first = results[0];
  if (!first) throw new Error('nothing to compare');
  const bridges = req.bridges.map(([a, b]) => bridge(req.baseline, overlays[a] ?? {}, overlays[b] ?? {}, engine));
  // A bridge step whose cause both scenarios override alike needs no compute: the count may stop short.
  if (done < total) progress(total, total);
  return {
    currency: first.currency,
    startMonth: req.baseline.programme.startMonth,
    rows: compareTotals(results),
    lines: differingLines(results, overlays),
    bridges,
    figures: results.map((r) => ({
      total: r.totals.total,
      direct: r.totals.direct,
      indirect: r.totals.indirect,
      contingency: r.totals.contingency,
      byLevel: r.byLevel,
      byFunder: r.byFunder,
      monthly: r.monthly.total,
    })),
    missing: resolved.map((r) => r.missing),
    findings: differingFindings(resolved.map((r, i) => runChecks(r.model, results[i] as ComputeResult))),
  };
}

function runTornado(req: TornadoRequest, progress: (done: number, total: number) => void): TornadoOutcome {
  const engine = createEngine();
  const base = engine.compute(req.model);
  const params = keyParameters(req.model, base);
  // The base again (from the engine's cache), then each parameter down and up.
  const total = 1 + 2 * params.length;
  let done = 0;
  const tick = progressTicker(total, (d) => progress(d, total));
  const t = tornado(
    req.model,
    req.percent,
    params,
    counting(engine, () => tick(++done)),
  );
  return {
    currency: base.currency,
    percent: req.percent,
    base: t.base,
    rows: t.rows,
    params,
    hasSynergies: req.model.synergies.length > 0,
  };
}

/** What every draw of a run starts from: its engine, the model's key parameters and their ranges. */
function monteCarloSetup(req: MonteCarloRequest, engine: Engine = createEngine()) {
  const base = engine.compute(req.model);
  const params = keyParameters(req.model, base);
  const ranges = new Map<string, Range>(
    req.ranges.map((r) => [r.id, { low: Number(r.low), likely: Number(r.likely), high: Number(r.high) }]),
  );
  return { engine, base, params, ranges };
}

/** The outcome the window shows, from a run's draws (every draw, in draw order). */
function monteCarloOutcome(
  req: MonteCarloRequest,
  setup: ReturnType<typeof monteCarloSetup>,
  run: MonteCarloResult,
): MonteCarloOutcome {
  const bins = req.bins ?? DEFAULT_BINS;
  return {
    currency: setup.base.currency,
    draws: run.draws,
    seed: run.seed,
    ranged: setup.params.filter((p) => setup.ranges.has(p.id)).length,
    total: run.total,
    net: run.net,
    totalBins: histogram(run.totals, bins),
    netBins: histogram(run.nets, bins),
    hasSynergies: req.model.synergies.length > 0,
  };
}

function runMonteCarlo(
  req: MonteCarloRequest,
  progress: (done: number, total: number) => void,
): MonteCarloOutcome | null {
  const setup = monteCarloSetup(req);
  const tick = progressTicker(req.draws, (d) => progress(d, req.draws));
  const run = monteCarlo(req.model, setup.ranges, req.draws, req.seed, setup.params, tick, setup.engine);
  return run && monteCarloOutcome(req, setup, run);
}

/**
 * The Monte-Carlo pool's messages (montecarloPool.ts): the window splits a run's draws over a few
 * analysis workers at once and has one of them summarise the whole run.
 * - `mcWarm`: draws of the model, thrown away, for at most `budgetMs` (or `maxDraws` draws), so
 *   that the worker's engine is compiled and optimised before a person runs (V8 runs the engine's
 *   first few hundred draws two to ten times slower). No reply.
 * - `mcChunk`: draws from ... to − 1 of the run `id`; replies `mcProgress` as it goes (draws done
 *   of this chunk), then `mcChunk` with the draws' totals and net costs, in draw order.
 * - `mcSummary`: every draw of the run `id`, in order; replies as a Monte-Carlo request does
 *   (`done` with its outcome, or `failed`).
 * A chunk's refusal or failure is a `failed` reply with the run's id.
 */
export type PoolRequest =
  | { kind: 'mcWarm'; payload: MonteCarloRequest; budgetMs: number; maxDraws: number }
  | { kind: 'mcChunk'; id: number; payload: MonteCarloRequest; from: number; to: number }
  | { kind: 'mcSummary'; id: number; payload: MonteCarloRequest; totals: Float64Array; nets: Float64Array };
export type PoolReply =
  | { type: 'mcProgress'; id: number; done: number }
  | { type: 'mcChunk'; id: number; totals: Float64Array; nets: Float64Array }
  | AnalysisReply;

export function isPoolRequest(message: AnalysisRequest | PoolRequest): message is PoolRequest {
  return message.kind === 'mcWarm' || message.kind === 'mcChunk' || message.kind === 'mcSummary';
}

/** The warm-up going on in this worker (one at a time). */
let warming: { stop: boolean } | null = null;
/** Whether a warm-up is going on in this worker (tests). */
export function warmingNow(): boolean {
  return warming !== null && !warming.stop;
}
/** A warm-up computes its draws in slices of about this many ms, reading messages in between. */
const WARM_SLICE_MS = 20;

/**
 * Draws of the model, thrown away, in slices (each a task of its own), until `budgetMs` or
 * `maxDraws`, or until a run comes in: between two slices the worker reads its messages, and a
 * chunk or a summary stops the warm-up, so a person who clicks Run at once never waits for it.
 * A warm-up that fails (a model the run would refuse) says nothing: the run will say why.
 */
function warmUp(req: Extract<PoolRequest, { kind: 'mcWarm' }>): void {
  if (warming) warming.stop = true;
  const state = { stop: false };
  warming = state;
  let setup: ReturnType<typeof monteCarloSetup>;
  try {
    setup = monteCarloSetup(req.payload, createEngine({ contexts: 1 }));
  } catch {
    return;
  }
  const until = Date.now() + req.budgetMs;
  let from = 0;
  const slice = (): void => {
    if (state.stop || from >= req.maxDraws || Date.now() >= until) {
      if (warming === state) warming = null;
      return;
    }
    const sliceEnd = Math.min(until, Date.now() + WARM_SLICE_MS);
    let done = 0;
    try {
      monteCarloDraws(
        req.payload.model,
        setup.ranges,
        setup.params,
        req.payload.seed,
        from,
        req.maxDraws,
        (n) => {
          done = n;
          return Date.now() < sliceEnd;
        },
        setup.engine,
      );
    } catch {
      state.stop = true;
    }
    from += done;
    setTimeout(slice, 0);
  };
  slice();
}

/** Runs one pool message (see PoolRequest); `post` may transfer the arrays it is given. */
export function handlePool(req: PoolRequest, post: (reply: PoolReply, transfer?: ArrayBuffer[]) => void): void {
  if (req.kind === 'mcWarm') {
    warmUp(req);
    return;
  }
  // A run stops the warm-up (its next slice does not start).
  if (warming) warming.stop = true;
  const { id } = req;
  try {
    const refused = refusal({ kind: 'montecarlo', id, payload: req.payload });
    if (refused) {
      post({ type: 'failed', kind: 'montecarlo', id, message: refused });
      return;
    }
    if (req.kind === 'mcChunk') {
      const setup = monteCarloSetup(req.payload, createEngine({ contexts: 1 }));
      const tick = progressTicker(req.to - req.from, (done) => post({ type: 'mcProgress', id, done }));
      const { payload } = req;
      const batch = monteCarloDraws(
        payload.model,
        setup.ranges,
        setup.params,
        payload.seed,
        req.from,
        req.to,
        tick,
        setup.engine,
      );
      const totals = Float64Array.from(batch?.totals ?? []);
      const nets = Float64Array.from(batch?.nets ?? []);
      post({ type: 'mcChunk', id, totals, nets }, [totals.buffer, nets.buffer]);
      return;
    }
    const setup = monteCarloSetup(req.payload);
    const run = summarizeDraws(req.payload.seed, Array.from(req.totals), Array.from(req.nets));
    post({ type: 'done', kind: 'montecarlo', id, value: monteCarloOutcome(req.payload, setup, run) });
  } catch (err) {
    console.error('analysis failed', err);
    post({ type: 'failed', kind: 'montecarlo', id, message: err instanceof Error ? err.message : String(err) });
  }
}

/** A request's checks before any compute (the screens check the same beside their fields). */
function refusal(req: AnalysisRequest): string | null {
  switch (req.kind) {
    case 'compare': {
      const n = req.payload.overlays.length;
      if (n < 2 || n > 4) return `compare takes 2 to 4 scenarios, not ${n}`;
      const bad = req.payload.bridges.some(([a, b]) => !(a >= 0 && a < n && b >= 0 && b < n));
      return bad ? 'a bridge names a scenario that is not compared' : null;
    }
    case 'tornado': {
      const p = Number(req.payload.percent);
      return /^\d+(\.\d+)?$/.test(req.payload.percent) && p > 0 && p <= 100
        ? null
        : `the move must be above 0 and at most 100 %, not ${req.payload.percent}`;
    }
    case 'montecarlo': {
      const { draws, seed } = req.payload;
      if (!Number.isInteger(draws) || draws < 1 || draws > MAX_DRAWS) return `draws must be 1 to ${MAX_DRAWS}`;
      if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) return `the seed must be 0 to ${MAX_SEED}`;
      return null;
    }
  }
}

/** Runs one request, posting its progress and then its outcome (or why it failed). */
export function handleAnalysis(req: AnalysisRequest, post: Post): void {
  const { kind, id } = req;
  const progress = (done: number, total: number) => post({ type: 'progress', kind, id, done, total });
  try {
    const refused = refusal(req);
    if (refused) {
      post({ type: 'failed', kind, id, message: refused });
      return;
    }
    switch (req.kind) {
      case 'compare':
        post({ type: 'done', kind: 'compare', id, value: runCompare(req.payload, progress) });
        return;
      case 'tornado':
        post({ type: 'done', kind: 'tornado', id, value: runTornado(req.payload, progress) });
        return;
      case 'montecarlo': {
        const value = runMonteCarlo(req.payload, progress);
        if (value) post({ type: 'done', kind: 'montecarlo', id, value });
        else post({ type: 'failed', kind, id, message: 'stopped' });
        return;
      }
    }
  } catch (err) {
    console.error('analysis failed', err);
    post({ type: 'failed', kind, id, message: err instanceof Error ? err.message : String(err) });
  }
}
