/**
 * THE contract between the UI and main. Every call the renderer can make is listed here once,
 * with a zod schema for its request and the type of its reply. The preload, the IPC handlers,
 * the HTTP routes and the renderer client are all generated from this object: a call that is not
 * here cannot be made, and every request is validated with its schema at the boundary.
 */
import { z } from 'zod';
import { type ErrorCode, type FieldCode, fieldCodeOf, fieldMessage } from './codes';
import type { ChangeLogEntry, Model } from '../model';
import {
  budgetLineSchema,
  currencySchema,
  funderFieldsSchema,
  LEVELS,
  lineFieldsSchema,
  lineIdSchema,
  profileFieldsSchema,
  programmeSchema,
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

export const commandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('programme.update'), patch: programmeSchema.partial() }),
  z.object({
    type: z.literal('line.add'),
    level: z.enum(LEVELS),
    /** Insert after this line (same level); null or absent: at the end of the level. */
    afterId: lineIdSchema.nullable().optional(),
    fields: lineFieldsSchema,
  }),
  z.object({ type: z.literal('line.update'), id: lineIdSchema, patch: lineFieldsSchema.partial() }),
  z.object({ type: z.literal('line.duplicate'), id: lineIdSchema }),
  z.object({ type: z.literal('line.delete'), id: lineIdSchema }),
  z.object({
    type: z.literal('line.move'),
    id: lineIdSchema,
    level: z.enum(LEVELS),
    /** Position among the lines of `level` after the move (0-based, clamped). */
    index: z.number().int().min(0),
  }),
  // Returnee profiles (caseload). Deleting a profile that a line's driver names is refused.
  z.object({ type: z.literal('profile.add'), fields: profileFieldsSchema }),
  z.object({ type: z.literal('profile.update'), id: lineIdSchema, patch: profileFieldsSchema.partial() }),
  z.object({ type: z.literal('profile.delete'), id: lineIdSchema }),
  z.object({ type: z.literal('profile.move'), id: lineIdSchema, index: z.number().int().min(0) }),
  // Local currencies: put adds or replaces by code. Deleting one that a line uses is refused.
  z.object({ type: z.literal('currency.put'), currency: currencySchema }),
  z.object({ type: z.literal('currency.delete'), code: z.string().regex(/^[A-Z]{3}$/) }),
  // Funding sources. Deleting one that a line's funding split names is refused.
  z.object({ type: z.literal('funder.add'), fields: funderFieldsSchema }),
  z.object({ type: z.literal('funder.update'), id: lineIdSchema, patch: funderFieldsSchema.partial() }),
  z.object({ type: z.literal('funder.delete'), id: lineIdSchema }),
  z.object({ type: z.literal('funder.move'), id: lineIdSchema, index: z.number().int().min(0) }),
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

export const settingsSchema = z.object({
  author: z.string().max(200, fieldMessage('text.tooLong')),
  locale: z.enum(['en', 'fr']),
});
export type Settings = z.infer<typeof settingsSchema>;

const empty = z.object({}).strict();

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
  'document.create': { request: z.object({ name: fileNameSchema }).strict(), reply: returns<Snapshot>() },
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
  'document.command': { request: z.object({ command: commandSchema }).strict(), reply: returns<Snapshot>() },
  'document.undo': { request: empty, reply: returns<Snapshot>() },
  'document.redo': { request: empty, reply: returns<Snapshot>() },
  'document.changeLog': { request: empty, reply: returns<ChangeLogEntry[]>() },
} as const;

export type Contract = typeof contract;
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
