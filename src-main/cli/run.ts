/**
 * The command line (DESIGN §8): `rcs compute | check | compare | montecarlo | export <file.rcs>`.
 *
 * Files are opened READ-ONLY through DocumentService, so the CLI never changes, migrates or locks
 * a programme; totals come from the same engine as the app, and scenarios are resolved with the
 * same overlay function (src-shared/engine/resolve.ts).
 *
 * Exit codes: 0 done; 1 the file could not be read (missing, not ours, damaged, newer version...);
 * 2 wrong usage (an unknown option or scenario name, a bad number of draws or seed, a Monte-Carlo
 * run on a file with no ranges, an export format that is not available yet...); 3 `check` found at
 * least one error; 4 done, but the file is from a newer version of the app (read as far as this
 * version understands it: the results may leave out what that version added; a notice says so on
 * stderr). `export` (cli/export.ts) also exits 1 when its output cannot be written.
 *
 * Everything printed goes through terminal.ts: a control character from the file (a title with an
 * escape sequence) is shown escaped, never sent to the terminal.
 */
import path from 'node:path';
import { ApiFailure } from '../../src-shared/api';
import { type Finding, runChecks } from '../../src-shared/checks';
import {
  checkWord,
  countFindings,
  countsSentence,
  findingPlace,
  findingSentence,
  findingSource,
} from '../../src-shared/checks/text';
import { compute, type ComputeResult, createEngine, type Metrics } from '../../src-shared/engine';
import { currencyExponent, formatMinor, type Locale, shareToPercentString } from '../../src-shared/money';
import { type IndirectBase, type Level, LEVELS, type Model, monthLabel } from '../../src-shared/model';
import { CURRENT_SCHEMA_VERSION } from '../db/migrations';
import { DocumentService } from '../documents/document-service';
import { newerVersionNotice } from '../documents/messages';
import { type MonteCarloPoolOptions, runMonteCarlo } from '../documents/montecarlo-pool';
import { checkExportArgs, type ExportArgs, runExport } from './export';
import { LEVEL_LABELS, NO_FUNDER_NAME } from './format';
import { jsonSafe, terminalSafe } from './terminal';
import {
  BASELINE_NAME,
  type ChosenScenario,
  chooseScenario,
  CliFailure,
  formatCompare,
  formatMonteCarlo,
  missingWarnings,
  parseDraws,
  parseSeed,
  resolveChosen,
  type ScenarioRef,
  summariseCompare,
  type DrawRunner,
  summariseMonteCarlo,
} from './scenarios';

export { NO_FUNDER_NAME } from './format';

export const EXIT_OK = 0;
export const EXIT_FILE = 1;
export const EXIT_USAGE = 2;
export const EXIT_CHECK_ERRORS = 3;
/** Done, from a file saved by a newer version (a notice on stderr says what that means). */
export const EXIT_NEWER_FILE = 4;

/** What the indirect rate applies to, in the report's words. */
const INDIRECT_BASE_TEXT: Record<IndirectBase, string> = {
  direct: 'eligible direct costs',
  directPlusContingency: 'eligible direct costs and contingency',
  mtdc: 'modified total direct costs',
};

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /**
   * The Monte-Carlo worker threads (the built CLI has their script beside it: out/main/
   * montecarlo-thread.js); `montecarlo` then computes its draws on one thread per core. None: in
   * this thread. The numbers are the same either way.
   */
  monteCarloThreads?: Pick<MonteCarloPoolOptions, 'script' | 'startThread'> | null;
}

