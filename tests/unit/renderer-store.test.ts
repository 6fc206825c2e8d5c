import { describe, expect, it, vi } from 'vitest';
import {
  type Api,
  ApiFailure,
  type AppEvent,
  CALL_NAMES,
  type Command,
  type Delta,
  type Reply,
  type Snapshot,
} from '../../src-shared/api';
import { applyWrites, planCommand, stateOf, writesOf } from '../../src-shared/commands';
import { type BudgetLine, defaultLineFields, defaultProfileFields, type Model } from '../../src-shared/model';
import {
  activeScenario,
  createDocumentStore,
  sendCreating,
  viewModelOf,
} from '../../src-renderer/document/documentStore';
import { byPosition, linesOfLevel } from '../../src-renderer/document/order';
import { createHttpApi } from '../../src-renderer/api/transport';

function model(): Model {
  const f = defaultLineFields('individual', 24, 'x');
  const l = (id: string, position: number, level: BudgetLine['level'] = 'individual'): BudgetLine => ({
    ...f,
    id,
    level,
    position,
    name: id,
    unitCost: 1000,
  });
  return {
    programme: {
      title: 'T',
      reportingCurrency: 'EUR',
      startMonth: '2025-01',
      durationMonths: 24,
      indirectRate: '0.07',
      contingencyRate: '0',
      author: '',
      notes: '',
      donorProfile: 'EU',
      communities: 10,
      inflation: '0',
      indirectBase: 'direct',
      euAgreement: 'grant',
      usAwardDate: null,
      usNicra: null,
    },
    lines: [l('A', 0), l('B', 1), l('C', 0, 'community')],
    profiles: [{ ...defaultProfileFields('adult', 'Adults', 24), arrivals: 120, id: 'P1', position: 0 }],
    currencies: [{ code: 'XOF', rates: ['655.957', '655.957'], inflation: '0.03' }],
    funders: [
      {
        id: 'F1',
        position: 0,
        name: 'EU',
        type: 'donor',
        status: 'confirmed',
        ceiling: null,
        conditionalOnMatch: false,
      },
      {
        id: 'F2',
        position: 1,
        name: 'Town',
        type: 'coFinancier',
        status: 'pipeline',
        ceiling: 100000,
        conditionalOnMatch: false,
      },
    ],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
  };
}

function snapshot(m: Model, revision = 0, readOnly = false): Snapshot {
  return {
    info: {
      path: '/docs/t.rcs',
      name: 't.rcs',
      readOnly,
      readOnlyReason: readOnly ? 'requested' : null,
      canUndo: revision > 0,
      canRedo: false,
      undoSummary: null,
      redoSummary: null,
      undoLabel: null,
      redoLabel: null,
      savedAt: null,
      revision,
      schemaVersion: 1,
      migratedFrom: null,
    },
    model: m,
  };
}

/**
 * A fake main that plans commands with the real planner (as main does) and answers with a Delta,
 * or refuses them. `emit` plays the event channel; `changeElsewhere` is another window's command.
 */
