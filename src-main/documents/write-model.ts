/**
 * Building a .rcs file from a Model in one go — for new blank programmes, the sample builder,
 * the benchmark and test fixtures. The file is built under a hidden temporary name and moved
 * into place only when complete.
 */
import fs from 'node:fs';
import {
  type BudgetLine,
  budgetLineSchema,
  canonicalRange,
  canonicalScenario,
  type ParameterRange,
  parameterRangeSchema,
  type Scenario,
  scenarioSchema,
  type ChangeLogEntry,
  type Currency,
  currencySchema,
  type Funder,
  funderSchema,
  LEVELS,
  lineReferences,
  type Model,
  monthOf,
  NEW_PROGRAMME_DEFAULTS,
  type Profile,
  profileSchema,
  type Programme,
  programmeSchema,
  validateLineAgainstProgramme,
  validateLineReferences,
  validateProfileAgainstProgramme,
  canonicalCurrency,
  canonicalFunder,
  canonicalLine,
  canonicalProfile,
  canonicalProgramme,
  compareCurrencies,
  compareLines,
  canonicalPartner,
  canonicalSynergy,
  type Partner,
  partnerSchema,
  type Synergy,
  synergySchema,
  validatePartnerFields,
  validateSynergyReferences,
} from '../../src-shared/model';
import { createDatabaseFile, DocumentRepository, type Migration, MIGRATIONS, runMigrations } from '../db';
import {
  fsyncFile,
  moveIntoPlaceNoClobber,
  moveIntoPlaceReplacing,
  removeQuietly,
  TargetExistsError,
  tempPathBeside,
} from './files';

export class InvalidModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidModelError';
  }
}

export interface WriteModelOptions {
  /** Replace an existing file at `path` (default: refuse with TargetExistsError). */
  overwrite?: boolean;
  /** Change-log rows to write with the model (e.g. "Created the programme"). */
  changeLog?: Omit<ChangeLogEntry, 'id'>[];
  /** Tests only: the migration list that defines the schema to write. */
  migrations?: readonly Migration[];
}

/** "path message; path message" of zod issues, for InvalidModelError. */
function issuesText(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.')} ${i.message}`).join('; ');
}

function firstError(errors: Record<string, string>): string | null {
  const first = Object.entries(errors)[0];
  return first ? `${first[0]} ${first[1]}` : null;
}

/** Items in the order of (position, array order), renumbered 0..n-1. */
function densePositions<T extends { position: number }>(items: readonly T[]): T[] {
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => a.item.position - b.item.position || a.order - b.order)
    .map((x, position) => ({ ...x.item, position }));
}

/**
 * Validates `model` with the model schemas and the same cross-field rules as the commands (every
 * line's window inside the programme, its currency defined, the profiles, funders and base lines it
 * names existing; every profile's arrival window inside the programme; ids unique across lines,
 * profiles and funders; no local currency equal to the reporting currency), gives each level and
 * the profile and funder lists dense positions 0..n-1 in the order of (position, array order), and
 * returns it in canonical form. Funding shares that do not sum to 100 % are accepted (a check).
 * Throws InvalidModelError naming the first problem.
 */
