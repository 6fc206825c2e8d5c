/**
 * The Monte-Carlo lane's transport (analysisClient.ts): a run's draws split over a few analysis
 * workers at once, one per core, as main's MonteCarloPool does with threads for the benchmark
 * (src-main/documents/montecarlo-pool.ts). Each worker computes a contiguous chunk of the draws
 * (analysisCore.ts `handlePool`); the chunks are put back together in draw order and the first
 * worker summarises the whole run. Every draw has its own random stream (seeded from the run's seed
 * and its number), so the outcome is the same, to the cent, whatever the number of workers.
 *
 * Decision: as many workers as the machine has cores (navigator.hardwareConcurrency), at most
 *   MAX_WORKERS (each holds an engine and a copy of the model), never more than there are draws.
 * Decision: the workers are started and warmed up before a person runs (`warm`, called when the
 *   uncertainty card shows a model with ranges): a worker's first few hundred draws run two to ten
 *   times slower while V8 compiles and optimises the engine (measured: about half a second of
 *   CPU a worker on the sample), which a person who is still choosing the draws and the seed does
 *   not wait for. A warm-up lasts at most WARM_MS a worker and is thrown away; it computes in
 *   slices of a few ms and stops at the next slice when a run comes in, so a run never waits for it.
 * Decision: the workers are kept after a run (the next run is as fast); cancelling terminates them
 *   (a worker computing draws reads no message), and the next run starts new ones.
 */
import type { AnalysisReply, MonteCarloRequest, PoolReply, PoolRequest } from './analysisCore';
import { type AnalysisTransportFactory, inThisThread } from './analysisClient';

/** What the pool needs of a worker (a module Worker in the window; an in-process one in tests). */
export interface PoolWorker {
  post(message: PoolRequest, transfer?: ArrayBuffer[]): void;
  terminate(): void;
}

/** Starts a worker that calls `onReply` with each reply, or `onBroken` if it stops. */
export type PoolWorkerFactory = (
  onReply: (reply: PoolReply) => void,
  onBroken: (message: string) => void,
) => PoolWorker;

/** At most this many workers, whatever the number of cores. */
export const MAX_WORKERS = 4;
/** A warm-up's longest time in each worker, in ms, and its most draws. */
export const WARM_MS = 1500;
export const WARM_DRAWS = 3000;

/** The chunks of `draws` draws over `n` workers: contiguous, in order, of sizes differing by at most one. */
export function poolChunks(draws: number, n: number): { from: number; to: number }[] {
  return Array.from({ length: n }, (_, i) => ({
    from: Math.floor((i * draws) / n),
    to: Math.floor(((i + 1) * draws) / n),
  }));
}

interface Run {
  id: number;
  payload: MonteCarloRequest;
  /** Draws done per chunk. */
  done: number[];
  parts: ({ totals: Float64Array; nets: Float64Array } | null)[];
  /** The percent last reported (progress goes to the window once a percent, and at the end). */
  percent: number;
  over: boolean;
}

/** The Monte-Carlo lane's transport over `workers` workers started by `start`. */
export function monteCarloPoolTransport(workers: number, start: PoolWorkerFactory): AnalysisTransportFactory {
  const wanted = Math.max(1, Math.min(MAX_WORKERS, Math.floor(workers)));
  return (onReply, onBroken) => {
    const pool: PoolWorker[] = [];
    let closed = false;
    let run: Run | null = null;
    let warmed = false;

    const fail = (message: string): void => {
      if (closed) return;
      close();
      onBroken(message);
    };
    const reply = (reply: AnalysisReply): void => {
      if (!closed) onReply(reply);
    };

    function onChunkReply(index: number, r: PoolReply): void {
      const current = run;
      if (closed || !current || r.id !== current.id || current.over) return;
      const total = current.payload.draws;
      switch (r.type) {
        case 'mcProgress': {
          current.done[index] = r.done;
          const done = current.done.reduce((a, b) => a + b, 0);
          const percent = Math.floor((100 * done) / total);
          if (percent > current.percent) {
            current.percent = percent;
            reply({ type: 'progress', kind: 'montecarlo', id: current.id, done, total });
          }
          return;
        }
        case 'mcChunk': {
          current.parts[index] = { totals: r.totals, nets: r.nets };
          if (current.parts.some((p) => p === null)) return;
          const totals = new Float64Array(total);
          const nets = new Float64Array(total);
          let at = 0;
          for (const p of current.parts) {
            if (!p) return;
            totals.set(p.totals, at);
            nets.set(p.nets, at);
            at += p.totals.length;
          }
          const first = pool[0];
          if (!first) return;
          first.post({ kind: 'mcSummary', id: current.id, payload: current.payload, totals, nets }, [
            totals.buffer,
            nets.buffer,
          ]);
          return;
        }
        case 'progress':
          return;
        case 'done':
        case 'failed':
          current.over = true;
          reply(r);
          return;
      }
    }

    /** Workers up to `n` (started as needed, kept after). */
    function ensure(n: number): void {
      while (pool.length < n) {
        const index = pool.length;
        pool.push(
          start(
            (r) => onChunkReply(index, r),
            (message) => fail(message),
          ),
        );
      }
    }

    function close(): void {
      closed = true;
      run = null;
      for (const w of pool) w.terminate();
      pool.length = 0;
    }

    return {
      post(request) {
        if (closed || request.kind !== 'montecarlo') return;
        const payload = request.payload;
        const n = Math.max(1, Math.min(wanted, Math.floor(payload.draws) || 1));
        const chunks = poolChunks(Math.max(0, Math.floor(payload.draws)), n);
        ensure(n);
        run = {
          id: request.id,
          payload,
          done: chunks.map(() => 0),
          parts: chunks.map(() => null),
          percent: -1,
          over: false,
        };
        chunks.forEach((c, i) => pool[i]?.post({ kind: 'mcChunk', id: request.id, payload, ...c }));
      },
      warm(payload) {
        if (closed || warmed || run !== null) return;
        warmed = true;
        ensure(wanted);
        for (const w of pool) w.post({ kind: 'mcWarm', payload, budgetMs: WARM_MS, maxDraws: WARM_DRAWS });
      },
      close,
    };
  };
}

/**
 * A pool worker in this thread (where there is no Worker, and in tests): each message handled in
 * a task of its own, in order; terminate() drops what has not run yet.
 */
export const inProcessPoolWorker: PoolWorkerFactory = (onReply) => {
  const thread = inThisThread<PoolRequest, PoolReply>((m, message, reply) => m.handlePool(message, reply), onReply);
  return { post: (message) => thread.post(message), terminate: () => thread.close() };
};