function fakeMain(initial: Snapshot | null, opts: { refuse?: (c: Command) => boolean; recent?: number } = {}) {
  let current = initial;
  const sent: Command[] = [];
  const gates: (() => void)[] = [];
  let manual = false;
  let listener: ((event: AppEvent) => void) | null = null;
  const wait = () => (manual ? new Promise<void>((r) => gates.push(r)) : Promise.resolve());
  const notImplemented = async (): Promise<Reply<never>> => ({
    ok: false,
    error: { code: 'internal', message: 'not in this fake' },
  });
  const run = (command: Command): Delta => {
    if (!current) throw new ApiFailure('noDocument', '');
    const writes = writesOf(planCommand(stateOf(current.model), command).changes, 'after');
    current = snapshot(applyWrites(current.model, writes), current.info.revision + 1);
    return { info: current.info, writes };
  };
  const base = Object.fromEntries(CALL_NAMES.map((k) => [k, notImplemented])) as unknown as Api;
  const api: Api = {
    ...base,
    'app.info': async () => ({
      ok: true,
      value: { version: '0', mode: 'browser', documentsDir: '/docs', nativeDialogs: false },
    }),
    'settings.get': async () => ({ ok: true, value: { author: 'me', locale: 'fr', columnWidths: {} } }),
    'library.list': async () => ({
      ok: true,
      value: {
        documentsDir: '/docs',
        files: [],
        recent: Array.from({ length: opts.recent ?? 0 }, (_, i) => ({
          path: `/docs/${i}.rcs`,
          name: `${i}.rcs`,
          openedAt: '2025-01-01T00:00:00Z',
          exists: true,
        })),
      },
    }),
    'document.current': vi.fn(async () => ({ ok: true as const, value: current })),
    'document.openSample': vi.fn(async () => {
      current = snapshot(model());
      return { ok: true as const, value: current };
    }),
    'document.command': vi.fn(async ({ command }: { command: Command }): Promise<Reply<Delta>> => {
      sent.push(command);
      await wait();
      if (opts.refuse?.(command)) return { ok: false, error: { code: 'validation', message: 'no', fields: {} } };
      try {
        return { ok: true, value: run(command) };
      } catch (err) {
        if (err instanceof ApiFailure) return { ok: false, error: err.toApiError() };
        throw err;
      }
    }),
  };
  return {
    api,
    sent,
    events: (l: (event: AppEvent) => void) => {
      listener = l;
      return () => {
        listener = null;
      };
    },
    emit(event: AppEvent) {
      listener?.(event);
    },
    /** Another window's command: main runs it, and (unless `silent`) tells every window. */
    changeElsewhere(command: Command, silent = false): Delta {
      const delta = run(command);
      if (!silent) listener?.({ type: 'document.changed', delta, origin: 'other-window' });
      return delta;
    },
    hold() {
      manual = true;
    },
    release() {
      manual = false;
      for (const g of gates.splice(0)) g();
    },
    get current() {
      return current;
    },
  };
}

const cost = (s: Snapshot | null, id: string) => s?.model.lines.find((l) => l.id === id)?.unitCost;

/** `command` planned and applied the way both main and the store do it. */
function applied(m: Model, command: Command): Model {
  return applyWrites(m, writesOf(planCommand(stateOf(m), command).changes, 'after'));
}

