/**
 * The Monte-Carlo lane's pool of workers (src-renderer/document/montecarloPool.ts): a run split
 * over several workers gives the outcome of the same run in one worker, to the cent, whatever the
 * number of workers; progress adds up over the chunks; a warm-up replies nothing and changes
 * nothing; a cancel stops every worker; a refusal or a broken worker fails the run once.
 */
import { describe, expect, it } from 'vitest';
import { sampleModel } from '../../src-main/sample/sample-model';
import {
  type AnalysisReply,
  type AnalysisRequest,
  handleAnalysis,
  handlePool,
  type MonteCarloRequest,
  type PoolReply,
  type PoolRequest,
  warmingNow,
} from '../../src-renderer/document/analysisCore';
import { createAnalysisStore, inProcessAnalysisTransport } from '../../src-renderer/document/analysisClient';
import {
  inProcessPoolWorker,
  monteCarloPoolTransport,
  poolChunks,
  type PoolWorkerFactory,
} from '../../src-renderer/document/montecarloPool';

const model = sampleModel();
const ranges = [
  { id: 'arrivals:p-adult', low: '0.8', likely: '1', high: '1.3' },
  { id: 'exchangeRate:XOF', low: '0.9', likely: '1', high: '1.05' },
];
const payload = (draws: number, seed = 7): MonteCarloRequest => ({ model, ranges, draws, seed });

/** The outcome of the run in one worker (analysisCore's own Monte-Carlo request). */
function single(p: MonteCarloRequest): AnalysisReply {
  const out: AnalysisReply[] = [];
  handleAnalysis({ kind: 'montecarlo', id: 1, payload: p }, (r) => out.push(r));
  const done = out[out.length - 1];
  if (!done) throw new Error('no reply');
  return done;
}

/** Pool workers in this thread that record what they were sent and whether they were terminated. */
function recording(): { factory: PoolWorkerFactory; sent: PoolRequest['kind'][][]; terminated: boolean[] } {
  const sent: PoolRequest['kind'][][] = [];
  const terminated: boolean[] = [];
  const factory: PoolWorkerFactory = (onReply, onBroken) => {
    const i = sent.length;
    sent.push([]);
    terminated.push(false);
    const inner = inProcessPoolWorker(onReply, onBroken);
    return {
      post(message, transfer) {
        sent[i]?.push(message.kind);
        // What postMessage does: a structured clone (transfers aside).
        inner.post(structuredClone(message), transfer);
      },
      terminate() {
        terminated[i] = true;
        inner.terminate();
      },
    };
  };
  return { factory, sent, terminated };
}

/** Sends `request` on a pool transport; resolves with its replies once one is done or failed. */
function runOnPool(workers: number, factory: PoolWorkerFactory, request: AnalysisRequest, warm?: MonteCarloRequest) {
  return new Promise<AnalysisReply[]>((resolve, reject) => {
    const replies: AnalysisReply[] = [];
    const transport = monteCarloPoolTransport(workers, factory)(
      (r) => {
        replies.push(r);
        if (r.type !== 'progress') resolve(replies);
      },
      (message) => reject(new Error(message)),
    );
    if (warm) transport.warm?.(warm);
    transport.post(request);
  });
}

