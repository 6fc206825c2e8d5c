/**
 * The domain model of a programme, as DESIGN.md §3 describes it, with zod schemas that are the
 * single source of validation: main validates every command with them, the renderer validates
 * fields with them before sending, the engine trusts what passed them.
 *
 * Months are programme months, 1-based: month 1 is the programme's start month.
 * Money is integer minor units of the line's currency; rates, shares and quantities are canonical
 * decimal strings (see money/decimal.ts).
 */
import { z } from 'zod';
import { type FieldCode, fieldMessage } from '../api/codes';
import {
  currencyCode,
  minorAmount,
  monthString,
  lineText,
  nameText,
  nonNegativeDecimal,
  positiveQuantity,
  shareString,
  text,
} from './schemas-base';
import { type Currency, type Funder, fundingShareSchema, inflationString } from './finance';
import { MAX_AMOUNT } from './limits';
import { decimalToRational } from '../money';
import type { Profile } from './caseload';
import type { Partner, Synergy } from './partners';
import type { ParameterRange, Scenario } from './scenarios';
export * from './schemas-base';
export * from './limits';
export * from './finance';
export * from './caseload';
export * from './citations';
export * from './partners';

export const LEVELS = ['individual', 'community', 'structural', 'support'] as const;
export type Level = (typeof LEVELS)[number];

export const DIMENSIONS = ['economic', 'social', 'psychosocial', 'environmental'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const MODALITIES = ['cash', 'inKind', 'voucher', 'service', 'works', 'staff', 'matchingGrant'] as const;
export type Modality = (typeof MODALITIES)[number];

/**
 * Budget categories. They map to donor headings later (DESIGN §8: EU "budget of the action"
 * headings 1 human resources ... 6 other, 7 indirect costs).
 */
export const CATEGORIES = [
  'humanResources',
  'travel',
  'equipment',
  'localOffice',
  'services',
  'grantsToBeneficiaries',
  'works',
  'training',
  'monitoringEvaluation',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const DONOR_PROFILES = ['EU', 'US', 'FCDO', 'none'] as const;
export type DonorProfile = (typeof DONOR_PROFILES)[number];

export const MAX_DURATION = 120;

/**
 * What the indirect cost rate is applied to (DESIGN §4): the direct cost of the lines eligible for
 * indirect costs (`direct`); that plus the contingency reserve (`directPlusContingency`, the EU
 * grant budget: indirect costs of up to 7 % of the *total* direct eligible costs, reserve included);
 * or the modified total direct costs (`mtdc`, US federal awards, 2 CFR 200.1): the eligible direct
 * cost less what the lines flagged with an MTDC exclusion cost (the part of each subaward above
 * USD 50,000 only). The semantics are written once, in src-shared/engine/indirect-base.ts.
 */
export const INDIRECT_BASES = ['direct', 'directPlusContingency', 'mtdc'] as const;
export type IndirectBase = (typeof INDIRECT_BASES)[number];

/** The base a donor profile's rules compute indirect costs on: a new programme starts with it. */
export function defaultIndirectBase(profile: DonorProfile): IndirectBase {
  return profile === 'EU' ? 'directPlusContingency' : profile === 'US' ? 'mtdc' : 'direct';
}

/**
 * The kind of EU agreement: a grant (the PRAG General Conditions: indirect costs capped at 7 %) or
 * a contribution agreement with a pillar-assessed organisation (its own indirect cost rules apply,
 * as agreed in the contribution agreement; the 7 % is the usual ceiling, not a hard cap).
 */
export const EU_AGREEMENTS = ['grant', 'contribution'] as const;
export type EuAgreement = (typeof EU_AGREEMENTS)[number];

/** What a US negotiated indirect cost rate agreement (NICRA) applies its rate to. */
export const NICRA_BASES = ['mtdc', 'direct'] as const;
export type NicraBase = (typeof NICRA_BASES)[number];
export const nicraSchema = z.object({ rate: shareString, base: z.enum(NICRA_BASES) });
export type Nicra = z.infer<typeof nicraSchema>;

/** A US award date: the day (YYYY-MM-DD) or the month (YYYY-MM) the award was made. */
export const awardDateString = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, fieldMessage('awardDate.invalid'));

/** What a line's cost is left out of the US modified total direct costs for (2 CFR 200.1, "MTDC"). */
export const MTDC_EXCLUSIONS = ['none', 'equipment', 'rent', 'participantSupport', 'subaward'] as const;
export type MtdcExclusion = (typeof MTDC_EXCLUSIONS)[number];

export const programmeSchema = z.object({
  title: nameText,
  reportingCurrency: currencyCode,
  startMonth: monthString,
  durationMonths: z
    .number()
    .int(fieldMessage('number.notInteger'))
    .min(1, fieldMessage('duration.range'))
    .max(MAX_DURATION, fieldMessage('duration.range')),
  indirectRate: shareString,
  contingencyRate: shareString,
  author: lineText(200),
  notes: text(20000),
  donorProfile: z.enum(DONOR_PROFILES),
  /** Number of communities of return, used by per-community drivers. */
  communities: z
    .number()
    .int(fieldMessage('number.notInteger'))
    .min(0, fieldMessage('number.negative'))
    .max(100000, fieldMessage('number.tooLarge')),
  /** Annual inflation of the reporting currency, applied to its unit costs from year 2 on. */
  inflation: inflationString,
  /** What the indirect cost rate applies to (schema v6); a new programme takes its donor profile's. */
  indirectBase: z.enum(INDIRECT_BASES),
  /** EU profile: a grant or a contribution (pillar-assessed) agreement. */
  euAgreement: z.enum(EU_AGREEMENTS),
  /** US profile: when the award was made (decides the de minimis rate); null: not stated. */
  usAwardDate: awardDateString.nullable(),
  /** US profile: a negotiated indirect cost rate agreement, if the organisation has one. */
  usNicra: nicraSchema.nullable(),
});
export type Programme = z.infer<typeof programmeSchema>;

export const SCHEDULES = ['once', 'spread', 'monthly'] as const;
export type Schedule = (typeof SCHEDULES)[number];

const month = z
  .number()
  .int(fieldMessage('number.notInteger'))
  .min(1, fieldMessage('month.range'))
  .max(MAX_DURATION, fieldMessage('month.range'));

export const lineIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, fieldMessage('id.invalid'));
const idList = z.array(lineIdSchema).max(1000);

