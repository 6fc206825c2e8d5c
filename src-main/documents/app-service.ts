/**
 * Every call of the contract (src-shared/api/contract.ts), implemented over DocumentService,
 * the settings store and the documents folder. Transports (IPC, HTTP) call these through
 * `dispatch`, which validates requests first; the handlers re-check what matters for safety
 * (file names, which paths may be opened), because they may also be called directly.
 *
 * Paths: the renderer never invents a path. `document.open` accepts only a file listed by
 * `library.list` (a .rcs file directly inside the documents folder, or a recent file);
 * `document.create` / `document.saveAs` take a bare file NAME inside the documents folder.
 * Native dialogs (desktop) are the only way to reach other folders.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  ApiFailure,
  type AppEvent,
  type AppInfo,
  type CallName,
  fileNameSchema,
  type FieldCode,
  type Handlers,
  type LibraryFile,
  type RecentFile,
  type ReplyOf,
  type RequestOf,
  type ImportPreview,
  settingsSchema,
  type Snapshot,
} from '../../src-shared/api';
import { checkImport, detectDecimal, guessMapping, MAX_FILE_BYTES, PREVIEW_ROWS } from '../../src-shared/import';
import { type ImportFile, readImportFile } from '../import/read';
import { ImportSessions } from '../import/sessions';
import { FILE_EXTENSION } from '../db';
import { DocumentService } from './document-service';
import { EngineThread } from './engine-pool';
import { Jobs } from './jobs';
import { ExportFiles } from '../export/files';
import { type ExportWriters, exportPlan } from '../export/job';
import { exportWriters } from '../export/writers';
import { verifyPlan } from './verify';
import { isErrno, stripExtension, withExtension } from './files';
import { fileExists } from './messages';
import { SettingsStore } from './settings-store';
import { fieldsFromZod, validationFailure } from '../../src-shared/commands';
import { monthOf } from '../../src-shared/model';
import { reportFileName } from '../../src-shared/report/fileName';
import { templateModel } from '../sample/templates';

export const SAMPLE_FILE_NAME = 'Sample programme.rcs';

export interface NativeDialogs {
  /** Native open dialog; the chosen path, or null when cancelled. */
  open(): Promise<string | null>;
  /** Native save dialog proposing `defaultName`; the chosen path, or null when cancelled. */
  save(defaultName: string): Promise<string | null>;
  /** Native save dialog for an export, proposing `defaultName` (its extension gives the file type). */
  saveExport(defaultName: string): Promise<string | null>;
  /** Shows `path` in the system's file manager. */
  showInFolder(path: string): void;
  /** Native open dialog for a spreadsheet to import (CSV, XLSX); the chosen path, or null when cancelled. */
  openImport(): Promise<string | null>;
}

/**
 * The desktop app's way to save the printable report (src-main/app/main.ts, over Electron): a
 * native save dialog for a PDF, and the asking window printed to PDF with its print styles.
 */
export interface PdfOutput {
  /** Native save dialog proposing `defaultName`; the chosen path, or null when cancelled. */
  choose(defaultName: string): Promise<string | null>;
  /** The window that asked, printed to an A4 PDF (backgrounds included): the file's bytes. */
  print(): Promise<Uint8Array>;
}

export interface AppServiceOptions {
  documentsDir: string;
  userDataDir: string;
  /** The sample programme shipped with the app (resources/sample.rcs). */
  sampleFile: string;
  mode: 'desktop' | 'browser';
  version: string;
  dialogs?: NativeDialogs;
  /** Saving the report as a PDF (desktop only); none: `report.savePdf` is refused. */
  pdf?: PdfOutput;
  /** Tests: clock for change-log and recent-file times. */
  now?: () => Date;
  /** Where events for the windows go (the transports' event channels); none: events are dropped. */
  emit?: (event: AppEvent) => void;
  /** The engine thread's script for long jobs (out/main/engine-thread.js); none: jobs compute in this thread. */
  engineThread?: string | null;
  /** Tests: the export writers (default: the XLSX and CSV writers, src-main/export/writers.ts). */
  exportWriters?: ExportWriters;
}

/**
 * Calls that wait (native dialogs, reading a workbook with exceljs, printing a PDF); every other
 * handler answers synchronously.
 */
type DialogCall =
  | 'document.openDialog'
  | 'document.saveAsDialog'
  | 'export.chooseFile'
  | 'import.read'
  | 'import.openDialog'
  | 'report.savePdf';

/**
 * The handlers, typed precisely for direct callers (tests, CLI): synchronous calls return their
 * value, dialog calls a promise. Assignable to `Handlers` for `dispatch`.
 */
