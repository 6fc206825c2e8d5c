/**
 * DocumentService: one open programme file at a time (plain Node, no Electron).
 *
 * - Opening inspects the file read-only first (see db/connection.ts inspectFile) and refuses
 *   foreign, damaged and unreadable newer files without writing a byte. An older file is migrated
 *   and read in memory first, then copied to a backup beside it, then migrated. A file locked by another process, or from a newer
 *   version, opens read-only.
 * - Every command is ONE synchronous transaction (row changes + a change-log row), planned by
 *   commands.ts. Nothing is written when a command is refused.
 * - Undo/redo live here, per document: each step is the list of row changes of one command,
 *   replayed (before-states in reverse for undo, after-states for redo) in one transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  ApiFailure,
  type Command,
  type HistoryLabel,
  commandSchema,
  type Delta,
  type DocumentInfo,
  type ReadOnlyReason,
  type Snapshot,
} from '../../src-shared/api';
import {
  type BudgetLine,
  type ChangeLogEntry,
  canonicalProgramme,
  type Currency,
  defaultIndirectBase,
  type EntityName,
  type EntityRows,
  type Funder,
  type ParameterRange,
  type Partner,
  type Scenario,
  type Synergy,
  MODEL_KEYS,
  type Model,
  type NewChangeLogEntry,
  type Profile,
  type Programme,
  type RowWrite,
} from '../../src-shared/model';
import {
  type Db,
  DocumentRepository,
  inspectFile,
  isIoError,
  type Migration,
  MIGRATIONS,
  openInMemoryCopy,
  openWritable,
  runMigrations,
  sqliteCode,
  StoredDataError,
} from '../db';
import {
  fieldChanges,
  modelOfState,
  type ModelState,
  planCommand,
  type RowChange,
  writesOf,
} from '../../src-shared/commands';
import {
  fsyncFile,
  makeBackup,
  moveIntoPlaceNoClobber,
  isErrno,
  removeQuietly,
  TargetExistsError,
  tempPathBeside,
} from './files';
import { acquireLock, type DocumentLock, heldByThisProcess, type LockOwner, type LockResult, realPathOf } from './lock';
import {
  changeLogDamaged,
  fileExists,
  inspectionFailure,
  migrationFailed,
  newerVersionRefused,
  notLocked,
  openHereElsewhere,
  readOnlyRefusal,
  restoreFailed,
  storedDataFailure,
  writeFailed,
  writeProtected,
} from './messages';
import { fieldsFromZod, validationFailure } from '../../src-shared/commands';
import type { Locale } from '../../src-shared/money';
import { blankModel, writeModelToFile } from './write-model';

export interface DocumentServiceOptions {
  /** Author written to the change log (from settings). */
  author?: () => string;
  /** Clock for change-log times (tests). */
  now?: () => Date;
  /** The user's language (from settings): refusals are written in it (messages.ts). Default English. */
  locale?: () => Locale;
  /** How many undo steps to keep (default 500). */
  undoLimit?: number;
  /** Tests only: the schema migration list (to exercise migrations of older/newer files). */
  migrations?: readonly Migration[];
}

export interface OpenOptions {
  readOnly?: boolean;
}

interface UndoStep {
  summary: string;
  label: HistoryLabel;
  /** The key of the row the command acted on (its change log keeps that row's move). */
  target: string | null;
  changes: RowChange[];
}

/** The change log row of a step: done, undone or redone. */
function logEntry(kind: 'command' | 'undo' | 'redo', step: UndoStep): Omit<NewChangeLogEntry, 'at' | 'author'> {
  const summary =
    kind === 'undo' ? `Undid: ${step.summary}` : kind === 'redo' ? `Redid: ${step.summary}` : step.summary;
  const { fields, omitted } = fieldChanges(step.changes, step.target);
  // Undo takes every field back: the change log says so, value by value.
  const shown = kind === 'undo' ? fields.map((f) => ({ ...f, before: f.after, after: f.before })) : fields;
  return { summary, kind, command: step.label.action, target: step.label.name, fields: shown, omitted };
}

