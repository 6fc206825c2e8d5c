/**
 * Opening .rcs files with better-sqlite3: pragmas, and a read-only inspection that decides
 * whether a file is ours, intact and of a version we can read BEFORE anything writes to it.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { APPLICATION_ID, SQLITE_HEADER_SIZE, SQLITE_MAGIC } from './constants';
import { type Migration, MIGRATIONS, readUserVersion, tablesAtVersion } from './migrations';

export type Db = Database.Database;

let nativeBinding: string | undefined;

/**
 * Desktop only: load better-sqlite3's native addon from a separately built Electron binary, so
 * node_modules keeps the plain-Node build for tests, the CLI and browser mode.
 */
export function setSqliteNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

function baseOptions(): Database.Options {
  return nativeBinding ? { nativeBinding } : {};
}

/** Opens an existing file read-only. Never writes, never creates. */
export function openReadOnly(path: string): Db {
  const db = new Database(path, { ...baseOptions(), readonly: true, fileMustExist: true });
  db.pragma('foreign_keys = ON');
  return db;
}

/** Opens an existing file for writing, with the pragmas every writable connection uses. */
export function openWritable(path: string): Db {
  const db = new Database(path, { ...baseOptions(), fileMustExist: true });
  configureWritable(db);
  return db;
}

/**
 * Creates a NEW database file at `path` (which must not exist): application_id, pragmas, schema.
 * Callers build into a temporary name and move it into place, so a half-built file is never seen.
 */