export type AppHandlers = { [K in Exclude<CallName, DialogCall>]: (request: RequestOf<K>) => ReplyOf<K> } & {
  [K in DialogCall]: (request: RequestOf<K>) => Promise<ReplyOf<K>>;
} & { dispose(): void };

// Compile-time check that AppHandlers can be given to dispatch().
const _assignable: (h: AppHandlers) => Handlers = (h) => h;
void _assignable;

export function createHandlers(options: AppServiceOptions): AppHandlers {
  const documentsDir = path.resolve(options.documentsDir);
  const now = options.now ?? (() => new Date());
  const store = new SettingsStore(options.userDataDir);
  let settings = store.getSettings();
  const docs = new DocumentService({ author: () => settings.author, locale: () => settings.locale, now });
  const emit = options.emit ?? (() => undefined);
  docs.onChange(({ delta, origin }) => emit({ type: 'document.changed', delta, origin }));
  const engine = new EngineThread(options.engineThread ?? null);
  const exportFiles = new ExportFiles();
  const writers = options.exportWriters ?? exportWriters;
  const jobs = new Jobs({
    emit,
    plan: (request) => {
      switch (request.kind) {
        case 'verify':
          return verifyPlan(docs, engine, settings.locale);
        case 'export':
          return exportPlan(docs.current()?.model ?? null, request.export, writers, exportFiles);
      }
    },
  });

  const ensureDocumentsDir = (): void => {
    try {
      fs.mkdirSync(documentsDir, { recursive: true });
    } catch (err) {
      throw new ApiFailure(
        'io',
        `The documents folder "${documentsDir}" could not be created (${errMessage(err)}). Check that you may write there.`,
      );
    }
  };

  /** A user-typed name -> a path directly inside the documents folder. */
  const pathForName = (name: string): string => {
    const parsed = fileNameSchema.safeParse(name);
    if (!parsed.success) throw nameRefusal(fieldsFromZod(parsed.error)['_'] ?? 'file.badName');
    const fileName = withExtension(parsed.data);
    const stem = stripExtension(fileName);
    if (stem.trim() === '' || fileName.startsWith('.') || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem.trim())) {
      throw nameRefusal('file.badName');
    }
    const full = path.resolve(documentsDir, fileName);
    if (path.dirname(full) !== documentsDir) throw nameRefusal('file.badName');
    return full;
  };

  const isLibraryFile = (p: string): boolean => {
    const base = path.basename(p);
    return (
      path.dirname(p) === documentsDir &&
      base.toLowerCase().endsWith(FILE_EXTENSION) &&
      !base.startsWith('.') &&
      fs.existsSync(p)
    );
  };

  const opened = (snapshot: Snapshot): Snapshot => {
    emit({ type: 'document.replaced', path: snapshot.info.path, origin: null });
    try {
      store.touchRecent(snapshot.info.path, now().toISOString());
    } catch {
      // The recent list is a convenience; failing to record it must not fail the open.
    }
    return snapshot;
  };

  const listFiles = (): LibraryFile[] => {
    ensureDocumentsDir();
    let names: string[];
    try {
      names = fs.readdirSync(documentsDir);
    } catch (err) {
      throw new ApiFailure(
        'io',
        `The documents folder "${documentsDir}" could not be read (${errMessage(err)}). Check that it exists and that you may read it.`,
      );
    }
    const files: LibraryFile[] = [];
    for (const name of names) {
      if (name.startsWith('.') || !name.toLowerCase().endsWith(FILE_EXTENSION)) continue;
      const full = path.join(documentsDir, name);
      try {
        const st = fs.statSync(full);
        if (st.isFile()) files.push({ name, path: full, size: st.size, modifiedAt: st.mtime.toISOString() });
      } catch {
        // vanished meanwhile
      }
    }
    return files.sort((a, b) => a.name.localeCompare(b.name));
  };

  const recentFiles = (): RecentFile[] =>
    store.getRecent().map((r) => ({ path: r.path, name: r.name, openedAt: r.openedAt, exists: fs.existsSync(r.path) }));

  const imports = new ImportSessions(() => now().getTime());

  /** A file read for an import, kept under a new token, with a first look at it. */
  const previewOf = (file: ImportFile): ImportPreview => {
    const { headers, rows } = file.table;
    const mapping = guessMapping(headers);
    const numeric = [mapping.unitCost, mapping.quantity].filter((c): c is number => c !== undefined);
    const cols = numeric.length > 0 ? numeric : headers.map((_, i) => i);
    return {
      token: imports.put(file),
      name: file.name,
      format: file.format,
      separator: file.separator,
      sheet: file.sheet,
      headers,
      preview: rows.slice(0, PREVIEW_ROWS),
      rowCount: rows.length,
      mapping,
      decimal: detectDecimal(rows.flatMap((r) => cols.map((c) => r[c] ?? null))),
    };
  };

  const saveAsPath = (target: string): Snapshot => {
    if (fs.existsSync(target)) throw fileExists(target, settings.locale);
    return opened(docs.saveAs(target));
  };

  const handlers: AppHandlers = {
    'app.info': (): AppInfo => ({
      version: options.version,
      mode: options.mode,
      documentsDir,
      nativeDialogs: options.dialogs !== undefined,
    }),

    'settings.get': () => settings,

    'settings.update': (patch) => {
      const parsed = settingsSchema.safeParse({ ...settings, ...patch });
      if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error));
      try {
        store.saveSettings(parsed.data);
      } catch (err) {
        throw new ApiFailure('io', `The settings could not be saved (${errMessage(err)}). Nothing was changed.`);
      }
      settings = parsed.data;
      return settings;
    },

    'library.list': () => ({ documentsDir, files: listFiles(), recent: recentFiles() }),

    'document.current': () => docs.current(),

    'document.create': ({ name, programme, template }) => {
      ensureDocumentsDir();
      const target = pathForName(name);
      if (fs.existsSync(target)) throw fileExists(target, settings.locale);
      const model = template ? templateModel(template, programme?.startMonth ?? monthOf(new Date())) : undefined;
      return opened(docs.create(target, model, template ? {} : programme));
    },

    'document.open': ({ path: requested, readOnly }) => {
      const abs = path.resolve(requested);
      const allowed = isLibraryFile(abs) || store.getRecent().some((r) => r.path === abs);
      if (!allowed) {
        throw new ApiFailure(
          'notFound',
          `"${path.basename(abs)}" is not in your documents folder or your recent files, so it was not opened. Use "Open…" to choose it.`,
        );
      }
      return opened(docs.open(abs, { readOnly }));
    },

    'document.openSample': () => {
      ensureDocumentsDir();
      const copy = path.join(documentsDir, SAMPLE_FILE_NAME);
      if (!fs.existsSync(copy)) {
        if (!fs.existsSync(options.sampleFile)) {
          throw new ApiFailure(
            'notFound',
            'The sample programme is missing from this installation of the app. Reinstall the app to get it back.',
          );
        }
        try {
          fs.copyFileSync(options.sampleFile, copy, fs.constants.COPYFILE_EXCL);
        } catch (err) {
          if (!isErrno(err, 'EEXIST')) {
            throw new ApiFailure(
              'io',
              `The sample programme could not be copied to your documents folder (${errMessage(err)}).`,
            );
          }
        }
      }
      return opened(docs.open(copy));
    },

    'document.openDialog': async ({ readOnly }) => {
      const dialogs = requireDialogs(options.dialogs);
      const chosen = await dialogs.open();
      if (chosen === null) return null;
      return opened(docs.open(chosen, { readOnly }));
    },

    'document.saveAs': ({ name }) => {
      requireDocument(docs);
      ensureDocumentsDir();
      return saveAsPath(pathForName(name));
    },

    'document.saveAsDialog': async () => {
      const dialogs = requireDialogs(options.dialogs);
      const current = requireDocument(docs);
      const chosen = await dialogs.save(`${stripExtension(current)} (copy)${FILE_EXTENSION}`);
      if (chosen === null) return null;
      return saveAsPath(path.resolve(withExtension(chosen)));
    },

    'document.openAnyway': () => opened(docs.openAnyway()),

    'document.close': () => {
      docs.close();
      emit({ type: 'document.replaced', path: null, origin: null });
      return null;
    },

    'document.command': ({ command, origin }) => docs.command(command, origin ?? null),
    'document.undo': ({ origin }) => docs.undo(origin ?? null),
    'document.redo': ({ origin }) => docs.redo(origin ?? null),
    'document.changeLog': () => docs.changeLog(),
    'job.start': (request) =>
      jobs.start(
        request.kind === 'export' && request.export ? { kind: 'export', export: request.export } : { kind: 'verify' },
      ),
    'job.cancel': ({ jobId }) => jobs.cancel(jobId),

    'report.savePdf': async ({ scenarioId }) => {
      const pdf = requirePdf(options.pdf);
      const snapshot = docs.current();
      if (!snapshot) throw new ApiFailure('noDocument', 'No programme is open. Open or create one first.');
      const { model } = snapshot;
      const scenario = scenarioId === null ? null : (model.scenarios.find((s) => s.id === scenarioId) ?? null);
      const chosen = await pdf.choose(reportFileName(model.programme.title, scenario?.name ?? null, settings.locale));
      if (chosen === null) return null;
      const target = path.resolve(/\.pdf$/i.test(chosen) ? chosen : `${chosen}.pdf`);
      const bytes = await pdf.print();
      try {
        fs.writeFileSync(target, bytes);
      } catch (err) {
        throw new ApiFailure(
          'io',
          `The report could not be saved as "${target}" (${errMessage(err)}). Choose another folder, or close the file if another program has it open, then try again.`,
        );
      }
      return { path: target };
    },

    'export.chooseFile': async ({ fileName, format }) => {
      const dialogs = requireDialogs(options.dialogs, 'In the browser, the export is downloaded instead.');
      const chosen = await dialogs.saveExport(fileName);
      if (chosen === null) return null;
      const ext = `.${format}`;
      const full = path.resolve(chosen.toLowerCase().endsWith(ext) ? chosen : `${chosen}${ext}`);
      return { token: exportFiles.tokenFor(full), fileName: path.basename(full) };
    },
    'export.take': ({ jobId }) => {
      const kept = exportFiles.take(jobId);
      if (!kept) {
        throw new ApiFailure(
          'notFound',
          'That export is no longer kept (it was downloaded already, or more than ten minutes passed). Export it again.',
        );
      }
      return { fileName: kept.fileName, mimeType: kept.mimeType, base64: kept.bytes.toString('base64') };
    },
    'export.showInFolder': ({ jobId }) => {
      const dialogs = requireDialogs(options.dialogs, 'In the browser, open your downloads folder instead.');
      const saved = exportFiles.pathOfJob(jobId);
      if (!saved || !fs.existsSync(saved)) {
        throw new ApiFailure(
          'notFound',
          'That export is not where it was saved any more (moved or deleted). Export it again.',
        );
      }
      dialogs.showInFolder(saved);
      return null;
    },

    'import.read': async ({ name, data }) => {
      const bytes = Buffer.from(data, 'base64');
      return previewOf(await readImportFile(path.basename(name), bytes));
    },

    'import.openDialog': async () => {
      const dialogs = requireDialogs(options.dialogs, 'In the browser, choose the file with the Import button.');
      const chosen = await dialogs.openImport();
      if (chosen === null) return null;
      const name = path.basename(chosen);
      let bytes: Buffer;
      try {
        // The size first: a file too large is refused without being read.
        const size = fs.statSync(chosen).size;
        if (size > MAX_FILE_BYTES) {
          throw new ApiFailure(
            'validation',
            `"${name}" is ${(size / (1024 * 1024)).toFixed(1)} MB; a file to import may have at most ${MAX_FILE_BYTES / (1024 * 1024)} MB. Keep only the lines to import, or split it. Nothing was imported.`,
            { file: 'import.tooLarge' },
          );
        }
        bytes = fs.readFileSync(chosen);
      } catch (err) {
        if (err instanceof ApiFailure) throw err;
        throw new ApiFailure(
          'io',
          `"${name}" could not be read (${errMessage(err)}). Check that it still exists and that you may read it.`,
        );
      }
      return previewOf(await readImportFile(name, bytes));
    },

    'import.check': ({ token, mapping, level, decimal }) => {
      const file = imports.get(token);
      const snapshot = docs.current();
      if (!snapshot)
        throw new ApiFailure('noDocument', 'No programme is open. Open the programme to import the lines into first.');
      return checkImport(file.table, mapping, snapshot.model, { level, decimal: decimal ?? null });
    },

    'import.discard': ({ token }) => {
      imports.drop(token);
      return null;
    },

    dispose: () => {
      engine.close();
      docs.close();
    },
  };
  return handlers;
}