describe('document store', () => {
  it('opens the sample on first start (no current document, no recent files)', async () => {
    const main = fakeMain(null);
    const store = createDocumentStore(main.api);
    await store.getState().init();
    expect(main.api['document.openSample']).toHaveBeenCalledOnce();
    expect(store.getState().snapshot?.model.programme.title).toBe('T');
    expect(store.getState().settings.locale).toBe('fr');
    expect(store.getState().ready).toBe(true);
  });

  it('shows the start screen when there are recent files', async () => {
    const main = fakeMain(null, { recent: 2 });
    const store = createDocumentStore(main.api);
    await store.getState().init();
    expect(main.api['document.openSample']).not.toHaveBeenCalled();
    expect(store.getState().snapshot).toBeNull();
    expect(store.getState().library?.recent).toHaveLength(2);
  });

  it('applies an edit at once, and main’s delta confirms it without replacing what is on screen', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api);
    await store.getState().init();
    const untouched = store.getState().snapshot!.model.lines.find((l) => l.id === 'B');
    main.hold();
    const done = store.getState().command({ type: 'line.update', id: 'A', patch: { unitCost: 5000 } });
    expect(cost(store.getState().snapshot, 'A')).toBe(5000); // at once
    expect(cost(store.getState().confirmed, 'A')).toBe(1000);
    expect(store.getState().pending).toBe(true);
    const shown = store.getState().snapshot!.model;
    main.release();
    expect(await done).toBe(true);
    expect(store.getState().pending).toBe(false);
    expect(store.getState().snapshot?.model).toEqual(main.current?.model);
    expect(store.getState().snapshot?.model).toBe(shown); // main wrote what was planned: nothing re-renders
    expect(store.getState().snapshot?.model.lines.find((l) => l.id === 'B')).toBe(untouched);
    expect(store.getState().snapshot?.info.revision).toBe(1);
  });

  it('refuses at once, without sending it, a command the shared planner refuses', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api);
    await store.getState().init();
    const before = store.getState().snapshot;
    expect(await store.getState().command({ type: 'line.update', id: 'A', patch: { unitCost: -5 } })).toBe(false);
    expect(await store.getState().command({ type: 'funder.delete', id: 'nope' })).toBe(false);
    expect(main.sent).toHaveLength(0);
    expect(store.getState().snapshot).toBe(before);
    expect(store.getState().lastError).toMatchObject({ rolledBack: false, error: { code: 'notFound' } });
  });

  it('rolls a refused edit back, keeps the others, and says why', async () => {
    const main = fakeMain(snapshot(model()), {
      refuse: (c) => c.type === 'line.update' && c.patch.unitCost === 666,
    });
    const store = createDocumentStore(main.api);
    await store.getState().init();
    main.hold();
    const bad = store.getState().command({ type: 'line.update', id: 'A', patch: { unitCost: 666 } });
    const good = store.getState().command({ type: 'line.update', id: 'B', patch: { unitCost: 777 } });
    expect(cost(store.getState().snapshot, 'A')).toBe(666);
    expect(cost(store.getState().snapshot, 'B')).toBe(777);
    main.release();
    await vi.waitFor(() => expect(main.sent).toHaveLength(1));
    main.release();
    expect(await bad).toBe(false);
    // Rolled back on screen while the second command is still on its way.
    expect(cost(store.getState().snapshot, 'A')).toBe(1000);
    expect(cost(store.getState().snapshot, 'B')).toBe(777);
    expect(store.getState().lastError).toMatchObject({
      action: 'command',
      rolledBack: true,
      error: { code: 'validation' },
    });
    expect(store.getState().saveFailed).toBe(true);
    await vi.waitFor(() => expect(main.sent).toHaveLength(2));
    main.release();
    expect(await good).toBe(true);
    expect(cost(store.getState().snapshot, 'B')).toBe(777);
    expect(store.getState().saveFailed).toBe(false);
  });

  it('sends a command queued the moment the previous one is confirmed (no command is left waiting)', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api);
    await store.getState().init();
    for (let cost = 1; cost <= 5; cost++) {
      // Each await resumes inside the sender's last turn, before it has stopped.
      expect(await store.getState().command({ type: 'line.update', id: 'A', patch: { unitCost: cost } })).toBe(true);
    }
    expect(main.sent).toHaveLength(5);
    expect(store.getState().snapshot?.model).toEqual(main.current?.model);
  });

  it('rolls back when main cannot be reached', async () => {
    const main = fakeMain(snapshot(model()));
    main.api['document.command'] = async () => {
      throw new Error('connection refused');
    };
    const store = createDocumentStore(main.api);
    await store.getState().init();
    expect(await store.getState().command({ type: 'line.delete', id: 'A' })).toBe(false);
    expect(store.getState().snapshot?.model.lines.map((l) => l.id)).toContain('A');
    expect(store.getState().lastError?.error.message).toMatch(/^network: connection refused/);
  });

  it('gives a new line its final id at once, so later commands on it are sent as they are', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api);
    await store.getState().init();
    main.hold();
    const fields = defaultLineFields('individual', 24, 'New');
    const id = sendCreating(store, { type: 'line.add', level: 'individual', afterId: 'A', fields });
    expect(id).not.toBeNull();
    const added = linesOfLevel(store.getState().snapshot!.model, 'individual')[1]!;
    expect(added).toMatchObject({ id, name: 'New' });
    const edit = store.getState().command({ type: 'line.update', id: id!, patch: { name: 'Renamed' } });
    main.release();
    await vi.waitFor(() => expect(main.sent).toHaveLength(2));
    main.release();
    expect(await edit).toBe(true);
    expect(main.sent[0]).toMatchObject({ type: 'line.add', id });
    expect(main.sent[1]).toEqual({ type: 'line.update', id, patch: { name: 'Renamed' } });
    const lines = linesOfLevel(store.getState().snapshot!.model, 'individual');
    expect(lines.map((l) => [l.id, l.name])).toEqual([
      ['A', 'A'],
      [id, 'Renamed'],
      ['B', 'B'],
    ]);
    expect(store.getState().snapshot?.model).toEqual(main.current?.model);
  });

  it('when a new line is refused, the commands on it are refused too and the screen shows main’s state', async () => {
    const main = fakeMain(snapshot(model()), { refuse: (c) => c.type === 'line.duplicate' });
    const store = createDocumentStore(main.api);
    await store.getState().init();
    main.hold();
    const copy = sendCreating(store, { type: 'line.duplicate', id: 'A' })!;
    expect(store.getState().snapshot!.model.lines.map((l) => l.id)).toContain(copy);
    const edit = store.getState().command({ type: 'line.update', id: copy, patch: { unitCost: 1 } });
    main.release();
    await vi.waitFor(() => expect(main.sent).toHaveLength(2));
    main.release();
    expect(await edit).toBe(false);
    expect(store.getState().lastError?.error.code).toBe('notFound');
    expect(store.getState().snapshot?.model).toEqual(model());
  });

  it('sends nothing for a read-only document', async () => {
    const main = fakeMain(snapshot(model(), 0, true));
    const store = createDocumentStore(main.api);
    await store.getState().init();
    expect(await store.getState().command({ type: 'line.delete', id: 'A' })).toBe(false);
    expect(main.sent).toHaveLength(0);
    expect(store.getState().lastError?.error.code).toBe('readOnly');
    expect(store.getState().snapshot?.model.lines).toHaveLength(3);
  });

  it('switches language at once and rolls back if settings cannot be saved', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api, 'en');
    await store.getState().init();
    expect(await store.getState().setLocale('en')).toBe(false); // settings.update is not implemented
    expect(store.getState().settings.locale).toBe('fr');
    expect(store.getState().lastError?.action).toBe('settings');
  });
});

