/**
 * THE contract between the UI and main. Every call the renderer can make is listed here once,
 * with a zod schema for its request and the type of its reply. The preload, the IPC handlers,
 * the HTTP routes and the renderer client are all generated from this object: a call that is not
 * here cannot be made, and every request is validated with its schema at the boundary.
 */
import { z } from 'zod';
import { type ErrorCode, type FieldCode, fieldCodeOf, fieldMessage } from './codes';
import { EXPORT_FORMATS, type ExportRequest, exportRequestSchema } from '../export/request';
import type { ChangeLogEntry, Model, RowWrite } from '../model';
import type { Locale } from '../money';
import {
  type DecimalSeparator,
  type ImportCell,
  type ImportMapping,
  importMappingSchema,
  MAX_FILE_BYTES,
  MAX_IMPORT_LINES,
} from '../import/fields';
import type { ImportCheck } from '../import/check';
import {
  budgetLineSchema,
  currencySchema,
  LEVELS,
  LIST_FIELDS,
  lineFieldsSchema,
  lineIdSchema,
  lineText,
  type ListEntity,
  parameterIdSchema,
  parameterRangeSchema,
  programmeSchema,
  scenarioFieldsSchema,
} from '../model';

/** Phantom marker carrying a reply type. */
export interface Returns<T> {
  readonly __returns?: T;
}
function returns<T>(): Returns<T> {
  return {};
}

export { ERROR_CODES, type ErrorCode } from './codes';