/*
 * Quantity drivers (DESIGN §3): how many units a line buys in each programme month. Every driver
 * has a window, months start..end (1-based, inclusive); for schedule 'once' only `start` counts.
 * The semantics of each are written down once, in src-shared/engine/drivers.ts.
 * `profileIds` empty means "all returnee profiles".
 */
export const fixedDriverSchema = z.object({
  kind: z.literal('fixed'),
  quantity: nonNegativeDecimal,
  schedule: z.enum(SCHEDULES),
  start: month,
  end: month,
});
export const perArrivalDriverSchema = z.object({
  kind: z.literal('perArrival'),
  /** Units per arriving returnee (or household, for household profiles). */
  quantity: nonNegativeDecimal,
  profileIds: idList,
  /** Share of arrivals that take the item up (0..1). */
  takeUp: shareString,
  /** Months between arrival and purchase (0 = in the arrival month). */
  offset: z
    .number()
    .int(fieldMessage('number.notInteger'))
    .min(0, fieldMessage('number.negative'))
    .max(60, fieldMessage('offset.range')),
  start: month,
  end: month,
});
export const perActiveCaseDriverSchema = z.object({
  kind: z.literal('perActiveCase'),
  /** Units per active case per month. */
  quantity: nonNegativeDecimal,
  profileIds: idList,
  start: month,
  end: month,
});
export const staffingDriverSchema = z.object({
  kind: z.literal('staffing'),
  casesPerStaff: positiveQuantity,
  min: z.number().int(fieldMessage('number.notInteger')).min(0, fieldMessage('number.negative')).max(100000),
  /** null = no maximum */
  max: z.number().int(fieldMessage('number.notInteger')).min(0, fieldMessage('number.negative')).max(100000).nullable(),
  profileIds: idList,
  start: month,
  end: month,
});
export const perCommunityDriverSchema = z.object({
  kind: z.literal('perCommunity'),
  /** Units per community of return (programme.communities). */
  quantity: nonNegativeDecimal,
  schedule: z.enum(SCHEDULES),
  start: month,
  end: month,
});
export const perProjectDriverSchema = z.object({
  kind: z.literal('perProject'),
  /** projects = ceil(returnees of the profiles ÷ returneesPerProject) */
  returneesPerProject: positiveQuantity,
  profileIds: idList,
  schedule: z.enum(['once', 'spread']),
  start: month,
  end: month,
});
export const percentageDriverSchema = z.object({
  kind: z.literal('percentage'),
  /** Share of the base (0..1): "0.05" = 5 %. */
  rate: shareString,
  /** The base: every line of these levels, plus these lines (a line never counts itself). */
  levels: z.array(z.enum(LEVELS)).max(4),
  lineIds: idList,
  start: month,
  end: month,
});

