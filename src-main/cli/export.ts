/**
 * `rcs export FILE --format xlsx|csv --layout eu|us|fcdo|plain [--scenario NAME] [--values-only]
 * [--monthly] [--content lines|monthly] [--separator comma|semicolon|tab] [--locale en|fr] --out PATH`
 * (DESIGN §8, issue 11).
 *
 * Each format is one branch of `runExport`: xlsx is src-main/export/xlsx.ts, csv the CSV writer the
 * Export screen uses (src-main/export/writers.ts, over src-shared/export/csv.ts).
 *
 * Decision: a CSV holds one scenario: the baseline without --scenario. Its content is the lines
 *   (default) or the monthly amounts (--content monthly); its separator is the language's (comma in
 *   English, semicolon in French) unless --separator says otherwise.
 *
 * Decision: without --scenario the workbook holds the baseline and every scenario of the file
 *   (in the switcher's order); --scenario NAME exports that one only ("Baseline" included).
 * Decision: without --layout, the layout of the programme's donor profile (EU, US, FCDO), or
 *   `plain` for a programme with no donor rules.
 * Decision: an existing file at --out is replaced, as a spreadsheet's "Save" does, but never left
 *   half-written: the workbook is written to a temporary file beside it, flushed, then renamed over
 *   it (one atomic step on the same file system). A failed or interrupted export leaves the old
 *   file as it was and no temporary file behind. --out may not name a .rcs file: an export never
 *   replaces a programme.
 */
import path from 'node:path';
import {
  CSV_CONTENTS,
  type CsvContent,
  isLayoutId,
  LAYOUT_IDS,
  type LayoutId,
  layoutOfProfile,
} from '../../src-shared/export';
import type { Model } from '../../src-shared/model';
import { writeFileAtomically } from '../export/files';
import { exportWriters } from '../export/writers';
import { writeWorkbook } from '../export/xlsx';
import { BASELINE_NAME, chooseScenario, CliFailure } from './scenarios';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportArgs {
  format: string | undefined;
  layout: string | undefined;
  scenario: string | undefined;
  out: string | undefined;
  locale: string | undefined;
  valuesOnly: boolean;
  monthly: boolean;
  /** CSV: lines or monthly. */
  content?: string | undefined;
  /** CSV: comma, semicolon or tab. */
  separator?: string | undefined;
}

const SEPARATOR_NAMES = { comma: ',', semicolon: ';', tab: '\t' } as const;
type SeparatorName = keyof typeof SEPARATOR_NAMES;

/** What an export wrote: where, which layout, which scenarios. */
export interface ExportDone {
  out: string;
  layout: LayoutId;
  scenarios: string[];
  bytes: number;
}

