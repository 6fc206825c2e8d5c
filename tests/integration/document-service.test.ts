import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src-shared/commands';
import { type Command, type Snapshot } from '../../src-shared/api';
import {
  defaultEffect,
  defaultLineFields,
  defaultPartnerFields,
  defaultSynergyFields,
  type Level,
} from '../../src-shared/model';
import { APPLICATION_ID, CURRENT_SCHEMA_VERSION } from '../../src-main/db';
import { DocumentService, writeModelToFile } from '../../src-main/documents';
import {
  editor as service,
  failure,
  fields,
  listDir,
  modelText,
  openModel,
  sha256,
  smallModel,
  tempDir,
  commandOf,
  redoOf,
  undoOf,
} from './helpers';

/** A file holding smallModel(), opened for writing. */
function openSmall(): { s: DocumentService; file: string; dir: string } {
  return openModel(smallModel());
}

function levelNames(snap: Snapshot, level: Level): string[] {
  return snap.model.lines.filter((l) => l.level === level).map((l) => l.name);
}

function positionsAreDense(snap: Snapshot): boolean {
  const byLevel = new Map<string, number[]>();
  for (const l of snap.model.lines) byLevel.set(l.level, [...(byLevel.get(l.level) ?? []), l.position]);
  return [...byLevel.values()].every((ps) => ps.every((p, i) => p === i));
}