export const DRIVER_KINDS = [
  'fixed',
  'perArrival',
  'perActiveCase',
  'staffing',
  'perCommunity',
  'perProject',
  'percentage',
] as const;
export type DriverKind = (typeof DRIVER_KINDS)[number];

export const driverSchema = z.discriminatedUnion('kind', [
  fixedDriverSchema,
  perArrivalDriverSchema,
  perActiveCaseDriverSchema,
  staffingDriverSchema,
  perCommunityDriverSchema,
  perProjectDriverSchema,
  percentageDriverSchema,
]);
export type Driver = z.infer<typeof driverSchema>;
export type FixedDriver = z.infer<typeof fixedDriverSchema>;
export type PerArrivalDriver = z.infer<typeof perArrivalDriverSchema>;
export type PerActiveCaseDriver = z.infer<typeof perActiveCaseDriverSchema>;
export type StaffingDriver = z.infer<typeof staffingDriverSchema>;
export type PerCommunityDriver = z.infer<typeof perCommunityDriverSchema>;
export type PerProjectDriver = z.infer<typeof perProjectDriverSchema>;
export type PercentageDriver = z.infer<typeof percentageDriverSchema>;

/** Drivers that use the returnee caseload. */
export function driverProfiles(d: Driver): string[] | null {
  return 'profileIds' in d ? d.profileIds : null;
}

/** The editable fields of a budget line (everything but id, level and position). */
/** Outputs per unit of a line: businesses started, jobs created, people reached (0: none recorded). */
export const outputsSchema = z.object({
  businesses: nonNegativeDecimal,
  jobs: nonNegativeDecimal,
  people: nonNegativeDecimal,
});
export type Outputs = z.infer<typeof outputsSchema>;
export const NO_OUTPUTS: Outputs = { businesses: '0', jobs: '0', people: '0' };

export const lineFieldsSchema = z.object({
  name: nameText,
  category: z.enum(CATEGORIES),
  dimension: z.enum(DIMENSIONS),
  modality: z.enum(MODALITIES),
  unitLabel: lineText(60),
  unitCost: minorAmount,
  driver: driverSchema,
  justification: text(20000),
  eligibleIndirect: z.boolean(),
  eligibleContingency: z.boolean(),
  /** Currency the unit cost is entered in: the reporting currency or one of model.currencies. */
  currency: currencyCode,
  /** Split across funding sources; empty = 100 % to the main donor. Shares should sum to 1 (a check). */
  funding: z.array(fundingShareSchema).max(50),
  /** Community lines: people reached per unit, and the share of them who are not migrants. */
  beneficiariesPerUnit: nonNegativeDecimal,
  nonMigrantShare: shareString,
  /** What each unit yields, on any level (outcomes and reach, DESIGN §5): counts per unit. */
  outputs: outputsSchema,
  /** What the US modified total direct costs leave this line out for ('none': it counts in full). */
  mtdcExclusion: z.enum(MTDC_EXCLUSIONS),
});
export type LineFields = z.infer<typeof lineFieldsSchema>;

