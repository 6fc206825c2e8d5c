/**
 * DocumentService: one open programme file at a time (plain Node, no Electron).
 *
 * - Opening inspects the file read-only first (see db/connection.ts inspectFile) and refuses
 *   foreign, damaged and unreadable newer files without writing a byte. An older file is copied
 *   to a backup beside it, then migrated. A file locked by another process, or from a newer
 *   version, opens read-only.
 * - Every command is ONE synchronous transaction (row changes + a change-log row), planned by
 *   commands.ts. Nothing is written when a command is refused.
 * - Undo/redo live here, per document: each step is the list of row changes of one command,
 *   replayed (before-states in reverse for undo, after-states for redo) in one transaction.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  ApiFailure,
  type Command,
  type HistoryLabel,
  commandSchema,
  type DocumentInfo,
  type ReadOnlyReason,
  type Snapshot,
} from '../../src-shared/api';
import {
  type BudgetLine,
  type ChangeLogEntry,
  compareByPosition,
  compareCurrencies,
  compareLines,
  type Currency,
  type Funder,
  type Model,
  type Profile,
  type Programme,
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
  StoredDataError,
} from '../db';
import { type ModelState, planCommand, type RowChange } from '../../src-shared/commands';
import {
  fsyncFile,
  makeBackup,
  moveIntoPlaceNoClobber,
  isErrno,
  removeQuietly,
  TargetExistsError,
  tempPathBeside,
} from './files';
import { acquireLock, type DocumentLock, type LockOwner, type LockResult } from './lock';
import {
  fileExists,
  inspectionFailure,
  migrationFailed,
  newerVersionRefused,
  readOnlyRefusal,
  restoreFailed,
  storedDataFailure,
  writeFailed,
  writeProtected,
} from './messages';
import { fieldsFromZod, validationFailure } from '../../src-shared/commands';
import { blankModel, writeModelToFile } from './write-model';

export interface DocumentServiceOptions {
  /** Author written to the change log (from settings). */
  author?: () => string;
  /** Clock for change-log times (tests). */
  now?: () => Date;
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
  changes: RowChange[];
}

/** The name of what a command acts on, read from the state before it and the rows it writes. */
function historyLabel(command: Command, before: ModelState, changes: readonly RowChange[]): HistoryLabel {
  const named = (row: { name: string } | null | undefined): string | null => row?.name ?? null;
  switch (command.type) {
    case 'programme.update':
      return { action: command.type, name: null };
    case 'currency.put':
      return { action: command.type, name: command.currency.code };
    case 'currency.delete':
      return { action: command.type, name: command.code };
    case 'line.add':
    case 'profile.add':
    case 'funder.add': {
      const created = changes.find((c) => c.table !== 'programme' && c.before === null);
      return {
        action: command.type,
        name: created && created.table !== 'programme' && created.table !== 'currency' ? named(created.after) : null,
      };
    }
    case 'line.update':
    case 'line.duplicate':
    case 'line.delete':
    case 'line.move':
      return { action: command.type, name: named(before.lines.get(command.id)) };
    case 'profile.update':
    case 'profile.delete':
    case 'profile.move':
      return { action: command.type, name: named(before.profiles.get(command.id)) };
    case 'funder.update':
    case 'funder.delete':
    case 'funder.move':
      return { action: command.type, name: named(before.funders.get(command.id)) };
  }
}

