/**
 * Each kind of bad file gives its error code and a sentence a person can act on, and is left
 * byte-for-byte untouched, with nothing created beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../src-shared/api';
import { APPLICATION_ID, CURRENT_SCHEMA_VERSION } from '../../src-main/db';
import { writeModelToFile } from '../../src-main/documents';
import { bigModel, failure, listDir, modelText, service, sha256, smallModel, tempDir } from './helpers';

function goodFile(dir: string, name = 'Good.rcs', lines = 300): string {
  const file = path.join(dir, name);
  writeModelToFile(file, lines > 7 ? bigModel(lines) : smallModel());
  return file;
}

/** Opens `file` (writable and read-only) and returns the refusal; checks the file is untouched. */
function expectRefused(file: string, code: string, message: RegExp): void {
  const dir = path.dirname(file);
  const hash = sha256(file);
  const entries = listDir(dir);
  for (const readOnly of [false, true]) {
    let caught: unknown = null;
    try {
      service().open(file, { readOnly });
    } catch (err) {
      caught = err;
    }
    expect(caught, `readOnly=${readOnly}`).toBeInstanceOf(ApiFailure);
    const f = caught as ApiFailure;
    expect(f.code, f.message).toBe(code);
    expect(f.message).toMatch(message);
    expect(f.message).toContain(`"${path.basename(file)}"`);
  }
  expect(sha256(file)).toBe(hash);
  expect(listDir(dir)).toEqual(entries);
}

describe('files that are not ours', () => {
  it('a text file renamed .rcs', () => {
    const file = path.join(tempDir(), 'Notes.rcs');
    fs.writeFileSync(file, 'Budget notes\nline 1: 1000 EUR\n'.repeat(50));
    expectRefused(file, 'notOurs', /is not a Reintegration Costing Studio programme file/);
  });

  it('a short binary file (a PNG header)', () => {
    const file = path.join(tempDir(), 'Picture.rcs');
    fs.writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expectRefused(file, 'notOurs', /not a Reintegration Costing Studio programme file/);
  });

  it("another app's SQLite database (application_id 0)", () => {
    const file = path.join(tempDir(), 'Other.rcs');
    const db = new Database(file);
    db.exec(`CREATE TABLE programme (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO programme VALUES (1, 'x');`);
    db.close();
    expectRefused(file, 'notOurs', /is a database made by another program/);
  });

  it("another app's SQLite database with its own application_id", () => {
    const file = path.join(tempDir(), 'Other.rcs');
    const db = new Database(file);
    db.pragma('application_id = 1234567');
    db.pragma('user_version = 1');
    db.exec(`CREATE TABLE t (a TEXT)`);
    db.close();
    expectRefused(file, 'notOurs', /database made by another program/);
  });
});

describe('damaged files', () => {
  it('an empty file', () => {
    const file = path.join(tempDir(), 'Empty.rcs');
    fs.writeFileSync(file, '');
    expectRefused(file, 'damaged', /is empty/);
  });

  it('a truncated copy of a good file (cut at half its pages)', () => {
    const dir = tempDir();
    const good = goodFile(dir);
    const bytes = fs.readFileSync(good);
    const file = path.join(dir, 'Truncated.rcs');
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 4096 / 2) * 4096));
    expectRefused(file, 'damaged', /is damaged \(it looks truncated or partly overwritten\)/);
  });

  it('a truncated copy cut in the middle of a page', () => {
    const dir = tempDir();
    const bytes = fs.readFileSync(goodFile(dir));
    const file = path.join(dir, 'Cut.rcs');
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 1000));
    expectRefused(file, 'damaged', /is damaged/);
  });

  it('a copy cut inside the 100-byte header', () => {
    const dir = tempDir();
    const bytes = fs.readFileSync(goodFile(dir));
    const file = path.join(dir, 'Header.rcs');
    fs.writeFileSync(file, bytes.subarray(0, 60));
    expectRefused(file, 'damaged', /is damaged/);
  });

  it('a good file whose middle page is overwritten with garbage', () => {
    const dir = tempDir();
    const good = goodFile(dir);
    const bytes = Buffer.from(fs.readFileSync(good));
    const pages = bytes.length / 4096;
    expect(pages).toBeGreaterThan(10);
    const page = Math.floor(pages / 2);
    let seed = 42;
    for (let i = page * 4096; i < (page + 1) * 4096; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = seed & 0xff;
    }
    const file = path.join(dir, 'Garbage.rcs');
    fs.writeFileSync(file, bytes);
    expectRefused(file, 'damaged', /is damaged/);
  });

  it('our application_id but no schema (user_version 0)', () => {
    const file = path.join(tempDir(), 'Bare.rcs');
    const db = new Database(file);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec('CREATE TABLE x (a TEXT) STRICT');
    db.close();
    expectRefused(file, 'damaged', /is damaged/);
  });

  it('a row the model does not accept (e.g. edited by another tool)', () => {
    const dir = tempDir();
    const file = goodFile(dir, 'Edited.rcs', 7);
    const db = new Database(file);
    db.prepare(`UPDATE budget_line SET driver = json_set(driver, '$.quantity', '12,5') WHERE id = 'ind-a'`).run();
    db.close();
    expectRefused(file, 'damaged', /contains values this version cannot read/);
  });
});

