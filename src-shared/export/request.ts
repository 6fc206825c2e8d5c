/**
 * What a person asks of an export (the Export screen, `job.start` with kind 'export'): the format,
 * the donor layout, the scenarios, the options, and where the file goes. Checked at the boundary
 * with this schema; the file's name is made here, the same for the screen, main and the tests.
 *
 * Decision: the file goes either to a path the person chose in the desktop app's save dialog
 *   (main keeps the path and gives the window a token for it: a window never names a path to
 *   write), or, in browser mode, to the browser as a download (main keeps the bytes for the window
 *   to take once, `export.take`).
 * Decision: at most MAX_EXPORT_SCENARIOS scenarios in one workbook (a sheet each); a CSV holds one.
 */
import { z } from 'zod';
import { LAYOUT_IDS, type LayoutId } from './layouts';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const CSV_CONTENTS = ['lines', 'monthly'] as const;
export type CsvContent = (typeof CSV_CONTENTS)[number];
/** Between a CSV's cells (the decimal separator follows: "." after ",", else the language's). */
export const CSV_SEPARATORS = [',', ';', '\t'] as const;

export const MAX_EXPORT_SCENARIOS = 8;

/** A scenario's id; null is the baseline. */
const scenarioRef = z.string().min(1).max(64).nullable();

export const exportDestinationSchema = z.discriminatedUnion('kind', [
  /** Browser mode: the bytes are kept for the window, which saves them as a download. */
  z.object({ kind: z.literal('download') }).strict(),
  /** Desktop: the path chosen in the save dialog (`export.chooseFile`), by its token. */
  z
    .object({
      kind: z.literal('file'),
      token: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    })
    .strict(),
]);
export type ExportDestination = z.infer<typeof exportDestinationSchema>;

export const exportRequestSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    layout: z.enum(LAYOUT_IDS),
    scenarioIds: z.array(scenarioRef).min(1).max(MAX_EXPORT_SCENARIOS),
    /** XLSX: values only, no formulas (for donors who forbid them). */
    valuesOnly: z.boolean(),
    /** XLSX: a column per month beside the programme years. */
    monthlyColumns: z.boolean(),
    /** CSV: one row per line, or one row per line and month. */
    csvContent: z.enum(CSV_CONTENTS),
    csvSeparator: z.enum(CSV_SEPARATORS),
    /** The language of the headings and labels. */
    language: z.enum(['en', 'fr']),
    destination: exportDestinationSchema,
  })
  .strict()
  .refine((r) => r.format === 'xlsx' || r.scenarioIds.length === 1, {
    message: 'A CSV holds one scenario: choose one, or export a workbook.',
    path: ['scenarioIds'],
  });
export type ExportRequest = z.infer<typeof exportRequestSchema>;

export const MIME_TYPES: Readonly<Record<ExportFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
};

/** Characters a file name may not hold on Windows, macOS or Linux (and control characters). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;

/**
 * The name an export is offered under: "<programme> – <layout or content>[ – <scenario>].<ext>",
 * without characters a file system refuses, at most 110 characters before the extension.
 */
export function exportFileName(
  title: string,
  format: ExportFormat,
  layout: LayoutId,
  csvContent: CsvContent,
  scenarioName: string | null,
): string {
  const what = format === 'csv' ? (csvContent === 'monthly' ? 'monthly amounts' : 'lines') : `budget (${layout})`;
  const parts = [title.trim() || 'Programme', what, ...(scenarioName ? [scenarioName] : [])];
  const stem = parts
    .join(' – ')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 110)
    .trim();
  return `${stem || 'Export'}.${format}`;
}
