/**
 * Migrations: the committed fixture of every released schema opens with the right content, an
 * older file is backed up before it is migrated, and a failed migration leaves the file as it was.
 *
 * The fixture test is written to keep passing when v2 is added: it compares model CONTENT
 * (toMatchObject, so fields added later do not break it) and expects a backup exactly when the
 * fixture's version is older than the app's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../src-shared/api';
import { compute } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';
import { APPLICATION_ID, CURRENT_SCHEMA_VERSION, type Migration, MIGRATIONS, runMigrations } from '../../src-main/db';
import { DocumentService, writeModelToFile } from '../../src-main/documents';
import { listDir, modelText, sha256, smallModel, tempDir } from './helpers';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

const services: DocumentService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.close();
});

function service(migrations?: readonly Migration[]): DocumentService {
  const s = new DocumentService({ author: () => 'Tester', ...(migrations ? { migrations } : {}) });
  services.push(s);
  return s;
}

function copyFixture(name: string): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, 'Old budget.rcs');
  fs.copyFileSync(path.join(fixtures, name), file);
  return { dir, file };
}

const [v1] = MIGRATIONS;
if (!v1) throw new Error('no v1 migration');

/** A test-only v2: adds a table. */
const fakeV2: Migration = {
  version: 2,
  description: 'test: comments table',
  tables: ['comment'],
  up: (db) => db.exec(`CREATE TABLE comment (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT`),
};
const failingV2: Migration = {
  version: 2,
  description: 'test: fails half-way',
  tables: [],
  up: (db) => {
    db.exec(`CREATE TABLE half_done (a TEXT) STRICT`);
    throw new Error('boom');
  },
};
const failingV3: Migration = { ...failingV2, version: 3 };

describe('schema v1 fixture (tests/fixtures/schema-v1.rcs)', () => {
  const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'schema-v1.expected.json'), 'utf8')) as Model;

  it('is a real v1 file of ours', () => {
    const db = new Database(path.join(fixtures, 'schema-v1.rcs'), { readonly: true, fileMustExist: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
  });

  it('opens with the expected content; backed up first exactly when it is older than the app', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const original = sha256(file);
    const s = service();
    const snap = s.open(file);
    expect(snap.info.readOnly).toBe(false);
    expect(snap.info.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(snap.model).toMatchObject(expected);
    expect(snap.model.lines.map((l) => l.id)).toEqual(expected.lines.map((l) => l.id));
    expect(s.changeLog().map((e) => e.summary)).toEqual([
      'Edited "Soutien psychosocial": quantity',
      'Created the programme',
    ]);

    const backup = path.join(dir, 'Old budget.v1-backup.rcs');
    if (CURRENT_SCHEMA_VERSION > 1) {
      expect(snap.info.migratedFrom).toEqual({ version: 1, backupPath: backup });
      expect(sha256(backup)).toBe(original);
    } else {
      expect(snap.info.migratedFrom).toBeNull();
      expect(fs.existsSync(backup)).toBe(false);
      expect(sha256(file)).toBe(original);
    }

    // Edits work after opening, and survive a reopen.
    s.command({ type: 'line.update', id: 'v1-ind-psy', patch: { unitCost: 4000 } });
    s.close();
    const again = service().open(file);
    expect(again.info.migratedFrom).toBeNull();
    expect(again.model.lines.find((l) => l.id === 'v1-ind-psy')?.unitCost).toBe(4000);
  });

  it('computes the same totals as when it was written', () => {
    const { file } = copyFixture('schema-v1.rcs');
    const stored = JSON.parse(fs.readFileSync(path.join(fixtures, 'schema-v1.totals.json'), 'utf8')) as unknown;
    const result = compute(service().open(file).model);
    expect({ totals: result.totals, byLevel: result.byLevel, byYear: result.byYear }).toEqual(stored);
    // By hand: 150000 x 240 + 3550 x 12.5 x 29 + 2500000 x 4 + 620000 x 30 (minor units).
    expect(result.totals.direct).toBe(65_886_875);
    expect(result.totals.contingency).toBe(1_615_000); // 2.5 % of the lines eligible for contingency
  });

  it('opens read-only without writing anything (an older file is migrated in memory only)', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const original = sha256(file);
    const snap = service().open(file, { readOnly: true });
    expect(snap.info).toMatchObject({
      readOnly: true,
      readOnlyReason: 'requested',
      schemaVersion: 1,
      migratedFrom: null,
    });
    expect(snap.model).toMatchObject(expected);
    expect(sha256(file)).toBe(original);
    expect(listDir(dir)).toEqual(['Old budget.rcs']);
  });
});

