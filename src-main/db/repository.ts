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
  type ChangeLogEntry,
  type Currency,
  currencySchema,
  type Driver,
  type Funder,
  funderSchema,
  LEVELS,
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
  communities: number;
  inflation: string;
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
  driver: string;
  justification: string;
  eligible_indirect: number;
  eligible_contingency: number;
  currency: string;
  funding: string;
  beneficiaries_per_unit: string;
  non_migrant_share: string;
}

interface ProfileRow {
  id: string;
  position: number;
  name: string;
  kind: string;
  unit: string;
  persons_per_unit: string;
  arrivals: number;
  pattern: string;
  monthly: string;
  arrival_start: number;
  arrival_end: number;
  duration_months: number;
}

interface CurrencyRow {
  code: string;
  rates: string;
  inflation: string;
}

interface FunderRow {
  id: string;
  position: number;
  name: string;
  type: string;
  status: string;
  ceiling: number | null;
}

const PROGRAMME_COLUMNS =
  'title, reporting_currency, start_month, duration_months, indirect_rate, contingency_rate, author, notes, donor_profile, communities, inflation';
const LINE_COLUMNS =
  'id, level, position, name, category, dimension, modality, unit_label, unit_cost, driver, justification, eligible_indirect, eligible_contingency, currency, funding, beneficiaries_per_unit, non_migrant_share';
const PROFILE_COLUMNS =
  'id, position, name, kind, unit, persons_per_unit, arrivals, pattern, monthly, arrival_start, arrival_end, duration_months';
const CURRENCY_COLUMNS = 'code, rates, inflation';
const FUNDER_COLUMNS = 'id, position, name, type, status, ceiling';

/** `INSERT ... ON CONFLICT (key) DO UPDATE SET every other column` for a column list. */
function upsertSql(table: string, columns: string, key: string): string {
  const cols = columns.split(',').map((c) => c.trim());
  const set = cols
    .filter((c) => c !== key)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  return `INSERT INTO ${table} (${columns}) VALUES (${cols.map((c) => `@${c}`).join(', ')})
          ON CONFLICT (${key}) DO UPDATE SET ${set}`;
}

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
    communities: p.communities,
    inflation: p.inflation,
  };
}

/** The same driver with its keys in one fixed order (that of its schema in src-shared/model). */
export function canonicalDriver(d: Driver): Driver {
  switch (d.kind) {
    case 'fixed':
      return { kind: d.kind, quantity: d.quantity, schedule: d.schedule, start: d.start, end: d.end };
    case 'perArrival':
      return {
        kind: d.kind,
        quantity: d.quantity,
        profileIds: [...d.profileIds],
        takeUp: d.takeUp,
        offset: d.offset,
        start: d.start,
        end: d.end,
      };
    case 'perActiveCase':
      return { kind: d.kind, quantity: d.quantity, profileIds: [...d.profileIds], start: d.start, end: d.end };
    case 'staffing':
      return {
        kind: d.kind,
        casesPerStaff: d.casesPerStaff,
        min: d.min,
        max: d.max,
        profileIds: [...d.profileIds],
        start: d.start,
        end: d.end,
      };
    case 'perCommunity':
      return { kind: d.kind, quantity: d.quantity, schedule: d.schedule, start: d.start, end: d.end };
    case 'perProject':
      return {
        kind: d.kind,
        returneesPerProject: d.returneesPerProject,
        profileIds: [...d.profileIds],
        schedule: d.schedule,
        start: d.start,
        end: d.end,
      };
    case 'percentage':
      return { kind: d.kind, rate: d.rate, levels: [...d.levels], lineIds: [...d.lineIds], start: d.start, end: d.end };
  }
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
    driver: canonicalDriver(l.driver),
    justification: l.justification,
    eligibleIndirect: l.eligibleIndirect,
    eligibleContingency: l.eligibleContingency,
    currency: l.currency,
    funding: l.funding.map((f) => ({ funderId: f.funderId, share: f.share })),
    beneficiariesPerUnit: l.beneficiariesPerUnit,
    nonMigrantShare: l.nonMigrantShare,
  };
}

