/**
 * Issue 13, items 4 and 5: a value outside its column's domain, or a table whose columns are not
 * those of the version the file claims, makes the file refused as damaged, naming the row or the
 * column, before anything is written; a value is never read as another one.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../src-shared/api';
import { compute } from '../../src-shared/engine';
import { failure, listDir, service, sha256, tempDir } from './helpers';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures');

/** A copy of a fixture (current version unless said), changed by `edit` with its CHECKs off. */
function edited(edit: (db: Database.Database) => void, fixture = 'schema-v6.rcs'): string {
  const dir = tempDir();
  const file = path.join(dir, 'Edited.rcs');
  fs.copyFileSync(path.join(fixtures, fixture), file);
  const db = new Database(file);
  db.pragma('ignore_check_constraints = ON');
  db.pragma('foreign_keys = OFF');
  edit(db);
  db.close();
  return file;
}

/** Opening `file` (writable, then read-only) is refused as damaged with `detail`; nothing changes. */
function expectDamaged(file: string, detail: RegExp): void {
  const dir = path.dirname(file);
  const hash = sha256(file);
  const entries = listDir(dir);
  for (const readOnly of [false, true]) {
    const f = failure(() => service().open(file, { readOnly }));
    expect(f.code, f.message).toBe('damaged');
    expect(f.message).toMatch(detail);
    expect(f.message).toContain('It was left exactly as it was');
  }
  expect(sha256(file)).toBe(hash);
  expect(listDir(dir)).toEqual(entries);
}

describe('a value outside its column’s domain (item 4)', () => {
  it('a stored boolean 2 is refused, naming the line and the field (it was read as false)', () => {
    const file = edited((db) =>
      db.prepare(`UPDATE budget_line SET eligible_indirect = 2 WHERE id = 'v2-com-dialogue'`).run(),
    );
    expectDamaged(file, /line v2-com-dialogue eligibleIndirect: 2 is not 0 or 1/);
  });

  it('a stored boolean -1 in a funding source is refused the same way', () => {
    const file = edited((db) => db.prepare(`UPDATE funder SET conditional_on_match = -1 WHERE id = 'v2-fu-gov'`).run());
    expectDamaged(file, /funder v2-fu-gov conditionalOnMatch: -1 is not 0 or 1/);
  });

  it('an enum value this version does not know is refused, naming the row', () => {
    const file = edited((db) => db.prepare(`UPDATE funder SET status = 'maybe' WHERE id = 'v2-fu-gov'`).run());
    expectDamaged(file, /funder v2-fu-gov: status/);
  });

  it('a negative position is refused (the CHECK does not hold in a hand-edited file)', () => {
    const file = edited((db) => db.prepare(`UPDATE profile SET position = -3`).run());
    expectDamaged(file, /profile [\w-]+: position/);
  });

  it('an integer too large to be read exactly is refused, not rounded', () => {
    const file = edited((db) => db.prepare(`UPDATE partner SET position = 9007199254740993`).run());
    expectDamaged(file, /partner [\w-]+ position: 9007199254740992 is too large to be read exactly/);
  });

  it('a name with spaces around it is refused (it was read trimmed, and the next edit wrote it so)', () => {
    const file = edited((db) =>
      db.prepare(`UPDATE budget_line SET name = '  Dialogue  ' WHERE id = 'v2-com-dialogue'`).run(),
    );
    expectDamaged(file, /line v2-com-dialogue name: " {2}Dialogue {2}" is not stored as this version writes it/);
  });

  it('a JSON value with a key this version does not know is refused (it was dropped silently)', () => {
    const file = edited((db) =>
      db.prepare(`UPDATE budget_line SET driver = json_set(driver, '$.extra', 1) WHERE id = 'v2-com-dialogue'`).run(),
    );
    expectDamaged(file, /line v2-com-dialogue driver: .* is not stored as this version writes it/);
  });

  it('a month outside the programme’s range in a JSON column is refused', () => {
    const file = edited((db) =>
      db.prepare(`UPDATE budget_line SET driver = json_set(driver, '$.start', 0) WHERE id = 'v2-com-dialogue'`).run(),
    );
    expectDamaged(file, /line v2-com-dialogue: driver.start/);
  });

  it('a synergy naming a partner that does not exist is refused (the engine would skip it silently)', () => {
    const file = edited((db) => db.prepare(`UPDATE synergy SET partner_id = 'gone' WHERE rowid = 1`).run());
    expectDamaged(file, /synergy [\w-]+ partnerId: no partner "gone"/);
  });

  it('a range whose factor is not a number is refused (the order check threw an internal error)', () => {
    const file = edited((db) => db.prepare(`UPDATE parameter_range SET low = ''`).run());
    expectDamaged(file, /contains values this version cannot read \(range [\w:-]+: /);
  });

  it('a line naming a currency the programme does not define is read as stored and flagged by the engine', () => {
    const file = edited((db) =>
      db.prepare(`UPDATE budget_line SET currency = 'JPY' WHERE id = 'v2-com-dialogue'`).run(),
    );
    const model = service().open(file, { readOnly: true }).model;
    expect(model.lines.find((l) => l.id === 'v2-com-dialogue')?.currency).toBe('JPY');
    expect(compute(model).diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'currency.unknown', lineId: 'v2-com-dialogue' }),
    );
  });

  it('a second programme row is refused', () => {
    const file = edited((db) => db.exec(`INSERT INTO programme SELECT 2, ${programmeColumns(db)} FROM programme`));
    expectDamaged(file, /programme: 2 rows where there is one/);
  });

  it('an out-of-domain value in an older file is refused, and the file is restored (no backup left)', () => {
    const file = edited((db) => db.prepare(`UPDATE partner SET position = -1`).run(), 'schema-v5.rcs');
    expectDamaged(file, /partner [\w-]+: position/);
  });

  it('an older file holding such a value is refused before any backup or write (it was migrated, then restored)', () => {
    const file = edited((db) => db.prepare(`UPDATE partner SET position = -1`).run(), 'schema-v5.rcs');
    const past = new Date('2026-01-02T03:04:05Z');
    fs.utimesSync(file, past, past);
    const f = failure(() => service().open(file));
    expect(f.message).toMatch(/partner [\w-]+: position/);
    expect(fs.statSync(file).mtime).toEqual(past);
  });

  it('a change log row out of its domain: the programme opens, its history is refused as damaged', () => {
    const file = edited((db) => db.prepare(`UPDATE change_log SET omitted = -4 WHERE id = 2`).run());
    const hash = sha256(file);
    const s = service();
    s.open(file);
    const f = failure(() => s.changeLog());
    expect(f).toBeInstanceOf(ApiFailure);
    expect(f.code).toBe('damaged');
    expect(f.message).toMatch(/change log row 2: omitted/);
    expect(f.message).toMatch(/nothing was changed/);
    s.close();
    expect(sha256(file)).toBe(hash);
  });

  it('a change log field change with a shape this version does not know is refused', () => {
    const file = edited((db) => db.prepare(`UPDATE change_log SET fields = '[{"table":1}]' WHERE id = 3`).run());
    const s = service();
    s.open(file);
    expect(failure(() => s.changeLog()).message).toMatch(/change log row 3: fields\.0/);
  });
});

