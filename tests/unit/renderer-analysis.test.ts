/**
 * The analysis worker's protocol (src-renderer/document/analysisCore.ts, analysisClient.ts):
 * the core gives the engine's numbers with progress about every 1 %, refuses what the screens
 * refuse, bins every draw exactly once; the lanes show only the latest request's replies (stale
 * ones dropped, requests in between never sent), cancel by closing the transport and start a fresh
 * one, and run the same core in this thread where there is no Worker.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleModel } from '../../src-main/sample/sample-model';
import { differingFindings, runChecks } from '../../src-shared/checks';
import {
  bridge,
  compareTotals,
  compute,
  differingLines,
  keyParameters,
  monteCarlo,
  type Overlay,
  resolve,
  tornado,
} from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';
import {
  type AnalysisReply,
  type AnalysisRequest,
  handleAnalysis,
  histogram,
  type MonteCarloOutcome,
  progressTicker,
} from '../../src-renderer/document/analysisCore';
import {
  type AnalysisStore,
  type AnalysisTransport,
  createAnalysisStore,
  inProcessAnalysisTransport,
} from '../../src-renderer/document/analysisClient';

const model = sampleModel();
const dearer: Overlay = { lines: { 'ind-tvet': { unitCost: 500_000 } } };
const fewer: Overlay = { profiles: { 'p-adult': { arrivals: 300 } } };

/** Runs a request through the core; its replies, in order (through structuredClone, as postMessage does). */
function run(request: AnalysisRequest): AnalysisReply[] {
  const out: AnalysisReply[] = [];
  handleAnalysis(structuredClone(request), (r) => out.push(structuredClone(r)));
  return out;
}

function last(replies: AnalysisReply[]): AnalysisReply {
  const r = replies[replies.length - 1];
  if (!r) throw new Error('no reply');
  return r;
}

describe('progress and bins', () => {
  it('about every 1 % of the steps, and at the last step, never backwards', () => {
    const posted: number[] = [];
    const tick = progressTicker(
      1000,
      (d) => posted.push(d),
      () => 0,
    );
    for (let d = 1; d <= 1000; d++) tick(d);
    expect(posted).toHaveLength(100);
    expect(posted[0]).toBe(10);
    expect(posted[posted.length - 1]).toBe(1000);
    expect(posted.every((d, i) => i === 0 || d > (posted[i - 1] as number))).toBe(true);
  });

  it('a slow run still reports at least every quarter of a second; 3 steps report each', () => {
    let now = 0;
    const posted: number[] = [];
    const tick = progressTicker(
      1_000_000,
      (d) => posted.push(d),
      () => now,
    );
    for (let d = 1; d <= 10; d++) {
      now += 300;
      tick(d);
    }
    expect(posted).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const few: number[] = [];
    const tick3 = progressTicker(
      3,
      (d) => few.push(d),
      () => 0,
    );
    [1, 2, 3].forEach(tick3);
    expect(few).toEqual([1, 2, 3]);
  });

  it('a histogram counts every value once, in contiguous bars [from, to)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5_000_000, max: 5_000_000_000 }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 40 }),
        (values, bins) => {
          const h = histogram(values, bins);
          expect(h.length).toBeGreaterThanOrEqual(1);
          expect(h.length).toBeLessThanOrEqual(bins);
          expect(h.reduce((s, b) => s + b.count, 0)).toBe(values.length);
          expect(h[0]?.from).toBe(Math.min(...values));
          expect(h[h.length - 1]?.to).toBe(Math.max(...values) + 1);
          for (let i = 1; i < h.length; i++) expect(h[i]?.from).toBe(h[i - 1]?.to);
          for (const b of h) {
            expect(b.to).toBeGreaterThan(b.from);
            expect(b.count).toBe(values.filter((v) => v >= b.from && v < b.to).length);
          }
        },
      ),
    );
    expect(histogram([])).toEqual([]);
    expect(histogram([7, 7, 7], 20)).toEqual([{ from: 7, to: 8, count: 3 }]);
  });
});

