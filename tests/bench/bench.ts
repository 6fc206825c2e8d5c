/**
 * npm run bench — times the engine and the file layer, and compares the engine with a spreadsheet.
 *
 *   (a) compute a generated programme of 2,000 lines over 60 months (every driver type, 5 returnee
 *       profiles, 2 currencies, 3 funding sources, percentage lines; see generate.ts). Target
 *       (issue 3): a median of at most 50 ms on the 2-core build machine;
 *   (b) write a 10,000-line .rcs file, then open it, and open + compute it;
 *   (c) the same 2,000-line budget in a HyperFormula workbook whose formulas derive every quantity
 *       from the same inputs (caseload from the profiles, each line from its driver; see
 *       spreadsheet.ts), compared on equal terms: no undo stack, the same warm-up on both sides
 *       (COMPUTE_WARM_UP runs), timed in turn. Full recalculation (ours: a full compute of a fresh
 *       copy; theirs: rebuildAndRecalculate(), and apart every formula recomputed after all unit
 *       costs change) and one edit (ours: compute with one line replaced, on an engine that computed
 *       the previous model; theirs: setCellContents on that unit cost, then read the grand total).
 *       Both must give the same direct cost, indirect costs, contingency and grand total to the
 *       cent — as built, after every change and after the edits — or the bench fails.
 *
 *   (d) commands: the size of the reply to a one-field edit of a 10,000-line programme (target,
 *       issue 6: under 10 KB), and the command rate of one client editing the 2,000-line programme
 *       over browser mode's HTTP transport, one command at a time, each one transaction on disk
 *       (target: at least 200 commands/s).
 *   (m) the same edits from 10 clients at once (issue 13), as 10 windows on one programme: each its own
 *       keep-alive connection, session token and event stream, editing its own lines; every
 *       acknowledged edit must be in the file afterwards and every window must hear every edit, or
 *       the bench fails (target: at least 200 commands/s together, p95 ≤ 100 ms).
 *   (e) scenarios: one engine computes the 2,000-line programme and a copy with one line changed, in
 *       turn, 20 times each, against another engine computing the same model again and again
 *       (target: median ≤ 1.2 × the repeated compute). Both results must equal a fresh engine's to
 *       the cent, or the bench fails.
 *   (h) sensitivity: a tornado of the 2,000-line programme, 30 key parameters ± 20 % (target, issue
 *       10: at most 3 s for the whole run).
 *   (i) comparing scenarios: 4 scenarios of the 2,000-line programme (the baseline and three
 *       overlays: caseload, prices and rates, lines off / changed / added and synergies), on a fresh
 *       engine and a fresh copy each run: the 4 resolved models computed, compareTotals,
 *       differingLines, and the bridge from the first to each other (target, issue 10: ≤ 200 ms).
 *   (j) Monte-Carlo, 10,000 draws of the sample programme with a range (0.8 / 1 / 1.2) on each of its
 *       30 key parameters (target ≤ 2 s), and (k) 1,000 draws of the 2,000-line programme, the same
 *       ranges (target ≤ 10 s): as a person runs them in the app, built first (`electron-vite
 *       build`), in browser mode in Debian's Chromium, timed in the page from the click on Run to
 *       the results on screen (app-montecarlo.ts). The draws go to one Web Worker per core, started
 *       and warmed up as the Sensitivity screen shows (src-renderer/document/montecarloPool.ts).
 *       The target applies to a session's first run, Run clicked 1.5 s after the screen shows (the
 *       person types the draws and the seed); the table also gives Run clicked at once (workers still
 *       warming up) and a run after a run. The screen's P50 must equal the engine's here.
 *   (l) XLSX export (issue 11): the 2,000-line programme with 5 scenarios (the baseline and four
 *       overlays: caseload, prices and rates, a leaner programme, fewer arrivals), EU layout, one
 *       sheet per scenario with its formulas checked against the engine, written to bytes with
 *       exceljs (src-main/export/xlsx.ts writeWorkbook: the 5 computes, the plan, the rendering).
 *       Target ≤ 2 s.
 *   (n) import of a 5,000-row CSV (issue 11): the file's bytes read (UTF-8 checked, separator found,
 *       rows split), the columns guessed from the headings, and every row checked as a budget line
 *       (target ≤ 1 s); every row must come out ready, or the bench fails.
 *
 * Each case runs in its own child process, so its peak RSS is its own. Each case does two warm-up
 * runs (the compute, spreadsheet and scenario cases ten), then up to --runs timed runs, stopping early (after at least 3) once it has used its time
 * budget, so the whole bench stays within seconds.
 *
 * Options: --runs N (default 15), --budget-ms M per case (default 4000), --cases a,b,c,d,e,f,g,h,i,j,k,l,m,n,
 * --json.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HyperFormula } from 'hyperformula';
import {
  compareScenarios,
  compute,
  type ComputeResult,
  createEngine,
  keyParameters,
  type Overlay,
  resolve,
  tornado,
} from '../../src-shared/engine';
import { planOf, writeWorkbook } from '../../src-main/export/xlsx';
import { appMonteCarlo, buildApp, p50Here, PAUSE_MS, withRanges } from './app-montecarlo';
import { sampleModel } from '../../src-main/sample/sample-model';
import { generateModel, PERCENTAGE_EVERY, Rng, withSynergies } from './generate';
import type { BudgetLine, Model } from '../../src-shared/model';
import {
  type BudgetSheet,
  buildWorkbook,
  budgetSheet,
  HF_CONFIG,
  scaledModel,
  setUnitCost,
  setUnitCosts,
  sheetArrivals,
  sheetTotal,
} from './spreadsheet';
import { commandRate, concurrentCommandRate, openAndCompute, openOnly, replySizes, writeModel } from './rcs';
import { readImportFile } from '../../src-main/import/read';
import { blankModel } from '../../src-main/documents/write-model';
import { checkImport, guessMapping } from '../../src-shared/import';
import { linesCsvText } from '../integration/import-files';

interface Row {
  key: string;
  label: string;
  samples: number[];
}

interface CaseResult {
  rows: Row[];
  peakRssKb: number;
  notes: string[];
}

type CaseId = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l' | 'm' | 'n';
const ALL_CASES: CaseId[] = ['a', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'n', 'b', 'c', 'd', 'm', 'e'];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const RUNS = arg('--runs', 15);
const CASES: CaseId[] = (() => {
  const i = process.argv.indexOf('--cases');
  if (i < 0) return ALL_CASES;
  const wanted = (process.argv[i + 1] ?? '').split(',');
  return ALL_CASES.filter((c) => wanted.includes(c));
})();
const BUDGET_MS = arg('--budget-ms', 4000);

/**
 * `warmUp` untimed runs (JIT), then timed runs until `runs` or the budget (at least 3). The
 * engine's bigint arithmetic takes about ten runs to reach V8's optimised tiers, so the compute
 * case warms up longer and reports its first (cold) run apart.
 */
