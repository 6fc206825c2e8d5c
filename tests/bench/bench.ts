/**
 * npm run bench — times the engine and the file layer, and compares the engine with a spreadsheet.
 *
 *   (a) compute a generated programme of 2,000 lines over 60 months;
 *   (b) write a 10,000-line .rcs file, then open it and compute it;
 *   (c) the same 2,000-line budget in a HyperFormula sheet (=qty*unit_cost per line-month, SUM totals):
 *       build, and full recalculation after every unit cost changes. Both engines must give the
 *       same grand total to the cent, or the bench fails.
 *
 * Each case runs in its own child process, so its peak RSS is its own. Each case does two warm-up
 * runs, then up to --runs timed runs, stopping early (after at least 3) once it has used its time
 * budget, so the whole bench stays within seconds.
 *
 * Options: --runs N (default 15), --budget-ms M per case (default 4000), --cases a,b,c, --json.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compute } from '../../src-shared/engine';
import { generateModel } from './generate';
import { buildWorkbook, budgetSheet, grandTotalCents, setUnitCosts } from './spreadsheet';
import { openAndCompute, openOnly, writeModel } from './rcs';

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

type CaseId = 'a' | 'b' | 'c';
const ALL_CASES: CaseId[] = ['a', 'b', 'c'];

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

/** Two warm-up runs (JIT), then timed runs until RUNS or the budget (at least 3). */
function timeRuns(fn: (run: number) => void): number[] {
  fn(-2);
  fn(-1);
  const samples: number[] = [];
  const t0 = performance.now();
  for (let run = 0; run < RUNS; run++) {
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

function caseA(): CaseResult {
  const model = generateModel({ lines: LINES_A, months: MONTHS });
  let total = 0;
  const samples = timeRuns(() => {
    const r = compute(model);
    if (r.diagnostics.length > 0) fail(`generated model has ${r.diagnostics.length} diagnostics`);
    total = r.totals.total;
  });
  return {
    rows: [{ key: 'compute', label: `compute ${LINES_A.toLocaleString('en')} lines × ${MONTHS} months`, samples }],
    peakRssKb: process.resourceUsage().maxRSS,
    notes: [`(a) grand total incl. indirect and contingency: EUR ${(total / 100).toFixed(2)}`],
  };
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
    const open = timeRuns(() => {
      const total = openAndCompute(file);
      if (total !== expected) fail(`opened file computes ${total}, the model computes ${expected}`);
    });
    const n = LINES_B.toLocaleString('en');
    return {
      rows: [
        { key: 'write', label: `write a ${n}-line .rcs file`, samples: write },
        { key: 'open', label: `open a ${n}-line .rcs file (read-only, full snapshot)`, samples: openSamples },
        { key: 'openCompute', label: `open + compute a ${n}-line .rcs file`, samples: open },
      ],
      peakRssKb: process.resourceUsage().maxRSS,
      notes: [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function caseC(): CaseResult {
  const model = generateModel({ lines: LINES_A, months: MONTHS });
  const ours = compute(model).totals.direct;
  const sheet = budgetSheet(model);
  let hf = buildWorkbook(sheet);
  const build = timeRuns(() => {
    hf.destroy();
    hf = buildWorkbook(sheet);
  });
  const built = grandTotalCents(hf, sheet);
  if (built !== ours) fail(`spreadsheet grand total ${built} ≠ engine direct total ${ours} (cents)`);
  // Recalculation: every unit cost changes (×2, then back), every formula cell recomputes.
  let factor = 1;
  const recalc = timeRuns(() => {
    factor = factor === 1 ? 2 : 1;
    setUnitCosts(hf, model, factor);
  });
  const after = grandTotalCents(hf, sheet);
  if (after !== ours * factor)
    fail(`after recalculation the spreadsheet says ${after}, expected ${ours * factor} (cents)`);
  hf.destroy();
  return {
    rows: [
      {
        key: 'hfBuild',
        label: `spreadsheet: build + calculate ${LINES_A.toLocaleString('en')}-line sheet`,
        samples: build,
      },
      { key: 'hfRecalc', label: 'spreadsheet: recalculate after all unit costs change', samples: recalc },
    ],
    peakRssKb: process.resourceUsage().maxRSS,
    notes: [
      `(c) ${sheet.formulaCells.toLocaleString('en')} formula cells; grand total (direct) EUR ${(ours / 100).toFixed(2)} in both, to the cent`,
    ],
  };
}

function runCase(id: CaseId): CaseResult {
  switch (id) {
    case 'a':
      return caseA();
    case 'b':
      return caseB();
    case 'c':
      return caseC();
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
    const result = runCase(id);
    process.send?.(result);
    return;
  }

  const results: Partial<Record<CaseId, CaseResult>> = {};
  for (const id of CASES) results[id] = await runChild(id);

  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  const lines: string[] = [];
  lines.push(`Benchmark (Node ${process.version}, ${process.platform}/${process.arch}); times in ms`);
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
  const recalc = medians['hfRecalc'];
  const build = medians['hfBuild'];
  if (ours !== undefined && recalc !== undefined && build !== undefined) {
    lines.push(
      `Ratio ours / spreadsheet: ${(ours / recalc).toPrecision(2)} (median compute ÷ median spreadsheet recalculation; ` +
        `the spreadsheet takes ${(recalc / ours).toFixed(0)}× as long), ` +
        `${(ours / build).toPrecision(2)} against spreadsheet build + calculate`,
    );
  }
  for (const id of CASES) for (const note of results[id]?.notes ?? []) lines.push(note);
  console.log(lines.join('\n'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
