/**
 * The command line's scenario work (DESIGN §6, issue 10): choosing a scenario by name, `compare`
 * (totals side by side with their deltas, the lines that differ and why, a bridge by cause) and
 * `montecarlo` (P10 / P50 / P90 of the total and the net cost over seeded draws).
 *
 * Everything here is the engine's (src-shared/engine: resolve, compare, sensitivity): this file
 * only picks, labels and lays out. Amounts are whole minor units of the reporting currency.
 */
import path from 'node:path';
import {
  type BridgeCause,
  type BridgeStep,
  bridge,
  compareTotals,
  type ComputeResult,
  differingLines,
  type Engine,
  type KeyParameter,
  keyParameters,
  type LineCause,
  type MissingTarget,
  monteCarlo,
  type MonteCarloResult,
  type Percentiles,
  type Range,
  resolveScenario,
} from '../../src-shared/engine';
import { currencyExponent, dec, toNumber } from '../../src-shared/money';
import {
  type Category,
  EMPTY_OVERLAY,
  type Level,
  type Model,
  monthLabel,
  type Overlay,
  type ParameterRange,
} from '../../src-shared/model';
import {
  CATEGORY_LABELS,
  clip,
  LEVEL_LABELS,
  money,
  NO_FUNDER_NAME,
  signedMoney,
  signedPercent,
  table,
  type TableRow,
} from './format';

/** A failure the command line reports: its message, and the exit code it ends with. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** What the switcher calls the programme itself; every command takes it as a scenario name. */
export const BASELINE_NAME = 'Baseline';

/** At most this many draws in one Monte-Carlo run (the app's limit). */
export const MAX_DRAWS = 1_000_000;
/** The largest seed: mulberry32 takes a 32-bit unsigned integer. */
export const MAX_SEED = 4_294_967_295;

/** A scenario picked by name: the baseline (id null, no override) or one of the file's. */
export interface ChosenScenario {
  id: string | null;
  name: string;
  description: string;
  overlay: Overlay;
}

/** How the CLI reports a scenario (in --json): what it is, and the overrides left out. */
export interface ScenarioRef {
  id: string | null;
  name: string;
  description: string;
  /** Overrides of things the baseline no longer has: left out of what the scenario computes. */
  missing: MissingTarget[];
}

const key = (name: string): string => name.trim().toLowerCase();

/** The scenario called `name` (any case; "Baseline" is the programme itself), or a usage failure. */
export function chooseScenario(model: Model, name: string, usage: number): ChosenScenario {
  if (key(name) === key(BASELINE_NAME))
    return { id: null, name: BASELINE_NAME, description: '', overlay: EMPTY_OVERLAY };
  const found = model.scenarios.find((s) => key(s.name) === key(name));
  if (found) return { id: found.id, name: found.name, description: found.description, overlay: found.overlay };
  const names = [BASELINE_NAME, ...[...model.scenarios].sort((a, b) => a.position - b.position).map((s) => s.name)];
  throw new CliFailure(
    model.scenarios.length === 0
      ? `There is no scenario "${name}" in this programme: it has none, only "${BASELINE_NAME}".`
      : `There is no scenario "${name}" in this programme. Its scenarios are: ${names.map((n) => `"${n}"`).join(', ')} (capitals do not matter).`,
    usage,
  );
}

/** A scenario resolved against the baseline: the model it computes, and what it left out. */
export function resolveChosen(baseline: Model, chosen: ChosenScenario): { model: Model; ref: ScenarioRef } {
  const { model, missing } = resolveScenario(baseline, chosen.overlay);
  return { model, ref: { id: chosen.id, name: chosen.name, description: chosen.description, missing } };
}

const MISSING_WHAT: Record<Exclude<MissingTarget['kind'], 'addedLine'>, string> = {
  profile: 'the returnee profile',
  currency: 'the currency',
  line: 'the line',
  synergy: 'the synergy',
};

/** One warning line per override a scenario holds of something the baseline no longer has. */
export function missingWarnings(ref: ScenarioRef): string[] {
  return ref.missing.map((m) =>
    m.kind === 'addedLine'
      ? `Warning: scenario "${ref.name}" has a line of its own with the id "${m.id}", which the baseline now uses; that line is left out of what the scenario computes.`
      : `Warning: scenario "${ref.name}" overrides ${MISSING_WHAT[m.kind]} "${m.id}", which the baseline no longer has; that override is left out of what the scenario computes.`,
  );
}