function timeRuns(fn: (run: number) => void, warmUp = 2, runs = RUNS): number[] {
  for (let i = warmUp; i > 0; i--) fn(-i);
  const samples: number[] = [];
  const t0 = performance.now();
  for (let run = 0; run < runs; run++) {
    const t = performance.now();
    fn(run);
    samples.push(performance.now() - t);
    if (samples.length >= 3 && performance.now() - t0 > BUDGET_MS) break;
  }
  return samples;
}

function fail(message: string): never {
  throw new Error(`BENCH FAILED: ${message}`);
}

const LINES_A = 2000;
const LINES_B = 10000;
const MONTHS = 60;
const TARGET_MS = 50;
/** Issue 7's targets for the engine at the machine's speed. */
const FAST_FULL_MS = 10;
const FAST_EDIT_MS = 2;
const COMPUTE_WARM_UP = 10;
/**
 * Case (a)'s runs after the first: V8 takes about 30 full computes to optimise the engine (runs
 * 11–30 are still ~30 % slower than runs 40–80 here), so the rows show those runs and the steady
 * state apart, and the targets apply to the steady state.
 */
const WARMING_RUNS = 30;
const STEADY_RUNS = 40;
/** Case (e): computes of each model in turn, and the target for their median (× a repeated compute). */
const ALTERNATIONS = 20;
const ALTERNATION_TARGET = 1.2;
/** Case (g), issue 9: synergies, and the most a full compute with them may cost (× without). */
const SYNERGIES_G = 200;
const SYNERGY_TARGET = 1.5;
/** Case (g)'s timed pairs (at least). */
const G_RUNS = 30;
/** Case (h), issue 10: a tornado's parameters, and its target for the whole run. */
const TORNADO_PARAMETERS = 30;
const TORNADO_TARGET_MS = 3000;
/** Case (i), issue 10: scenarios compared, and the target for the whole comparison. */
const COMPARED = 4;
const COMPARE_TARGET_MS = 200;
/** Cases (j) and (k), issue 10: Monte-Carlo draws and targets (in the app, from Run to the results on screen). */
const MC_SAMPLE_DRAWS = 10_000;
const MC_SAMPLE_TARGET_MS = 2000;
const MC_LARGE_DRAWS = 1000;
const MC_LARGE_TARGET_MS = 10_000;
/** Case (l), issue 11: scenarios in the exported workbook, and the target for the whole export. */
const EXPORTED_SCENARIOS = 5;
const EXPORT_TARGET_MS = 2000;
const HF_VERSION = HyperFormula.version;

function describe(model: Model): string {
  const kinds: Record<string, number> = {};
  for (const l of model.lines) kinds[l.driver.kind] = (kinds[l.driver.kind] ?? 0) + 1;
  const split = model.lines.filter((l) => l.funding.length > 1).length;
  return (
    `${model.lines.length.toLocaleString('en')} lines (${Object.entries(kinds)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}), ${model.programme.durationMonths} months, ${model.profiles.length} profiles, ` +
    `${1 + model.currencies.length} currencies, ${model.funders.length} funders, ${split} lines split across funders`
  );
}

/**
 * compute() reuses a line's amounts while the line and what it depends on are the same objects
 * (see LineCache in src-shared/engine/compute.ts). A full compute is therefore timed on fresh
 * copies of the model, made before the clock starts, so nothing is reused; the recompute after a
 * one-line edit is timed separately, as the UI meets it.
 */
function copies(model: Model, n: number): Model[] {
  return Array.from({ length: n }, () => structuredClone(model));
}

function caseA(): CaseResult {
  const model = generateModel({ lines: LINES_A, months: MONTHS });
  let total = 0;
  let returnees = 0;
  const fresh = copies(model, 1 + WARMING_RUNS + STEADY_RUNS);
  const check = (r: ReturnType<typeof compute>): void => {
    if (r.diagnostics.length > 0) fail(`generated model has ${r.diagnostics.length} diagnostics`);
    if (total !== 0 && r.totals.total !== total) fail('compute is not deterministic');
    total = r.totals.total;
    returnees = r.metrics.returneesAssisted;
  };
  // Every run is timed, in three rows: the first (cold), the next WARMING_RUNS while V8 still
  // optimises the engine, then STEADY_RUNS at the speed a tornado chart or a Monte-Carlo run (hundreds
  // of computes) meets. No run is dropped and no budget cuts them short.
  const times = fresh.map((m) => {
    const t = performance.now();
    const r = compute(m);
    const elapsed = performance.now() - t;
    check(r);
    return elapsed;
  });
  const n = LINES_A.toLocaleString('en');
  return {
    rows: [
      {
        key: 'computeCold',
        label: `compute ${n} lines × ${MONTHS} months, first run in a fresh process`,
        samples: times.slice(0, 1),
      },
      {
        key: 'computeWarming',
        label: `the same, runs 2–${1 + WARMING_RUNS} (full, nothing reused; V8 still optimising)`,
        samples: times.slice(1, 1 + WARMING_RUNS),
      },
      {
        key: 'compute',
        label: `the same, runs ${2 + WARMING_RUNS}–${1 + WARMING_RUNS + STEADY_RUNS} (full, nothing reused; steady state)`,
        samples: times.slice(1 + WARMING_RUNS),
      },
    ],
    peakRssKb: process.resourceUsage().maxRSS,
    notes: [
      `(a) ${describe(model)}; one percentage line in ${PERCENTAGE_EVERY}`,
      `(a) ${returnees.toLocaleString('en')} returnees; grand total incl. indirect and contingency: EUR ${(total / 100).toFixed(2)}`,
    ],
  };
}

/**
 * (g) The 2,000-line programme with 200 synergies of every type, against the same programme
 * without: full computes (fresh copies, nothing reused), timed in turn so that load weighs on both.
 *
 * Which of a pair goes first is drawn (seeded): with a fixed order the young generation's
 * collections, one every pair or two, fell in step with the pairs, on the same side run after run,
 * so that one median held a collection and the other none (ratios from 0.8 to 1.9 on the same code,
 * 2 December 2026). In a drawn order each compute meets them in proportion to what it allocates.
 */
