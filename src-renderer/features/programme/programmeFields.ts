/**
 * Turning what a person typed into the programme form into a value the model accepts, or into a
 * specific error code (translated by i18n `errorText`). Pure: used before anything is sent, and
 * tested in Node. The model's zod schemas stay the final word.
 */
import {
  formatDecimal,
  type Locale,
  parseInteger,
  parsePercent,
  shareToPercentString,
} from '../../../src-shared/money';
import { MAX_DURATION, type Programme, programmeSchema } from '../../../src-shared/model';
import { type FieldResult, fromZod } from '../../shared/fields';

export type ProgrammeField = keyof Programme;

/** The text a programme field shows in its input. */
export function programmeFieldText(p: Programme, field: ProgrammeField, locale: Locale): string {
  switch (field) {
    case 'durationMonths':
      return formatDecimal(String(p.durationMonths), locale);
    case 'communities':
      return formatDecimal(String(p.communities), locale);
    case 'indirectRate':
    case 'contingencyRate':
      return shareToPercentString(p[field], locale);
    case 'inflation':
      return signedPercentText(p.inflation, locale);
    case 'usAwardDate':
      return p.usAwardDate ?? '';
    case 'usNicra':
      return p.usNicra === null ? '' : shareToPercentString(p.usNicra.rate, locale);
    default:
      return p[field];
  }
}

/** "-0.02" -> "-2", "0.035" -> "3,5" (fr). */
export function signedPercentText(share: string, locale: Locale): string {
  return share.startsWith('-')
    ? `-${shareToPercentString(share.slice(1), locale)}`
    : shareToPercentString(share, locale);
}

/**
 * An annual inflation rate typed in percent ("3", "-1,5") to an exact share ("0.03", "-0.015").
 * Deflation is allowed but stays above -100 %; at most 1,000 % a year.
 */
export function parseInflation(input: string, locale: Locale): FieldResult<string> {
  const s = input.trim().replace(/^\u2212/, '-');
  const negative = s.startsWith('-');
  const r = parsePercent(negative ? s.slice(1) : s, locale, negative ? 100 : 1000);
  if (!r.ok) return { ok: false, code: r.code, params: r.params ?? {}, context: 'inflation' };
  if (negative && r.value === '1') return { ok: false, code: 'inflation.range', params: {} };
  return { ok: true, value: negative && r.value !== '0' ? `-${r.value}` : r.value };
}

/** Parses one programme field. Returns the patch to send, or an error code. */
export function parseProgrammeField(
  field: ProgrammeField,
  input: string,
  locale: Locale,
  current?: Programme,
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
      // What a shorter duration does to the lines is shown before it is sent (ShortenDialog).
      return { ok: true, value: { durationMonths: r.value } };
    }
    case 'communities': {
      const r = parseInteger(input, locale, 0, 100000);
      if (!r.ok) return { ok: false, code: r.code, params: r.params ?? {}, context: 'communities' };
      return { ok: true, value: { communities: r.value } };
    }
    case 'inflation': {
      const r = parseInflation(input, locale);
      return r.ok ? { ok: true, value: { inflation: r.value } } : r;
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
    case 'indirectBase': {
      const r = fromZod(shape.indirectBase.safeParse(input));
      return r.ok ? { ok: true, value: { indirectBase: r.value } } : r;
    }
    case 'euAgreement': {
      const r = fromZod(shape.euAgreement.safeParse(input));
      return r.ok ? { ok: true, value: { euAgreement: r.value } } : r;
    }
    case 'usAwardDate': {
      // Decision: an empty field means "not stated": the current rule (15 %) applies.
      const s = input.trim();
      if (s === '') return { ok: true, value: { usAwardDate: null } };
      const r = fromZod(shape.usAwardDate.safeParse(s));
      return r.ok ? { ok: true, value: { usAwardDate: r.value } } : r;
    }
    case 'usNicra': {
      // The rate in percent; the base is chosen beside it (parseNicraBase). Empty: no NICRA.
      if (input.trim() === '') return { ok: true, value: { usNicra: null } };
      const r = parsePercent(input, locale);
      if (!r.ok) return { ok: false, code: r.code, params: r.params ?? {}, context: 'rate' };
      return { ok: true, value: { usNicra: { rate: r.value, base: current?.usNicra?.base ?? 'mtdc' } } };
    }
    case 'author':
    case 'notes': {
      const r = fromZod(shape[field].safeParse(input));
      return r.ok ? { ok: true, value: { [field]: r.value } } : r;
    }
  }
}
