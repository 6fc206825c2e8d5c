/**
 * The `export` job through the app's handlers, on real files and the real writers: browser mode
 * keeps the file for its window to take once (an XLSX the reader opens, a CSV with its BOM and the
 * engine's total); the desktop app saves where the save dialog chose, by a token used once, and
 * shows it in its folder; a cancel in the middle of writing saves nothing; a save that fails leaves
 * no file; a scenario deleted meanwhile, or a CSV of two scenarios, is refused before any work; the
 * programme is never changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppEvent, contract } from '../../src-shared/api';
import type { ExportRequest } from '../../src-shared/export';
import { createEngine, resolveScenario } from '../../src-shared/engine';
import { type AppHandlers, createHandlers, type NativeDialogs, writeModelToFile } from '../../src-main/documents';
import type { ExportWriters } from '../../src-main/export/job';
import { exportWriters } from '../../src-main/export/writers';
import { sampleModel } from '../../src-main/sample/sample-model';
import { tempDir } from './helpers';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

type Finished = Extract<AppEvent, { type: 'job.finished' }>;

function setup(options: { dialogs?: NativeDialogs; writers?: ExportWriters } = {}) {
  const root = tempDir();
  const documentsDir = path.join(root, 'docs');
  fs.mkdirSync(documentsDir, { recursive: true });
  const sampleFile = path.join(root, 'sample.rcs');
  writeModelToFile(sampleFile, sampleModel());
  const file = path.join(documentsDir, 'Sample.rcs');
  const model = writeModelToFile(file, sampleModel());
  const events: AppEvent[] = [];
  const h: AppHandlers = createHandlers({
    documentsDir,
    userDataDir: path.join(root, 'user'),
    sampleFile,
    mode: options.dialogs ? 'desktop' : 'browser',
    version: '0-test',
    emit: (e) => events.push(e),
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
    ...(options.writers ? { exportWriters: options.writers } : {}),
  });
  cleanup.push(() => h.dispose());
  h['document.open']({ path: file, readOnly: false });
  return { h, events, file, model, root };
}

async function finishedOf(events: AppEvent[], jobId: string): Promise<Finished> {
  for (let i = 0; i < 4000; i++) {
    const hit = events.find((e): e is Finished => e.type === 'job.finished' && e.jobId === jobId);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the job did not finish');
}

const request = (patch: Partial<ExportRequest> = {}): ExportRequest => ({
  format: 'xlsx',
  layout: 'eu',
  scenarioIds: [null],
  valuesOnly: false,
  monthlyColumns: false,
  csvContent: 'lines',
  csvSeparator: ',',
  language: 'en',
  destination: { kind: 'download' },
  ...patch,
});

describe('the export job', () => {
  it('browser mode: a workbook kept for the window, taken once, opened by a reader; the programme unchanged', async () => {
    const { h, events, file } = setup();
    const before = fs.readFileSync(file);
    const sc = sampleModel().scenarios[0];
    const { jobId } = h['job.start']({ kind: 'export', export: request({ scenarioIds: [null, sc?.id ?? null] }) });
    const done = await finishedOf(events, jobId);
    expect(done).toMatchObject({ outcome: 'done', error: null, output: { path: null } });
    expect(done.output?.fileName).toMatch(/\.xlsx$/);
    expect(done.message).toContain(done.output?.fileName);
    const progress = events.filter((e) => e.type === 'job.progress' && e.jobId === jobId);
    expect(progress.length).toBeGreaterThan(0);

    const taken = h['export.take']({ jobId });
    expect(taken.mimeType).toContain('spreadsheetml');
    const bytes = Buffer.from(taken.base64, 'base64');
    expect(bytes.length).toBe(done.output?.bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(wb.worksheets.length).toBeGreaterThanOrEqual(3);
    expect(() => h['export.take']({ jobId })).toThrow(/no longer kept/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('browser mode: a CSV of a scenario, UTF-8 with its BOM, whose total is the engine’s', async () => {
    const { h, events, model } = setup();
    const sc = model.scenarios[0];
    if (!sc) throw new Error('the sample has scenarios');
    const { jobId } = h['job.start']({
      kind: 'export',
      export: request({ format: 'csv', csvContent: 'monthly', scenarioIds: [sc.id] }),
    });
    const done = await finishedOf(events, jobId);
    expect(done.outcome).toBe('done');
    expect(done.output?.fileName).toContain(sc.name.replace(/[<>:"/\\|?*]/g, '_'));
    const text = Buffer.from(h['export.take']({ jobId }).base64, 'base64').toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const total = createEngine().compute(resolveScenario(model, sc.overlay).model).totals.total;
    expect(text).toContain((total / 100).toFixed(2));
  });

  it('desktop: saved where the dialog chose, by a token used once, shown in its folder', async () => {
    const shown: string[] = [];
    const chosenDir = tempDir();
    const target = path.join(chosenDir, 'For the donor');
    const { h, events } = setup({
      dialogs: {
        open: () => Promise.resolve(null),
        save: () => Promise.resolve(null),
        saveExport: () => Promise.resolve(target),
        showInFolder: (p) => shown.push(p),
        openImport: () => Promise.resolve(null),
      },
    });
    const file = await h['export.chooseFile']({ fileName: 'Sample – budget (eu).xlsx', format: 'xlsx' });
    if (!file) throw new Error('the dialog chose a file');
    expect(file.fileName).toBe('For the donor.xlsx');
    const { jobId } = h['job.start']({
      kind: 'export',
      export: request({ destination: { kind: 'file', token: file.token } }),
    });
    const done = await finishedOf(events, jobId);
    expect(done).toMatchObject({ outcome: 'done', output: { path: `${target}.xlsx`, fileName: 'For the donor.xlsx' } });
    expect(fs.readFileSync(`${target}.xlsx`).subarray(0, 2).toString()).toBe('PK');
    expect(fs.readdirSync(chosenDir)).toEqual(['For the donor.xlsx']);
    h['export.showInFolder']({ jobId });
    expect(shown).toEqual([`${target}.xlsx`]);
    // The token was used: a second export with it is refused before any work.
    expect(() =>
      h['job.start']({ kind: 'export', export: request({ destination: { kind: 'file', token: file.token } }) }),
    ).toThrow(/no longer known/);
  });

  it('a cancel while the workbook is written saves nothing', async () => {
    const chosenDir = tempDir();
    let started: () => void = () => undefined;
    const writing = new Promise<void>((r) => (started = r));
    const slow: ExportWriters = {
      ...exportWriters,
      xlsx: (_model, _options, { signal }) =>
        new Promise<Buffer>((_resolve, reject) => {
          started();
          signal?.addEventListener('abort', () => reject(signal.reason as Error));
        }),
    };
    const { h, events } = setup({
      writers: slow,
      dialogs: {
        open: () => Promise.resolve(null),
        save: () => Promise.resolve(null),
        saveExport: () => Promise.resolve(path.join(chosenDir, 'x.xlsx')),
        showInFolder: () => undefined,
        openImport: () => Promise.resolve(null),
      },
    });
    const file = await h['export.chooseFile']({ fileName: 'x.xlsx', format: 'xlsx' });
    const { jobId } = h['job.start']({
      kind: 'export',
      export: request({ destination: { kind: 'file', token: file?.token ?? '' } }),
    });
    await writing;
    h['job.cancel']({ jobId });
    const done = await finishedOf(events, jobId);
    expect(done.outcome).toBe('cancelled');
    expect(fs.readdirSync(chosenDir)).toEqual([]);
  });

  it('a save that fails says so and leaves no file', async () => {
    const gone = path.join(tempDir(), 'removed folder');
    const { h, events } = setup({
      dialogs: {
        open: () => Promise.resolve(null),
        save: () => Promise.resolve(null),
        saveExport: () => Promise.resolve(path.join(gone, 'budget.csv')),
        showInFolder: () => undefined,
        openImport: () => Promise.resolve(null),
      },
    });
    const file = await h['export.chooseFile']({ fileName: 'budget.csv', format: 'csv' });
    const { jobId } = h['job.start']({
      kind: 'export',
      export: request({ format: 'csv', destination: { kind: 'file', token: file?.token ?? '' } }),
    });
    const done = await finishedOf(events, jobId);
    expect(done.outcome).toBe('failed');
    expect(done.error?.code).toBe('io');
    expect(done.message).toMatch(/could not be saved .*choose another place/);
    expect(fs.existsSync(gone)).toBe(false);
  });

  it('refuses a scenario that does not exist, a CSV of two scenarios, and dialogs in browser mode', async () => {
    const { h } = setup();
    expect(() => h['job.start']({ kind: 'export', export: request({ scenarioIds: ['no-such'] }) })).toThrow(
      /no longer exists/,
    );
    const twoCsv = contract['job.start'].request.safeParse({
      kind: 'export',
      export: request({ format: 'csv', scenarioIds: [null, 'x'] }),
    });
    expect(twoCsv.success).toBe(false);
    const noExport = contract['job.start'].request.safeParse({ kind: 'export' });
    expect(noExport.success).toBe(false);
    const verifyWithExport = contract['job.start'].request.safeParse({ kind: 'verify', export: request() });
    expect(verifyWithExport.success).toBe(false);
    await expect(h['export.chooseFile']({ fileName: 'a.xlsx', format: 'xlsx' })).rejects.toThrow(
      /only available in the desktop app/,
    );
    expect(() => h['export.take']({ jobId: 'nothing' })).toThrow(/no longer kept/);
  });
});
