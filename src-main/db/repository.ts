/**
 * Repositories: the ONLY place SQL lives. Everything above this file speaks the domain model
 * (src-shared/model); everything below is rows and columns of schema v1.
 *
 * Decimals (quantities, rates) are TEXT; money is INTEGER minor units; booleans are 0/1.
 * Rows are validated with the model's zod schemas on the way out, so a value that is not valid
 * in the model never reaches the engine: `StoredDataError` is thrown instead.
 */
import {
  type BudgetLine,
  budgetLineSchema,
  type ChangeLogEntry,
  LEVELS,
  type Model,
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

interface ProgrammeRow {
  title: string;
  reporting_currency: string;
  start_month: string;
  duration_months: number;
  indirect_rate: string;
  contingency_rate: string;
  author: string;
  notes: string;
  donor_profile: string;
}

interface LineRow {
  id: string;
  level: string;
  position: number;
  name: string;
  category: string;
  dimension: string;
  modality: string;
  unit_label: string;
  unit_cost: number;
  quantity: string;
  schedule: string;
  start_month: number;
  end_month: number;
  justification: string;
  eligible_indirect: number;
  eligible_contingency: number;
}

const PROGRAMME_COLUMNS =
  'title, reporting_currency, start_month, duration_months, indirect_rate, contingency_rate, author, notes, donor_profile';
const LINE_COLUMNS =
  'id, level, position, name, category, dimension, modality, unit_label, unit_cost, quantity, schedule, start_month, end_month, justification, eligible_indirect, eligible_contingency';

/** The same programme with its keys in one fixed order (so equal models serialise identically). */
export function canonicalProgramme(p: Programme): Programme {
  return {
    title: p.title,
    reportingCurrency: p.reportingCurrency,
    startMonth: p.startMonth,
    durationMonths: p.durationMonths,
    indirectRate: p.indirectRate,
    contingencyRate: p.contingencyRate,
    author: p.author,
    notes: p.notes,
    donorProfile: p.donorProfile,
  };
}

/** The same line with its keys in one fixed order (so equal models serialise identically). */
export function canonicalLine(l: BudgetLine): BudgetLine {
  return {
    id: l.id,
    level: l.level,
    position: l.position,
    name: l.name,
    category: l.category,
    dimension: l.dimension,
    modality: l.modality,
    unitLabel: l.unitLabel,
    unitCost: l.unitCost,
    driver: {
      kind: l.driver.kind,
      quantity: l.driver.quantity,
      schedule: l.driver.schedule,
      start: l.driver.start,
      end: l.driver.end,
    },
    justification: l.justification,
    eligibleIndirect: l.eligibleIndirect,
    eligibleContingency: l.eligibleContingency,
  };
}

const LEVEL_ORDER = new Map<string, number>(LEVELS.map((l, i) => [l, i]));

/** Model order of lines: by level (individual, community, structural, support), then position. */
export function compareLines(a: BudgetLine, b: BudgetLine): number {
  return (
    (LEVEL_ORDER.get(a.level) ?? 0) - (LEVEL_ORDER.get(b.level) ?? 0) ||
    a.position - b.position ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function programmeFromRow(r: ProgrammeRow): Programme {
  const parsed = programmeSchema.safeParse({
    title: r.title,
    reportingCurrency: r.reporting_currency,
    startMonth: r.start_month,
    durationMonths: r.duration_months,
    indirectRate: r.indirect_rate,
    contingencyRate: r.contingency_rate,
    author: r.author,
    notes: r.notes,
    donorProfile: r.donor_profile,
  });
  if (!parsed.success) throw new StoredDataError(`programme: ${describeIssues(parsed.error.issues)}`);
  return canonicalProgramme(parsed.data);
}

function lineFromRow(r: LineRow): BudgetLine {
  const parsed = budgetLineSchema.safeParse({
    id: r.id,
    level: r.level,
    position: r.position,
    name: r.name,
    category: r.category,
    dimension: r.dimension,
    modality: r.modality,
    unitLabel: r.unit_label,
    unitCost: r.unit_cost,
    driver: { kind: 'fixed', quantity: r.quantity, schedule: r.schedule, start: r.start_month, end: r.end_month },
    justification: r.justification,
    eligibleIndirect: r.eligible_indirect === 1,
    eligibleContingency: r.eligible_contingency === 1,
  });
  if (!parsed.success) throw new StoredDataError(`line ${r.id}: ${describeIssues(parsed.error.issues)}`);
  return canonicalLine(parsed.data);
}

function lineParams(l: BudgetLine): LineRow {
  return {
    id: l.id,
    level: l.level,
    position: l.position,
    name: l.name,
    category: l.category,
    dimension: l.dimension,
    modality: l.modality,
    unit_label: l.unitLabel,
    unit_cost: l.unitCost,
    quantity: l.driver.quantity,
    schedule: l.driver.schedule,
    start_month: l.driver.start,
    end_month: l.driver.end,
    justification: l.justification,
    eligible_indirect: l.eligibleIndirect ? 1 : 0,
    eligible_contingency: l.eligibleContingency ? 1 : 0,
  };
}

function programmeParams(p: Programme): ProgrammeRow {
  return {
    title: p.title,
    reporting_currency: p.reportingCurrency,
    start_month: p.startMonth,
    duration_months: p.durationMonths,
    indirect_rate: p.indirectRate,
    contingency_rate: p.contingencyRate,
    author: p.author,
    notes: p.notes,
    donor_profile: p.donorProfile,
  };
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

  readProgramme(): Programme {
    const row = this.stmt(`SELECT ${PROGRAMME_COLUMNS} FROM programme WHERE id = 1`).get() as ProgrammeRow | undefined;
    if (!row) throw new StoredDataError('the programme row is missing');
    return programmeFromRow(row);
  }

  /** Inserts or replaces the single programme row. */
  putProgramme(p: Programme): void {
    this.stmt(
      `INSERT INTO programme (id, ${PROGRAMME_COLUMNS})
       VALUES (1, @title, @reporting_currency, @start_month, @duration_months, @indirect_rate, @contingency_rate, @author, @notes, @donor_profile)
       ON CONFLICT (id) DO UPDATE SET
         title = excluded.title, reporting_currency = excluded.reporting_currency, start_month = excluded.start_month,
         duration_months = excluded.duration_months, indirect_rate = excluded.indirect_rate,
         contingency_rate = excluded.contingency_rate, author = excluded.author, notes = excluded.notes,
         donor_profile = excluded.donor_profile`,
    ).run(programmeParams(p));
  }

  /** All lines in model order (level, then position). */
  readLines(): BudgetLine[] {
    const rows = this.stmt(`SELECT ${LINE_COLUMNS} FROM budget_line`).all() as LineRow[];
    return rows.map(lineFromRow).sort(compareLines);
  }

  /** Inserts a line, or replaces every column of the line with the same id. */
  putLine(l: BudgetLine): void {
    this.stmt(
      `INSERT INTO budget_line (${LINE_COLUMNS})
       VALUES (@id, @level, @position, @name, @category, @dimension, @modality, @unit_label, @unit_cost, @quantity,
               @schedule, @start_month, @end_month, @justification, @eligible_indirect, @eligible_contingency)
       ON CONFLICT (id) DO UPDATE SET
         level = excluded.level, position = excluded.position, name = excluded.name, category = excluded.category,
         dimension = excluded.dimension, modality = excluded.modality, unit_label = excluded.unit_label,
         unit_cost = excluded.unit_cost, quantity = excluded.quantity, schedule = excluded.schedule,
         start_month = excluded.start_month, end_month = excluded.end_month, justification = excluded.justification,
         eligible_indirect = excluded.eligible_indirect, eligible_contingency = excluded.eligible_contingency`,
    ).run(lineParams(l));
  }

  deleteLine(id: string): void {
    this.stmt(`DELETE FROM budget_line WHERE id = ?`).run(id);
  }

  readModel(): Model {
    return { programme: this.readProgramme(), lines: this.readLines() };
  }

  /** Writes a whole model into empty tables (new files). */
  insertModel(model: Model): void {
    this.putProgramme(model.programme);
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
