/**
 * The file fuzz test of issue 13 ("What must be true"): bytes flipped, files truncated, and values
 * out of their column's domain written into every column of every table of a valid file, each
 * opened through the real open path (DocumentService). Each must be refused (with a known code,
 * the file byte-for-byte unchanged and nothing left beside it) or read correctly: a value that is
 * accepted is read as exactly what is stored, never as another value.
 *
 * The columns are enumerated from the file itself (sqlite_schema, PRAGMA table_info), so a column
 * or table added by a later migration is fuzzed without touching this test. Seeded (FUZZ_SEED to
 * replay another run); a failure names the table, the column, the value and the seed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../src-shared/api';
import type { ChangeLogEntry, Model, NewChangeLogEntry } from '../../src-shared/model';
import { seededRandom } from '../../src-shared/engine';
import { DocumentRepository, PROGRAMME, runMigrations, TABLES } from '../../src-main/db';
import { DocumentService, writeModelToFile } from '../../src-main/documents';
import { listDir, sha256, tempDir } from './helpers';

const SEED = Number(process.env.FUZZ_SEED ?? 20261213);
const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'schema-v6.rcs');

type Row = Record<string, unknown>;
type Value = string | number | bigint | null;

interface Column {
  table: string;
  name: string;
  /** The declared type, upper case (INTEGER, TEXT). */
  type: string;
}

/**
 * A valid file of the current version holding rows in every table (the v6 fixture's programme,
 * partners, synergies, scenarios and ranges, and its change log), written by the app itself.
 */
function validFile(dir: string): string {
  const s = new DocumentService();
  let model: Model;
  let log: ChangeLogEntry[];
  try {
    model = s.open(FIXTURE, { readOnly: true }).model;
    log = s.changeLog();
  } finally {
    s.close();
  }
  const file = path.join(dir, 'Valid.rcs');
  const changeLog: NewChangeLogEntry[] = [...log].reverse().map(({ id: _id, ...entry }) => entry);
  writeModelToFile(file, model, { changeLog });
  return file;
}

function columnsOf(db: Database.Database): Column[] {
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  return tables.flatMap(({ name: table }) =>
    (db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as { name: string; type: string }[]).map(
      (c) => ({ table, name: c.name, type: c.type.toUpperCase() }),
    ),
  );
}

/** How a refusal names the rows of each table (the repository's `what`). */
const WHAT: Record<string, string> = {
  programme: PROGRAMME.what,
  change_log: 'change log row',
  ...Object.fromEntries(Object.values(TABLES).map((t) => [t.table, t.what])),
};
const ALL_WHATS = Object.values(WHAT);

const INTEGERS: Value[] = [-1, 2, 3, -2147483648, 121, 100001, 10 ** 15, 2n ** 53n + 1n, 2n ** 63n - 1n];
const TEXTS: Value[] = [
  '',
  ' ',
  'yes',
  '2',
  '-1',
  '1e3',
  '12,5',
  'NaN',
  '0.10',
  '-0',
  '1.',
  '01',
  '2026-13',
  '2026-1',
  '{',
  '[]',
  '{}',
  'null',
  '[1]',
  'true',
  '{"kind":"nope"}',
  '"text"',
  'x'.repeat(70_000),
  'eur',
  'EURO',
  'unknown-id',
  ' padded ',
  'a\u0000b',
];

/**
 * Values outside (or at the edge of) the domain of a column of this type, whatever it holds: NULL,
 * a few of the type's usual suspects (chosen by the seed), and for text the value held with a space
 * around it and, for JSON, with one value somewhere inside it replaced by an out-of-domain one.
 */
function candidates(column: Column, current: unknown, random: () => number): Value[] {
  const pool = column.type === 'INTEGER' ? INTEGERS : TEXTS;
  const out: Value[] = [null];
  for (let i = 0; i < 4; i++) out.push(pool[Math.floor(random() * pool.length)] as Value);
  if (column.type === 'INTEGER') out.push(Math.floor(random() * 2000) - 1000);
  if (typeof current === 'string') {
    out.push(random() < 0.5 ? ` ${current}` : `${current} `);
    const json = jsonMutation(current, random);
    if (json !== null) out.push(json, jsonMutation(current, random) ?? json, jsonMutation(current, random) ?? json);
  }
  return [...new Set(out)];
}

/** The JSON text `text` with one value somewhere inside it replaced by an out-of-domain one (null if not JSON). */
function jsonMutation(text: string, random: () => number): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const replacements: unknown[] = [-1, 0, 1e9, 0.5, 'x', '', '-1', '1.50', null, true, [], {}, 'unknown-id'];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // Walk down to a random container and replace (or add) one of its entries.
  let node = value as Record<string, unknown> | unknown[];
  for (let depth = 0; depth < 4; depth++) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const child = (node as Record<string, unknown>)[pick(keys)];
    if (child === null || typeof child !== 'object' || random() < 0.4) break;
    node = child as Record<string, unknown> | unknown[];
  }
  const keys = Object.keys(node);
  if (keys.length === 0 || random() < 0.15) {
    if (Array.isArray(node)) node.push(pick(replacements));
    else node.extra = pick(replacements);
  } else {
    (node as Record<string, unknown>)[pick(keys)] = pick(replacements);
  }
  return JSON.stringify(value);
}