function requireDialogs(
  dialogs: NativeDialogs | undefined,
  instead = 'Pick a file from the list of programmes instead.',
): NativeDialogs {
  if (!dialogs) throw new ApiFailure('unavailable', `File dialogs are only available in the desktop app. ${instead}`);
  return dialogs;
}

function requirePdf(pdf: PdfOutput | undefined): PdfOutput {
  if (!pdf) {
    throw new ApiFailure(
      'unavailable',
      'Saving the report as a PDF is only available in the desktop app. Use "Print…" on the Report screen and choose "Save as PDF" as the printer instead.',
    );
  }
  return pdf;
}

/** Name of the open document's file; 'noDocument' if none. */
function requireDocument(docs: DocumentService): string {
  const p = docs.path;
  if (!p) throw new ApiFailure('noDocument', 'No programme is open. Open or create one first.');
  return path.basename(p);
}

function nameRefusal(code: FieldCode): ApiFailure {
  const base = validationFailure({ name: code });
  const message =
    code === 'text.required'
      ? 'Type a name for the file. Nothing was saved.'
      : code === 'text.tooLong'
        ? 'That file name is too long; use at most 120 characters. Nothing was saved.'
        : 'A file name cannot contain / \\ : * ? " < > | or start with a dot, and cannot be a reserved name such as "con". Nothing was saved.';
  return new ApiFailure('validation', message, base.fields);
}

function errMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