/** The arguments checked before the file is read (usage mistakes exit 2 without touching anything). */
export function checkExportArgs(
  args: ExportArgs,
  usage: number,
): {
  format: ExportFormat;
  layout: LayoutId | null;
  out: string;
  locale: 'en' | 'fr';
  content: CsvContent;
  separator: SeparatorName | null;
} {
  if (args.format === undefined) {
    throw new CliFailure('rcs export needs --format xlsx or --format csv.', usage);
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(args.format)) {
    throw new CliFailure(`--format ${args.format} is not a format rcs exports: use xlsx (or csv).`, usage);
  }
  if (args.layout !== undefined && !isLayoutId(args.layout)) {
    throw new CliFailure(`--layout ${args.layout} is not a layout: use ${LAYOUT_IDS.join(', ')}.`, usage);
  }
  if (args.out === undefined || args.out.trim() === '') {
    throw new CliFailure('rcs export needs --out PATH: the file to write (e.g. --out budget.xlsx).', usage);
  }
  if (path.extname(args.out).toLowerCase() === '.rcs') {
    throw new CliFailure(
      `--out ${args.out} names a programme file (.rcs): an export never replaces a programme. Give a .${args.format} path.`,
      usage,
    );
  }
  if (args.locale !== undefined && args.locale !== 'en' && args.locale !== 'fr') {
    throw new CliFailure(`--locale ${args.locale} is not a language of the export: use en or fr.`, usage);
  }
  const csvOnly = [args.content !== undefined && '--content', args.separator !== undefined && '--separator'];
  const xlsxOnly = [args.valuesOnly && '--values-only', args.monthly && '--monthly'];
  const wrong = (args.format === 'csv' ? xlsxOnly : csvOnly).filter((o): o is string => o !== false);
  if (wrong.length > 0) {
    throw new CliFailure(
      `${wrong.join(' and ')} ${wrong.length > 1 ? 'do' : 'does'} not apply to --format ${args.format}.`,
      usage,
    );
  }
  if (args.content !== undefined && !(CSV_CONTENTS as readonly string[]).includes(args.content)) {
    throw new CliFailure(`--content ${args.content} is not a CSV's content: use lines or monthly.`, usage);
  }
  if (args.separator !== undefined && !(args.separator in SEPARATOR_NAMES)) {
    throw new CliFailure(`--separator ${args.separator} is not a separator: use comma, semicolon or tab.`, usage);
  }
  return {
    format: args.format as ExportFormat,
    layout: (args.layout as LayoutId | undefined) ?? null,
    out: path.resolve(args.out),
    locale: (args.locale as 'en' | 'fr' | undefined) ?? 'en',
    content: (args.content as CsvContent | undefined) ?? 'lines',
    separator: (args.separator as SeparatorName | undefined) ?? null,
  };
}

/** Writes `bytes` to `out` through a temporary file renamed over it (see the Decision above). */
export function writeAtomically(out: string, bytes: Uint8Array, fileFailure: number): void {
  try {
    writeFileAtomically(out, bytes);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new CliFailure(
      `The export could not be written to ${out}: ${why}. Check that the folder exists and that you may write there; nothing was changed.`,
      fileFailure,
    );
  }
}

export async function runExport(
  model: Model,
  args: ExportArgs,
  codes: { usage: number; file: number },
): Promise<ExportDone> {
  const checked = checkExportArgs(args, codes.usage);
  const layout = checked.layout ?? layoutOfProfile(model.programme.donorProfile) ?? 'plain';
  const chosen =
    args.scenario === undefined && checked.format === 'csv'
      ? [{ id: null, name: BASELINE_NAME }]
      : args.scenario === undefined
        ? [
            { id: null, name: BASELINE_NAME },
            ...[...model.scenarios].sort((a, b) => a.position - b.position).map((s) => ({ id: s.id, name: s.name })),
          ]
        : [chooseScenario(model, args.scenario, codes.usage)];
  switch (checked.format) {
    case 'xlsx': {
      const bytes = await writeWorkbook(model, {
        layout,
        scenarioIds: chosen.map((c) => c.id),
        valuesOnly: args.valuesOnly,
        monthlyColumns: args.monthly,
        locale: checked.locale,
      });
      writeAtomically(checked.out, bytes, codes.file);
      return { out: checked.out, layout, scenarios: chosen.map((c) => c.name), bytes: bytes.length };
    }
    case 'csv': {
      const scenario = chosen[0] ?? { id: null, name: BASELINE_NAME };
      const separator = SEPARATOR_NAMES[checked.separator ?? (checked.locale === 'fr' ? 'semicolon' : 'comma')];
      const bytes = exportWriters.csv(
        model,
        {
          format: 'csv',
          layout,
          scenarioIds: [scenario.id],
          valuesOnly: false,
          monthlyColumns: false,
          csvContent: checked.content,
          csvSeparator: separator,
          language: checked.locale,
          destination: { kind: 'download' },
        },
        scenario.id,
      );
      writeAtomically(checked.out, bytes, codes.file);
      return { out: checked.out, layout, scenarios: [scenario.name], bytes: bytes.length };
    }
  }
}
