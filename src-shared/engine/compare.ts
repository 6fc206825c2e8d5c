/**
 * Comparing scenarios (DESIGN §6, issue 10 item 3, engine side): totals and their deltas, the lines
 * that differ with the cause, and a bridge from one scenario to another by cause.
 *
 * Every amount is the engine's (whole minor units); deltas are differences of those, so they add
 * up to the cent. Percentages are for display only.
 *
 * Decision: the bridge's causes apply in a fixed order, each taking the second scenario's overrides
 *   of its kind in place of the first's: caseload (profiles), rates (exchange and inflation rates,
 *   overhead rates), unit costs, lines (drivers, on/off, scenario-only lines), synergies. Each step
 *   is the change in the total it makes, computed; the steps therefore add up exactly to the
 *   difference between the two totals (each starts where the one before ended). Another order would
 *   share the difference out otherwise (interactions fall on the later cause); this one goes from
 *   what drives the quantities to what prices them.
 * Decision: a cause whose overrides are the same in both scenarios is a step of 0, not computed
 *   (the model after it is the model before it); and the models of one comparison are resolved once
 *   per overlay (Scenarios, by the overlay's canonical text), so that a bridge's last step, which is
 *   its scenario, is the model already computed, and the engine reuses its lines. Both give exactly
 *   the totals that resolving and computing every step afresh gives (tests/unit/compare.test.ts).
 */
import { canonicalOverlay, type Model } from '../model';
import { createEngine, type Engine } from './compute';
import { type LineOverride, type Overlay, resolve } from './resolve';
import type { ComputeResult } from './result';

export const BRIDGE_CAUSES = ['caseload', 'rates', 'unitCosts', 'lines', 'synergies'] as const;
export type BridgeCause = (typeof BRIDGE_CAUSES)[number];

/** The part of `overlay` that a cause covers. */
function partOf(overlay: Overlay, cause: BridgeCause): Overlay {
  switch (cause) {
    case 'caseload':
      return overlay.profiles ? { profiles: overlay.profiles } : {};
    case 'rates':
      return {
        ...(overlay.currencies ? { currencies: overlay.currencies } : {}),
        ...(overlay.programme ? { programme: overlay.programme } : {}),
      };
    case 'unitCosts':
      return { lines: pickLines(overlay, (o) => (o.unitCost !== undefined ? { unitCost: o.unitCost } : null)) };
    case 'lines':
      return {
        lines: pickLines(overlay, (o) => {
          const rest: LineOverride = {};
          if (o.driver !== undefined) rest.driver = o.driver;
          if (o.off !== undefined) rest.off = o.off;
          return Object.keys(rest).length > 0 ? rest : null;
        }),
        ...(overlay.addedLines ? { addedLines: overlay.addedLines } : {}),
      };
    case 'synergies':
      return overlay.synergies ? { synergies: overlay.synergies } : {};
  }
}

function pickLines(
  overlay: Overlay,
  pick: (o: LineOverride) => LineOverride | null,
): Readonly<Record<string, LineOverride>> {
  const out: Record<string, LineOverride> = {};
  for (const [id, o] of Object.entries(overlay.lines ?? {})) {
    const part = pick(o);
    if (part) out[id] = part;
  }
  return out;
}

/** Merges the parts of overlays that are of different causes (their fields never overlap). */
function joinParts(parts: readonly Overlay[]): Overlay {
  const lines: Record<string, LineOverride> = {};
  let out: Overlay = {};
  for (const p of parts) {
    for (const [id, o] of Object.entries(p.lines ?? {})) lines[id] = { ...lines[id], ...o };
    out = {
      ...out,
      ...(p.profiles ? { profiles: p.profiles } : {}),
      ...(p.currencies ? { currencies: p.currencies } : {}),
      ...(p.programme ? { programme: p.programme } : {}),
      ...(p.addedLines ? { addedLines: p.addedLines } : {}),
      ...(p.synergies ? { synergies: p.synergies } : {}),
    };
  }
  return Object.keys(lines).length > 0 ? { ...out, lines } : out;
}

export interface BridgeStep {
  cause: BridgeCause;
  /** The change in the total (all in) this cause makes, in minor units. */
  amount: number;
}

export interface Bridge {
  from: number;
  to: number;
  steps: BridgeStep[];
}

/** An overlay's canonical text: equal overlays, whatever the order of their keys, have the same. */
function overlayText(o: Overlay): string {
  return JSON.stringify(canonicalOverlay(o));
}

/**
 * The models of scenarios of one baseline, each resolved once per overlay (by its canonical text):
 * an overlay met again gives the same model object, whose lines an engine has computed already.
 */
class Scenarios {
  private readonly models = new Map<string, Model>();

  constructor(readonly baseline: Model) {}

  model(o: Overlay): Model {
    const key = overlayText(o);
    let m = this.models.get(key);
    if (!m) {
      m = resolve(this.baseline, o);
      this.models.set(key, m);
    }
    return m;
  }
}

function bridgeOn(scenarios: Scenarios, a: Overlay, b: Overlay, engine: Engine): Bridge {
  const totalOf = (o: Overlay) => engine.outcome(scenarios.model(o)).total;
  const from = totalOf(a);
  const steps: BridgeStep[] = [];
  let current = from;
  for (let i = 0; i < BRIDGE_CAUSES.length; i++) {
    const cause = BRIDGE_CAUSES[i] as BridgeCause;
    // The same overrides of this cause in both: the model after the step is the model before it.
    if (overlayText(partOf(a, cause)) === overlayText(partOf(b, cause))) {
      steps.push({ cause, amount: 0 });
      continue;
    }
    // Causes up to i from b, the rest from a.
    const parts = BRIDGE_CAUSES.map((c, k) => partOf(k <= i ? b : a, c));
    const next = totalOf(joinParts(parts));
    steps.push({ cause, amount: next - current });
    current = next;
  }
  return { from, to: current, steps };
}

