/**
 * Turning validation problems into ApiFailure('validation'): a field map (path -> message code,
 * the codes the UI translates under i18n `errors.*`) plus one clear English sentence.
 *
 * Field paths are relative to the thing being edited: a line's `unitCost`, `driver.end`; a
 * programme's `durationMonths`; a profile's `arrivalEnd`; a split's `funding.0.share`. They never
 * carry the command's envelope (`fields.`, `patch.`, `currency.`).
 */
import type { z } from 'zod';
import { ApiFailure, type FieldCode, fieldCodeOf } from '../api';
import { MAX_DURATION } from '../model';

/** Labels by field path; `*` stands for a list index (`funding.*.share`). */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  // budget line
  name: 'The name',
  category: 'The category',
  dimension: 'The dimension',
  modality: 'The modality',
  unitLabel: 'The unit label',
  unitCost: 'The unit cost',
  driver: 'The quantity and schedule',
  'driver.kind': 'The kind of quantity',
  'driver.quantity': 'The quantity',
  'driver.schedule': 'The schedule',
  'driver.start': 'The first month',
  'driver.end': 'The last month',
  'driver.takeUp': 'The take-up share',
  'driver.offset': 'The offset',
  'driver.profileIds': 'The choice of profiles',
  'driver.profileIds.*': 'A chosen returnee profile',
  'driver.casesPerStaff': 'The number of cases per staff member',
  'driver.min': 'The minimum staff',
  'driver.max': 'The maximum staff',
  'driver.returneesPerProject': 'The number of returnees per project',
  'driver.rate': 'The percentage',
  'driver.levels': 'The base levels',
  'driver.levels.*': 'A base level',
  'driver.lineIds': 'The base lines',
  'driver.lineIds.*': 'A base line',
  justification: 'The justification',
  eligibleIndirect: 'Eligibility for indirect costs',
  eligibleContingency: 'Eligibility for contingency',
  currency: 'The currency',
  funding: 'The funding split',
  'funding.*': 'A funding share',
  'funding.*.funderId': 'The funding source',
  'funding.*.share': 'The funding share',
  beneficiariesPerUnit: 'The number of beneficiaries per unit',
  nonMigrantShare: 'The non-migrant share',
  level: 'The level',
  afterId: 'The line to insert after',
  id: 'The line',
  index: 'The position',
  // programme
  title: 'The title',
  reportingCurrency: 'The reporting currency',
  startMonth: 'The start month',
  durationMonths: 'The duration',
  indirectRate: 'The indirect cost rate',
  contingencyRate: 'The contingency rate',
  author: 'The author',
  notes: 'The notes',
  donorProfile: 'The donor rule profile',
  communities: 'The number of communities',
  inflation: 'The inflation rate',
  indirectBase: 'The indirect cost base',
  euAgreement: 'The kind of EU agreement',
  usAwardDate: 'The award date',
  usNicra: 'The negotiated indirect cost rate',
  'usNicra.rate': 'The negotiated indirect cost rate',
  'usNicra.base': 'The base of the negotiated rate',
  mtdcExclusion: 'The MTDC exclusion',
  conditionalOnMatch: 'Conditional on match funding',
  // returnee profile
  kind: 'The kind of profile',
  unit: 'The unit',
  personsPerUnit: 'The number of persons per household',
  arrivals: 'The expected arrivals',
  pattern: 'The arrival pattern',
  monthly: 'The monthly arrivals',
  'monthly.*': 'A monthly number of arrivals',
  arrivalStart: 'The first arrival month',
  arrivalEnd: 'The last arrival month',
  // local currency
  code: 'The currency code',
  rates: 'The exchange rates',
  'rates.*': 'An exchange rate',
  // funding source
  type: 'The type of funding source',
  status: 'The status',
  ceiling: 'The ceiling',
  // partner programme
  organisation: 'The organisation',
  endMonth: 'The last month',
  // synergy
  partnerId: 'The partner programme',
  effect: 'The parameters of the synergy',
  'effect.type': 'The type of synergy',
  'effect.share': 'The share',
  'effect.uptake': 'The uptake',
  'effect.capacity': "The partner's capacity",
  'effect.coordinationCost': 'The coordination cost per referral',
  'effect.basis': 'The basis of the co-financing',
  'effect.amount': 'The amount',
  'effect.programmePart': "The programme's part of the ratio",
  'effect.partnerPart': "The partner's part of the ratio",
  'effect.capPerGrant': 'The cap per grant',
  'effect.collectiveCap': 'The cap in all',
  'effect.mode': 'The mode of the matching fund',
  'effect.shares': 'The shares per year',
  'effect.shares.*': "A year's share",
  'effect.delayMonths': 'The delay after arrival',
  'effect.nonMigrantShare': 'The share of community members',
  lineIds: 'The target lines',
  'lineIds.*': 'A target line',
  profileIds: 'The target profiles',
  'profileIds.*': 'A target profile',
  firstMonth: 'The first month',
  lastMonth: 'The last month',
  commitment: 'The commitment',
  confidence: 'The confidence',
  funderId: 'The funding source',
  // scenario and uncertainty range
  description: 'The description',
  scenario: 'The scenario',
  // importing lines
  file: 'The file',
  mapping: 'The choice of columns',
  'mapping.*': 'The column chosen for a field',
  token: 'The file read for this import',
  lines: 'The imported lines',
  source: 'The name of the imported file',
  low: 'The low value',
  likely: 'The likely value',
  high: 'The high value',
};

