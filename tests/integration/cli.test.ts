/**
 * The command line on real .rcs files: `compute` prints the engine's totals and never changes the
 * file; bad files and bad usage give a clear message and the documented exit code.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { compute, keyParameters, monteCarlo, resolve, resolveScenario } from '../../src-shared/engine';
import { formatMinor } from '../../src-shared/money';
import type { BudgetLine, Model, Scenario } from '../../src-shared/model';
import { type Finding, runChecks } from '../../src-shared/checks';
import { findingSentence } from '../../src-shared/checks/text';
import {
  type CheckLine,
  EXIT_CHECK_ERRORS,
  EXIT_FILE,
  EXIT_OK,
  EXIT_USAGE,
  runCli,
  type ComputeSummary,
} from '../../src-main/cli/run';
import type { CompareSummary, MonteCarloSummary } from '../../src-main/cli/scenarios';
import { writeModelToFile } from '../../src-main/documents/write-model';
import { SAMPLE_FILE } from '../../src-main/sample/build-sample';
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

/** The Monte-Carlo thread's source, and a thread that loads tsx before it (no build needed). */
const MC_THREAD = pathToFileURL(path.join(ROOT, 'src-main/documents/montecarlo-thread.ts'));
function tsThread(url: string | URL): Worker {
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(String(url))}); })`;
  return new Worker(code, { eval: true });
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
    // The base the indirect rate applies to is named (the sample's: eligible direct costs).
    expect(model.programme.indirectBase).toBe('direct');
    expect(r.out).toMatch(/^ {2}Indirect costs \(7% of eligible direct costs\) +/m);
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
    expect(s.indirectBase).toBe(model.programme.indirectBase);
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
    // Every metric --json has is printed too (issue 12).
    const n = (v: number): string => escape(new Intl.NumberFormat('en-GB').format(v));
    expect(r.out).toMatch(new RegExp(`^  Community beneficiaries \\(persons\\) +${n(m.communityBeneficiaries)}$`, 'm'));
    expect(m.nonMigrantShare).not.toBeNull();
    expect(r.out).toMatch(
      new RegExp(
        `^    of which non-migrants +${n(m.nonMigrantBeneficiaries)} \\(${escape(((m.nonMigrantShare ?? 0) * 100).toFixed(1))} %\\)$`,
        'm',
      ),
    );
    expect(r.out).toMatch(
      new RegExp(`^  Direct beneficiaries \\(returnees \\+ non-migrants reached\\) +${n(m.directBeneficiaries)}$`, 'm'),
    );
    expect(r.out).toMatch(
      new RegExp(`^  Cost per direct beneficiary, all-in +${escape(money(m.costPerBeneficiary ?? -1))} EUR$`, 'm'),
    );

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
    expect(r.out.split('\n')[0]).toMatch(new RegExp(`^${errors} errors? · \\d+ warnings? · \\d+ notes?$`));
    // Each finding as its sentence, with its place and source; no codes, no raw parameters.
    for (const f of expected) {
      expect(r.out).toContain(findingSentence(f, model, 'en'));
      expect(r.out).not.toContain(f.code);
    }
    expect(r.out).not.toMatch(/\w=\S/);
    expect(r.out).not.toMatch(/\{\w+\}/);
    expect(r.out).toContain('ERROR · funding source “');
    expect(r.out).toMatch(/WARNING · profile “[^”]+”\n {2}Profile “/);
    expect(r.out).toContain('  Source: IOM (2015)');
    expect(hash(file)).toBe(before);

    const json = await cli('check', file, '--json');
    const parsed = JSON.parse(json.out) as { findings: CheckLine[] };
    expect(parsed.findings.map((f) => f.id)).toEqual(expected.map((f) => f.id));
    expect(parsed.findings.map((f) => f.code)).toEqual(expected.map((f) => f.code));
    expect(parsed.findings[0]?.text).toBe(findingSentence(expected[0] as Finding, model, 'en'));
  });

  it('speaks French with --lang fr: sentences, places, sources and counts, with French typography', async () => {
    const { file, model } = sampleFile();
    const expected = runChecks(model, compute(model));
    for (const argv of [['--lang', 'fr'], ['--lang=fr']]) {
      const r = await cli('check', file, ...argv);
      expect(r.code).toBe(EXIT_CHECK_ERRORS);
      const lines = r.out.split('\n');
      expect(lines[0]).toMatch(/^1 erreur · \d+ avertissements? · \d+ remarques?$/);
      for (const f of expected) {
        expect(r.out).toContain(findingSentence(f, model, 'fr'));
        expect(r.out).not.toContain(f.code);
      }
      expect(r.out).toContain('ERREUR · source de financement «\u00a0');
      expect(r.out).toMatch(/AVERTISSEMENT · profil «\u00a0[^»]+\u00a0»\n {2}Profil «/);
      expect(r.out).toMatch(/REMARQUE · ligne «\u00a0[^»]+\u00a0» \(communautaire\)/);
      expect(r.out).toContain('  Source\u00a0: OIM (2015)');
      expect(r.out).toMatch(/ est sollicité pour [\d\u202f\u00a0]+,\d\d\u00a0EUR/);
      expect(r.out).not.toMatch(/\w=\S/);
      expect(r.out).not.toMatch(/\{\w+\}/);
      expect(r.out).not.toMatch(/ [:;?!%»]/);
    }
    const json = JSON.parse((await cli('check', file, '--json', '--lang', 'fr')).out) as { findings: CheckLine[] };
    expect(json.findings[0]?.text).toBe(findingSentence(expected[0] as Finding, model, 'fr'));
    // The file's own refusals too.
    const missing = await cli('check', path.join(path.dirname(file), 'absent.rcs'), '--lang', 'fr');
    expect(missing.code).toBe(EXIT_FILE);
    expect(missing.err).toBe(
      '«\u00a0absent.rcs\u00a0» est introuvable. Il a peut-être été déplacé, renommé ou supprimé.',
    );
    const bad = await cli('check', file, '--lang', 'de');
    expect(bad.code).toBe(EXIT_USAGE);
    expect(bad.err).toContain('--lang takes en or fr');
  });

  it('exits 0 when the checks find no error', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Clean.rcs');
    const model = writeModelToFile(file, smallModel());
    expect(runChecks(model, compute(model)).some((f) => f.severity === 'error')).toBe(false);
    expect((await cli('check', file)).code).toBe(EXIT_OK);
  });
});

const money = (n: number): string => formatMinor(n, 'EUR', 'en');
const escape = (t: string): string => t.replace(/[.,()+[\]%]/g, '\\$&');
const FEWER = '20 % fewer arrivals';
const PARTNER = 'Main partner drops out';
const FRANC = 'Weaker CFA franc, higher inflation';

function scenarioNamed(model: Model, name: string): Scenario {
  const s = model.scenarios.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
}

/** The sample with a scenario that overrides something of every kind, and two that no longer fit. */
function everyKindFile(): { file: string; model: Model } {
  const base = sampleModel();
  const tvet = base.lines.find((l) => l.id === 'ind-tvet') as BudgetLine;
  const baselineStudy = base.lines.find((l) => l.id === 'sup-baseline') as BudgetLine;
  const extra: BudgetLine = { ...baselineStudy, id: 'sc-own-survey', name: 'Mid-term survey', position: 0 };
  const clash: BudgetLine = { ...baselineStudy, position: 0 };
  const scenario: Scenario = {
    id: 'sc-every-kind',
    position: base.scenarios.length,
    name: 'Every kind',
    description: 'A unit cost, a driver, a line off, a line of its own, and two overrides that no longer fit.',
    overlay: {
      lines: {
        'ind-tvet': { unitCost: tvet.unitCost * 2 },
        'sup-staff': {
          driver: { kind: 'fixed', quantity: '3', schedule: 'monthly', start: 1, end: 36 },
        },
        'str-material': { off: true },
        'gone-line': { unitCost: 100 },
      },
      addedLines: [extra, clash],
    },
  };
  const dir = tempDir();
  const file = path.join(dir, 'Every kind.rcs');
  const model = writeModelToFile(file, { ...base, scenarios: [...base.scenarios, scenario] });
  return { file, model };
}

describe('rcs compute --scenario', () => {
  it('computes the named scenario (any case), as the engine does on the resolved model', async () => {
    const { file, model } = sampleFile();
    const s = scenarioNamed(model, FEWER);
    const expected = compute(resolve(model, s.overlay));
    const r = await cli('compute', file, '--scenario', FEWER.toUpperCase(), '--json');
    expect(r.code).toBe(EXIT_OK);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out) as ComputeSummary;
    expect(json.scenario).toEqual({ id: s.id, name: FEWER, description: s.description, missing: [] });
    expect(json.total).toBe(expected.totals.total);
    expect(json.byLevel).toEqual(expected.byLevel);
    expect(json.metrics.returneesAssisted).toBe(944);
    expect(json.total).toBeLessThan(compute(model).totals.total);

    const text = await cli('compute', file, `--scenario=${FEWER.toLowerCase()}`);
    expect(text.code).toBe(EXIT_OK);
    expect(text.out.split('\n')[2]).toBe(`Scenario "${FEWER}": ${s.description}`);
    expect(text.out).toMatch(new RegExp(`^  Total +${escape(money(expected.totals.total))}$`, 'm'));
  });

  it('"Baseline" (any case) is the programme itself: the same output as without --scenario', async () => {
    const { file } = sampleFile();
    const plain = await cli('compute', file, '--json');
    const baseline = await cli('compute', file, '--scenario', 'bAsElInE', '--json');
    expect(baseline.code).toBe(EXIT_OK);
    expect(baseline.out).toBe(plain.out);
    expect((JSON.parse(plain.out) as ComputeSummary).scenario).toBeNull();
  });

  it('warns, one line each, of the overrides a scenario holds of what the baseline no longer has', async () => {
    const { file, model } = everyKindFile();
    const s = scenarioNamed(model, 'Every kind');
    const r = await cli('compute', file, '--scenario', 'every kind', '--json');
    expect(r.code).toBe(EXIT_OK);
    expect(r.err.split('\n')).toEqual([
      'Warning: scenario "Every kind" overrides the line "gone-line", which the baseline no longer has; that override is left out of what the scenario computes.',
      'Warning: scenario "Every kind" has a line of its own with the id "sup-baseline", which the baseline now uses; that line is left out of what the scenario computes.',
    ]);
    const json = JSON.parse(r.out) as ComputeSummary;
    expect(json.scenario?.missing).toEqual([
      { kind: 'line', id: 'gone-line' },
      { kind: 'addedLine', id: 'sup-baseline' },
    ]);
    expect(json.total).toBe(compute(resolve(model, s.overlay)).totals.total);
  });

  it('an unknown name is refused with the names there are (exit 2)', async () => {
    const { file } = sampleFile();
    const r = await cli('compute', file, '--scenario', 'Optimistic');
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `There is no scenario "Optimistic" in this programme. Its scenarios are: "Baseline", "${FEWER}", "${PARTNER}", "${FRANC}" (capitals do not matter).`,
    );
    const dir = tempDir();
    const small = path.join(dir, 'Small.rcs');
    writeModelToFile(small, smallModel());
    expect((await cli('compute', small, '--scenario', 'Optimistic')).err).toBe(
      'There is no scenario "Optimistic" in this programme: it has none, only "Baseline".',
    );
    expect((await cli('compute', file, '--scenario')).err).toBe('--scenario NAME needs a value after it.');
  });
});

describe('rcs compare', () => {
  it('Baseline vs 20 % fewer arrivals on resources/sample.rcs: a negative total delta that the bridge adds up to, all caseload', async () => {
    const before = hash(SAMPLE_FILE);
    const model = sampleModel();
    const fewer = compute(resolve(model, scenarioNamed(model, FEWER).overlay));
    const base = compute(model);
    const r = await cli('compare', SAMPLE_FILE, 'Baseline', FEWER, '--json');
    expect(r.code).toBe(EXIT_OK);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out) as CompareSummary;
    expect(json.scenarios.map((s) => s.name)).toEqual(['Baseline', FEWER]);
    const total = json.totals.find((t) => t.key === 'total');
    expect(total?.values).toEqual([base.totals.total, fewer.totals.total]);
    const delta = total?.deltas[1] ?? NaN;
    expect(delta).toBeLessThan(0);
    expect(delta).toBe(fewer.totals.total - base.totals.total);
    const [b] = json.bridges;
    expect(b?.steps.reduce((a, x) => a + x.amount, 0)).toBe(delta);
    expect([b?.fromTotal, b?.toTotal]).toEqual([base.totals.total, fewer.totals.total]);
    expect(b?.steps.map((x) => [x.cause, x.amount])).toEqual([
      ['caseload', delta],
      ['rates', 0],
      ['unitCosts', 0],
      ['lines', 0],
      ['synergies', 0],
    ]);
    // By level, year, funding source and category, each from the engine; metrics in money.
    expect(json.totals.find((t) => t.key === 'level:individual')?.values).toEqual([
      base.byLevel.individual,
      fewer.byLevel.individual,
    ]);
    expect(json.totals.filter((t) => t.key.startsWith('year:')).map((t) => t.values)).toEqual(
      base.byYear.map((v, i) => [v, fewer.byYear[i]]),
    );
    expect(json.totals.find((t) => t.key === 'funder:f-eu')?.label).toBe('European Union (main donor)');
    expect(json.totals.find((t) => t.key === 'category:humanResources')?.label).toBe('Human resources');
    expect(json.totals.find((t) => t.key === 'metric:costPerReturneeAllIn')?.values).toEqual([
      base.metrics.costPerReturneeAllIn,
      fewer.metrics.costPerReturneeAllIn,
    ]);
    // The lines that differ move with the caseload: none of them is overridden.
    expect(json.lines.length).toBeGreaterThan(10);
    for (const l of json.lines) {
      expect(l.causes, l.lineId).toEqual(['other']);
      expect(l.deltas[1], l.lineId).toBe((l.totals[1] ?? 0) - (l.totals[0] ?? 0));
    }
    expect(json.lines.find((l) => l.lineId === 'coordination:sy-referral-tvet')?.name).toBe(
      'Referral coordination: Referral to training and job placement',
    );

    const text = await cli('compare', SAMPLE_FILE, 'baseline', FEWER.toUpperCase());
    expect(text.code).toBe(EXIT_OK);
    const pct = `${((delta / base.totals.total) * 100).toFixed(1)}%`;
    expect(text.out).toMatch(
      new RegExp(
        `^  Total \\(all in\\) +${escape(money(base.totals.total))} +${escape(money(fewer.totals.total))} +${escape(money(delta))} +${escape(pct)}$`,
        'm',
      ),
    );
    expect(text.out).toContain(`  [2] ${FEWER}: `);
    expect(text.out).toContain(`Bridge from [1] Baseline to [2] ${FEWER} (EUR)`);
    expect(text.out).toMatch(new RegExp(`^ {4}Caseload \\(.*\\) +${escape(money(delta))}$`, 'm'));
    expect(text.out).toMatch(new RegExp(`^  Total of \\[2\\] +${escape(money(fewer.totals.total))}$`, 'm'));
    expect(text.out).toMatch(new RegExp(`^Lines that differ: ${json.lines.length} \\(EUR\\)$`, 'm'));
    expect(hash(SAMPLE_FILE)).toBe(before);
  });

  it('four scenarios: a bridge from the first to each other, each adding up exactly; the partner dropping out raises the net cost only', async () => {
    const { file, model } = sampleFile();
    const r = await cli('compare', file, 'Baseline', FEWER, PARTNER, FRANC, '--json');
    expect(r.code).toBe(EXIT_OK);
    const json = JSON.parse(r.out) as CompareSummary;
    expect(json.bridges.map((b) => [b.from, b.to])).toEqual([
      ['Baseline', FEWER],
      ['Baseline', PARTNER],
      ['Baseline', FRANC],
    ]);
    const total = json.totals.find((t) => t.key === 'total');
    json.bridges.forEach((b, i) => {
      expect(
        b.steps.reduce((a, x) => a + x.amount, 0),
        b.to,
      ).toBe(b.toTotal - b.fromTotal);
      expect(b.toTotal - b.fromTotal, b.to).toBe(total?.deltas[i + 1]);
    });
    const drop = compute(model).synergies.partners.find((p) => p.partnerId === 'pa-ministry')?.total ?? NaN;
    expect(total?.deltas[2]).toBe(0);
    expect(json.totals.find((t) => t.key === 'net')?.deltas[2]).toBe(drop);
    expect(json.totals.find((t) => t.key === 'funder:f-government')?.values[2]).toBe(0);
    // The weaker franc: a rates step, a lower total.
    expect(json.bridges[2]?.steps.find((x) => x.cause === 'rates')?.amount).toBe(total?.deltas[3]);
    expect(total?.deltas[3]).toBeLessThan(0);

    const text = await cli('compare', file, 'Baseline', FEWER, PARTNER, FRANC);
    expect(text.out).toMatch(
      /^ {2}Totals \(EUR\) +\[1\] +\[2\] +Δ \[2\] +Δ% \[2\] +\[3\] +Δ \[3\] +Δ% \[3\] +\[4\] +Δ \[4\] +Δ% \[4\]$/m,
    );
    expect(text.out).toMatch(new RegExp(`^ {4}Synergies \\(.*\\) +0\\.00$`, 'm'));
    expect(text.out).toMatch(
      new RegExp(`^  Net direct costs \\(asked of the donor\\) .* \\+${escape(money(drop))} +\\+`, 'm'),
    );
  });

  it('names the cause of each line that differs: unit cost, driver, off, a line of the scenario only', async () => {
    const { file, model } = everyKindFile();
    const s = scenarioNamed(model, 'Every kind');
    const r = await cli('compare', file, 'Baseline', 'Every kind', '--json');
    expect(r.code).toBe(EXIT_OK);
    expect(r.err.split('\n')).toHaveLength(2); // the two overrides that no longer fit
    const json = JSON.parse(r.out) as CompareSummary;
    const cause = (id: string) => json.lines.find((l) => l.lineId === id)?.causes;
    expect(cause('ind-tvet')).toEqual(['unitCost']);
    expect(cause('sup-staff')).toEqual(['driver']);
    expect(cause('str-material')).toEqual(['off']);
    expect(cause('sc-own-survey')).toEqual(['added']);
    expect(json.lines.find((l) => l.lineId === 'str-material')?.totals[1]).toBe(0);
    expect(json.lines.find((l) => l.lineId === 'sc-own-survey')).toMatchObject({
      name: 'Mid-term survey',
      level: 'support',
    });
    const [b] = json.bridges;
    const scenarioTotal = compute(resolveScenario(model, s.overlay).model).totals.total;
    expect(b?.toTotal).toBe(scenarioTotal);
    expect(b?.steps.reduce((a, x) => a + x.amount, 0)).toBe(scenarioTotal - compute(model).totals.total);
    expect(b?.steps.find((x) => x.cause === 'unitCosts')?.amount).toBeGreaterThan(0);
    expect(b?.steps.find((x) => x.cause === 'lines')?.amount).not.toBe(0);
    expect(b?.steps.find((x) => x.cause === 'caseload')?.amount).toBe(0);
    const text = await cli('compare', file, 'Baseline', 'Every kind');
    expect(text.out).toMatch(
      /^ {2}Mid-term survey +Programme support +0\.00 +[\d,.]+ +\+[\d,.]+ +line of the scenario only$/m,
    );
    expect(text.out).toMatch(/^ {2}Material support to local authorities .* +turned off$/m);
  });

  it('refuses fewer than 2 or more than 4 names, a name given twice, an unknown name (exit 2)', async () => {
    const { file } = sampleFile();
    const one = await cli('compare', file, 'Baseline');
    expect(one.code).toBe(EXIT_USAGE);
    expect(one.err).toBe(
      'rcs compare compares 2 to 4 scenarios ("Baseline" counts as one), given by name after the file; only 1 was given.',
    );
    expect((await cli('compare', file)).err).toContain('none was given');
    const five = await cli('compare', file, 'Baseline', FEWER, PARTNER, FRANC, 'Fifth');
    expect(five.code).toBe(EXIT_USAGE);
    expect(five.err).toContain('2 to 4 scenarios');
    expect(five.err).toContain('5 were given');
    const twice = await cli('compare', file, FEWER, FEWER.toUpperCase());
    expect(twice.code).toBe(EXIT_USAGE);
    expect(twice.err).toBe(
      `"${FEWER.toUpperCase()}" is named twice (capitals do not matter): name each scenario once.`,
    );
    const unknown = await cli('compare', file, 'Baseline', 'Optimistic');
    expect(unknown.code).toBe(EXIT_USAGE);
    expect(unknown.err).toMatch(
      /^There is no scenario "Optimistic" in this programme\. Its scenarios are: "Baseline", /,
    );
    for (const r of [one, five, twice, unknown]) expect(r.out).toBe('');
    expect((await cli('compare', file, 'Baseline', FEWER, '--scenario', 'x')).err).toBe(
      'Unknown option --scenario for rcs compare (only --json).',
    );
  });
});

describe('rcs montecarlo', () => {
  it('P10 / P50 / P90 of the total and net cost, as the engine gives them; the same seed gives the same JSON', async () => {
    const { file, model } = sampleFile();
    const first = await cli('montecarlo', file, '--draws', '120', '--seed', '42', '--json');
    expect(first.code).toBe(EXIT_OK);
    expect(first.err).toBe('');
    const again = await cli('montecarlo', file, '--draws=120', '--seed=42', '--json');
    expect(again.out).toBe(first.out);
    const json = JSON.parse(first.out) as MonteCarloSummary;
    expect(json).toMatchObject({ draws: 120, seed: 42, scenario: { id: null, name: 'Baseline' }, notDrawn: [] });
    expect(json.ranges.map((r) => r.id)).toEqual([
      'arrivals:p-adult',
      'arrivals:p-family',
      'arrivals:p-child',
      'arrivals:p-vot',
      'arrivals:p-health',
      'exchangeRate:XOF',
      'inflation:XOF',
    ]);
    // The engine's own run with the file's ranges as numbers.
    const ranges = new Map(
      model.ranges.map((r) => [r.id, { low: Number(r.low), likely: Number(r.likely), high: Number(r.high) }]),
    );
    const run = monteCarlo(model, ranges, 120, 42, keyParameters(model, compute(model)));
    expect(json.total).toEqual(run?.total);
    expect(json.net).toEqual(run?.net);
    expect(json.total.p10).toBeLessThan(json.total.p50);
    expect(json.total.p50).toBeLessThan(json.total.p90);
    expect(json.net.p90).toBeLessThan(json.total.p90);
    // Each percentile is the total of one draw.
    expect(run?.totals).toContain(json.total.p50);
    expect(json.deterministic.total).toBe(compute(model).totals.total);

    const other = JSON.parse(
      (await cli('montecarlo', file, '--draws', '120', '--seed', '43', '--json')).out,
    ) as MonteCarloSummary;
    expect(other.total).not.toEqual(json.total);

    const text = await cli('montecarlo', file, '--draws', '120', '--seed', '42');
    expect(text.code).toBe(EXIT_OK);
    expect(text.out).toContain('Monte-Carlo: 120 draws, seed 42');
    expect(text.out).toMatch(
      new RegExp(
        `^  Total \\(all in\\) +${escape(money(json.total.p10))} +${escape(money(json.total.p50))} +${escape(money(json.total.p90))} +${escape(money(json.deterministic.total))}$`,
        'm',
      ),
    );
    expect(text.out).toMatch(/^ {2}Exchange rate: XOF per EUR +0\.95 +1 +1\.15$/m);
    expect(text.out).toContain('triangular');
    expect(text.out).toContain('mulberry32');
    expect(text.out).toContain('nearest-rank percentiles');
  });

  it('on worker threads (the built CLI), the same JSON as in this thread, with progress a tenth at a time', async () => {
    const { file } = sampleFile();
    const here = await cli('montecarlo', file, '--draws', '10000', '--seed', '42', '--json');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['montecarlo', file, '--draws', '10000', '--seed', '42', '--json'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      // The thread's TypeScript source through tsx (the built CLI gives out/main/montecarlo-thread.js).
      monteCarloThreads: { script: MC_THREAD, startThread: tsThread },
    });
    expect(code).toBe(EXIT_OK);
    expect(out.join('\n')).toBe(here.out);
    expect(err.length).toBeGreaterThan(0);
    expect(err.length).toBeLessThanOrEqual(9);
    expect(err.every((l) => /^ {2}\d0 % \([\d,]+ draws\)$/.test(l))).toBe(true);
  }, 60_000);

  it('runs on a scenario: its values are the likely ones', async () => {
    const { file, model } = sampleFile();
    const s = scenarioNamed(model, FRANC);
    const r = await cli(
      'montecarlo',
      file,
      '--draws',
      '40',
      '--seed',
      '7',
      '--scenario',
      FRANC.toLowerCase(),
      '--json',
    );
    expect(r.code).toBe(EXIT_OK);
    const json = JSON.parse(r.out) as MonteCarloSummary;
    const resolved = resolve(model, s.overlay);
    expect(json.scenario).toMatchObject({ id: s.id, name: FRANC });
    expect(json.deterministic.total).toBe(compute(resolved).totals.total);
    const ranges = new Map(
      model.ranges.map((x) => [x.id, { low: Number(x.low), likely: Number(x.likely), high: Number(x.high) }]),
    );
    expect(json.total).toEqual(monteCarlo(resolved, ranges, 40, 7, keyParameters(resolved, compute(resolved)))?.total);
  });

  it('says which ranges are not drawn (not a key parameter of the scenario)', async () => {
    const base = sampleModel();
    const file = path.join(tempDir(), 'Ranges.rcs');
    writeModelToFile(file, {
      ...base,
      ranges: [...base.ranges, { id: 'unitCost:sup-audit', low: '0.9', likely: '1', high: '1.2' }],
    });
    const json = JSON.parse(
      (await cli('montecarlo', file, '--draws', '5', '--seed', '1', '--json')).out,
    ) as MonteCarloSummary;
    expect(json.notDrawn).toEqual(['unitCost:sup-audit']);
    const text = await cli('montecarlo', file, '--draws', '5', '--seed', '1');
    expect(text.out).toContain('Not drawn (not a key parameter of this scenario): unitCost:sup-audit');
  });

  it('refuses bad draws and seeds, and a file with no ranges, each with its reason (exit 2)', async () => {
    const { file } = sampleFile();
    const refused = async (args: string[], message: string) => {
      const r = await cli('montecarlo', file, ...args);
      expect(r.code, args.join(' ')).toBe(EXIT_USAGE);
      expect(r.out, args.join(' ')).toBe('');
      expect(r.err, args.join(' ')).toBe(message);
    };
    const draws = (v: string) => `--draws must be a whole number from 1 to 1,000,000 (the app's limit), not "${v}".`;
    const seed = (v: string) => `--seed must be a whole number from 0 to 4294967295, not "${v}".`;
    for (const v of ['0', '1000001', '2.5', 'many', '1e3', '']) await refused(['--draws', v, '--seed', '1'], draws(v));
    for (const v of ['-1', '4294967296', '1.5', 'abc']) await refused(['--draws', '10', '--seed', v], seed(v));
    await refused(
      ['--seed', '1'],
      "rcs montecarlo needs --draws N: how many draws, a whole number from 1 to 1,000,000 (the app's limit).",
    );
    await refused(
      ['--draws', '10'],
      'rcs montecarlo needs --seed S: a whole number from 0 to 4294967295; the same seed gives the same numbers.',
    );
    await refused(['--draws', '10', '--draws', '20', '--seed', '1'], '--draws is given twice; give it once.');
    // The largest seed and the app's limit of draws are accepted (checked without running a million draws).
    expect((await cli('montecarlo', file, '--draws', '1', '--seed', '4294967295')).code).toBe(EXIT_OK);

    const small = path.join(tempDir(), 'Small.rcs');
    writeModelToFile(small, smallModel());
    const none = await cli('montecarlo', small, '--draws', '10', '--seed', '1');
    expect(none.code).toBe(EXIT_USAGE);
    expect(none.err).toBe(
      'This programme has no uncertainty ranges: set ranges first (a low, likely and high factor on key parameters such as arrivals or exchange rates), then run rcs montecarlo again.',
    );
  });
});