describe('document store: other windows on the same file', () => {
  it('applies another window’s change at once, keeping its own queued edit on top', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api, 'en', main.events);
    await store.getState().init();
    main.hold();
    const mine = store.getState().command({ type: 'line.update', id: 'A', patch: { unitCost: 5000 } });
    main.changeElsewhere({ type: 'line.update', id: 'B', patch: { unitCost: 9000 } });
    expect(cost(store.getState().confirmed, 'B')).toBe(9000);
    expect(cost(store.getState().snapshot, 'B')).toBe(9000);
    expect(cost(store.getState().snapshot, 'A')).toBe(5000);
    main.release();
    expect(await mine).toBe(true);
    expect(store.getState().snapshot?.model).toEqual(main.current?.model);
    expect(store.getState().snapshot?.info.revision).toBe(2);
  });

  it('ignores the events of its own commands and fetches the document again after a missed change', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api, 'en', main.events);
    await store.getState().init();
    main.changeElsewhere({ type: 'line.update', id: 'B', patch: { unitCost: 1 } }, true); // event lost
    expect(cost(store.getState().snapshot, 'B')).toBe(1000);
    const delta = main.changeElsewhere({ type: 'line.update', id: 'A', patch: { unitCost: 2 } });
    expect(delta.info.revision).toBe(2); // a gap: revision 1 was never heard of
    await vi.waitFor(() => expect(cost(store.getState().snapshot, 'A')).toBe(2));
    expect(cost(store.getState().snapshot, 'B')).toBe(1);
    expect(main.api['document.current']).toHaveBeenCalledTimes(2); // init, then the resync
    expect(await store.getState().command({ type: 'line.update', id: 'C', patch: { unitCost: 3 } })).toBe(true);
    expect(store.getState().snapshot?.model).toEqual(main.current?.model);
  });

  it('follows another window that opened another programme', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api, 'en', main.events);
    await store.getState().init();
    main.emit({ type: 'document.replaced', path: '/docs/t.rcs', origin: null }); // the same file: nothing to do
    expect(main.api['document.current']).toHaveBeenCalledTimes(1);
    main.emit({ type: 'document.replaced', path: null, origin: null });
    await vi.waitFor(() => expect(main.api['document.current']).toHaveBeenCalledTimes(2));
  });
});