/** Every column of the programme table but its id, as a SELECT list. */
function programmeColumns(db: Database.Database): string {
  const cols = db.prepare(`SELECT name FROM pragma_table_info('programme') WHERE name <> 'id'`).all() as {
    name: string;
  }[];
  return cols.map((c) => c.name).join(', ');
}

describe('tables and columns of the version the file claims (item 5)', () => {
  it('a dropped column is refused as damaged, naming it (it gave an internal error)', () => {
    const file = edited((db) => db.exec(`ALTER TABLE budget_line DROP COLUMN justification`));
    expectDamaged(file, /column budget_line\.justification is missing/);
  });

  it('a renamed column is refused as damaged, naming the one missing', () => {
    const file = edited((db) => db.exec(`ALTER TABLE funder RENAME COLUMN ceiling TO cap`));
    expectDamaged(file, /column funder\.ceiling is missing/);
  });

  it('an older file with a dropped column is refused before any backup or migration', () => {
    const file = edited((db) => db.exec(`ALTER TABLE partner DROP COLUMN notes`), 'schema-v4.rcs');
    expectDamaged(file, /its tables do not match file format 4.*column partner\.notes is missing/);
  });

  it('a column of another type is refused', () => {
    const file = edited((db) =>
      db.exec(`
        CREATE TABLE parameter_range2 (id TEXT PRIMARY KEY, low TEXT NOT NULL, likely TEXT NOT NULL, high ANY NOT NULL) STRICT;
        INSERT INTO parameter_range2 SELECT * FROM parameter_range;
        DROP TABLE parameter_range;
        ALTER TABLE parameter_range2 RENAME TO parameter_range;
      `),
    );
    expectDamaged(file, /column parameter_range\.high is ANY, not TEXT/);
  });

  it('a column that version does not have is refused (a later file whose user_version was lowered)', () => {
    const file = edited((db) => db.exec(`ALTER TABLE scenario ADD COLUMN colour TEXT NOT NULL DEFAULT 'x'`));
    expectDamaged(file, /column scenario\.colour is not one of file format 6/);
    const lowered = edited((db) => db.pragma('user_version = 5'));
    expectDamaged(
      lowered,
      /its tables do not match file format 5.*column programme\.indirect_base is not one of file format 5/,
    );
  });

  it('a table definition overwritten where only a writable connection reads it is damaged, not an internal error', () => {
    const file = edited((db) => {
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.prepare(
        `UPDATE sqlite_schema SET sql = replace(sql, 'position >= 0', 'positien >= 0') WHERE name = 'profile'`,
      ).run();
    });
    const f = failure(() => service().open(file));
    expect(f.code).toBe('damaged');
    expect(f.message).toMatch(/is damaged/);
    expect(service().open(file, { readOnly: true }).info.readOnly).toBe(true);
  });

  it('a missing table is named', () => {
    const file = edited((db) => db.exec(`DROP TABLE parameter_range`));
    expectDamaged(file, /table parameter_range is missing/);
  });
});
