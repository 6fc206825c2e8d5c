/**
 * The XLSX writer (DESIGN §8, issue 11): computes each chosen scenario with the engine, plans the
 * workbook (src-shared/export/workbook.ts: which cells are formulas and why) and renders the plan
 * with exceljs's streaming writer (each row written out as it is committed). Formulas are stored
 * with their computed values (the engine's), so the numbers show at once; `fullCalcOnLoad` asks
 * Excel to recalculate on open. Node side: main, the server and the CLI use it.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { createEngine, resolveScenario } from '../../src-shared/engine';
import {
  type LayoutId,
  planWorkbook,
  type PlanSheet,
  type ScenarioComputed,
  type WorkbookPlan,
} from '../../src-shared/export';
import type { Language, Model } from '../../src-shared/model';

export interface XlsxOptions {
  layout: LayoutId;
  /** The scenarios to export, in order: a scenario's id, or null for the baseline. Empty: the baseline. */
  scenarioIds: readonly (string | null)[];
  /** No formulas, only the values (for donors who forbid formulas). */
  valuesOnly: boolean;
  /** A column per month beside the programme years. */
  monthlyColumns: boolean;
  locale: Language;
}

export interface XlsxHooks {
  /** Called after each step: steps done, of `total`. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** A scenario id that the programme does not have. */
export class UnknownScenarioError extends Error {}

const FILLS = {
  header: 'FFD9E1F2',
  subtotal: 'FFF2F2F2',
  total: 'FFE2EFDA',
  input: 'FFFFF2CC',
} as const;

/** The scenarios chosen, each resolved against the baseline and computed by the engine. */
export function computeScenarios(
  model: Model,
  scenarioIds: readonly (string | null)[],
  afterEach: () => void = () => undefined,
): ScenarioComputed[] {
  const ids = scenarioIds.length === 0 ? [null] : scenarioIds;
  const chosen = ids.map((id) => {
    if (id === null) return { id, name: '', overlay: {} };
    const s = model.scenarios.find((x) => x.id === id);
    if (!s) throw new UnknownScenarioError(`The programme has no scenario with the id "${id}".`);
    return { id, name: s.name, overlay: s.overlay };
  });
  const engine = createEngine();
  const computed: ScenarioComputed[] = [];
  for (const c of chosen) {
    const resolved = c.id === null ? model : resolveScenario(model, c.overlay).model;
    computed.push({ id: c.id, name: c.name, model: resolved, result: engine.compute(resolved) });
    afterEach();
  }
  return computed;
}

/** The plan of the workbook (what writeWorkbook renders): the tests compare a spreadsheet's results with it. */
export function planOf(model: Model, options: XlsxOptions, afterEach?: () => void): WorkbookPlan {
  return planWorkbook(model, computeScenarios(model, options.scenarioIds, afterEach), {
    layout: options.layout,
    valuesOnly: options.valuesOnly,
    monthlyColumns: options.monthlyColumns,
    locale: options.locale,
  });
}

/** The workbook of `model` as XLSX bytes. */
export async function writeWorkbook(model: Model, options: XlsxOptions, hooks: XlsxHooks = {}): Promise<Buffer> {
  let done = 0;
  // Each scenario's compute, the plan, the bytes.
  const total = Math.max(1, options.scenarioIds.length) + 2;
  const step = (): void => {
    hooks.signal?.throwIfAborted();
    hooks.onProgress?.(++done, total);
  };
  hooks.signal?.throwIfAborted();
  const plan = planOf(model, options, step);
  step();
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const wb = new StreamedWorkbook({ stream, useStyles: true, useSharedStrings: false }, !options.valuesOnly);
  wb.creator = 'Reintegration Costing Studio';
  wb.title = model.programme.title;
  for (const sheet of plan.sheets) {
    renderSheet(wb, sheet, options.valuesOnly);
    hooks.signal?.throwIfAborted();
  }
  if (!options.valuesOnly) {
    for (const n of plan.names) wb.definedNames.add(`'${n.sheet.replace(/'/g, "''")}'!${n.ref}`, n.name);
  }
  await wb.commit();
  step();
  return Buffer.concat(chunks);
}

/**
 * exceljs's streaming writer: each row is turned into XML when it is committed and the parts are
 * deflated by Node's own zlib, which writes the 2,000-line workbook of the benchmark in about half
 * the time of the in-memory Workbook (pure-JavaScript deflate, every cell kept until the end).
 * Its workbook part has no calculation properties of its own: `fullCalcOnLoad` is set here so that
 * Excel recalculates every formula when the file is opened (LibreOffice follows its own setting).
 */
class StreamedWorkbook extends ExcelJS.stream.xlsx.WorkbookWriter {
  constructor(
    options: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>,
    private readonly fullCalcOnLoad: boolean,
  ) {
    super(options);
  }

  override async addWorkbook(): Promise<void> {
    // The writer's zip (an archiver): its workbook part gets fullCalcOnLoad on its <calcPr>.
    const zip = (this as unknown as { zip: { append(data: string, options: { name: string }): void } }).zip;
    const append = zip.append.bind(zip);
    if (this.fullCalcOnLoad) {
      zip.append = (data, options) =>
        append(
          options.name === '/xl/workbook.xml' ? data.replace(/<calcPr\b/, '<calcPr fullCalcOnLoad="1"') : data,
          options,
        );
    }
    try {
      await super.addWorkbook();
    } finally {
      zip.append = append;
    }
  }
}

function renderSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: PlanSheet, valuesOnly: boolean): void {
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: sheet.freeze.cols, ySplit: sheet.freeze.rows }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(sheet.printTitles ? { printTitlesRow: `${sheet.printTitles.from}:${sheet.printTitles.to}` } : {}),
    },
    headerFooter: { oddFooter: '&L&A&R&P / &N' },
  });
  sheet.widths.forEach((w, c) => {
    ws.getColumn(c + 1).width = w;
  });
  sheet.rows.forEach((row, r) => {
    const line = ws.getRow(r + 1);
    row.forEach((cell, c) => {
      if (!cell) return;
      const target = line.getCell(c + 1);
      if (cell.formula !== undefined && !valuesOnly) {
        target.value = { formula: cell.formula, result: cell.value ?? undefined } as ExcelJS.CellFormulaValue;
      } else {
        target.value = cell.value;
      }
      if (cell.format) target.numFmt = cell.format;
      if (cell.bold) target.font = { bold: true };
      if (cell.fill) target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[cell.fill] } };
      if (cell.wrap) target.alignment = { wrapText: true, vertical: 'top' };
    });
    // Written out now (the streaming writer keeps no row once committed).
    line.commit();
  });
  ws.commit();
}