export function normaliseModel(model: Model): Model {
  const p = programmeSchema.safeParse(model.programme);
  if (!p.success) throw new InvalidModelError(`programme: ${issuesText(p.error.issues)}`);
  const programme: Programme = canonicalProgramme(p.data);
  const ids = new Set<string>();
  const claim = (id: string, what: string): void => {
    if (ids.has(id)) throw new InvalidModelError(`${what}: duplicate id ${id}`);
    ids.add(id);
  };

  const profiles: Profile[] = densePositions(
    model.profiles.map((raw, i) => {
      const r = profileSchema.safeParse(raw);
      if (!r.success) throw new InvalidModelError(`profile ${i}: ${issuesText(r.error.issues)}`);
      claim(r.data.id, `profile ${i}`);
      const cross = firstError(validateProfileAgainstProgramme(r.data, programme));
      if (cross) throw new InvalidModelError(`profile ${i} (${r.data.name}): ${cross}`);
      return r.data;
    }),
  ).map(canonicalProfile);

  const codes = new Set<string>();
  const currencies: Currency[] = model.currencies
    .map((raw, i) => {
      const r = currencySchema.safeParse(raw);
      if (!r.success) throw new InvalidModelError(`currency ${i}: ${issuesText(r.error.issues)}`);
      const code = r.data.code;
      if (codes.has(code)) throw new InvalidModelError(`currency ${i}: duplicate code ${code}`);
      if (code === programme.reportingCurrency) {
        throw new InvalidModelError(`currency ${i}: ${code} is the reporting currency`);
      }
      if (r.data.rates.length === 0) throw new InvalidModelError(`currency ${i} (${code}): rates rates.required`);
      codes.add(code);
      return canonicalCurrency(r.data);
    })
    .sort(compareCurrencies);

  const funders: Funder[] = densePositions(
    model.funders.map((raw, i) => {
      const r = funderSchema.safeParse(raw);
      if (!r.success) throw new InvalidModelError(`funder ${i}: ${issuesText(r.error.issues)}`);
      claim(r.data.id, `funder ${i}`);
      return r.data;
    }),
  ).map(canonicalFunder);

  const parsed: BudgetLine[] = model.lines.map((raw, i) => {
    const r = budgetLineSchema.safeParse(raw);
    if (!r.success) {
      throw new InvalidModelError(
        `line ${i} (${String((raw as { name?: unknown }).name)}): ${issuesText(r.error.issues)}`,
      );
    }
    claim(r.data.id, `line ${i}`);
    return r.data;
  });
  const refs = lineReferences({ programme, lines: parsed, profiles, currencies, funders });
  parsed.forEach((l, i) => {
    const cross = firstError({
      ...validateLineAgainstProgramme(l, programme),
      ...validateLineReferences(l, refs, l.id),
    });
    if (cross) throw new InvalidModelError(`line ${i} (${l.name}): ${cross}`);
  });
  const lines: BudgetLine[] = [];
  for (const level of LEVELS) {
    lines.push(...densePositions(parsed.filter((l) => l.level === level)).map(canonicalLine));
  }
  const partners: Partner[] = densePositions(
    model.partners.map((raw, i) => {
      const r = partnerSchema.safeParse(raw);
      if (!r.success) throw new InvalidModelError(`partner ${i}: ${issuesText(r.error.issues)}`);
      claim(r.data.id, `partner ${i}`);
      const cross = firstError(validatePartnerFields(r.data));
      if (cross) throw new InvalidModelError(`partner ${i} (${r.data.name}): ${cross}`);
      return r.data;
    }),
  ).map(canonicalPartner);
  const synergyRefs = {
    partners: new Set(partners.map((x) => x.id)),
    lines: refs.lines,
    profiles: refs.profiles,
    funders: refs.funders,
  };
  const synergies: Synergy[] = densePositions(
    model.synergies.map((raw, i) => {
      const r = synergySchema.safeParse(raw);
      if (!r.success) throw new InvalidModelError(`synergy ${i}: ${issuesText(r.error.issues)}`);
      claim(r.data.id, `synergy ${i}`);
      const cross = firstError(validateSynergyReferences(r.data, synergyRefs));
      if (cross) throw new InvalidModelError(`synergy ${i} (${r.data.name}): ${cross}`);
      return r.data;
    }),
  ).map(canonicalSynergy);
  const names = new Set<string>();
  const scenarioIds = new Set<string>();
  const scenarios: Scenario[] = densePositions(
    (model.scenarios ?? []).map((raw, i) => {
      const r = scenarioSchema.safeParse(raw);
      if (!r.success) throw new InvalidModelError(`scenario ${i}: ${issuesText(r.error.issues)}`);
      const name = r.data.name.trim().toLowerCase();
      if (names.has(name) || scenarioIds.has(r.data.id)) {
        throw new InvalidModelError(`scenario ${i} (${r.data.name}): its name or id is used twice`);
      }
      names.add(name);
      scenarioIds.add(r.data.id);
      return r.data;
    }),
  ).map(canonicalScenario);
  const rangeIds = new Set<string>();
  const ranges: ParameterRange[] = (model.ranges ?? []).map((raw, i) => {
    const r = parameterRangeSchema.safeParse(raw);
    if (!r.success) throw new InvalidModelError(`range ${i}: ${issuesText(r.error.issues)}`);
    if (rangeIds.has(r.data.id)) throw new InvalidModelError(`range ${i} (${r.data.id}): set twice`);
    rangeIds.add(r.data.id);
    return canonicalRange(r.data);
  });
  return {
    programme,
    lines: lines.sort(compareLines),
    profiles,
    currencies,
    funders,
    partners,
    synergies,
    scenarios,
    ranges: ranges.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

/** Writes `model` as a new .rcs file at `path` (current schema). Returns the normalised model written. */
export function writeModelToFile(path: string, model: Model, options: WriteModelOptions = {}): Model {
  const normal = normaliseModel(model);
  if (!options.overwrite && fs.existsSync(path)) throw new TargetExistsError(path);
  const tmp = tempPathBeside(path);
  try {
    const db = createDatabaseFile(tmp);
    try {
      runMigrations(db, options.migrations ?? MIGRATIONS);
      const repo = new DocumentRepository(db);
      db.transaction(() => {
        repo.insertModel(normal);
        for (const entry of options.changeLog ?? []) repo.appendChangeLog(entry);
      }).immediate();
    } finally {
      db.close();
    }
    fsyncFile(tmp);
    if (options.overwrite) moveIntoPlaceReplacing(tmp, path);
    else moveIntoPlaceNoClobber(tmp, path);
  } finally {
    removeQuietly(tmp);
  }
  return normal;
}

/** Id of the funding source of a new blank programme. */
export const MAIN_DONOR_ID = 'main-donor';

/**
 * The model of a new blank programme: no lines, no returnee profiles, no local currencies, and one
 * funding source, "Main donor" (a confirmed donor), which every line is funded by until split.
 */
export function blankModel(title: string, author: string, now: Date = new Date()): Model {
  return {
    programme: {
      title: title.trim().slice(0, 200) || 'New programme',
      reportingCurrency: NEW_PROGRAMME_DEFAULTS.reportingCurrency,
      startMonth: monthOf(now),
      durationMonths: NEW_PROGRAMME_DEFAULTS.durationMonths,
      indirectRate: '0',
      contingencyRate: '0',
      author: author.slice(0, 200),
      notes: '',
      donorProfile: 'none',
      communities: 0,
      inflation: '0',
      indirectBase: 'direct',
      euAgreement: 'grant',
      usAwardDate: null,
      usNicra: null,
    },
    lines: [],
    profiles: [],
    currencies: [],
    funders: [
      {
        id: MAIN_DONOR_ID,
        position: 0,
        name: 'Main donor',
        type: 'donor',
        status: 'confirmed',
        ceiling: null,
        conditionalOnMatch: false,
      },
    ],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
  };
}