export const USAGE = [
  'Usage: rcs <command> <file.rcs> [options]',
  '',
  'Commands:',
  '  compute <file.rcs> [--json] [--scenario NAME]',
  '                                Print the totals: by level, by programme year, indirect costs,',
  '                                contingency, the total, by funding source, and the key metrics',
  '                                (cost per returnee, peak caseload, staff-months). --json prints',
  '                                them as JSON, amounts in integer minor units (cents) of the',
  "                                reporting currency. --scenario computes one of the file's",
  '                                scenarios instead of the baseline (its name, in any case).',
  '  check <file.rcs> [--lang en|fr] [--json]',
  '                                Run the checks (donor rules, reintegration principles, model',
  '                                integrity): each finding as a sentence in the language of --lang',
  '                                (default en), with its severity, where it is (line, setting,',
  '                                profile, funding source, synergy) and the source of the rule.',
  "                                --json adds each finding's code, parameters and sentence (text).",
  '                                Exit code 3 if any is an error.',
  '  compare <file.rcs> A B [C D] [--json]',
  '                                Compare 2 to 4 scenarios by name ("Baseline" is the programme',
  '                                itself): totals side by side with their changes against A (by',
  '                                level, year, funding source, category; metrics), the lines that',
  '                                differ and why, and a bridge from A to each other by cause.',
  '  montecarlo <file.rcs> --draws N --seed S [--scenario NAME] [--json]',
  "                                A seeded Monte-Carlo run over the file's uncertainty ranges:",
  '                                P10, P50 and P90 of the total and of the net cost. N from 1 to',
  '                                1,000,000; S from 0 to 4294967295 (same seed, same numbers).',
  '  export <file.rcs> --format xlsx --out PATH [--layout eu|us|fcdo|plain] [--scenario NAME]',
  '                [--values-only] [--monthly] [--locale en|fr]',
  '                                Export the budget to an XLSX workbook with live formulas (Summary,',
  '                                Assumptions, a sheet per scenario, Compare, Synergies, Checks) in a',
  "                                donor's layout (default: the programme's donor profile). Without",
  '                                --scenario: the baseline and every scenario. --values-only writes',
  '                                no formulas. An existing file at PATH is replaced whole, never left',
  '                                half-written.',
  '  export <file.rcs> --format csv --out PATH [--scenario NAME] [--content lines|monthly]',
  '                [--separator comma|semicolon|tab] [--locale en|fr]',
  '                                A CSV (UTF-8 with a BOM) of the lines or of the monthly amounts of',
  '                                one scenario (default: the baseline); text that could start a',
  "                                formula is escaped. Separator: the language's unless given.",
  '  help                          Show this text.',
  '',
  'The file is only read, never changed. Exit codes: 0 done, 1 the file could not be read,',
  '2 wrong usage (an unknown option or scenario, bad draws or seed, no ranges), 3 check found errors,',
  '4 done, but the file was saved by a newer version of the app: it was read as far as this version',
  'understands it, and the results may leave out what that version added (a notice on stderr says so;',
  '3 wins over 4). export: 1 also when PATH cannot be written.',
].join('\n');

const COMMANDS = ['compute', 'check', 'compare', 'montecarlo', 'export'] as const;
type CliCommand = (typeof COMMANDS)[number];

/** Options that take a value (`--draws 500` or `--draws=500`). */
const VALUE_OPTIONS = [
  '--scenario',
  '--draws',
  '--seed',
  '--format',
  '--layout',
  '--out',
  '--locale',
  '--content',
  '--separator',
  '--lang',
] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/** The options each command takes, as its refusal lists them. */
const OPTIONS: Record<CliCommand, readonly string[]> = {
  compute: ['--json', '--scenario'],
  check: ['--json', '--lang'],
  compare: ['--json'],
  montecarlo: ['--json', '--draws', '--seed', '--scenario'],
  export: [
    '--format',
    '--layout',
    '--scenario',
    '--out',
    '--values-only',
    '--monthly',
    '--locale',
    '--content',
    '--separator',
  ],
};
const OPTION_HELP: Record<string, string> = {
  '--json': '--json',
  '--scenario': '--scenario NAME',
  '--draws': '--draws N',
  '--seed': '--seed S',
  '--format': '--format xlsx|csv',
  '--layout': '--layout eu|us|fcdo|plain',
  '--out': '--out PATH',
  '--locale': '--locale en|fr',
  '--content': '--content lines|monthly',
  '--separator': '--separator comma|semicolon|tab',
  '--lang': '--lang en|fr',
};

