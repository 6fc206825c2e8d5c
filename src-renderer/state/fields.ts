/**
 * Turning what a person typed into a value the model accepts, or into a specific error code
 * (translated by i18n `errorText`). Pure: used by the programme form and the budget grid before
 * anything is sent, and tested in Node. The model's zod schemas stay the final word.
 */
import {
  formatDecimal,
  formatMinor,
  type Locale,
  parseInteger,
  parseMoney,
  parseNonNegativeDecimal,
  parsePercent,
  shareToPercentString,
} from '../../src-shared/money';
import {
  type BudgetLine,
  type FixedDriver,
  lineFieldsSchema,
  type LineFields,
  MAX_DURATION,
  type Programme,
  programmeSchema,
  validateLineAgainstProgramme,
} from '../../src-shared/model';
import type { Params } from '../i18n';

export type FieldResult<T> = { ok: true; value: T } | { ok: false; code: string; params?: Params; context?: string };

function fromZod<T>(
  r: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } },
): FieldResult<T> {
  if (r.success) return { ok: true, value: r.data };
  const msg = r.error.issues[0]?.message ?? 'value.invalid';
  return { ok: false, code: msg.includes(' ') ? 'value.invalid' : msg };
}

// ---------------------------------------------------------------------------------------------
// Programme

export type ProgrammeField = keyof Programme;

/** The text a programme field shows in its input. */
export function programmeFieldText(p: Programme, field: ProgrammeField, locale: Locale): string {
  switch (field) {
    case 'durationMonths':
      return formatDecimal(String(p.durationMonths), locale);
    case 'indirectRate':
    case 'contingencyRate':
      return shareToPercentString(p[field], locale);
    default:
      return p[field];
  }
}

/** Last month any line uses (0 when there are no lines). */
export function lastMonthUsed(lines: readonly BudgetLine[]): number {
  let max = 0;
  for (const l of lines) {
    const d = l.driver;
    max = Math.max(max, d.start, d.schedule === 'once' ? d.start : d.end);
  }
  return max;
}