describe('the core: the engine’s numbers', () => {
  it('compare: totals, differing lines and bridges as the engine gives them, with progress', () => {
    const replies = run({
      kind: 'compare',
      id: 1,
      payload: {
        baseline: model,
        overlays: [null, dearer, fewer],
        bridges: [
          [0, 1],
          [0, 2],
        ],
      },
    });
    const done = last(replies);
    if (done.type !== 'done' || done.kind !== 'compare') throw new Error(JSON.stringify(done));
    const results = [compute(model), compute(resolve(model, dearer)), compute(resolve(model, fewer))];
    expect(done.value.rows).toEqual(compareTotals(results));
    expect(done.value.lines).toEqual(differingLines(results, [{}, dearer, fewer]));
    expect(done.value.bridges).toEqual([bridge(model, {}, dearer), bridge(model, {}, fewer)]);
    expect(done.value.figures.map((f) => f.total)).toEqual(results.map((r) => r.totals.total));
    expect(done.value.figures[2]?.monthly).toEqual(results[2]?.monthly.total);
    expect(done.value.currency).toBe('EUR');
    // 3 computes and 2 bridges of 6: 15 steps, the last one reported.
    const progress = replies.filter((r) => r.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[progress.length - 1]).toMatchObject({ done: 15, total: 15, id: 1 });
  });

  it('compare: an override of a line the baseline no longer has is reported, not thrown', () => {
    const done = last(
      run({
        kind: 'compare',
        id: 2,
        payload: { baseline: model, overlays: [null, { lines: { gone: { unitCost: 5 } } }], bridges: [] },
      }),
    );
    if (done.type !== 'done' || done.kind !== 'compare') throw new Error('not done');
    expect(done.value.missing).toEqual([[], [{ kind: 'line', id: 'gone' }]]);
  });

  it('compare: the checks’ findings that differ between the scenarios (issue 10, item 6)', () => {
    const high = { programme: { indirectRate: '0.12' } };
    const done = last(
      run({ kind: 'compare', id: 4, payload: { baseline: model, overlays: [null, high], bridges: [] } }),
    );
    if (done.type !== 'done' || done.kind !== 'compare') throw new Error('not done');
    const scenario = resolve(model, high);
    expect(done.value.findings).toEqual(
      differingFindings([runChecks(model, compute(model)), runChecks(scenario, compute(scenario))]),
    );
    expect(done.value.findings.map((d) => d.findings.map((f) => f?.code ?? null))).toContainEqual([
      null,
      'donor.indirectAbove',
    ]);
  });

  it('tornado: the engine’s rows, the key parameters in their order, progress to 1 + 2 per parameter', () => {
    const replies = run({ kind: 'tornado', id: 3, payload: { model, percent: '20' } });
    const done = last(replies);
    if (done.type !== 'done' || done.kind !== 'tornado') throw new Error('not done');
    const expected = tornado(model, '20');
    expect(done.value.rows).toEqual(expected.rows);
    expect(done.value.base).toEqual(expected.base);
    expect(done.value.params).toEqual(keyParameters(model, compute(model)));
    expect(done.value.hasSynergies).toBe(true);
    const progress = replies.filter((r) => r.type === 'progress');
    expect(progress[progress.length - 1]).toMatchObject({ done: 61, total: 61 });
  });

  it('Monte-Carlo: the engine’s percentiles, every draw in a bar, the same seed the same numbers', () => {
    const ranges = [
      { id: 'arrivals:p-adult', low: '0.8', likely: '1', high: '1.3' },
      { id: 'exchangeRate:XOF', low: '0.9', likely: '1', high: '1' },
      { id: 'unitCost:not-a-key-line', low: '0.5', likely: '1', high: '2' },
    ];
    const request: AnalysisRequest = { kind: 'montecarlo', id: 4, payload: { model, ranges, draws: 150, seed: 42 } };
    const replies = run(request);
    const done = last(replies);
    if (done.type !== 'done' || done.kind !== 'montecarlo') throw new Error('not done');
    const v: MonteCarloOutcome = done.value;
    const map = new Map(ranges.map((r) => [r.id, { low: +r.low, likely: +r.likely, high: +r.high }]));
    const direct = monteCarlo(model, map, 150, 42, keyParameters(model, compute(model)));
    expect(v.total).toEqual(direct?.total);
    expect(v.net).toEqual(direct?.net);
    expect(v.ranged).toBe(2);
    expect(v.totalBins.reduce((s, b) => s + b.count, 0)).toBe(150);
    expect(v.netBins.reduce((s, b) => s + b.count, 0)).toBe(150);
    expect(v.total.p10).toBeLessThanOrEqual(v.total.p50);
    expect(v.total.p50).toBeLessThanOrEqual(v.total.p90);
    const again = last(run({ ...request, id: 5 }));
    expect(again.type === 'done' && again.value).toEqual(v);
    const progress = replies.filter((r) => r.type === 'progress').map((r) => (r.type === 'progress' ? r.done : 0));
    expect(progress[progress.length - 1]).toBe(150);
    expect(progress.length).toBeGreaterThanOrEqual(75);
  });

  it('refuses what the screens refuse, with a reason', () => {
    const refused = (request: AnalysisRequest) => {
      const replies = run(request);
      expect(replies).toHaveLength(1);
      return replies[0];
    };
    const mc = (draws: number, seed = 1): AnalysisRequest => ({
      kind: 'montecarlo',
      id: 9,
      payload: { model, ranges: [], draws, seed },
    });
    expect(refused(mc(0))).toMatchObject({ type: 'failed', id: 9 });
    expect(refused(mc(10_000_000))).toMatchObject({ type: 'failed' });
    expect(refused(mc(1.5))).toMatchObject({ type: 'failed' });
    expect(refused(mc(10, 4_294_967_296))).toMatchObject({ type: 'failed' });
    expect(refused(mc(10, -1))).toMatchObject({ type: 'failed' });
    expect(
      refused({ kind: 'compare', id: 9, payload: { baseline: model, overlays: [null], bridges: [] } }),
    ).toMatchObject({ type: 'failed' });
    expect(
      refused({
        kind: 'compare',
        id: 9,
        payload: { baseline: model, overlays: [null, null, null, null, null], bridges: [] },
      }),
    ).toMatchObject({ type: 'failed' });
    expect(refused({ kind: 'tornado', id: 9, payload: { model, percent: '0' } })).toMatchObject({ type: 'failed' });
    expect(refused({ kind: 'tornado', id: 9, payload: { model, percent: '100.5' } })).toMatchObject({
      type: 'failed',
    });
  });
});

