import { describe, expect, it, vi } from 'vitest';
import type { Api, Command, Reply, Snapshot } from '../../src-shared/api';
import { type BudgetLine, defaultLineFields, defaultProfileFields, type Model } from '../../src-shared/model';
import { createDocumentStore } from '../../src-renderer/state/documentStore';
import { applyCommand, byPosition, commandRefs, linesOfLevel } from '../../src-renderer/state/optimistic';
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
    },
    lines: [l('A', 0), l('B', 1), l('C', 0, 'community')],
    profiles: [{ ...defaultProfileFields('adult', 'Adults', 24), arrivals: 120, id: 'P1', position: 0 }],
    currencies: [{ code: 'XOF', rates: ['655.957', '655.957'], inflation: '0.03' }],
    funders: [
      { id: 'F1', position: 0, name: 'EU', type: 'donor', status: 'confirmed', ceiling: null },
      { id: 'F2', position: 1, name: 'Town', type: 'coFinancier', status: 'pipeline', ceiling: 100000 },
    ],
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

/** A fake main: applies commands like the real one would (with its own ids), or refuses them. */
function fakeMain(initial: Snapshot | null, opts: { refuse?: (c: Command) => boolean; recent?: number } = {}) {
  let current = initial;
  let nextId = 1;
  const sent: Command[] = [];
  const gates: (() => void)[] = [];
  let manual = false;
  const wait = () => (manual ? new Promise<void>((r) => gates.push(r)) : Promise.resolve());
  const notImplemented = async (): Promise<Reply<never>> => ({
    ok: false,
    error: { code: 'internal', message: 'not in this fake' },
  });
  const base = Object.fromEntries(
    (
      [
        'app.info',
        'settings.get',
        'settings.update',
        'library.list',
        'document.current',
        'document.create',
        'document.open',
        'document.openSample',
        'document.openDialog',
        'document.saveAs',
        'document.saveAsDialog',
        'document.close',
        'document.command',
        'document.undo',
        'document.redo',
        'document.changeLog',
      ] as const
    ).map((k) => [k, notImplemented]),
  ) as unknown as Api;
  const api: Api = {
    ...base,
    'app.info': async () => ({
      ok: true,
      value: { version: '0', mode: 'browser', documentsDir: '/docs', nativeDialogs: false },
    }),
    'settings.get': async () => ({ ok: true, value: { author: 'me', locale: 'fr' } }),
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
    'document.current': async () => ({ ok: true, value: current }),
    'document.openSample': vi.fn(async () => {
      current = snapshot(model());
      return { ok: true as const, value: current };
    }),
    'document.command': vi.fn(async ({ command }: { command: Command }): Promise<Reply<Snapshot>> => {
      sent.push(command);
      await wait();
      if (!current) return { ok: false, error: { code: 'noDocument', message: '' } };
      if (opts.refuse?.(command)) return { ok: false, error: { code: 'validation', message: 'no', fields: {} } };
      if (commandRefs(command).some((id) => id.startsWith('tmp-'))) {
        return { ok: false, error: { code: 'notFound', message: 'temporary id leaked to main' } };
      }
      current = snapshot(applyCommand(current.model, command, `M${nextId++}`), current.info.revision + 1);
      return { ok: true, value: current };
    }),
  };
  return {
    api,
    sent,
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

  it('applies an edit at once, then replaces it with main’s snapshot', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api);
    await store.getState().init();
    main.hold();
    const done = store.getState().command({ type: 'line.update', id: 'A', patch: { unitCost: 5000 } });
    expect(cost(store.getState().snapshot, 'A')).toBe(5000); // optimistic
    expect(cost(store.getState().confirmed, 'A')).toBe(1000);
    expect(store.getState().pending).toBe(true);
    main.release();
    expect(await done).toBe(true);
    expect(store.getState().pending).toBe(false);
    expect(store.getState().snapshot).toBe(main.current); // main's snapshot, not the guess
    expect(store.getState().snapshot?.info.revision).toBe(1);
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

  it('gives a new line a temporary id and rewrites later commands with main’s id', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api);
    await store.getState().init();
    main.hold();
    const fields = defaultLineFields('individual', 24, 'New');
    void store.getState().command({ type: 'line.add', level: 'individual', afterId: 'A', fields });
    const tmp = linesOfLevel(store.getState().snapshot!.model, 'individual')[1]!;
    expect(tmp.id).toMatch(/^tmp-/);
    expect(tmp.name).toBe('New');
    const edit = store.getState().command({ type: 'line.update', id: tmp.id, patch: { name: 'Renamed' } });
    main.release();
    await vi.waitFor(() => expect(main.sent).toHaveLength(2));
    main.release();
    expect(await edit).toBe(true);
    expect(main.sent[1]).toEqual({ type: 'line.update', id: 'M1', patch: { name: 'Renamed' } });
    const lines = linesOfLevel(store.getState().snapshot!.model, 'individual');
    expect(lines.map((l) => l.name)).toEqual(['A', 'Renamed', 'B']);
    expect(store.getState().aliases).toEqual({ M1: tmp.id }); // stable React key
  });

  it('drops commands on a line whose creation was refused', async () => {
    const main = fakeMain(snapshot(model()), { refuse: (c) => c.type === 'line.duplicate' });
    const store = createDocumentStore(main.api);
    await store.getState().init();
    main.hold();
    void store.getState().command({ type: 'line.duplicate', id: 'A' });
    const copy = store.getState().snapshot!.model.lines.find((l) => l.id.startsWith('tmp-'))!;
    const edit = store.getState().command({ type: 'line.update', id: copy.id, patch: { unitCost: 1 } });
    main.release();
    expect(await edit).toBe(false);
    expect(main.sent).toHaveLength(1);
    expect(store.getState().snapshot?.model.lines).toHaveLength(3);
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

describe('document store: profiles, currencies and funding sources', () => {
  it('names a new profile and rewrites a driver that follows it with main’s id', async () => {
    const main = fakeMain(snapshot(model()));
    const store = createDocumentStore(main.api);
    await store.getState().init();
    main.hold();
    void store.getState().command({ type: 'profile.add', fields: defaultProfileFields('child', 'Children', 24) });
    const tmp = byPosition(store.getState().snapshot!.model.profiles)[1]!;
    expect(tmp.id).toMatch(/^tmp-/);
    expect(tmp.durationMonths).toBe(18);
    const driver = {
      kind: 'perArrival' as const,
      quantity: '1',
      profileIds: ['P1', tmp.id],
      takeUp: '0.6',
      offset: 0,
      start: 1,
      end: 24,
    };
    const edit = store.getState().command({ type: 'line.update', id: 'A', patch: { driver } });
    const rename = store.getState().command({ type: 'profile.update', id: tmp.id, patch: { arrivals: 40 } });
    main.release();
    expect(await edit).toBe(true);
    expect(await rename).toBe(true);
    expect(main.sent[1]).toEqual({
      type: 'line.update',
      id: 'A',
      patch: { driver: { ...driver, profileIds: ['P1', 'M1'] } },
    });
    expect(main.sent[2]).toEqual({ type: 'profile.update', id: 'M1', patch: { arrivals: 40 } });
    expect(store.getState().aliases).toEqual({ M1: tmp.id });
    expect(store.getState().snapshot!.model.profiles.find((p) => p.id === 'M1')?.arrivals).toBe(40);
  });

  it('rolls back a refused profile delete (a line still follows it) and says why', async () => {
    const main = fakeMain(snapshot(model()), { refuse: (c) => c.type === 'profile.delete' });
    const store = createDocumentStore(main.api);
    await store.getState().init();
    main.hold();
    const done = store.getState().command({ type: 'profile.delete', id: 'P1' });
    expect(store.getState().snapshot!.model.profiles).toHaveLength(0); // optimistic
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
    void store
      .getState()
      .command({ type: 'funder.add', fields: { name: 'Gov', type: 'government', status: 'confirmed', ceiling: null } });
    const tmp = byPosition(store.getState().snapshot!.model.funders)[2]!;
    expect(tmp).toMatchObject({ name: 'Gov', position: 2 });
    const split = store.getState().command({
      type: 'line.update',
      id: 'A',
      patch: {
        funding: [
          { funderId: 'F1', share: '0.5' },
          { funderId: tmp.id, share: '0.5' },
        ],
      },
    });
    expect(store.getState().snapshot!.model.lines.find((l) => l.id === 'A')?.funding).toHaveLength(2);
    main.release();
    expect(await split).toBe(false);
    expect(main.sent).toHaveLength(1); // the split naming the refused source was never sent
    expect(store.getState().snapshot!.model.lines.find((l) => l.id === 'A')?.funding).toEqual([]);
    expect(store.getState().snapshot!.model.funders).toHaveLength(2);
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
      ['XOF', '0.5'],
      ['GHS', '0.2'],
    ]);
    main.release();
    await vi.waitFor(() => expect(main.sent).toHaveLength(2));
    expect(await bad).toBe(false);
    expect(store.getState().snapshot!.model.currencies.map((c) => [c.code, c.inflation])).toEqual([
      ['XOF', '0.03'],
      ['GHS', '0.2'],
    ]);
    main.release();
    expect(await good).toBe(true);
    expect(store.getState().confirmed!.model.currencies.map((c) => c.code)).toEqual(['XOF', 'GHS']);
  });
});