interface ParsedArgs {
  positionals: string[];
  /** Options without a value (--json, --help, and any unknown one). */
  flags: string[];
  values: Map<ValueOption, string>;
  /** The first problem with a value option (given twice, or with no value). */
  problem: string | null;
}

function isValueOption(name: string): name is ValueOption {
  return (VALUE_OPTIONS as readonly string[]).includes(name);
}

function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], flags: [], values: new Map(), problem: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!isValueOption(name)) {
      parsed.flags.push(arg);
      continue;
    }
    let value: string | undefined = eq > 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (eq < 0) {
      if (value !== undefined && !value.startsWith('--')) i++;
      else value = undefined;
    }
    if (value === undefined) parsed.problem ??= `${OPTION_HELP[name] ?? name} needs a value after it.`;
    else if (parsed.values.has(name)) parsed.problem ??= `${name} is given twice; give it once.`;
    else parsed.values.set(name, value);
  }
  return parsed;
}

function isCommand(c: string): c is CliCommand {
  return (COMMANDS as readonly string[]).includes(c);
}

/** Everything `compute --json` prints. Amounts are integer minor units of `currency`. */
export interface ComputeSummary {
  file: string;
  title: string;
  /** The scenario computed (--scenario), with the overrides it left out; null for the baseline. */
  scenario: ScenarioRef | null;
  currency: string;
  /** Digits after the decimal point of `currency` (2 for EUR: 12345 means 123.45). */
  minorUnitDigits: number;
  startMonth: string;
  durationMonths: number;
  indirectRate: string;
  /** What the indirect rate applies to (the programme's indirect-cost base). */
  indirectBase: IndirectBase;
  contingencyRate: string;
  byLevel: Record<Level, number>;
  byYear: { year: number; from: string; to: string; amount: number }[];
  direct: number;
  indirect: number;
  contingency: number;
  total: number;
  /**
   * Totals per funding source (indirect costs and contingency included), in the programme's order
   * of sources; `id` '' collects amounts with no funding source at all (listed only when not 0).
   */
  byFunder: { id: string; name: string; amount: number }[];
  /** The engine's metrics as they are (money in minor units; counts in persons or cases). */
  metrics: Metrics;
  /** Businesses, jobs and people the lines yield (counts, for reading) and the all-in cost of each. */
  outcomes: ComputeResult['outcomes'];
  /**
   * What partner programmes cover of the direct costs (the engine's synergies phase): gross, covered
   * (inside and outside the budget), coordination, net (asked of the donor), expected, worst case,
   * and per partner what the programme would add if it did not deliver, by year and funding source.
   * `direct` above is the budget: gross less what partners deliver beside it, coordination included.
   */
  synergies: {
    gross: number;
    covered: number;
    coveredInside: number;
    coveredOutside: number;
    coordination: number;
    net: number;
    expected: number;
    worstCase: number;
    leveraged: number;
    addedBeneficiaries: number;
    dropOut: { id: string; name: string; total: number; byYear: number[]; byFunder: Record<string, number> }[];
  };
  diagnostics: ComputeResult['diagnostics'];
}

function fundersOf(model: Model, result: ComputeResult): ComputeSummary['byFunder'] {
  const out: ComputeSummary['byFunder'] = model.funders.map((f) => ({
    id: f.id,
    name: f.name,
    amount: result.byFunder[f.id] ?? 0,
  }));
  const known = new Set(model.funders.map((f) => f.id));
  for (const [id, amount] of Object.entries(result.byFunder)) {
    if (known.has(id) || amount === 0) continue;
    out.push({ id, name: id === '' ? NO_FUNDER_NAME : id, amount });
  }
  return out;
}