// ---------------------------------------------------------------------------------------------
// compare
// ---------------------------------------------------------------------------------------------

/** A row of `compare`: a total of each scenario, its change against the first, and the % change. */
export interface CompareTotalRow {
  /** The engine's key: "total", "level:individual", "year:1", "funder:<id>", "category:<name>", "metric:<name>". */
  key: string;
  /** What the row is, in words ("Total (all in)", "Year 1 (2027-01 to 2027-12)", a funder's name…). */
  label: string;
  values: number[];
  /** Each value less the first scenario's (the first's is 0). */
  deltas: number[];
  /** Each delta ÷ the first scenario's value (null where that is 0): a ratio, 0.05 = 5 %. */
  percents: (number | null)[];
}

export interface CompareLine {
  lineId: string;
  name: string;
  level: Level;
  /** The line's total in each scenario (0 where it is not there). */
  totals: number[];
  deltas: number[];
  /** Its own overrides in any of the scenarios, or 'other' (caseload, rates, synergies, a percentage base). */
  causes: LineCause[];
}

export interface CompareBridge {
  from: string;
  to: string;
  /** The total (all in) of `from`, each cause's step, the total of `to`: Σ steps = toTotal − fromTotal. */
  fromTotal: number;
  toTotal: number;
  steps: BridgeStep[];
}

/** Everything `compare --json` prints. Amounts are integer minor units of `currency`. */
export interface CompareSummary {
  file: string;
  title: string;
  currency: string;
  minorUnitDigits: number;
  scenarios: ScenarioRef[];
  totals: CompareTotalRow[];
  lines: CompareLine[];
  bridges: CompareBridge[];
}

const TOTAL_LABELS: Record<string, string> = {
  total: 'Total (all in)',
  direct: 'Direct costs',
  indirect: 'Indirect costs',
  contingency: 'Contingency',
  net: 'Net direct costs (asked of the donor)',
  'metric:costPerReturneeAllIn': 'Cost per returnee, all-in',
  'metric:costPerBeneficiary': 'Cost per beneficiary, all-in',
};

function totalLabel(key: string, baseline: Model): string {
  const fixed = TOTAL_LABELS[key];
  if (fixed) return fixed;
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const rest = key.slice(colon + 1);
  const p = baseline.programme;
  switch (kind) {
    case 'level':
      return LEVEL_LABELS[rest as Level] ?? rest;
    case 'year': {
      const y = Number(rest);
      return `Year ${y} (${monthLabel(p.startMonth, (y - 1) * 12 + 1)} to ${monthLabel(p.startMonth, Math.min(y * 12, p.durationMonths))})`;
    }
    case 'funder':
      return rest === '' ? NO_FUNDER_NAME : (baseline.funders.find((f) => f.id === rest)?.name ?? rest);
    case 'category':
      return CATEGORY_LABELS[rest as Category] ?? rest;
    default:
      return key;
  }
}

/** Compares 2–4 scenarios (the first is the reference) computed by `engine`. */
export function summariseCompare(
  file: string,
  baseline: Model,
  chosen: readonly ChosenScenario[],
  engine: Engine,
): CompareSummary {
  const resolved = chosen.map((c) => resolveChosen(baseline, c));
  const results: ComputeResult[] = resolved.map((r) => engine.compute(r.model));
  const overlays = chosen.map((c) => c.overlay);
  const first = chosen[0] as ChosenScenario;
  // Each line's name and level, from the first scenario that has it (a scenario's own lines too);
  // a referral's coordination line is named after its synergy.
  const names = new Map<string, { name: string; level: Level }>();
  resolved.forEach((r, i) => {
    for (const l of r.model.lines) if (!names.has(l.id)) names.set(l.id, l);
    for (const l of (results[i] as ComputeResult).lines) {
      if (l.coordinationOf === null || names.has(l.lineId)) continue;
      const synergy = r.model.synergies.find((x) => x.id === l.coordinationOf)?.name ?? l.coordinationOf;
      names.set(l.lineId, { name: `Referral coordination: ${synergy}`, level: l.level });
    }
  });
  const currency = baseline.programme.reportingCurrency;
  return {
    file,
    title: baseline.programme.title,
    currency,
    minorUnitDigits: currencyExponent(currency),
    scenarios: resolved.map((r) => r.ref),
    totals: compareTotals(results).map((row) => ({
      key: row.key,
      label: totalLabel(row.key, baseline),
      values: row.values,
      deltas: row.deltas,
      percents: row.percents,
    })),
    lines: differingLines(results, overlays).map((d) => {
      const line = names.get(d.lineId);
      const firstTotal = d.totals[0] ?? 0;
      return {
        lineId: d.lineId,
        name: line?.name ?? d.lineId,
        level: line?.level ?? 'individual',
        totals: d.totals,
        deltas: d.totals.map((t) => t - firstTotal),
        causes: d.causes,
      };
    }),
    bridges: chosen.slice(1).map((to) => {
      const b = bridge(baseline, first.overlay, to.overlay, engine);
      return { from: first.name, to: to.name, fromTotal: b.from, toTotal: b.to, steps: b.steps };
    }),
  };
}

