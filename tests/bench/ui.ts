/**
 * npm run bench:ui — keystroke-to-totals in the UI at 2,000 lines, measured in Chromium.
 *
 * Builds nothing: run `npm run build` first (it uses out/main/serve.js and out/renderer). Starts
 * browser mode on a free port with throw-away documents and settings folders (as the end-to-end
 * tests do), writes a generated programme of 2,000 lines over 60 months there (generate.ts),
 * opens it in Debian's Chromium through Playwright, and measures, in the page's own clock:
 *
 *   - keystroke-to-totals: for each of --edits unit-cost edits (default 30), from the Enter key
 *     that commits the typed value (the keydown event's time stamp) until the grand total on screen
 *     (data-testid "totals-total") shows the new value, the one the engine gives in Node for the
 *     edited programme (a MutationObserver in the page). Target (issue 7): median ≤ 50 ms.
 *   - typing while the engine computes: right after each of --typing commits (default 5), a
 *     10-character value is typed into another line's unit cost while the worker computes the
 *     commit; the page's long tasks (PerformanceObserver 'longtask': main-thread tasks over 50 ms)
 *     and its slow key events (Event Timing: key events whose input delay + handlers + next paint
 *     took 16 ms or more) are recorded while typing, with each key's input delay (the time the
 *     keydown waited for the main thread). None over 50 ms = typing never waited for a compute.
 *
 * Options: --edits N (default 30), --typing N (default 5), --lines N (default 2000), --json.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeModelToFile } from '../../src-main/documents';
import { createEngine } from '../../src-shared/engine';
import { formatMinor, type Locale } from '../../src-shared/money';
import type { BudgetLine, Level, Model } from '../../src-shared/model';
import { parseLineCell } from '../../src-renderer/features/budget/lineFields';
import { openListed, showLibrary, startAppInChromium } from './browser';
import { generateModel } from './generate';

const TARGET_MS = 50;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 1) throw new Error(`--${name} needs a positive number`);
  return v;
}

const EDITS = option('edits', 30);
const TYPING = option('typing', 5);
const LINES = option('lines', 2000);
const JSON_OUT = process.argv.includes('--json');

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

const ms = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '–');

/*
 * What runs in the page is plain JavaScript (this file is compiled for Node, without the DOM's
 * types): the timings are the page's own (performance.now() and the events' time stamps).
 */

/**
 * In the page: window.__benchTotals resolves with the time from the next Enter keydown until the
 * grand total reads `want` (total), split at the engine's answer: Enter to the answer (the edit
 * planned and sent, computed and checked in the worker, answered) and the answer to the total on
 * screen (results store, React render).
 */
const ARM_TOTALS_TIMER = `(want) => {
  window.__benchTotals = new Promise((resolve, reject) => {
    const el = document.querySelector('[data-testid="totals-total"]');
    if (!el) return reject(new Error('no totals-total on the page'));
    let start = -1;
    const onKey = (e) => {
      if (e.key === 'Enter' && start < 0) start = e.timeStamp;
    };
    document.addEventListener('keydown', onKey, { capture: true });
    const stop = () => {
      observer.disconnect();
      document.removeEventListener('keydown', onKey, { capture: true });
      clearTimeout(timer);
    };
    const observer = new MutationObserver(() => {
      if (start >= 0 && el.textContent === want) {
        const end = performance.now();
        stop();
        // The engine client's marks (engineClient.ts): when the answer came back from the worker.
        const reply = performance.getEntriesByName('rcs:engine-reply').pop();
        const at = reply && reply.startTime >= start ? reply.startTime : NaN;
        resolve({ total: end - start, engine: at - start, render: end - at });
      }
    });
    observer.observe(el, { childList: true, characterData: true, subtree: true });
    const timer = setTimeout(() => {
      stop();
      reject(new Error('the grand total did not become ' + want + ' within 10 s (it reads ' + el.textContent + ')'));
    }, 10000);
  });
}`;

/** In the page: records long tasks, slow key events (Event Timing) and each keydown's wait for the main thread. */
const START_TYPING_PROBE = `() => {
  const probe = { longTasks: [], slowKeys: [], inputDelays: [] };
  const long = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push(e.duration);
  });
  long.observe({ type: 'longtask', buffered: false });
  const events = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (/^key|input/.test(e.name)) probe.slowKeys.push(e.duration);
  });
  events.observe({ type: 'event', durationThreshold: 16, buffered: false });
  const onKey = (e) => probe.inputDelays.push(performance.now() - e.timeStamp);
  document.addEventListener('keydown', onKey, { capture: true });
  probe.stop = () => {
    long.disconnect();
    events.disconnect();
    document.removeEventListener('keydown', onKey, { capture: true });
  };
  window.__benchProbe = probe;
}`;

