/**
 * Quantity drivers in the UI: turning a line's driver from one kind into another, parsing what a
 * person types into a driver's parameters, and writing the engine's derivation of a quantity
 * ("1,240 arrivals × 60 % take-up = 744") as a sentence. Pure: tested in Node.
 * The semantics of each driver are the engine's (src-shared/engine/drivers.ts).
 */
import {
  formatDecimal,
  type Locale,
  parseInteger,
  parseNonNegativeDecimal,
  parsePercent,
  shareToPercentString,
} from '../../../src-shared/money';
import {
  type Driver,
  type DriverKind,
  type Level,
  lineWindow,
  type Programme,
  type Schedule,
  SCHEDULES,
  validateLineAgainstProgramme,
} from '../../../src-shared/model';
import type { Params } from '../../i18n';
import { type FieldResult, parseMonth } from '../../shared/fields';

/** Parameters of a driver a person types (the selects and lists are edited directly). */
export type DriverTextField =
  'quantity' | 'takeUp' | 'offset' | 'casesPerStaff' | 'min' | 'max' | 'returneesPerProject' | 'rate' | 'start' | 'end';

/** The typed parameters each kind has, in the order the details panel shows them. */
export const DRIVER_FIELDS: Readonly<Record<DriverKind, readonly DriverTextField[]>> = {
  fixed: ['quantity', 'start', 'end'],
  perArrival: ['quantity', 'takeUp', 'offset', 'start', 'end'],
  perActiveCase: ['quantity', 'start', 'end'],
  staffing: ['casesPerStaff', 'min', 'max', 'start', 'end'],
  perCommunity: ['quantity', 'start', 'end'],
  perProject: ['returneesPerProject', 'start', 'end'],
  percentage: ['rate', 'start', 'end'],
};

/** The parameter the grid's "quantity" column shows for a driver. */
export function mainField(d: Driver): 'quantity' | 'casesPerStaff' | 'returneesPerProject' | 'rate' {
  switch (d.kind) {
    case 'staffing':
      return 'casesPerStaff';
    case 'perProject':
      return 'returneesPerProject';
    case 'percentage':
      return 'rate';
    default:
      return 'quantity';
  }
}

/** The schedules a driver kind offers, or null when it has none (it follows the caseload or its base). */
export function schedulesOf(kind: DriverKind): readonly Schedule[] | null {
  switch (kind) {
    case 'fixed':
    case 'perCommunity':
      return SCHEDULES;
    case 'perProject':
      return ['once', 'spread'];
    default:
      return null;
  }
}

/** True when the driver buys everything in its start month. */
export function isOnce(d: Driver): boolean {
  return 'schedule' in d && d.schedule === 'once';
}

/** The profiles a driver follows, or null for kinds that do not use the caseload. */
export function profilesOf(d: Driver): readonly string[] | null {
  return 'profileIds' in d ? d.profileIds : null;
}

/** A copy of `d` following these profiles (no change for kinds that do not use the caseload). */
export function withProfiles(d: Driver, profileIds: readonly string[]): Driver {
  return 'profileIds' in d ? { ...d, profileIds: [...profileIds] } : d;
}

/** A new schedule keeps the window sensible: "once" has one month; a window ends after it starts. */
export function withSchedule<D extends Driver>(driver: D, schedule: Schedule, durationMonths: number): D {
  if (!('schedule' in driver)) return driver;
  const allowed = schedulesOf(driver.kind) ?? [];
  if (!allowed.includes(schedule)) return driver;
  if (schedule === 'once') return { ...driver, schedule, end: driver.start };
  const end = driver.end > driver.start && driver.end <= durationMonths ? driver.end : durationMonths;
  return { ...driver, schedule, end: Math.max(end, driver.start) };
}

/**
 * The driver of another kind, keeping what carries over: the window, the profiles, the quantity.
 * Kinds that buy every month get the whole window when the old driver bought once. The defaults
 * are starting points a person edits: 100 % take-up, 40 cases per staff member with at least one,
 * 25 returnees per project, 5 % of the individual and community levels.
 */
export function convertDriver(d: Driver, kind: DriverKind, durationMonths: number, level: Level): Driver {
  if (d.kind === kind) return d;
  const start = Math.min(d.start, durationMonths);
  const wasOnce = isOnce(d);
  const end = Math.max(start, Math.min(wasOnce ? durationMonths : lineWindow(d).end, durationMonths));
  const quantity = 'quantity' in d ? d.quantity : '1';
  const profileIds = [...(profilesOf(d) ?? [])];
  switch (kind) {
    case 'fixed':
      return { kind, quantity, schedule: wasOnce ? 'once' : 'spread', start, end: wasOnce ? start : end };
    case 'perArrival':
      return { kind, quantity, profileIds, takeUp: '1', offset: 0, start, end };
    case 'perActiveCase':
      return { kind, quantity, profileIds, start, end };
    case 'staffing':
      return { kind, casesPerStaff: '40', min: 1, max: null, profileIds, start, end };
    case 'perCommunity':
      return { kind, quantity, schedule: wasOnce ? 'once' : 'spread', start, end: wasOnce ? start : end };
    case 'perProject':
      return { kind, returneesPerProject: '25', profileIds, schedule: 'spread', start, end };
    case 'percentage':
      return {
        kind,
        rate: '0.05',
        levels: level === 'support' ? ['individual', 'community'] : [level],
        lineIds: [],
        start,
        end,
      };
  }
}