const GROUPS: { prefix: string; title: string }[] = [
  { prefix: '', title: 'Totals' },
  { prefix: 'level:', title: 'By level' },
  { prefix: 'year:', title: 'By programme year' },
  { prefix: 'funder:', title: 'By funding source' },
  { prefix: 'category:', title: 'By category' },
  { prefix: 'metric:', title: 'Key metrics' },
];

function groupOf(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? '' : key.slice(0, i + 1);
}

const CAUSE_LABELS: Record<LineCause, string> = {
  unitCost: 'unit cost',
  driver: 'driver',
  off: 'turned off',
  added: 'line of the scenario only',
  other: 'other (caseload, rates, synergies, % base)',
};

const BRIDGE_LABELS: Record<BridgeCause, string> = {
  caseload: 'Caseload (arrivals, their pattern, duration of assistance)',
  rates: 'Rates (exchange, inflation, overheads)',
  unitCosts: 'Unit costs',
  lines: 'Lines (drivers, turned off, of the scenario only)',
  synergies: 'Synergies (turned off, their parameters and confidence)',
};

/** The plain-text report `compare` prints. */
export function formatCompare(s: CompareSummary): string[] {
  const m = (n: number) => money(n, s.currency);
  const tag = (i: number) => `[${i + 1}]`;
  const out: string[] = [
    s.title,
    `${path.basename(s.file)} · ${s.currency} (opened read-only)`,
    '',
    'Scenarios compared',
  ];
  s.scenarios.forEach((sc, i) => out.push(`  ${tag(i)} ${sc.name}${sc.description ? `: ${sc.description}` : ''}`));

  // Totals, by group: each scenario's value, then for the others the change and the % change.
  const header = [`Totals (${s.currency})`, tag(0)];
  for (let i = 1; i < s.scenarios.length; i++) header.push(tag(i), `Δ ${tag(i)}`, `Δ% ${tag(i)}`);
  const rows: TableRow[] = [];
  for (const g of GROUPS) {
    const inGroup = s.totals.filter((r) => groupOf(r.key) === g.prefix);
    if (inGroup.length === 0) continue;
    if (g.prefix !== '') rows.push({ section: `  ${g.title}` });
    for (const r of inGroup) {
      const cells = [`${g.prefix === '' ? '' : '  '}${clip(r.label, 48)}`, m(r.values[0] ?? 0)];
      for (let i = 1; i < r.values.length; i++) {
        cells.push(
          m(r.values[i] ?? 0),
          signedMoney(r.deltas[i] ?? 0, s.currency),
          signedPercent(r.percents[i] ?? null),
        );
      }
      rows.push(cells);
    }
  }
  out.push('', ...table(header, rows));

  out.push('');
  if (s.lines.length === 0) {
    out.push('No line differs between these scenarios.');
  } else {
    out.push(`Lines that differ: ${s.lines.length} (${s.currency})`);
    const lineHeader = ['Line', 'Level', tag(0)];
    for (let i = 1; i < s.scenarios.length; i++) lineHeader.push(tag(i), `Δ ${tag(i)}`);
    lineHeader.push('Cause');
    const lineRows = s.lines.map((l) => {
      const cells = [clip(l.name), LEVEL_LABELS[l.level], m(l.totals[0] ?? 0)];
      for (let i = 1; i < l.totals.length; i++)
        cells.push(m(l.totals[i] ?? 0), signedMoney(l.deltas[i] ?? 0, s.currency));
      cells.push(l.causes.map((c) => CAUSE_LABELS[c]).join(', '));
      return cells;
    });
    out.push(...table(lineHeader, lineRows, [1, lineHeader.length - 1]));
  }

  s.bridges.forEach((b, k) => {
    out.push('', `Bridge from ${tag(0)} ${b.from} to ${tag(k + 1)} ${b.to} (${s.currency})`);
    const bridgeRows: TableRow[] = [[`Total of ${tag(0)}`, m(b.fromTotal)]];
    for (const step of b.steps)
      bridgeRows.push([`  ${BRIDGE_LABELS[step.cause]}`, signedMoney(step.amount, s.currency)]);
    bridgeRows.push([`Total of ${tag(k + 1)}`, m(b.toTotal)]);
    out.push(...table(['', ''], bridgeRows).slice(1));
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// montecarlo
// ---------------------------------------------------------------------------------------------

/** The number of draws, or why not: a whole number from 1 to MAX_DRAWS. */
export function parseDraws(text: string | undefined, usage: number): number {
  const n = text !== undefined && /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= MAX_DRAWS)) {
    throw new CliFailure(
      text === undefined
        ? `rcs montecarlo needs --draws N: how many draws, a whole number from 1 to 1,000,000 (the app's limit).`
        : `--draws must be a whole number from 1 to 1,000,000 (the app's limit), not "${text}".`,
      usage,
    );
  }
  return n;
}

/** The seed, or why not: a whole number from 0 to 4294967295 (32 bits). */
export function parseSeed(text: string | undefined, usage: number): number {
  const n = text !== undefined && /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 0 && n <= MAX_SEED)) {
    throw new CliFailure(
      text === undefined
        ? `rcs montecarlo needs --seed S: a whole number from 0 to 4294967295; the same seed gives the same numbers.`
        : `--seed must be a whole number from 0 to 4294967295, not "${text}".`,
      usage,
    );
  }
  return n;
}

