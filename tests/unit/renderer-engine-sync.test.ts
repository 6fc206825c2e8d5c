/**
 * The protocol between the window and the engine worker (src-renderer/document/engineSync.ts):
 * diff by identity, apply on a replica that keeps its own objects, version gaps, and the result
 * lines sent as a diff. Messages go through structuredClone, as they do through postMessage.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src-shared/api';
import { applyWrites, planCommand, stateOf, writesOf } from '../../src-shared/commands';
import { runChecks } from '../../src-shared/checks';
import { createEngine } from '../../src-shared/engine';
import { defaultLineFields, type Model } from '../../src-shared/model';
import { createEngineCore } from '../../src-renderer/document/engineCore';
import {
  applyChanges,
  createResultReceiver,
  createResultSender,
  createSyncClient,
  createSyncReplica,
  diffModels,
  type ModelMessage,
} from '../../src-renderer/document/engineSync';
import { generateModel } from '../bench/generate';

/** What the document store does with a command: plan it, apply its writes (other rows keep their objects). */
function edit(model: Model, command: Command): Model {
  return applyWrites(model, writesOf(planCommand(stateOf(model), command).changes, 'after'));
}

const base = (): Model => generateModel({ lines: 120, months: 24 });
const clone = <T>(x: T): T => structuredClone(x);

/** Every line, profile, currency and funder of `b` that has a row of the same key in `a` not sent: the same object. */
function expectReused(before: Model, after: Model, changed: ReadonlySet<string>): void {
  const old = new Map(before.lines.map((l) => [l.id, l]));
  for (const line of after.lines) {
    if (changed.has(line.id)) expect(line).not.toBe(old.get(line.id));
    else expect(line).toBe(old.get(line.id));
  }
  expect(after.profiles).toBe(before.profiles);
  expect(after.currencies).toBe(before.currencies);
  expect(after.funders).toBe(before.funders);
}

describe('engine sync: diff by identity', () => {
  it('an edit of one line sends that line only', () => {
    const m0 = base();
    const m1 = edit(m0, { type: 'line.update', id: 'g7', patch: { unitCost: 4321 } });
    const changes = diffModels(m0, m1);
    expect(changes).toEqual({ lines: { set: [m1.lines.find((l) => l.id === 'g7')], remove: [] } });
    expect(changes?.programme).toBeUndefined();
    expect(changes?.profiles).toBeUndefined();
  });

  it('the same model sends nothing', () => {
    const m0 = base();
    expect(diffModels(m0, m0)).toEqual({});
    expect(diffModels(m0, { ...m0 })).toEqual({});
  });

  it('a delete sends a removal', () => {
    const m0 = base();
    const m1 = edit(m0, { type: 'line.delete', id: 'g3' });
    const changes = diffModels(m0, m1);
    expect(changes?.lines?.remove).toEqual(['g3']);
    // Lines renumbered by the delete (positions after it) are other objects, hence sent.
    for (const l of changes?.lines?.set ?? []) expect(m0.lines.find((x) => x.id === l.id)).not.toBe(l);
  });

  it('a new programme object sends the programme', () => {
    const m0 = base();
    const m1 = edit(m0, { type: 'programme.update', patch: { indirectRate: '0.05' } });
    const changes = diffModels(m0, m1);
    expect(changes?.programme).toBe(m1.programme);
    expect(changes?.lines).toBeUndefined();
  });

  it('a line added in the middle sends the line and the order', () => {
    const m0 = base();
    const fields = defaultLineFields('individual', 24, 'New', 'EUR');
    const m1 = edit(m0, { type: 'line.add', id: 'new-1', level: 'individual', afterId: 'g0', fields });
    const changes = diffModels(m0, m1);
    expect(changes?.lines?.set.map((l) => l.id)).toContain('new-1');
    expect(changes?.lines?.order).toEqual(m1.lines.map((l) => l.id));
  });

  it('a part of the model the protocol does not know makes it send the whole model', () => {
    const m0 = base();
    const m1 = { ...m0, somethingNew: [] } as unknown as Model;
    expect(diffModels(m0, m1)).toBeNull();
    const client = createSyncClient();
    client.next(m0);
    expect(client.next(m1)).toMatchObject({ base: null, model: m1 });
  });
});

