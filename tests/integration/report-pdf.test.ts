/**
 * `report.savePdf`, the desktop app's "Save as PDF…" on the Report screen: refused politely in
 * browser mode (no PDF output), and in the desktop app (here with a fake dialog and printer in
 * place of Electron's) it proposes "<title> – report.pdf", prints only once a path is chosen, and
 * writes the printed bytes there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiFailure, dispatch } from '../../src-shared/api';
import { type AppHandlers, createHandlers, type PdfOutput, writeModelToFile } from '../../src-main/documents';
import { smallModel, tempDir } from './helpers';

const made: AppHandlers[] = [];
afterEach(() => {
  for (const h of made.splice(0)) h.dispose();
});

function setup(pdf?: PdfOutput) {
  const root = tempDir();
  const documentsDir = path.join(root, 'Documents');
  const sampleFile = path.join(root, 'sample.rcs');
  const model = smallModel();
  model.scenarios = [{ id: 'sc-high', position: 0, name: 'High caseload', description: '', overlay: {} }];
  writeModelToFile(sampleFile, model);
  const h = createHandlers({
    documentsDir,
    userDataDir: path.join(root, 'userData'),
    sampleFile,
    mode: pdf ? 'desktop' : 'browser',
    version: '0.1.0-test',
    ...(pdf ? { pdf } : {}),
  });
  made.push(h);
  return { root, h, title: model.programme.title };
}

async function refusal(p: Promise<unknown>): Promise<ApiFailure> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiFailure) return err;
    throw err;
  }
  throw new Error('expected an ApiFailure');
}

const PDF_BYTES = new TextEncoder().encode('%PDF-1.7\n% a printed report\n%%EOF\n');

describe('report.savePdf', () => {
  it('in browser mode: refused as unavailable, saying what to do instead, over the contract too', async () => {
    const { h } = setup();
    h['document.openSample']({});
    const f = await refusal(h['report.savePdf']({ scenarioId: null }));
    expect(f.code).toBe('unavailable');
    expect(f.message).toMatch(/only available in the desktop app/);
    expect(f.message).toMatch(/Print…/);
    const reply = await dispatch(h, 'report.savePdf', { scenarioId: null });
    expect(reply).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    // A request that is not the contract's is refused before any handler runs.
    expect(await dispatch(h, 'report.savePdf', { scenarioId: null, path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('in the desktop app: proposes "<title> – <scenario> – report.pdf", prints, writes the PDF where chosen', async () => {
    const proposed: string[] = [];
    let printed = 0;
    let target: string | null = null;
    const { root, h, title } = setup({
      choose: (name) => {
        proposed.push(name);
        return Promise.resolve(target);
      },
      print: () => {
        printed += 1;
        return Promise.resolve(PDF_BYTES);
      },
    });
    expect((await refusal(h['report.savePdf']({ scenarioId: null }))).code).toBe('noDocument');
    h['document.openSample']({});

    // Cancelled: nothing printed, nothing written.
    expect(await h['report.savePdf']({ scenarioId: null })).toBeNull();
    expect(proposed).toEqual([`${title} – report.pdf`]);
    expect(printed).toBe(0);

    target = path.join(root, 'Reports', 'Donor copy'); // no extension: .pdf is added
    fs.mkdirSync(path.dirname(target));
    const saved = await h['report.savePdf']({ scenarioId: 'sc-high' });
    expect(proposed[1]).toBe(`${title} – High caseload – report.pdf`);
    expect(saved).toEqual({ path: `${target}.pdf` });
    expect(printed).toBe(1);
    expect(new Uint8Array(fs.readFileSync(`${target}.pdf`))).toEqual(PDF_BYTES);

    // In French, the proposed name says "rapport".
    h['settings.update']({ locale: 'fr' });
    target = null;
    await h['report.savePdf']({ scenarioId: null });
    expect(proposed[2]).toBe(`${title} – rapport.pdf`);
  });

  it('a folder that cannot be written to gives an io error that says what to do', async () => {
    const { root, h } = setup({
      choose: () => Promise.resolve(path.join(root, 'no such folder', 'report.pdf')),
      print: () => Promise.resolve(PDF_BYTES),
    });
    h['document.openSample']({});
    const f = await refusal(h['report.savePdf']({ scenarioId: null }));
    expect(f.code).toBe('io');
    expect(f.message).toMatch(/could not be saved .*Choose another folder/);
  });
});
