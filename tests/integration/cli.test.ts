/**
 * The command line on real .rcs files: `compute` prints the engine's totals and never changes the
 * file; bad files and bad usage give a clear message and the documented exit code.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compute } from '../../src-shared/engine';
import { formatMinor } from '../../src-shared/money';
import type { Model } from '../../src-shared/model';
import { runChecks } from '../../src-shared/checks';
import {
  type CheckLine,
  EXIT_CHECK_ERRORS,
  EXIT_FILE,
  EXIT_OK,
  EXIT_USAGE,
  runCli,
  type ComputeSummary,
} from '../../src-main/cli/run';
import { writeModelToFile } from '../../src-main/documents/write-model';
import { sampleModel } from '../../src-main/sample/sample-model';
import { fullModel, smallModel } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rcs-cli-'));
  dirs.push(d);
  return d;
}

const hash = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function sampleFile(): { dir: string; file: string; model: Model } {
  const dir = tempDir();
  const file = path.join(dir, 'Sample programme.rcs');
  const model = writeModelToFile(file, sampleModel());
  return { dir, file, model };
}

describe('rcs compute', () => {
  it('prints the engine totals by level, year, indirect, contingency and total', async () => {
    const { file, model } = sampleFile();
    const expected = compute(model);
    const r = await cli('compute', file);
    expect(r.code).toBe(EXIT_OK);
    expect(r.err).toBe('');
    const money = (n: number): string => formatMinor(n, expected.currency, 'en');
    expect(r.out).toContain(model.programme.title);
    for (const [label, amount] of [
      ['Individual', expected.byLevel.individual],
      ['Community', expected.byLevel.community],
      ['Structural', expected.byLevel.structural],
      ['Programme support', expected.byLevel.support],
      ['Indirect costs', expected.totals.indirect],
      ['Contingency', expected.totals.contingency],
      ['Total', expected.totals.total],
    ] as const) {
      expect(r.out).toMatch(new RegExp(`^  ${label}\\b.* ${money(amount).replace(/[.,]/g, '\\$&')}$`, 'm'));
    }
    expect(expected.byYear.length).toBeGreaterThan(1);
    expected.byYear.forEach((amount, i) => {
      expect(r.out).toMatch(new RegExp(`^  Year ${i + 1} \\(.*\\) +${money(amount).replace(/[.,]/g, '\\$&')}$`, 'm'));
    });
    expect(expected.totals.total).toBeGreaterThan(0);
  });

  it('prints exact minor units with --json', async () => {
    const { file, model } = sampleFile();
    const expected = compute(model);
    const r = await cli('compute', file, '--json');
    expect(r.code).toBe(EXIT_OK);
    const s = JSON.parse(r.out) as ComputeSummary;
    expect(s.currency).toBe(model.programme.reportingCurrency);
    expect(s.byLevel).toEqual(expected.byLevel);
    expect(s.byYear.map((y) => y.amount)).toEqual(expected.byYear);
    expect(s.byYear[0]).toMatchObject({ year: 1, from: model.programme.startMonth });
    expect([s.direct, s.indirect, s.contingency, s.total]).toEqual([
      expected.totals.direct,
      expected.totals.indirect,
      expected.totals.contingency,
      expected.totals.total,
    ]);
    expect(s.total).toBe(s.direct + s.indirect + s.contingency);
  });

  it('prints the totals per funding source and the key metrics, from the engine', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Full.rcs');
    const model = writeModelToFile(file, fullModel());
    const expected = compute(model);
    const money = (n: number): string => formatMinor(n, expected.currency, 'en');
    const escape = (t: string): string => t.replace(/[.,()]/g, '\\$&');

    const r = await cli('compute', file);
    expect(r.code).toBe(EXIT_OK);
    const funders = r.out.slice(r.out.indexOf('By funding source (EUR)'));
    expect(funders).not.toBe('');
    for (const f of model.funders) {
      expect(funders).toMatch(new RegExp(`^  ${escape(f.name)} +${escape(money(expected.byFunder[f.id] ?? 0))}$`, 'm'));
    }
    const m = expected.metrics;
    expect(m.returneesAssisted).toBeGreaterThan(0);
    expect(r.out).toMatch(
      new RegExp(
        `^  Cost per returnee, individual level +${escape(money(m.costPerReturneeIndividual ?? -1))} EUR$`,
        'm',
      ),
    );
    expect(r.out).toMatch(
      new RegExp(`^  Cost per returnee, all-in +${escape(money(m.costPerReturneeAllIn ?? -1))} EUR$`, 'm'),
    );
    expect(r.out).toMatch(
      new RegExp(
        `^  Peak active caseload \\(cases\\) +${escape(new Intl.NumberFormat('en-GB').format(m.peakActiveCases))} in month ${m.peakMonth} \\(`,
        'm',
      ),
    );
    expect(r.out).toMatch(/^ {2}Staff-months +[\d,.]+$/m);

    const json = JSON.parse((await cli('compute', file, '--json')).out) as ComputeSummary;
    // The sample's one split under 100 % leaves an unfunded amount, listed after the sources.
    const unfunded = expected.byFunder[''] ?? 0;
    expect(unfunded).toBeGreaterThan(0);
    expect(json.byFunder).toEqual([
      ...model.funders.map((f) => ({ id: f.id, name: f.name, amount: expected.byFunder[f.id] ?? 0 })),
      { id: '', name: 'Unfunded', amount: unfunded },
    ]);
    expect(r.out).toMatch(new RegExp(`^  Unfunded +${escape(money(unfunded))}$`, 'm'));
    expect(json.byFunder.reduce((a, f) => a + f.amount, 0)).toBe(json.total);
    expect(json.metrics).toEqual(expected.metrics);
  });

  it('prints gross, covered, net, expected and worst case, and the drop-out per partner (--json in minor units)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Partners.rcs');
    fs.copyFileSync(path.join(ROOT, 'tests', 'fixtures', 'schema-v4.rcs'), file);
    const model = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'schema-v4.expected.json'), 'utf8'),
    ) as Model;
    const expected = compute(model).synergies;
    const money = (n: number): string => formatMinor(n, 'EUR', 'en');
    const escape = (t: string): string => t.replace(/[.,()]/g, '\\$&');

    const r = await cli('compute', file);
    expect(r.code).toBe(EXIT_OK);
    for (const [label, v] of [
      ['Gross \\(no partner delivers\\)', expected.totals.gross],
      ['Covered by partners', expected.totals.covered],
      ['Net \\(asked of the donor\\)', expected.totals.net],
      ['Worst case \\(every partner fails\\)', expected.totals.worstCase],
    ] as const) {
      expect(r.out).toMatch(new RegExp(`^  ${label} +${escape(money(v))}$`, 'm'));
    }
    expect(expected.totals.expected).toBeGreaterThan(expected.totals.net);
    for (const d of expected.partners) {
      const name = model.partners.find((p) => p.id === d.partnerId)?.name ?? '';
      expect(r.out).toMatch(new RegExp(`^  ${escape(name)} +${escape(money(d.total))}  \\(Y1 `, 'm'));
    }

    const json = JSON.parse((await cli('compute', file, '--json')).out) as ComputeSummary;
    expect(json.synergies).toMatchObject({
      gross: expected.totals.gross,
      covered: expected.totals.covered,
      net: expected.totals.net,
      expected: expected.totals.expected,
      worstCase: expected.totals.worstCase,
    });
    expect(json.synergies.dropOut.map((d) => d.id)).toEqual(['v4-pa-ngo', 'v4-pa-jobs', 'v4-pa-state']);
    expect(json.synergies.dropOut.reduce((a, d) => a + d.total, 0)).toBe(expected.totals.covered);
  });

  it('says when there are no returnees to divide by', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Small.rcs');
    writeModelToFile(file, smallModel());
    const r = await cli('compute', file);
    expect(r.out).toMatch(/^ {2}Cost per returnee, all-in +n\/a \(no returnees\)$/m);
    expect(r.out).toMatch(/^ {2}Main donor +[\d,.]+$/m);
  });

  it('opens the file read-only: not a byte changed, nothing left beside it', async () => {
    const { dir, file } = sampleFile();
    const before = hash(file);
    const mtime = fs.statSync(file).mtimeMs;
    const listing = fs.readdirSync(dir).sort();
    expect((await cli('compute', file)).code).toBe(EXIT_OK);
    expect((await cli('compute', file, '--json')).code).toBe(EXIT_OK);
    expect(hash(file)).toBe(before);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(dir).sort()).toEqual(listing);
  });

  it('says plainly when the file is missing (exit 1)', async () => {
    const r = await cli('compute', path.join(tempDir(), 'nowhere.rcs'));
    expect(r.code).toBe(EXIT_FILE);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/"nowhere\.rcs" could not be found/);
  });

  it('refuses a file that is not ours, and leaves it untouched (exit 1)', async () => {
    const file = path.join(tempDir(), 'notes.rcs');
    fs.writeFileSync(file, 'This is a text file, not a programme.\n'.repeat(50));
    const before = hash(file);
    const r = await cli('compute', file);
    expect(r.code).toBe(EXIT_FILE);
    expect(r.err).toMatch(/is not a Reintegration Costing Studio programme file/);
    expect(hash(file)).toBe(before);
  });

  it('refuses a damaged (truncated) file, and leaves it untouched (exit 1)', async () => {
    const { file } = sampleFile();
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = hash(file);
    const r = await cli('compute', file);
    expect(r.code).toBe(EXIT_FILE);
    expect(r.err).toMatch(/damaged/);
    expect(hash(file)).toBe(before);
  });
});

describe('rcs check', () => {
  it('prints every finding of the checks panel and exits 3 when one is an error', async () => {
    const { file, model } = sampleFile();
    const expected = runChecks(model, compute(model));
    const before = hash(file);
    const r = await cli('check', file);
    // The sample asks a pipeline co-financier for more than its ceiling: an error, on purpose.
    expect(expected.some((f) => f.severity === 'error')).toBe(true);
    expect(r.code).toBe(EXIT_CHECK_ERRORS);
    const errors = expected.filter((f) => f.severity === 'error').length;
    expect(r.out.split('\n')[0]).toMatch(new RegExp(`^${errors} error\\(s\\)`));
    for (const f of expected) expect(r.out).toContain(f.code);
    expect(r.out).toContain('funding source "');
    expect(r.out).toContain('Source: ');
    expect(hash(file)).toBe(before);

    const json = await cli('check', file, '--json');
    const parsed = JSON.parse(json.out) as { findings: CheckLine[] };
    expect(parsed.findings.map((f) => f.id)).toEqual(expected.map((f) => f.id));
  });

  it('exits 0 when the checks find no error', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Clean.rcs');
    const model = writeModelToFile(file, smallModel());
    expect(runChecks(model, compute(model)).some((f) => f.severity === 'error')).toBe(false);
    expect((await cli('check', file)).code).toBe(EXIT_OK);
  });
});

describe('rcs usage', () => {
  it('export is not available yet (exit 2)', async () => {
    const { file } = sampleFile();
    const r = await cli('export', file);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.err).toBe('rcs export is not available yet.');
  });

  it('explains itself when called wrongly (exit 2)', async () => {
    expect((await cli()).code).toBe(EXIT_USAGE);
    const unknown = await cli('frobnicate', 'x.rcs');
    expect(unknown.code).toBe(EXIT_USAGE);
    expect(unknown.err).toContain('"frobnicate" is not a command of rcs.');
    expect(unknown.err).toContain('Usage: rcs');
    expect((await cli('compute')).code).toBe(EXIT_USAGE);
    expect((await cli('compute', 'a.rcs', 'b.rcs')).code).toBe(EXIT_USAGE);
    expect((await cli('compute', 'a.rcs', '--csv')).err).toContain('Unknown option --csv');
    const help = await cli('help');
    expect(help.code).toBe(EXIT_OK);
    expect(help.out).toContain('compute <file.rcs> [--json]');
  });
});

describe('the rcs entry point', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src-main', 'cli', 'index.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('runs as a process with the documented exit codes', () => {
    const { file, model } = sampleFile();
    const ok = run('compute', file, '--json');
    expect(ok.status, ok.stderr).toBe(EXIT_OK);
    expect((JSON.parse(ok.stdout) as ComputeSummary).total).toBe(compute(model).totals.total);
    const missing = run('compute', path.join(path.dirname(file), 'gone.rcs'));
    expect(missing.status).toBe(EXIT_FILE);
    expect(missing.stderr).toContain('could not be found');
    expect(run('check', file).status).toBe(EXIT_CHECK_ERRORS);
    expect(run('export', file).status).toBe(EXIT_USAGE);
  });
});