/** The state of one open file. */
class OpenDocument {
  programme: Programme;
  readonly lines = new Map<string, BudgetLine>();
  readonly profiles = new Map<string, Profile>();
  readonly currencies = new Map<string, Currency>();
  readonly funders = new Map<string, Funder>();
  readonly partners = new Map<string, Partner>();
  readonly synergies = new Map<string, Synergy>();
  readonly scenarios = new Map<string, Scenario>();
  readonly ranges = new Map<string, ParameterRange>();
  private cachedModel: Model | null = null;
  undoStack: UndoStep[] = [];
  redoStack: UndoStep[] = [];
  revision = 0;
  savedAt: string | null = null;
  readonly repo: DocumentRepository;

  constructor(
    readonly path: string,
    readonly db: Db,
    readonly lock: DocumentLock | null,
    readonly readOnlyReason: ReadOnlyReason | null,
    readonly lockOwner: LockOwner | null,
    readonly schemaVersion: number,
    readonly migratedFrom: { version: number; backupPath: string } | null,
    model: Model,
  ) {
    this.repo = new DocumentRepository(db);
    this.programme = model.programme;
    for (const l of model.lines) this.lines.set(l.id, l);
    for (const p of model.profiles) this.profiles.set(p.id, p);
    for (const c of model.currencies) this.currencies.set(c.code, c);
    for (const f of model.funders) this.funders.set(f.id, f);
    for (const p of model.partners) this.partners.set(p.id, p);
    for (const s of model.synergies) this.synergies.set(s.id, s);
    for (const s of model.scenarios) this.scenarios.set(s.id, s);
    for (const r of model.ranges) this.ranges.set(r.id, r);
  }

  state(): ModelState {
    return {
      programme: this.programme,
      lines: this.lines,
      profiles: this.profiles,
      currencies: this.currencies,
      funders: this.funders,
      partners: this.partners,
      synergies: this.synergies,
      scenarios: this.scenarios,
      ranges: this.ranges,
    };
  }

  model(): Model {
    // Keys in the model's own order, so equal models serialise identically.
    if (!this.cachedModel) this.cachedModel = modelOfState(this.state());
    return this.cachedModel;
  }

  private rowsOf<K extends EntityName>(name: K): Map<string, EntityRows[K]> {
    return this[MODEL_KEYS[name]] as unknown as Map<string, EntityRows[K]>;
  }

  /** Applies committed writes to the in-memory copy. */
  applyInMemory(writes: readonly RowWrite[]): void {
    for (const w of writes) {
      if (w.table === 'programme') this.programme = w.row;
      else if (w.row) this.rowsOf(w.table).set(w.id, w.row);
      else this.rowsOf(w.table).delete(w.id);
    }
    this.cachedModel = null;
  }

  close(): void {
    try {
      if (this.db.open) this.db.close();
    } finally {
      this.lock?.release();
    }
  }
}

/** A committed change of the open document, and the window that asked for it (null: unknown). */
export interface DocumentChange {
  delta: Delta;
  origin: string | null;
}
export type ChangeListener = (change: DocumentChange) => void;

export class DocumentService {
  private doc: OpenDocument | null = null;
  private readonly listeners = new Set<ChangeListener>();
  private readonly author: () => string;
  private readonly now: () => Date;
  private readonly locale: () => Locale;
  private readonly undoLimit: number;
  private readonly migrations: readonly Migration[];

  constructor(options: DocumentServiceOptions = {}) {
    this.author = options.author ?? (() => '');
    this.now = options.now ?? (() => new Date());
    this.locale = options.locale ?? (() => 'en');
    this.undoLimit = options.undoLimit ?? 500;
    this.migrations = options.migrations ?? MIGRATIONS;
  }

  get isOpen(): boolean {
    return this.doc !== null;
  }

  /** Absolute path of the open file, or null. */
  get path(): string | null {
    return this.doc?.path ?? null;
  }