/** The state of one open file. */
class OpenDocument {
  programme: Programme;
  readonly lines = new Map<string, BudgetLine>();
  readonly profiles = new Map<string, Profile>();
  readonly currencies = new Map<string, Currency>();
  readonly funders = new Map<string, Funder>();
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
  }

  state(): ModelState {
    return {
      programme: this.programme,
      lines: this.lines,
      profiles: this.profiles,
      currencies: this.currencies,
      funders: this.funders,
    };
  }

  model(): Model {
    if (!this.cachedModel) {
      this.cachedModel = {
        programme: this.programme,
        lines: [...this.lines.values()].sort(compareLines),
        profiles: [...this.profiles.values()].sort(compareByPosition),
        currencies: [...this.currencies.values()].sort(compareCurrencies),
        funders: [...this.funders.values()].sort(compareByPosition),
      };
    }
    return this.cachedModel;
  }

  /** True when `id` names no line, profile or funder (ids are unique across the three). */
  isFreeId(id: string): boolean {
    return !this.lines.has(id) && !this.profiles.has(id) && !this.funders.has(id);
  }

  /** Applies committed changes to the in-memory copy (`target` picks the before or after state). */
  applyInMemory(changes: readonly RowChange[], target: 'before' | 'after'): void {
    for (const c of changes) {
      switch (c.table) {
        case 'programme':
          this.programme = c[target];
          break;
        case 'line':
          setOrDelete(this.lines, c.id, c[target]);
          break;
        case 'profile':
          setOrDelete(this.profiles, c.id, c[target]);
          break;
        case 'currency':
          setOrDelete(this.currencies, c.id, c[target]);
          break;
        case 'funder':
          setOrDelete(this.funders, c.id, c[target]);
          break;
      }
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

export class DocumentService {
  private doc: OpenDocument | null = null;
  private readonly author: () => string;
  private readonly now: () => Date;
  private readonly undoLimit: number;
  private readonly migrations: readonly Migration[];

  constructor(options: DocumentServiceOptions = {}) {
    this.author = options.author ?? (() => '');
    this.now = options.now ?? (() => new Date());
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
  create(filePath: string, model?: Model): Snapshot {
    const abs = path.resolve(filePath);
    const at = this.now().toISOString();
    const initial = model ?? blankModel(path.basename(abs, path.extname(abs)), this.author(), this.now());
    try {
      writeModelToFile(abs, initial, {
        migrations: this.migrations,
        changeLog: [{ at, author: this.author(), summary: 'Created the programme' }],
      });
    } catch (err) {
      if (err instanceof TargetExistsError) throw fileExists(abs);
      throw asIoFailure(err);
    }
    return this.open(abs);
  }

  /** Opens `filePath`, closing the programme open before (only once the new one opened). */
  open(filePath: string, options: OpenOptions = {}): Snapshot {
    const abs = path.resolve(filePath);
    if (this.doc && this.doc.path === abs) this.close();
    const next = this.openFile(abs, options.readOnly ?? false);
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

  /** Runs one command: validate, plan, commit in one transaction, record for undo. */
  command(command: Command): Snapshot {
    const doc = this.requireWritable();
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error, ['fields', 'patch', 'currency']));
    const state = doc.state();
    const plan = planCommand(state, parsed.data, { newId: () => newId(doc) });
    if (plan.changes.length === 0) return this.snapshot();
    const label = historyLabel(parsed.data, state, plan.changes);
    this.commit(doc, plan.changes, 'after', plan.summary);
    doc.undoStack.push({ summary: plan.summary, label, changes: plan.changes });
    if (doc.undoStack.length > this.undoLimit) doc.undoStack.shift();
    doc.redoStack = [];
    return this.snapshot();
  }

  undo(): Snapshot {
    const doc = this.requireWritable();
    const step = doc.undoStack.at(-1);
    if (!step) throw new ApiFailure('validation', 'There is nothing to undo.');
    this.commit(doc, [...step.changes].reverse(), 'before', `Undid: ${step.summary}`);
    doc.undoStack.pop();
    doc.redoStack.push(step);
    return this.snapshot();
  }

  redo(): Snapshot {
    const doc = this.requireWritable();
    const step = doc.redoStack.at(-1);
    if (!step) throw new ApiFailure('validation', 'There is nothing to redo.');
    this.commit(doc, step.changes, 'after', `Redid: ${step.summary}`);
    doc.redoStack.pop();
    doc.undoStack.push(step);
    return this.snapshot();
  }

  /** Newest first. */
  changeLog(limit = 500): ChangeLogEntry[] {
    const doc = this.requireOpen();
    try {
      return doc.repo.readChangeLog(limit);
    } catch (err) {
      if (doc.readOnlyReason === 'newerVersion') return [];
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
    if (abs === doc.path || fs.existsSync(abs)) throw fileExists(abs);
    const tmp = tempPathBeside(abs);
    try {
      doc.repo.vacuumInto(tmp);
      fsyncFile(tmp);
      moveIntoPlaceNoClobber(tmp, abs);
    } catch (err) {
      if (err instanceof TargetExistsError) throw fileExists(abs);
      throw asIoFailure(err);
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
    if (doc.readOnlyReason) throw readOnlyRefusal(doc.path, doc.readOnlyReason, doc.lockOwner);
    return doc;
  }

  /** Writes `changes` (their `target` states) and a change-log row in ONE transaction. */
  private commit(doc: OpenDocument, changes: readonly RowChange[], target: 'before' | 'after', summary: string): void {
    const at = this.now().toISOString();
    const author = this.author();
    const repo = doc.repo;
    try {
      doc.db
        .transaction(() => {
          for (const c of changes) writeChange(repo, c, target);
          repo.appendChangeLog({ at, author, summary });
        })
        .immediate();
    } catch (err) {
      throw asIoFailure(err);
    }
    doc.applyInMemory(changes, target);
    doc.revision++;
    doc.savedAt = at;
  }

  /**
   * Takes the lock needed to write `abs`. A write-protected file or folder (a read-only share, an
   * attachment folder) is refused with 'io' and advice to open it read-only.
   */
  private lockForWriting(abs: string): LockResult {
    try {
      fs.accessSync(abs, fs.constants.W_OK);
      fs.accessSync(path.dirname(abs), fs.constants.W_OK);
      return acquireLock(abs);
    } catch (err) {
      if (isErrno(err, 'EACCES') || isErrno(err, 'EPERM') || isErrno(err, 'EROFS')) throw writeProtected(abs);
      throw asIoFailure(err);
    }
  }

  /** The opening rules. Throws ApiFailure; never leaves a connection or lock behind on failure. */
  private openFile(abs: string, readOnly: boolean): OpenDocument {
    const migrations = this.migrations;
    const current = migrations.length;
    let insp = inspectFile(abs, migrations);
    let lock: DocumentLock | null = null;
    let owner: LockOwner | null = null;

    if (insp.status === 'hotJournal' && !readOnly) {
      // An interrupted write: only a writable connection can roll it back. Do that under our lock.
      const res = this.lockForWriting(abs);
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
          throw inspectionFailure(abs, { status: 'damaged', detail: 'rollback failed' });
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
        return fail(inspectionFailure(abs, insp));
    }

    if (insp.status === 'newer') {
      lock?.release();
      const db = insp.db;
      let model: Model;
      try {
        model = new DocumentRepository(db).readModel();
      } catch {
        db.close();
        throw newerVersionRefused(abs, insp.version, current);
      }
      return new OpenDocument(abs, db, null, 'newerVersion', null, insp.version, null, model);
    }

    const version = insp.version;
    if (!readOnly && !lock) {
      let res: LockResult;
      try {
        res = this.lockForWriting(abs);
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
        if (err instanceof StoredDataError) throw storedDataFailure(abs);
        if (version < current) throw migrationFailed(abs, version);
        throw err;
      }
    }

    // Writable, under our lock.
    insp.db.close();
    let migratedFrom: { version: number; backupPath: string } | null = null;
    if (version < current) {
      let backupPath: string;
      try {
        backupPath = makeBackup(abs, version);
      } catch (err) {
        return fail(asIoFailure(err));
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
          restoreFromBackup(abs, backupPath) ? migrationFailed(abs, version) : restoreFailed(abs, backupPath),
        );
      }
    }

    let db: Db;
    try {
      db = openWritable(abs);
    } catch (err) {
      return fail(asIoFailure(err));
    }
    try {
      const model = new DocumentRepository(db).readModel();
      return new OpenDocument(abs, db, lock, null, null, Math.max(version, current), migratedFrom, model);
    } catch (err) {
      db.close();
      if (migratedFrom && !restoreFromBackup(abs, migratedFrom.backupPath)) {
        return fail(restoreFailed(abs, migratedFrom.backupPath));
      }
      if (err instanceof StoredDataError) return fail(storedDataFailure(abs));
      return fail(asIoFailure(err));
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

/** A random id (12 URL-safe characters, 72 bits) not used by any line, profile or funder. */
function newId(doc: OpenDocument): string {
  for (;;) {
    const id = randomBytes(9).toString('base64url');
    if (doc.isFreeId(id)) return id;
  }
}

function setOrDelete<T>(map: Map<string, T>, id: string, row: T | null): void {
  if (row) map.set(id, row);
  else map.delete(id);
}

/** Writes the `target` state of one row change (null = the row does not exist in that state). */
function writeChange(repo: DocumentRepository, c: RowChange, target: 'before' | 'after'): void {
  switch (c.table) {
    case 'programme':
      repo.putProgramme(c[target]);
      return;
    case 'line': {
      const row = c[target];
      if (row) repo.putLine(row);
      else repo.deleteLine(c.id);
      return;
    }
    case 'profile': {
      const row = c[target];
      if (row) repo.putProfile(row);
      else repo.deleteProfile(c.id);
      return;
    }
    case 'currency': {
      const row = c[target];
      if (row) repo.putCurrency(row);
      else repo.deleteCurrency(c.id);
      return;
    }
    case 'funder': {
      const row = c[target];
      if (row) repo.putFunder(row);
      else repo.deleteFunder(c.id);
      return;
    }
  }
}

/** Disk/OS refusals become 'io' failures a person can act on; anything else stays an internal error. */
function asIoFailure(err: unknown): unknown {
  if (err instanceof ApiFailure) return err;
  if (isIoError(err)) return writeFailed(err instanceof Error ? err.message : String(err));
  return err;
}