describe('document store: profiles, currencies and funding sources', () => {
  it('a new profile has its final id at once, so a driver that follows it is sent as it is', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api);
    await store.getState().init();
    main.hold();
    const id = sendCreating(store, { type: 'profile.add', fields: defaultProfileFields('child', 'Children', 24) })!;
    const created = byPosition(store.getState().snapshot!.model.profiles)[1]!;
    expect(created).toMatchObject({ id, durationMonths: 18 });
    const driver = {
      kind: 'perArrival' as const,
      quantity: '1',
      profileIds: ['P1', id],
      takeUp: '0.6',
      offset: 0,
      start: 1,
      end: 24,
    };
    const edit = store.getState().command({ type: 'line.update', id: 'A', patch: { driver } });
    const rename = store.getState().command({ type: 'profile.update', id, patch: { arrivals: 40 } });
    main.release();
    expect(await edit).toBe(true);
    expect(await rename).toBe(true);
    expect(main.sent[1]).toEqual({ type: 'line.update', id: 'A', patch: { driver } });
    expect(main.sent[2]).toEqual({ type: 'profile.update', id, patch: { arrivals: 40 } });
    expect(store.getState().snapshot!.model.profiles.find((p) => p.id === id)?.arrivals).toBe(40);
    expect(store.getState().snapshot?.model).toEqual(main.current?.model);
  });

  it('refuses at once to delete a profile a line follows, with the planner’s words in the user’s language', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api);
    await store.getState().init();
    const driver = { kind: 'perActiveCase' as const, quantity: '1', profileIds: ['P1'], start: 1, end: 24 };
    expect(await store.getState().command({ type: 'line.update', id: 'A', patch: { driver } })).toBe(true);
    expect(await store.getState().command({ type: 'profile.delete', id: 'P1' })).toBe(false);
    expect(main.sent).toHaveLength(1);
    expect(store.getState().snapshot!.model.profiles.map((p) => p.id)).toEqual(['P1']);
    expect(store.getState().lastError?.error).toMatchObject({ code: 'validation', fields: { id: 'profile.inUse' } });
    // The settings say French: the planner words its refusal in French, with its details.
    expect(store.getState().lastError?.error).toMatchObject({ lang: 'fr' });
    expect(store.getState().lastError?.error.message).toMatch(
      /^Le profil «\u00a0Adults\u00a0» ne peut pas être supprimé\u00a0: 1\u00a0ligne budgétaire l’utilise/,
    );
  });

  it('rolls back a profile delete main refused', async () => {
    const main = fakeMain(snapshot(model()), { refuse: (c) => c.type === 'profile.delete' });
    const store = createDocumentStore(main.api);
    await store.getState().init();
    main.hold();
    const done = store.getState().command({ type: 'profile.delete', id: 'P1' });
    expect(store.getState().snapshot!.model.profiles).toHaveLength(0); // at once
    main.release();
    expect(await done).toBe(false);
    expect(store.getState().snapshot!.model.profiles.map((p) => p.id)).toEqual(['P1']);
    expect(store.getState().lastError).toMatchObject({ action: 'command', rolledBack: true });
  });

  it('shows a new funding source in a split at once, and drops the split if the source was refused', async () => {
    const main = fakeMain(snapshot(model()), { refuse: (c) => c.type === 'funder.add' });
    const store = createDocumentStore(main.api);
    await store.getState().init();
    main.hold();
    const id = sendCreating(store, {
      type: 'funder.add',
      fields: { name: 'Gov', type: 'government', status: 'confirmed', ceiling: null, conditionalOnMatch: false },
    })!;
    expect(byPosition(store.getState().snapshot!.model.funders)[2]).toMatchObject({ id, name: 'Gov', position: 2 });
    const split = store.getState().command({
      type: 'line.update',
      id: 'A',
      patch: {
        funding: [
          { funderId: 'F1', share: '0.5' },
          { funderId: id, share: '0.5' },
        ],
      },
    });
    expect(store.getState().snapshot!.model.lines.find((l) => l.id === 'A')?.funding).toHaveLength(2);
    main.release();
    await vi.waitFor(() => expect(main.sent).toHaveLength(2));
    // The split names a source that does not exist: no longer shown, and main refuses it too.
    expect(store.getState().snapshot!.model.lines.find((l) => l.id === 'A')?.funding).toEqual([]);
    main.release();
    expect(await split).toBe(false);
    expect(store.getState().snapshot!.model.funders).toHaveLength(2);
    expect(store.getState().snapshot?.model).toEqual(main.current?.model);
  });

  it('rolls back a refused currency edit and keeps the next one', async () => {
    const main = fakeMain(snapshot(model()), {
      refuse: (c) => c.type === 'currency.put' && c.currency.inflation === '0.5',
    });
    const store = createDocumentStore(main.api);
    await store.getState().init();
    main.hold();
    const bad = store
      .getState()
      .command({ type: 'currency.put', currency: { code: 'XOF', rates: ['655.957'], inflation: '0.5' } });
    const good = store
      .getState()
      .command({ type: 'currency.put', currency: { code: 'GHS', rates: ['16.5', '18'], inflation: '0.2' } });
    expect(store.getState().snapshot!.model.currencies.map((c) => [c.code, c.inflation])).toEqual([
      ['GHS', '0.2'],
      ['XOF', '0.5'],
    ]);
    main.release();
    await vi.waitFor(() => expect(main.sent).toHaveLength(2));
    expect(await bad).toBe(false);
    expect(store.getState().snapshot!.model.currencies.map((c) => [c.code, c.inflation])).toEqual([
      ['GHS', '0.2'],
      ['XOF', '0.03'],
    ]);
    main.release();
    expect(await good).toBe(true);
    expect(store.getState().confirmed!.model.currencies.map((c) => c.code)).toEqual(['GHS', 'XOF']);
  });
});