export const MONTE_CARLO_METHOD = {
  distribution: 'triangular (low, likely, high factors of each value)',
  generator: 'mulberry32, seeded (32-bit integer arithmetic: the same draws on every machine)',
  factorDecimals: 6,
  percentiles: "nearest rank over the draws' totals (each percentile is the total of one draw)",
} as const;

/** A range the run draws, with what it moves in words. */
export interface DrawnRange extends ParameterRange {
  label: string;
}

/** Everything `montecarlo --json` prints. Amounts are integer minor units of `currency`. */
export interface MonteCarloSummary {
  file: string;
  title: string;
  currency: string;
  minorUnitDigits: number;
  scenario: ScenarioRef;
  draws: number;
  seed: number;
  method: typeof MONTE_CARLO_METHOD;
  /** The ranges drawn (factors of each value in the scenario), in the order they are drawn. */
  ranges: DrawnRange[];
  /** Ranges of the file on what is not a key parameter of this scenario: not drawn. */
  notDrawn: string[];
  /** The scenario with every parameter at its value (factor 1). */
  deterministic: { total: number; net: number };
  total: Percentiles;
  net: Percentiles;
}

function parameterLabel(model: Model, p: KeyParameter): string {
  const profile = () => model.profiles.find((x) => x.id === p.target)?.name ?? p.target;
  switch (p.kind) {
    case 'arrivals':
      return `Arrivals: ${profile()}`;
    case 'duration':
      return `Duration of assistance: ${profile()}`;
    case 'exchangeRate':
      return `Exchange rate: ${p.target} per ${model.programme.reportingCurrency}`;
    case 'inflation':
      return `Inflation: ${p.target}`;
    case 'indirectRate':
      return 'Indirect cost rate';
    case 'contingencyRate':
      return 'Contingency rate';
    case 'unitCost':
      return `Unit cost: ${model.lines.find((l) => l.id === p.target)?.name ?? p.target}`;
    case 'confidence':
      return `Confidence: ${model.synergies.find((s) => s.id === p.target)?.name ?? p.target}`;
  }
}

/**
 * A seeded Monte-Carlo run on a scenario with the file's ranges (their factors as numbers), over
 * the scenario's key parameters (sensitivity.ts: the order in which they are drawn). `progress` is
 * told of each draw done.
 */
/**
 * How a run's draws are computed: in this thread (`monteCarlo`), or on worker threads (the built
 * CLI: src-main/documents/montecarlo-pool.ts). The same seed gives the same draws either way.
 */
export type DrawRunner = (
  model: Model,
  ranges: ReadonlyMap<string, Range>,
  draws: number,
  seed: number,
  params: readonly KeyParameter[],
  progress?: (done: number) => void,
) => MonteCarloResult | null | Promise<MonteCarloResult | null>;