/**
 * Writes `value` into one cell of a copy of `bytes` at `file`, CHECK constraints off (as a tool
 * that ignores them would). False when SQLite itself refuses the value (a type STRICT forbids, a
 * NULL in a NOT NULL column, a key taken).
 */
function written(bytes: Buffer, file: string, column: Column, rowid: number, value: Value): boolean {
  fs.writeFileSync(file, bytes);
  const db = new Database(file);
  try {
    db.pragma('ignore_check_constraints = ON');
    db.pragma('foreign_keys = OFF');
    // No fsync: the copy is thrown away after the test, and the test must run in seconds.
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    db.prepare(`UPDATE "${column.table}" SET "${column.name}" = ? WHERE rowid = ?`).run(value, rowid);
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/** Every row of `table` as comparable text: JSON columns parsed, keys sorted, row order ignored. */
function tableContents(
  db: Database.Database,
  table: string,
  json: ReadonlySet<string>,
  skip: readonly string[] = [],
): string[] {
  const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Row[];
  return rows
    .map((r) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (skip.includes(k)) continue;
        out[k] = json.has(k) && typeof v === 'string' ? sortKeys(JSON.parse(v)) : v;
      }
      return JSON.stringify(out);
    })
    .sort();
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
  );
}

/** JSON columns of each table (their text is compared as data). */
const JSON_COLUMNS: Record<string, ReadonlySet<string>> = {
  programme: new Set(PROGRAMME.json ?? []),
  change_log: new Set(['fields']),
  ...Object.fromEntries(Object.values(TABLES).map((t) => [t.table, new Set(t.json ?? [])])),
};

/** `model` written by the app's repository into an empty database of the current schema. */
function rewritten(model: Model): Database.Database {
  const db = new Database(':memory:');
  runMigrations(db);
  const repo = new DocumentRepository(db);
  db.transaction(() => repo.insertModel(model))();
  return db;
}

