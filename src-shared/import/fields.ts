/**
 * What an import reads (DESIGN §8, issue 11): the fields a column can fill, the table a file is
 * read into, the mapping of columns to fields, and the limits every reader keeps to.
 *
 * Decision: the importable fields are a budget line's own words and numbers: name, category,
 *   dimension, modality, unit, unit cost, currency, quantity, schedule and first/last month,
 *   justification, and the two eligibility flags. Imported lines get a `fixed` driver (quantity ×
 *   unit cost, as a spreadsheet budget has it); caseload drivers, funding splits, community
 *   beneficiaries and outputs are set in the app afterwards. The level is chosen once for the whole
 *   import, not read from a column.
 * Decision: one import reads at most 10,000 rows (MAX_ROWS) and adds at most that many lines: ten
 *   times the largest budgets we know of, and small enough that the line.import command stays
 *   within the transport's size limits.
 */
import { z } from 'zod';

export const IMPORT_FIELDS = [
  'name',
  'category',
  'dimension',
  'modality',
  'unitLabel',
  'unitCost',
  'currency',
  'quantity',
  'schedule',
  'start',
  'end',
  'justification',
  'eligibleIndirect',
  'eligibleContingency',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A cell as read: text from a CSV; text, a number or a yes/no from an XLSX; null when empty. */
export type ImportCell = string | number | boolean | null;

/** A sheet as read: its first row (the headings) and the rows under it. */
export interface ImportTable {
  headers: string[];
  rows: ImportCell[][];
}

/** Most bytes of a file to import. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Most rows under the headings. */
export const MAX_ROWS = 10_000;
/** Most lines one line.import command adds. */
export const MAX_IMPORT_LINES = MAX_ROWS;
export const MAX_COLUMNS = 200;
/** Most characters in a cell (Excel's own limit). */
export const MAX_CELL_LENGTH = 32_767;
/** Rows of the file shown before the columns are chosen. */
export const PREVIEW_ROWS = 20;
/** Most problems a check reports one by one (the rest are counted). */
export const MAX_REPORTED_ISSUES = 1000;

/** Which column (0-based) fills which field; a field left out is not imported (its default is kept). */
export type ImportMapping = Partial<Record<ImportField, number>>;

export const importMappingSchema = z.partialRecord(
  z.enum(IMPORT_FIELDS),
  z
    .number()
    .int()
    .min(0)
    .max(MAX_COLUMNS - 1),
);

export type DecimalSeparator = '.' | ',';