describe('the shared planner applied to a model', () => {
  it('moves a line within and between levels, renumbering positions', () => {
    const m = applied(model(), { type: 'line.move', id: 'B', level: 'individual', index: 0 });
    expect(linesOfLevel(m, 'individual').map((l) => [l.id, l.position])).toEqual([
      ['B', 0],
      ['A', 1],
    ]);
    const m2 = applied(m, { type: 'line.move', id: 'A', level: 'community', index: 0 });
    expect(linesOfLevel(m2, 'individual').map((l) => l.id)).toEqual(['B']);
    expect(linesOfLevel(m2, 'community').map((l) => [l.id, l.position, l.level])).toEqual([
      ['A', 0, 'community'],
      ['C', 1, 'community'],
    ]);
  });

  it('a new reporting currency takes the lines entered in the old one with it', () => {
    const base = model();
    const withXof = { ...base, lines: base.lines.map((l) => (l.id === 'B' ? { ...l, currency: 'XOF' } : l)) };
    const m = applied(withXof, { type: 'programme.update', patch: { reportingCurrency: 'USD' } });
    expect(m.lines.map((l) => [l.id, l.currency])).toEqual([
      ['A', 'USD'],
      ['B', 'XOF'],
      ['C', 'USD'],
    ]);
  });

  it('moves and deletes profiles and funding sources, renumbering positions', () => {
    const m = applied(model(), { type: 'funder.move', id: 'F2', index: 0 });
    expect(byPosition(m.funders).map((f) => [f.id, f.position])).toEqual([
      ['F2', 0],
      ['F1', 1],
    ]);
    const m2 = applied(m, { type: 'funder.delete', id: 'F2' });
    expect(m2.funders).toEqual([{ ...model().funders[0], position: 0 }]);
    const m3 = applied(m2, { type: 'profile.add', id: 'P2', fields: defaultProfileFields('family', 'Families', 24) });
    const m4 = applied(m3, { type: 'profile.move', id: 'P2', index: 0 });
    expect(byPosition(m4.profiles).map((p) => [p.id, p.position, p.unit])).toEqual([
      ['P2', 0, 'household'],
      ['P1', 1, 'person'],
    ]);
    expect(applied(m4, { type: 'currency.delete', code: 'XOF' }).currencies).toEqual([]);
    expect(() => applied(m4, { type: 'profile.delete', id: 'nope' })).toThrow(/no returnee profile/);
  });

  it('duplicates after the original and deletes; a deleted line leaves the base of a percentage line', () => {
    const m = applied(model(), { type: 'line.duplicate', id: 'A', newId: 'A2' });
    expect(linesOfLevel(m, 'individual').map((l) => l.id)).toEqual(['A', 'A2', 'B']);
    const pct = {
      kind: 'percentage' as const,
      rate: '0.1',
      levels: [],
      lineIds: ['A', 'B'],
      start: 1,
      end: 24,
    };
    const m2 = applied(m, { type: 'line.update', id: 'C', patch: { driver: pct } });
    const m3 = applied(m2, { type: 'line.delete', id: 'A' });
    expect(linesOfLevel(m3, 'individual').map((l) => [l.id, l.position])).toEqual([
      ['A2', 0],
      ['B', 1],
    ]);
    // Main drops the deleted line from the percentage base in the same command; so does the screen.
    expect(m3.lines.find((l) => l.id === 'C')?.driver).toEqual({ ...pct, lineIds: ['B'] });
  });

  it('keeps every row a command does not touch', () => {
    const m = model();
    const m2 = applied(m, { type: 'line.update', id: 'B', patch: { unitCost: 5 } });
    expect(m2.lines[0]).toBe(m.lines[0]);
    expect(m2.lines[2]).toBe(m.lines[2]);
    expect(m2.profiles).toBe(m.profiles);
    expect(m2.funders).toBe(m.funders);
  });
});