describe('migrating an older file (with a test-only v2)', () => {
  it('copies the file to a backup beside it, then migrates, and reports migratedFrom once', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const original = sha256(file);
    const before = service().open(file, { readOnly: true }).model;
    services.splice(0).forEach((s) => s.close());

    const s = service([v1, fakeV2]);
    const snap = s.open(file);
    const backup = path.join(dir, 'Old budget.v1-backup.rcs');
    expect(snap.info).toMatchObject({
      schemaVersion: 2,
      migratedFrom: { version: 1, backupPath: backup },
      readOnly: false,
    });
    expect(sha256(backup)).toBe(original);
    expect(modelText(snap.model)).toBe(modelText(before));
    s.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    expect(raw.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'comment'`).get()).toEqual({ n: 1 });
    raw.close();

    // A v2 file opened by the v1 app: newer, read-only, untouched.
    const newer = sha256(file);
    const old = service();
    expect(old.open(file).info).toMatchObject({ readOnly: true, readOnlyReason: 'newerVersion', schemaVersion: 2 });
    old.close();
    expect(sha256(file)).toBe(newer);

    // Reopened by the v2 app: no migration, no new backup.
    expect(service([v1, fakeV2]).open(file).info.migratedFrom).toBeNull();
    expect(listDir(dir)).toEqual(['.~lock.Old budget.rcs#', 'Old budget.rcs', 'Old budget.v1-backup.rcs']);
  });

  it('never overwrites an earlier backup', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    fs.writeFileSync(path.join(dir, 'Old budget.v1-backup.rcs'), 'an earlier backup');
    const snap = service([v1, fakeV2]).open(file);
    expect(snap.info.migratedFrom?.backupPath).toBe(path.join(dir, 'Old budget.v1-backup-2.rcs'));
    expect(fs.readFileSync(path.join(dir, 'Old budget.v1-backup.rcs'), 'utf8')).toBe('an earlier backup');
  });

  it('a failing migration leaves the file exactly as it was, with no backup or lock left over', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const original = sha256(file);
    let caught: unknown;
    try {
      service([v1, failingV2]).open(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ApiFailure);
    expect((caught as ApiFailure).code).toBe('damaged');
    expect((caught as ApiFailure).message).toMatch(/could not be upgraded .* left exactly as it was/);
    expect(sha256(file)).toBe(original);
    expect(listDir(dir)).toEqual(['Old budget.rcs']);
  });

  it('a later step failing after earlier ones committed: the original is restored from the backup', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const original = sha256(file);
    expect(() => service([v1, fakeV2, failingV3]).open(file)).toThrow(ApiFailure);
    expect(sha256(file)).toBe(original);
    expect(listDir(dir)).toEqual(['Old budget.rcs']);
  });

  it('an older file whose rows the model refuses: restored after migration, refused as damaged', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const raw = new Database(file);
    raw.prepare(`UPDATE budget_line SET quantity = '1,5' WHERE id = 'v1-ind-psy'`).run();
    raw.close();
    const original = sha256(file);
    let caught: unknown;
    try {
      service([v1, fakeV2]).open(file);
    } catch (err) {
      caught = err;
    }
    expect((caught as ApiFailure).code).toBe('damaged');
    expect(sha256(file)).toBe(original);
    expect(listDir(dir)).toEqual(['Old budget.rcs']);
  });

  it('read-only open of an older file migrates in memory: nothing written, no backup', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const original = sha256(file);
    const s = service([v1, fakeV2]);
    const snap = s.open(file, { readOnly: true });
    expect(snap.info).toMatchObject({ readOnly: true, schemaVersion: 1, migratedFrom: null });
    // Save as writes a migrated (v2) editable copy.
    const copy = path.join(dir, 'Copy.rcs');
    const saved = s.saveAs(copy);
    expect(saved.info).toMatchObject({ readOnly: false, schemaVersion: 2 });
    s.close();
    expect(sha256(file)).toBe(original);
    expect(listDir(dir)).toEqual(['Copy.rcs', 'Old budget.rcs']);
  });
});

describe('runMigrations', () => {
  it('runs each step in its own transaction and refuses a list out of order', () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.rcs');
    writeModelToFile(file, smallModel());
    const db = new Database(file);
    expect(() => runMigrations(db, [fakeV2])).toThrow(/out of order/);
    expect(runMigrations(db, [v1, fakeV2])).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(() => runMigrations(db, [v1])).toThrow(/newer/);
    db.close();
  });
});