  /**
   * Creates a new .rcs file at `filePath` (refused with 'exists' if there is one) holding `model`
   * (default: a blank programme named after the file), and opens it.
   */
  create(filePath: string, model?: Model, settings: Partial<Programme> = {}): Snapshot {
    const abs = path.resolve(filePath);
    const at = this.now().toISOString();
    const blank = model ?? blankModel(path.basename(abs, path.extname(abs)), this.author(), this.now());
    const given = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
    // A donor profile chosen in the New programme dialog brings its indirect cost base with it.
    const base =
      settings.donorProfile !== undefined && settings.indirectBase === undefined
        ? { indirectBase: defaultIndirectBase(settings.donorProfile) }
        : {};
    const initial = { ...blank, programme: canonicalProgramme({ ...blank.programme, ...given, ...base }) };
    try {
      writeModelToFile(abs, initial, {
        migrations: this.migrations,
        changeLog: [createdEntry(at, this.author())],
      });
    } catch (err) {
      if (err instanceof TargetExistsError) throw fileExists(abs, this.locale());
      throw asIoFailure(err, this.locale());
    }
    return this.open(abs);
  }

  /** Opens `filePath`, closing the programme open before (only once the new one opened). */
  open(filePath: string, options: OpenOptions = {}): Snapshot {
    const abs = path.resolve(filePath);
    // The same file again (maybe by another name: a symlink): let go of it first.
    if (this.doc && (this.doc.path === abs || realPathOf(this.doc.path) === realPathOf(abs))) this.close();
    const next = this.openFile(abs, options.readOnly ?? false);
    this.close();
    this.doc = next;
    return this.snapshot();
  }

  /**
   * "Open anyway": the open programme is read-only because a lock says someone else has it open,
   * and the person is sure no one does (a lock left by a crash that cannot be told from a live one,
   * on a shared folder or from another computer). Takes the lock over and reopens it writable.
   * Refused when the file is open for writing in this very app (another window).
   */
  openAnyway(): Snapshot {
    const doc = this.requireOpen();
    if (doc.readOnlyReason !== 'locked') throw notLocked(doc.path, this.locale());
    if (heldByThisProcess(doc.path)) throw openHereElsewhere(doc.path, this.locale());
    const next = this.openFile(doc.path, false, true);
    this.close();
    this.doc = next;
    return this.snapshot();
  }

  current(): Snapshot | null {
    return this.doc ? this.snapshot() : null;
  }

  snapshot(): Snapshot {
    const doc = this.requireOpen();
    return { info: this.info(doc), model: doc.model() };
  }

