/**
 * Repositories: the ONLY place SQL lives. Everything above this file speaks the domain model
 * (src-shared/model); everything below is rows and columns of schema v2 (see db/migrations.ts).
 *
 * Decimals (quantities, rates) are TEXT; money is INTEGER minor units; booleans are 0/1; a line's
 * driver and funding split, a profile's monthly arrivals and a currency's rates are JSON text.
 * Rows are validated with the model's zod schemas on the way out, so a value that is not valid
 * in the model never reaches the engine: `StoredDataError` is thrown instead.
 */
import {
  type BudgetLine,
  budgetLineSchema,
  canonicalCurrency,
  canonicalFunder,
  canonicalLine,
  canonicalProfile,
  canonicalProgramme,
  type ChangeLogEntry,
  compareByPosition,
  compareCurrencies,
  compareLines,
  type Currency,
  currencySchema,
  type Funder,
  funderSchema,
  type Model,
  type Profile,
  profileSchema,
  type Programme,
  programmeSchema,
} from '../../src-shared/model';
import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';

/** A row in the file that does not satisfy the model (hand-edited, or damaged in a way SQLite cannot see). */
export class StoredDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoredDataError';
  }
}

/** A row as better-sqlite3 returns it, or the named parameters of a statement. */
type Row = Record<string, unknown>;

/** What `safeParse` of a model schema gives (zod's result, as far as the mapping needs it). */
type Parsed<T> =
  | { success: true; data: T }
  | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };

/**
 * How one table maps to one model type. Each column holds the model field of the same name in
 * camelCase (`unit_label` is `unitLabel`); `bool` columns are stored 0/1 and `json` ones as JSON text,
 * every other column as it is.
 */
interface TableMap<T> {
  table: string;
  /** Every column, in the order of the model's keys. */
  columns: readonly string[];
  /** The column that identifies a row (upserts, deletes, messages); none for the single programme row. */
  key?: string;
  bool?: readonly string[];
  json?: readonly string[];
  /** Names a row in StoredDataError messages, followed by its key: "line L1", "programme". */
  what: string;
  schema: { safeParse(input: unknown): Parsed<T> };
  canonical(value: T): T;
}

function columns(list: string): readonly string[] {
  return list.split(',').map((c) => c.trim());
}

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

const PROGRAMME: TableMap<Programme> = {
  table: 'programme',
  columns: columns(
    'title, reporting_currency, start_month, duration_months, indirect_rate, contingency_rate, author, notes, donor_profile, communities, inflation',
  ),
  what: 'programme',
  schema: programmeSchema,
  canonical: canonicalProgramme,
};

const LINES: TableMap<BudgetLine> = {
  table: 'budget_line',
  columns: columns(
    'id, level, position, name, category, dimension, modality, unit_label, unit_cost, driver, justification, eligible_indirect, eligible_contingency, currency, funding, beneficiaries_per_unit, non_migrant_share',
  ),
  key: 'id',
  bool: ['eligible_indirect', 'eligible_contingency'],
  json: ['driver', 'funding'],
  what: 'line',
  schema: budgetLineSchema,
  canonical: canonicalLine,
};

const PROFILES: TableMap<Profile> = {
  table: 'profile',
  columns: columns(
    'id, position, name, kind, unit, persons_per_unit, arrivals, pattern, monthly, arrival_start, arrival_end, duration_months',
  ),
  key: 'id',
  json: ['monthly'],
  what: 'profile',
  schema: profileSchema,
  canonical: canonicalProfile,
};

const CURRENCIES: TableMap<Currency> = {
  table: 'currency',
  columns: columns('code, rates, inflation'),
  key: 'code',
  json: ['rates'],
  what: 'currency',
  schema: currencySchema,
  canonical: canonicalCurrency,
};

const FUNDERS: TableMap<Funder> = {
  table: 'funder',
  columns: columns('id, position, name, type, status, ceiling'),
  key: 'id',
  what: 'funder',
  schema: funderSchema,
  canonical: canonicalFunder,
};

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

  /** All lines in model order (level, then position). */
  readLines(): BudgetLine[] {
    return this.readAll(LINES).sort(compareLines);
  }

  /** Inserts a line, or replaces every column of the line with the same id. */
  putLine(l: BudgetLine): void {
    this.put(LINES, l);
  }

  deleteLine(id: string): void {
    this.delete(LINES, id);
  }

  /** Returnee profiles in position order. */
  readProfiles(): Profile[] {
    return this.readAll(PROFILES).sort(compareByPosition);
  }

  putProfile(p: Profile): void {
    this.put(PROFILES, p);
  }

  deleteProfile(id: string): void {
    this.delete(PROFILES, id);
  }

  /** Local currencies, by code. */
  readCurrencies(): Currency[] {
    return this.readAll(CURRENCIES).sort(compareCurrencies);
  }

  putCurrency(c: Currency): void {
    this.put(CURRENCIES, c);
  }

  deleteCurrency(code: string): void {
    this.delete(CURRENCIES, code);
  }

  /** Funding sources in position order. */
  readFunders(): Funder[] {
    return this.readAll(FUNDERS).sort(compareByPosition);
  }

  putFunder(f: Funder): void {
    this.put(FUNDERS, f);
  }

  deleteFunder(id: string): void {
    this.delete(FUNDERS, id);
  }

  readModel(): Model {
    return {
      programme: this.readProgramme(),
      lines: this.readLines(),
      profiles: this.readProfiles(),
      currencies: this.readCurrencies(),
      funders: this.readFunders(),
    };
  }

  /** Writes a whole model into empty tables (new files). */
  insertModel(model: Model): void {
    this.putProgramme(model.programme);
    for (const p of model.profiles) this.putProfile(p);
    for (const c of model.currencies) this.putCurrency(c);
    for (const f of model.funders) this.putFunder(f);
    for (const l of model.lines) this.putLine(l);
  }

  appendChangeLog(entry: Omit<ChangeLogEntry, 'id'>): void {
    this.stmt(`INSERT INTO change_log (at, author, summary) VALUES (?, ?, ?)`).run(
      entry.at,
      entry.author,
      entry.summary,
    );
  }

  /** Newest first. */
  readChangeLog(limit = 500): ChangeLogEntry[] {
    return this.stmt(`SELECT id, at, author, summary FROM change_log ORDER BY id DESC LIMIT ?`).all(
      limit,
    ) as ChangeLogEntry[];
  }

  /** Copies the whole database into a new file (which must not exist). Works on read-only connections. */
  vacuumInto(path: string): void {
    this.db.prepare(`VACUUM INTO ?`).run(path);
  }
}
