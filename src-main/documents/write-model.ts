/**
 * Building a .rcs file from a Model in one go — for new blank programmes, the sample builder,
 * the benchmark and test fixtures. The file is built under a hidden temporary name and moved
 * into place only when complete.
 */
import fs from 'node:fs';
import {
  type BudgetLine,
  budgetLineSchema,
  type ChangeLogEntry,
  LEVELS,
  type Model,
  type Programme,
  programmeSchema,
  validateLineAgainstProgramme,
} from '../../src-shared/model';
import {
  canonicalLine,
  canonicalProgramme,
  compareLines,
  createDatabaseFile,
  DocumentRepository,
  type Migration,
  MIGRATIONS,
  runMigrations,
} from '../db';
import {
  fsyncFile,
  moveIntoPlaceNoClobber,
  moveIntoPlaceReplacing,
  removeQuietly,
  TargetExistsError,
  tempPathBeside,
} from './files';

export class InvalidModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidModelError';
  }
}

export interface WriteModelOptions {
  /** Replace an existing file at `path` (default: refuse with TargetExistsError). */
  overwrite?: boolean;
  /** Change-log rows to write with the model (e.g. "Created the programme"). */
  changeLog?: Omit<ChangeLogEntry, 'id'>[];
  /** Tests only: the migration list that defines the schema to write. */
  migrations?: readonly Migration[];
}

/**
 * Validates `model` with the model schemas (and every line's window against the programme),
 * gives each level dense positions 0..n-1 in the order of (position, array order), and returns
 * it in canonical form. Throws InvalidModelError naming the first problem.
 */
export function normaliseModel(model: Model): Model {
  const p = programmeSchema.safeParse(model.programme);
  if (!p.success) {
    throw new InvalidModelError(
      `programme: ${p.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const programme: Programme = canonicalProgramme(p.data);
  const ids = new Set<string>();
  const parsed: BudgetLine[] = model.lines.map((raw, i) => {
    const r = budgetLineSchema.safeParse(raw);
    if (!r.success) {
      throw new InvalidModelError(
        `line ${i} (${String((raw as { name?: unknown }).name)}): ${r.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`,
      );
    }
    if (ids.has(r.data.id)) throw new InvalidModelError(`line ${i}: duplicate id ${r.data.id}`);
    ids.add(r.data.id);
    const cross = validateLineAgainstProgramme(r.data, programme);
    const first = Object.entries(cross)[0];
    if (first) throw new InvalidModelError(`line ${i} (${r.data.name}): ${first[0]} ${first[1]}`);
    return r.data;
  });
  const lines: BudgetLine[] = [];
  for (const level of LEVELS) {
    const ofLevel = parsed
      .map((l, order) => ({ l, order }))
      .filter((x) => x.l.level === level)
      .sort((a, b) => a.l.position - b.l.position || a.order - b.order);
    ofLevel.forEach((x, position) => lines.push(canonicalLine({ ...x.l, position })));
  }
  return { programme, lines: lines.sort(compareLines) };
}

/** Writes `model` as a new .rcs file at `path` (current schema). Returns the normalised model written. */
export function writeModelToFile(path: string, model: Model, options: WriteModelOptions = {}): Model {
  const normal = normaliseModel(model);
  if (!options.overwrite && fs.existsSync(path)) throw new TargetExistsError(path);
  const tmp = tempPathBeside(path);
  try {
    const db = createDatabaseFile(tmp);
    try {
      runMigrations(db, options.migrations ?? MIGRATIONS);
      const repo = new DocumentRepository(db);
      db.transaction(() => {
        repo.insertModel(normal);
        for (const entry of options.changeLog ?? []) repo.appendChangeLog(entry);
      }).immediate();
    } finally {
      db.close();
    }
    fsyncFile(tmp);
    if (options.overwrite) moveIntoPlaceReplacing(tmp, path);
    else moveIntoPlaceNoClobber(tmp, path);
  } finally {
    removeQuietly(tmp);
  }
  return normal;
}

/** The model of a new blank programme. */
export function blankModel(title: string, author: string, now: Date = new Date()): Model {
  const startMonth = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  return {
    programme: {
      title: title.trim().slice(0, 200) || 'New programme',
      reportingCurrency: 'EUR',
      startMonth,
      durationMonths: 36,
      indirectRate: '0',
      contingencyRate: '0',
      author: author.slice(0, 200),
      notes: '',
      donorProfile: 'none',
    },
    lines: [],
  };
}