/** The text a driver parameter shows in its input. */
export function driverFieldText(d: Driver, field: DriverTextField, locale: Locale): string {
  switch (field) {
    case 'quantity':
      return 'quantity' in d ? formatDecimal(d.quantity, locale) : '';
    case 'takeUp':
      return d.kind === 'perArrival' ? shareToPercentString(d.takeUp, locale) : '';
    case 'offset':
      return d.kind === 'perArrival' ? String(d.offset) : '';
    case 'casesPerStaff':
      return d.kind === 'staffing' ? formatDecimal(d.casesPerStaff, locale) : '';
    case 'min':
      return d.kind === 'staffing' ? formatDecimal(String(d.min), locale) : '';
    case 'max':
      return d.kind === 'staffing' && d.max !== null ? formatDecimal(String(d.max), locale) : '';
    case 'returneesPerProject':
      return d.kind === 'perProject' ? formatDecimal(d.returneesPerProject, locale) : '';
    case 'rate':
      return d.kind === 'percentage' ? shareToPercentString(d.rate, locale) : '';
    case 'start':
      return String(d.start);
    case 'end':
      return isOnce(d) ? '' : String(d.end);
  }
}

/**
 * Parses one typed parameter of a driver. Returns the whole new driver, or an error code with
 * the parameters its message needs (and the typed text as `input`). Nothing that fails is sent.
 */
export function parseDriverField(
  d: Driver,
  field: DriverTextField,
  input: string,
  locale: Locale,
  programme: Pick<Programme, 'durationMonths' | 'startMonth'>,
): FieldResult<Driver> {
  const typed = input.trim();
  const fail = (code: string, params: Params = {}, context?: string): FieldResult<Driver> =>
    context === undefined
      ? { ok: false, code, params: { ...params, input: typed } }
      : { ok: false, code, params: { ...params, input: typed }, context };
  switch (field) {
    case 'quantity': {
      if (!('quantity' in d)) return fail('value.invalid');
      const r = parseNonNegativeDecimal(input, locale, 6);
      if (!r.ok) return fail(r.code, r.params, 'quantity');
      return { ok: true, value: { ...d, quantity: r.value } };
    }
    case 'casesPerStaff':
    case 'returneesPerProject': {
      const r = parseNonNegativeDecimal(input, locale, 6);
      if (!r.ok) return fail(r.code, r.params, field);
      if (r.value === '0') return fail('number.positive', {}, field);
      if (field === 'casesPerStaff' && d.kind === 'staffing')
        return { ok: true, value: { ...d, casesPerStaff: r.value } };
      if (field === 'returneesPerProject' && d.kind === 'perProject') {
        return { ok: true, value: { ...d, returneesPerProject: r.value } };
      }
      return fail('value.invalid');
    }
    case 'takeUp':
    case 'rate': {
      const r = parsePercent(input, locale);
      if (!r.ok) return fail(r.code, r.params, 'rate');
      if (field === 'takeUp' && d.kind === 'perArrival') return { ok: true, value: { ...d, takeUp: r.value } };
      if (field === 'rate' && d.kind === 'percentage') return { ok: true, value: { ...d, rate: r.value } };
      return fail('value.invalid');
    }
    case 'offset': {
      if (d.kind !== 'perArrival') return fail('value.invalid');
      const r = parseInteger(input, locale, 0, 60);
      if (!r.ok) return fail(r.code, r.params, 'offset');
      return { ok: true, value: { ...d, offset: r.value } };
    }
    case 'min':
    case 'max': {
      if (d.kind !== 'staffing') return fail('value.invalid');
      if (field === 'max' && typed === '') return { ok: true, value: { ...d, max: null } };
      const r = parseInteger(input, locale, 0, 100000);
      if (!r.ok) return fail(r.code, r.params, 'staff');
      if (field === 'min') {
        if (d.max !== null && r.value > d.max) return fail('staff.minAboveMax', { max: d.max });
        return { ok: true, value: { ...d, min: r.value } };
      }
      if (r.value < d.min) return fail('staff.maxBelowMin', { min: d.min });
      return { ok: true, value: { ...d, max: r.value } };
    }
    case 'start':
    case 'end': {
      const r = parseMonth(input, locale, programme);
      if (!r.ok) return { ...r, params: { ...(r.params ?? {}), input: typed } };
      const once = isOnce(d);
      let driver: Driver;
      if (field === 'start') {
        if (!once && r.value > d.end) return fail('window.startAfterEnd', { end: d.end });
        driver = { ...d, start: r.value, end: once ? r.value : d.end };
      } else {
        if (once) return { ok: true, value: d };
        if (r.value < d.start) return fail('window.endBeforeStart', { start: d.start });
        driver = { ...d, end: r.value };
      }
      const cross = Object.values(validateLineAgainstProgramme({ driver }, programme))[0];
      if (cross) return fail(cross, { max: programme.durationMonths, start: driver.start, end: driver.end });
      return { ok: true, value: driver };
    }
  }
}

// How the engine arrived at a line's quantity, as a sentence (shared with the report).
export { derivationText } from '../../shared/derivation';