describe('create, command, reopen', () => {
  it('creates a blank programme file with our application_id, schema version and pragmas', () => {
    const dir = tempDir();
    const file = path.join(dir, 'New one.rcs');
    const s = service();
    const snap = s.create(file);
    expect(snap.model.programme.title).toBe('New one');
    expect(snap.model.programme.author).toBe('Aïcha Diallo');
    expect(snap.model.lines).toEqual([]);
    expect(snap.info).toMatchObject({
      path: file,
      name: 'New one.rcs',
      readOnly: false,
      readOnlyReason: null,
      canUndo: false,
      canRedo: false,
      revision: 0,
      savedAt: null,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      migratedFrom: null,
    });
    expect(s.changeLog().map((e) => e.summary)).toEqual(['Created the programme']);
    s.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(raw.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
    const strict = raw.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table'`).all() as {
      name: string;
      sql: string;
    }[];
    for (const t of strict) expect(t.sql, t.name).toMatch(/\)\s*STRICT$/);
    raw.close();
    // Only the file and nothing else (no journal, no temp file, lock released).
    expect(listDir(dir)).toEqual(['New one.rcs']);
  });

  it('refuses to create over an existing file and leaves it untouched', () => {
    const { file } = openSmall();
    const before = sha256(file);
    const other = service();
    expect(failure(() => other.create(file)).code).toBe('exists');
    expect(sha256(file)).toBe(before);
  });

  it('saves every command at once: a reopened file shows the change', () => {
    const { s, file } = openSmall();
    const snap = commandOf(s, { type: 'line.update', id: 'ind-a', patch: { unitCost: 175050 } });
    expect(snap.info.revision).toBe(1);
    expect(snap.info.savedAt).toBe('2026-01-01T09:00:00.000Z');
    expect(snap.info.canUndo).toBe(true);
    expect(snap.info.undoSummary).toBe('Edited "Reintegration package": unit cost');
    expect(snap.info.undoLabel).toEqual({ action: 'line.update', name: 'Reintegration package' });
    s.close();

    const again = service();
    const reopened = again.open(file);
    expect(reopened.model.lines.find((l) => l.id === 'ind-a')?.unitCost).toBe(175050);
    expect(modelText(reopened.model)).toBe(modelText(snap.model));
    // Undo history is per open document; a reopened file starts a new history.
    expect(reopened.info.canUndo).toBe(false);
    const log = again.changeLog();
    expect(log[0]).toMatchObject({
      author: 'Aïcha Diallo',
      summary: 'Edited "Reintegration package": unit cost',
      at: '2026-01-01T09:00:00.000Z',
    });
  });

  it('adds a line at the end of its level or after a given line, with the id the client made', () => {
    const { s } = openSmall();
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const a = commandOf(s, {
      type: 'line.add',
      id,
      level: 'community',
      fields: fields({ name: 'Market stalls' }),
    });
    expect(levelNames(a, 'community')).toEqual(['Community project', 'Community dialogue sessions', 'Market stalls']);
    const added = a.model.lines.find((l) => l.name === 'Market stalls');
    expect(added?.id).toBe(id);
    // The same id again (a command sent twice) is refused, and nothing changes.
    const again = failure(() => s.command({ type: 'line.add', id, level: 'support', fields: fields() }));
    expect(again.fields).toEqual({ id: 'id.taken' });
    expect(s.snapshot().model).toEqual(a.model);
    const b = commandOf(s, {
      type: 'line.add',
      id: newId(),
      level: 'individual',
      afterId: 'ind-a',
      fields: fields({ name: 'Housing support' }),
    });
    expect(levelNames(b, 'individual')).toEqual([
      'Reintegration package',
      'Housing support',
      'Psychosocial counselling',
      'Medical referral',
    ]);
    expect(positionsAreDense(b)).toBe(true);
    expect(b.info.undoSummary).toBe('Added "Housing support" to the individual level');
    expect(b.info.undoLabel).toEqual({ action: 'line.add', name: 'Housing support' });
    const undone = undoOf(s);
    expect(undone.info.redoLabel).toEqual({ action: 'line.add', name: 'Housing support' });
    expect(undone.info.undoLabel).toEqual({ action: 'line.add', name: 'Market stalls' });
  });

  it('duplicates a line right after the original, keeping its name', () => {
    const { s } = openSmall();
    const snap = commandOf(s, { type: 'line.duplicate', id: 'ind-a', newId: newId() });
    const ind = snap.model.lines.filter((l) => l.level === 'individual');
    expect(ind.map((l) => l.name)).toEqual([
      'Reintegration package',
      'Reintegration package',
      'Psychosocial counselling',
      'Medical referral',
    ]);
    const [orig, copy] = ind;
    expect(copy?.id).not.toBe(orig?.id);
    expect({ ...copy, id: 'x', position: 0 }).toEqual({ ...orig, id: 'x', position: 0 });
    expect(positionsAreDense(snap)).toBe(true);
  });

  it('names the copy as the command says, and refuses an empty or overlong name without saving', () => {
    const { s } = openSmall();
    const snap = commandOf(s, {
      type: 'line.duplicate',
      id: 'ind-a',
      newId: newId(),
      name: 'Reintegration package (copy)',
    });
    const ind = snap.model.lines.filter((l) => l.level === 'individual');
    expect(ind.map((l) => l.name).slice(0, 2)).toEqual(['Reintegration package', 'Reintegration package (copy)']);
    const before = s.snapshot().model;
    for (const name of ['   ', 'x'.repeat(201)]) {
      expect(() => commandOf(s, { type: 'line.duplicate', id: 'ind-a', newId: newId(), name })).toThrow();
    }
    expect(s.snapshot().model).toEqual(before);
  });

  it('deletes and moves lines, keeping positions dense', () => {
    const { s } = openSmall();
    let snap = commandOf(s, { type: 'line.delete', id: 'ind-a' });
    expect(levelNames(snap, 'individual')).toEqual(['Psychosocial counselling', 'Medical referral']);
    snap = commandOf(s, { type: 'line.move', id: 'ind-c', level: 'individual', index: 0 });
    expect(levelNames(snap, 'individual')).toEqual(['Medical referral', 'Psychosocial counselling']);
    snap = commandOf(s, { type: 'line.move', id: 'ind-b', level: 'structural', index: 0 });
    expect(levelNames(snap, 'individual')).toEqual(['Medical referral']);
    expect(levelNames(snap, 'structural')).toEqual(['Psychosocial counselling', 'Training of municipal staff']);
    snap = commandOf(s, { type: 'line.move', id: 'com-a', level: 'support', index: 99 });
    expect(levelNames(snap, 'support')).toEqual(['Programme manager', 'Community project']);
    expect(positionsAreDense(snap)).toBe(true);
    expect(snap.info.undoSummary).toBe('Moved "Community project" to the programme support level, position 2');
    // The label names the moved line, not the first sibling whose position changed.
    expect(snap.info.undoLabel).toEqual({ action: 'line.move', name: 'Community project' });
  });

  it('records nothing for a command that changes nothing', () => {
    const { s, file } = openSmall();
    const before = sha256(file);
    const snap = commandOf(s, { type: 'line.update', id: 'ind-a', patch: { unitCost: 150000 } });
    commandOf(s, { type: 'line.move', id: 'ind-a', level: 'individual', index: 0 });
    commandOf(s, { type: 'programme.update', patch: { title: 'Test programme' } });
    expect(snap.info.revision).toBe(0);
    expect(snap.info.canUndo).toBe(false);
    expect(sha256(file)).toBe(before);
  });
});

