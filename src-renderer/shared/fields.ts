/**
 * What every field parser returns: the value the model accepts, or a specific error code
 * (translated by i18n `errorText`) with the parameters its message needs. Pure: tested in Node.
 * The model's zod schemas stay the final word. Each screen's own parsing lives beside it
 * (features/programme/programmeFields.ts, features/budget/lineFields.ts and drivers.ts...).
 */
import { MAX_DURATION, type Programme } from '../../src-shared/model';
import { type Locale, parseInteger } from '../../src-shared/money';
import type { Params } from '../i18n';

export type FieldResult<T> = { ok: true; value: T } | { ok: false; code: string; params?: Params; context?: string };

/** A zod result as a field result (a schema message that is a code is kept as the code). */
export function fromZod<T>(
  r: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } },
): FieldResult<T> {
  if (r.success) return { ok: true, value: r.data };
  const msg = r.error.issues[0]?.message ?? 'value.invalid';
  return { ok: false, code: msg.includes(' ') ? 'value.invalid' : msg };
}

/** "3", "M3" or "2025-03" (a calendar month of the programme) to a programme month number. */
export function parseMonth(
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
