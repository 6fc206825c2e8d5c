/**
 * Checking every row of an imported sheet as a budget line, before anything is written: each row
 * becomes a line's fields through the same schemas and cross-checks a line added in the app goes
 * through (model.ts lineFieldsSchema, validateLineAgainstProgramme, validateLineReferences), so
 * the report's codes are the app's own field messages. The result is the report (row, column,
 * field, code) and the lines the `line.import` command would add.
 *
 * Decisions:
 * - Rows are numbered as the spreadsheet numbers them: the headings are row 1, the first line row 2.
 * - A row with nothing in it is skipped without a word (spreadsheets end with some).
 * - A row with any problem is left out of the import and reported; the others are ready. The person
 *   sees both counts before confirming, and can fix the file and read it again instead.
 * - A cell left empty takes a new line's default: quantity 1, schedule "spread" over the whole
 *   programme (so the line costs quantity × unit cost, as the spreadsheet had it, spread evenly
 *   over the months), the reporting currency, the level's usual category, dimension economic,
 *   modality as a new line of the level has it, eligible for indirect costs and contingency, no
 *   unit and no justification. The name and the unit cost may not be left empty: a line needs a
 *   name, and an empty cost is more likely a gap in the sheet than a free item (write 0 for that).
 * - With schedule "once" only the first month counts (a last month given is not checked).
 */
import { fieldsFromZod } from '../commands/validation';
import {
  defaultLineFields,
  type Level,
  type LineFields,
  lineFieldsSchema,
  type Model,
  lineReferences,
  validateLineAgainstProgramme,
  validateLineReferences,
} from '../model';
import { ApiFailure } from '../api';
import {
  type CellResult,
  choiceValue,
  detectDecimal,
  type ImportIssueCode,
  isBlank,
  moneyValue,
  monthValue,
  quantityValue,
  textValue,
  yesNoValue,
} from './cells';
import {
  type DecimalSeparator,
  type ImportCell,
  type ImportField,
  type ImportMapping,
  type ImportTable,
  IMPORT_FIELDS,
  MAX_IMPORT_LINES,
  MAX_REPORTED_ISSUES,
} from './fields';

/** One problem of one row: which row (as the spreadsheet numbers it), column and field, and why. */
export interface ImportIssue {
  row: number;
  /** 0-based column of the sheet; null when the problem is not one cell's (a window that ends before it starts is the last month's). */
  column: number | null;
  field: ImportField;
  /** Translated by the UI (i18n `errors.<code>`), with `params`. */
  code: ImportIssueCode;
  params?: Record<string, string | number>;
}

/** A row that passed every check: the line it adds. */
export interface ReadyLine {
  row: number;
  fields: LineFields;
}

export interface ImportCheck {
  /** Rows with something in them (blank rows are skipped). */
  rows: number;
  ready: ReadyLine[];
  /** Rows left out because of a problem. */
  rowsWithIssues: number;
  /** The first MAX_REPORTED_ISSUES problems, by row. */
  issues: ImportIssue[];
  /** Every problem, reported or not. */
  issueCount: number;
  /** The decimal separator ambiguous numbers were read with (given, or seen in the file). */
  decimal: DecimalSeparator | null;
}

export interface ImportCheckOptions {
  level: Level;
  /** The file's decimal separator, when the person chose it; otherwise seen in the file, if it shows. */
  decimal?: DecimalSeparator | null;
}

type CheckModel = Pick<Model, 'programme' | 'currencies' | 'profiles' | 'funders' | 'lines'>;

/** A line field path (fieldsFromZod, model.ts) -> the import field it comes from. */
const FIELD_OF_PATH: Readonly<Record<string, ImportField>> = {
  name: 'name',
  category: 'category',
  dimension: 'dimension',
  modality: 'modality',
  unitLabel: 'unitLabel',
  unitCost: 'unitCost',
  currency: 'currency',
  justification: 'justification',
  eligibleIndirect: 'eligibleIndirect',
  eligibleContingency: 'eligibleContingency',
  'driver.quantity': 'quantity',
  'driver.schedule': 'schedule',
  'driver.start': 'start',
  'driver.end': 'end',
};

/**
 * Refuses a mapping that cannot be checked: no column for the name or the unit cost, a column the
 * sheet does not have, or one column for two fields.
 */
export function checkMapping(mapping: ImportMapping, columns: number): void {
  const fields: Record<string, 'text.required' | 'value.invalid' | 'list.duplicate'> = {};
  if (mapping.name === undefined) fields['mapping.name'] = 'text.required';
  if (mapping.unitCost === undefined) fields['mapping.unitCost'] = 'text.required';
  const used = new Map<number, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const col = mapping[field];
    if (col === undefined) continue;
    if (col >= columns) fields[`mapping.${field}`] = 'value.invalid';
    else if (used.has(col)) fields[`mapping.${field}`] = 'list.duplicate';
    used.set(col, field);
  }
  const [first] = Object.entries(fields);
  if (!first) return;
  const [path, code] = first;
  const field = path.slice('mapping.'.length);
  const message =
    code === 'text.required'
      ? `Choose the column that holds the ${field === 'name' ? "lines' names" : 'unit costs'}: an imported line needs both. Nothing was imported.`
      : code === 'list.duplicate'
        ? `One column was chosen for two fields (the second is "${field}"). Choose each column once. Nothing was imported.`
        : `The column chosen for "${field}" is not in the file (it has ${columns} columns). Choose another. Nothing was imported.`;
  throw new ApiFailure('validation', message, fields);
}

