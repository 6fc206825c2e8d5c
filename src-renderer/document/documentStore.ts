/**
 * The document store: the snapshot of the open programme, the commands on their way to main,
 * and the last error. Pure zustand (vanilla): no DOM and no React, so it is tested in Node with
 * a fake api.
 *
 * An edit is planned here with the same pure planner main uses (src-shared/commands), applied to
 * the screen's model at once, queued, and sent to main as a `document.command`. Main answers with a
 * Delta (the rows it wrote and the document info), which is applied to `confirmed`, main's state as
 * this window knows it. Commands are sent one at a time, in order. A command the planner refuses
 * here is never sent: the refusal is shown at once and nothing moves. If main refuses one (another
 * window changed the programme meanwhile), it is dropped and the screen shows `confirmed` with the
 * commands still queued planned again on top: the refused edit is rolled back, the others survive,
 * and `lastError` says what happened.
 *
 * Rows are created with their final id (UUIDv7, made here), so nothing is remapped when main
 * answers. Changes made by another window on the same file arrive as events (`document.changed`)
 * and are applied the same way; a gap in revisions makes the store fetch the whole document again.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  ApiFailure,
  type AppEvent,
  type Api,
  type ApiError,
  type AppInfo,
  type Command,
  type Delta,
  type JobKind,
  type ExportDownload,
  type ImportCheck,
  type ImportPreview,
  type JobOutput,
  type JobRequest,
  type LibraryFile,
  type NewProgramme,
  type RecentFile,
  type Reply,
  type Settings,
  type TemplateId,
  type Snapshot,
} from '../../src-shared/api';
import { applyWrites, commandInScenario, newId, planCommand, stateOf, writesOf } from '../../src-shared/commands';
import { resolveScenario } from '../../src-shared/engine/resolve';
import type { ExportFormat } from '../../src-shared/export/request';
import type { DecimalSeparator, ImportMapping } from '../../src-shared/import';
import type { Locale } from '../../src-shared/money';
import type { ChangeLogEntry, Level, Model, RowWrite, Scenario } from '../../src-shared/model';
import { networkError } from '../api/errors';

export interface Library {
  documentsDir: string;
  files: LibraryFile[];
  recent: RecentFile[];
}

export type ActionName =
  | 'init'
  | 'command'
  | 'undo'
  | 'redo'
  | 'open'
  | 'openSample'
  | 'openDialog'
  | 'openAnyway'
  | 'create'
  | 'saveAs'
  | 'saveAsDialog'
  | 'close'
  | 'library'
  | 'settings'
  | 'job'
  | 'export'
  | 'import'
  | 'changeLog'
  | 'savePdf';

export interface Failure {
  /** Increases with every failure, so the UI can tell two equal failures apart. */
  id: number;
  action: ActionName;
  error: ApiError;
  /** An optimistic change was undone on screen. */
  rolledBack: boolean;
}