function labelOf(path: string): string {
  return FIELD_LABELS[path] ?? FIELD_LABELS[path.replace(/\.\d+(?=\.|$)/g, '.*')] ?? `The value of "${path}"`;
}

/**
 * What each message code means, as the end of a sentence that starts with the field's label.
 * Exhaustive: a new field code does not compile until it has its phrase here.
 */
function phrase(code: FieldCode, ctx: ValidationContext): string {
  switch (code) {
    case 'value.invalid':
      return 'is not an acceptable value';
    case 'text.required':
      return 'cannot be empty';
    case 'text.tooLong':
      return 'is too long';
    case 'text.invalidCharacters':
      return 'holds control characters or a broken character (a lone UTF-16 surrogate): retype it without them';
    case 'number.invalid':
      return 'is not a valid number (use digits with at most one decimal point, e.g. 12.5)';
    case 'number.negative':
      return 'cannot be negative';
    case 'number.positive':
      return 'must be greater than zero';
    case 'number.notInteger':
      return 'must be a whole number';
    case 'number.tooLarge':
      return 'is too large';
    case 'number.maxDecimals6':
      return 'has too many decimals: enter at most 6 digits after the point';
    case 'number.maxDecimals8':
      return 'has too many decimals: enter at most 8 digits after the point';
    case 'share.range':
      return 'must be between 0 % and 100 %';
    case 'inflation.range':
      return 'must be above -100 % and at most 1,000 %';
    case 'offset.range':
      return 'must be between 0 and 60 months';
    case 'month.invalid':
      return 'must be a month written as YYYY-MM, e.g. 2026-01';
    case 'awardDate.invalid':
      return 'must be a date written as YYYY-MM-DD or a month written as YYYY-MM, e.g. 2024-10-01';
    case 'month.range':
      return `must be a programme month between 1 and ${MAX_DURATION}`;
    case 'currency.invalid':
      return 'must be a three-letter ISO currency code, e.g. EUR';
    case 'currency.undefined':
      return ctx.code
        ? `${ctx.code} is neither the reporting currency nor a local currency of this programme (add it as a local currency first)`
        : 'is neither the reporting currency nor a local currency of this programme';
    case 'currency.duplicate':
      return `cannot be ${ctx.code ?? 'that currency'}: a currency cannot be both the reporting currency and a local currency`;
    case 'rates.required':
      return 'need at least one rate (local units for one unit of the reporting currency, in year 1)';
    case 'duration.range':
      return `must be between 1 and ${MAX_DURATION} months`;
    case 'id.invalid':
      return 'is not a valid reference';
    case 'id.taken':
      return 'is already used by another line, profile or funding source (the new row was probably sent twice)';
    case 'window.outside':
      return ctx.durationMonths
        ? `falls outside the programme, which runs from month 1 to month ${ctx.durationMonths}`
        : 'falls outside the programme';
    case 'window.endBeforeStart':
      return 'cannot be before the first month';
    case 'staffing.maxBelowMin':
      return 'cannot be below the minimum staff';
    case 'amount.tooLarge':
      return `makes the line cost more than the largest amount the app handles (10^15 minor units, i.e. 10 trillion euros or dollars): lower the quantity or the unit cost`;
    case 'line.notFound':
      return 'is not a budget line of this programme (it may have been deleted)';
    case 'line.self':
      return 'cannot be the line itself: a percentage line cannot count its own cost';
    case 'profile.notFound':
      return 'is not a returnee profile of this programme (it may have been deleted)';
    case 'funder.notFound':
      return 'is not a funding source of this programme (it may have been deleted)';
    case 'partner.notFound':
      return 'is not a partner programme of this programme (it may have been deleted)';
    case 'list.duplicate':
      return 'is listed twice';
    case 'file.badName':
      return 'cannot contain / \\ : * ? " < > | or start with a dot, and cannot be a reserved name such as "con"';
    case 'line.otherLevel':
      return 'is in another level';
    case 'duration.linesOutside':
      return 'cannot be shorter than the months the budget lines run in';
    case 'duration.profilesOutside':
      return 'cannot be shorter than the months the returnee profiles have arrivals in';
    case 'profile.inUse':
      return 'cannot be deleted while a budget line follows it';
    case 'funder.inUse':
      return "cannot be deleted while a line's funding split or a synergy names it";
    case 'partner.inUse':
      return 'cannot be deleted while synergies belong to it';
    case 'currency.inUse':
      return 'cannot be deleted while lines are entered in it';
    case 'funding.over':
      return 'adds up to more than 100 % of the line: lower a share first';
    case 'scenario.reservedName':
      return 'cannot be "Baseline": that is the name of the programme itself in the scenario switcher';
    case 'scenario.nameTaken':
      return 'is already the name of another scenario: choose another name';
    case 'scenario.baselineOnly':
      return 'is the same in every scenario: switch to the baseline to change it';
    case 'scenario.baselineLine':
      return 'belongs to the baseline: turn the line off in this scenario instead of deleting it';
    case 'scenario.notFound':
      return 'is not a scenario of this programme (it may have been deleted)';
    case 'range.factor':
      return 'must be a factor between 0 and 10 with at most 6 decimals (1 is the value itself, 0.8 is 20 % lower)';
    case 'range.order':
      return 'must keep low ≤ likely ≤ high';
    case 'import.ambiguousNumber':
      return 'could be read two ways (1,234 is a thousand and more in English, one and a bit in French): choose the decimal separator of the file';
    case 'import.unknownChoice':
      return 'is not one of the choices the app knows';
    case 'import.notYesNo':
      return 'must be yes or no (Yes / No, Oui / Non, 1 / 0)';
    case 'import.formula':
      return 'holds a formula: replace it with its value in the spreadsheet and import again';
    case 'import.tooLarge':
      return 'is too large to import';
    case 'import.zipBomb':
      return 'expands to far more data than a spreadsheet of its size holds, so it was not opened';
    case 'import.tooManyRows':
      return 'has more rows than one import takes';
    case 'import.tooManyColumns':
      return 'has more columns than one import takes';
    case 'import.encoding':
      return 'is not in UTF-8: save it as "CSV UTF-8" and import it again';
    case 'import.notSpreadsheet':
      return 'is not a CSV or XLSX spreadsheet';
    case 'import.empty':
      return 'has no rows to import';
    case 'import.damaged':
      return 'is damaged or incomplete and could not be read';
    case 'import.expired':
      return 'is no longer kept: choose the file again';
  }
}