  /**
   * Runs one command: validate, plan, commit in one transaction, record for undo. Returns what
   * changed (the rows written and the document info), which listeners also receive with `origin`
   * (the window that sent it), so other windows on the same file can follow.
   */
  command(command: Command, origin: string | null = null): Delta {
    const doc = this.requireWritable();
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error, ['fields', 'patch', 'currency']));
    const plan = planCommand(doc.state(), parsed.data, this.locale());
    if (plan.changes.length === 0) return { info: this.info(doc), writes: [] };
    const writes = writesOf(plan.changes, 'after');
    const step: UndoStep = {
      summary: plan.summary,
      label: plan.label,
      target: 'id' in parsed.data ? parsed.data.id : null,
      changes: plan.changes,
    };
    this.commit(doc, writes, logEntry('command', step));
    doc.undoStack.push(step);
    if (doc.undoStack.length > this.undoLimit) doc.undoStack.shift();
    doc.redoStack = [];
    return this.changed(doc, writes, origin);
  }

  undo(origin: string | null = null): Delta {
    const doc = this.requireWritable();
    const step = doc.undoStack.at(-1);
    if (!step) throw new ApiFailure('validation', 'There is nothing to undo.');
    const writes = writesOf(step.changes, 'before');
    this.commit(doc, writes, logEntry('undo', step));
    doc.undoStack.pop();
    doc.redoStack.push(step);
    return this.changed(doc, writes, origin);
  }

  redo(origin: string | null = null): Delta {
    const doc = this.requireWritable();
    const step = doc.redoStack.at(-1);
    if (!step) throw new ApiFailure('validation', 'There is nothing to redo.');
    const writes = writesOf(step.changes, 'after');
    this.commit(doc, writes, logEntry('redo', step));
    doc.redoStack.pop();
    doc.undoStack.push(step);
    return this.changed(doc, writes, origin);
  }

  /** Called after every committed command, undo and redo (the event channel listens here). */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(doc: OpenDocument, writes: RowWrite[], origin: string | null): Delta {
    const delta: Delta = { info: this.info(doc), writes };
    for (const listener of this.listeners) {
      try {
        listener({ delta, origin });
      } catch {
        // A listener (a window that went away) never undoes a committed command.
      }
    }
    return delta;
  }

  /** Newest first. */
  changeLog(limit = 500): ChangeLogEntry[] {
    const doc = this.requireOpen();
    try {
      return doc.repo.readChangeLog(limit);
    } catch (err) {
      if (doc.readOnlyReason === 'newerVersion') return [];
      if (err instanceof StoredDataError) throw changeLogDamaged(doc.path, err.message, this.locale());
      throw err;
    }
  }

  /**
   * Copies the open programme to `newPath` (refused with 'exists' if there is a file) and
   * continues in the copy: the lock moves to the copy; undo history is kept. A read-only
   * programme becomes editable this way (unless it is from a newer version).
   */
  saveAs(newPath: string): Snapshot {
    const doc = this.requireOpen();
    const abs = path.resolve(newPath);
    if (abs === doc.path || fs.existsSync(abs)) throw fileExists(abs, this.locale());
    const tmp = tempPathBeside(abs);
    try {
      doc.repo.vacuumInto(tmp);
      fsyncFile(tmp);
      moveIntoPlaceNoClobber(tmp, abs);
    } catch (err) {
      if (err instanceof TargetExistsError) throw fileExists(abs, this.locale());
      throw asIoFailure(err, this.locale());
    } finally {
      removeQuietly(tmp);
    }
    const next = this.openFile(abs, false);
    if (next.readOnlyReason === null && doc.readOnlyReason === null) {
      next.undoStack = doc.undoStack;
      next.redoStack = doc.redoStack;
    }
    next.revision = doc.revision;
    next.savedAt = this.now().toISOString();
    this.close();
    this.doc = next;
    return this.snapshot();
  }

  /** Closes the open programme (if any) and releases its lock. */
  close(): void {
    const doc = this.doc;
    this.doc = null;
    doc?.close();
  }

  // ---------------------------------------------------------------------------------------------

  private info(doc: OpenDocument): DocumentInfo {
    const undo = doc.undoStack.at(-1);
    const redo = doc.redoStack.at(-1);
    const writable = doc.readOnlyReason === null;
    return {
      path: doc.path,
      name: path.basename(doc.path),
      readOnly: !writable,
      readOnlyReason: doc.readOnlyReason,
      canUndo: writable && undo !== undefined,
      canRedo: writable && redo !== undefined,
      undoSummary: writable ? (undo?.summary ?? null) : null,
      redoSummary: writable ? (redo?.summary ?? null) : null,
      undoLabel: writable ? (undo?.label ?? null) : null,
      redoLabel: writable ? (redo?.label ?? null) : null,
      savedAt: doc.savedAt,
      revision: doc.revision,
      schemaVersion: doc.schemaVersion,
      migratedFrom: doc.migratedFrom,
    };
  }

  private requireOpen(): OpenDocument {
    if (!this.doc) throw new ApiFailure('noDocument', 'No programme is open. Open or create one first.');
    return this.doc;
  }

  private requireWritable(): OpenDocument {
    const doc = this.requireOpen();
    if (doc.readOnlyReason) throw readOnlyRefusal(doc.path, doc.readOnlyReason, doc.lockOwner, this.locale());
    return doc;
  }

  /** Writes `writes` and a change-log row in ONE transaction. */
  private commit(
    doc: OpenDocument,
    writes: readonly RowWrite[],
    entry: Omit<NewChangeLogEntry, 'at' | 'author'>,
  ): void {
    const at = this.now().toISOString();
    const author = this.author();
    const repo = doc.repo;
    try {
      doc.db
        .transaction(() => {
          for (const w of writes) repo.write(w);
          repo.appendChangeLog({ ...entry, at, author });
        })
        .immediate();
    } catch (err) {
      throw asIoFailure(err, this.locale());
    }
    doc.applyInMemory(writes);
    doc.revision++;
    doc.savedAt = at;
  }

  /**
   * Takes the lock needed to write `abs`. A write-protected file or folder (a read-only share, an
   * attachment folder) is refused with 'io' and advice to open it read-only.
   */
  private lockForWriting(abs: string, force = false): LockResult {
    try {
      fs.accessSync(abs, fs.constants.W_OK);
      fs.accessSync(path.dirname(realPathOf(abs)), fs.constants.W_OK);
      return acquireLock(abs, { force });
    } catch (err) {
      if (isErrno(err, 'EACCES') || isErrno(err, 'EPERM') || isErrno(err, 'EROFS'))
        throw writeProtected(abs, this.locale());
      throw asIoFailure(err, this.locale());
    }
  }

  /** The opening rules. Throws ApiFailure; never leaves a connection or lock behind on failure. */
  private openFile(abs: string, readOnly: boolean, force = false): OpenDocument {
    const migrations = this.migrations;
    const current = migrations.length;
    let insp = inspectFile(abs, migrations);
    let lock: DocumentLock | null = null;
    let owner: LockOwner | null = null;

    if (insp.status === 'hotJournal' && !readOnly) {
      // An interrupted write: only a writable connection can roll it back. Do that under our lock.
      const res = this.lockForWriting(abs, force);
      if (res.acquired) {
        lock = res.lock;
        try {
          const w = openWritable(abs);
          try {
            w.pragma('quick_check');
          } finally {
            w.close();
          }
        } catch {
          lock.release();
          throw inspectionFailure(abs, { status: 'damaged', detail: 'rollback failed' }, this.locale());
        }
        insp = inspectFile(abs, migrations);
      }
    }

    const fail = (failure: unknown): never => {
      lock?.release();
      throw failure;
    };

    switch (insp.status) {
      case 'ok':
      case 'newer':
        break;
      default:
        return fail(inspectionFailure(abs, insp, this.locale()));
    }

    if (insp.status === 'newer') {
      lock?.release();
      const db = insp.db;
      let model: Model;
      try {
        model = new DocumentRepository(db).readModel();
      } catch {
        db.close();
        throw newerVersionRefused(abs, insp.version, current, this.locale());
      }
      return new OpenDocument(abs, db, null, 'newerVersion', null, insp.version, null, model);
    }

    const version = insp.version;
    if (!readOnly && !lock) {
      let res: LockResult;
      try {
        res = this.lockForWriting(abs, force);
      } catch (err) {
        insp.db.close();
        throw err;
      }
      if (res.acquired) lock = res.lock;
      else owner = res.owner;
    }

    if (!lock) {
      // Read-only: as requested, or because another process has the file open. Nothing is written;
      // an older file is migrated in memory only.
      const reason: ReadOnlyReason = readOnly ? 'requested' : 'locked';
      let db = insp.db;
      try {
        if (version < current) {
          const bytes = db.serialize();
          db.close();
          db = openInMemoryCopy(bytes);
          runMigrations(db, migrations);
        }
        const model = new DocumentRepository(db).readModel();
        return new OpenDocument(abs, db, null, reason, reason === 'locked' ? owner : null, version, null, model);
      } catch (err) {
        if (db.open) db.close();
        if (err instanceof StoredDataError) throw storedDataFailure(abs, err.message, this.locale());
        if (version < current) throw migrationFailed(abs, version, this.locale());
        throw asOpenFailure(abs, err, this.locale());
      }
    }

    // Writable, under our lock. An older file is first migrated and read in memory: one that cannot
    // be (a row out of its domain, a migration that fails on it) is refused before a backup is
    // made or a byte written, and the restore below is left for what only the disk can refuse.
    if (version < current) {
      let mem: Db | null = null;
      try {
        const bytes = insp.db.serialize();
        insp.db.close();
        mem = openInMemoryCopy(bytes);
        runMigrations(mem, migrations);
        new DocumentRepository(mem).readModel();
      } catch (err) {
        if (insp.db.open) insp.db.close();
        if (err instanceof StoredDataError) return fail(storedDataFailure(abs, err.message, this.locale()));
        return fail(migrationFailed(abs, version, this.locale()));
      } finally {
        if (mem?.open) mem.close();
      }
    }
    if (insp.db.open) insp.db.close();
    let migratedFrom: { version: number; backupPath: string } | null = null;
    if (version < current) {
      let backupPath: string;
      try {
        backupPath = makeBackup(abs, version);
      } catch (err) {
        return fail(asIoFailure(err, this.locale()));
      }
      migratedFrom = { version, backupPath };
      let db: Db | null = null;
      try {
        db = openWritable(abs);
        runMigrations(db, migrations);
        db.close();
      } catch {
        if (db?.open) db.close();
        // A later step may have failed after earlier ones committed: put the original back.
        return fail(
          restoreFromBackup(abs, backupPath)
            ? migrationFailed(abs, version, this.locale())
            : restoreFailed(abs, backupPath, this.locale()),
        );
      }
    }

    let db: Db;
    try {
      db = openWritable(abs);
    } catch (err) {
      return fail(asOpenFailure(abs, err, this.locale()));
    }
    try {
      const model = new DocumentRepository(db).readModel();
      return new OpenDocument(abs, db, lock, null, null, Math.max(version, current), migratedFrom, model);
    } catch (err) {
      db.close();
      if (migratedFrom && !restoreFromBackup(abs, migratedFrom.backupPath)) {
        return fail(restoreFailed(abs, migratedFrom.backupPath, this.locale()));
      }
      if (err instanceof StoredDataError) return fail(storedDataFailure(abs, err.message, this.locale()));
      return fail(asOpenFailure(abs, err, this.locale()));
    }
  }
}

