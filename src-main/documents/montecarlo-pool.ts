/**
 * Monte-Carlo off the main thread: a run's draws split into contiguous chunks, one per worker thread
 * (montecarlo-thread.ts), each with its own engine, computed at once on the machine's cores; the
 * chunks are put back together in draw order and summarised (src-shared/engine/montecarlo.ts).
 * Every draw has its own random stream (seeded from the run's seed and its number), so the result
 * is the same, to the cent, whatever the number of threads.
 *
 * Progress comes from each thread as it goes (summed over the chunks); cancel() terminates the
 * run's threads at once, and the run then gives null, as a cancelled monteCarlo() does.
 *
 * Decision: one thread per core (os.availableParallelism()), never more than there are draws.
 * Decision: a pool (MonteCarloPool) keeps its threads between runs, idle and unref'd (they never
 *   keep the process alive), until close(): a thread's first second goes to V8 compiling the engine
 *   (about as much CPU as 4,000 draws of the sample), which a person who runs again with other
 *   ranges then does not wait for. Each run makes a new engine in each thread, so nothing of one
 *   run's model is held after it. A cancelled or failed run's threads are ended, not kept.
 *   runMonteCarlo is one run on a pool of its own, closed when the run ends.
 * Decision: each thread's young generation is YOUNG_GENERATION_MB (V8's default is a few tens of
 *   MB): every draw of a 2,000-line programme makes about 4 MB of short-lived arrays, and with the
 *   default the collector copied the draw in progress every few draws (about a third of the CPU
 *   time); with room for dozens of draws it copies it rarely (measured: ~20 ms of CPU a draw down
 *   to ~13).
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
  /** How many threads (default: os.availableParallelism()); a run uses at most one per draw. */
  threads?: number;
  /** How a thread is started from `script` (default: a Worker with a young generation of YOUNG_GENERATION_MB); the tests start the TypeScript source. */
  startThread?: (script: string | URL) => Worker;
}

/** Draws done so far (over all threads) and the run's draws; called as the threads report. */
export type MonteCarloProgress = (done: number, draws: number) => void;

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

/** Monte-Carlo worker threads kept between runs (see the file's comment); one run at a time. */
export class MonteCarloPool {
  private readonly idle: Worker[] = [];
  private running = false;
  private closed = false;
  private readonly wanted: number;
  private readonly start: (script: string | URL) => Worker;

  constructor(private readonly options: MonteCarloPoolOptions) {
    this.wanted = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
    this.start =
      options.startThread ??
      ((script: string | URL) =>
        new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }));
  }

  /** Threads kept idle for the next run. */
  get idleThreads(): number {
    return this.idle.length;
  }

  /** Starts a run on the pool's threads (new ones started as needed). */
  run(job: MonteCarloJob, onProgress?: MonteCarloProgress): MonteCarloRun {
    const { draws, seed } = job;
    if (this.closed) throw new Error('This Monte-Carlo pool is closed: make a new one to run again.');
    if (this.running) {
      throw new Error('A Monte-Carlo run is already going on these threads: cancel it, or wait for it to end.');
    }
    if (!Number.isSafeInteger(draws) || draws < 0) {
      throw new RangeError(`${draws} is not a number of draws: give a whole number (0 or more).`);
    }
    // Refused here, before any thread works, with the range to fix (the threads check it again).
    rangedParameters(job.params, job.ranges);
    const chunks = chunksOf(draws, Math.min(draws, this.wanted));
    this.running = true;

    let settled = false;
    let finish: (r: MonteCarloResult | null) => void = () => undefined;
    let fail: (e: Error) => void = () => undefined;
    const result = new Promise<MonteCarloResult | null>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    const workers: Worker[] = [];
    const detach: (() => void)[] = [];
    const end = (outcome: { value: MonteCarloResult | null } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      this.running = false;
      for (const off of detach) off();
      const done = 'value' in outcome && outcome.value !== null;
      for (const w of workers) {
        // A finished run's threads wait for the next one; a cancelled or failed run's are ended.
        if (done && !this.closed) {
          w.unref();
          this.idle.push(w);
        } else void w.terminate();
      }
      if ('error' in outcome) fail(outcome.error);
      else finish(outcome.value);
    };

    const progress = new Array<number>(chunks.length).fill(0);
    const parts: ({ totals: Float64Array; nets: Float64Array } | null)[] = chunks.map(() => null);
    let left = chunks.length;
    const report = (): void => {
      let sum = 0;
      for (const n of progress) sum += n;
      onProgress?.(sum, draws);
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
        worker = this.idle.pop() ?? this.started();
      } catch (err) {
        end({ error: threadError(err) });
        return;
      }
      workers.push(worker);
      worker.ref();
      const onMessage = (reply: ThreadReply): void => {
        if (settled) return;
        if (reply.type === 'progress') {
          progress[i] = reply.done;
          report();
        } else if (reply.type === 'failed') {
          end({ error: new Error(`A Monte-Carlo draw could not be computed: ${reply.message}`) });
        } else {
          if (reply.totals.length !== chunk.to - chunk.from) {
            end({ error: new Error('A Monte-Carlo thread answered with the wrong number of draws; run it again.') });
            return;
          }
          parts[i] = { totals: reply.totals, nets: reply.nets };
          progress[i] = chunk.to - chunk.from;
          report();
          if (--left === 0) end({ value: whole() });
        }
      };
      const onError = (err: Error): void => end({ error: threadError(err) });
      const onExit = (code: number): void => {
        if (!settled) {
          end({
            error: new Error(`A Monte-Carlo thread stopped (exit code ${code}) before it finished; run it again.`),
          });
        }
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      detach.push(() => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
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

    return { result, threads: chunks.length, cancel: () => end({ value: null }) };
  }

  /** Ends the idle threads; a run going on goes on, and its threads end with it. */
  close(): void {
    this.closed = true;
    for (const w of this.idle.splice(0)) void w.terminate();
  }

  /** A new thread; should it fail or end while idle (it never should), it leaves the pool. */
  private started(): Worker {
    const worker = this.start(this.options.script);
    // While it runs, the run listens too and fails with the reason; while idle, it is only dropped.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
    });
    return worker;
  }
}

/** One Monte-Carlo run on threads of its own, ended with the run (see MonteCarloPool). */
export function runMonteCarlo(
  job: MonteCarloJob,
  options: MonteCarloPoolOptions & { onProgress?: MonteCarloProgress },
): MonteCarloRun {
  const pool = new MonteCarloPool(options);
  const run = pool.run(job, options.onProgress);
  // The pool is closed whatever the outcome; the caller sees the run's own outcome.
  return { ...run, result: run.result.finally(() => pool.close()) };
}

function threadError(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  return new Error(
    `The Monte-Carlo thread could not run (${message}). Build the app (npm run build) so that ` +
      `out/main/montecarlo-thread.js is there, or run the Monte-Carlo in this thread (monteCarlo).`,
  );
}