const STOP_TYPING_PROBE = `() => {
  const p = window.__benchProbe;
  p.stop();
  return { longTasks: p.longTasks, slowKeys: p.slowKeys, inputDelays: p.inputDelays };
}`;

/** Runs `fn` (JavaScript source of a function) in the page with `arg`. */
function inPage<T>(page: Page, fn: string, arg?: unknown): Promise<T> {
  return page.evaluate(`(${fn})(${arg === undefined ? '' : JSON.stringify(arg)})`) as Promise<T>;
}

interface Timing {
  total: number;
  engine: number;
  render: number;
}

interface TypingProbe {
  longTasks: number[];
  slowKeys: number[];
  inputDelays: number[];
}

/** Reads `want` in the grand total, or waits until it does. */
function totalReads(page: Page, want: string, timeout = 30_000): Promise<unknown> {
  return page.waitForFunction(
    `document.querySelector('[data-testid="totals-total"]')?.textContent === ${JSON.stringify(want)}`,
    undefined,
    { timeout },
  );
}

async function main(): Promise<void> {
  if (!existsSync('out/main/serve.js') || !existsSync('out/renderer/index.html')) {
    throw new Error('out/ is missing: run `npm run build` first (bench:ui builds nothing).');
  }
  const app = await startAppInChromium('rcs-bench-ui-');
  const { browser, url, documents } = app;
  try {
    let model: Model = generateModel({ lines: LINES, months: 60 });
    const file = join(documents, 'UI bench.rcs');
    writeModelToFile(file, model, { overwrite: true });
    const engine = createEngine();
    const locale: Locale = 'en';
    const totalText = (m: Model): string => {
      const r = engine.compute(m);
      return formatMinor(r.totals.total, r.currency, locale);
    };

    const page = await browser.newPage({ viewport: { width: 1366, height: 850 }, locale: 'en-GB' });
    // The engine client says so on the console when the worker cannot start (CSP, bundling): the
    // numbers would then be the in-window fallback's, so the bench stops.
    const workerTrouble: string[] = [];
    page.on('console', (m) => {
      if (/engine worker/.test(m.text())) workerTrouble.push(m.text());
    });
    await showLibrary(page, url);
    const opened = Date.now();
    await openListed(page, file);
    await page.getByTestId('nav-budget').click();
    const total = page.getByTestId('totals-total');
    const expectedFirst = totalText(model);
    await totalReads(page, expectedFirst);
    const openMs = Date.now() - opened;
    const engineWorkers = page.workers().filter((w) => w.url().includes('engine.worker'));
    if (engineWorkers.length !== 1 || workerTrouble.length > 0) {
      throw new Error(`the engine worker is not running (${engineWorkers.length} found): ${workerTrouble.join('; ')}`);
    }

    // Lines of the first section whose unit cost counts (not percentage lines), near the top of
    // the page (rendered, in view).
    const level: Level = 'individual';
    const candidates = model.lines.filter((l) => l.level === level && l.driver.kind !== 'percentage').slice(0, 12);
    const lineOf = (id: string): BudgetLine => {
      const line = model.lines.find((l) => l.id === id);
      if (!line) throw new Error(`no line ${id}`);
      return line;
    };
    const withCost = (m: Model, id: string, text: string): Model => {
      const line = lineOf(id);
      const parsed = parseLineCell(line, 'unitCost', text, locale, m.programme);
      if (!parsed.ok) throw new Error(`cannot parse ${text} for ${id}`);
      return { ...m, lines: m.lines.map((l) => (l.id === id ? { ...l, ...parsed.value } : l)) };
    };

    /** Commits `text` as the unit cost of line `id`; returns keystroke-to-totals (ms). */
    const commit = async (id: string, text: string): Promise<Timing> => {
      const cell = page.getByTestId(`cell-unitCost-${id}`);
      await cell.click();
      await cell.press('Enter');
      await cell.fill(text);
      model = withCost(model, id, text);
      await inPage(page, ARM_TOTALS_TIMER, totalText(model));
      await cell.press('Enter');
      return inPage<Timing>(page, '() => window.__benchTotals');
    };

    const settle = async (): Promise<void> => {
      await page.getByTestId('saved-indicator').and(page.locator('[data-state="saved"]')).waitFor();
      await total.waitFor();
    };

    // Warm-up: two edits not counted (the worker's and the page's code paths compiled).
    for (let i = 0; i < 2; i++) {
      await commit(candidates[i % candidates.length]?.id ?? '', String(1000 + i));
      await settle();
    }

    const samples: Timing[] = [];
    for (let i = 0; i < EDITS; i++) {
      const line = candidates[i % candidates.length] as BudgetLine;
      samples.push(await commit(line.id, String(2000 + 13 * i)));
      await settle();
    }

    // Typing while the engine computes: commit on one line, then at once type 10 characters into
    // another line's unit cost (the worker is computing the commit meanwhile).
    const typing: TypingProbe = { longTasks: [], slowKeys: [], inputDelays: [] };
    for (let i = 0; i < TYPING; i++) {
      const a = candidates[(2 * i) % candidates.length] as BudgetLine;
      const b = candidates[(2 * i + 1) % candidates.length] as BudgetLine;
      const cellA = page.getByTestId(`cell-unitCost-${a.id}`);
      const cellB = page.getByTestId(`cell-unitCost-${b.id}`);
      await cellA.click();
      await cellA.press('Enter');
      await cellA.fill(String(3000 + i));
      model = withCost(model, a.id, String(3000 + i));
      await inPage(page, START_TYPING_PROBE);
      await cellA.press('Enter');
      await cellB.click();
      await cellB.press('Enter');
      await cellB.press('Control+A');
      await page.keyboard.type('1234567.89', { delay: 0 });
      // Let the last key's frame be painted and reported before stopping.
      await page.waitForTimeout(100);
      const got = await inPage<TypingProbe>(page, STOP_TYPING_PROBE);
      typing.longTasks.push(...got.longTasks);
      typing.slowKeys.push(...got.slowKeys);
      typing.inputDelays.push(...got.inputDelays);
      await cellB.press('Escape');
      await totalReads(page, totalText(model));
      await settle();
    }

    const sorted = samples.map((t) => t.total).sort((x, y) => x - y);
    const median = quantile(sorted, 0.5);
    const p95 = quantile(sorted, 0.95);
    const max = sorted[sorted.length - 1] ?? NaN;
    const medianOf = (k: 'engine' | 'render'): number =>
      quantile(
        samples
          .map((t) => t[k])
          .filter(Number.isFinite)
          .sort((x, y) => x - y),
        0.5,
      );
    const engineMedian = medianOf('engine');
    const renderMedian = medianOf('render');
    const longest = typing.longTasks.length ? Math.max(...typing.longTasks) : 0;
    const slowest = typing.slowKeys.length ? Math.max(...typing.slowKeys) : 0;
    const maxDelay = typing.inputDelays.length ? Math.max(...typing.inputDelays) : 0;
    const report = {
      lines: LINES,
      months: 60,
      edits: samples.length,
      keystrokeToTotalsMs: { median, p95, max, engineMedian, renderMedian },
      typing: {
        keys: typing.inputDelays.length,
        longTasks: typing.longTasks.length,
        longestTaskMs: longest,
        slowKeyEvents: typing.slowKeys.length,
        slowestKeyEventMs: slowest,
        maxInputDelayMs: maxDelay,
      },
      openMs,
      cpus: cpus().length,
      loadavg: loadavg()[0],
      target: { medianMs: TARGET_MS, met: median <= TARGET_MS && typing.longTasks.length === 0 },
    };
    if (JSON_OUT) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      console.log(
        `UI bench: ${LINES.toLocaleString('en')} lines × 60 months, browser mode, Chromium (engine in a Web Worker); ` +
          `${cpus().length} cores, load ${loadavg()[0]?.toFixed(2) ?? '?'}; opened in ${openMs} ms\n`,
      );
      const rows: [string, string][] = [
        [`keystroke-to-totals, median of ${samples.length} edits (target ≤ ${TARGET_MS} ms)`, ms(median)],
        ['keystroke-to-totals, p95', ms(p95)],
        ['keystroke-to-totals, max', ms(max)],
        ['  of which Enter to the worker’s answer (plan, send, compute + checks, answer), median', ms(engineMedian)],
        ['  of which the answer to the total on screen (results store, React render), median', ms(renderMedian)],
        [
          `typing while computing: longest main-thread task over 50 ms (${typing.inputDelays.length} keys)`,
          typing.longTasks.length ? `${ms(longest)} (${typing.longTasks.length} tasks)` : 'none',
        ],
        [
          'typing while computing: slowest key event (input delay + handlers + next paint, ≥ 16 ms)',
          typing.slowKeys.length ? `${ms(slowest)} (${typing.slowKeys.length} events)` : 'none ≥ 16 ms',
        ],
        ['typing while computing: longest wait of a key for the main thread', ms(maxDelay)],
      ];
      const w = Math.max(...rows.map((r) => r[0].length));
      const v = Math.max(...rows.map((r) => r[1].length));
      console.log(`| ${'measure'.padEnd(w)} | ${'value'.padStart(v)} |`);
      console.log(`| ${'-'.repeat(w)} | ${'-'.repeat(v - 1)}: |`);
      for (const [k, val] of rows) console.log(`| ${k.padEnd(w)} | ${val.padStart(v)} |`);
      console.log(
        `\ntarget: median ≤ ${TARGET_MS} ms and no long task while typing: ${report.target.met ? 'met' : 'NOT met'}`,
      );
    }
    await page.close();
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
