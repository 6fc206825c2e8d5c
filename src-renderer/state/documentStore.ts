/**
 * The document store: the snapshot of the open programme, the commands on their way to main,
 * and the last error. Pure zustand (vanilla): no DOM and no React, so it is tested in Node with
 * a fake api.
 *
 * An edit is applied to the store at once (optimistically), queued, sent to main as a
 * `document.command`, and replaced by the Snapshot main returns. Commands are sent one at a time,
 * in order. If main refuses one, it is dropped and the screen shows main's last snapshot with the
 * commands still queued re-applied on top: the refused edit is rolled back, the others survive,
 * and `lastError` says what happened.
 *
 * A line, returnee profile or funding source added on screen has a temporary id until main names
 * it; queued commands that refer to it (a line's funding split naming a new source, a driver naming
 * a new profile...) are rewritten with the real id, and `aliases` (real id -> temporary id) lets
 * the UI keep the same React key, so a row being edited is not remounted.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  Api,
  ApiError,
  AppInfo,
  Command,
  LibraryFile,
  RecentFile,
  Reply,
  Settings,
  Snapshot,
} from '../../src-shared/api';
import type { Locale } from '../../src-shared/money';
import { networkError } from '../api/errors';
import { applyCommand, commandRefs, type CreatedKind, createdKind, idsOf, remapCommand } from './optimistic';

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
  | 'create'
  | 'saveAs'
  | 'saveAsDialog'
  | 'close'
  | 'library'
  | 'settings';

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
  /** Real id (line, profile, funding source) -> the temporary id it had on screen (stable React keys). */
  aliases: Readonly<Record<string, string>>;

  init(): Promise<void>;
  refreshLibrary(): Promise<void>;
  /** Applies `command` at once and sends it. Resolves true when main accepted it. */
  command(command: Command): Promise<boolean>;
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
  openSample(): Promise<boolean>;
  open(path: string, readOnly: boolean): Promise<boolean>;
  openDialog(readOnly: boolean): Promise<boolean>;
  create(name: string): Promise<boolean>;
  saveAs(name: string): Promise<boolean>;
  saveAsDialog(): Promise<boolean>;
  close(): Promise<boolean>;
  setLocale(locale: Locale): Promise<boolean>;
  dismissError(): void;
  /** Resolves when no command is queued or in flight. */
  idle(): Promise<void>;
}

export type DocStore = StoreApi<DocState>;

/**
 * Sends a command that creates a line, profile or funding source; returns the (temporary) id of
 * what it created, which the optimistic model shows at once, or null.
 */
export function sendCreating(store: DocStore, command: Command): string | null {
  const kind = createdKind(command);
  const ids = (): string[] => {
    const model = store.getState().snapshot?.model;
    return model && kind ? idsOf(model, kind) : [];
  };
  const before = new Set(ids());
  void store.getState().command(command);
  return ids().find((id) => !before.has(id)) ?? null;
}

interface Op {
  kind: 'command' | 'undo' | 'redo';
  command: Command | null;
  /** Temporary id of the line, profile or funding source this command creates. */
  tmpId: string | null;
  creates: CreatedKind | null;
  resolve: (ok: boolean) => void;
}

async function call<T>(fn: () => Promise<Reply<T>>): Promise<Reply<T>> {
  try {
    return await fn();
  } catch (err) {
    return { ok: false, error: networkError(err) };
  }
}