function caseG(): CaseResult {
  const plain = generateModel({ lines: LINES_A, months: MONTHS });
  const rich = withSynergies(plain, SYNERGIES_G);
  const runs = Math.max(RUNS, G_RUNS);
  const freshPlain = copies(plain, COMPUTE_WARM_UP + runs);
  const freshRich = copies(rich, COMPUTE_WARM_UP + runs);
  const without: number[] = [];
  const withS: number[] = [];
  let covered = 0;
  const order = new Rng(7);
  for (let i = 0; i < COMPUTE_WARM_UP + runs; i++) {
    let a = 0;
    let b = 0;
    const plainFirst = order.float() < 0.5;
    for (const which of plainFirst ? ['plain', 'rich'] : ['rich', 'plain']) {
      const t = performance.now();
      if (which === 'plain') {
        compute(freshPlain[i] as Model);
        a = performance.now() - t;
      } else {
        covered = compute(freshRich[i] as Model).synergies.totals.covered;
        b = performance.now() - t;
      }
    }
    if (i >= COMPUTE_WARM_UP) {
      without.push(a);
      withS.push(b);
    }
  }
  if (covered <= 0) fail('the synergies of case g cover nothing');
  return {
    rows: [
      {
        key: 'synergiesWithout',
        label: `compute ${LINES_A.toLocaleString('en')} lines, no synergy (timed in turn)`,
        samples: without,
      },
      { key: 'synergiesWith', label: `the same with ${SYNERGIES_G} synergies of every type`, samples: withS },
    ],
    peakRssKb: process.resourceUsage().maxRSS,
    notes: [
      `(g) ${SYNERGIES_G} synergies with 10 partners cover EUR ${(covered / 100).toFixed(2)} of the direct costs`,
    ],
  };
}

/**
 * (h) Sensitivity (issue 10): a tornado of the 2,000-line programme with 5 synergies, its 30 key
 * parameters each moved ± 20 % (61 computes on one engine), timed whole.
 */
function caseH(): CaseResult {
  const model = withSynergies(generateModel({ lines: LINES_A, months: MONTHS }), 5);
  const params = keyParameters(model, compute(model));
  if (params.length !== TORNADO_PARAMETERS) fail(`case h has ${params.length} parameters, not ${TORNADO_PARAMETERS}`);
  let widest = '';
  const samples = timeRuns(
    () => {
      widest = tornado(structuredClone(model), '20', params).rows[0]?.parameter.id ?? '';
    },
    1,
    5,
  );
  return {
    rows: [
      {
        key: 'tornado',
        label: `tornado, ${TORNADO_PARAMETERS} parameters ± 20 %, ${LINES_A.toLocaleString('en')} lines (whole run)`,
        samples,
      },
    ],
    peakRssKb: process.resourceUsage().maxRSS,
    notes: [`(h) the widest swing: ${widest}`],
  };
}

/**
 * The three scenarios of case (i), as overlays of `model` (the baseline is the empty overlay):
 * more returnees (caseload), prices and rates, and a leaner programme (lines off, changed drivers,
 * lines of the scenario only, a synergy off and another less sure).
 */
function comparedScenarios(model: Model): Overlay[] {
  const costed = model.lines.filter((l) => l.driver.kind !== 'percentage');
  const caseload: Overlay = {
    profiles: Object.fromEntries(
      model.profiles
        .filter((p) => p.pattern !== 'explicit')
        .slice(0, 2)
        .map((p) => [p.id, { arrivals: Math.round(p.arrivals * 1.3) }]),
    ),
  };
  const prices: Overlay = {
    programme: { indirectRate: '0.08', inflation: '0.03' },
    currencies: { XOF: { inflation: '0.05' } },
    lines: Object.fromEntries(
      costed.filter((_, i) => i % 20 === 0).map((l) => [l.id, { unitCost: Math.round(l.unitCost * 1.1) }]),
    ),
  };
  const fixed = costed.filter((l) => l.driver.kind === 'fixed');
  const leaner: Overlay = {
    lines: {
      ...Object.fromEntries(costed.filter((_, i) => i % 40 === 1).map((l) => [l.id, { off: true as const }])),
      ...Object.fromEntries(
        fixed.slice(0, 10).map((l) => [l.id, { driver: { ...l.driver, quantity: '2' } as BudgetLine['driver'] }]),
      ),
    },
    addedLines: fixed.slice(10, 15).map((l, i) => ({ ...l, id: `added-${i}`, name: `Scenario line ${i + 1}` })),
    synergies: {
      ...(model.synergies[0] ? { [model.synergies[0].id]: { off: true as const } } : {}),
      ...(model.synergies[1] ? { [model.synergies[1].id]: { confidence: '0.3' } } : {}),
    },
  };
  return [{}, caseload, prices, leaner];
}

/**
 * (i) Comparing 4 scenarios of the 2,000-line programme as the Compare screen will (compareScenarios):
 * the resolved models computed on one engine, their totals side by side, the lines that differ, and
 * the bridge from the first to each other (on the same engine). A fresh copy of the programme and a fresh
 * engine each run (made before the clock starts): nothing is reused from the run before.
 */
function caseI(): CaseResult {
  const model = withSynergies(generateModel({ lines: LINES_A, months: MONTHS }), 5);
  const overlays = comparedScenarios(model);
  if (overlays.length !== COMPARED) fail(`case i compares ${overlays.length} scenarios`);
  let rows = 0;
  let differing = 0;
  let bridged = '';
  const samples: number[] = [];
  for (let run = -2; run < RUNS; run++) {
    const baseline = structuredClone(model);
    const engine = createEngine();
    const t = performance.now();
    const { results, totals, lines, bridges } = compareScenarios(baseline, overlays, engine);
    const elapsed = performance.now() - t;
    if (run >= 0) samples.push(elapsed);
    bridges.forEach((b, i) => {
      const steps = b.steps.reduce((sum, step) => sum + step.amount, 0);
      const to = results[i + 1]?.totals.total;
      if (b.to !== to || b.from !== results[0]?.totals.total || steps !== b.to - b.from)
        fail(`the bridge to scenario ${i + 2} does not add up to its total`);
    });
    if (run === RUNS - 1) {
      // The last run against resolving and computing each scenario afresh, each on a fresh engine.
      overlays.forEach((o, i) => {
        if (createEngine().compute(resolve(model, o)).totals.total !== results[i]?.totals.total)
          fail(`scenario ${i + 1} differs from a fresh engine's`);
      });
    }
    rows = totals.length;
    differing = lines.length;
    bridged = bridges.map((b) => b.steps.filter((x) => x.amount !== 0).length).join(', ');
  }
  return {
    rows: [
      {
        key: 'compare',
        label: `compare ${COMPARED} scenarios of ${LINES_A.toLocaleString('en')} lines (compute 4, totals, lines that differ, 3 bridges; fresh engine)`,
        samples,
      },
    ],
    peakRssKb: process.resourceUsage().maxRSS,
    notes: [
      `(i) ${rows} rows of totals side by side, ${differing.toLocaleString('en')} lines that differ, bridges with ${bridged} non-zero steps`,
    ],
  };
}