export interface DocState {
  /** Start-up finished (settings, current document and library loaded). */
  ready: boolean;
  appInfo: AppInfo | null;
  settings: Settings;
  library: Library | null;
  /** The last snapshot main returned. */
  confirmed: Snapshot | null;
  /** What the screen shows: `confirmed` plus the queued commands applied optimistically. */
  snapshot: Snapshot | null;
  /** Commands (or undo/redo) are on their way to main. */
  pending: boolean;
  /** A document-level action (open, save as, close…) is running. */
  busy: boolean;
  /** The last command was refused (cleared by the next one that succeeds). */
  saveFailed: boolean;
  lastError: Failure | null;
  /** Long jobs (verify; later export, import, Monte-Carlo) by id, as their events tell. */
  jobs: Readonly<Record<string, JobView>>;
  /**
   * The scenario this window shows and edits (null: the baseline). Every screen shows the model
   * viewModelOf() gives; every edit is made in it (commandInScenario). A scenario deleted meanwhile
   * (by undo, or another window) shows the baseline.
   */
  scenarioId: string | null;
  setScenario(id: string | null): void;
  init(): Promise<void>;
  refreshLibrary(): Promise<void>;
  /** Applies `command` at once and sends it. Resolves true when main accepted it. */
  command(command: Command): Promise<boolean>;
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
  openSample(): Promise<boolean>;
  open(path: string, readOnly: boolean): Promise<boolean>;
  openDialog(readOnly: boolean): Promise<boolean>;
  /** Takes over the lock of the programme shown read-only ('locked') and reopens it for editing. */
  openAnyway(): Promise<boolean>;
  create(name: string, programme?: NewProgramme, template?: TemplateId): Promise<boolean>;
  saveAs(name: string): Promise<boolean>;
  saveAsDialog(): Promise<boolean>;
  close(): Promise<boolean>;
  setLocale(locale: Locale): Promise<boolean>;
  /** Keeps the budget grid's column widths for this user (an empty record: the default widths). */
  setColumnWidths(widths: Readonly<Record<string, number>>): Promise<boolean>;
  dismissError(): void;
  /** Resolves when no command is queued or in flight. */
  idle(): Promise<void>;
  /**
   * Starts a job on the open programme (a kind, or a whole request: an export's); its id, or null
   * when it could not start (lastError says why).
   */
  startJob(job: JobKind | JobRequest): Promise<string | null>;
  cancelJob(jobId: string): Promise<boolean>;
  /** Desktop: the save dialog for an export; its token and file name, or null (cancelled, or refused: lastError). */
  chooseExportFile(fileName: string, format: ExportFormat): Promise<{ token: string; fileName: string } | null>;
  /** Browser mode: a done export's bytes, to save as a download (null: refused, lastError says why). */
  takeExport(jobId: string): Promise<ExportDownload | null>;
  /** Desktop: shows a saved export in the file manager. */
  showExportInFolder(jobId: string): Promise<boolean>;
  /**
   * Import, step 1: a file's bytes (base64) read by main, or (desktop, `data` null) a file chosen in
   * the native dialog; its preview, or null (cancelled, or refused: lastError says why).
   */
  readImport(name: string, data: string | null): Promise<ImportPreview | null>;
  /** Import, step 2: the row-by-row report and the lines ready (null: refused, lastError says why). */
  checkImport(
    token: string,
    mapping: ImportMapping,
    level: Level,
    decimal: DecimalSeparator | null,
  ): Promise<ImportCheck | null>;
  /** Drops the file main keeps for an import (after it, or when the person cancels). */
  discardImport(token: string): Promise<void>;
  /** The change log of the open programme, newest first (null when it could not be read). */
  changeLog(): Promise<ChangeLogEntry[] | null>;
  /**
   * Desktop only: saves the report of the scenario shown as a PDF where the person chooses; the
   * file's path, or null when the dialog was cancelled or it failed (lastError says why).
   */
  savePdf(): Promise<string | null>;
}

/** A job as this window knows it. */
export interface JobView {
  jobId: string;
  kind: JobKind;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  /** Steps done of `total` (0 of 0 until the first progress event). */
  done: number;
  total: number;
  /** When it ended: main's sentence (English; the UI words the outcome in the user's language). */
  message: string | null;
  error: ApiError | null;
  /** The file a done export made. */
  output: JobOutput | null;
  /** Order of starting, so the newest of a kind can be found. */
  seq: number;
}

export type DocStore = StoreApi<DocState>;

/** The scenario shown, or null for the baseline (or when the one chosen is gone). */
export function activeScenario(s: Pick<DocState, 'snapshot' | 'scenarioId'>): Scenario | null {
  if (s.scenarioId === null || !s.snapshot) return null;
  return stateOf(s.snapshot.model).scenarios.get(s.scenarioId) ?? null;
}

/** The last model resolved for each baseline: the same object while neither it nor the overlay changes. */
const views = new WeakMap<Model, { overlay: object; view: Model }>();

/**
 * The model every screen shows and the engine computes: the baseline, or the active scenario's
 * model (src-shared/engine/resolve.ts), which keeps every row the scenario does not touch as the
 * very same object (memoised rows and the engine's per-line caches see only what differs).
 */
export function viewModelOf(s: Pick<DocState, 'snapshot' | 'scenarioId'>): Model | null {
  const model = s.snapshot?.model ?? null;
  const scenario = activeScenario(s);
  if (!model || !scenario) return model;
  const cached = views.get(model);
  if (cached && cached.overlay === scenario.overlay) return cached.view;
  const view = resolveScenario(model, scenario.overlay).model;
  views.set(model, { overlay: scenario.overlay, view });
  return view;
}

