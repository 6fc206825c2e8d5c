/** The contract's handlers over real folders: library, settings, paths, sample, dialogs. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiFailure, CALL_NAMES, dispatch } from '../../src-shared/api';
import { type AppHandlers, createHandlers, type NativeDialogs, writeModelToFile } from '../../src-main/documents';
import { listDir, sha256, smallModel, tempDir } from './helpers';

const made: AppHandlers[] = [];
afterEach(() => {
  for (const h of made.splice(0)) h.dispose();
});

function setup(dialogs?: NativeDialogs) {
  const root = tempDir();
  const documentsDir = path.join(root, 'Documents', 'Costing Studio');
  const userDataDir = path.join(root, 'userData');
  const sampleFile = path.join(root, 'resources', 'sample.rcs');
  fs.mkdirSync(path.dirname(sampleFile), { recursive: true });
  writeModelToFile(sampleFile, smallModel());
  const make = (): AppHandlers => {
    const h = createHandlers({
      documentsDir,
      userDataDir,
      sampleFile,
      mode: 'browser',
      version: '0.1.0-test',
      ...(dialogs ? { dialogs } : {}),
    });
    made.push(h);
    return h;
  };
  return { root, documentsDir, userDataDir, sampleFile, h: make(), make };
}

async function refusal(p: unknown): Promise<ApiFailure> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiFailure) return err;
    throw err;
  }
  throw new Error('expected an ApiFailure');
}

function call<T>(fn: () => T): Promise<Awaited<T>> {
  return Promise.resolve().then(fn) as Promise<Awaited<T>>;
}

describe('createHandlers', () => {
  it('implements every call of the contract', () => {
    const { h } = setup();
    for (const name of CALL_NAMES) expect(typeof h[name], name).toBe('function');
  });

  it('app.info reports mode, version, documents folder and dialogs', () => {
    const { h, documentsDir } = setup();
    expect(h['app.info']({})).toEqual({
      version: '0.1.0-test',
      mode: 'browser',
      documentsDir,
      nativeDialogs: false,
    });
  });

  it('settings persist as JSON in the user-data folder', () => {
    const { h, make, userDataDir } = setup();
    expect(h['settings.get']({}).locale).toBe('en');
    expect(h['settings.update']({ author: 'Mariama Bah', locale: 'fr' })).toEqual({
      author: 'Mariama Bah',
      locale: 'fr',
      columnWidths: {},
    });
    h['settings.update']({ columnWidths: { category: 150, unitLabel: 90 } });
    expect(make()['settings.get']({})).toEqual({
      author: 'Mariama Bah',
      locale: 'fr',
      columnWidths: { category: 150, unitLabel: 90 },
    });
    expect(listDir(userDataDir)).toEqual(['settings.json']);
  });

  it('refuses column widths out of range and keeps the stored ones', async () => {
    const { h, make } = setup();
    h['settings.update']({ columnWidths: { category: 150 } });
    const bad: Record<string, number>[] = [{ category: 5 }, { category: 1e9 }, { category: 150.5 }, { 'a b': 100 }];
    for (const columnWidths of bad) {
      const err = await refusal(call(() => h['settings.update']({ columnWidths })));
      expect(err.code).toBe('validation');
    }
    const many = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`c${'x'.repeat(i)}`, 100]));
    expect((await refusal(call(() => h['settings.update']({ columnWidths: many })))).code).toBe('validation');
    expect(make()['settings.get']({}).columnWidths).toEqual({ category: 150 });
  });

  it('a damaged field in settings.json falls back to its default and keeps the others', () => {
    const { make, userDataDir } = setup();
    fs.mkdirSync(userDataDir, { recursive: true });
    fs.writeFileSync(
      path.join(userDataDir, 'settings.json'),
      JSON.stringify({ author: 'Awa', locale: 'fr', columnWidths: { category: -3 } }),
    );
    expect(make()['settings.get']({})).toEqual({ author: 'Awa', locale: 'fr', columnWidths: {} });
  });

  it('the author from settings is written to the change log', () => {
    const { h } = setup();
    h['settings.update']({ author: 'Mariama Bah' });
    h['document.create']({ name: 'Plan' });
    expect(h['document.changeLog']({})[0]).toMatchObject({ author: 'Mariama Bah', summary: 'Created the programme' });
  });
});

describe('library and paths', () => {
  it('create makes NAME.rcs in the documents folder, lists it and records it as recent', () => {
    const { h, documentsDir } = setup();
    const snap = h['document.create']({ name: 'Plan A' });
    expect(snap.info.path).toBe(path.join(documentsDir, 'Plan A.rcs'));
    expect(snap.model.programme.title).toBe('Plan A');
    fs.writeFileSync(path.join(documentsDir, 'notes.txt'), 'not a programme');
    const lib = h['library.list']({});
    expect(lib.documentsDir).toBe(documentsDir);
    expect(lib.files.map((f) => f.name)).toEqual(['Plan A.rcs']); // no lock file, no .txt
    expect(lib.files[0]?.size).toBeGreaterThan(0);
    expect(lib.recent).toEqual([
      { path: snap.info.path, name: 'Plan A.rcs', openedAt: expect.any(String) as string, exists: true },
    ]);
  });

  it('create starts the programme with the settings the New programme dialog asked for', async () => {
    const { h, documentsDir } = setup();
    const programme = {
      title: 'Reintegration in the Gambia',
      startMonth: '2027-03',
      durationMonths: 18,
      reportingCurrency: 'GMD',
      donorProfile: 'EU' as const,
    };
    const snap = h['document.create']({ name: 'Gambia', programme });
    expect(snap.model.programme).toMatchObject(programme);
    expect(snap.model.programme.indirectRate).toBe('0');
    // A bad setting is refused through dispatch, and no file is made.
    const reply = await dispatch(h, 'document.create', { name: 'Bad', programme: { durationMonths: 0 } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'validation' } });
    const extra = await dispatch(h, 'document.create', { name: 'Bad', programme: { notes: 'not asked' } });
    expect(extra).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(fs.existsSync(path.join(documentsDir, 'Bad.rcs'))).toBe(false);
  });

  it('create accepts a name with .rcs, and refuses an existing name, paths and bad names', async () => {
    const { h } = setup();
    h['document.create']({ name: 'Budget.rcs' });
    expect((await refusal(call(() => h['document.create']({ name: 'Budget' })))).code).toBe('exists');
    for (const bad of ['../x', 'a/b', '..', '.hidden', 'con', '   ']) {
      const f = await refusal(call(() => h['document.create']({ name: bad })));
      expect(f.code, bad).toBe('validation');
      expect(f.fields, bad).toHaveProperty('name');
    }
    // Through dispatch (as the transports call it), the schema refuses too.
    const reply = await dispatch(h, 'document.create', { name: '../x' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('open refuses a path outside the documents folder and recent files, touching nothing', async () => {
    const { h, root } = setup();
    const outside = path.join(root, 'elsewhere', 'Secret.rcs');
    fs.mkdirSync(path.dirname(outside));
    writeModelToFile(outside, smallModel());
    const hash = sha256(outside);
    for (const p of [outside, path.join(root, 'Documents', 'Costing Studio', '..', 'elsewhere', 'Secret.rcs')]) {
      const f = await refusal(call(() => h['document.open']({ path: p, readOnly: false })));
      expect(f.code).toBe('notFound');
      expect(f.message).toMatch(/not in your documents folder or your recent files/);
    }
    expect(sha256(outside)).toBe(hash);
    expect(listDir(path.dirname(outside))).toEqual(['Secret.rcs']);
  });

  it('open accepts a file in the documents folder, read-only if asked', () => {
    const { h, documentsDir } = setup();
    fs.mkdirSync(documentsDir, { recursive: true });
    const file = path.join(documentsDir, 'Given.rcs');
    writeModelToFile(file, smallModel());
    const snap = h['document.open']({ path: file, readOnly: true });
    expect(snap.info).toMatchObject({ readOnly: true, readOnlyReason: 'requested' });
    expect(h['document.current']({})?.info.path).toBe(file);
  });

  it('one open document per handler set: opening another closes the first', () => {
    const { h, documentsDir } = setup();
    h['document.create']({ name: 'One' });
    h['document.create']({ name: 'Two' });
    expect(listDir(documentsDir)).toEqual(['.~lock.Two.rcs#', 'One.rcs', 'Two.rcs']);
    h['document.close']({});
    expect(h['document.current']({})).toBeNull();
    expect(listDir(documentsDir)).toEqual(['One.rcs', 'Two.rcs']);
  });

  it('save as writes NAME.rcs in the documents folder and continues there', async () => {
    const { h, documentsDir } = setup();
    expect((await refusal(call(() => h['document.saveAs']({ name: 'Copy' })))).code).toBe('noDocument');
    h['document.create']({ name: 'Original' });
    const snap = h['document.saveAs']({ name: 'Copy' });
    expect(snap.info.path).toBe(path.join(documentsDir, 'Copy.rcs'));
    expect((await refusal(call(() => h['document.saveAs']({ name: 'Original' })))).code).toBe('exists');
    expect((await refusal(call(() => h['document.saveAs']({ name: '../up' })))).code).toBe('validation');
    expect(h['library.list']({}).recent.map((r) => r.name)).toEqual(['Copy.rcs', 'Original.rcs']);
  });
});

describe('sample programme', () => {
  it('is copied into the documents folder on first use and that copy is opened', () => {
    const { h, documentsDir, sampleFile } = setup();
    const shipped = sha256(sampleFile);
    const snap = h['document.openSample']({});
    const copy = path.join(documentsDir, 'Sample programme.rcs');
    expect(snap.info.path).toBe(copy);
    expect(snap.model.lines).toHaveLength(7);
    h['document.command']({ command: { type: 'line.delete', id: 'ind-a' } });
    // Next time the user's copy (with their edit) opens; the shipped file never changes.
    const again = h['document.openSample']({});
    expect(again.model.lines).toHaveLength(6);
    expect(sha256(sampleFile)).toBe(shipped);
  });

  it('a missing sample gives a clear notFound', async () => {
    const { h, sampleFile } = setup();
    fs.rmSync(sampleFile);
    const f = await refusal(call(() => h['document.openSample']({})));
    expect(f.code).toBe('notFound');
    expect(f.message).toMatch(/sample programme is missing/);
  });
});

describe('native dialogs', () => {
  it('without dialogs (browser mode) the dialog calls are unavailable', async () => {
    const { h } = setup();
    for (const p of [
      call(() => h['document.openDialog']({ readOnly: false })),
      call(() => h['document.saveAsDialog']({})),
    ]) {
      const f = await refusal(p);
      expect(f.code).toBe('unavailable');
      expect(f.message).toMatch(/only available in the desktop app/);
    }
  });

  it('with dialogs: open anywhere, then reopen it from recent files; save as anywhere', async () => {
    let toOpen: string | null = null;
    let toSave: string | null = null;
    let proposed = '';
    const { h, make, root } = setup({
      open: () => Promise.resolve(toOpen),
      save: (defaultName) => {
        proposed = defaultName;
        return Promise.resolve(toSave);
      },
      saveExport: () => Promise.resolve(null),
      showInFolder: () => undefined,
      openImport: () => Promise.resolve(null),
    });
    expect(await h['document.openDialog']({ readOnly: false })).toBeNull(); // cancelled

    const outside = path.join(root, 'USB stick', 'Field budget.rcs');
    fs.mkdirSync(path.dirname(outside));
    writeModelToFile(outside, smallModel());
    toOpen = outside;
    const snap = await h['document.openDialog']({ readOnly: false });
    expect(snap?.info.path).toBe(outside);
    h['document.close']({});

    // Now it is a recent file, so a plain open (e.g. from the start screen) is allowed.
    const other = make();
    expect(other['library.list']({}).recent[0]).toMatchObject({ path: outside, exists: true });
    expect(other['document.open']({ path: outside, readOnly: false }).info.path).toBe(outside);
    other['document.close']({});

    h['document.open']({ path: outside, readOnly: false });
    toSave = path.join(root, 'USB stick', 'Field budget v2'); // no extension: .rcs is added
    const saved = await h['document.saveAsDialog']({});
    expect(proposed).toBe('Field budget (copy).rcs');
    expect(saved?.info.path).toBe(`${toSave}.rcs`);
    toSave = outside;
    expect((await refusal(h['document.saveAsDialog']({}))).code).toBe('exists');
  });
});
