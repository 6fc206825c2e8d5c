/**
 * The codes that cross from main to the UI, each kind listed once as an `as const` array and its
 * union type. The UI's dictionaries are keyed by these unions (src-renderer/i18n), so a code that
 * has no English and French text does not compile; the producers are typed with them, so a
 * misspelt code does not compile either. Pure, and imports nothing: the model's schemas use it.
 */

/** `ApiError.code`: what kind of failure a call met. */
export const ERROR_CODES = [
  'validation', // the request or a value in it is not acceptable; `fields` says which
  'notFound', // no such file / line
  'noDocument', // no programme is open
  'readOnly', // the open programme is read-only
  'notOurs', // the file is not a Costing Studio file
  'damaged', // the file is ours but damaged or truncated
  'newerVersion', // written by a newer version of the app
  'exists', // a file of that name exists already
  'io', // the file system refused
  'unavailable', // not available in this mode (e.g. native dialogs in browser mode)
  'unauthorized', // HTTP: missing/wrong token, bad Host or Origin
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The message codes of a validation failure's `fields` (field path -> code): the messages of the
 * model's zod schemas, the cross-field and cross-reference checks, the planner's refusals, and
 * 'value.invalid' for zod's own (English) messages.
 */
export const FIELD_CODES = [
  // zod's own messages (a wrong type, an unknown enum value, a bound without a code of ours)
  'value.invalid',
  // model schemas
  'text.required',
  'text.tooLong',
  'text.invalidCharacters',
  'number.invalid',
  'number.negative',
  'number.positive',
  'number.notInteger',
  'number.tooLarge',
  'number.maxDecimals6',
  'number.maxDecimals8',
  'share.range',
  'inflation.range',
  'offset.range',
  'month.invalid',
  'awardDate.invalid',
  'month.range',
  'duration.range',
  'currency.invalid',
  'id.invalid',
  'file.badName',
  // cross-field and cross-reference checks (model.ts)
  'window.outside',
  'window.endBeforeStart',
  'staffing.maxBelowMin',
  'amount.tooLarge',
  'currency.undefined',
  'list.duplicate',
  'line.notFound',
  'line.self',
  'profile.notFound',
  'funder.notFound',
  'partner.notFound',
  // planner refusals (commands/plan.ts)
  'id.taken',
  'currency.duplicate',
  'rates.required',
  'line.otherLevel',
  'duration.linesOutside',
  'duration.profilesOutside',
  'profile.inUse',
  'funder.inUse',
  'partner.inUse',
  'currency.inUse',
  'funding.over',
  // scenarios and uncertainty ranges (model/scenarios.ts, commands/scenarios.ts)
  'scenario.reservedName',
  'scenario.nameTaken',
  'scenario.baselineOnly',
  'scenario.baselineLine',
  'scenario.notFound',
  'range.factor',
  'range.order',
  // importing lines from a spreadsheet (src-shared/import, src-main/import): a cell of a row, or
  // the file as a whole ('file') or the choice of columns ('mapping')
  'import.ambiguousNumber',
  'import.unknownChoice',
  'import.notYesNo',
  'import.formula',
  'import.tooLarge',
  'import.zipBomb',
  'import.tooManyRows',
  'import.tooManyColumns',
  'import.encoding',
  'import.notSpreadsheet',
  'import.empty',
  'import.damaged',
  'import.expired',
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];

const FIELD_CODE_SET: ReadonlySet<string> = new Set(FIELD_CODES);

export function isFieldCode(s: string): s is FieldCode {
  return FIELD_CODE_SET.has(s);
}

/** A zod message carrying a field code: `.min(1, fieldMessage('text.required'))`. */
export function fieldMessage(code: FieldCode): { message: FieldCode } {
  return { message: code };
}

/**
 * A zod issue's message as a field code: our schemas' messages are codes already; zod's own
 * English sentences (and anything unknown) become 'value.invalid'.
 */
export function fieldCodeOf(message: string): FieldCode {
  return isFieldCode(message) ? message : 'value.invalid';
}