/** A transport the test drives: what was posted, whether it was closed, and its reply channel. */
interface Fake {
  posted: AnalysisRequest[];
  closed: boolean;
  reply(r: AnalysisReply): void;
  broken(message: string): void;
}

function fakeStore(): { store: AnalysisStore; made: Fake[] } {
  const made: Fake[] = [];
  const store = createAnalysisStore((onReply, onBroken) => {
    const fake: Fake = { posted: [], closed: false, reply: onReply, broken: onBroken };
    made.push(fake);
    const transport: AnalysisTransport = {
      post: (r) => fake.posted.push(r),
      close: () => {
        fake.closed = true;
      },
    };
    return transport;
  });
  return { store, made };
}

const withTitle = (title: string): Model => ({ ...model, programme: { ...model.programme, title } });
const tornadoOf = (m: Model) => ({ model: m, percent: '20' });
const value = (id: number) => ({ id }) as unknown as never;

describe('the lanes: only the latest request counts', () => {
  it('while one computes, only the newest request waits; the stale reply is dropped and the newest sent', () => {
    const { store, made } = fakeStore();
    const [m1, m2, m3] = [withTitle('1'), withTitle('2'), withTitle('3')];
    // Each model differs by its programme (another object): three different requests.
    store.getState().run('tornado', tornadoOf(m1));
    store.getState().run('tornado', tornadoOf(m2));
    store.getState().run('tornado', tornadoOf(m3));
    expect(made).toHaveLength(1);
    const fake = made[0] as Fake;
    expect(fake.posted.map((r) => r.payload)).toEqual([tornadoOf(m1)]);
    const [first] = fake.posted as [AnalysisRequest];
    // Progress and the outcome of the first: stale, dropped; the third (never the second) goes.
    fake.reply({ type: 'progress', kind: 'tornado', id: first.id, done: 5, total: 61 });
    expect(store.getState().tornado.done).toBe(0);
    fake.reply({ type: 'done', kind: 'tornado', id: first.id, value: value(1) });
    expect(store.getState().tornado.value).toBeNull();
    expect(store.getState().tornado.status).toBe('running');
    expect(fake.posted.map((r) => r.payload)).toEqual([tornadoOf(m1), tornadoOf(m3)]);
    const third = fake.posted[1] as AnalysisRequest;
    fake.reply({ type: 'progress', kind: 'tornado', id: third.id, done: 30, total: 61 });
    expect(store.getState().tornado).toMatchObject({ done: 30, total: 61 });
    fake.reply({ type: 'done', kind: 'tornado', id: third.id, value: value(3) });
    expect(store.getState().tornado).toMatchObject({ status: 'done', value: { id: 3 } });
    expect(store.getState().tornado.valueFor).toEqual(tornadoOf(m3));
  });

  it('the last outcome stays on screen while the next is computed (compare, tornado)', () => {
    const { store, made } = fakeStore();
    store.getState().run('tornado', tornadoOf(withTitle('a')));
    const fake = made[0] as Fake;
    fake.reply({ type: 'done', kind: 'tornado', id: (fake.posted[0] as AnalysisRequest).id, value: value(1) });
    store.getState().run('tornado', tornadoOf(withTitle('b')));
    expect(store.getState().tornado).toMatchObject({ status: 'running', value: { id: 1 } });
  });

  it('the same request again is not sent again; ranges and scenarios aside, the same model parts are the same request', () => {
    const { store, made } = fakeStore();
    store.getState().run('tornado', tornadoOf(model));
    store.getState().run('tornado', tornadoOf(model));
    store
      .getState()
      .run('tornado', tornadoOf({ ...model, ranges: [{ id: 'indirectRate:', low: '1', likely: '1', high: '2' }] }));
    expect(made[0]?.posted).toHaveLength(1);
    store.getState().run('tornado', { model, percent: '10' });
    const fake = made[0] as Fake;
    fake.reply({ type: 'done', kind: 'tornado', id: (fake.posted[0] as AnalysisRequest).id, value: value(1) });
    expect(fake.posted).toHaveLength(2);
  });

  it('cancel closes the worker, shows no outcome, ignores what it still sends; the next run has a fresh one', () => {
    const { store, made } = fakeStore();
    const payload = { model, ranges: [], draws: 1_000_000, seed: 1 };
    store.getState().run('montecarlo', payload);
    const first = made[0] as Fake;
    const id = (first.posted[0] as AnalysisRequest).id;
    first.reply({ type: 'progress', kind: 'montecarlo', id, done: 10_000, total: 1_000_000 });
    expect(store.getState().montecarlo).toMatchObject({ status: 'running', done: 10_000, total: 1_000_000 });
    store.getState().cancel('montecarlo');
    expect(first.closed).toBe(true);
    expect(store.getState().montecarlo).toMatchObject({ status: 'cancelled', done: 0, value: null });
    // Whatever the closed worker still sends is ignored.
    first.reply({ type: 'progress', kind: 'montecarlo', id, done: 20_000, total: 1_000_000 });
    first.reply({ type: 'done', kind: 'montecarlo', id, value: value(1) });
    expect(store.getState().montecarlo).toMatchObject({ status: 'cancelled', done: 0, value: null });
    // The same run again starts on a fresh worker.
    store.getState().run('montecarlo', payload);
    expect(made).toHaveLength(2);
    const second = made[1] as Fake;
    expect(second.posted).toHaveLength(1);
    second.reply({ type: 'done', kind: 'montecarlo', id: (second.posted[0] as AnalysisRequest).id, value: value(2) });
    expect(store.getState().montecarlo).toMatchObject({ status: 'done', value: { id: 2 } });
    // Cancel when nothing runs does nothing.
    store.getState().cancel('montecarlo');
    expect(store.getState().montecarlo.status).toBe('done');
    expect(second.closed).toBe(false);
  });

  it('a new run cancels the one going; the lanes do not wait for each other', () => {
    const { store, made } = fakeStore();
    store.getState().run('montecarlo', { model, ranges: [], draws: 1_000_000, seed: 1 });
    store.getState().run('tornado', tornadoOf(model));
    expect(made).toHaveLength(2);
    expect(made[1]?.posted).toHaveLength(1);
    store.getState().run('montecarlo', { model, ranges: [], draws: 10, seed: 2 });
    expect(made[0]?.closed).toBe(true);
    expect(made).toHaveLength(3);
    expect(made[2]?.posted[0]?.payload).toMatchObject({ draws: 10, seed: 2 });
    expect(store.getState().montecarlo).toMatchObject({ status: 'running', value: null });
  });

  it('a worker that breaks fails its request with a message; reset stops every lane', () => {
    const { store, made } = fakeStore();
    store.getState().run('compare', { baseline: model, overlays: [null, dearer], bridges: [[0, 1]] });
    (made[0] as Fake).broken('out of memory');
    expect(store.getState().compare).toMatchObject({ status: 'failed', message: 'out of memory' });
    store.getState().run('compare', { baseline: model, overlays: [null, fewer], bridges: [[0, 1]] });
    expect(made).toHaveLength(2);
    store.getState().reset();
    expect(made[1]?.closed).toBe(true);
    expect(store.getState().compare.status).toBe('idle');
  });

  it('where there is no Worker, the same core runs in this thread, in a task of its own', async () => {
    const store = createAnalysisStore(inProcessAnalysisTransport);
    store.getState().run('compare', { baseline: model, overlays: [null, dearer], bridges: [[0, 1]] });
    // Nothing is computed synchronously.
    expect(store.getState().compare.status).toBe('running');
    await new Promise<void>((settled) => {
      const stop = store.subscribe((s) => {
        if (s.compare.status !== 'running') {
          stop();
          settled();
        }
      });
    });
    const outcome = store.getState().compare.value;
    expect(outcome?.figures[1]?.total).toBe(compute(resolve(model, dearer)).totals.total);
    expect(outcome?.lines.find((l) => l.lineId === 'ind-tvet')?.causes).toEqual(['unitCost']);
  });
});