describe('optimistic commands', () => {
  it('moves a line within and between levels, renumbering positions', () => {
    const m = applyCommand(model(), { type: 'line.move', id: 'B', level: 'individual', index: 0 }, '');
    expect(linesOfLevel(m, 'individual').map((l) => [l.id, l.position])).toEqual([
      ['B', 0],
      ['A', 1],
    ]);
    const m2 = applyCommand(m, { type: 'line.move', id: 'A', level: 'community', index: 0 }, '');
    expect(linesOfLevel(m2, 'individual').map((l) => l.id)).toEqual(['B']);
    expect(linesOfLevel(m2, 'community').map((l) => [l.id, l.position, l.level])).toEqual([
      ['A', 0, 'community'],
      ['C', 1, 'community'],
    ]);
  });

  it('a new reporting currency takes the lines entered in the old one with it', () => {
    const base = model();
    const withXof = { ...base, lines: base.lines.map((l) => (l.id === 'B' ? { ...l, currency: 'XOF' } : l)) };
    const m = applyCommand(withXof, { type: 'programme.update', patch: { reportingCurrency: 'USD' } }, '');
    expect(m.lines.map((l) => [l.id, l.currency])).toEqual([
      ['A', 'USD'],
      ['B', 'XOF'],
      ['C', 'USD'],
    ]);
  });

  it('moves and deletes profiles and funding sources, renumbering positions', () => {
    const m = applyCommand(model(), { type: 'funder.move', id: 'F2', index: 0 }, '');
    expect(byPosition(m.funders).map((f) => [f.id, f.position])).toEqual([
      ['F2', 0],
      ['F1', 1],
    ]);
    const m2 = applyCommand(m, { type: 'funder.delete', id: 'F2' }, '');
    expect(m2.funders).toEqual([{ ...model().funders[0], position: 0 }]);
    const m3 = applyCommand(m2, { type: 'profile.add', fields: defaultProfileFields('family', 'Families', 24) }, 'P2');
    const m4 = applyCommand(m3, { type: 'profile.move', id: 'P2', index: 0 }, '');
    expect(byPosition(m4.profiles).map((p) => [p.id, p.position, p.unit])).toEqual([
      ['P2', 0, 'household'],
      ['P1', 1, 'person'],
    ]);
    expect(applyCommand(m4, { type: 'currency.delete', code: 'XOF' }, '').currencies).toEqual([]);
    expect(applyCommand(m4, { type: 'profile.delete', id: 'nope' }, '')).toBe(m4);
  });

  it('duplicates after the original and deletes', () => {
    const m = applyCommand(model(), { type: 'line.duplicate', id: 'A' }, 'A2');
    expect(linesOfLevel(m, 'individual').map((l) => l.id)).toEqual(['A', 'A2', 'B']);
    const m2 = applyCommand(m, { type: 'line.delete', id: 'A' }, '');
    expect(linesOfLevel(m2, 'individual').map((l) => [l.id, l.position])).toEqual([
      ['A2', 0],
      ['B', 1],
    ]);
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