describe('undo and redo', () => {
  const cases: { name: string; command: Command }[] = [
    {
      name: 'programme.update',
      command: { type: 'programme.update', patch: { title: 'Renamed', durationMonths: 48 } },
    },
    {
      name: 'line.add',
      command: { type: 'line.add', id: newId(), level: 'structural', afterId: null, fields: fields() },
    },
    {
      name: 'line.add after',
      command: { type: 'line.add', id: newId(), level: 'individual', afterId: 'ind-a', fields: fields() },
    },
    {
      name: 'line.update',
      command: {
        type: 'line.update',
        id: 'ind-b',
        patch: { name: 'Counselling', driver: { kind: 'fixed', quantity: '3', schedule: 'once', start: 2, end: 2 } },
      },
    },
    { name: 'line.duplicate', command: { type: 'line.duplicate', id: 'ind-b', newId: newId() } },
    { name: 'line.delete', command: { type: 'line.delete', id: 'ind-a' } },
    { name: 'line.move within a level', command: { type: 'line.move', id: 'ind-c', level: 'individual', index: 0 } },
    { name: 'line.move across levels', command: { type: 'line.move', id: 'ind-a', level: 'community', index: 1 } },
  ];

  for (const c of cases) {
    it(`round-trips ${c.name}: undo restores the exact model, redo the exact changed one`, () => {
      const { s, file } = openSmall();
      const before = s.snapshot();
      const after = commandOf(s, c.command);
      expect(modelText(after.model)).not.toBe(modelText(before.model));

      const undone = undoOf(s);
      expect(modelText(undone.model)).toBe(modelText(before.model));
      expect(undone.info).toMatchObject({ canUndo: false, canRedo: true, revision: 2 });
      expect(undone.info.redoSummary).toBe(after.info.undoSummary);

      const redone = redoOf(s);
      expect(modelText(redone.model)).toBe(modelText(after.model));
      expect(redone.info).toMatchObject({ canUndo: true, canRedo: false, revision: 3 });

      // And the file agrees with memory after each step.
      undoOf(s);
      s.close();
      const check = service();
      expect(modelText(check.open(file).model)).toBe(modelText(before.model));
      const log = check.changeLog().map((e) => e.summary);
      expect(log[0]).toMatch(/^Undid: /);
      expect(log[1]).toMatch(/^Redid: /);
      expect(log[2]).toMatch(/^Undid: /);
    });
  }

  it('undoes a long mixed sequence back to the start, and redoes it to the end', () => {
    const { s } = openSmall();
    const start = s.snapshot();
    commandOf(s, { type: 'line.add', id: newId(), level: 'support', fields: fields({ name: 'M&E officer' }) });
    commandOf(s, { type: 'line.duplicate', id: 'com-a', newId: newId() });
    commandOf(s, { type: 'line.move', id: 'ind-a', level: 'structural', index: 0 });
    commandOf(s, { type: 'line.delete', id: 'com-b' });
    commandOf(s, { type: 'programme.update', patch: { indirectRate: '0.07', contingencyRate: '0.05' } });
    const end = commandOf(s, { type: 'line.update', id: 'str-a', patch: { unitCost: 1 } });
    let snap = end;
    while (snap.info.canUndo) snap = undoOf(s);
    expect(modelText(snap.model)).toBe(modelText(start.model));
    while (snap.info.canRedo) snap = redoOf(s);
    expect(modelText(snap.model)).toBe(modelText(end.model));
  });

  it('a new command clears redo', () => {
    const { s } = openSmall();
    commandOf(s, { type: 'line.delete', id: 'ind-a' });
    expect(undoOf(s).info.canRedo).toBe(true);
    const snap = commandOf(s, { type: 'line.delete', id: 'ind-b' });
    expect(snap.info.canRedo).toBe(false);
    expect(failure(() => redoOf(s)).message).toBe('There is nothing to redo.');
  });
});