export function canonicalProfile(p: Profile): Profile {
  return {
    id: p.id,
    position: p.position,
    name: p.name,
    kind: p.kind,
    unit: p.unit,
    personsPerUnit: p.personsPerUnit,
    arrivals: p.arrivals,
    pattern: p.pattern,
    monthly: [...p.monthly],
    arrivalStart: p.arrivalStart,
    arrivalEnd: p.arrivalEnd,
    durationMonths: p.durationMonths,
  };
}

export function canonicalCurrency(c: Currency): Currency {
  return { code: c.code, rates: [...c.rates], inflation: c.inflation };
}

export function canonicalFunder(f: Funder): Funder {
  return { id: f.id, position: f.position, name: f.name, type: f.type, status: f.status, ceiling: f.ceiling };
}

const LEVEL_ORDER = new Map<string, number>(LEVELS.map((l, i) => [l, i]));

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Model order of lines: by level (individual, community, structural, support), then position. */
export function compareLines(a: BudgetLine, b: BudgetLine): number {
  return (
    (LEVEL_ORDER.get(a.level) ?? 0) - (LEVEL_ORDER.get(b.level) ?? 0) ||
    a.position - b.position ||
    compareIds(a.id, b.id)
  );
}

/** Model order of profiles and funding sources: by position. */
export function compareByPosition(a: { position: number; id: string }, b: { position: number; id: string }): number {
  return a.position - b.position || compareIds(a.id, b.id);
}

/** Model order of local currencies: by code. */
export function compareCurrencies(a: Currency, b: Currency): number {
  return compareIds(a.code, b.code);
}

/** JSON text from the file; a value that is not JSON is a StoredDataError, not a crash. */
function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StoredDataError(`${what}: not valid JSON`);
  }
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
    communities: r.communities,
    inflation: r.inflation,
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
    driver: parseJson(r.driver, `line ${r.id} driver`),
    justification: r.justification,
    eligibleIndirect: r.eligible_indirect === 1,
    eligibleContingency: r.eligible_contingency === 1,
    currency: r.currency,
    funding: parseJson(r.funding, `line ${r.id} funding`),
    beneficiariesPerUnit: r.beneficiaries_per_unit,
    nonMigrantShare: r.non_migrant_share,
  });
  if (!parsed.success) throw new StoredDataError(`line ${r.id}: ${describeIssues(parsed.error.issues)}`);
  return canonicalLine(parsed.data);
}

function profileFromRow(r: ProfileRow): Profile {
  const parsed = profileSchema.safeParse({
    id: r.id,
    position: r.position,
    name: r.name,
    kind: r.kind,
    unit: r.unit,
    personsPerUnit: r.persons_per_unit,
    arrivals: r.arrivals,
    pattern: r.pattern,
    monthly: parseJson(r.monthly, `profile ${r.id} monthly`),
    arrivalStart: r.arrival_start,
    arrivalEnd: r.arrival_end,
    durationMonths: r.duration_months,
  });
  if (!parsed.success) throw new StoredDataError(`profile ${r.id}: ${describeIssues(parsed.error.issues)}`);
  return canonicalProfile(parsed.data);
}

function currencyFromRow(r: CurrencyRow): Currency {
  const parsed = currencySchema.safeParse({
    code: r.code,
    rates: parseJson(r.rates, `currency ${r.code} rates`),
    inflation: r.inflation,
  });
  if (!parsed.success) throw new StoredDataError(`currency ${r.code}: ${describeIssues(parsed.error.issues)}`);
  return canonicalCurrency(parsed.data);
}