/** The planned writes of `command` on `model`, or null when the planner refuses it. */
function tryPlan(model: Model, command: Command): RowWrite[] | null {
  try {
    return writesOf(planCommand(stateOf(model), command).changes, 'after');
  } catch (err) {
    if (err instanceof ApiFailure) return null;
    throw err;
  }
}

/** A command that creates a row, before its id is chosen. */
export type NewRowCommand =
  | Omit<Extract<Command, { type: 'line.add' }>, 'id'>
  | Omit<Extract<Command, { type: 'profile.add' }>, 'id'>
  | Omit<Extract<Command, { type: 'funder.add' }>, 'id'>
  | Omit<Extract<Command, { type: 'partner.add' }>, 'id'>
  | Omit<Extract<Command, { type: 'synergy.add' }>, 'id'>
  | Omit<Extract<Command, { type: 'line.duplicate' }>, 'newId'>;

/** `command` with a new id for the row it creates. */
export function withNewId(command: NewRowCommand, id: string = newId()): Command {
  return command.type === 'line.duplicate' ? { ...command, newId: id } : ({ ...command, id } as Command);
}

/**
 * Sends a command that creates a line, profile, funding source, partner or synergy, with a new id; returns that id
 * (the row is on screen at once), or null when the command was refused before it was sent.
 */
export function sendCreating(store: DocStore, command: NewRowCommand): string | null {
  const id = newId();
  const full = withNewId(command, id);
  const before = store.getState().snapshot?.model;
  void store.getState().command(full);
  return store.getState().snapshot?.model !== before ? id : null;
}

interface Op {
  kind: 'command' | 'undo' | 'redo';
  command: Command | null;
  /** The writes this command was planned to make on screen (null: undo/redo, known only to main). */
  planned: RowWrite[] | null;
  resolve: (ok: boolean) => void;
}

async function call<T>(fn: () => Promise<Reply<T>>): Promise<Reply<T>> {
  try {
    return await fn();
  } catch (err) {
    return { ok: false, error: networkError(err) };
  }
}

/** Where the store hears of changes made by other windows (the transport's event channel). */
export type EventSubscribe = (listener: (event: AppEvent) => void) => () => void;