/**
 * (l) The XLSX export of the 2,000-line programme with 5 scenarios: the baseline and the overlays of
 * case (i) plus fewer arrivals, stored in the model as its scenarios, exported in the EU layout
 * (writeWorkbook: each scenario resolved and computed, the workbook planned with every formula
 * checked against the engine, rendered and written to bytes by exceljs). A fresh copy each run.
 */
async function caseL(): Promise<CaseResult> {
  const base = withSynergies(generateModel({ lines: LINES_A, months: MONTHS }), 5);
  const overlays = comparedScenarios(base).slice(1);
  overlays.push({
    profiles: Object.fromEntries(
      base.profiles
        .filter((p) => p.pattern !== 'explicit')
        .map((p) => [p.id, { arrivals: Math.round(p.arrivals * 0.8) }]),
    ),
  });
  const model: Model = {
    ...base,
    scenarios: overlays.map((overlay, i) => ({
      id: `s${i + 1}`,
      name: `Scenario ${i + 1}`,
      description: '',
      position: i,
      overlay,
    })),
  };
  const ids = [null, ...model.scenarios.map((s) => s.id)];
  if (ids.length !== EXPORTED_SCENARIOS) fail(`case l exports ${ids.length} scenarios`);
  const options = { layout: 'eu', scenarioIds: ids, valuesOnly: false, monthlyColumns: false, locale: 'en' } as const;
  let bytes = 0;
  const samples: number[] = [];
  for (let run = -1; run < RUNS; run++) {
    const fresh = structuredClone(model);
    const t = performance.now();
    const out = await writeWorkbook(fresh, options);
    const elapsed = performance.now() - t;
    if (run >= 0) samples.push(elapsed);
    bytes = out.length;
    if (samples.length >= 3 && samples.reduce((a, b) => a + b, 0) > BUDGET_MS) break;
  }
  const plan = planOf(model, options);
  return {
    rows: [
      {
        key: 'export',
        label: `XLSX export of ${LINES_A.toLocaleString('en')} lines with ${EXPORTED_SCENARIOS} scenarios (EU layout, formulas checked, exceljs)`,
        samples,
      },
    ],
    peakRssKb: process.resourceUsage().maxRSS,
    notes: [
      `(l) ${Math.round(bytes / 1024).toLocaleString('en')} KB, ${plan.stats.formulaCells.toLocaleString('en')} formula cells, ` +
        `${plan.stats.valueCells.toLocaleString('en')} amounts written as values`,
    ],
  };
}

/**
 * (j) and (k) Monte-Carlo as a person runs it in the app (app-montecarlo.ts): `draws` draws of
 * `model` with a range 0.8 / 1 / 1.2 on each key parameter, in browser mode in Chromium, timed from
 * the click on Run to the results on screen. The screen's P50 must be the engine's, computed here.
 */
async function monteCarloCase(id: 'j' | 'k', base: Model, draws: number, what: string): Promise<CaseResult> {
  const model = withRanges(base);
  const seed = 20260;
  const p50 = p50Here(model, draws, seed);
  const t = await appMonteCarlo(model, draws, { seed, minor: p50 }, RUNS, BUDGET_MS * 4);
  const eur = (x: number) => `EUR ${(x / 100).toLocaleString('en', { maximumFractionDigits: 0 })}`;
  return {
    rows: [
      {
        key: `montecarlo-${id}`,
        label: `${what}: the first run in the app (Chromium, ${t.workers} Web Workers), Run clicked ${PAUSE_MS / 1000} s after the screen shows, to the results on screen`,
        samples: t.first,
      },
      {
        key: `montecarlo-${id}-cold`,
        label: 'the same, Run clicked as soon as the screen shows (workers still warming up)',
        samples: t.cold,
      },
      { key: `montecarlo-${id}-again`, label: 'the same, a run after a run (the workers kept)', samples: t.again },
    ],
    peakRssKb: process.resourceUsage().maxRSS,
    notes: [
      `(${id}) ${draws.toLocaleString('en')} draws, ${model.ranges.length} ranged parameters, seed ${seed}: the app's P50 of the total ` +
        `${eur(p50)}, equal to the engine's here; RSS is this process's (the page's workers run in Chromium)`,
    ],
  };
}

function caseJ(): Promise<CaseResult> {
  return monteCarloCase(
    'j',
    sampleModel(),
    MC_SAMPLE_DRAWS,
    `Monte-Carlo, ${MC_SAMPLE_DRAWS.toLocaleString('en')} draws of the sample`,
  );
}

function caseK(): Promise<CaseResult> {
  return monteCarloCase(
    'k',
    withSynergies(generateModel({ lines: LINES_A, months: MONTHS }), 5),
    MC_LARGE_DRAWS,
    `Monte-Carlo, ${MC_LARGE_DRAWS.toLocaleString('en')} draws of ${LINES_A.toLocaleString('en')} lines`,
  );
}