/** Copies the pre-migration backup back over `abs` and removes it. False if that failed. */
function restoreFromBackup(abs: string, backupPath: string): boolean {
  try {
    fs.copyFileSync(backupPath, abs);
    fsyncFile(abs);
    removeQuietly(backupPath);
    return true;
  } catch {
    return false;
  }
}

/** The first row of a new file's change log. */
export function createdEntry(at: string, author: string): NewChangeLogEntry {
  return {
    at,
    author,
    summary: 'Created the programme',
    kind: 'create',
    command: null,
    target: null,
    fields: [],
    omitted: 0,
  };
}

/**
 * While a file is opened: SQLite finding it damaged past what the read-only inspection could see
 * (a table's CHECK text overwritten is only read by a writable connection; a page only read with
 * the rows) is a 'damaged' refusal; anything else as asIoFailure.
 */
function asOpenFailure(abs: string, err: unknown, locale: Locale): unknown {
  const code = sqliteCode(err);
  if (code !== null && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'SQLITE_FORMAT')) {
    return inspectionFailure(
      abs,
      { status: 'damaged', detail: err instanceof Error ? err.message : String(err) },
      locale,
    );
  }
  return asIoFailure(err, locale);
}

/** Disk/OS refusals become 'io' failures a person can act on; anything else stays an internal error. */
function asIoFailure(err: unknown, locale: Locale): unknown {
  if (err instanceof ApiFailure) return err;
  if (isIoError(err)) return writeFailed(err instanceof Error ? err.message : String(err), locale);
  return err;
}