describe('engine sync: the replica', () => {
  it('applies edits in order, gives a model deep-equal to the client’s and reuses every object not sent', () => {
    const client = createSyncClient();
    const replica = createSyncReplica();
    let model = base();
    const first = client.next(model);
    expect(first.base).toBeNull();
    let copy = replica.receive(clone(first)) as Model;
    expect(copy).toEqual(model);

    const fields = defaultLineFields('community', 24, 'Added', 'EUR');
    const commands: Command[] = [
      { type: 'line.update', id: 'g10', patch: { unitCost: 99 } },
      { type: 'line.update', id: 'g11', patch: { name: 'Renamed' } },
      { type: 'programme.update', patch: { contingencyRate: '0.04' } },
      { type: 'line.delete', id: 'g20' },
      { type: 'line.add', id: 'added-1', level: 'community', afterId: 'g6', fields },
      { type: 'line.move', id: 'g2', level: 'individual', index: 0 },
      { type: 'line.duplicate', id: 'g30', newId: 'dup-1' },
    ];
    for (const command of commands) {
      const next = edit(model, command);
      const message = client.next(next);
      expect(message.base).toBe(message.version - 1);
      const sent = message.base === null ? null : message.changes;
      const changed = new Set((sent?.lines?.set ?? []).map((l) => l.id));
      const before = copy;
      copy = replica.receive(clone(message)) as Model;
      expect(copy).toEqual(next);
      expectReused(
        before,
        { ...copy, lines: copy.lines.filter((l) => before.lines.some((b) => b.id === l.id)) },
        changed,
      );
      if (!sent?.programme) expect(copy.programme).toBe(before.programme);
      model = next;
    }
    expect(replica.version).toBe(client.version);
  });

  it('a version gap drops the copy and asks for the whole model; the client then sends it', () => {
    const client = createSyncClient();
    const replica = createSyncReplica();
    const m0 = base();
    replica.receive(clone(client.next(m0)));
    const m1 = edit(m0, { type: 'line.update', id: 'g1', patch: { unitCost: 1 } });
    client.next(m1); // lost on the way
    const m2 = edit(m1, { type: 'line.update', id: 'g2', patch: { unitCost: 2 } });
    const gap = client.next(m2);
    expect(gap.base).toBe(2);
    expect(replica.receive(clone(gap))).toBeNull();
    expect(replica.model).toBeNull();
    // Later changes cannot apply either, until a whole model comes.
    const m3 = edit(m2, { type: 'line.update', id: 'g3', patch: { unitCost: 3 } });
    expect(replica.receive(clone(client.next(m3)))).toBeNull();
    client.reset();
    const full = client.next(m3);
    expect(full.base).toBeNull();
    expect(replica.receive(clone(full))).toEqual(m3);
  });

  it('applyChanges leaves the base untouched', () => {
    const m0 = base();
    const frozen = clone(m0);
    const m1 = edit(m0, { type: 'line.delete', id: 'g5' });
    const changes = diffModels(m0, m1);
    if (!changes) throw new Error('no changes');
    expect(applyChanges(m0, changes)).toEqual(m1);
    expect(m0).toEqual(frozen);
  });
});

describe('engine sync: results', () => {
  it('only the line results that moved cross; the receiver keeps its objects for the others', () => {
    const engine = createEngine();
    const sender = createResultSender();
    const receiver = createResultReceiver();
    const m0 = base();
    const r0 = engine.compute(m0);
    const first = clone(sender.pack(1, r0, []));
    expect(first.fresh).toBe(true);
    expect(first.lines).toHaveLength(m0.lines.length);
    const got0 = receiver.unpack(first).result;
    expect(got0).toEqual(r0);

    const m1 = edit(m0, { type: 'line.update', id: 'g13', patch: { unitCost: 777 } });
    const r1 = engine.compute(m1);
    const second = clone(sender.pack(2, r1, []));
    expect(second.fresh).toBe(false);
    // g13 and the percentage lines whose base it is.
    expect(second.lines.map((l) => l.lineId)).toContain('g13');
    expect(second.lines.length).toBeLessThan(10);
    const got1 = receiver.unpack(second).result;
    expect(got1).toEqual(r1);
    const old = new Map(got0.lines.map((l) => [l.lineId, l]));
    const moved = new Set(second.lines.map((l) => l.lineId));
    for (const l of got1.lines) if (!moved.has(l.lineId)) expect(l).toBe(old.get(l.lineId));
  });

  it('the engine core answers a diffed model with the result and findings of the whole model', () => {
    const core = createEngineCore();
    const client = createSyncClient();
    const receiver = createResultReceiver();
    let model = base();
    const send = (m: Model) => {
      const reply = clone(core.handle(clone(client.next(m)) as ModelMessage));
      if (reply.kind !== 'result') throw new Error(`unexpected ${reply.kind}`);
      return receiver.unpack(reply);
    };
    send(model);
    model = edit(model, { type: 'line.update', id: 'g40', patch: { unitCost: 12345 } });
    model = edit(model, { type: 'line.delete', id: 'g41' });
    const { result, findings } = send(model);
    const expected = createEngine().compute(model);
    expect(result).toEqual(expected);
    expect(findings).toEqual(runChecks(model, expected));
  });

  it('the engine core asks for the whole model on a gap', () => {
    const core = createEngineCore();
    const m0 = base();
    expect(core.handle({ kind: 'model', version: 1, base: null, model: m0 }).kind).toBe('result');
    expect(core.handle({ kind: 'model', version: 3, base: 2, changes: {} })).toEqual({ kind: 'resync', version: 3 });
  });
});