export function summarise(
  file: string,
  model: Model,
  result: ComputeResult,
  scenario: ScenarioRef | null = null,
): ComputeSummary {
  const p = model.programme;
  return {
    file,
    title: p.title,
    scenario,
    currency: result.currency,
    minorUnitDigits: currencyExponent(result.currency),
    startMonth: p.startMonth,
    durationMonths: p.durationMonths,
    indirectRate: p.indirectRate,
    indirectBase: p.indirectBase,
    contingencyRate: p.contingencyRate,
    byLevel: { ...result.byLevel },
    byYear: result.byYear.map((amount, i) => ({
      year: i + 1,
      from: monthLabel(p.startMonth, i * 12 + 1),
      to: monthLabel(p.startMonth, Math.min((i + 1) * 12, p.durationMonths)),
      amount,
    })),
    direct: result.totals.direct,
    indirect: result.totals.indirect,
    contingency: result.totals.contingency,
    total: result.totals.total,
    byFunder: fundersOf(model, result),
    metrics: { ...result.metrics },
    outcomes: result.outcomes,
    synergies: synergiesOf(model, result),
    diagnostics: result.diagnostics,
  };
}

function synergiesOf(model: Model, result: ComputeResult): ComputeSummary['synergies'] {
  const s = result.synergies.totals;
  const dropOut = new Map(result.synergies.partners.map((d) => [d.partnerId, d]));
  return {
    gross: s.gross,
    covered: s.covered,
    coveredInside: s.coveredInside,
    coveredOutside: s.coveredOutside,
    coordination: s.coordination,
    net: s.net,
    expected: s.expected,
    worstCase: s.worstCase,
    leveraged: s.leveraged,
    addedBeneficiaries: s.addedBeneficiaries,
    dropOut: [...model.partners]
      .sort((a, b) => a.position - b.position)
      .map((p) => {
        const d = dropOut.get(p.id);
        return {
          id: p.id,
          name: p.name,
          total: d?.total ?? 0,
          byYear: d?.byYear ?? result.byYear.map(() => 0),
          byFunder: d?.byFunder ?? {},
        };
      }),
  };
}