export function createDatabaseFile(path: string): Db {
  if (fs.existsSync(path)) throw new Error(`refusing to create over an existing file: ${path}`);
  const db = new Database(path, baseOptions());
  try {
    configureWritable(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** An in-memory database holding a copy of `bytes` (used to read an older file without writing it). */
export function openInMemoryCopy(bytes: Buffer): Db {
  const db = new Database(bytes, baseOptions());
  db.pragma('foreign_keys = ON');
  return db;
}

function configureWritable(db: Db): void {
  // journal_mode=DELETE + synchronous=FULL: these are user files that get copied, mailed and
  // synced; a single self-contained file with no -wal/-shm companions is what people expect.
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

export type InspectionFailure =
  | { status: 'missing' }
  | { status: 'unreadable'; detail: string }
  | { status: 'empty' }
  /** Not a SQLite file at all (text, zip, ...). */
  | { status: 'notSqlite' }
  /** A SQLite database with another application_id. */
  | { status: 'foreignSqlite'; applicationId: number }
  /** Ours, but truncated, overwritten or otherwise unreadable. */
  | { status: 'damaged'; detail: string }
  /**
   * Ours and sound for SQLite, but its tables or columns are not those of the version it claims
   * (a table or column dropped or renamed by another tool): what is missing or different.
   */
  | { status: 'wrongSchema'; version: number; problems: string[] }
  /** An interrupted write left a hot journal that only a writable connection can roll back. */
  | { status: 'hotJournal' };

export type Inspection =
  | InspectionFailure
  /** Readable, version known to us (possibly older). `db` is a read-only connection, caller closes it. */
  | { status: 'ok'; version: number; db: Db }
  /** Written by a newer app. `db` is a read-only connection, caller closes it. */
  | { status: 'newer'; version: number; db: Db };

/**
 * Decides, without writing a single byte, what `path` is. Checks in order: the SQLite header
 * (magic, page size, application_id, size against the page count), then SQLite itself
 * (`quick_check`, application_id, user_version, the tables expected at that version).
 */
export function inspectFile(path: string, migrations: readonly Migration[] = MIGRATIONS): Inspection {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (err) {
    if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return { status: 'missing' };
    return { status: 'unreadable', detail: errMessage(err) };
  }
  if (!stat.isFile()) return { status: 'notSqlite' };
  if (stat.size === 0) return { status: 'empty' };

  let header: Buffer;
  try {
    header = readHead(path, SQLITE_HEADER_SIZE);
  } catch (err) {
    return { status: 'unreadable', detail: errMessage(err) };
  }
  const magicLen = Math.min(header.length, SQLITE_MAGIC.length);
  if (!header.subarray(0, magicLen).equals(SQLITE_MAGIC.subarray(0, magicLen))) return { status: 'notSqlite' };
  if (header.length < SQLITE_HEADER_SIZE) return { status: 'damaged', detail: `only ${stat.size} bytes` };

  const applicationId = header.readInt32BE(68);
  if (applicationId !== APPLICATION_ID) return { status: 'foreignSqlite', applicationId };

  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return { status: 'damaged', detail: `bad page size ${rawPageSize}` };
  }
  if (stat.size % pageSize !== 0) return { status: 'damaged', detail: 'size is not a whole number of pages' };
  const changeCounter = header.readUInt32BE(24);
  const pageCount = header.readUInt32BE(28);
  const validFor = header.readUInt32BE(92);
  if (pageCount > 0 && validFor === changeCounter && stat.size < pageCount * pageSize) {
    return { status: 'damaged', detail: `truncated: ${stat.size} of ${pageCount * pageSize} bytes` };
  }

  let db: Db;
  try {
    db = openReadOnly(path);
  } catch (err) {
    return sqliteFailure(err);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      db.close();
      return { status: 'damaged', detail: `quick_check: ${String(check)}` };
    }
    const idFromSqlite = Number(db.pragma('application_id', { simple: true }));
    if (idFromSqlite !== APPLICATION_ID) {
      db.close();
      return { status: 'foreignSqlite', applicationId: idFromSqlite };
    }
    const version = readUserVersion(db);
    const present = new Set(
      (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    if (version > migrations.length) return { status: 'newer', version, db };
    const expected = tablesAtVersion(version, migrations);
    if (!expected) {
      db.close();
      return { status: 'damaged', detail: `no schema version (user_version ${version})` };
    }
    const problems = expected.filter((t) => !present.has(t)).map((t) => `table ${t} is missing`);
    if (problems.length === 0) problems.push(...schemaProblems(db, version, migrations));
    if (problems.length > 0) {
      db.close();
      return { status: 'wrongSchema', version, problems };
    }
    return { status: 'ok', version, db };
  } catch (err) {
    db.close();
    return sqliteFailure(err);
  }
}

/** A column as `PRAGMA table_info` describes it (what the schema check compares). */
interface ColumnInfo {
  name: string;
  /** The declared type (INTEGER, TEXT, ANY...). */
  type: string;
}

function columnsOf(db: Db, table: string): ColumnInfo[] {
  return db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as ColumnInfo[];
}

/** table -> its columns, of a file at each version, per migration list (built once, then kept). */
const schemaCache = new WeakMap<readonly Migration[], Map<number, Map<string, ColumnInfo[]>>>();

/**
 * The tables and columns a file at `version` has: those the migrations up to it leave in an empty
 * in-memory database (so the migrations themselves are the one definition of each version's
 * schema). Null when they cannot be run here (a test's deliberately failing migration).
 */
export function schemaAtVersion(
  version: number,
  migrations: readonly Migration[] = MIGRATIONS,
): ReadonlyMap<string, readonly ColumnInfo[]> | null {
  let byVersion = schemaCache.get(migrations);
  if (!byVersion) {
    byVersion = new Map();
    schemaCache.set(migrations, byVersion);
  }
  const known = byVersion.get(version);
  if (known) return known;
  const db = new Database(':memory:', baseOptions());
  try {
    for (const m of migrations.slice(0, version)) {
      db.transaction(() => m.up(db))();
    }
    const tables = db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[];
    const schema = new Map(tables.map((t) => [t.name, columnsOf(db, t.name)]));
    byVersion.set(version, schema);
    return schema;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/**
 * What differs between the tables of `db` and those of the version it claims: a missing table or
 * column, a column of another type, or a column that version does not have (a file of a later
 * format with an older user_version: migrating it would fail half-way; a column added by another
 * tool: the app would leave it out of every row it writes). Tables of its own that another tool
 * added are left alone. Empty when they match.
 */
function schemaProblems(db: Db, version: number, migrations: readonly Migration[]): string[] {
  const expected = schemaAtVersion(version, migrations);
  if (!expected) return [];
  const problems: string[] = [];
  for (const [table, columns] of expected) {
    const present = new Map(columnsOf(db, table).map((c) => [c.name, c]));
    if (present.size === 0) {
      problems.push(`table ${table} is missing`);
      continue;
    }
    for (const c of columns) {
      const found = present.get(c.name);
      if (!found) problems.push(`column ${table}.${c.name} is missing`);
      else if (found.type.toUpperCase() !== c.type.toUpperCase()) {
        problems.push(`column ${table}.${c.name} is ${found.type || 'untyped'}, not ${c.type}`);
      }
      present.delete(c.name);
    }
    for (const extra of present.values()) {
      problems.push(`column ${table}.${extra.name} is not one of file format ${version}`);
    }
  }
  return problems;
}

function sqliteFailure(err: unknown): InspectionFailure {
  const code = sqliteCode(err);
  if (code === 'SQLITE_READONLY_ROLLBACK') return { status: 'hotJournal' };
  if (code === 'SQLITE_NOTADB') return { status: 'notSqlite' };
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return { status: 'unreadable', detail: errMessage(err) };
  }
  return { status: 'damaged', detail: errMessage(err) };
}

function readHead(path: string, n: number): Buffer {
  const fd = fs.openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

export function sqliteCode(err: unknown): string | null {
  if (err instanceof Database.SqliteError) return err.code;
  return null;
}

/** SQLite errors that mean the disk or the OS refused (not a bug in the app). */
export function isIoError(err: unknown): boolean {
  const code = sqliteCode(err);
  if (code) {
    return (
      code.startsWith('SQLITE_IOERR') ||
      code === 'SQLITE_FULL' ||
      code.startsWith('SQLITE_READONLY') ||
      code.startsWith('SQLITE_BUSY') ||
      code.startsWith('SQLITE_CANTOPEN') ||
      code === 'SQLITE_PERM'
    );
  }
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && 'syscall' in err;
}

function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === code;
}

function errMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