function describeValue(value: Value): string {
  const s = typeof value === 'bigint' ? `${value}n` : JSON.stringify(value);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

describe(`file fuzz (seed ${SEED})`, () => {
  it('out-of-domain values in every column of every table: refused naming the row, or read exactly as stored', () => {
    const random = seededRandom(SEED);
    const dir = tempDir();
    const base = validFile(dir);
    const bytes = fs.readFileSync(base);
    fs.rmSync(base);
    const file = path.join(dir, 'Fuzzed.rcs');

    const baseDb = new Database(bytes);
    const columns = columnsOf(baseDb);
    // A row of each table (chosen by the seed), and the value it holds in each column.
    const rows = new Map<string, Row>();
    for (const table of new Set(columns.map((c) => c.table))) {
      const all = baseDb.prepare(`SELECT rowid AS _rowid, * FROM "${table}"`).all() as Row[];
      expect(all.length, `the valid file has rows in ${table}`).toBeGreaterThan(0);
      rows.set(table, all[Math.floor(random() * all.length)] as Row);
    }
    baseDb.close();
    expect(new Set(columns.map((c) => c.table))).toEqual(new Set(Object.keys(WHAT)));

    const s = new DocumentService({ author: () => 'Fuzzer' });
    const outcome = { refused: 0, readExactly: 0, refusedBySqlite: 0 };
    try {
      for (const column of columns) {
        const row = rows.get(column.table) as Row;
        const rowid = Number(row._rowid);
        for (const value of candidates(column, row[column.name], random)) {
          const where = `${column.table}.${column.name} = ${describeValue(value)} (seed ${SEED})`;
          if (!written(bytes, file, column, rowid, value)) {
            outcome.refusedBySqlite++;
            continue;
          }
          const hash = sha256(file);
          const entries = listDir(dir);
          let model: Model | null = null;
          try {
            // Writable one time in four (the lock, the path that could back up and write), else read-only.
            model = s.open(file, { readOnly: random() < 0.75 }).model;
          } catch (err) {
            expect(err, where).toBeInstanceOf(ApiFailure);
            const f = err as ApiFailure;
            expect(f.code, `${where}: ${f.message}`).toBe('damaged');
            // Named: "… cannot read (line L1 eligibleIndirect: 2 is not 0 or 1) …".
            const detail = /cannot read \((.+)\);/.exec(f.message)?.[1] ?? '';
            expect(
              ALL_WHATS.some((w) => detail.startsWith(w)),
              `${where}: the refusal names the row: ${f.message}`,
            ).toBe(true);
            expect(sha256(file), where).toBe(hash);
            expect(listDir(dir), where).toEqual(entries);
            outcome.refused++;
            continue;
          }
          // Accepted: what was read is exactly what is stored, table by table.
          if (column.table === 'change_log') {
            let log: ChangeLogEntry[] | null = null;
            try {
              log = s.changeLog(100_000);
            } catch (err) {
              expect(err, where).toBeInstanceOf(ApiFailure);
              expect((err as ApiFailure).message, where).toMatch(
                /holds an entry this version cannot read \(change log row/,
              );
            }
            if (log) {
              const stored = new Database(file, { readonly: true });
              const raw = tableContents(stored, 'change_log', JSON_COLUMNS.change_log as ReadonlySet<string>);
              stored.close();
              const read = log.map((e) => JSON.stringify(sortKeys(e)));
              expect(read.sort(), where).toEqual(raw);
            }
          } else {
            const stored = new Database(file, { readonly: true });
            const again = rewritten(model);
            try {
              for (const table of Object.keys(JSON_COLUMNS)) {
                if (table === 'change_log') continue;
                const json = JSON_COLUMNS[table] as ReadonlySet<string>;
                expect(tableContents(again, table, json), `${where}: ${table} read as stored`).toEqual(
                  tableContents(stored, table, json),
                );
              }
            } finally {
              stored.close();
              again.close();
            }
          }
          s.close();
          expect(sha256(file), `${where}: opening never writes`).toBe(hash);
          expect(listDir(dir), where).toEqual(entries);
          outcome.readExactly++;
        }
      }
    } finally {
      s.close();
    }
    // Most of these values are out of their column's domain: nearly all must have been refused.
    const tally = JSON.stringify({ columns: columns.length, ...outcome });
    expect(outcome.refused, tally).toBeGreaterThan(outcome.readExactly);
    expect(outcome.refused + outcome.readExactly, tally).toBeGreaterThan(columns.length * 3);
  });

  it('flipped bytes, zeroed pages and truncations: refused with a known code and unchanged, or opened', () => {
    const random = seededRandom(SEED ^ 0x5eed);
    const dir = tempDir();
    const base = validFile(dir);
    const bytes = fs.readFileSync(base);
    fs.rmSync(base);
    const file = path.join(dir, 'Damaged.rcs');
    const pageSize = bytes.readUInt16BE(16);
    const s = new DocumentService({ author: () => 'Fuzzer' });
    const codes = new Map<string, number>();
    try {
      for (let i = 0; i < 150; i++) {
        const copy = Buffer.from(bytes);
        let damaged: Buffer = copy;
        let what: string;
        const kind = i % 5;
        if (kind === 0 || kind === 1) {
          // A few bytes flipped anywhere (the header included one time in two).
          const n = 1 + Math.floor(random() * 8);
          const from = kind === 0 ? 0 : 100;
          const at: number[] = [];
          for (let k = 0; k < n; k++) {
            const pos = from + Math.floor(random() * (copy.length - from));
            copy[pos] = (copy[pos] as number) ^ (1 + Math.floor(random() * 255));
            at.push(pos);
          }
          what = `bytes flipped at ${at.join(', ')}`;
        } else if (kind === 2) {
          const page = Math.floor(random() * (copy.length / pageSize));
          copy.fill(random() < 0.5 ? 0 : 0xff, page * pageSize, (page + 1) * pageSize);
          what = `page ${page + 1} overwritten`;
        } else if (kind === 3) {
          const length = Math.floor(random() * copy.length);
          damaged = copy.subarray(0, length);
          what = `truncated to ${length} bytes`;
        } else {
          const pages = Math.max(1, Math.floor(random() * (copy.length / pageSize)));
          damaged = copy.subarray(0, pages * pageSize);
          what = `truncated to ${pages} whole pages`;
        }
        const where = `${what} (seed ${SEED})`;
        fs.writeFileSync(file, damaged);
        const hash = sha256(file);
        const entries = listDir(dir);
        let code = 'opened';
        try {
          const snapshot = s.open(file, { readOnly: i % 3 === 2 });
          if (snapshot.info.migratedFrom) code = 'migrated';
          s.close();
        } catch (err) {
          expect(err, `${where}: ${String(err)}`).toBeInstanceOf(ApiFailure);
          code = (err as ApiFailure).code;
          expect(['damaged', 'notOurs', 'newerVersion'], `${where}: ${(err as ApiFailure).message}`).toContain(code);
        }
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (code !== 'migrated') {
          expect(sha256(file), where).toBe(hash);
          expect(listDir(dir), where).toEqual(entries);
        }
        fs.rmSync(file);
        for (const e of listDir(dir)) fs.rmSync(path.join(dir, e));
      }
    } finally {
      s.close();
    }
    expect(codes.get('damaged') ?? 0, JSON.stringify([...codes])).toBeGreaterThan(30);
    expect(codes.get('opened') ?? 0, JSON.stringify([...codes])).toBeGreaterThan(0);
  });
});
