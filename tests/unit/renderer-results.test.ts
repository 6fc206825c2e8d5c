/**
 * The results on screen (src-renderer/document/results.ts) and the engine client that fills them
 * from the document store (engineClient.ts): stale results dropped, the last result kept while the
 * next is computed, one message in flight, nothing computed synchronously.
 */
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Snapshot } from '../../src-shared/api';
import { applyWrites, planCommand, stateOf, writesOf } from '../../src-shared/commands';
import type { Command } from '../../src-shared/api';
import { compute, type ComputeResult } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';
import type { DocState, DocStore } from '../../src-renderer/document/documentStore';
import { connectEngine, inProcessTransport, type TransportFactory } from '../../src-renderer/document/engineClient';
import { createEngineCore } from '../../src-renderer/document/engineCore';
import type { EngineReply, ModelMessage } from '../../src-renderer/document/engineSync';
import { createResultsStore } from '../../src-renderer/document/results';
import { generateModel } from '../bench/generate';

const model = generateModel({ lines: 60, months: 24 });
const result = compute(model);

describe('results store', () => {
  it('shows a newer result, drops an older one (results out of order)', () => {
    const store = createResultsStore();
    const r3 = { ...result, currency: 'V3' } as ComputeResult;
    const r2 = { ...result, currency: 'V2' } as ComputeResult;
    expect(store.getState().accept(3, r3, [])).toBe(true);
    expect(store.getState().accept(2, r2, [])).toBe(false);
    expect(store.getState().result).toBe(r3);
    expect(store.getState().version).toBe(3);
    expect(store.getState().accept(3, r2, [])).toBe(false);
    expect(store.getState().accept(4, r2, [])).toBe(true);
    expect(store.getState().result).toBe(r2);
  });

  it('a failure replaces the result only when it is newer; a later result clears it', () => {
    const store = createResultsStore();
    store.getState().accept(2, result, []);
    expect(store.getState().fail(1)).toBe(false);
    expect(store.getState().result).toBe(result);
    expect(store.getState().fail(3)).toBe(true);
    expect(store.getState()).toMatchObject({ result: null, failed: true });
    store.getState().accept(4, result, []);
    expect(store.getState()).toMatchObject({ result, failed: false });
  });

  it('clear (another document) drops results for the versions up to the one given', () => {
    const store = createResultsStore();
    store.getState().accept(1, result, []);
    store.getState().clear(5);
    expect(store.getState().result).toBeNull();
    expect(store.getState().accept(5, result, [])).toBe(false);
    expect(store.getState().accept(6, result, [])).toBe(true);
  });
});

function snapshot(m: Model, path = '/docs/a.rcs'): Snapshot {
  return {
    info: {
      path,
      name: 'a.rcs',
      readOnly: false,
      readOnlyReason: null,
      canUndo: false,
      canRedo: false,
      undoSummary: null,
      redoSummary: null,
      undoLabel: null,
      redoLabel: null,
      savedAt: null,
      revision: 0,
      schemaVersion: 3,
      migratedFrom: null,
    },
    model: m,
  };
}

/** Only what the engine client reads of the document store. */
function fakeDocStore(s: Snapshot | null): DocStore {
  return createStore<Pick<DocState, 'snapshot'>>()(() => ({ snapshot: s })) as unknown as DocStore;
}

function edit(m: Model, command: Command): Model {
  return applyWrites(m, writesOf(planCommand(stateOf(m), command).changes, 'after'));
}

/** A transport whose replies the test delivers by hand (the worker, slowed down). */
function manualTransport() {
  const posted: ModelMessage[] = [];
  const core = createEngineCore();
  let reply: (r: EngineReply) => void = () => {};
  const factory: TransportFactory = (onReply) => {
    reply = onReply;
    return { post: (m) => posted.push(structuredClone(m)), close() {} };
  };
  return {
    factory,
    posted,
    /** The worker answers the oldest message it has not answered. */
    answer(): EngineReply {
      const m = posted.shift();
      if (!m) throw new Error('nothing posted');
      const r = structuredClone(core.handle(m));
      reply(r);
      return r;
    },
  };
}