/** The plain-text table `compute` prints. */
export function formatSummary(s: ComputeSummary): string[] {
  const money = (n: number): string => formatMinor(n, s.currency, 'en');
  const rows: [string, string][] = [];
  const lines: string[] = [];
  const table = (): void => {
    const width = Math.max(...rows.map(([label]) => label.length));
    const amountWidth = Math.max(...rows.map(([, amount]) => amount.length));
    for (const [label, amount] of rows) lines.push(`  ${label.padEnd(width)}  ${amount.padStart(amountWidth)}`);
    rows.length = 0;
  };
  lines.push(`${s.title}`);
  lines.push(
    `${path.basename(s.file)} · ${s.currency} · ${s.durationMonths} months from ${s.startMonth} (opened read-only)`,
  );
  if (s.scenario) {
    lines.push(`Scenario "${s.scenario.name}"${s.scenario.description ? `: ${s.scenario.description}` : ''}`);
  }
  lines.push('');
  lines.push(`By level (${s.currency})`);
  for (const level of LEVELS) rows.push([LEVEL_LABELS[level], money(s.byLevel[level])]);
  rows.push(['Direct costs', money(s.direct)]);
  table();
  lines.push('');
  lines.push(`By programme year (${s.currency})`);
  for (const y of s.byYear) rows.push([`Year ${y.year} (${y.from} to ${y.to})`, money(y.amount)]);
  table();
  lines.push('');
  lines.push(`Totals (${s.currency})`);
  rows.push(['Direct costs', money(s.direct)]);
  rows.push([
    `Indirect costs (${shareToPercentString(s.indirectRate, 'en')}% of ${INDIRECT_BASE_TEXT[s.indirectBase]})`,
    money(s.indirect),
  ]);
  rows.push([`Contingency (${shareToPercentString(s.contingencyRate, 'en')}%)`, money(s.contingency)]);
  rows.push(['Total', money(s.total)]);
  table();
  lines.push('');
  lines.push(`By funding source (${s.currency})`);
  for (const f of s.byFunder) rows.push([f.name, money(f.amount)]);
  if (rows.length === 0) rows.push([NO_FUNDER_NAME, money(0)]);
  table();
  lines.push('');
  lines.push('Key metrics');
  const m = s.metrics;
  const perReturnee = (n: number | null): string => (n === null ? 'n/a (no returnees)' : `${money(n)} ${s.currency}`);
  rows.push(['Returnees assisted (persons)', count(m.returneesAssisted)]);
  rows.push(['Cost per returnee, individual level', perReturnee(m.costPerReturneeIndividual)]);
  rows.push(['Cost per returnee, all-in', perReturnee(m.costPerReturneeAllIn)]);
  rows.push(['Community beneficiaries (persons)', count(m.communityBeneficiaries)]);
  rows.push([
    '  of which non-migrants',
    m.nonMigrantShare === null
      ? count(m.nonMigrantBeneficiaries)
      : `${count(m.nonMigrantBeneficiaries)} (${(m.nonMigrantShare * 100).toFixed(1)} %)`,
  ]);
  rows.push(['Direct beneficiaries (returnees + non-migrants reached)', count(m.directBeneficiaries)]);
  rows.push([
    'Cost per direct beneficiary, all-in',
    m.costPerBeneficiary === null ? 'n/a (no beneficiaries)' : `${money(m.costPerBeneficiary)} ${s.currency}`,
  ]);
  rows.push([
    'Peak active caseload (cases)',
    m.peakMonth > 0
      ? `${count(m.peakActiveCases)} in month ${m.peakMonth} (${monthLabel(s.startMonth, m.peakMonth)})`
      : count(m.peakActiveCases),
  ]);
  rows.push(['Staff-months', count(m.staffMonths)]);
  const o = s.outcomes;
  if (o.totals.businesses > 0 || o.totals.jobs > 0 || o.totals.people > 0) {
    const per = (n: number | null): string => (n === null ? 'n/a' : `${money(n)} ${s.currency}`);
    rows.push(['Businesses started', count(o.totals.businesses)]);
    rows.push(['Cost per business started, all-in', per(o.costPerBusiness)]);
    rows.push(['Jobs created', count(o.totals.jobs)]);
    rows.push(['Cost per job created, all-in', per(o.costPerJob)]);
    for (const level of LEVELS) {
      if (o.byLevel[level].people > 0)
        rows.push([`People reached, ${LEVEL_LABELS[level].toLowerCase()}`, count(o.byLevel[level].people)]);
    }
  }
  table();
  if (s.synergies.dropOut.length > 0) {
    const sy = s.synergies;
    lines.push('');
    lines.push(`Partners and synergies: direct costs (${s.currency})`);
    rows.push(['Gross (no partner delivers)', money(sy.gross)]);
    rows.push(['Covered by partners', money(sy.covered)]);
    rows.push(['  of which delivered by partners, beside the budget', money(sy.coveredOutside)]);
    rows.push(['Referral coordination (our own cost, in the budget)', money(sy.coordination)]);
    rows.push(['Net (asked of the donor)', money(sy.net)]);
    rows.push(['Expected (net + risk of partners not delivering)', money(sy.expected)]);
    rows.push(['Worst case (every partner fails)', money(sy.worstCase)]);
    if (sy.leveraged !== 0) rows.push(['Leverage: what partners add beside the budget', money(sy.leveraged)]);
    if (sy.addedBeneficiaries !== 0) {
      rows.push(['People added by projects open to all (in the metrics)', count(sy.addedBeneficiaries)]);
    }
    table();
    lines.push('');
    lines.push(`If a partner does not deliver, the programme adds (${s.currency})`);
    const names = new Map(s.byFunder.map((f) => [f.id, f.name]));
    for (const d of sy.dropOut) {
      const years = d.byYear.map((v, i) => `Y${i + 1} ${money(v)}`).join(', ');
      rows.push([d.name, `${money(d.total)}  (${years})`]);
      const sources = Object.entries(d.byFunder).filter(([, v]) => v !== 0);
      for (const [id, v] of sources)
        rows.push([`  from ${names.get(id) ?? (id === '' ? NO_FUNDER_NAME : id)}`, money(v)]);
    }
    table();
  }
  const errors = s.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = s.diagnostics.length - errors;
  if (s.diagnostics.length > 0) {
    lines.push('');
    lines.push(`Notes: ${errors} error(s), ${warnings} warning(s) from the engine (see --json for details).`);
  }
  return lines;
}