/** `b.command` is refused with that field code and sentence, and neither the file nor the model moves. */
function expectRefused(
  s: DocumentService,
  file: string,
  b: { command: Command; field: string; code: string; message: RegExp },
): void {
  const bytes = sha256(file);
  const before = s.snapshot();
  const err = failure(() => commandOf(s, b.command));
  expect(err.code).toBe('validation');
  expect(err.fields).toMatchObject({ [b.field]: b.code });
  expect(err.message).toMatch(b.message);
  expect(sha256(file)).toBe(bytes);
  expect(modelText(s.snapshot().model)).toBe(modelText(before.model));
}

describe('validation: a refused command saves nothing', () => {
  const bad: { name: string; command: Command; field: string; code: string; message: RegExp }[] = [
    {
      name: 'a negative unit cost',
      command: { type: 'line.update', id: 'ind-a', patch: { unitCost: -5 } },
      field: 'unitCost',
      code: 'number.negative',
      message: /^The unit cost cannot be negative\. Nothing was saved\.$/,
    },
    {
      name: 'a quantity like "12,5,0"',
      command: {
        type: 'line.update',
        id: 'ind-a',
        patch: { driver: { kind: 'fixed', quantity: '12,5,0', schedule: 'once', start: 1, end: 1 } },
      },
      field: 'driver.quantity',
      code: 'number.invalid',
      message: /^The quantity is not a valid number/,
    },
    {
      name: 'a window outside the programme',
      command: {
        type: 'line.add',
        id: newId(),
        level: 'individual',
        fields: fields({ driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 3, end: 40 } }),
      },
      field: 'driver.end',
      code: 'window.outside',
      message: /^The last month falls outside the programme, which runs from month 1 to month 36\./,
    },
    {
      name: 'an end before the start',
      command: {
        type: 'line.update',
        id: 'ind-a',
        patch: { driver: { kind: 'fixed', quantity: '1', schedule: 'spread', start: 10, end: 4 } },
      },
      field: 'driver.end',
      code: 'window.endBeforeStart',
      message: /^The last month cannot be before the first month\./,
    },
    {
      name: 'an empty name',
      command: { type: 'line.update', id: 'ind-a', patch: { name: '   ' } },
      field: 'name',
      code: 'text.required',
      message: /^The name cannot be empty\./,
    },
    {
      name: 'a rate above 100 %',
      command: { type: 'programme.update', patch: { indirectRate: '1.5' } },
      field: 'indirectRate',
      code: 'share.range',
      message: /^The indirect cost rate must be between 0 % and 100 %\./,
    },
    {
      name: 'a bad currency',
      command: { type: 'programme.update', patch: { reportingCurrency: 'euro' } },
      field: 'reportingCurrency',
      code: 'currency.invalid',
      message: /three-letter ISO currency code/,
    },
  ];

  for (const b of bad) {
    it(`refuses ${b.name} with a field code and a clear sentence`, () => {
      const { s, file } = openSmall();
      expectRefused(s, file, b);
      const after = s.snapshot();
      expect(after.info.revision).toBe(0);
      expect(after.info.canUndo).toBe(false);
    });
  }

  it('refuses to shorten the programme past some lines, naming them; lines that ran to the end follow it', () => {
    const { s, file } = openSmall();
    const bytes = sha256(file);
    const err = failure(() => commandOf(s, { type: 'programme.update', patch: { durationMonths: 20 } }));
    expect(err.code).toBe('validation');
    expect(err.fields).toEqual({ durationMonths: 'duration.linesOutside' });
    // ind-a, ind-c, com-b, str-a run to month 24; ind-b to 30; sup-a ran to the end (36): it follows.
    expect(err.message).toBe(
      'The programme cannot be shortened to 20 months: 5 budget lines run past month 20 ("Reintegration package", "Psychosocial counselling", "Medical referral" and 2 more). Shorten or move those lines first. Nothing was saved.',
    );
    expect(sha256(file)).toBe(bytes);
    // To 30 months: ind-b fits (it ends at 30); the four ending at 24 fit; sup-a follows the end.
    const snap = commandOf(s, { type: 'programme.update', patch: { durationMonths: 30 } });
    expect(snap.model.programme.durationMonths).toBe(30);
    expect(snap.model.lines.find((l) => l.id === 'sup-a')?.driver.end).toBe(30);
    expect(snap.info.undoSummary).toBe('Edited programme settings: duration (1 line follows the new end)');
  });

  it('shortens with the lines clipped to the new end in one step, which one undo restores', () => {
    const { s } = openSmall();
    const before = s.snapshot().model;
    const snap = commandOf(s, { type: 'programme.update', patch: { durationMonths: 20 }, clip: true });
    expect(snap.model.programme.durationMonths).toBe(20);
    for (const l of snap.model.lines) expect(l.driver.end).toBeLessThanOrEqual(20);
    expect(snap.model.lines.find((l) => l.id === 'ind-b')?.driver.end).toBe(20);
    expect(snap.info.undoSummary).toBe(
      'Edited programme settings: duration (1 line follows the new end; 5 lines clipped to month 20)',
    );
    const undone = undoOf(s);
    expect(undone.model).toEqual(before);
    // Longer again: the line that followed the end to 20 now follows it to 48; the others stay.
    const grown = commandOf(s, { type: 'programme.update', patch: { durationMonths: 48 } });
    expect(grown.model.lines.find((l) => l.id === 'sup-a')?.driver.end).toBe(48);
    expect(grown.model.lines.find((l) => l.id === 'ind-b')?.driver.end).toBe(30);
  });

  it('refuses a funding split over 100 % where it is entered; a split under 100 % is saved', () => {
    const { s, file } = openSmall();
    const gov = newId();
    commandOf(s, {
      type: 'funder.add',
      id: gov,
      fields: { name: 'Ministry', type: 'government', status: 'confirmed', ceiling: null, conditionalOnMatch: false },
    });
    const bytes = sha256(file);
    const over = [
      { funderId: 'main-donor', share: '0.7' },
      { funderId: gov, share: '0.5' },
    ];
    const err = failure(() => commandOf(s, { type: 'line.update', id: 'ind-a', patch: { funding: over } }));
    expect(err.code).toBe('validation');
    expect(err.fields).toEqual({ 'patch.funding': 'funding.over' });
    expect(err.message).toMatch(/more than 100 %.*Nothing was saved\.$/);
    expect(sha256(file)).toBe(bytes);
    const added = failure(() =>
      commandOf(s, {
        type: 'line.add',
        id: newId(),
        level: 'individual',
        fields: { ...defaultLineFields('individual', 36, 'Over'), funding: over },
      }),
    );
    expect(added.fields).toEqual({ 'fields.funding': 'funding.over' });
    const under = [
      { funderId: 'main-donor', share: '0.5' },
      { funderId: gov, share: '0.3' },
    ];
    const snap = commandOf(s, { type: 'line.update', id: 'ind-a', patch: { funding: under } });
    expect(snap.model.lines.find((l) => l.id === 'ind-a')?.funding).toEqual(under);
  });

  it('refuses an unknown line with notFound, and a line from another level as "after"', () => {
    const { s } = openSmall();
    expect(failure(() => commandOf(s, { type: 'line.delete', id: 'nope' })).code).toBe('notFound');
    const err = failure(() =>
      commandOf(s, { type: 'line.add', id: newId(), level: 'community', afterId: 'ind-a', fields: fields() }),
    );
    expect(err.fields).toEqual({ afterId: 'line.otherLevel' });
  });
});