describe('HTTP transport', () => {
  it('posts to /api/<call> with the token and returns the reply', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const api = createHttpApi('tok123', async (url, init) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ ok: true, value: { author: 'a', locale: 'en' } }));
    });
    const reply = await api['settings.update']({ locale: 'en' });
    expect(reply).toEqual({ ok: true, value: { author: 'a', locale: 'en' } });
    expect(calls[0]?.url).toBe('/api/settings.update');
    expect(calls[0]?.init.method).toBe('POST');
    expect((calls[0]?.init.headers as Record<string, string>)['X-RCS-Token']).toBe('tok123');
    expect(calls[0]?.init.body).toBe('{"locale":"en"}');
  });

  it('passes refusals through and turns a failed request into an error reply', async () => {
    const refused = createHttpApi('t', async () =>
      Response.json({ ok: false, error: { code: 'unauthorized', message: 'no' } }, { status: 403 }),
    );
    expect(await refused['document.current']({})).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'no' },
    });
    const down = createHttpApi('t', async () => {
      throw new TypeError('Failed to fetch');
    });
    const r = await down['document.current']({});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/^network: /);
    const garbage = createHttpApi('t', async () => new Response('<html>', { status: 502 }));
    expect((await garbage['app.info']({})).ok).toBe(false);
  });
});