export interface ValidationContext {
  durationMonths?: number;
  /** The currency code concerned, for currency messages. */
  code?: string;
}

/** Builds the refusal for a field map (path -> code). */
export function validationFailure(fields: Record<string, FieldCode>, ctx: ValidationContext = {}): ApiFailure {
  const entries = Object.entries(fields);
  const [first] = entries;
  if (!first) return new ApiFailure('validation', 'The change is not acceptable. Nothing was saved.', fields);
  const [path, code] = first;
  // A line of a line.import command: "Imported line 2: The unit cost …".
  const imported = /^lines\.(\d+)\.(.+)$/.exec(path);
  const label = imported ? `Imported line ${Number(imported[1]) + 1}: ${labelOf(imported[2] ?? '')}` : labelOf(path);
  let message = `${label} ${phrase(code, ctx)}.`;
  if (entries.length === 2) message += ' One other value also needs attention.';
  if (entries.length > 2) message += ` ${entries.length - 1} other values also need attention.`;
  return new ApiFailure('validation', `${message} Nothing was saved.`, fields);
}

/**
 * zod issues -> field map. `stripPrefix` removes the command envelope ("fields", "patch") so
 * paths are relative to the line or programme. zod's own English messages become the generic code
 * 'value.invalid'; our schemas' messages are field codes already.
 */
export function fieldsFromZod(err: z.ZodError, stripPrefix: readonly string[] = []): Record<string, FieldCode> {
  const fields: Record<string, FieldCode> = {};
  for (const issue of err.issues) {
    const path = issue.path.map(String);
    if (path.length > 0 && path[0] !== undefined && stripPrefix.includes(path[0])) path.shift();
    // A line of a line.import command: `lines.2.fields.unitCost` -> `lines.2.unitCost`.
    if (path[0] === 'lines' && path[2] === 'fields') path.splice(2, 1);
    const key = path.join('.') || '_';
    if (!(key in fields)) fields[key] = fieldCodeOf(issue.message);
  }
  return fields;
}