describe('read-only, save as, close', () => {
  it('a read-only document refuses commands, undo and redo with readOnly', () => {
    const dir = tempDir();
    const file = path.join(dir, 'Review.rcs');
    writeModelToFile(file, smallModel());
    const bytes = sha256(file);
    const s = service();
    const snap = s.open(file, { readOnly: true });
    expect(snap.info).toMatchObject({ readOnly: true, readOnlyReason: 'requested', canUndo: false });
    const err = failure(() => commandOf(s, { type: 'line.delete', id: 'ind-a' }));
    expect(err.code).toBe('readOnly');
    expect(err.message).toMatch(/read-only, as requested/);
    expect(failure(() => undoOf(s)).code).toBe('readOnly');
    expect(failure(() => redoOf(s)).code).toBe('readOnly');
    s.close();
    expect(sha256(file)).toBe(bytes);
    expect(listDir(dir)).toEqual(['Review.rcs']);
  });

  it('save as copies the file and continues in the copy, moving the lock', () => {
    const { s, file, dir } = openSmall();
    commandOf(s, { type: 'line.delete', id: 'com-b' });
    const originalBytes = sha256(file);
    const copy = path.join(dir, 'Copy.rcs');
    const snap = s.saveAs(copy);
    expect(snap.info.path).toBe(copy);
    expect(snap.info.name).toBe('Copy.rcs');
    expect(snap.info.canUndo).toBe(true);
    expect(listDir(dir)).toEqual(['.~lock.Copy.rcs#', 'Budget.rcs', 'Copy.rcs']);

    commandOf(s, { type: 'line.delete', id: 'com-a' });
    expect(sha256(file)).toBe(originalBytes); // the original no longer changes
    // Undo in the copy still works with the history from before the copy.
    undoOf(s);
    const back = undoOf(s);
    expect(back.model.lines.map((l) => l.id)).toContain('com-b');
    s.close();
    expect(listDir(dir)).toEqual(['Budget.rcs', 'Copy.rcs']);

    const check = service();
    const reopened = check.open(copy);
    expect(modelText(reopened.model)).toBe(modelText(back.model));
    expect(check.changeLog().length).toBeGreaterThan(3); // the change log came along
  });

  it('save as refuses an existing file name', () => {
    const { s, file, dir } = openSmall();
    const other = path.join(dir, 'Other.rcs');
    fs.writeFileSync(other, 'keep me');
    expect(failure(() => s.saveAs(other)).code).toBe('exists');
    expect(failure(() => s.saveAs(file)).code).toBe('exists');
    expect(fs.readFileSync(other, 'utf8')).toBe('keep me');
  });

  it('save as from a read-only document gives an editable copy', () => {
    const dir = tempDir();
    const file = path.join(dir, 'Review.rcs');
    writeModelToFile(file, smallModel());
    const bytes = sha256(file);
    const s = service();
    s.open(file, { readOnly: true });
    const snap = s.saveAs(path.join(dir, 'Mine.rcs'));
    expect(snap.info.readOnly).toBe(false);
    commandOf(s, { type: 'line.delete', id: 'ind-a' });
    expect(sha256(file)).toBe(bytes);
  });

  it('calls without an open document give noDocument', () => {
    const s = service();
    expect(s.current()).toBeNull();
    expect(failure(() => s.snapshot()).code).toBe('noDocument');
    expect(failure(() => commandOf(s, { type: 'line.delete', id: 'a' })).code).toBe('noDocument');
  });

  it('opening a second file closes the first and releases its lock', () => {
    const { s, dir } = openSmall();
    const second = path.join(dir, 'Second.rcs');
    writeModelToFile(second, smallModel());
    s.open(second);
    expect(listDir(dir)).toEqual(['.~lock.Second.rcs#', 'Budget.rcs', 'Second.rcs']);
  });
});