describe('files from a newer version', () => {
  function newerFile(dir: string, mutate: (db: Database.Database) => void): string {
    const file = goodFile(dir, 'Newer.rcs', 7);
    const db = new Database(file);
    mutate(db);
    db.pragma(`user_version = ${CURRENT_SCHEMA_VERSION + 5}`);
    db.close();
    return file;
  }

  it('opens read-only when its tables are readable, and changes nothing', () => {
    const dir = tempDir();
    const file = newerFile(dir, (db) => db.exec(`CREATE TABLE future_thing (id TEXT PRIMARY KEY) STRICT`));
    const hash = sha256(file);
    const s = service();
    const snap = s.open(file);
    expect(snap.info).toMatchObject({
      readOnly: true,
      readOnlyReason: 'newerVersion',
      schemaVersion: CURRENT_SCHEMA_VERSION + 5,
      canUndo: false,
    });
    expect(modelText(snap.model)).toBe(modelText(smallModel()));
    let refusal: unknown = null;
    try {
      s.command({ type: 'line.delete', id: 'ind-a' });
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(ApiFailure);
    expect((refusal as ApiFailure).code).toBe('readOnly');
    expect((refusal as ApiFailure).message).toMatch(/newer version .* Update the app to edit it/);
    s.close();
    expect(sha256(file)).toBe(hash);
    expect(listDir(dir)).toEqual(['Newer.rcs']);
  });

  it('is refused with newerVersion when its tables cannot be read', () => {
    const dir = tempDir();
    const file = newerFile(dir, (db) => db.exec(`ALTER TABLE budget_line RENAME TO budget_line_v9`));
    expectRefused(file, 'newerVersion', /was saved by a newer version .* Update the app to open it/);
  });
});

describe('an interrupted write (hot journal)', () => {
  it('read-only refuses with advice; a normal open rolls the change back and opens', () => {
    const dir = tempDir();
    const src = goodFile(dir, 'Source.rcs', 300);
    const expected = service().open(src, { readOnly: true }).model;
    const db = new Database(src);
    db.pragma('cache_size = 1');
    db.exec('BEGIN IMMEDIATE');
    db.exec(`UPDATE budget_line SET justification = justification || ' changed'`);
    const copy = path.join(dir, 'Crashed.rcs');
    fs.copyFileSync(src, copy);
    fs.copyFileSync(`${src}-journal`, `${copy}-journal`);
    db.exec('ROLLBACK');
    db.close();

    const refusal = failure(() => service().open(copy, { readOnly: true }));
    expect(refusal.code).toBe('damaged');
    expect(refusal.message).toMatch(/interrupted while a change was being saved/);

    const snap = service().open(copy);
    expect(snap.info.readOnly).toBe(false);
    expect(modelText(snap.model)).toBe(modelText(expected));
    expect(fs.existsSync(`${copy}-journal`)).toBe(false);
  });
});