export interface ApiError {
  code: ErrorCode;
  /** Plain English sentence a person can act on (the UI may translate by code). */
  message: string;
  /** Field path -> message code (see i18n `errors.*`), for validation errors. */
  fields?: Record<string, FieldCode>;
  /**
   * Set when `message` was written for the user in this language (main's refusals to open or edit
   * a file, in the settings' language; the planner's whole-sentence refusals, in the language it
   * was asked for): the UI then shows `message` as it is, with its details. Absent: the message is
   * English for logs and developers, and the UI says it in its own words by `code` and `fields`.
   */
  lang?: Locale;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A file name typed by the user for a new file or a copy: no folders, no control characters. */
export const fileNameSchema = z
  .string()
  .trim()
  .min(1, fieldMessage('text.required'))
  .max(120, fieldMessage('text.tooLong'))
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  .refine((s) => !/[\\/:*?"<>|\u0000-\u001f]/.test(s) && s !== '.' && s !== '..', fieldMessage('file.badName'));

/**
 * The four commands of an ordered list entity (returnee profiles, funding sources), derived from
 * its fields schema (src-shared/model/entities.ts LIST_FIELDS). `add` carries the new row's id,
 * made by the client (ids.ts); deleting a row that a line names is refused.
 */
function listCommands<K extends ListEntity>(name: K) {
  const fields = LIST_FIELDS[name];
  return [
    z.object({ type: z.literal(`${name}.add` as const), id: lineIdSchema, fields }),
    z.object({ type: z.literal(`${name}.update` as const), id: lineIdSchema, patch: fields.partial() }),
    z.object({ type: z.literal(`${name}.delete` as const), id: lineIdSchema }),
    z.object({ type: z.literal(`${name}.move` as const), id: lineIdSchema, index: z.number().int().min(0) }),
  ] as const;
}

/** The small programmes "New from template" starts from (src-main/sample/templates.ts). */
export const TEMPLATE_IDS = ['elCucayo', 'pare', 'faoIom', 'georgia'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** What the New programme dialog asks for; the rest starts blank (rates 0, no notes). */
export const newProgrammeSchema = programmeSchema
  .pick({ title: true, startMonth: true, durationMonths: true, reportingCurrency: true, donorProfile: true })
  .partial()
  .strict();
export type NewProgramme = z.infer<typeof newProgrammeSchema>;

const programmeUpdateCommand = z.object({
  type: z.literal('programme.update'),
  patch: programmeSchema.partial(),
  /**
   * With a shorter duration: clip the lines that run past the new end to it, in the same
   * undoable step (without it such lines make the change refused, naming them).
   */
  clip: z.boolean().optional(),
});
const lineAddCommand = z.object({
  type: z.literal('line.add'),
  /** The new line's id, made by the client (UUIDv7, src-shared/commands/ids.ts). */
  id: lineIdSchema,
  level: z.enum(LEVELS),
  /** Insert after this line (same level); null or absent: at the end of the level. */
  afterId: lineIdSchema.nullable().optional(),
  fields: lineFieldsSchema,
});
const lineUpdateCommand = z.object({
  type: z.literal('line.update'),
  id: lineIdSchema,
  patch: lineFieldsSchema.partial(),
});
/**
 * `newId`: the copy's id, made by the client. `name`: the copy's name, written by the client in
 * the user's language ("Grants (copy)" / "Grants (copie)"); absent: the original's name.
 */
const lineDuplicateCommand = z.object({
  type: z.literal('line.duplicate'),
  id: lineIdSchema,
  newId: lineIdSchema,
  name: lineFieldsSchema.shape.name.optional(),
});
const lineDeleteCommand = z.object({ type: z.literal('line.delete'), id: lineIdSchema });
/**
 * Lines read from a spreadsheet (issue 11), added at the end of `level` in the order given, as one
 * undoable step; each is checked as `line.add` checks a line, and one refused line refuses them all.
 * `source`: the file's name, for the undo button and the change log. The ids are made by the client.
 */
const lineImportCommand = z.object({
  type: z.literal('line.import'),
  level: z.enum(LEVELS),
  source: z.string().trim().min(1, fieldMessage('text.required')).max(255, fieldMessage('text.tooLong')),
  lines: z
    .array(z.object({ id: lineIdSchema, fields: lineFieldsSchema }))
    .min(1)
    .max(MAX_IMPORT_LINES),
});
const [profileAdd, profileUpdate, profileDelete, profileMove] = listCommands('profile');
// Local currencies: put adds or replaces by code. Deleting one that a line uses is refused.
const currencyPutCommand = z.object({ type: z.literal('currency.put'), currency: currencySchema });
const [synergyAdd, synergyUpdate, synergyDelete, synergyMove] = listCommands('synergy');

/**
 * The edits that may be made inside a scenario (issue 10, item 2): each writes an override of the
 * scenario, never the baseline (src-shared/commands/scenarios.ts says which fields each may change).
 */
export const scenarioEditSchema = z.discriminatedUnion('type', [
  programmeUpdateCommand,
  lineAddCommand,
  lineUpdateCommand,
  lineDuplicateCommand,
  lineDeleteCommand,
  profileUpdate,
  currencyPutCommand,
  synergyUpdate,
]);
export type ScenarioEdit = z.infer<typeof scenarioEditSchema>;

/** What a scenario may override, by kind, for `scenario.revert` (id: '' for the programme's settings). */
export const OVERRIDE_KINDS = ['programme', 'profile', 'currency', 'line', 'synergy'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

export const commandSchema = z.discriminatedUnion('type', [
  programmeUpdateCommand,
  lineAddCommand,
  lineUpdateCommand,
  lineDuplicateCommand,
  lineDeleteCommand,
  lineImportCommand,
  z.object({
    type: z.literal('line.move'),
    id: lineIdSchema,
    level: z.enum(LEVELS),
    /** Position among the lines of `level` after the move (0-based, clamped). */
    index: z.number().int().min(0),
  }),
  profileAdd,
  profileUpdate,
  profileDelete,
  profileMove,
  currencyPutCommand,
  z.object({ type: z.literal('currency.delete'), code: z.string().regex(/^[A-Z]{3}$/) }),
  ...listCommands('funder'),
  // Partner programmes and their synergies (DESIGN §5). Deleting a partner that synergies belong to
  // is refused; deleting a line or profile a synergy targets takes it out of the synergy's targets.
  ...listCommands('partner'),
  synergyAdd,
  synergyUpdate,
  synergyDelete,
  synergyMove,
  // Scenarios (DESIGN §6): add (blank), rename or describe, delete, move in the switcher; a copy of
  // another (its overrides too); promote (the baseline takes the scenario's values); an edit made in
  // a scenario (an override); a baseline line or synergy turned off or on in it; an override taken
  // back (one field, or all of one row's).
  ...listCommands('scenario'),
  z.object({
    type: z.literal('scenario.duplicate'),
    id: lineIdSchema,
    newId: lineIdSchema,
    name: scenarioFieldsSchema.shape.name,
  }),
  z.object({ type: z.literal('scenario.promote'), id: lineIdSchema }),
  z.object({ type: z.literal('scenario.edit'), scenario: lineIdSchema, command: scenarioEditSchema }),
  z.object({
    type: z.literal('scenario.setOff'),
    scenario: lineIdSchema,
    kind: z.enum(['line', 'synergy']),
    id: lineIdSchema,
    off: z.boolean(),
  }),
  z.object({
    type: z.literal('scenario.revert'),
    scenario: lineIdSchema,
    kind: z.enum(OVERRIDE_KINDS),
    /** The row's id (a currency's code; '' for the programme's settings). */
    id: z.string().regex(/^[A-Za-z0-9_-]{0,64}$/),
    /** One field of the override; absent: all of that row's. */
    field: z
      .string()
      .regex(/^[A-Za-z]{1,40}$/)
      .optional(),
  }),
  // Uncertainty ranges of the key parameters, as factors (model/scenarios.ts).
  z.object({ type: z.literal('range.put'), range: parameterRangeSchema }),
  z.object({ type: z.literal('range.delete'), id: parameterIdSchema }),
]);
export type Command = z.infer<typeof commandSchema>;

export type ReadOnlyReason = 'requested' | 'locked' | 'newerVersion';

/**
 * What undo or redo would act on, for the UI to put in words in the user's language:
 * the command's type and the name of what it touched (a line, profile or funding source's name,
 * a currency code; null for programme settings).
 */
export interface HistoryLabel {
  action: Command['type'];
  name: string | null;
}

export interface DocumentInfo {
  path: string;
  /** File name without folder, e.g. "Sample programme.rcs". */
  name: string;
  readOnly: boolean;
  readOnlyReason: ReadOnlyReason | null;
  canUndo: boolean;
  canRedo: boolean;
  /** English summaries, as written to the change log. */
  undoSummary: string | null;
  redoSummary: string | null;
  undoLabel: HistoryLabel | null;
  redoLabel: HistoryLabel | null;
  /** ISO time of the last committed command (null: nothing changed since opening). */
  savedAt: string | null;
  /** Increases with every committed command, undo and redo. */
  revision: number;
  schemaVersion: number;
  /** Set once after an older file was migrated: where the backup was written. */
  migratedFrom: { version: number; backupPath: string } | null;
}

export interface Snapshot {
  info: DocumentInfo;
  model: Model;
}

/**
 * What a command, an undo or a redo changed: the rows as they are now (null: deleted), in the
 * order they were written, and the document info after it. A one-field edit is one row, not the
 * whole model (src-shared/commands/apply.ts applies it).
 */
export interface Delta {
  info: DocumentInfo;
  writes: RowWrite[];
}

/**
 * What main tells every window, unasked (IPC in the desktop app; a Server-Sent Events stream in
 * browser mode, behind the same token, Host and Origin checks as the calls):
 * - `document.changed`: a command, an undo or a redo changed the open programme; `origin` is the
 *   window that asked for it (that window already has the Delta as its reply);
 * - `document.replaced`: a window opened, created, copied ("Save as") or closed a programme, so the
 *   open programme is now `path` (null: none);
 * - `job.progress` / `job.finished`: a long job (export, import, Monte-Carlo) moved on or ended.
 */
export type AppEvent =
  | { type: 'document.changed'; delta: Delta; origin: string | null }
  | { type: 'document.replaced'; path: string | null; origin: string | null }
  | { type: 'job.progress'; jobId: string; kind: JobKind; done: number; total: number }
  | {
      type: 'job.finished';
      jobId: string;
      kind: JobKind;
      outcome: 'done' | 'failed' | 'cancelled';
      /** A sentence for the person who started it (what was done, or what went wrong and what to do). */
      message: string;
      error: ApiError | null;
      /** The file a done export made (null for other jobs, and when it did not end done). */
      output?: JobOutput | null;
    };

/** The file an export made: saved at `path` (desktop), or waiting for the window (`export.take`). */
export interface JobOutput {
  fileName: string;
  /** Where it was saved; null: kept for the window to take as a download. */
  path: string | null;
  bytes: number;
}
export type AppEventType = AppEvent['type'];
export const APP_EVENT_TYPES = [
  'document.changed',
  'document.replaced',
  'job.progress',
  'job.finished',
] as const satisfies readonly AppEventType[];

/**
 * Long work, run as a job: started by `job.start`, reported by `job.progress` events, ended by a
 * `job.finished` event, stoppable with `job.cancel`. `verify` re-reads the open file from disk,
 * checks SQLite's integrity and that every row still satisfies the model, and computes it: what a
 * person runs before sending a file to a donor. Export, import and Monte-Carlo join this list.
 */
export const JOB_KINDS = ['verify', 'export'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** What `job.start` is asked: a kind, with what that kind needs (an export, its request). */
export type JobRequest = { kind: 'verify' } | { kind: 'export'; export: ExportRequest };

/** An export's bytes, for the window to save as a download (browser mode). */
export interface ExportDownload {
  fileName: string;
  mimeType: string;
  /** The file's bytes, base64. */
  base64: string;
}

export interface LibraryFile {
  name: string;
  path: string;
  size: number;
  modifiedAt: string;
}

export interface RecentFile {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

export interface AppInfo {
  version: string;
  mode: 'desktop' | 'browser';
  documentsDir: string;
  /** Native open/save dialogs exist (desktop only). */
  nativeDialogs: boolean;
}

/** Budget grid column widths the user set by dragging, in CSS pixels, by column key. */
export const MIN_COLUMN_WIDTH = 32;
export const MAX_COLUMN_WIDTH = 1200;
const columnWidthsSchema = z
  .record(z.string().regex(/^[A-Za-z]{1,32}$/), z.number().int().min(MIN_COLUMN_WIDTH).max(MAX_COLUMN_WIDTH))
  .refine((r) => Object.keys(r).length <= 40, { message: 'At most 40 column widths can be kept.' });

export const settingsSchema = z.object({
  /** Written into every programme and change: one line, no control or broken characters (model/limits.ts). */
  author: lineText(200),
  locale: z.enum(['en', 'fr']),
  columnWidths: columnWidthsSchema.default({}),
});
export type Settings = z.infer<typeof settingsSchema>;

const empty = z.object({}).strict();

/**
 * A file read for an import (issue 11), kept in main under `token` until it is checked and the
 * lines are added: what it is, its headings and first rows, how many rows, and a first guess of
 * which column fills which field (src-shared/import/guess.ts).
 */
export interface ImportPreview {
  token: string;
  name: string;
  format: 'csv' | 'xlsx';
  /** CSV: the cell separator found. */
  separator: ',' | ';' | '\t' | null;
  /** XLSX: the worksheet read (the first). */
  sheet: string | null;
  headers: string[];
  /** The first rows under the headings (at most PREVIEW_ROWS), as read. */
  preview: ImportCell[][];
  /** Rows under the headings (blank ones included). */
  rowCount: number;
  mapping: ImportMapping;
  /** The decimal separator the file's numbers show, when they show one. */
  decimal: DecimalSeparator | null;
}
export type { ImportCheck };

/** The largest file `import.read` takes, as base64 (4 characters per 3 bytes). */
export const MAX_IMPORT_BASE64 = 4 * Math.ceil(MAX_FILE_BYTES / 3);
const importTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** A window's id, made by the window (UUIDv7 or similar). */
const originSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const contract = {
  'app.info': { request: empty, reply: returns<AppInfo>() },
  'settings.get': { request: empty, reply: returns<Settings>() },
  'settings.update': { request: settingsSchema.partial().strict(), reply: returns<Settings>() },
  'library.list': {
    request: empty,
    reply: returns<{ documentsDir: string; files: LibraryFile[]; recent: RecentFile[] }>(),
  },
  /** The programme open in this window, if any. */
  'document.current': { request: empty, reply: returns<Snapshot | null>() },
  /** New blank programme, as `name`.rcs in the documents folder. */
  'document.create': {
    request: z
      .object({
        name: fileNameSchema,
        /** The new programme's first settings, asked for by the New programme dialog. */
        programme: newProgrammeSchema.optional(),
        /** Start from one of the templates instead of a blank programme (its own title and settings). */
        template: z.enum(TEMPLATE_IDS).optional(),
      })
      .strict(),
    reply: returns<Snapshot>(),
  },
  /** Open a file listed by library.list (documents folder or recent files); nothing else. */
  'document.open': {
    request: z.object({ path: z.string().min(1).max(4096), readOnly: z.boolean() }).strict(),
    reply: returns<Snapshot>(),
  },
  /** Open the sample programme (a copy in the documents folder, made on first use). */
  'document.openSample': { request: empty, reply: returns<Snapshot>() },
  /** Desktop only: native open dialog. Null when the user cancels. */
  'document.openDialog': { request: z.object({ readOnly: z.boolean() }).strict(), reply: returns<Snapshot | null>() },
  /** Copy the open programme to `name`.rcs in the documents folder and continue in the copy. */
  'document.saveAs': { request: z.object({ name: fileNameSchema }).strict(), reply: returns<Snapshot>() },
  /** Desktop only: native save dialog for "Save as". Null when the user cancels. */
  'document.saveAsDialog': { request: empty, reply: returns<Snapshot | null>() },
  'document.close': { request: empty, reply: returns<null>() },
  /**
   * "Open anyway": the open programme is read-only because a lock file says someone else has it
   * open, and the person is sure no one does (a lock left by a crash, on a shared folder or from
   * another computer). Takes the lock over and reopens the programme for editing. Refused when the
   * programme is open for editing in another window of this app, or is not locked.
   */
  'document.openAnyway': { request: empty, reply: returns<Snapshot>() },
  /** `origin`: the sending window's id (events about this change tell it apart from others'). */
  'document.command': {
    request: z.object({ command: commandSchema, origin: originSchema.optional() }).strict(),
    reply: returns<Delta>(),
  },
  'document.undo': { request: z.object({ origin: originSchema.optional() }).strict(), reply: returns<Delta>() },
  'document.redo': { request: z.object({ origin: originSchema.optional() }).strict(), reply: returns<Delta>() },
  'document.changeLog': { request: empty, reply: returns<ChangeLogEntry[]>() },
  /**
   * Desktop only: the printable report of the scenario shown (null: the baseline), printed from the
   * asking window to an A4 PDF and saved where the person chooses in a native save dialog. The
   * saved file's path, or null when the dialog was cancelled. Browser mode uses the browser's print
   * dialog instead.
   */
  'report.savePdf': {
    request: z.object({ scenarioId: lineIdSchema.nullable() }).strict(),
    reply: returns<{ path: string } | null>(),
  },
  /** Starts a long job on the open programme; progress and the outcome arrive as events. */
  'job.start': {
    request: z
      .object({ kind: z.enum(JOB_KINDS), export: exportRequestSchema.optional(), origin: originSchema.optional() })
      .strict()
      .refine((r) => (r.kind === 'export') === (r.export !== undefined), {
        message: 'An export job needs its request (format, layout, scenarios, destination); other jobs take none.',
        path: ['export'],
      }),
    reply: returns<{ jobId: string }>(),
  },
  /**
   * Desktop: the native save dialog for an export, proposing `fileName`; the chosen file's name and
   * a token for it (give it to `job.start`), or null when cancelled. Browser mode: refused
   * ('unavailable'; the export is downloaded instead).
   */
  'export.chooseFile': {
    request: z.object({ fileName: fileNameSchema, format: z.enum(EXPORT_FORMATS) }).strict(),
    reply: returns<{ token: string; fileName: string } | null>(),
  },
  /** The bytes of a done export kept for the window (browser mode); once: they are then dropped. */
  'export.take': {
    request: z.object({ jobId: z.string().min(1).max(64) }).strict(),
    reply: returns<ExportDownload>(),
  },
  /** Desktop: shows a saved export in the system's file manager. Browser mode: refused ('unavailable'). */
  'export.showInFolder': {
    request: z.object({ jobId: z.string().min(1).max(64) }).strict(),
    reply: returns<null>(),
  },
  /** Asks a running job to stop; it ends with a `job.finished` event whose outcome is 'cancelled'. */
  'job.cancel': { request: z.object({ jobId: z.string().min(1).max(64) }).strict(), reply: returns<null>() },
  /**
   * Import, step 1 (browser and desktop): the bytes of a CSV or XLSX file the person picked, base64,
   * with its name. Read and kept in main (refused when too large, not UTF-8, a zip bomb, with
   * formulas, too many rows…); nothing is written.
   */
  'import.read': {
    request: z
      .object({
        name: z.string().trim().min(1, fieldMessage('text.required')).max(255, fieldMessage('text.tooLong')),
        data: z
          .string()
          .max(MAX_IMPORT_BASE64, fieldMessage('import.tooLarge'))
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, fieldMessage('import.notSpreadsheet')),
      })
      .strict(),
    reply: returns<ImportPreview>(),
  },
  /** Import, step 1 on the desktop: the native open dialog, then as `import.read`. Null when cancelled. */
  'import.openDialog': { request: empty, reply: returns<ImportPreview | null>() },
  /**
   * Import, step 2: every row of the file read under `token` checked as a line of `level` of the open
   * programme, with the columns chosen (`mapping`) and, when the person chose it, the file's decimal
   * separator: the row-by-row report and the lines that are ready. Nothing is written; the lines are
   * added by the `line.import` command (step 3), and `import.discard` then drops the file.
   */
  'import.check': {
    request: z
      .object({
        token: importTokenSchema,
        mapping: importMappingSchema,
        level: z.enum(LEVELS),
        decimal: z.enum(['.', ',']).nullable().optional(),
      })
      .strict(),
    reply: returns<ImportCheck>(),
  },
  /** Drops the file read under `token` (after the import, or when the person cancels). */
  'import.discard': { request: z.object({ token: importTokenSchema }).strict(), reply: returns<null>() },
} as const;

export type Contract = typeof contract;

/**
 * The largest request body, in bytes, each call accepts over HTTP (browser mode). Every call takes
 * at most DEFAULT_BODY_LIMIT; a call that carries a file (the spreadsheet import of issue 11) is
 * listed here with its own, larger limit, so the cap is lifted for it alone.
 */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const BODY_LIMITS: Readonly<Partial<Record<keyof Contract, number>>> = {
  // A file of at most MAX_FILE_BYTES, as base64, and its name.
  'import.read': MAX_IMPORT_BASE64 + 64 * 1024,
  // Decision: a command may carry up to MAX_IMPORT_LINES imported lines (line.import), about
  // 0.7 KB each with ordinary texts; 16 MB leaves room for long justifications. An import whose
  // lines are larger is refused by the transport (413) and can be split.
  'document.command': 16 * 1024 * 1024,
};

export function bodyLimitOf(
  name: keyof Contract,
  limits: Readonly<Partial<Record<string, number>>> = BODY_LIMITS,
): number {
  return limits[name] ?? DEFAULT_BODY_LIMIT;
}
export type CallName = keyof Contract;
export type RequestOf<K extends CallName> = z.infer<Contract[K]['request']>;
export type ReplyOf<K extends CallName> = Contract[K]['reply'] extends Returns<infer T> ? T : never;
export const CALL_NAMES = Object.keys(contract) as CallName[];

/** What every transport exposes to the renderer: one typed function per call. */
export type Api = { [K in CallName]: (request: RequestOf<K>) => Promise<Reply<ReplyOf<K>>> };

/** Checks a request against its schema, turning zod issues into field -> message code. */
export function validateRequest<K extends CallName>(
  name: K,
  request: unknown,
): { ok: true; value: RequestOf<K> } | { ok: false; error: ApiError } {
  const schema = contract[name].request as unknown as z.ZodType<RequestOf<K>>;
  const r = schema.safeParse(request ?? {});
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, error: validationError(r.error) };
}

export function validationError(err: z.ZodError): ApiError {
  const fields: Record<string, FieldCode> = {};
  for (const issue of err.issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (!(key in fields)) fields[key] = fieldCodeOf(issue.message);
  }
  const first = Object.entries(fields)[0];
  return {
    code: 'validation',
    message: first ? `The value of "${first[0]}" is not acceptable (${first[1]}).` : 'The request is not acceptable.',
    fields,
  };
}

export function isCallName(s: string): s is CallName {
  return Object.prototype.hasOwnProperty.call(contract, s);
}

// Keep the line schema reachable for consumers that validate whole lines (import, fixtures).
export { budgetLineSchema };