describe('partners and synergies: a refused command saves nothing', () => {
  const partnerId = newId();
  const synergyOf = (over: Record<string, unknown>): Command =>
    ({
      type: 'synergy.add',
      id: newId(),
      fields: { ...defaultSynergyFields('referral', partnerId, 'Referral', 36), lineIds: ['ind-a'], ...over },
    }) as Command;
  const bad: { name: string; command: Command; field: string; code: string; message: RegExp }[] = [
    {
      name: 'a share above 100 %',
      command: synergyOf({ effect: { ...defaultEffect('referral'), share: '1.5' } }),
      field: 'effect.share',
      code: 'share.range',
      message: /^The share must be between 0 % and 100 %\./,
    },
    {
      name: 'a ratio with an empty part',
      command: synergyOf({ effect: { ...defaultEffect('matching'), partnerPart: '' } }),
      field: 'effect.partnerPart',
      code: 'number.invalid',
      message: /^The partner's part of the ratio is not a valid number/,
    },
    {
      name: 'months running backwards',
      command: synergyOf({ firstMonth: 12, lastMonth: 3 }),
      field: 'lastMonth',
      code: 'window.endBeforeStart',
      message: /^The last month cannot be before the first month\./,
    },
    {
      name: 'a line that does not exist',
      command: synergyOf({ lineIds: ['nope'] }),
      field: 'lineIds.0',
      code: 'line.notFound',
      message: /^A target line is not a budget line of this programme/,
    },
    {
      name: 'a partner that does not exist',
      command: synergyOf({ partnerId: 'gone' }),
      field: 'partnerId',
      code: 'partner.notFound',
      message: /^The partner programme is not a partner programme of this programme/,
    },
    {
      name: 'a partner programme whose dates run backwards',
      command: {
        type: 'partner.update',
        id: partnerId,
        patch: { startMonth: '2028-01', endMonth: '2027-01' },
      },
      field: 'endMonth',
      code: 'window.endBeforeStart',
      message: /^The last month cannot be before the first month\./,
    },
  ];

  for (const b of bad) {
    it(`refuses ${b.name} with a field code and a clear sentence`, () => {
      const { s, file } = openSmall();
      commandOf(s, {
        type: 'partner.add',
        id: partnerId,
        fields: defaultPartnerFields('Jobs', '2026-01', '2028-12'),
      });
      expectRefused(s, file, b);
    });
  }

  it('refuses to delete a partner that synergies belong to, and deleting a targeted line detaches it in one step', () => {
    const { s } = openSmall();
    commandOf(s, { type: 'partner.add', id: partnerId, fields: defaultPartnerFields('Jobs', '2026-01', '2028-12') });
    commandOf(s, synergyOf({}));
    const err = failure(() => commandOf(s, { type: 'partner.delete', id: partnerId }));
    expect(err.fields).toEqual({ id: 'partner.inUse' });
    expect(err.message).toMatch(/synerg/);
    commandOf(s, { type: 'line.delete', id: 'ind-a' });
    expect(s.snapshot().model.synergies[0]?.lineIds).toEqual([]);
    s.undo();
    expect(s.snapshot().model.synergies[0]?.lineIds).toEqual(['ind-a']);
  });
});