export function createDocumentStore(api: Api, initialLocale: Locale = 'en'): DocStore {
  const ops: Op[] = [];
  /** Temporary id -> real id, for lines main has named. */
  const idMap: Record<string, string> = {};
  let running: Promise<void> | null = null;
  let tmpCounter = 0;
  let failureCounter = 0;

  const store = createStore<DocState>()((set, get) => {
    function view(confirmed: Snapshot | null): Snapshot | null {
      if (!confirmed) return null;
      let model = confirmed.model;
      for (const op of ops) {
        if (op.command) model = applyCommand(model, remapCommand(op.command, idMap), op.tmpId ?? '');
      }
      return model === confirmed.model ? confirmed : { info: confirmed.info, model };
    }

    function fail(action: ActionName, error: ApiError, rolledBack = false): void {
      failureCounter += 1;
      set({ lastError: { id: failureCounter, action, error, rolledBack } });
    }

    /** A new document (or none) replaces the current one: forget everything about the old. */
    function resetTo(snapshot: Snapshot | null): void {
      for (const k of Object.keys(idMap)) delete idMap[k];
      set({ confirmed: snapshot, snapshot, pending: false, saveFailed: false, lastError: null, aliases: {} });
    }

    async function pump(): Promise<void> {
      while (ops.length > 0) {
        const op = ops[0] as Op;
        const reply = await call<Snapshot>(() => {
          if (op.kind === 'undo') return api['document.undo']({});
          if (op.kind === 'redo') return api['document.redo']({});
          return api['document.command']({ command: remapCommand(op.command as Command, idMap) });
        });
        ops.shift();
        if (reply.ok) {
          let aliases = get().aliases;
          const previous = get().confirmed?.model;
          if (op.tmpId && op.creates && previous) {
            const before = new Set(idsOf(previous, op.creates));
            const created = idsOf(reply.value.model, op.creates).find((id) => !before.has(id));
            if (created) {
              idMap[op.tmpId] = created;
              aliases = { ...aliases, [created]: op.tmpId };
            }
          }
          set({
            confirmed: reply.value,
            snapshot: view(reply.value),
            pending: ops.length > 0,
            saveFailed: false,
            aliases,
          });
          op.resolve(true);
        } else {
          // Commands that refer to what this refused command would have created cannot be sent.
          const dropped: Op[] = [];
          if (op.tmpId) {
            const tmp = op.tmpId;
            for (let i = ops.length - 1; i >= 0; i--) {
              const o = ops[i] as Op;
              if (o.command && commandRefs(o.command).includes(tmp)) dropped.push(...ops.splice(i, 1));
            }
          }
          set({ snapshot: view(get().confirmed), pending: ops.length > 0, saveFailed: true });
          fail(op.kind, reply.error, op.kind === 'command');
          op.resolve(false);
          for (const d of dropped) d.resolve(false);
        }
      }
    }

    function enqueue(kind: Op['kind'], command: Command | null): Promise<boolean> {
      const confirmed = get().confirmed;
      if (!confirmed) {
        fail(kind, { code: 'noDocument', message: 'No programme is open.' });
        return Promise.resolve(false);
      }
      if (confirmed.info.readOnly) {
        fail(kind, { code: 'readOnly', message: 'This programme is open read-only.' });
        return Promise.resolve(false);
      }
      return new Promise<boolean>((resolve) => {
        let tmpId: string | null = null;
        const creates = command ? createdKind(command) : null;
        if (creates) {
          tmpCounter += 1;
          tmpId = `tmp-${tmpCounter}`;
        }
        ops.push({ kind, command, tmpId, creates, resolve });
        set({ snapshot: view(get().confirmed), pending: true });
        if (!running) {
          running = pump().finally(() => {
            running = null;
          });
        }
      });
    }

    async function idle(): Promise<void> {
      while (running) await running;
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
      settings: { author: '', locale: initialLocale },
      library: null,
      confirmed: null,
      snapshot: null,
      pending: false,
      busy: false,
      saveFailed: false,
      lastError: null,
      aliases: {},

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
      create: (name) => documentAction('create', () => api['document.create']({ name })),
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

      async setLocale(locale) {
        const previous = get().settings;
        set({ settings: { ...previous, locale } });
        const reply = await call(() => api['settings.update']({ locale }));
        if (!reply.ok) {
          set({ settings: previous });
          fail('settings', reply.error, true);
          return false;
        }
        set({ settings: reply.value });
        return true;
      },

      dismissError() {
        set({ lastError: null });
      },

      idle,
    };
  });
  return store;
}
