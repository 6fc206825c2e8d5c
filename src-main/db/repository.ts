/**
 * Repositories: the ONLY place SQL lives. Everything above this file speaks the domain model
 * (src-shared/model); everything below is rows and columns of schema v2 (see db/migrations.ts).
 *
 * Decimals (quantities, rates) are TEXT; money is INTEGER minor units; booleans are 0/1; a line's
 * driver and funding split, a profile's monthly arrivals and a currency's rates are JSON text.
 * Rows are validated with the model's zod schemas on the way out, so a value that is not valid
 * in the model never reaches the engine: `StoredDataError` is thrown instead.
 */
import type { RowWrite } from '../../src-shared/model';
import {
  CHANGE_KINDS,
  type ChangeKind,
  type ChangeLogEntry,
  ENTITIES,
  ENTITY_NAMES,
  type EntityName,
  type EntityRows,
  type FieldChange,
  type Model,
  modelRows,
  type NewChangeLogEntry,
  type Programme,
} from '../../src-shared/model';
import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';
import { PROGRAMME, TABLES, type TableMap } from './tables';

/** A row in the file that does not satisfy the model (hand-edited, or damaged in a way SQLite cannot see). */
export class StoredDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoredDataError';
  }
}

/** A row as better-sqlite3 returns it, or the named parameters of a statement. */
type Row = Record<string, unknown>;

/** `unit_label` → `unitLabel`. */
function fieldOf(column: string): string {
  return column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

/** `INSERT ... ON CONFLICT (key) DO UPDATE SET every other column` for a column list. */
function upsertSql(table: string, cols: readonly string[], key: string): string {
  const set = cols
    .filter((c) => c !== key)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})
          ON CONFLICT (${key}) DO UPDATE SET ${set}`;
}

/** JSON text from the file; a value that is not JSON is a StoredDataError, not a crash. */
function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StoredDataError(`${what}: not valid JSON`);
  }
}

/** A row read from the file as a model value, validated with the model's schema. */
function fromRow<T>(map: TableMap<T>, r: Row): T {
  const what = map.key === undefined ? map.what : `${map.what} ${String(r[map.key])}`;
  const input: Row = {};
  for (const column of map.columns) {
    const field = fieldOf(column);
    const value = r[column];
    if (map.bool?.includes(column)) input[field] = value === 1;
    else if (map.json?.includes(column)) input[field] = parseJson(value as string, `${what} ${field}`);
    else input[field] = value;
  }
  const parsed = map.schema.safeParse(input);
  if (!parsed.success) throw new StoredDataError(`${what}: ${describeIssues(parsed.error.issues)}`);
  return map.canonical(parsed.data);
}

/** The named parameters that write a model value into its row. */
function toRow<T>(map: TableMap<T>, value: T): Row {
  const v = map.canonical(value) as Row;
  const row: Row = {};
  for (const column of map.columns) {
    const field = v[fieldOf(column)];
    if (map.bool?.includes(column)) row[column] = field ? 1 : 0;
    else if (map.json?.includes(column)) row[column] = JSON.stringify(field);
    else row[column] = field;
  }
  return row;
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(row)'}: ${i.message}`)
    .join('; ');
}

/**
 * All reads and writes of one document's tables. Statements are prepared once per connection.
 * Writes must run inside a transaction opened by the caller (DocumentService).
 */
export class DocumentRepository {
  private readonly stmts = new Map<string, Statement>();

  constructor(readonly db: Db) {}

  private stmt(sql: string): Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  private readAll<T>(map: TableMap<T>): T[] {
    const rows = this.stmt(`SELECT ${map.columns.join(', ')} FROM ${map.table}`).all() as Row[];
    return rows.map((r) => fromRow(map, r));
  }

  /** Inserts a row, or replaces every column of the row with the same key. */
  private put<T>(map: TableMap<T>, value: T): void {
    this.stmt(upsertSql(map.table, map.columns, map.key ?? 'id')).run(toRow(map, value));
  }

  private delete<T>(map: TableMap<T>, key: string): void {
    this.stmt(`DELETE FROM ${map.table} WHERE ${map.key ?? 'id'} = ?`).run(key);
  }

  readProgramme(): Programme {
    const row = this.stmt(`SELECT ${PROGRAMME.columns.join(', ')} FROM programme WHERE id = 1`).get() as
      Row | undefined;
    if (!row) throw new StoredDataError('the programme row is missing');
    return fromRow(PROGRAMME, row);
  }

  /** Inserts or replaces the single programme row. */
  putProgramme(p: Programme): void {
    this.stmt(upsertSql('programme', ['id', ...PROGRAMME.columns], 'id')).run({ id: 1, ...toRow(PROGRAMME, p) });
  }

  /** The rows of one entity, in model order. */
  readRows<K extends EntityName>(name: K): EntityRows[K][] {
    return this.readAll(TABLES[name] as TableMap<EntityRows[K]>).sort(
      ENTITIES[name].compare as (a: EntityRows[K], b: EntityRows[K]) => number,
    );
  }

  /** Puts one row in its state after a command, an undo or a redo: insert, replace or delete. */
  write(w: RowWrite): void {
    if (w.table === 'programme') return this.putProgramme(w.row);
    const map = TABLES[w.table] as TableMap<EntityRows[EntityName]>;
    if (w.row) this.put(map, w.row);
    else this.delete(map, w.id);
  }

  readModel(): Model {
    return {
      programme: this.readProgramme(),
      lines: this.readRows('line'),
      profiles: this.readRows('profile'),
      currencies: this.readRows('currency'),
      funders: this.readRows('funder'),
      partners: this.readRows('partner'),
      synergies: this.readRows('synergy'),
      scenarios: this.readRows('scenario'),
      ranges: this.readRows('range'),
    };
  }

  /** Writes a whole model into empty tables (new files): what is referred to first. */
  insertModel(model: Model): void {
    this.putProgramme(model.programme);
    for (const name of ENTITY_NAMES) {
      const map = TABLES[name] as TableMap<EntityRows[EntityName]>;
      for (const row of modelRows(model, name)) this.put(map, row);
    }
  }

  appendChangeLog(entry: NewChangeLogEntry): void {
    this.stmt(
      `INSERT INTO change_log (at, author, summary, kind, command, target, fields, omitted)
       VALUES (@at, @author, @summary, @kind, @command, @target, @fields, @omitted)`,
    ).run({ ...entry, fields: JSON.stringify(entry.fields) });
  }

  /** Newest first. */
  readChangeLog(limit = 500): ChangeLogEntry[] {
    const rows = this.stmt(
      `SELECT id, at, author, summary, kind, command, target, fields, omitted FROM change_log ORDER BY id DESC LIMIT ?`,
    ).all(limit) as (Omit<ChangeLogEntry, 'fields' | 'kind'> & { kind: string | null; fields: string })[];
    return rows.map((r) => {
      const fields = parseJson(r.fields, `change log row ${r.id} fields`);
      if (!Array.isArray(fields)) throw new StoredDataError(`change log row ${r.id} fields: not a list`);
      if (r.kind !== null && !(CHANGE_KINDS as readonly string[]).includes(r.kind)) {
        throw new StoredDataError(`change log row ${r.id} kind: "${r.kind}" is not a kind of change`);
      }
      return { ...r, kind: r.kind as ChangeKind | null, fields: fields as FieldChange[] };
    });
  }

  /** Copies the whole database into a new file (which must not exist). Works on read-only connections. */
  vacuumInto(path: string): void {
    this.db.prepare(`VACUUM INTO ?`).run(path);
  }
}
