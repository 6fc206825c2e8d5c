/**
 * Monte-Carlo off the main thread: a run's draws split into contiguous chunks, one per worker thread
 * (montecarlo-thread.ts), each with its own engine, computed at once on the machine's cores; the
 * chunks are put back together in draw order and summarised (src-shared/engine/montecarlo.ts).
 * Every draw has its own random stream (seeded from the run's seed and its number), so the result
 * is the same, to the cent, whatever the number of threads.
 *
 * Progress comes from each thread as it goes (summed over the chunks); cancel() terminates the
 * threads at once, and the run then gives null, as a cancelled monteCarlo() does.
 *
 * Decision: one thread per core (os.availableParallelism()), never more than there are draws, and
 *   new threads for each run, ended when it ends: a run is a person's explicit request, and the
 *   ~0.1 s a bundled thread takes to start is small beside the run; kept threads would hold an
 *   engine's caches (and their memory) between runs for nothing.
 * Decision: each thread's young generation is YOUNG_GENERATION_MB (V8's default is a few tens of
 *   MB): every draw of a 2,000-line programme makes about 4 MB of short-lived arrays, and with the
 *   default the collector copied the draw in progress every few draws (about a third of the CPU
 *   time); with room for dozens of draws it copies it rarely (measured: ~20 ms of CPU a draw down
 *   to ~13). The memory is taken only while a run lasts.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  type KeyParameter,
  type MonteCarloResult,
  type Range,
  rangedParameters,
  summarizeDraws,
} from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';
import type { ThreadReply, ThreadRequest } from './montecarlo-thread';

export interface MonteCarloJob {
  /** The model to move (the baseline, or a scenario's resolved model). */
  model: Model;
  ranges: ReadonlyMap<string, Range>;
  params: readonly KeyParameter[];
  draws: number;
  seed: number;
}

export interface MonteCarloPoolOptions {
  /** The thread's script: out/main/montecarlo-thread.js, as `electron-vite build` makes it. */
  script: string | URL;
  /** How many threads (default: os.availableParallelism()); at most one per draw. */
  threads?: number;
  /** Draws done so far (over all threads) and the run's draws; called as the threads report. */
  onProgress?: (done: number, draws: number) => void;
  /** How a thread is started from `script` (default: a Worker with a young generation of YOUNG_GENERATION_MB); the tests start the TypeScript source. */
  startThread?: (script: string | URL) => Worker;
}

export interface MonteCarloRun {
  /** The run's result, or null when it was cancelled. Rejects when a thread fails, with the reason. */
  result: Promise<MonteCarloResult | null>;
  /** Stops the run: its threads are terminated and `result` gives null. */
  cancel(): void;
  /** The threads the run uses. */
  threads: number;
}

/** The young generation of each thread, in MB (see the Decision above). */
export const YOUNG_GENERATION_MB = 192;

/** The chunks of `draws` draws over `threads` threads: contiguous, in order, of sizes differing by at most one. */
export function chunksOf(draws: number, threads: number): { from: number; to: number }[] {
  return Array.from({ length: threads }, (_, i) => ({
    from: Math.floor((i * draws) / threads),
    to: Math.floor(((i + 1) * draws) / threads),
  }));
}

/** Starts a Monte-Carlo run in worker threads (see the file's comment). */
export function runMonteCarlo(job: MonteCarloJob, options: MonteCarloPoolOptions): MonteCarloRun {
  const { draws, seed } = job;
  if (!Number.isSafeInteger(draws) || draws < 0) {
    throw new RangeError(`${draws} is not a number of draws: give a whole number (0 or more).`);
  }
  // Refused here, before any thread starts, with the range to fix (the threads check it again).
  rangedParameters(job.params, job.ranges);
  const wanted = Math.floor(options.threads ?? availableParallelism());
  const threads = Math.max(0, Math.min(draws, Math.max(1, wanted)));
  const chunks = chunksOf(draws, threads);
  const start =
    options.startThread ??
    ((script: string | URL) =>
      new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }));
  const workers: Worker[] = [];
  let settled = false;
  let finish: (r: MonteCarloResult | null) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const result = new Promise<MonteCarloResult | null>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const stop = (): void => {
    for (const w of workers) void w.terminate();
  };
  const end = (outcome: { value: MonteCarloResult | null } | { error: Error }): void => {
    if (settled) return;
    settled = true;
    stop();
    if ('error' in outcome) fail(outcome.error);
    else finish(outcome.value);
  };

  const done = new Array<number>(chunks.length).fill(0);
  const parts: ({ totals: Float64Array; nets: Float64Array } | null)[] = chunks.map(() => null);
  let left = chunks.length;
  const progress = (): void => {
    let sum = 0;
    for (const n of done) sum += n;
    options.onProgress?.(sum, draws);
  };
  const whole = (): MonteCarloResult => {
    const totals: number[] = [];
    const nets: number[] = [];
    for (const part of parts) {
      for (const t of part?.totals ?? []) totals.push(t);
      for (const n of part?.nets ?? []) nets.push(n);
    }
    return summarizeDraws(seed, totals, nets);
  };
  if (chunks.length === 0) end({ value: whole() });

  const ranges = [...job.ranges.entries()];
  const params = [...job.params];
  chunks.forEach((chunk, i) => {
    if (settled) return;
    let worker: Worker;
    try {
      worker = start(options.script);
    } catch (err) {
      end({ error: threadError(err) });
      return;
    }
    workers.push(worker);
    worker.on('message', (reply: ThreadReply) => {
      if (settled) return;
      if (reply.type === 'progress') {
        done[i] = reply.done;
        progress();
      } else if (reply.type === 'failed') {
        end({ error: new Error(`A Monte-Carlo draw could not be computed: ${reply.message}`) });
      } else {
        if (reply.totals.length !== chunk.to - chunk.from) {
          end({ error: new Error('A Monte-Carlo thread answered with the wrong number of draws; run it again.') });
          return;
        }
        parts[i] = { totals: reply.totals, nets: reply.nets };
        done[i] = chunk.to - chunk.from;
        progress();
        void worker.terminate();
        if (--left === 0) end({ value: whole() });
      }
    });
    worker.on('error', (err) => end({ error: threadError(err) }));
    worker.on('exit', (code) => {
      if (!settled && parts[i] === null) {
        end({ error: new Error(`A Monte-Carlo thread stopped (exit code ${code}) before it finished; run it again.`) });
      }
    });
    const request: ThreadRequest = {
      model: job.model,
      ranges,
      params,
      seed,
      from: chunk.from,
      to: chunk.to,
      progressEvery: Math.max(1, Math.ceil((chunk.to - chunk.from) / 100)),
    };
    worker.postMessage(request);
  });

  return {
    result,
    threads,
    cancel: () => end({ value: null }),
  };
}

function threadError(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  return new Error(
    `The Monte-Carlo thread could not run (${message}). Build the app (npm run build) so that ` +
      `out/main/montecarlo-thread.js is there, or run the Monte-Carlo in this thread (monteCarlo).`,
  );
}