export const budgetLineSchema = lineFieldsSchema.extend({
  id: lineIdSchema,
  level: z.enum(LEVELS),
  position: z.number().int().min(0),
});
export type BudgetLine = z.infer<typeof budgetLineSchema>;

/**
 * One row of the change log, stored structured (schema v3) so that the UI can put it in the
 * user's language: what was done (`kind`, `command`), to what (`target`, the name of the row it
 * acted on), and which fields went from which value to which (`fields`). `summary` is the English
 * sentence, kept for older files (whose rows have `kind` null and no fields) and for tools that
 * read the file directly.
 */
export interface ChangeLogEntry {
  id: number;
  at: string;
  author: string;
  summary: string;
  kind: ChangeKind | null;
  /** The command's type ("line.update"), for 'command', 'undo' and 'redo'. */
  command: string | null;
  target: string | null;
  fields: FieldChange[];
  /** Field changes left out of `fields` (a command that touched thousands of rows keeps the first ones). */
  omitted: number;
}

export const CHANGE_KINDS = ['create', 'command', 'undo', 'redo'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * One field of one row before and after. `field` null: the whole row was added (`before` null) or
 * deleted (`after` null), and the values are its name. `table` is 'programme' or an entity name.
 */
export interface FieldChange {
  table: string;
  /** The row's key; null for the programme. */
  id: string | null;
  /** The row's name (or a currency's code) when the change was made; null for the programme. */
  row: string | null;
  field: string | null;
  before: unknown;
  after: unknown;
}

/** A change log row as written (the id is the file's). */
export type NewChangeLogEntry = Omit<ChangeLogEntry, 'id'>;

/** Everything the engine needs: the whole programme as one plain value. */
export interface Model {
  programme: Programme;
  lines: BudgetLine[];
  profiles: Profile[];
  /** Local currencies (not the reporting currency), with rates to it per programme year. */
  currencies: Currency[];
  funders: Funder[];
  /** Partner programmes and their synergies (DESIGN §5), in the order of the Partners screen. */
  partners: Partner[];
  synergies: Synergy[];
  /**
   * What-ifs on this programme (DESIGN §6), each storing only its differences from it (the
   * baseline), in the order of the scenario switcher; and the uncertainty ranges of its key
   * parameters, as factors (src-shared/model/scenarios.ts). The engine computes the baseline and
   * ignores both: a scenario is computed as the model src-shared/engine/resolve.ts gives for it.
   */
  scenarios: Scenario[];
  ranges: ParameterRange[];
}

export function lineWindow(d: Driver): { start: number; end: number } {
  return { start: d.start, end: lineEnd(d) };
}

/**
 * The last month of a line's window (lineWindow's end, without the object: the engine asks for
 * every line of every compute): its first month when it is bought once. By kind rather than
 * `'schedule' in d`, which over seven shapes of drivers is slow.
 */
export function lineEnd(d: Driver): number {
  const once = (d.kind === 'fixed' || d.kind === 'perCommunity' || d.kind === 'perProject') && d.schedule === 'once';
  return once ? d.start : d.end;
}

/**
 * What a change of the programme's duration does to the budget lines' windows:
 * - `follow`: lines that ran to the old end (as new lines do) follow the new end, longer or
 *   shorter, unless they start after it;
 * - `clip`: other lines that run past a shorter end; they fit once their end is clipped to it;
 * - `blocked`: lines that start after the new end (clipping cannot keep them): to move by hand.
 * Each entry is the line and its driver with the new end (for `blocked`, unchanged).
 */
export function durationEffects<L extends Pick<BudgetLine, 'driver'>>(
  lines: Iterable<L>,
  oldMonths: number,
  newMonths: number,
): { follow: L[]; clip: L[]; blocked: L[] } {
  const out = { follow: [] as L[], clip: [] as L[], blocked: [] as L[] };
  if (newMonths === oldMonths) return out;
  for (const l of lines) {
    const d = l.driver;
    const once = 'schedule' in d && d.schedule === 'once';
    if (d.start > newMonths) {
      out.blocked.push(l);
    } else if (!once && d.end === oldMonths) {
      out.follow.push({ ...l, driver: { ...d, end: newMonths } });
    } else if (!once && d.end > newMonths) {
      out.clip.push({ ...l, driver: { ...d, end: newMonths } });
    }
  }
  return out;
}

/**
 * Cross-field checks that zod's per-field schemas cannot express: a window inside the programme,
 * start before end, and (given its unit cost) a fixed quantity that alone makes the line cost more
 * than MAX_AMOUNT (limits.ts; `amount.tooLarge` on the unit cost). Returns field -> message code.
 * Used by main before it saves, and by the UI.
 */
export function validateLineAgainstProgramme(
  line: Pick<BudgetLine, 'driver'> & { unitCost?: number },
  programme: Pick<Programme, 'durationMonths'>,
): Record<string, FieldCode> {
  const errors: Record<string, FieldCode> = {};
  const d = line.driver;
  const w = lineWindow(d);
  if (w.start > programme.durationMonths) errors['driver.start'] = 'window.outside';
  if (!('schedule' in d) || d.schedule !== 'once') {
    if (w.end > programme.durationMonths) errors['driver.end'] = 'window.outside';
    if (w.end < w.start) errors['driver.end'] = 'window.endBeforeStart';
  }
  if (d.kind === 'staffing' && d.max !== null && d.max < d.min) errors['driver.max'] = 'staffing.maxBelowMin';
  if (line.unitCost !== undefined && d.kind === 'fixed' && fixedCostAbove(d, line.unitCost, MAX_AMOUNT)) {
    errors.unitCost = 'amount.tooLarge';
  }
  return errors;
}

/**
 * Whether a fixed driver's units (its quantity, each month of its window when monthly) times the
 * unit cost exceed `max` minor units, before inflation and exchange (which the engine guards).
 */
function fixedCostAbove(d: FixedDriver, unitCost: number, max: number): boolean {
  const q = decimalToRational(d.quantity);
  if (!q || !Number.isSafeInteger(unitCost)) return false;
  const months = d.schedule === 'monthly' ? BigInt(Math.max(1, d.end - d.start + 1)) : 1n;
  return q.n * months * BigInt(unitCost) > BigInt(max) * q.d;
}

/** Anything with `has(key)`: a Set, or a Map keyed by id. */
export interface KeySet {
  has(key: string): boolean;
}

/** What a line may refer to: the reporting currency, and the ids and codes defined in the model. */
export interface LineReferences {
  reportingCurrency: string;
  /** Local currency codes (model.currencies). */
  currencies: KeySet;
  profiles: KeySet;
  funders: KeySet;
  lines: KeySet;
}

export function lineReferences(
  model: Pick<Model, 'programme' | 'currencies' | 'profiles' | 'funders' | 'lines'>,
): LineReferences {
  return {
    reportingCurrency: model.programme.reportingCurrency,
    currencies: new Set(model.currencies.map((c) => c.code)),
    profiles: new Set(model.profiles.map((p) => p.id)),
    funders: new Set(model.funders.map((f) => f.id)),
    lines: new Set(model.lines.map((l) => l.id)),
  };
}

/**
 * Cross-references of a line that zod cannot check: its currency is the reporting currency or a
 * defined local currency; the profiles, funding sources and (percentage) base lines it names exist,
 * each once; a percentage line does not name itself. Returns field -> message code, paths relative
 * to the line (`currency`, `driver.profileIds.0`, `funding.1.funderId`, `driver.lineIds.2`).
 * Funding shares that do not sum to 100 % are NOT an error here: that is a check finding.
 * `lineId` is the line's own id (absent for a line not added yet).
 */
export function validateLineReferences(
  line: Pick<BudgetLine, 'driver' | 'currency' | 'funding'>,
  refs: LineReferences,
  lineId?: string,
): Record<string, FieldCode> {
  const errors: Record<string, FieldCode> = {};
  if (line.currency !== refs.reportingCurrency && !refs.currencies.has(line.currency)) {
    errors.currency = 'currency.undefined';
  }
  const d = line.driver;
  const eachOnce = (ids: readonly string[], path: string, known: KeySet, missing: FieldCode): void => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      const key = `${path}.${i}`;
      if (seen.has(id)) errors[key] = 'list.duplicate';
      else if (!known.has(id)) errors[key] = missing;
      seen.add(id);
    });
  };
  if ('profileIds' in d) eachOnce(d.profileIds, 'driver.profileIds', refs.profiles, 'profile.notFound');
  if (d.kind === 'percentage') {
    eachOnce(d.lineIds, 'driver.lineIds', refs.lines, 'line.notFound');
    if (lineId !== undefined) {
      const self = d.lineIds.indexOf(lineId);
      if (self >= 0) errors[`driver.lineIds.${self}`] = 'line.self';
    }
    const levels = new Set<string>();
    d.levels.forEach((level, i) => {
      if (levels.has(level)) errors[`driver.levels.${i}`] = 'list.duplicate';
      levels.add(level);
    });
  }
  const funders = new Set<string>();
  line.funding.forEach((f, i) => {
    const key = `funding.${i}.funderId`;
    if (funders.has(f.funderId)) errors[key] = 'list.duplicate';
    else if (!refs.funders.has(f.funderId)) errors[key] = 'funder.notFound';
    funders.add(f.funderId);
  });
  return errors;
}