describe('rcs export', () => {
  it('writes an XLSX workbook of the baseline and every scenario, in the donor profile’s layout (exit 0)', async () => {
    const { dir, file, model } = sampleFile();
    const out = path.join(dir, 'budget.xlsx');
    const r = await cli('export', file, '--format', 'xlsx', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toContain(`to ${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 3)).toEqual(['Summary', 'Assumptions', 'Baseline']);
    for (const s of model.scenarios) expect(names).toContain(s.name.slice(0, 31));
    expect(names).toContain('Compare');
    // A formula, stored with the engine's value.
    const summary = wb.getWorksheet('Summary') as ExcelJS.Worksheet;
    let total: ExcelJS.CellFormulaValue | undefined;
    summary.eachRow((row) => {
      if (row.getCell(1).value === 'Total costs') total = row.getCell(2).value as ExcelJS.CellFormulaValue;
    });
    expect(total?.formula).toMatch(/^'Baseline'!\$/);
    expect(Math.round((total?.result as number) * 100)).toBe(compute(model).totals.total);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('exports one scenario by name, values only, and replaces an existing file whole', async () => {
    const { dir, file } = sampleFile();
    const out = path.join(dir, 'one.xlsx');
    fs.writeFileSync(out, 'an older export');
    const r = await cli(
      'export',
      file,
      '--format=xlsx',
      '--layout',
      'us',
      '--scenario',
      '20 % FEWER arrivals',
      '--values-only',
      '--out',
      out,
    );
    expect(r.code, r.err).toBe(EXIT_OK);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toContain('20 % fewer arrivals');
    expect(wb.worksheets.map((w) => w.name)).not.toContain('Baseline');
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeUndefined()));
  });

  it('--format csv: the lines or the monthly amounts of one scenario, with the engine’s numbers, the language’s separator', async () => {
    const { dir, file, model } = sampleFile();
    const out = path.join(dir, 'lines.csv');
    const r = await cli('export', file, '--format', 'csv', '--out', out);
    expect(r.code, r.err).toBe(EXIT_OK);
    expect(r.out).toContain('"Baseline"');
    const text = fs.readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n')[0]).toContain('","');
    const lineTotals = compute(model).lines.reduce((a, l) => a + l.total, 0);
    expect(lineTotals).toBe(compute(model).totals.direct);
    const s = scenarioNamed(model, FRANC);
    const monthly = path.join(dir, 'monthly.csv');
    const m = await cli(
      'export',
      file,
      '--format',
      'csv',
      '--content',
      'monthly',
      '--scenario',
      FRANC,
      '--locale',
      'fr',
      '--out',
      monthly,
    );
    expect(m.code, m.err).toBe(EXIT_OK);
    const fr = fs.readFileSync(monthly, 'utf8');
    expect(fr.split('\r\n')[0]).toContain('";"');
    const total = compute(resolve(model, s.overlay)).totals.total;
    expect(fr).toContain((total / 100).toFixed(2).replace('.', ','));
  });

  it('refuses wrong usage with exit 2 and a reason, before reading the file', async () => {
    const { dir, file } = sampleFile();
    const out = path.join(dir, 'x.xlsx');
    const csvValuesOnly = await cli('export', file, '--format', 'csv', '--values-only', '--out', out);
    expect(csvValuesOnly.code).toBe(EXIT_USAGE);
    expect(csvValuesOnly.err).toBe('--values-only does not apply to --format csv.');
    expect((await cli('export', file, '--format', 'xlsx', '--content', 'lines', '--out', out)).err).toBe(
      '--content does not apply to --format xlsx.',
    );
    expect((await cli('export', file, '--format', 'csv', '--content', 'rows', '--out', out)).err).toContain(
      'use lines or monthly',
    );
    expect((await cli('export', file, '--format', 'csv', '--separator', '|', '--out', out)).err).toContain(
      'use comma, semicolon or tab',
    );
    expect((await cli('export', file, '--out', out)).err).toContain('needs --format xlsx or --format csv');
    expect((await cli('export', file, '--format', 'pdf', '--out', out)).code).toBe(EXIT_USAGE);
    expect((await cli('export', file, '--format', 'xlsx', '--layout', 'uk', '--out', out)).err).toContain(
      'use plain, eu, us, fcdo',
    );
    expect((await cli('export', file, '--format', 'xlsx')).err).toContain('needs --out PATH');
    const rcs = await cli('export', file, '--format', 'xlsx', '--out', file);
    expect(rcs.code).toBe(EXIT_USAGE);
    expect(rcs.err).toContain('never replaces a programme');
    expect((await cli('export', file, '--format', 'xlsx', '--out', out, '--scenario', 'Nope')).code).toBe(EXIT_USAGE);
    expect((await cli('export', file, '--format', 'xlsx', '--out', out, '--json')).err).toContain(
      'Unknown option --json',
    );
    // Usage is checked before the file: a missing file with a bad format is still a usage error.
    expect((await cli('export', path.join(dir, 'gone.rcs'), '--format', 'odt', '--out', out)).code).toBe(EXIT_USAGE);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('exits 1 when the programme cannot be read or the output cannot be written, leaving nothing behind', async () => {
    const { dir, file } = sampleFile();
    const gone = await cli('export', path.join(dir, 'gone.rcs'), '--format', 'xlsx', '--out', path.join(dir, 'a.xlsx'));
    expect(gone.code).toBe(EXIT_FILE);
    const out = path.join(dir, 'no such folder', 'a.xlsx');
    const r = await cli('export', file, '--format', 'xlsx', '--out', out);
    expect(r.code).toBe(EXIT_FILE);
    expect(r.err).toContain(`The export could not be written to ${out}`);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});

describe('rcs usage', () => {
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
    expect(help.out).toContain('compute <file.rcs> [--json] [--scenario NAME]');
    expect(help.out).toContain('compare <file.rcs> A B [C D] [--json]');
    expect(help.out).toContain('montecarlo <file.rcs> --draws N --seed S [--scenario NAME] [--json]');
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
    const compared = run('compare', file, 'Baseline', '20 % fewer arrivals', '--json');
    expect(compared.status, compared.stderr).toBe(EXIT_OK);
    const bridge = (JSON.parse(compared.stdout) as CompareSummary).bridges[0];
    expect(bridge?.toTotal).toBeLessThan(bridge?.fromTotal ?? 0);
    const mc = run('montecarlo', file, '--draws', '0', '--seed', '1');
    expect(mc.status).toBe(EXIT_USAGE);
    expect(mc.stderr).toContain("(the app's limit)");
  });
});