/** Draws in this thread, on `engine`. */
export const drawsInThisThread =
  (engine: Engine): DrawRunner =>
  (model, ranges, draws, seed, params, progress) =>
    monteCarlo(model, ranges, draws, seed, params, progress, engine);

export async function summariseMonteCarlo(
  file: string,
  baseline: Model,
  chosen: ChosenScenario,
  draws: number,
  seed: number,
  engine: Engine,
  usage: number,
  progress?: (done: number) => void,
  runDraws: DrawRunner = drawsInThisThread(engine),
): Promise<MonteCarloSummary> {
  if (baseline.ranges.length === 0) {
    throw new CliFailure(
      'This programme has no uncertainty ranges: set ranges first (a low, likely and high factor on key parameters such as arrivals or exchange rates), then run rcs montecarlo again.',
      usage,
    );
  }
  const { model, ref } = resolveChosen(baseline, chosen);
  const base = engine.compute(model);
  const params = keyParameters(model, base);
  const byId = new Map(baseline.ranges.map((r) => [r.id, r]));
  const drawn = params.filter((p) => byId.has(p.id));
  const drawnIds = new Set(drawn.map((p) => p.id));
  const notDrawn = baseline.ranges.map((r) => r.id).filter((id) => !drawnIds.has(id));
  if (drawn.length === 0) {
    throw new CliFailure(
      `None of the programme's ranges (${notDrawn.join(', ')}) is on a key parameter of "${ref.name}", so nothing would vary: set ranges on its key parameters first.`,
      usage,
    );
  }
  const asNumber = (s: string) => toNumber(dec(s));
  const ranges = new Map<string, Range>(
    [...byId].map(([id, r]) => [id, { low: asNumber(r.low), likely: asNumber(r.likely), high: asNumber(r.high) }]),
  );
  const run = await runDraws(model, ranges, draws, seed, params, progress);
  if (!run) throw new Error('the Monte-Carlo run stopped before its last draw');
  return {
    file,
    title: baseline.programme.title,
    currency: base.currency,
    minorUnitDigits: currencyExponent(base.currency),
    scenario: ref,
    draws,
    seed,
    method: MONTE_CARLO_METHOD,
    ranges: drawn.map((p) => {
      const r = byId.get(p.id) as ParameterRange;
      return { id: r.id, low: r.low, likely: r.likely, high: r.high, label: parameterLabel(model, p) };
    }),
    notDrawn,
    deterministic: { total: base.totals.total, net: base.synergies.totals.net },
    total: run.total,
    net: run.net,
  };
}

/** The plain-text report `montecarlo` prints. */
export function formatMonteCarlo(s: MonteCarloSummary): string[] {
  const m = (n: number) => money(n, s.currency);
  const out: string[] = [
    s.title,
    `${path.basename(s.file)} · ${s.currency} · scenario "${s.scenario.name}" (opened read-only)`,
    '',
    `Monte-Carlo: ${s.draws.toLocaleString('en-GB')} ${s.draws === 1 ? 'draw' : 'draws'}, seed ${s.seed}`,
    '',
    ...table(
      ['Ranges drawn (factors of the value)', 'Low', 'Likely', 'High'],
      s.ranges.map((r) => [clip(r.label, 60), r.low, r.likely, r.high]),
    ),
  ];
  if (s.notDrawn.length > 0) out.push(`  Not drawn (not a key parameter of this scenario): ${s.notDrawn.join(', ')}`);
  out.push(
    '',
    ...table(
      [`Outcome (${s.currency})`, 'P10', 'P50', 'P90', 'All at likely'],
      [
        ['Total (all in)', m(s.total.p10), m(s.total.p50), m(s.total.p90), m(s.deterministic.total)],
        ['Net direct costs (asked of the donor)', m(s.net.p10), m(s.net.p50), m(s.net.p90), m(s.deterministic.net)],
      ],
    ),
    '',
    'Method: each draw moves every parameter that has a range by a factor drawn from its triangular',
    'distribution (low, likely, high), from a seeded mulberry32 generator (factors kept to 6 decimals),',
    "and computes the programme; P10, P50 and P90 are nearest-rank percentiles over the draws' totals,",
    'each the total of one draw, to the cent. The same file, scenario, draws and seed give the same numbers.',
  );
  return out;
}