/** Checks every row of `table` as a line of `options.level` of `model`. */
export function checkImport(
  table: ImportTable,
  mapping: ImportMapping,
  model: CheckModel,
  options: ImportCheckOptions,
): ImportCheck {
  checkMapping(mapping, Math.max(table.headers.length, ...table.rows.slice(0, 1).map((r) => r.length)));
  const { programme } = model;
  const refs = lineReferences(model);
  const numericCols = [mapping.unitCost, mapping.quantity].filter((c): c is number => c !== undefined);
  const decimal =
    options.decimal ??
    detectDecimal(
      (function* () {
        for (const r of table.rows) for (const c of numericCols) yield r[c] ?? null;
      })(),
    );
  const ready: ReadyLine[] = [];
  const issues: ImportIssue[] = [];
  let issueCount = 0;
  let rows = 0;
  let rowsWithIssues = 0;

  table.rows.forEach((cells, index) => {
    if (cells.every(isBlank)) return;
    rows++;
    const rowNumber = index + 2;
    const found = new Map<ImportField, ImportIssue>();
    const cellOf = (field: ImportField): ImportCell | undefined => {
      const col = mapping[field];
      return col === undefined ? undefined : (cells[col] ?? null);
    };
    /** The value of `field`'s cell, or undefined when it is not mapped, is blank (and may be), or is wrong. */
    const read = <T>(
      field: ImportField,
      parse: (cell: ImportCell) => CellResult<T>,
      required = false,
    ): T | undefined => {
      const cell = cellOf(field);
      if (cell === undefined) return undefined;
      if (!required && isBlank(cell)) return undefined;
      const r = parse(cell);
      if (r.ok) return r.value;
      found.set(field, { row: rowNumber, column: mapping[field] ?? null, field, code: r.code, params: r.params });
      return undefined;
    };

    const base = defaultLineFields(options.level, programme.durationMonths, '', programme.reportingCurrency);
    const currency = read('currency', (c) => ({ ok: true, value: String(c).trim().toUpperCase() }));
    const fields: LineFields = { ...base, currency: currency ?? base.currency };
    fields.name = read('name', textValue, true) ?? '';
    fields.category = read('category', (c) => choiceValue(c, 'category')) ?? base.category;
    fields.dimension = read('dimension', (c) => choiceValue(c, 'dimension')) ?? base.dimension;
    fields.modality = read('modality', (c) => choiceValue(c, 'modality')) ?? base.modality;
    fields.unitLabel = read('unitLabel', textValue) ?? base.unitLabel;
    fields.justification = read('justification', textValue) ?? base.justification;
    fields.eligibleIndirect = read('eligibleIndirect', yesNoValue) ?? base.eligibleIndirect;
    fields.eligibleContingency = read('eligibleContingency', yesNoValue) ?? base.eligibleContingency;
    fields.unitCost = read('unitCost', (c) => moneyValue(c, fields.currency, decimal), true) ?? 0;
    const schedule = read('schedule', (c) => choiceValue(c, 'schedule')) ?? 'spread';
    const start = read('start', (c) => monthValue(c, programme.startMonth)) ?? 1;
    const end = read('end', (c) => monthValue(c, programme.startMonth)) ?? programme.durationMonths;
    const quantity = read('quantity', (c) => quantityValue(c, decimal)) ?? '1';
    fields.driver = { kind: 'fixed', quantity, schedule, start, end };

    // The app's own checks of a line, on what the cells gave; a field whose cell was wrong keeps its
    // cell's problem.
    const parsed = lineFieldsSchema.safeParse(fields);
    const codes = {
      ...validateLineAgainstProgramme(fields, programme),
      ...validateLineReferences(fields, refs),
      ...(parsed.success ? {} : fieldsFromZod(parsed.error)),
    };
    for (const [path, code] of Object.entries(codes)) {
      const field = FIELD_OF_PATH[path];
      if (field === undefined || found.has(field)) continue;
      const params = paramsOf(code, fields, programme.durationMonths);
      found.set(field, { row: rowNumber, column: mapping[field] ?? null, field, code, ...(params ? { params } : {}) });
    }

    if (found.size === 0 && parsed.success) {
      ready.push({ row: rowNumber, fields: parsed.data });
      return;
    }
    rowsWithIssues++;
    const ordered = IMPORT_FIELDS.flatMap((f) => {
      const issue = found.get(f);
      return issue ? [issue] : [];
    });
    issueCount += ordered.length;
    for (const issue of ordered) if (issues.length < MAX_REPORTED_ISSUES) issues.push(issue);
  });

  if (ready.length > MAX_IMPORT_LINES) {
    throw new ApiFailure(
      'validation',
      `The file has ${ready.length} lines ready to import; one import adds at most ${MAX_IMPORT_LINES}. Split the file and import each part. Nothing was imported.`,
      { file: 'import.tooManyRows' },
    );
  }
  return { rows, ready, rowsWithIssues, issues, issueCount, decimal };
}

/** The values the app's field messages put in their sentence (i18n `errors.*`). */
function paramsOf(
  code: ImportIssueCode,
  fields: LineFields,
  durationMonths: number,
): Record<string, string | number> | undefined {
  switch (code) {
    case 'window.outside':
      return { max: durationMonths };
    case 'window.endBeforeStart':
      return { start: fields.driver.start };
    case 'currency.undefined':
      return { code: fields.currency };
    default:
      return undefined;
  }
}