function funderFromRow(r: FunderRow): Funder {
  const parsed = funderSchema.safeParse({
    id: r.id,
    position: r.position,
    name: r.name,
    type: r.type,
    status: r.status,
    ceiling: r.ceiling,
  });
  if (!parsed.success) throw new StoredDataError(`funder ${r.id}: ${describeIssues(parsed.error.issues)}`);
  return canonicalFunder(parsed.data);
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
    driver: JSON.stringify(canonicalDriver(l.driver)),
    justification: l.justification,
    eligible_indirect: l.eligibleIndirect ? 1 : 0,
    eligible_contingency: l.eligibleContingency ? 1 : 0,
    currency: l.currency,
    funding: JSON.stringify(l.funding.map((f) => ({ funderId: f.funderId, share: f.share }))),
    beneficiaries_per_unit: l.beneficiariesPerUnit,
    non_migrant_share: l.nonMigrantShare,
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
    communities: p.communities,
    inflation: p.inflation,
  };
}

function profileParams(p: Profile): ProfileRow {
  return {
    id: p.id,
    position: p.position,
    name: p.name,
    kind: p.kind,
    unit: p.unit,
    persons_per_unit: p.personsPerUnit,
    arrivals: p.arrivals,
    pattern: p.pattern,
    monthly: JSON.stringify(p.monthly),
    arrival_start: p.arrivalStart,
    arrival_end: p.arrivalEnd,
    duration_months: p.durationMonths,
  };
}

function currencyParams(c: Currency): CurrencyRow {
  return { code: c.code, rates: JSON.stringify(c.rates), inflation: c.inflation };
}

function funderParams(f: Funder): FunderRow {
  return { id: f.id, position: f.position, name: f.name, type: f.type, status: f.status, ceiling: f.ceiling };
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
    this.stmt(upsertSql('programme', `id, ${PROGRAMME_COLUMNS}`, 'id')).run({ id: 1, ...programmeParams(p) });
  }

  /** All lines in model order (level, then position). */
  readLines(): BudgetLine[] {
    const rows = this.stmt(`SELECT ${LINE_COLUMNS} FROM budget_line`).all() as LineRow[];
    return rows.map(lineFromRow).sort(compareLines);
  }

  /** Inserts a line, or replaces every column of the line with the same id. */
  putLine(l: BudgetLine): void {
    this.stmt(upsertSql('budget_line', LINE_COLUMNS, 'id')).run(lineParams(l));
  }

  deleteLine(id: string): void {
    this.stmt(`DELETE FROM budget_line WHERE id = ?`).run(id);
  }

  /** Returnee profiles in position order. */
  readProfiles(): Profile[] {
    const rows = this.stmt(`SELECT ${PROFILE_COLUMNS} FROM profile`).all() as ProfileRow[];
    return rows.map(profileFromRow).sort(compareByPosition);
  }

  putProfile(p: Profile): void {
    this.stmt(upsertSql('profile', PROFILE_COLUMNS, 'id')).run(profileParams(p));
  }

  deleteProfile(id: string): void {
    this.stmt(`DELETE FROM profile WHERE id = ?`).run(id);
  }

  /** Local currencies, by code. */
  readCurrencies(): Currency[] {
    const rows = this.stmt(`SELECT ${CURRENCY_COLUMNS} FROM currency`).all() as CurrencyRow[];
    return rows.map(currencyFromRow).sort(compareCurrencies);
  }

  putCurrency(c: Currency): void {
    this.stmt(upsertSql('currency', CURRENCY_COLUMNS, 'code')).run(currencyParams(c));
  }

  deleteCurrency(code: string): void {
    this.stmt(`DELETE FROM currency WHERE code = ?`).run(code);
  }

  /** Funding sources in position order. */
  readFunders(): Funder[] {
    const rows = this.stmt(`SELECT ${FUNDER_COLUMNS} FROM funder`).all() as FunderRow[];
    return rows.map(funderFromRow).sort(compareByPosition);
  }

  putFunder(f: Funder): void {
    this.stmt(upsertSql('funder', FUNDER_COLUMNS, 'id')).run(funderParams(f));
  }

  deleteFunder(id: string): void {
    this.stmt(`DELETE FROM funder WHERE id = ?`).run(id);
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
