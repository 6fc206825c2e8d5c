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
  type ChangeLogEntry,
  ENTITIES,
  ENTITY_NAMES,
  type EntityName,
  type EntityRows,
  type Model,
  modelRows,
  type NewChangeLogEntry,
  type Programme,
} from '../../src-shared/model';
import type { Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { Db } from './connection';
import { PROGRAMME, TABLES, type TableMap } from './tables';

/** A row in the file that does not satisfy the model (hand-edited, or damaged in a way SQLite cannot see). */
export class StoredDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoredDataError';
  }
}

/** One field change of a change log row (FieldChange in src-shared/model), as stored. */
const fieldChangeSchema = z
  .object({
    table: z.string(),
    id: z.string().nullable(),
    row: z.string().nullable(),
    field: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .strict();

/** A change log row as the file holds it (schema v3 on; older rows have kind, command, target null). */
const changeLogRowSchema = z
  .object({
    id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/),
    author: z.string(),
    summary: z.string(),
    kind: z.enum(CHANGE_KINDS).nullable(),
    command: z.string().nullable(),
    target: z.string().nullable(),
    fields: z.array(fieldChangeSchema),
    omitted: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  })
  .strict() satisfies z.ZodType<ChangeLogEntry>;

/**
 * References between rows that the planner never leaves dangling and the engine does not report:
 * a synergy's partner, its funding source and the lines and profiles it targets. (A line's currency,
 * profiles, funding sources and base lines are the engine's diagnostics: the file opens and says so.)
 */
function checkReferences(model: Model): void {
  const partners = new Set(model.partners.map((p) => p.id));
  const funders = new Set(model.funders.map((f) => f.id));
  const lines = new Set(model.lines.map((l) => l.id));
  const profiles = new Set(model.profiles.map((p) => p.id));
  for (const s of model.synergies) {
    const what = `synergy ${s.id}`;
    if (!partners.has(s.partnerId)) throw new StoredDataError(`${what} partnerId: no partner ${shown(s.partnerId)}`);
    if (s.funderId !== null && !funders.has(s.funderId)) {
      throw new StoredDataError(`${what} funderId: no funding source ${shown(s.funderId)}`);
    }
    const line = s.lineIds.find((id) => !lines.has(id));
    if (line !== undefined) throw new StoredDataError(`${what} lineIds: no line ${shown(line)}`);
    const profile = s.profileIds.find((id) => !profiles.has(id));
    if (profile !== undefined) throw new StoredDataError(`${what} profileIds: no profile ${shown(profile)}`);
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

/** A stored value as a message shows it: JSON-like, cut short. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Two JSON values equal as data (object keys in any order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = new Set(Object.keys(b));
  return (
    ka.length === kb.size &&
    ka.every((k) => kb.has(k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/**
 * A row read from the file as a model value, validated with the model's schema. A value outside its
 * column's domain is a StoredDataError naming the row and the field, never a guess: a boolean other
 * than 0 or 1, an integer too large to read exactly, anything the schema refuses, and anything the
 * schema would accept only by changing it (a name with spaces around it, a JSON object with keys
 * this version does not know): the value read must write back exactly as it is stored, or the next
 * edit of the row would silently replace it.
 */
function fromRow<T>(map: TableMap<T>, r: Row): T {
  const what = map.key === undefined ? map.what : `${map.what} ${String(r[map.key])}`;
  const input: Row = {};
  for (const column of map.columns) {
    const field = fieldOf(column);
    const value = r[column];
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new StoredDataError(`${what} ${field}: ${shown(value)} is too large to be read exactly`);
    }
    if (map.bool?.includes(column)) {
      if (value !== 0 && value !== 1) throw new StoredDataError(`${what} ${field}: ${shown(value)} is not 0 or 1`);
      input[field] = value === 1;
    } else if (map.json?.includes(column)) {
      if (typeof value !== 'string') throw new StoredDataError(`${what} ${field}: ${shown(value)} is not JSON text`);
      input[field] = parseJson(value, `${what} ${field}`);
    } else input[field] = value;
  }
  const parsed = safeParse(map.schema, input, what);
  if (!parsed.success) throw new StoredDataError(`${what}: ${describeIssues(parsed.error.issues)}`);
  const value = map.canonical(parsed.data);
  const back = toRow(map, value);
  for (const column of map.columns) {
    const stored = r[column];
    const same = map.json?.includes(column)
      ? sameJson(input[fieldOf(column)], JSON.parse(back[column] as string))
      : stored === back[column];
    if (!same) {
      throw new StoredDataError(
        `${what} ${fieldOf(column)}: ${shown(stored)} is not stored as this version writes it (it would be read as ${shown(back[column])})`,
      );
    }
  }
  return value;
}

/**
 * `schema.safeParse(input)`, where a refinement that throws on a value its field's own checks
 * refused (a range's order compares decimals that are not decimals) is a StoredDataError too.
 */
function safeParse<T>(
  schema: TableMap<T>['schema'],
  input: Row,
  what: string,
): ReturnType<TableMap<T>['schema']['safeParse']> {
  try {
    return schema.safeParse(input);
  } catch (err) {
    throw new StoredDataError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
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
    const rows = this.stmt(`SELECT id, ${PROGRAMME.columns.join(', ')} FROM programme`).all() as Row[];
    const row = rows.find((r) => r.id === 1);
    if (!row) throw new StoredDataError('programme: its row (id 1) is missing');
    if (rows.length > 1) {
      throw new StoredDataError(
        `programme: ${rows.length} rows where there is one (row ids ${rows.map((r) => shown(r.id)).join(', ')})`,
      );
    }
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
    const model: Model = {
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
    checkReferences(model);
    return model;
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

  /** Newest first. Each row is validated (changeLogRowSchema): a value out of its domain is a StoredDataError. */
  readChangeLog(limit = 500): ChangeLogEntry[] {
    const rows = this.stmt(
      `SELECT id, at, author, summary, kind, command, target, fields, omitted FROM change_log ORDER BY id DESC LIMIT ?`,
    ).all(limit) as Row[];
    return rows.map((r) => {
      const what = `change log row ${shown(r.id)}`;
      if (typeof r.fields !== 'string')
        throw new StoredDataError(`${what} fields: ${shown(r.fields)} is not JSON text`);
      const parsed = changeLogRowSchema.safeParse({ ...r, fields: parseJson(r.fields, `${what} fields`) });
      if (!parsed.success) throw new StoredDataError(`${what}: ${describeIssues(parsed.error.issues)}`);
      return parsed.data;
    });
  }

  /** Copies the whole database into a new file (which must not exist). Works on read-only connections. */
  vacuumInto(path: string): void {
    this.db.prepare(`VACUUM INTO ?`).run(path);
  }
}
