/**
 * Monte-Carlo in worker threads (src-main/documents/montecarlo-pool.ts): real node:worker_threads,
 * each computing its chunk with an engine of its own; 1, 2 and 3 threads give the numbers the run
 * gives in one thread, draw by draw; progress is reported; cancel terminates the threads.
 *
 * The threads run the TypeScript source (montecarlo-thread.ts) through tsx, so no build is needed;
 * the app and the benchmark run the bundled script.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleModel } from '../../src-main/sample/sample-model';
import { chunksOf, MonteCarloPool, runMonteCarlo, YOUNG_GENERATION_MB } from '../../src-main/documents/montecarlo-pool';
import { compute, keyParameters, monteCarlo, type Range } from '../../src-shared/engine';

const script = pathToFileURL(path.resolve(import.meta.dirname, '../../src-main/documents/montecarlo-thread.ts'));

/** A thread that loads tsx first, then the thread's TypeScript source. */
function tsThread(url: string | URL): Worker {
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(String(url))}); })`;
  return new Worker(code, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
}

const model = sampleModel();
const params = keyParameters(model, compute(model));
const ranges = new Map<string, Range>(params.map((p) => [p.id, { low: 0.8, likely: 1, high: 1.2 }]));

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
});

describe('Monte-Carlo in worker threads', () => {
  it('1, 2 and 3 threads give the same numbers as one run in this thread, with progress up to the end', async () => {
    const draws = 60;
    const here = monteCarlo(model, ranges, draws, 11, params);
    for (const threads of [1, 2, 3]) {
      const seen: number[] = [];
      const run = runMonteCarlo(
        { model, ranges, params, draws, seed: 11 },
        { script, threads, startThread: tsThread, onProgress: (done) => seen.push(done) },
      );
      expect(run.threads).toBe(threads);
      expect(await run.result).toEqual(here);
      expect(seen.at(-1)).toBe(draws);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1] as number);
    }
  });

  it('splits the draws into contiguous chunks, in order, that cover every draw once', () => {
    expect(chunksOf(10, 3)).toEqual([
      { from: 0, to: 3 },
      { from: 3, to: 6 },
      { from: 6, to: 10 },
    ]);
    expect(chunksOf(2, 2)).toEqual([
      { from: 0, to: 1 },
      { from: 1, to: 2 },
    ]);
  });

  it('never more threads than draws', async () => {
    const run = runMonteCarlo(
      { model, ranges, params, draws: 1, seed: 1 },
      { script, threads: 4, startThread: tsThread },
    );
    expect(run.threads).toBe(1);
    expect((await run.result)?.totals).toEqual(monteCarlo(model, ranges, 1, 1, params)?.totals);
  });

  it('no draw: an empty run, without a thread', async () => {
    const run = runMonteCarlo({ model, ranges, params, draws: 0, seed: 1 }, { script, threads: 2 });
    expect(run.threads).toBe(0);
    expect(await run.result).toEqual(monteCarlo(model, ranges, 0, 1, params));
  });

  it('cancel terminates the threads: the run gives null and reports nothing more', async () => {
    const started: Worker[] = [];
    let reported = 0;
    const run = runMonteCarlo(
      { model, ranges, params, draws: 20_000, seed: 3 },
      {
        script,
        threads: 2,
        startThread: (url) => {
          const w = tsThread(url);
          started.push(w);
          return w;
        },
        onProgress: (done) => {
          reported = done;
          if (done > 0) run.cancel();
        },
      },
    );
    const exited = started.map((w) => new Promise<number>((resolve) => w.once('exit', resolve)));
    expect(await run.result).toBeNull();
    await Promise.all(exited);
    const after = reported;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reported).toBe(after);
    expect(after).toBeLessThan(20_000);
  });

  it('a pool keeps its threads for the next run (no thread started again), one run at a time', async () => {
    let started = 0;
    const pool = new MonteCarloPool({
      script,
      threads: 2,
      startThread: (url) => {
        started++;
        return tsThread(url);
      },
    });
    try {
      const first = pool.run({ model, ranges, params, draws: 30, seed: 5 });
      expect(() => pool.run({ model, ranges, params, draws: 30, seed: 6 })).toThrow(/already going/);
      expect(await first.result).toEqual(monteCarlo(model, ranges, 30, 5, params));
      expect(pool.idleThreads).toBe(2);
      const second = await pool.run({ model, ranges, params, draws: 41, seed: 6 }).result;
      expect(second).toEqual(monteCarlo(model, ranges, 41, 6, params));
      expect(started).toBe(2);
      // A cancelled run's threads are ended, not kept: the next run starts new ones.
      const cancelled = pool.run({ model, ranges, params, draws: 20_000, seed: 7 });
      cancelled.cancel();
      expect(await cancelled.result).toBeNull();
      expect(pool.idleThreads).toBe(0);
      expect((await pool.run({ model, ranges, params, draws: 4, seed: 8 }).result)?.totals).toEqual(
        monteCarlo(model, ranges, 4, 8, params)?.totals,
      );
      expect(started).toBe(4);
    } finally {
      pool.close();
    }
    expect(pool.idleThreads).toBe(0);
    expect(() => pool.run({ model, ranges, params, draws: 1, seed: 1 })).toThrow(/closed/);
  });

  it('a thread that cannot run fails the run with what to do', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-pool-'));
    temp.push(dir);
    const broken = path.join(dir, 'broken.mjs');
    fs.writeFileSync(broken, 'throw new Error("no engine here");\n');
    const run = runMonteCarlo({ model, ranges, params, draws: 10, seed: 1 }, { script: broken, threads: 2 });
    await expect(run.result).rejects.toThrow(/no engine here.*npm run build/);
  });

  it('refuses a range it cannot draw from before any thread starts', () => {
    const bad = new Map<string, Range>([['indirectRate:', { low: 2, likely: 1, high: 1 }]]);
    let started = 0;
    expect(() =>
      runMonteCarlo(
        { model, ranges: bad, params, draws: 10, seed: 1 },
        {
          script,
          startThread: (url) => {
            started++;
            return tsThread(url);
          },
        },
      ),
    ).toThrow(/0 ≤ low ≤ likely ≤ high/);
    expect(started).toBe(0);
    expect(() => runMonteCarlo({ model, ranges, params, draws: 1.5, seed: 1 }, { script })).toThrow(/whole number/);
  });
});