describe('the Monte-Carlo pool', () => {
  it('splits the draws into contiguous chunks that cover them once', () => {
    for (const [draws, n] of [
      [10_000, 2],
      [7, 3],
      [3, 4],
      [1, 1],
    ] as const) {
      const chunks = poolChunks(draws, n);
      expect(chunks).toHaveLength(n);
      expect(chunks[0]?.from).toBe(0);
      expect(chunks[n - 1]?.to).toBe(draws);
      chunks.forEach((c, i) => i > 0 && expect(c.from).toBe(chunks[i - 1]?.to));
      const sizes = chunks.map((c) => c.to - c.from);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('gives the one-worker outcome to the cent on 1, 2 and 3 workers, with progress up to the draws', async () => {
    const p = payload(301);
    const want = single(p);
    expect(want.type).toBe('done');
    for (const workers of [1, 2, 3]) {
      const { factory, sent } = recording();
      const replies = await runOnPool(workers, factory, { kind: 'montecarlo', id: 5, payload: p });
      const done = replies[replies.length - 1];
      expect(done).toEqual({ ...want, id: 5 });
      expect(sent).toHaveLength(workers);
      // Each worker a chunk; the first also the summary.
      expect(sent.map((s) => s.filter((k) => k === 'mcChunk').length)).toEqual(Array(workers).fill(1));
      expect(sent[0]).toContain('mcSummary');
      const progress = replies.filter((r) => r.type === 'progress').map((r) => (r.type === 'progress' ? r.done : 0));
      expect(progress[progress.length - 1]).toBe(301);
      expect(progress.every((d, i) => i === 0 || d > (progress[i - 1] as number))).toBe(true);
      expect(progress.length).toBeLessThanOrEqual(101);
    }
  });

  it('a warm-up replies nothing and the run after it is unchanged; a second warm-up is not sent', async () => {
    const p = payload(120, 99);
    const { factory, sent } = recording();
    const replies: AnalysisReply[] = [];
    const transport = monteCarloPoolTransport(2, factory)(
      (r) => replies.push(r),
      () => undefined,
    );
    transport.warm?.(p);
    transport.warm?.(p);
    expect(sent).toEqual([['mcWarm'], ['mcWarm']]);
    await new Promise((r) => setTimeout(r, 50));
    expect(replies).toEqual([]);
    const after = await runOnPool(2, recording().factory, { kind: 'montecarlo', id: 2, payload: p }, p);
    expect(after[after.length - 1]).toEqual({ ...single(p), id: 2 });
  });

  it('a warm-up goes on in slices and stops when a run comes in (a run never waits for it)', async () => {
    const p = payload(40, 3);
    handlePool({ kind: 'mcWarm', payload: p, budgetMs: 10_000, maxDraws: 1_000_000 }, () => undefined);
    await new Promise((r) => setTimeout(r, 30));
    expect(warmingNow()).toBe(true);
    const replies: PoolReply[] = [];
    handlePool({ kind: 'mcChunk', id: 1, payload: p, from: 0, to: 40 }, (r) => replies.push(r));
    expect(warmingNow()).toBe(false);
    expect(replies[replies.length - 1]?.type).toBe('mcChunk');
    await new Promise((r) => setTimeout(r, 30));
    expect(warmingNow()).toBe(false);
  });

  it('a warm-up on a model the run refuses says nothing', () => {
    const replies: PoolReply[] = [];
    handlePool(
      {
        kind: 'mcWarm',
        payload: { ...payload(10), ranges: [{ id: 'x', low: '2', likely: '1', high: '3' }] },
        budgetMs: 50,
        maxDraws: 10,
      },
      (r) => replies.push(r),
    );
    expect(replies).toEqual([]);
  });

  it('a refused run fails once, with the reason the one-worker run gives', async () => {
    const p = payload(0);
    const replies = await runOnPool(3, recording().factory, { kind: 'montecarlo', id: 8, payload: p });
    const want = single(p);
    expect(want.type).toBe('failed');
    expect(replies).toEqual([{ ...want, id: 8 }]);
  });

  it('through the lanes: cancel terminates every worker, no outcome comes after, the next run starts new ones', async () => {
    const { factory, terminated, sent } = recording();
    const store = createAnalysisStore(inProcessAnalysisTransport, monteCarloPoolTransport(2, factory));
    store.getState().warmMonteCarlo(payload(50));
    expect(sent).toHaveLength(2);
    store.getState().run('montecarlo', payload(2_000));
    store.getState().cancel('montecarlo');
    expect(terminated).toEqual([true, true]);
    await new Promise((r) => setTimeout(r, 50));
    expect(store.getState().montecarlo).toMatchObject({ status: 'cancelled', value: null });
    // A warm-up does nothing once the lane has its workers, or while a run goes.
    store.getState().run('montecarlo', payload(40));
    store.getState().warmMonteCarlo(payload(50));
    expect(sent).toHaveLength(4);
    await new Promise<void>((settled) => {
      const stop = store.subscribe((s) => {
        if (s.montecarlo.status !== 'running') {
          stop();
          settled();
        }
      });
    });
    const want = single(payload(40));
    expect(store.getState().montecarlo.status).toBe('done');
    expect(want.type === 'done' && store.getState().montecarlo.value).toEqual(want.type === 'done' && want.value);
    expect(sent.slice(2).every((s) => !s.includes('mcWarm'))).toBe(true);
  });

  it('a worker that breaks fails the run with its words and ends the others', async () => {
    const terminated: boolean[] = [];
    let breakFirst: ((m: string) => void) | null = null;
    const factory: PoolWorkerFactory = (onReply, onBroken) => {
      const i = terminated.length;
      terminated.push(false);
      if (i === 0) breakFirst = onBroken;
      return {
        post: () => undefined,
        terminate: () => {
          terminated[i] = true;
        },
      };
    };
    const store = createAnalysisStore(inProcessAnalysisTransport, monteCarloPoolTransport(2, factory));
    store.getState().run('montecarlo', payload(100));
    expect(terminated).toEqual([false, false]);
    (breakFirst as ((m: string) => void) | null)?.('out of memory');
    expect(store.getState().montecarlo).toMatchObject({ status: 'failed', message: 'out of memory' });
    expect(terminated).toEqual([true, true]);
  });
});