describe('scenarios in the file (issue 10)', () => {
  it('a scenario and its overrides are saved at once, undoable, named in the undo button; the baseline rows are untouched', () => {
    const { s, file } = openSmall();
    const before = s.current()!.model.lines;
    commandOf(s, {
      type: 'scenario.add',
      id: 'sc-1',
      fields: { name: 'Dearer packages', description: 'Prices +10 %.' },
    });
    const snap = commandOf(s, {
      type: 'scenario.edit',
      scenario: 'sc-1',
      command: { type: 'line.update', id: 'ind-a', patch: { unitCost: 175050 } },
    });
    expect(snap.model.lines).toEqual(before);
    expect(snap.model.scenarios[0]?.overlay).toEqual({ lines: { 'ind-a': { unitCost: 175050 } } });
    expect(snap.info.undoLabel).toEqual({ action: 'scenario.edit', name: 'Dearer packages' });
    expect(snap.info.undoSummary).toBe('In the scenario "Dearer packages": Edited "Reintegration package": unit cost');
    // A name already used is refused beside the field, and nothing is written.
    const refused = failure(() =>
      s.command({ type: 'scenario.add', id: 'sc-2', fields: { name: 'dearer packages', description: '' } }),
    );
    expect(refused.fields).toEqual({ name: 'scenario.nameTaken' });
    s.close();

    const again = service();
    const reopened = again.open(file);
    expect(reopened.model.scenarios).toEqual(snap.model.scenarios);
    // Undo in a new session is not possible, but a revert is: the scenario is empty again.
    const back = commandOf(again, { type: 'scenario.revert', scenario: 'sc-1', kind: 'line', id: 'ind-a' });
    expect(back.model.scenarios[0]?.overlay).toEqual({});
    const undone = undoOf(again);
    expect(undone.model.scenarios[0]?.overlay).toEqual({ lines: { 'ind-a': { unitCost: 175050 } } });
  });

  it('a file whose overlay is not one refuses to open as damaged, and is left untouched', () => {
    const { s, file } = openSmall();
    commandOf(s, { type: 'scenario.add', id: 'sc-1', fields: { name: 'A', description: '' } });
    s.close();
    const db = new Database(file);
    db.prepare(`UPDATE scenario SET overlay = '{"lines":{"ind-a":{"unitCost":-5}}}'`).run();
    db.close();
    const hash = sha256(file);
    const e = failure(() => service().open(file));
    expect(e.code).toBe('damaged');
    expect(sha256(file)).toBe(hash);
  });
});