/**
 * Cross-field checks of a returnee profile: its arrival window lies inside the programme and does
 * not end before it starts. Returns field -> message code (`arrivalStart`, `arrivalEnd`).
 */
export function validateProfileAgainstProgramme(
  profile: Pick<Profile, 'arrivalStart' | 'arrivalEnd'>,
  programme: Pick<Programme, 'durationMonths'>,
): Record<string, FieldCode> {
  const errors: Record<string, FieldCode> = {};
  if (profile.arrivalStart > programme.durationMonths) errors.arrivalStart = 'window.outside';
  if (profile.arrivalEnd > programme.durationMonths) errors.arrivalEnd = 'window.outside';
  else if (profile.arrivalEnd < profile.arrivalStart) errors.arrivalEnd = 'window.endBeforeStart';
  return errors;
}

export function defaultLineFields(level: Level, durationMonths: number, name: string, currency = 'EUR'): LineFields {
  const cat: Record<Level, Category> = {
    individual: 'grantsToBeneficiaries',
    community: 'works',
    structural: 'training',
    support: 'humanResources',
  };
  return {
    name,
    category: cat[level],
    dimension: 'economic',
    modality: level === 'support' ? 'staff' : 'service',
    unitLabel: '',
    unitCost: 0,
    driver: { kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: Math.max(1, durationMonths) },
    justification: '',
    eligibleIndirect: true,
    eligibleContingency: true,
    currency,
    funding: [],
    beneficiariesPerUnit: '0',
    nonMigrantShare: '0',
    outputs: { ...NO_OUTPUTS },
    mtdcExclusion: 'none',
  };
}

/**
 * Where a new programme starts unless the person says otherwise (the New programme dialog shows
 * these; main's blank model uses them): this month, 36 months, reported in EUR.
 */
export const NEW_PROGRAMME_DEFAULTS = { durationMonths: 36, reportingCurrency: 'EUR' } as const;

/** The calendar month of a date, as "YYYY-MM" (local time). */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** Programme month m (1-based) -> "YYYY-MM". */
export function monthLabel(startMonth: string, m: number): string {
  const [y, mo] = startMonth.split('-').map(Number) as [number, number];
  const idx = y * 12 + (mo - 1) + (m - 1);
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** Programme year (1-based) of programme month m. */
export function programmeYear(m: number): number {
  return Math.floor((m - 1) / 12) + 1;
}