describe('engine client', () => {
  it('computes off the call that changed the model (in a task of its own) and keeps the last result meanwhile', async () => {
    const doc = fakeDocStore(snapshot(model));
    const results = createResultsStore();
    connectEngine(doc, results, inProcessTransport);
    expect(results.getState().result).toBeNull();
    await expect.poll(() => results.getState().result).not.toBeNull();
    expect(results.getState().result?.totals).toEqual(result.totals);
    const shown = results.getState().result;

    const m1 = edit(model, { type: 'line.update', id: 'g2', patch: { unitCost: 5000 } });
    doc.setState({ snapshot: snapshot(m1) });
    // Nothing was computed during the change: the previous result is still on screen.
    expect(results.getState().result).toBe(shown);
    await expect.poll(() => results.getState().result).not.toBe(shown);
    expect(results.getState().result?.totals).toEqual(compute(m1).totals);
  });

  it('one message in flight: edits made meanwhile go as one diff when the answer comes', () => {
    const t = manualTransport();
    const doc = fakeDocStore(snapshot(model));
    const results = createResultsStore();
    connectEngine(doc, results, t.factory);
    expect(t.posted).toHaveLength(1);
    expect(t.posted[0]?.base).toBeNull();

    let m = model;
    for (const id of ['g1', 'g2', 'g3']) {
      m = edit(m, { type: 'line.update', id, patch: { unitCost: 4242 } });
      doc.setState({ snapshot: snapshot(m) });
    }
    expect(t.posted).toHaveLength(1); // the engine is still on the first
    t.answer();
    expect(results.getState().version).toBe(1);
    expect(t.posted).toHaveLength(1);
    const next = t.posted[0] as ModelMessage;
    expect(next.base).toBe(1);
    if (next.base !== null) expect(next.changes.lines?.set.map((l) => l.id)).toEqual(['g1', 'g2', 'g3']);
    t.answer();
    expect(results.getState().result?.totals).toEqual(compute(m).totals);
    expect(t.posted).toHaveLength(0);
  });

  it('a result for another document arriving late is dropped', () => {
    const t = manualTransport();
    const doc = fakeDocStore(snapshot(model, '/docs/a.rcs'));
    const results = createResultsStore();
    connectEngine(doc, results, t.factory);
    const other = generateModel({ lines: 30, months: 12, seed: 7 });
    doc.setState({ snapshot: snapshot(other, '/docs/b.rcs') });
    t.answer(); // a's result, now stale
    expect(results.getState().result).toBeNull();
    const m = t.posted[0] as ModelMessage;
    expect(m.base).toBeNull(); // b goes whole
    t.answer();
    expect(results.getState().result?.totals).toEqual(compute(other).totals);
  });

  it('a resync request makes the client send the whole model', () => {
    const posted: ModelMessage[] = [];
    let reply: (r: EngineReply) => void = () => {};
    const doc = fakeDocStore(snapshot(model));
    const results = createResultsStore();
    connectEngine(doc, results, (onReply) => {
      reply = onReply;
      return { post: (m) => posted.push(m), close() {} };
    });
    const m1 = edit(model, { type: 'line.update', id: 'g2', patch: { unitCost: 1 } });
    doc.setState({ snapshot: snapshot(m1) });
    reply({ kind: 'resync', version: 1 });
    expect(posted.map((p) => p.base)).toEqual([null, null]);
    expect(posted[1]).toMatchObject({ model: m1 });
  });
});

describe('engine client: the scenario shown (issue 10)', () => {
  it('computes the active scenario’s model, sending only the rows the scenario changes', () => {
    const lineId = model.lines[3]!.id;
    const withScenario: Model = {
      ...model,
      scenarios: [
        {
          id: 'S',
          position: 0,
          name: 'S',
          description: '',
          overlay: { lines: { [lineId]: { unitCost: 77_700 } }, programme: { indirectRate: '0.09' } },
        },
      ],
    };
    const doc = createStore<Pick<DocState, 'snapshot' | 'scenarioId'>>()(() => ({
      snapshot: snapshot(withScenario),
      scenarioId: null,
    })) as unknown as DocStore;
    const results = createResultsStore();
    const t = manualTransport();
    connectEngine(doc, results, t.factory);
    t.answer();
    expect(results.getState().result?.totals).toEqual(compute(withScenario).totals);
    doc.setState({ scenarioId: 'S' });
    const message = t.posted[0];
    // One line differs: the message carries it alone (the others keep their identity on both sides).
    expect(message?.base).not.toBeNull();
    if (message && message.base !== null) expect(message.changes.lines?.set.map((l) => l.id)).toEqual([lineId]);
    t.answer();
    const scenario = compute({
      ...withScenario,
      programme: { ...withScenario.programme, indirectRate: '0.09' },
      lines: withScenario.lines.map((l) => (l.id === lineId ? { ...l, unitCost: 77_700 } : l)),
    });
    expect(results.getState().result?.totals).toEqual(scenario.totals);
    // The checks run on the scenario too: 9 % indirect costs are above the EU's 7 %.
    expect(results.getState().findings.map((f) => f.code)).toContain('donor.indirectAbove');
    doc.setState({ scenarioId: null });
    t.answer();
    expect(results.getState().result?.totals).toEqual(compute(withScenario).totals);
    expect(results.getState().findings.map((f) => f.code)).not.toContain('donor.indirectAbove');
  });
});