/**
 * The bridge from scenario `a` to scenario `b` (overlays of one baseline): the total of `a`, each
 * cause's step, the total of `b`. Σ steps = to − from, exactly.
 */
export function bridge(baseline: Model, a: Overlay, b: Overlay, engine: Engine = createEngine()): Bridge {
  return bridgeOn(new Scenarios(baseline), a, b, engine);
}

/** What the Compare screen shows of scenarios of one baseline (compareScenarios). */
export interface Comparison {
  /** Each scenario's result, in the order given. */
  results: ComputeResult[];
  /** compareTotals of the results. */
  totals: CompareRow[];
  /** differingLines of the results. */
  lines: DifferingLine[];
  /** The bridge from the first scenario to each other one, in order. */
  bridges: Bridge[];
}

/**
 * Scenarios of `baseline` (their overlays; {} is the baseline) side by side: each one computed, the
 * totals and their deltas, the lines that differ, and the bridge from the first to each other, on
 * one engine, each model resolved once (a bridge's steps reuse the scenarios' computes).
 */
export function compareScenarios(
  baseline: Model,
  overlays: readonly Overlay[],
  engine: Engine = createEngine(),
): Comparison {
  const scenarios = new Scenarios(baseline);
  const results = overlays.map((o) => engine.compute(scenarios.model(o)));
  const first = overlays[0];
  return {
    results,
    totals: compareTotals(results),
    lines: differingLines(results, overlays),
    bridges: first === undefined ? [] : overlays.slice(1).map((o) => bridgeOn(scenarios, first, o, engine)),
  };
}

/** A total of each scenario and its change against the first (absolute, and % for display). */
export interface CompareRow {
  key: string;
  values: number[];
  deltas: number[];
  /** Δ ÷ the first's value, null when that is 0. */
  percents: (number | null)[];
}

function row(key: string, values: number[]): CompareRow {
  const first = values[0] ?? 0;
  return {
    key,
    values,
    deltas: values.map((v) => v - first),
    percents: values.map((v) => (first === 0 ? null : (v - first) / first)),
  };
}

/**
 * Totals side by side: the grand total, direct, indirect and contingency; by level, programme year,
 * funding source and category; the metrics in money. Keys are stable ("total", "level:individual",
 * "year:1", "funder:<id>", "category:<name>", "metric:<name>"); a key missing from a result counts 0.
 */
export function compareTotals(results: readonly ComputeResult[]): CompareRow[] {
  const rows: CompareRow[] = [];
  const each = (key: string, get: (r: ComputeResult) => number) => rows.push(row(key, results.map(get)));
  each('total', (r) => r.totals.total);
  each('direct', (r) => r.totals.direct);
  each('indirect', (r) => r.totals.indirect);
  each('contingency', (r) => r.totals.contingency);
  each('net', (r) => r.synergies.totals.net);
  const keys = (pick: (r: ComputeResult) => Record<string, number>) => [
    ...new Set(results.flatMap((r) => Object.keys(pick(r)))),
  ];
  for (const level of keys((r) => r.byLevel))
    each(`level:${level}`, (r) => r.byLevel[level as keyof typeof r.byLevel] ?? 0);
  const years = Math.max(...results.map((r) => r.byYear.length));
  for (let y = 0; y < years; y++) each(`year:${y + 1}`, (r) => r.byYear[y] ?? 0);
  for (const f of keys((r) => r.byFunder)) each(`funder:${f}`, (r) => r.byFunder[f] ?? 0);
  for (const c of keys((r) => r.byCategory)) each(`category:${c}`, (r) => r.byCategory[c] ?? 0);
  each('metric:costPerReturneeAllIn', (r) => r.metrics.costPerReturneeAllIn ?? 0);
  each('metric:costPerBeneficiary', (r) => r.metrics.costPerBeneficiary ?? 0);
  return rows;
}

export type LineCause = 'unitCost' | 'driver' | 'off' | 'added' | 'other';

export interface DifferingLine {
  lineId: string;
  /** Each scenario's total for the line (0 where the line is not in it). */
  totals: number[];
  /** The overrides of the line in any of the scenarios; 'other' when none (caseload, rates, synergies…). */
  causes: LineCause[];
}

/**
 * The lines whose amounts differ between the scenarios (any month), with the cause: the line's own
 * overrides in the overlays, or 'other' when it has none (what moves it is elsewhere: the caseload,
 * a rate, a synergy, a percentage base).
 */
export function differingLines(results: readonly ComputeResult[], overlays: readonly Overlay[]): DifferingLine[] {
  const ids = [...new Set(results.flatMap((r) => r.lines.map((l) => l.lineId)))];
  const byId = results.map((r) => new Map(r.lines.map((l) => [l.lineId, l])));
  const out: DifferingLine[] = [];
  for (const id of ids) {
    const lines = byId.map((m) => m.get(id));
    const first = lines[0];
    const differs = lines.some(
      (l) =>
        l === undefined ||
        first === undefined ||
        l.total !== first.total ||
        l.months.some((v, m) => v !== first.months[m]),
    );
    if (!differs) continue;
    const causes = new Set<LineCause>();
    for (const o of overlays) {
      const mine = o.lines?.[id];
      if (mine?.unitCost !== undefined) causes.add('unitCost');
      if (mine?.driver !== undefined) causes.add('driver');
      if (mine?.off) causes.add('off');
      if (o.addedLines?.some((l) => l.id === id)) causes.add('added');
    }
    if (causes.size === 0) causes.add('other');
    out.push({ lineId: id, totals: lines.map((l) => l?.total ?? 0), causes: [...causes] });
  }
  return out;
}