describe('document store: the scenario shown (issue 10)', () => {
  it('edits made while a scenario is shown are overrides of it; the baseline and its screen stay as they were', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api);
    await store.getState().init();
    expect(
      await store.getState().command({ type: 'scenario.add', id: 'S1', fields: { name: 'Dear', description: '' } }),
    ).toBe(true);
    const baseline = store.getState().snapshot!.model;
    store.getState().setScenario('S1');
    // An empty scenario shows the baseline itself.
    expect(viewModelOf(store.getState())).toBe(baseline);
    expect(await store.getState().command({ type: 'line.update', id: 'A', patch: { unitCost: 5000 } })).toBe(true);
    expect(main.sent.at(-1)).toEqual({
      type: 'scenario.edit',
      scenario: 'S1',
      command: { type: 'line.update', id: 'A', patch: { unitCost: 5000 } },
    });
    const s = store.getState();
    expect(cost(s.snapshot, 'A')).toBe(1000); // the baseline
    const view = viewModelOf(s)!;
    expect(view.lines.find((l) => l.id === 'A')?.unitCost).toBe(5000); // what every screen shows
    expect(view.lines.find((l) => l.id === 'B')).toBe(s.snapshot!.model.lines.find((l) => l.id === 'B'));
    expect(viewModelOf(store.getState())).toBe(view); // the same object until something changes
    // Deleting a baseline line in a scenario turns it off there; moving lines is a baseline matter.
    expect(await store.getState().command({ type: 'line.delete', id: 'B' })).toBe(true);
    expect(main.sent.at(-1)).toEqual({ type: 'scenario.setOff', scenario: 'S1', kind: 'line', id: 'B', off: true });
    expect(store.getState().snapshot!.model.lines.map((l) => l.id)).toEqual(['A', 'B', 'C']);
    expect(viewModelOf(store.getState())!.lines.map((l) => l.id)).toEqual(['A', 'C']);
    const sent = main.sent.length;
    expect(await store.getState().command({ type: 'line.move', id: 'A', level: 'individual', index: 1 })).toBe(false);
    expect(main.sent).toHaveLength(sent);
    expect(store.getState().lastError?.error.fields).toEqual({ _: 'scenario.baselineOnly' });
    // Back to the baseline: edits go to it again.
    store.getState().setScenario(null);
    expect(viewModelOf(store.getState())).toBe(store.getState().snapshot!.model);
    expect(await store.getState().command({ type: 'line.update', id: 'A', patch: { unitCost: 2000 } })).toBe(true);
    expect(main.sent.at(-1)).toEqual({ type: 'line.update', id: 'A', patch: { unitCost: 2000 } });
  });

  it('a scenario deleted meanwhile (undo, another window) shows the baseline; another document starts on the baseline', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api, 'en', main.events);
    await store.getState().init();
    await store.getState().command({ type: 'scenario.add', id: 'S1', fields: { name: 'Dear', description: '' } });
    store.getState().setScenario('S1');
    main.changeElsewhere({ type: 'scenario.delete', id: 'S1' });
    expect(activeScenario(store.getState())).toBeNull();
    expect(viewModelOf(store.getState())).toBe(store.getState().snapshot!.model);
    store.getState().setScenario('S1');
    const other = snapshot(model());
    main.api['document.openSample'] = async () => ({
      ok: true,
      value: { ...other, info: { ...other.info, path: '/docs/other.rcs' } },
    });
    await store.getState().openSample();
    expect(store.getState().scenarioId).toBeNull();
  });
});

describe('document store: saving the report as a PDF (issue 11)', () => {
  it('asks main for the scenario shown, and says why when main refuses', async () => {
    const main = fakeMain(snapshot(model()));
    const asked: { scenarioId: string | null }[] = [];
    let reply: Reply<{ path: string } | null> = { ok: true, value: { path: '/docs/T – Dear – report.pdf' } };
    main.api['report.savePdf'] = async (request) => {
      asked.push(request);
      return reply;
    };
    const store = createDocumentStore(main.api);
    await store.getState().init();
    expect(await store.getState().savePdf()).toBe('/docs/T – Dear – report.pdf');
    await store.getState().command({ type: 'scenario.add', id: 'S1', fields: { name: 'Dear', description: '' } });
    store.getState().setScenario('S1');
    await store.getState().savePdf();
    expect(asked).toEqual([{ scenarioId: null }, { scenarioId: 'S1' }]);
    expect(store.getState().busy).toBe(false);

    reply = { ok: true, value: null }; // the dialog was cancelled
    expect(await store.getState().savePdf()).toBeNull();
    expect(store.getState().lastError).toBeNull();

    reply = { ok: false, error: { code: 'unavailable', message: 'Saving the report as a PDF is only available…' } };
    expect(await store.getState().savePdf()).toBeNull();
    expect(store.getState().lastError).toMatchObject({ action: 'savePdf', error: { code: 'unavailable' } });
  });
});
