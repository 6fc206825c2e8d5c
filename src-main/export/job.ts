/**
 * The `export` job (issue 11): the open programme (or its chosen scenarios) written as an XLSX
 * workbook or a CSV, then saved where the person chose (desktop) or kept for the window to
 * download (browser mode). Steps: check the request against the programme, write the bytes (the
 * writers read the engine's results; they never recompute a number of their own), save them. A
 * cancel stops it between steps, or in the middle of writing a workbook; nothing is saved then.
 *
 * Decision: a file is written to a temporary file beside its destination and renamed over it once
 *   complete, so an export that fails or is cancelled never leaves half a file, and a file of the
 *   same name is replaced only by a whole one (the save dialog already asked whether to replace it).
 * Decision: the export never changes the programme.
 */
import path from 'node:path';
import { ApiFailure } from '../../src-shared/api';
import { exportFileName, type ExportRequest, type LayoutId, MIME_TYPES } from '../../src-shared/export';
import type { Language, Model } from '../../src-shared/model';
import type { JobPlan } from '../documents/jobs';
import { type ExportFiles, writeFileAtomically } from './files';

/** What the XLSX writer is given (src-main/export/xlsx.ts). */
export interface WorkbookOptions {
  layout: LayoutId;
  /** A scenario's id, or null for the baseline, in order. */
  scenarioIds: readonly (string | null)[];
  valuesOnly: boolean;
  monthlyColumns: boolean;
  locale: Language;
}

/** The writers an export uses (xlsx.ts and the CSV module), given by the app service. */
export interface ExportWriters {
  xlsx(model: Model, options: WorkbookOptions, hooks: { signal?: AbortSignal }): Promise<Buffer>;
  /** The CSV's bytes (UTF-8 with its BOM) of one scenario (null: the baseline). */
  csv(model: Model, request: ExportRequest, scenarioId: string | null): Buffer;
}

const sizeText = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The plan of an export of `model` (the open programme, as saved). */
export function exportPlan(
  model: Model | null,
  request: ExportRequest,
  writers: ExportWriters,
  files: ExportFiles,
): JobPlan {
  if (!model) throw new ApiFailure('noDocument', 'No programme is open. Open one first, then export it.');
  const names = request.scenarioIds.map((id) => {
    if (id === null) return null;
    const s = model.scenarios.find((x) => x.id === id);
    if (!s) {
      throw new ApiFailure(
        'notFound',
        'A scenario chosen for the export no longer exists (it was deleted meanwhile). Choose the scenarios again.',
      );
    }
    return s.name;
  });
  let target: string | null = null;
  if (request.destination.kind === 'file') {
    target = files.takePath(request.destination.token);
    if (target === null) {
      throw new ApiFailure(
        'validation',
        'The file chosen for the export is no longer known (more than ten minutes passed, or it was used already). Choose where to save it again.',
      );
    }
  }
  const fileName =
    target !== null
      ? path.basename(target)
      : exportFileName(
          model.programme.title,
          request.format,
          request.layout,
          request.csvContent,
          request.scenarioIds.length === 1 ? (names[0] ?? null) : null,
        );
  let bytes: Buffer | null = null;
  let savedTo: string | null = null;

  return {
    steps: [
      async (signal) => {
        if (request.format === 'xlsx') {
          bytes = await writers.xlsx(
            model,
            {
              layout: request.layout,
              scenarioIds: request.scenarioIds,
              valuesOnly: request.valuesOnly,
              monthlyColumns: request.monthlyColumns,
              locale: request.language,
            },
            { signal },
          );
        } else {
          bytes = writers.csv(model, request, request.scenarioIds[0] ?? null);
        }
      },
      () => {
        if (target === null) return;
        try {
          writeFileAtomically(target, bytes as Buffer);
          savedTo = target;
        } catch (err) {
          throw new ApiFailure(
            'io',
            `"${fileName}" could not be saved (${err instanceof Error ? err.message : String(err)}). Check that the folder still exists and that you may write there, or choose another place.`,
          );
        }
      },
    ],
    done: () => {
      const size = sizeText((bytes as Buffer).length);
      return savedTo !== null
        ? `Saved "${fileName}" (${size}) in ${path.dirname(savedTo)}.`
        : `"${fileName}" (${size}) is ready: your browser saves it as a download.`;
    },
    output: (jobId) => {
      const data = bytes as Buffer;
      if (savedTo !== null) files.savedAt(jobId, savedTo);
      else files.keep(jobId, { fileName, mimeType: MIME_TYPES[request.format], bytes: data });
      return { fileName, path: savedTo, bytes: data.length };
    },
  };
}
