/**
 * Schema migrations under `PRAGMA user_version`.
 *
 * RULES
 * - MIGRATIONS is an ordered list; entry i takes a file from version i to version i + 1.
 * - Each migration runs in its own transaction together with the `user_version` bump, so a file
 *   is always at exactly one version.
 * - Never edit a migration once it has been released: files in the wild were written by it. Add a
 *   new one instead, plus a fixture file under tests/fixtures/ for the schema it leaves behind.
 * - A migration is plain SQL + synchronous code. It must not read the clock or the network.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** The version the file has after this migration. */
  readonly version: number;
  readonly description: string;
  /** Tables that must exist in a file at this version (checked on open before anything else). */
  readonly tables: readonly string[];
  readonly up: (db: Database) => void;
}

/** v1: the model of issue 2 — programme (one row), budget lines with the fixed driver, change log. */
const v1: Migration = {
  version: 1,
  description: 'programme, budget lines (fixed driver), change log',
  tables: ['programme', 'budget_line', 'change_log'],
  up(db) {
    db.exec(`
      CREATE TABLE programme (
        id                INTEGER PRIMARY KEY CHECK (id = 1),
        title             TEXT    NOT NULL,
        reporting_currency TEXT   NOT NULL,
        start_month       TEXT    NOT NULL,
        duration_months   INTEGER NOT NULL,
        indirect_rate     TEXT    NOT NULL,
        contingency_rate  TEXT    NOT NULL,
        author            TEXT    NOT NULL,
        notes             TEXT    NOT NULL,
        donor_profile     TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE budget_line (
        id                   TEXT    PRIMARY KEY,
        level                TEXT    NOT NULL CHECK (level IN ('individual', 'community', 'structural', 'support')),
        position             INTEGER NOT NULL CHECK (position >= 0),
        name                 TEXT    NOT NULL,
        category             TEXT    NOT NULL,
        dimension            TEXT    NOT NULL,
        modality             TEXT    NOT NULL,
        unit_label           TEXT    NOT NULL,
        unit_cost            INTEGER NOT NULL,
        quantity             TEXT    NOT NULL,
        schedule             TEXT    NOT NULL,
        start_month          INTEGER NOT NULL,
        end_month            INTEGER NOT NULL,
        justification        TEXT    NOT NULL,
        eligible_indirect    INTEGER NOT NULL CHECK (eligible_indirect IN (0, 1)),
        eligible_contingency INTEGER NOT NULL CHECK (eligible_contingency IN (0, 1))
      ) STRICT;
      CREATE INDEX budget_line_level_position ON budget_line (level, position);

      CREATE TABLE change_log (
        id      INTEGER PRIMARY KEY,
        at      TEXT NOT NULL,
        author  TEXT NOT NULL,
        summary TEXT NOT NULL
      ) STRICT;
    `);
  },
};

export const MIGRATIONS: readonly Migration[] = [v1];

/** The schema version this build of the app writes. */
export const CURRENT_SCHEMA_VERSION = MIGRATIONS.length;

export function readUserVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Tables a file at `version` must have, or null when the version is unknown to `migrations`. */
export function tablesAtVersion(version: number, migrations: readonly Migration[] = MIGRATIONS): string[] | null {
  if (version < 1 || version > migrations.length) return null;
  const tables = new Set<string>();
  for (const m of migrations.slice(0, version)) for (const t of m.tables) tables.add(t);
  return [...tables];
}

/**
 * Brings `db` from its current user_version up to the last of `migrations`, one transaction per
 * step. Returns the version it started from. Throws (leaving the file at the last completed
 * step) if a migration fails; callers that must not leave a half-migrated file restore a backup.
 */
export function runMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  checkMigrationList(migrations);
  const from = readUserVersion(db);
  if (from > migrations.length) throw new RangeError(`file version ${from} is newer than ${migrations.length}`);
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return from;
}

function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at index ${i} (version ${m.version})`);
  });
}
