/**
 * Turning validation problems into ApiFailure('validation'): a field map (path -> message code,
 * the codes the UI translates under i18n `errors.*`) plus one clear English sentence.
 *
 * Field paths are relative to the thing being edited: a line's `unitCost`, `driver.end`; a
 * programme's `durationMonths`. They never carry the command's envelope (`fields.`, `patch.`).
 */
import type { z } from 'zod';
import { ApiFailure } from '../../src-shared/api';
import { MAX_DURATION } from '../../src-shared/model';

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
  justification: 'The justification',
  eligibleIndirect: 'Eligibility for indirect costs',
  eligibleContingency: 'Eligibility for contingency',
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
};

/** What each message code means, as the end of a sentence that starts with the field's label. */
function phrase(code: string, ctx: ValidationContext): string {
  switch (code) {
    case 'text.required':
      return 'cannot be empty';
    case 'text.tooLong':
      return 'is too long';
    case 'number.invalid':
      return 'is not a valid number (use digits with at most one decimal point, e.g. 12.5)';
    case 'number.negative':
      return 'cannot be negative';
    case 'number.notInteger':
      return 'must be a whole number';
    case 'number.tooLarge':
      return 'is too large';
    case 'share.range':
      return 'must be between 0 % and 100 %';
    case 'month.invalid':
      return 'must be a month written as YYYY-MM, e.g. 2026-01';
    case 'month.range':
      return `must be a programme month between 1 and ${MAX_DURATION}`;
    case 'currency.invalid':
      return 'must be a three-letter ISO currency code, e.g. EUR';
    case 'duration.range':
      return `must be between 1 and ${MAX_DURATION} months`;
    case 'id.invalid':
      return 'is not a valid line reference';
    case 'window.outside':
      return ctx.durationMonths
        ? `falls outside the programme, which runs from month 1 to month ${ctx.durationMonths}`
        : 'falls outside the programme';
    case 'window.endBeforeStart':
      return 'cannot be before the first month';
    case 'line.otherLevel':
      return 'is in another level';
    default:
      return 'is not an acceptable value';
  }
}

export interface ValidationContext {
  durationMonths?: number;
}

/** Builds the refusal for a field map (path -> code). */
export function validationFailure(fields: Record<string, string>, ctx: ValidationContext = {}): ApiFailure {
  const entries = Object.entries(fields);
  const [first] = entries;
  if (!first) return new ApiFailure('validation', 'The change is not acceptable. Nothing was saved.', fields);
  const [path, code] = first;
  const label = FIELD_LABELS[path] ?? `The value of "${path}"`;
  let message = `${label} ${phrase(code, ctx)}.`;
  if (entries.length === 2) message += ' One other value also needs attention.';
  if (entries.length > 2) message += ` ${entries.length - 1} other values also need attention.`;
  return new ApiFailure('validation', `${message} Nothing was saved.`, fields);
}

/**
 * zod issues -> field map. `stripPrefix` removes the command envelope ("fields", "patch") so
 * paths are relative to the line or programme. zod's own English messages (they contain spaces)
 * become the generic code 'value.invalid'; our schemas' messages are codes already.
 */
export function fieldsFromZod(err: z.ZodError, stripPrefix: readonly string[] = []): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const path = issue.path.map(String);
    if (path.length > 0 && path[0] !== undefined && stripPrefix.includes(path[0])) path.shift();
    const key = path.join('.') || '_';
    if (!(key in fields)) fields[key] = issue.message.includes(' ') ? 'value.invalid' : issue.message;
  }
  return fields;
}
