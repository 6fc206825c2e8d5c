/**
 * A Monte-Carlo worker thread (main's long jobs and the benchmark; montecarlo-pool.ts starts them):
 * it computes one contiguous chunk of a run's draws on an engine of its own, with the engine's pure
 * runner (src-shared/engine/montecarlo.ts), and answers with their totals and net costs in draw
 * order. Messages: a ThreadRequest in; ThreadReply out (progress as it goes, then done or failed).
 * Bundled as out/main/montecarlo-thread.js (electron.vite.config.ts).
 */
import { parentPort } from 'node:worker_threads';
import { createEngine, type KeyParameter, monteCarloDraws, type Range } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';

/** One chunk of a run: draws from ... to − 1. */
export interface ThreadRequest {
  model: Model;
  ranges: [string, Range][];
  params: KeyParameter[];
  seed: number;
  from: number;
  to: number;
  /** A progress message every this many draws (and one at the end). */
  progressEvery: number;
}

export type ThreadReply =
  | { type: 'progress'; done: number }
  | { type: 'done'; totals: Float64Array; nets: Float64Array }
  | { type: 'failed'; message: string };

const port = parentPort;

port?.on('message', (request: ThreadRequest) => {
  const post = (reply: ThreadReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer);
  try {
    const every = Math.max(1, Math.floor(request.progressEvery));
    const batch = monteCarloDraws(
      request.model,
      new Map(request.ranges),
      request.params,
      request.seed,
      request.from,
      request.to,
      (done) => {
        if (done % every === 0) post({ type: 'progress', done });
      },
      createEngine({ contexts: 1 }),
    );
    const totals = Float64Array.from(batch?.totals ?? []);
    const nets = Float64Array.from(batch?.nets ?? []);
    post({ type: 'done', totals, nets }, [totals.buffer, nets.buffer]);
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
});