export function createDocumentStore(api: Api, initialLocale: Locale = 'en', events?: EventSubscribe): DocStore {
  const ops: Op[] = [];
  /** This window's id: main tags the events of its commands with it, so they are not applied twice. */
  const origin = newId();
  let running: Promise<void> | null = null;
  let failureCounter = 0;
  /** Set while the whole document is being fetched again after a gap in revisions. */
  let resyncing: Promise<void> | null = null;

  const store = createStore<DocState>()((set, get) => {
    /**
     * The screen's model: `confirmed` with every queued command on top. Commands are planned again
     * against `confirmed` (it may have moved under them); one that no longer plans is left out of
     * the view (main will refuse it too, and the refusal will be shown).
     */
    function replay(confirmed: Snapshot): Snapshot {
      let model = confirmed.model;
      for (const op of ops) {
        if (!op.command) continue;
        const planned = tryPlan(model, op.command);
        op.planned = planned;
        if (planned) model = applyWrites(model, planned);
      }
      return model === confirmed.model ? confirmed : { info: confirmed.info, model };
    }

    function fail(action: ActionName, error: ApiError, rolledBack = false): void {
      failureCounter += 1;
      set({ lastError: { id: failureCounter, action, error, rolledBack } });
    }

    /** A new document (or none) replaces the current one: forget everything about the old. */
    function resetTo(snapshot: Snapshot | null): void {
      const samePath = snapshot !== null && snapshot.info.path === get().snapshot?.info.path;
      set({
        confirmed: snapshot,
        snapshot,
        pending: false,
        saveFailed: false,
        lastError: null,
        ...(samePath ? {} : { scenarioId: null }),
      });
    }

    /**
     * Applies a delta of revision r to `confirmed` when `confirmed` is at r - 1 (`exact`: it wrote
     * exactly `planned`, the rows already on screen, whose objects are kept); a delta already seen is
     * ignored; a gap (a change this window has not heard of) fetches the document again.
     */
    function confirm(delta: Delta, planned: RowWrite[] | null): { confirmed: Snapshot | null; exact: boolean } {
      const confirmed = get().confirmed;
      if (!confirmed || delta.info.path !== confirmed.info.path) return { confirmed, exact: false };
      const at = confirmed.info.revision;
      if (delta.writes.length === 0 && delta.info.revision === at) {
        return { confirmed: { info: delta.info, model: confirmed.model }, exact: planned?.length === 0 };
      }
      if (delta.info.revision <= at) return { confirmed, exact: false };
      if (delta.info.revision > at + 1) {
        void resync();
        return { confirmed, exact: false };
      }
      const exact = planned !== null && JSON.stringify(planned) === JSON.stringify(delta.writes);
      return {
        confirmed: { info: delta.info, model: applyWrites(confirmed.model, exact ? planned : delta.writes) },
        exact,
      };
    }

    /** Fetches the whole document again (after a gap in revisions), keeping the queued commands. */
    function resync(): Promise<void> {
      if (!resyncing) {
        resyncing = (async () => {
          const reply = await call(() => api['document.current']({}));
          if (reply.ok && reply.value) set({ confirmed: reply.value, snapshot: replay(reply.value) });
        })().finally(() => {
          resyncing = null;
        });
      }
      return resyncing;
    }

    async function pump(): Promise<void> {
      while (ops.length > 0) {
        const op = ops[0] as Op;
        const reply = await call<Delta>(() => {
          if (op.kind === 'undo') return api['document.undo']({ origin });
          if (op.kind === 'redo') return api['document.redo']({ origin });
          return api['document.command']({ command: op.command as Command, origin });
        });
        ops.shift();
        try {
          settle(op, reply);
        } catch (err) {
          // A bug here must not leave this and every later command waiting forever.
          fail(op.kind, networkError(err), op.kind === 'command');
          op.resolve(false);
        }
      }
    }

    /** Applies main's answer to one queued command (or undo, redo) and resolves it. */
    function settle(op: Op, reply: Reply<Delta>): void {
      if (reply.ok) {
        const { confirmed, exact } = confirm(reply.value, op.planned);
        const current = get().snapshot;
        set({
          confirmed,
          // When main did exactly what was planned, the screen already shows it (and the commands
          // still queued on top of it): only the document info is new.
          snapshot:
            exact && current && confirmed
              ? { info: confirmed.info, model: current.model }
              : confirmed && replay(confirmed),
          pending: ops.length > 0,
          saveFailed: false,
        });
        op.resolve(true);
      } else {
        const confirmed = get().confirmed;
        set({ snapshot: confirmed && replay(confirmed), pending: ops.length > 0, saveFailed: true });
        fail(op.kind, reply.error, op.kind === 'command');
        op.resolve(false);
      }
    }

    /** Another window changed the document (or opened another one): follow it. */
    function onEvent(event: AppEvent): void {
      const confirmed = get().confirmed;
      if (event.type === 'document.changed') {
        if (event.origin === origin || !confirmed) return;
        const next = confirm(event.delta, null).confirmed;
        if (next && next !== confirmed) set({ confirmed: next, snapshot: replay(next) });
      } else if (event.type === 'document.replaced') {
        if (event.origin === origin || event.path === (confirmed?.info.path ?? null)) return;
        void (async () => {
          await idle();
          const reply = await call(() => api['document.current']({}));
          if (reply.ok) resetTo(reply.value);
        })();
      } else if (event.type === 'job.progress') {
        updateJob(event.jobId, event.kind, { done: event.done, total: event.total });
      } else {
        updateJob(event.jobId, event.kind, {
          status: event.outcome,
          message: event.message,
          error: event.error,
          output: event.output ?? null,
          ...(event.outcome === 'done' ? { done: Math.max(1, get().jobs[event.jobId]?.total ?? 1) } : {}),
        });
      }
    }

    let jobSeq = 0;
    /** Records what an event or a reply says of a job (events may come before `job.start`'s reply). */
    /** Shown at once, kept by main; put back as it was (with main's words) when main refuses. */
    async function updateSettings(patch: Partial<Settings>): Promise<boolean> {
      const previous = get().settings;
      set({ settings: { ...previous, ...patch } });
      const reply = await call(() => api['settings.update'](patch));
      if (!reply.ok) {
        set({ settings: previous });
        fail('settings', reply.error, true);
        return false;
      }
      set({ settings: reply.value });
      return true;
    }

    function updateJob(jobId: string, kind: JobKind, patch: Partial<JobView>): void {
      const jobs = get().jobs;
      const was: JobView = jobs[jobId] ?? {
        jobId,
        kind,
        status: 'running',
        done: 0,
        total: 0,
        message: null,
        error: null,
        output: null,
        seq: ++jobSeq,
      };
      // An ended job stays ended (a late progress event does not revive it).
      const next = was.status !== 'running' ? { ...was, ...patch, status: was.status } : { ...was, ...patch };
      set({ jobs: { ...jobs, [jobId]: next } });
    }
    events?.(onEvent);

    function enqueue(kind: Op['kind'], command: Command | null): Promise<boolean> {
      const { confirmed, snapshot } = get();
      if (!confirmed || !snapshot) {
        fail(kind, { code: 'noDocument', message: 'No programme is open.' });
        return Promise.resolve(false);
      }
      if (confirmed.info.readOnly) {
        fail(kind, { code: 'readOnly', message: 'This programme is open read-only.' });
        return Promise.resolve(false);
      }
      let planned: RowWrite[] | null = null;
      if (command) {
        try {
          command = commandInScenario(command, activeScenario(get())?.id ?? null, stateOf(snapshot.model));
          planned = writesOf(planCommand(stateOf(snapshot.model), command, get().settings.locale).changes, 'after');
        } catch (err) {
          // Refused by the same rules main applies: say so at once; nothing was sent or shown.
          if (!(err instanceof ApiFailure)) throw err;
          fail(kind, err.toApiError());
          set({ saveFailed: true });
          return Promise.resolve(false);
        }
      }
      return new Promise<boolean>((resolve) => {
        ops.push({ kind, command, planned, resolve });
        const model = planned && planned.length > 0 ? applyWrites(snapshot.model, planned) : snapshot.model;
        set({ snapshot: model === snapshot.model ? snapshot : { info: snapshot.info, model }, pending: true });
        kick();
      });
    }

    /**
     * Starts sending the queue unless it is being sent. A command queued after the sender's last
     * check of the queue but before it stopped (a caller resuming on the previous command's
     * promise does exactly that) is picked up by the restart in `finally`.
     */
    function kick(): void {
      if (running) return;
      running = pump().finally(() => {
        running = null;
        if (ops.length > 0) kick();
      });
    }

    async function idle(): Promise<void> {
      while (running || resyncing) await (running ?? resyncing);
    }

    async function documentAction(action: ActionName, fn: () => Promise<Reply<Snapshot | null>>): Promise<boolean> {
      await idle();
      set({ busy: true });
      const reply = await call(fn);
      set({ busy: false });
      if (!reply.ok) {
        fail(action, reply.error);
        return false;
      }
      if (reply.value === null) return false; // a native dialog was cancelled
      resetTo(reply.value);
      void get().refreshLibrary();
      return true;
    }

    return {
      ready: false,
      appInfo: null,
      settings: { author: '', locale: initialLocale, columnWidths: {} },
      library: null,
      confirmed: null,
      snapshot: null,
      pending: false,
      busy: false,
      saveFailed: false,
      lastError: null,
      jobs: {},
      scenarioId: null,

      setScenario(id) {
        set({ scenarioId: id });
      },

      async init() {
        const [info, settings, current, library] = await Promise.all([
          call(() => api['app.info']({})),
          call(() => api['settings.get']({})),
          call(() => api['document.current']({})),
          call(() => api['library.list']({})),
        ]);
        if (info.ok) set({ appInfo: info.value });
        else fail('init', info.error);
        if (settings.ok) set({ settings: settings.value });
        if (library.ok) set({ library: library.value });
        if (current.ok && current.value) {
          resetTo(current.value);
        } else if (current.ok && library.ok && library.value.recent.length === 0) {
          // First start: show the sample programme rather than an empty screen.
          await get().openSample();
        }
        set({ ready: true });
      },

      async refreshLibrary() {
        const reply = await call(() => api['library.list']({}));
        if (reply.ok) set({ library: reply.value });
      },

      command: (command) => enqueue('command', command),
      undo: () => enqueue('undo', null),
      redo: () => enqueue('redo', null),

      openSample: () => documentAction('openSample', () => api['document.openSample']({})),
      open: (path, readOnly) => documentAction('open', () => api['document.open']({ path, readOnly })),
      openDialog: (readOnly) => documentAction('openDialog', () => api['document.openDialog']({ readOnly })),
      openAnyway: () => documentAction('openAnyway', () => api['document.openAnyway']({})),
      create: (name, programme, template) =>
        documentAction('create', () =>
          api['document.create']({ name, ...(programme ? { programme } : {}), ...(template ? { template } : {}) }),
        ),
      saveAs: (name) => documentAction('saveAs', () => api['document.saveAs']({ name })),
      saveAsDialog: () => documentAction('saveAsDialog', () => api['document.saveAsDialog']({})),

      async close() {
        await idle();
        set({ busy: true });
        const reply = await call(() => api['document.close']({}));
        set({ busy: false });
        if (!reply.ok) {
          fail('close', reply.error);
          return false;
        }
        resetTo(null);
        await get().refreshLibrary();
        return true;
      },

      setLocale(locale) {
        return updateSettings({ locale });
      },

      setColumnWidths(widths) {
        return updateSettings({ columnWidths: { ...widths } });
      },

      async startJob(job) {
        const request: JobRequest = typeof job === 'string' ? ({ kind: job } as JobRequest) : job;
        const reply = await call(() => api['job.start']({ ...request, origin }));
        if (!reply.ok) {
          fail('job', reply.error);
          return null;
        }
        updateJob(reply.value.jobId, request.kind, {});
        return reply.value.jobId;
      },

      async cancelJob(jobId) {
        const reply = await call(() => api['job.cancel']({ jobId }));
        if (!reply.ok) {
          // Already over: its last event says how it ended.
          if (reply.error.code !== 'notFound') fail('job', reply.error);
          return false;
        }
        return true;
      },

      async chooseExportFile(fileName, format) {
        const reply = await call(() => api['export.chooseFile']({ fileName, format }));
        if (!reply.ok) {
          fail('export', reply.error);
          return null;
        }
        return reply.value;
      },

      async takeExport(jobId) {
        const reply = await call(() => api['export.take']({ jobId }));
        if (!reply.ok) {
          fail('export', reply.error);
          return null;
        }
        return reply.value;
      },

      async showExportInFolder(jobId) {
        const reply = await call(() => api['export.showInFolder']({ jobId }));
        if (!reply.ok) fail('export', reply.error);
        return reply.ok;
      },

      async readImport(name, data) {
        const reply = await call(() =>
          data === null ? api['import.openDialog']({}) : api['import.read']({ name, data }),
        );
        if (!reply.ok) {
          fail('import', reply.error);
          return null;
        }
        return reply.value;
      },

      async checkImport(token, mapping, level, decimal) {
        const reply = await call(() => api['import.check']({ token, mapping, level, decimal }));
        if (!reply.ok) {
          fail('import', reply.error);
          return null;
        }
        return reply.value;
      },

      async discardImport(token) {
        await call(() => api['import.discard']({ token }));
      },

      async changeLog() {
        const reply = await call(() => api['document.changeLog']({}));
        if (!reply.ok) {
          fail('changeLog', reply.error);
          return null;
        }
        return reply.value;
      },

      async savePdf() {
        set({ busy: true });
        const scenarioId = activeScenario(get())?.id ?? null;
        const reply = await call(() => api['report.savePdf']({ scenarioId }));
        set({ busy: false });
        if (!reply.ok) {
          fail('savePdf', reply.error);
          return null;
        }
        return reply.value?.path ?? null;
      },

      dismissError() {
        set({ lastError: null });
      },

      idle,
    };
  });
  return store;
}
