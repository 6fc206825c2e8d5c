/**
 * Returnee profiles in the UI: parsing what a person types into a profile's fields, the changes
 * that keep a profile sensible when its kind or arrival pattern changes, and the monthly arrivals
 * editor. Pure: tested in Node. The model's zod schemas stay the final word (main validates).
 */
import { arrivalsPerMonth } from '../../../src-shared/engine/caseload';
import { formatDecimal, type Locale, parseInteger, parseNonNegativeDecimal } from '../../../src-shared/money';
import {
  type ArrivalPattern,
  defaultProfileFields,
  MAX_ARRIVALS,
  MIN_DURATION,
  type ProfileFields,
  profileFieldsSchema,
  type ProfileKind,
  type Programme,
  type SourcedMonths,
} from '../../../src-shared/model';
import { type FieldResult, parseMonth } from '../../shared/fields';

export type ProfileTextField =
  'name' | 'personsPerUnit' | 'arrivals' | 'arrivalStart' | 'arrivalEnd' | 'durationMonths';

/** The text a profile field shows in its input. */
export function profileFieldText(p: ProfileFields, field: ProfileTextField, locale: Locale): string {
  switch (field) {
    case 'name':
      return p.name;
    case 'personsPerUnit':
      return formatDecimal(p.personsPerUnit, locale);
    case 'arrivals':
      return formatDecimal(String(p.arrivals), locale);
    case 'arrivalStart':
    case 'arrivalEnd':
    case 'durationMonths':
      return String(p[field]);
  }
}

/** Parses one typed profile field to the `profile.update` patch, or an error code. */
export function parseProfileField(
  p: ProfileFields,
  field: ProfileTextField,
  input: string,
  locale: Locale,
  programme: Pick<Programme, 'durationMonths' | 'startMonth'>,
): FieldResult<Partial<ProfileFields>> {
  const typed = input.trim();
  switch (field) {
    case 'name': {
      const r = profileFieldsSchema.shape.name.safeParse(input);
      if (r.success) return { ok: true, value: { name: r.data } };
      const msg = r.error.issues[0]?.message ?? 'value.invalid';
      return { ok: false, code: msg.includes(' ') ? 'value.invalid' : msg };
    }
    case 'personsPerUnit': {
      const r = parseNonNegativeDecimal(input, locale, 2);
      if (!r.ok) return r;
      if (r.value === '0') return { ok: false, code: 'number.positive', params: { input: typed } };
      return { ok: true, value: { personsPerUnit: r.value } };
    }
    case 'arrivals': {
      const r = parseInteger(input, locale, 0, MAX_ARRIVALS);
      if (!r.ok) return r;
      return { ok: true, value: { arrivals: r.value } };
    }
    case 'durationMonths': {
      const r = parseInteger(input, locale, 1, 120);
      if (!r.ok) return { ...r, context: 'assistance' };
      return { ok: true, value: { durationMonths: r.value } };
    }
    case 'arrivalStart':
    case 'arrivalEnd': {
      const r = parseMonth(input, locale, programme);
      if (!r.ok) return { ...r, params: { ...(r.params ?? {}), input: typed } };
      if (field === 'arrivalStart' && r.value > p.arrivalEnd) {
        return { ok: false, code: 'window.startAfterEnd', params: { end: p.arrivalEnd, input: typed } };
      }
      if (field === 'arrivalEnd' && r.value < p.arrivalStart) {
        return { ok: false, code: 'window.endBeforeStart', params: { start: p.arrivalStart, input: typed } };
      }
      return { ok: true, value: { [field]: r.value } };
    }
  }
}

/** The minimum assistance duration the sources set for a kind, with its citation (or null). */
export function minDuration(kind: ProfileKind): SourcedMonths | null {
  return MIN_DURATION[kind] ?? null;
}

/**
 * The patch for a new kind. Unit and persons per unit follow the kind when they were still the
 * old kind's defaults (a family is counted per household of 4; others per person), and a duration
 * below the sources' minimum for the new kind is raised to it (children 18 months, victims of
 * trafficking 6).
 */
export function kindPatch(p: ProfileFields, kind: ProfileKind, programmeMonths: number): Partial<ProfileFields> {
  if (kind === p.kind) return {};
  const patch: Partial<ProfileFields> = { kind };
  const oldDefaults = defaultProfileFields(p.kind, p.name, programmeMonths);
  const newDefaults = defaultProfileFields(kind, p.name, programmeMonths);
  if (p.unit === oldDefaults.unit && p.personsPerUnit === oldDefaults.personsPerUnit) {
    if (newDefaults.unit !== p.unit) patch.unit = newDefaults.unit;
    if (newDefaults.personsPerUnit !== p.personsPerUnit) patch.personsPerUnit = newDefaults.personsPerUnit;
  }
  const min = minDuration(kind);
  if (min && p.durationMonths < min.months) patch.durationMonths = min.months;
  return patch;
}

/**
 * The patch for a new arrival pattern. Switching to explicit monthly numbers starts from the
 * arrivals the current pattern gives (`current`, the engine's series), so nothing jumps; switching
 * back keeps the typed numbers (they come back if explicit is chosen again).
 */
export function patternPatch(
  p: ProfileFields,
  pattern: ArrivalPattern,
  current: readonly number[] | null,
): Partial<ProfileFields> {
  if (pattern === p.pattern) return {};
  if (pattern === 'explicit' && p.monthly.every((n) => n === 0) && current) {
    return { pattern, monthly: trimZeros(current) };
  }
  return { pattern };
}

/** Drops trailing zero months (the engine reads missing months as 0). */
export function trimZeros(months: readonly number[]): number[] {
  let n = months.length;
  while (n > 0 && months[n - 1] === 0) n--;
  return months.slice(0, n);
}

export type MonthlyResult =
  | { ok: true; value: number[] }
  | { ok: false; errors: Record<number, { code: string; params: Record<string, string | number> }> };

/** Parses the monthly arrivals editor: one whole number per month (empty = 0). */
export function parseMonthly(inputs: readonly string[], locale: Locale): MonthlyResult {
  const value: number[] = [];
  const errors: Record<number, { code: string; params: Record<string, string | number> }> = {};
  inputs.forEach((s, i) => {
    if (s.trim() === '') {
      value.push(0);
      return;
    }
    const r = parseInteger(s, locale, 0, MAX_ARRIVALS);
    if (r.ok) value.push(r.value);
    else {
      value.push(0);
      errors[i] = { code: r.code, params: r.params ?? {} };
    }
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: trimZeros(value) };
}

type MonthlySource = Parameters<typeof arrivalsPerMonth>[0];

/**
 * The text of each month in the monthly editor: the arrivals the profile's pattern gives now (an
 * even, front- or back-loaded spread, or the typed months), by the engine's own rule, so that
 * opening the editor and saving changes nothing.
 */
export function monthlyTexts(p: MonthlySource, months: number, locale: Locale): string[] {
  const arrivals = arrivalsPerMonth(p, months);
  return Array.from({ length: months }, (_, i) => {
    const v = arrivals[i] ?? 0;
    return v === 0 ? '' : formatDecimal(String(v), locale);
  });
}