/** A count for display: grouped, at most two decimals (staff-months may be fractional). */
function count(n: number): string {
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(n);
}

/** The file's model, and its format version when a newer version of the app saved it. */
function loadReadOnly(file: string, locale: Locale = 'en'): { model: Model; newerVersion: number | null } {
  const service = new DocumentService({ locale: () => locale });
  try {
    const { model, info } = service.open(file, { readOnly: true });
    return { model, newerVersion: info.readOnlyReason === 'newerVersion' ? info.schemaVersion : null };
  } finally {
    service.close();
  }
}

function describeFailure(err: unknown): string {
  if (err instanceof ApiFailure) return err.message;
  return `The file could not be read: ${err instanceof Error ? err.message : String(err)}`;
}

export async function runCli(argv: readonly string[], terminal: CliIo): Promise<number> {
  // Every line printed is made safe for a terminal (text from the file may hold control characters).
  const io: CliIo = {
    ...terminal,
    out: (line) => terminal.out(terminalSafe(line)),
    err: (line) => terminal.err(terminalSafe(line)),
  };
  const printJson = (value: unknown): void => terminal.out(jsonSafe(JSON.stringify(value, null, 2)));
  const parsed = parseArgs(argv);
  const [command, file, ...extra] = parsed.positionals;

  if (command === undefined || command === 'help' || parsed.flags.includes('--help')) {
    (command === undefined ? terminal.err : terminal.out)(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (!isCommand(command)) {
    io.err(`"${command}" is not a command of rcs.`);
    terminal.err(USAGE);
    return EXIT_USAGE;
  }
  if (file === undefined || (command !== 'compare' && extra.length > 0)) {
    io.err(file === undefined ? `rcs ${command} needs one .rcs file.` : `rcs ${command} takes one file only.`);
    terminal.err(USAGE);
    return EXIT_USAGE;
  }
  const allowed = OPTIONS[command];
  const unknown = [...parsed.flags, ...parsed.values.keys()].filter((f) => !allowed.includes(f));
  if (unknown.length > 0) {
    io.err(
      `Unknown option ${unknown.join(', ')} for rcs ${command} (only ${allowed.map((o) => OPTION_HELP[o] ?? o).join(', ')}).`,
    );
    return EXIT_USAGE;
  }
  const json = parsed.flags.includes('--json');
  try {
    if (parsed.problem) throw new CliFailure(parsed.problem, EXIT_USAGE);
    const names = command === 'compare' ? compareNames(extra) : [];
    const draws = command === 'montecarlo' ? parseDraws(parsed.values.get('--draws'), EXIT_USAGE) : 0;
    const seed = command === 'montecarlo' ? parseSeed(parsed.values.get('--seed'), EXIT_USAGE) : 0;
    const exportArgs: ExportArgs = {
      format: parsed.values.get('--format'),
      layout: parsed.values.get('--layout'),
      scenario: parsed.values.get('--scenario'),
      out: parsed.values.get('--out'),
      locale: parsed.values.get('--locale'),
      valuesOnly: parsed.flags.includes('--values-only'),
      monthly: parsed.flags.includes('--monthly'),
      content: parsed.values.get('--content'),
      separator: parsed.values.get('--separator'),
    };
    // Usage mistakes first, before the file is read.
    if (command === 'export') checkExportArgs(exportArgs, EXIT_USAGE);
    const lang = checkLang(parsed.values.get('--lang'));

    const abs = path.resolve(file);
    let model: Model;
    let exitWhenDone = EXIT_OK;
    try {
      const loaded = loadReadOnly(abs, lang);
      model = loaded.model;
      if (loaded.newerVersion !== null) {
        io.err(newerVersionNotice(abs, loaded.newerVersion, CURRENT_SCHEMA_VERSION, lang));
        exitWhenDone = EXIT_NEWER_FILE;
      }
    } catch (err) {
      io.err(describeFailure(err));
      return EXIT_FILE;
    }
    const wanted = parsed.values.get('--scenario');
    const chosen = (name: string | undefined): ChosenScenario =>
      chooseScenario(model, name ?? BASELINE_NAME, EXIT_USAGE);

    if (command === 'export') {
      const exported = await runExport(model, exportArgs, { usage: EXIT_USAGE, file: EXIT_FILE });
      io.out(
        `Exported ${exported.scenarios.map((n) => `"${n}"`).join(', ')} (${exported.layout} layout) to ${exported.out} (${Math.ceil(exported.bytes / 1024)} KB).`,
      );
      return exitWhenDone;
    }
    if (command === 'check') {
      const findings = describeFindings(model, runChecks(model, compute(model)), lang);
      if (json) printJson({ file: abs, findings });
      else for (const line of formatFindings(findings, model, lang)) io.out(line);
      return findings.some((f) => f.severity === 'error') ? EXIT_CHECK_ERRORS : exitWhenDone;
    }
    if (command === 'compare') {
      const scenarios = names.map(chosen);
      const summary = summariseCompare(abs, model, scenarios, createEngine());
      for (const ref of summary.scenarios) for (const w of missingWarnings(ref)) io.err(w);
      if (json) printJson(summary);
      else for (const line of formatCompare(summary)) io.out(line);
      return exitWhenDone;
    }
    if (command === 'montecarlo') {
      // A line each tenth of the draws (on threads, progress comes in steps of their own).
      let tenths = 0;
      const progress =
        draws >= 10_000
          ? (done: number) => {
              const now = Math.floor((10 * done) / draws);
              if (now > tenths && done < draws) {
                tenths = now;
                io.err(`  ${now * 10} % (${done.toLocaleString('en-GB')} draws)`);
              }
            }
          : undefined;
      const engine = createEngine();
      const threads = io.monteCarloThreads;
      const runDraws: DrawRunner | undefined = threads
        ? (m, ranges, n, s, params, onDraw) =>
            runMonteCarlo(
              { model: m, ranges, params, draws: n, seed: s },
              { ...threads, onProgress: onDraw && ((done) => onDraw(done)) },
            ).result
        : undefined;
      const summary = await summariseMonteCarlo(
        abs,
        model,
        chosen(wanted),
        draws,
        seed,
        engine,
        EXIT_USAGE,
        progress,
        runDraws,
      );
      for (const w of missingWarnings(summary.scenario)) io.err(w);
      if (json) printJson(summary);
      else for (const line of formatMonteCarlo(summary)) io.out(line);
      return exitWhenDone;
    }
    // compute, of the baseline or of a scenario
    const scenario = wanted === undefined ? null : chosen(wanted);
    let summary: ComputeSummary;
    if (scenario === null || scenario.id === null) {
      summary = summarise(abs, model, compute(model));
    } else {
      const resolved = resolveChosen(model, scenario);
      for (const w of missingWarnings(resolved.ref)) io.err(w);
      summary = summarise(abs, resolved.model, compute(resolved.model), resolved.ref);
    }
    if (json) printJson(summary);
    else for (const line of formatSummary(summary)) io.out(line);
    return exitWhenDone;
  } catch (err) {
    if (!(err instanceof CliFailure)) throw err;
    io.err(err.message);
    return err.exitCode;
  }
}

/** The 2 to 4 names `compare` takes, none twice (case and surrounding spaces aside). */
function compareNames(names: readonly string[]): string[] {
  if (names.length < 2 || names.length > 4) {
    throw new CliFailure(
      `rcs compare compares 2 to 4 scenarios ("${BASELINE_NAME}" counts as one), given by name after the file; ` +
        `${names.length === 0 ? 'none was' : names.length === 1 ? 'only 1 was' : `${names.length} were`} given.`,
      EXIT_USAGE,
    );
  }
  const seen = new Set<string>();
  for (const n of names) {
    const k = n.trim().toLowerCase();
    if (seen.has(k)) {
      throw new CliFailure(`"${n}" is named twice (capitals do not matter): name each scenario once.`, EXIT_USAGE);
    }
    seen.add(k);
  }
  return [...names];
}

/** The language of `check`'s sentences (--lang en|fr, default en). */
function checkLang(value: string | undefined): Locale {
  if (value === undefined) return 'en';
  if (value === 'en' || value === 'fr') return value;
  throw new CliFailure(`--lang takes en or fr, not "${value}".`, EXIT_USAGE);
}

/** A finding as `check --json` reports it: the engine's finding plus a readable place and sentence. */
export interface CheckLine extends Finding {
  /** "line \"Case managers\" (individual)", "setting indirectRate", "profile \"Adults\"", … or "programme". */
  where: string;
  /** The finding as a sentence in the language of --lang (the checks panel's words). */
  text: string;
}

export function describeFindings(model: Model, findings: Finding[], locale: Locale = 'en'): CheckLine[] {
  const lines = new Map(model.lines.map((l) => [l.id, l]));
  const profiles = new Map(model.profiles.map((p) => [p.id, p]));
  const funders = new Map(model.funders.map((f) => [f.id, f]));
  const synergies = new Map(model.synergies.map((s) => [s.id, s]));
  return findings.map((f) => {
    const t = f.target;
    let where = 'programme';
    if (t?.kind === 'line') {
      const l = lines.get(t.lineId);
      where = l ? `line "${l.name}" (${LEVEL_LABELS[l.level].toLowerCase()})` : `line ${t.lineId}`;
    } else if (t?.kind === 'programme') where = `setting ${t.field}`;
    else if (t?.kind === 'profile') where = `profile "${profiles.get(t.profileId)?.name ?? t.profileId}"`;
    else if (t?.kind === 'funder') where = `funding source "${funders.get(t.funderId)?.name ?? t.funderId}"`;
    else if (t?.kind === 'currency') where = `currency ${t.code}`;
    else if (t?.kind === 'synergy') where = `synergy "${synergies.get(t.synergyId)?.name ?? t.synergyId}"`;
    return { ...f, where, text: findingSentence(f, model, locale) };
  });
}

/**
 * The plain-text report `check` prints in `locale`: a count ("1 error · 3 warnings · 2 notes"),
 * then one finding per paragraph: its severity and place, its sentence, its source.
 */
export function formatFindings(findings: readonly Finding[], model: Model, locale: Locale): string[] {
  const counts = countFindings(findings);
  const out = [counts.total === 0 ? checkWord(locale, 'allClear') : countsSentence(counts, locale)];
  for (const f of findings) {
    out.push('');
    out.push(`${checkWord(locale, `severity.${f.severity}`).toUpperCase()} · ${findingPlace(f, model, locale)}`);
    out.push(`  ${findingSentence(f, model, locale)}`);
    out.push(`  ${findingSource(f, locale)}`);
  }
  return out;
}