/** Parses one programme field. Returns the patch to send, or an error code. */
export function parseProgrammeField(
  field: ProgrammeField,
  input: string,
  locale: Locale,
  lines: readonly BudgetLine[] = [],
): FieldResult<Partial<Programme>> {
  const shape = programmeSchema.shape;
  switch (field) {
    case 'title': {
      const r = fromZod(shape.title.safeParse(input));
      return r.ok ? { ok: true, value: { title: r.value } } : r;
    }
    case 'reportingCurrency': {
      const r = fromZod(shape.reportingCurrency.safeParse(input.trim().toUpperCase()));
      return r.ok ? { ok: true, value: { reportingCurrency: r.value } } : r;
    }
    case 'startMonth': {
      const r = fromZod(shape.startMonth.safeParse(input.trim()));
      return r.ok ? { ok: true, value: { startMonth: r.value } } : r;
    }
    case 'durationMonths': {
      const r = parseInteger(input, locale, 1, MAX_DURATION);
      if (!r.ok) return { ok: false, code: r.code, params: r.params ?? {}, context: 'durationMonths' };
      const needed = lastMonthUsed(lines);
      if (r.value < needed) {
        return { ok: false, code: 'window.outside', params: { needed }, context: 'durationMonths' };
      }
      return { ok: true, value: { durationMonths: r.value } };
    }
    case 'indirectRate':
    case 'contingencyRate': {
      const r = parsePercent(input, locale);
      if (!r.ok) return { ok: false, code: r.code, params: r.params ?? {}, context: 'rate' };
      return { ok: true, value: { [field]: r.value } };
    }
    case 'donorProfile': {
      const r = fromZod(shape.donorProfile.safeParse(input));
      return r.ok ? { ok: true, value: { donorProfile: r.value } } : r;
    }
    case 'author':
    case 'notes': {
      const r = fromZod(shape[field].safeParse(input));
      return r.ok ? { ok: true, value: { [field]: r.value } } : r;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Budget lines

export const TEXT_COLUMNS = ['name', 'unitLabel', 'unitCost', 'quantity', 'start', 'end'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];

/** The text a typed cell shows. */
export function lineCellText(line: BudgetLine, col: TextColumn, locale: Locale, currency: string): string {
  switch (col) {
    case 'name':
      return line.name;
    case 'unitLabel':
      return line.unitLabel;
    case 'unitCost':
      return formatMinor(line.unitCost, currency, locale);
    case 'quantity':
      return formatDecimal(line.driver.quantity, locale);
    case 'start':
      return String(line.driver.start);
    case 'end':
      return line.driver.schedule === 'once' ? '' : String(line.driver.end);
  }
}

/** "3", "M3" or "2025-03" (a calendar month of the programme) to a programme month number. */
function parseMonth(
  input: string,
  locale: Locale,
  programme: Pick<Programme, 'durationMonths' | 'startMonth'>,
): FieldResult<number> {
  const s = input.trim();
  const cal = /^(\d{4})-(\d{1,2})$/.exec(s);
  let n: number;
  if (cal) {
    const [sy, sm] = programme.startMonth.split('-').map(Number) as [number, number];
    n = (Number(cal[1]) - sy) * 12 + (Number(cal[2]) - sm) + 1;
    if (Number(cal[2]) < 1 || Number(cal[2]) > 12) return { ok: false, code: 'month.invalid' };
  } else {
    const r = parseInteger(s.replace(/^m\s*/i, ''), locale, 1, MAX_DURATION);
    if (!r.ok) {
      if (r.code === 'number.outOfRange') {
        return { ok: false, code: 'window.outside', params: { max: programme.durationMonths } };
      }
      return { ok: false, code: r.code, params: r.params ?? {}, context: 'month' };
    }
    n = r.value;
  }
  if (n < 1 || n > programme.durationMonths) {
    return { ok: false, code: 'window.outside', params: { max: programme.durationMonths } };
  }
  return { ok: true, value: n };
}

/**
 * Parses one typed cell of a line. Returns the `line.update` patch, or an error code with the
 * parameters its message needs. Nothing that fails here is sent.
 */
export function parseLineCell(
  line: BudgetLine,
  col: TextColumn,
  input: string,
  locale: Locale,
  programme: Pick<Programme, 'durationMonths' | 'startMonth' | 'reportingCurrency'>,
): FieldResult<Partial<LineFields>> {
  const shape = lineFieldsSchema.shape;
  const withInput = (code: string, params: Params = {}, context?: string): FieldResult<Partial<LineFields>> =>
    context === undefined
      ? { ok: false, code, params: { ...params, input: input.trim() } }
      : { ok: false, code, params: { ...params, input: input.trim() }, context };
  switch (col) {
    case 'name': {
      const r = fromZod(shape.name.safeParse(input));
      return r.ok ? { ok: true, value: { name: r.value } } : r;
    }
    case 'unitLabel': {
      const r = fromZod(shape.unitLabel.safeParse(input.trim()));
      return r.ok ? { ok: true, value: { unitLabel: r.value } } : r;
    }
    case 'unitCost': {
      const r = parseMoney(input, locale, programme.reportingCurrency);
      if (!r.ok) return withInput(r.code, r.params, 'unitCost');
      const z = fromZod(shape.unitCost.safeParse(r.value));
      return z.ok ? { ok: true, value: { unitCost: z.value } } : { ...z, context: 'unitCost' };
    }
    case 'quantity': {
      const r = parseNonNegativeDecimal(input, locale, 6);
      if (!r.ok) return withInput(r.code, r.params, 'quantity');
      return { ok: true, value: { driver: { ...line.driver, quantity: r.value } } };
    }
    case 'start':
    case 'end': {
      const r = parseMonth(input, locale, programme);
      if (!r.ok) return { ...r, params: { ...(r.params ?? {}), input: input.trim() } };
      const d = line.driver;
      let driver: FixedDriver;
      if (col === 'start') {
        if (d.schedule !== 'once' && r.value > d.end) {
          return withInput('window.startAfterEnd', { end: d.end });
        }
        driver = { ...d, start: r.value, end: d.schedule === 'once' ? r.value : d.end };
      } else {
        if (d.schedule === 'once') return { ok: true, value: {} };
        if (r.value < d.start) return withInput('window.endBeforeStart', { start: d.start });
        driver = { ...d, end: r.value };
      }
      const cross = Object.values(validateLineAgainstProgramme({ driver }, programme))[0];
      if (cross) return withInput(cross, { max: programme.durationMonths, start: driver.start, end: driver.end });
      return { ok: true, value: { driver } };
    }
  }
}

/** A new schedule keeps the window sensible: "once" has one month; a window ends after it starts. */
export function withSchedule(
  driver: FixedDriver,
  schedule: FixedDriver['schedule'],
  durationMonths: number,
): FixedDriver {
  if (schedule === 'once') return { ...driver, schedule, end: driver.start };
  const end = driver.end > driver.start && driver.end <= durationMonths ? driver.end : durationMonths;
  return { ...driver, schedule, end: Math.max(end, driver.start) };
}