function caseB(): CaseResult {
  const model = generateModel({ lines: LINES_B, months: MONTHS, seed: 10000 });
  const expected = compute(model).totals.total;
  const dir = mkdtempSync(join(tmpdir(), 'rcs-bench-'));
  try {
    let k = 0;
    const write = timeRuns(() => {
      writeModel(join(dir, `w${k++}.rcs`), model);
    });
    const file = join(dir, 'bench.rcs');
    writeModel(file, model);
    const openSamples = timeRuns(() => {
      if (openOnly(file) !== LINES_B) fail('the opened file does not hold every line');
    });
    // A fresh copy per run, made outside the timed part, so nothing is reused and at most one
    // copy is alive at a time (copies of 10,000 lines would otherwise swell the peak RSS).
    const computeOnly: number[] = [];
    for (let run = -2; run < RUNS; run++) {
      const copy = structuredClone(model);
      const t = performance.now();
      if (compute(copy).totals.total !== expected) fail('compute is not deterministic');
      if (run >= 0) computeOnly.push(performance.now() - t);
    }
    const open = timeRuns(() => {
      const total = openAndCompute(file);
      if (total !== expected) fail(`opened file computes ${total}, the model computes ${expected}`);
    });
    const n = LINES_B.toLocaleString('en');
    return {
      rows: [
        { key: 'write', label: `write a ${n}-line .rcs file`, samples: write },
        { key: 'open', label: `open a ${n}-line .rcs file (read-only, full snapshot)`, samples: openSamples },
        {
          key: 'compute10k',
          label: `compute ${n} lines × ${MONTHS} months (no file, full, nothing reused)`,
          samples: computeOnly,
        },
        { key: 'openCompute', label: `open + compute a ${n}-line .rcs file`, samples: open },
      ],
      peakRssKb: process.resourceUsage().maxRSS,
      notes: [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TOTALS = ['direct', 'indirect', 'contingency', 'total'] as const;

/** Fails unless the sheet's four totals equal the engine's (a fresh engine's) to the cent. */
function sameTotals(hf: HyperFormula, sheet: BudgetSheet, model: Model, when: string): void {
  const ours = createEngine().compute(model).totals;
  for (const k of TOTALS) {
    const theirs = sheetTotal(hf, sheet, k);
    if (theirs !== ours[k]) fail(`${when}: spreadsheet ${k} ${theirs} ≠ engine ${ours[k]} (cents)`);
  }
}

/**
 * Times the functions in turn, run after run (so that the load of a shared machine falls on all
 * alike): `warmUp` untimed runs of each, then timed runs until `runs` or `budgetMs` (at least 3).
 * A function that returns a number has timed itself (to leave its preparation out).
 */
function timeInTurn(
  fns: ((run: number) => number | void)[],
  warmUp: number,
  runs: number,
  budgetMs: number,
): number[][] {
  const out = fns.map(() => [] as number[]);
  let t0 = performance.now();
  for (let run = -warmUp; run < runs; run++) {
    if (run === 0) t0 = performance.now();
    fns.forEach((fn, i) => {
      const t = performance.now();
      const took = fn(run) ?? performance.now() - t;
      if (run >= 0) out[i]?.push(took);
    });
    if (run >= 2 && performance.now() - t0 > budgetMs) break;
  }
  return out;
}

/**
 * The spreadsheet comparison, on equal terms: the workbook derives every quantity with formulas
 * from the same inputs (spreadsheet.ts), HyperFormula runs without an undo stack, both sides get
 * the same warm-up (COMPUTE_WARM_UP runs) and are timed in turn, and both the full recalculation
 * and one edit are timed.
 */
function caseC(): CaseResult {
  const model = generateModel({ lines: LINES_A, months: MONTHS });
  const sheet = budgetSheet(model);
  const hf = buildWorkbook(sheet);
  const first = createEngine().compute(model);
  for (const p of first.caseload.profiles) {
    if (sheetArrivals(hf, sheet, p.profileId, MONTHS).join() !== p.arrivals.join())
      fail(`spreadsheet arrivals of ${p.profileId} differ from the engine's`);
  }
  sameTotals(hf, sheet, model, 'as built');

  // (i) Full recalculation. Ours: a full compute of a fresh copy (nothing reused), one engine.
  // Theirs: every formula computed again after all unit costs change in one batch (nothing
  // parsed: the spreadsheet's full recalculation, and its best chance), and rebuildAndRecalculate()
  // (every formula parsed and computed again, as when the workbook is opened).
  const engine = createEngine();
  let factor = 1;
  const [fullOurs, recalc, rebuild] = timeInTurn(
    [
      () => {
        const copy = structuredClone(model);
        const t = performance.now();
        engine.compute(copy);
        return performance.now() - t; // the copy is made before the clock starts
      },
      () => {
        factor = factor === 1 ? 2 : 1;
        setUnitCosts(hf, sheet, model, factor);
      },
      () => hf.rebuildAndRecalculate(),
    ],
    COMPUTE_WARM_UP,
    RUNS,
    BUDGET_MS * 2,
  ) as [number[], number[], number[]];
  sameTotals(hf, sheet, scaledModel(model, factor), `after every unit cost changed (× ${factor}) and a rebuild`);
  if (factor !== 1) setUnitCosts(hf, sheet, model, 1);

  // (ii) One edit: one line's unit cost changes. Ours: compute the model with that line replaced
  // by a changed copy, on an engine that computed the previous model (unchanged lines reused).
  // Theirs: setCellContents on that unit cost, then read the grand total.
  const editable = model.lines.map((l, i) => (l.driver.kind === 'percentage' ? -1 : i)).filter((i) => i >= 0);
  let edited = model;
  const editEngine = createEngine();
  editEngine.compute(edited);
  let next: BudgetLine = model.lines[0] as BudgetLine;
  let oursTotal = 0;
  let theirsTotal = 0;
  const [editOurs, editTheirs] = timeInTurn(
    [
      (run) => {
        // Lines in turn, 7 apart, so that every driver is edited.
        const at = editable[((run + COMPUTE_WARM_UP) * 7) % editable.length] as number;
        const old = edited.lines[at] as BudgetLine;
        next = { ...old, unitCost: old.unitCost + 1 };
        const lines = edited.lines.slice();
        lines[at] = next;
        edited = { ...edited, lines };
        const t = performance.now();
        oursTotal = editEngine.compute(edited).totals.total;
        return performance.now() - t; // the edited model is made before the clock starts
      },
      () => {
        setUnitCost(hf, sheet, next.id, next.unitCost);
        theirsTotal = sheetTotal(hf, sheet, 'total');
      },
    ],
    COMPUTE_WARM_UP,
    RUNS,
    BUDGET_MS,
  ) as [number[], number[]];
  sameTotals(hf, sheet, edited, `after ${COMPUTE_WARM_UP + editOurs.length} one-line edits`);
  const expected = createEngine().compute(edited).totals.total;
  if (oursTotal !== expected || theirsTotal !== expected)
    fail(`after the edits: engine ${oursTotal}, spreadsheet ${theirsTotal}, a fresh engine ${expected}`);
  hf.destroy();
  const n = LINES_A.toLocaleString('en');
  return {
    rows: [
      {
        key: 'fairFullOurs',
        label: `ours: full compute of ${n} lines, fresh copy, one engine (timed in turn with the next two rows)`,
        samples: fullOurs,
      },
      {
        key: 'hfRecalc',
        label: 'spreadsheet: full recalculation, every formula recomputed after all unit costs change',
        samples: recalc,
      },
      {
        key: 'hfRebuild',
        label: `spreadsheet: rebuildAndRecalculate() of the ${n}-line workbook (parse + compute)`,
        samples: rebuild,
      },
      {
        key: 'fairEditOurs',
        label: 'ours: one unit cost changed, recompute (one engine, unchanged lines reused)',
        samples: editOurs,
      },
      {
        key: 'hfEdit',
        label: 'spreadsheet: one unit cost changed (setCellContents), read the grand total',
        samples: editTheirs,
      },
    ],
    peakRssKb: process.resourceUsage().maxRSS,
    notes: [
      `(c) workbook: ${sheet.formulaCells.toLocaleString('en')} formula cells; every quantity derived by formulas ` +
        `(caseload from the profiles, each line from its driver); typed constants: the inputs only ` +
        `(an explicit profile's monthly arrivals are its input)` +
        (sheet.constantLines > 0 ? `; ${sheet.constantLines} lines' quantities pasted as constants` : '') +
        `; HyperFormula ${HF_VERSION}, undoLimit ${String(HF_CONFIG.undoLimit)}, useColumnIndex ${String(HF_CONFIG.useColumnIndex)}, ` +
        `${COMPUTE_WARM_UP} warm-up runs on both sides`,
      `(c) direct, indirect, contingency and grand total (EUR ${(first.totals.total / 100).toFixed(2)}) equal to the cent ` +
        `in both: as built, after every unit cost changed and a rebuild, and after ${COMPUTE_WARM_UP + editOurs.length} one-line edits`,
    ],
  };
}

/**
 * Scenarios: one engine computes a baseline and a copy with one line changed in turn; each compute
 * should cost little more than computing one model again (target ≤ 1.2 ×).
 */
function caseE(): CaseResult {
  const baseline = generateModel({ lines: LINES_A, months: MONTHS });
  const at = Math.floor(LINES_A / 2);
  const changed: Model = {
    ...baseline,
    lines: baseline.lines.map((l, i) => (i === at ? { ...l, unitCost: l.unitCost + 100 } : l)),
  };
  const alternating = createEngine();
  const repeated = createEngine();
  const altSamples: number[] = [];
  const repSamples: number[] = [];
  let lastBaseline: ComputeResult | null = null;
  let lastChanged: ComputeResult | null = null;
  const time = (f: () => void, into: number[] | null): void => {
    const t = performance.now();
    f();
    if (into) into.push(performance.now() - t);
  };
  // Each round: baseline and changed copy on one engine, the baseline twice on the other, in
  // turn so that the load falls on both alike. The first COMPUTE_WARM_UP / 2 rounds are untimed.
  for (let round = -COMPUTE_WARM_UP / 2; round < ALTERNATIONS; round++) {
    const into = (xs: number[]): number[] | null => (round < 0 ? null : xs);
    time(() => (lastBaseline = alternating.compute(baseline)), into(altSamples));
    time(() => repeated.compute(baseline), into(repSamples));
    time(() => (lastChanged = alternating.compute(changed)), into(altSamples));
    time(() => repeated.compute(baseline), into(repSamples));
  }
  if (!lastBaseline || !lastChanged) fail('nothing computed');
  const same = (a: ComputeResult, b: ComputeResult, what: string): void => {
    const differs =
      TOTALS.some((k) => a.totals[k] !== b.totals[k]) ||
      a.monthly.total.join() !== b.monthly.total.join() ||
      a.lines.some((l, i) => l.months.join() !== b.lines[i]?.months.join()) ||
      JSON.stringify(a.byFunder) !== JSON.stringify(b.byFunder);
    if (differs) fail(`${what}: the alternating engine differs from a fresh engine`);
  };
  same(lastBaseline, createEngine().compute(baseline), 'baseline');
  same(lastChanged, createEngine().compute(changed), 'changed copy');
  const lastB: ComputeResult = lastBaseline;
  const lastC: ComputeResult = lastChanged;
  if (lastB.totals.total === lastC.totals.total) fail('the changed copy costs the same as the baseline');
  const n = LINES_A.toLocaleString('en');
  return {
    rows: [
      {
        key: 'alternate',
        label: `one engine, a ${n}-line baseline and a one-line-changed copy in turn, ${ALTERNATIONS} times each`,
        samples: altSamples,
      },
      {
        key: 'repeat',
        label: `one engine, the same ${n}-line model computed again (timed in turn with the row above)`,
        samples: repSamples,
      },
    ],
    peakRssKb: process.resourceUsage().maxRSS,
    notes: [
      `(e) both results equal to the cent (totals, monthly totals, every line-month, funders) to a fresh engine's; ` +
        `grand totals EUR ${(lastB.totals.total / 100).toFixed(2)} and EUR ${(lastC.totals.total / 100).toFixed(2)}`,
    ],
  };
}

const REPLY_TARGET_BYTES = 10 * 1024;
const RATE_TARGET = 200;

async function caseD(): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rcs-bench-'));
  try {
    // The reply to a one-field edit at 10,000 lines, as it crosses the transport (JSON, UTF-8).
    const big = join(dir, 'big.rcs');
    writeModel(big, generateModel({ lines: LINES_B, months: MONTHS, seed: 10000 }));
    const { sizes, snapshotBytes } = replySizes(big);
    const replyBytes = Math.max(...sizes);
    if (replyBytes >= REPLY_TARGET_BYTES) fail(`a one-field edit replied with ${replyBytes} bytes`);

    // One client editing the 2,000-line programme over HTTP, one command after the other.
    const file = join(dir, 'edit.rcs');
    writeModel(file, generateModel({ lines: LINES_A, months: MONTHS }));
    const { latencies, perSecond } = await commandRate(file, BUDGET_MS);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    return {
      rows: [
        {
          key: 'command',
          label: `one command over HTTP, ${LINES_A.toLocaleString('en')}-line programme (sent, planned, written, answered)`,
          samples: latencies,
        },
      ],
      peakRssKb: process.resourceUsage().maxRSS,
      notes: [
        `(d) reply to a one-field edit at ${LINES_B.toLocaleString('en')} lines: ${kb(replyBytes)} ` +
          `(target < ${kb(REPLY_TARGET_BYTES)}: ${replyBytes < REPLY_TARGET_BYTES ? 'met' : 'NOT met'}); the whole snapshot it replaced: ${kb(snapshotBytes)}`,
        `(d) one client editing ${LINES_A.toLocaleString('en')} lines over HTTP: ${perSecond.toFixed(0)} commands/s ` +
          `(target ≥ ${RATE_TARGET}: ${perSecond >= RATE_TARGET ? 'met' : 'NOT met'}), p95 ${ms(percentile(latencies, 0.95))} ms`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Case (m), issue 13: windows editing the same programme at once, and the targets for them together. */
const CLIENTS_M = 10;
const CONCURRENT_P95_TARGET_MS = 100;

async function caseM(): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rcs-bench-'));
  try {
    const file = join(dir, 'edit.rcs');
    writeModel(file, generateModel({ lines: LINES_A, months: MONTHS }));
    const { latencies, perSecond } = await concurrentCommandRate(file, BUDGET_MS, CLIENTS_M);
    const p95 = percentile(latencies, 0.95);
    const met = perSecond >= RATE_TARGET && p95 <= CONCURRENT_P95_TARGET_MS;
    return {
      rows: [
        {
          key: 'commandConcurrent',
          label: `one command over HTTP, ${CLIENTS_M} clients editing the ${LINES_A.toLocaleString('en')}-line programme at once (each with its event stream)`,
          samples: latencies,
        },
      ],
      peakRssKb: process.resourceUsage().maxRSS,
      notes: [
        `(m) ${CLIENTS_M} clients editing ${LINES_A.toLocaleString('en')} lines over HTTP at once: ` +
          `${perSecond.toFixed(0)} commands/s together, p95 ${ms(p95)} ms ` +
          `(target ≥ ${RATE_TARGET}/s and p95 ≤ ${CONCURRENT_P95_TARGET_MS} ms: ${met ? 'met' : 'NOT met'}); ` +
          `every acknowledged edit read back from the file, every window heard every edit`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] as number;
}

/**
 * (f) The recompute after a one-line edit, in a process of its own (so that no garbage from the full
 * computes of case a lands in its timing): one engine, as the window's worker keeps one for the open
 * programme, computes the programme, then each of a series of edited models (one unit cost each).
 */
function caseF(): CaseResult {
  const model = generateModel({ lines: LINES_A, months: MONTHS });
  // A recompute is short: the engine's code reaches its optimised tiers only after many of them.
  const runs = Math.max(RUNS, 50);
  const warmUp = 100;
  const engine = createEngine();
  engine.compute(model);
  // The edited models are made before the timing: only the recompute is timed.
  const editedModels: Model[] = [];
  let edited = model;
  for (let i = 0; i < warmUp + runs; i++) {
    const at = (i * 7) % edited.lines.length;
    edited = { ...edited, lines: edited.lines.map((l, j) => (j === at ? { ...l, unitCost: l.unitCost + 1 } : l)) };
    editedModels.push(edited);
  }
  let k = 0;
  const incremental = timeRuns(
    () => {
      engine.compute(editedModels[k++] as Model);
    },
    warmUp,
    runs,
  );
  edited = editedModels[k - 1] as Model;
  if (JSON.stringify(engine.compute(edited)) !== JSON.stringify(createEngine().compute(structuredClone(edited)))) {
    fail('after the edits, the engine that kept its lines differs from a fresh one');
  }
  const n = LINES_A.toLocaleString('en');
  return {
    rows: [
      {
        key: 'computeEdit',
        label: `recompute ${n} lines after a one-line edit (unchanged lines reused; one engine)`,
        samples: incremental,
      },
    ],
    peakRssKb: process.resourceUsage().maxRSS,
    notes: [],
  };
}

/** Case (n), issue 11: rows of the imported CSV, and the target for read + guess + check. */
const IMPORT_ROWS = 5000;
const IMPORT_TARGET_MS = 1000;

async function caseN(): Promise<CaseResult> {
  const bytes = Buffer.from(linesCsvText(IMPORT_ROWS), 'utf8');
  const model = blankModel('Bench', '', new Date(Date.UTC(2026, 0, 1)));
  const once = async (): Promise<number> => {
    const file = await readImportFile('bench.csv', bytes);
    const check = checkImport(file.table, guessMapping(file.table.headers), model, { level: 'individual' });
    return check.ready.length;
  };
  for (let i = 0; i < 2; i++) await once();
  const samples: number[] = [];
  const t0 = performance.now();
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    const ready = await once();
    samples.push(performance.now() - t);
    if (ready !== IMPORT_ROWS) fail(`case n: ${ready} of ${IMPORT_ROWS} rows ready`);
    if (samples.length >= 3 && performance.now() - t0 > BUDGET_MS) break;
  }
  return {
    rows: [
      {
        key: 'import',
        label: `import of a ${IMPORT_ROWS.toLocaleString('en')}-row CSV (${(bytes.length / 1024).toFixed(0)} KB): read, guess, check`,
        samples,
      },
    ],
    peakRssKb: process.resourceUsage().maxRSS,
    notes: [],
  };
}

function runCase(id: CaseId): CaseResult | Promise<CaseResult> {
  switch (id) {
    case 'a':
      return caseA();
    case 'b':
      return caseB();
    case 'c':
      return caseC();
    case 'd':
      return caseD();
    case 'e':
      return caseE();
    case 'f':
      return caseF();
    case 'g':
      return caseG();
    case 'h':
      return caseH();
    case 'i':
      return caseI();
    case 'j':
      return caseJ();
    case 'k':
      return caseK();
    case 'l':
      return caseL();
    case 'm':
      return caseM();
    case 'n':
      return caseN();
  }
}

function runChild(id: CaseId): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const self = fileURLToPath(import.meta.url);
    const child = fork(self, ['--child', id, '--runs', String(RUNS), '--budget-ms', String(BUDGET_MS)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: CaseResult | null = null;
    child.on('message', (m) => {
      result = m as CaseResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`case ${id} failed (exit code ${code})`));
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) {
    const id = process.argv[childAt + 1] as CaseId;
    if (!ALL_CASES.includes(id)) throw new Error(`unknown case ${String(id)}`);
    const result = await runCase(id);
    process.send?.(result);
    return;
  }

  const results: Partial<Record<CaseId, CaseResult>> = {};
  if (CASES.includes('j') || CASES.includes('k')) {
    console.error('Building the app for cases j and k (electron-vite build)…');
    buildApp();
  }
  for (const id of CASES) results[id] = await runChild(id);

  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  const lines: string[] = [];
  lines.push(
    `Benchmark (Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, ` +
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} at the end); times in ms`,
  );
  lines.push('');
  lines.push('| case | runs | median | min | max | peak RSS (case) |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  const medians: Record<string, number> = {};
  for (const id of CASES) {
    const r = results[id];
    if (!r) continue;
    for (const row of r.rows) {
      medians[row.key] = median(row.samples);
      lines.push(
        `| (${id}) ${row.label} | ${row.samples.length} | ${ms(median(row.samples))} | ${ms(Math.min(...row.samples))} | ${ms(Math.max(...row.samples))} | ${Math.round(r.peakRssKb / 1024)} MB |`,
      );
    }
  }
  lines.push('');
  const ours = medians['compute'];
  if (ours !== undefined) {
    lines.push(
      `Target (issue 3): full compute of ${LINES_A.toLocaleString('en')} lines, median ≤ ${TARGET_MS} ms — ` +
        `${ms(ours)} ms, ${ours <= TARGET_MS ? 'met' : 'NOT met'}.`,
    );
    lines.push(
      `Target (issue 7): full compute ≤ ${FAST_FULL_MS} ms — ${ms(ours)} ms, ${ours <= FAST_FULL_MS ? 'met' : 'NOT met'}.`,
    );
  }
  const oneLine = medians['computeEdit'];
  if (oneLine !== undefined) {
    lines.push(
      `Target (issue 7): recompute after a one-line edit ≤ ${FAST_EDIT_MS} ms — ${ms(oneLine)} ms, ` +
        `${oneLine <= FAST_EDIT_MS ? 'met' : 'NOT met'}.`,
    );
  }
  const ratio = (a: number | undefined, b: number | undefined): string =>
    a === undefined || b === undefined ? '' : (a / b).toPrecision(2);
  const fullOurs = medians['fairFullOurs'];
  const rebuild = medians['hfRebuild'];
  const recalc = medians['hfRecalc'];
  const editOurs = medians['fairEditOurs'];
  const editTheirs = medians['hfEdit'];
  if (fullOurs !== undefined && recalc !== undefined && editOurs !== undefined && editTheirs !== undefined) {
    lines.push(
      `Fair spreadsheet ratios (ours ÷ HyperFormula, medians; same inputs, quantities derived by formulas, no undo ` +
        `stack, same warm-up, timed in turn): full recalculation ${ratio(fullOurs, recalc)} ` +
        `(against rebuildAndRecalculate(), parse included: ${ratio(fullOurs, rebuild)}); ` +
        `one edit ${ratio(editOurs, editTheirs)}.`,
    );
  }
  const alternate = medians['alternate'];
  const repeat = medians['repeat'];
  if (alternate !== undefined && repeat !== undefined) {
    const r = alternate / repeat;
    lines.push(
      `Alternating a baseline and a one-line-changed copy on one engine: median ${ms(alternate)} ms against ` +
        `${ms(repeat)} ms for the same model again, ratio ${r.toFixed(2)} (target ≤ ${ALTERNATION_TARGET}: ` +
        `${r <= ALTERNATION_TARGET ? 'met' : 'NOT met'}).`,
    );
  }
  const tornadoMs = medians['tornado'];
  if (tornadoMs !== undefined) {
    lines.push(
      `Target (issue 10): tornado with ${TORNADO_PARAMETERS} parameters ≤ ${TORNADO_TARGET_MS} ms — ${ms(tornadoMs)} ms, ` +
        `${tornadoMs <= TORNADO_TARGET_MS ? 'met' : 'NOT met'}.`,
    );
  }
  const targetLine = (key: string, what: string, target: number): void => {
    const v = medians[key];
    if (v === undefined) return;
    lines.push(`Target (issue 10): ${what} ≤ ${target} ms — ${ms(v)} ms, ${v <= target ? 'met' : 'NOT met'}.`);
  };
  targetLine('compare', `compare ${COMPARED} scenarios of ${LINES_A.toLocaleString('en')} lines`, COMPARE_TARGET_MS);
  const otherRuns = (id: 'j' | 'k', target: number): void => {
    const cold = medians[`montecarlo-${id}-cold`];
    const again = medians[`montecarlo-${id}-again`];
    if (cold === undefined || again === undefined) return;
    lines.push(
      `(${id}: Run clicked as the screen shows ${ms(cold)} ms, ${cold <= target ? 'within' : 'over'} the target; ` +
        `a run after a run ${ms(again)} ms, ${again <= target ? 'within' : 'over'} it.)`,
    );
  };
  targetLine(
    'montecarlo-j',
    `Monte-Carlo, ${MC_SAMPLE_DRAWS.toLocaleString('en')} draws of the sample in the app (first run)`,
    MC_SAMPLE_TARGET_MS,
  );
  otherRuns('j', MC_SAMPLE_TARGET_MS);
  targetLine(
    'montecarlo-k',
    `Monte-Carlo, ${MC_LARGE_DRAWS.toLocaleString('en')} draws of ${LINES_A.toLocaleString('en')} lines in the app (first run)`,
    MC_LARGE_TARGET_MS,
  );
  otherRuns('k', MC_LARGE_TARGET_MS);
  const withS = medians['synergiesWith'];
  const withoutS = medians['synergiesWithout'];
  if (withS !== undefined && withoutS !== undefined) {
    const r = withS / withoutS;
    lines.push(
      `Target (issue 9): full compute with ${SYNERGIES_G} synergies ≤ ${SYNERGY_TARGET} × without — ${ms(withS)} ms ` +
        `against ${ms(withoutS)} ms, ratio ${r.toFixed(2)}, ${r <= SYNERGY_TARGET ? 'met' : 'NOT met'}.`,
    );
  }
  const exportMs = medians['export'];
  if (exportMs !== undefined) {
    lines.push(
      `Target (issue 11): XLSX export of ${LINES_A.toLocaleString('en')} lines with ${EXPORTED_SCENARIOS} scenarios ≤ ${EXPORT_TARGET_MS} ms — ` +
        `${ms(exportMs)} ms, ${exportMs <= EXPORT_TARGET_MS ? 'met' : 'NOT met'}.`,
    );
  }
  const importMs = medians['import'];
  if (importMs !== undefined) {
    lines.push(
      `Target (issue 11): import of a ${IMPORT_ROWS.toLocaleString('en')}-row CSV (read, guess, check) ≤ ${IMPORT_TARGET_MS} ms — ` +
        `${ms(importMs)} ms, ${importMs <= IMPORT_TARGET_MS ? 'met' : 'NOT met'}.`,
    );
  }
  for (const id of CASES) for (const note of results[id]?.notes ?? []) lines.push(note);
  console.log(lines.join('\n'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
