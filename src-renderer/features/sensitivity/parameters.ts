/**
 * The Sensitivity & uncertainty screen's words and field parsing (pure: no React, no DOM, tested
 * in Node): a key parameter's name and value in words, a range typed in percent of the value and
 * kept as factors (−20 % → "0.8"), and the checks of the ± x %, draws and seed fields.
 */
import type { KeyParameter, TornadoRow } from '../../../src-shared/engine';
import {
  add,
  cmp,
  dec,
  decimalScale,
  formatDecimal,
  formatMinor,
  type Locale,
  mul,
  parseDecimal,
  rat,
  rationalToDecimal,
  shareToPercentString,
  sub,
} from '../../../src-shared/money';
import { MAX_RANGE_FACTOR, type Model, type ParameterRange, synergyConfidence } from '../../../src-shared/model';
import type { TornadoOutcome } from '../../document/analysisCore';
import type { Translate } from '../../i18n';

const PCT = '\u00a0%';

/** A key parameter in words: "Arrivals — Adult, single", "Exchange rate — XOF", "Indirect-cost rate". */
export function parameterLabel(p: KeyParameter, model: Model, t: Translate): string {
  const gone = t('sensitivity.param.gone');
  switch (p.kind) {
    case 'arrivals':
    case 'duration':
      return t(`sensitivity.param.${p.kind}`, { name: model.profiles.find((x) => x.id === p.target)?.name ?? gone });
    case 'exchangeRate':
    case 'inflation':
      return t(`sensitivity.param.${p.kind}`, { name: p.target });
    case 'indirectRate':
    case 'contingencyRate':
      return t(`sensitivity.param.${p.kind}`);
    case 'unitCost':
      return t('sensitivity.param.unitCost', { name: model.lines.find((x) => x.id === p.target)?.name ?? gone });
    case 'confidence':
      return t('sensitivity.param.confidence', {
        name: model.synergies.find((x) => x.id === p.target)?.name ?? gone,
      });
  }
}

/** A parameter id ("arrivals:p-adult") as a parameter (null when it is not one). */
export function parameterOf(id: string): KeyParameter | null {
  const m = /^(arrivals|duration|exchangeRate|inflation|indirectRate|contingencyRate|unitCost|confidence):(.*)$/.exec(
    id,
  );
  return m ? { id, kind: m[1] as KeyParameter['kind'], target: m[2] ?? '' } : null;
}

/** A parameter's value in the model, in words ("1,200", "18 months", "655.957", "7 %", "1,500.00 EUR"). */
export function parameterValue(p: KeyParameter, model: Model, locale: Locale, t: Translate): string {
  const pct = (share: string) => `${shareToPercentString(share, locale)}${PCT}`;
  switch (p.kind) {
    case 'arrivals': {
      const profile = model.profiles.find((x) => x.id === p.target);
      if (!profile) return '—';
      const n = profile.pattern === 'explicit' ? profile.monthly.reduce((s, x) => s + x, 0) : profile.arrivals;
      return formatDecimal(String(n), locale);
    }
    case 'duration': {
      const profile = model.profiles.find((x) => x.id === p.target);
      return profile ? t('uncertainty.months', { n: profile.durationMonths }) : '—';
    }
    case 'exchangeRate': {
      const c = model.currencies.find((x) => x.code === p.target);
      if (!c) return '—';
      return [...new Set(c.rates)].map((r) => formatDecimal(r, locale)).join(' · ');
    }
    case 'inflation': {
      if (p.target === model.programme.reportingCurrency) return pct(model.programme.inflation);
      const c = model.currencies.find((x) => x.code === p.target);
      return c ? pct(c.inflation) : '—';
    }
    case 'indirectRate':
      return pct(model.programme.indirectRate);
    case 'contingencyRate':
      return pct(model.programme.contingencyRate);
    case 'unitCost': {
      const line = model.lines.find((x) => x.id === p.target);
      return line ? formatMinor(line.unitCost, line.currency, locale, true) : '—';
    }
    case 'confidence': {
      const s = model.synergies.find((x) => x.id === p.target);
      return s ? pct(synergyConfidence(s)) : '—';
    }
  }
}

const HUNDRED = rat(100);

/** A factor as the percent typed for it: "0.8" → "−20", "1.1" → "+10", "1" → "0". */
export function factorToPercentText(factor: string, locale: Locale): string {
  const pct = rationalToDecimal(mul(sub(dec(factor), rat(1)), HUNDRED)) ?? '0';
  if (pct === '0') return '0';
  return pct.startsWith('-') ? `\u2212${formatDecimal(pct.slice(1), locale)}` : `+${formatDecimal(pct, locale)}`;
}

export type FactorParse = { ok: true; factor: string } | { ok: false; message: string };

/**
 * A percent of the value as typed ("−20", "+10", "-20 %", "0", empty for 0) to its factor ("0.8",
 * "1.1", "1"), exactly; refused unless the factor is 0 to 10 with at most 6 decimals.
 */
export function percentToFactor(text: string, locale: Locale, t: Translate): FactorParse {
  const s = text.trim().replace(/\s*%\s*$/, '');
  if (s === '') return { ok: true, factor: '1' };
  const d = parseDecimal(s, locale);
  if (!d.ok || decimalScale(d.value) > 4) return { ok: false, message: t('uncertainty.error.factor') };
  const factor = rationalToDecimal(add(rat(1), mul(dec(d.value), rat(1, 100))));
  if (factor === null || factor.startsWith('-') || cmp(dec(factor), dec(MAX_RANGE_FACTOR)) > 0) {
    return { ok: false, message: t('uncertainty.error.factor') };
  }
  return { ok: true, factor };
}

export type RangeField = 'low' | 'likely' | 'high';

/** The range a parameter has, or "no uncertainty" (1 / 1 / 1). */
export function rangeOf(model: Model, id: string): ParameterRange {
  return model.ranges.find((r) => r.id === id) ?? { id, low: '1', likely: '1', high: '1' };
}

export type RangeEdit = { ok: true; range: ParameterRange | null } | { ok: false; message: string };

/**
 * `range` with `field` set to what was typed, checked: low ≤ likely ≤ high (the message names the
 * field that was typed in). `range: null` when every factor is 1 (no uncertainty left: the range
 * goes).
 */
export function editRange(
  range: ParameterRange,
  field: RangeField,
  text: string,
  locale: Locale,
  t: Translate,
): RangeEdit {
  const parsed = percentToFactor(text, locale, t);
  if (!parsed.ok) return parsed;
  const next = { ...range, [field]: parsed.factor };
  const [low, likely, high] = [dec(next.low), dec(next.likely), dec(next.high)];
  if (field === 'low' && cmp(low, likely) > 0) return { ok: false, message: t('uncertainty.error.lowAboveLikely') };
  if (field === 'high' && cmp(likely, high) > 0) return { ok: false, message: t('uncertainty.error.highBelowLikely') };
  if (field === 'likely' && (cmp(low, likely) > 0 || cmp(likely, high) > 0)) {
    return { ok: false, message: t('uncertainty.error.likelyOutside') };
  }
  const none = next.low === '1' && next.likely === '1' && next.high === '1';
  return { ok: true, range: none ? null : next };
}

export type NumberCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/** The ± x % of the tornado: a number above 0 and at most 100 (at most 4 decimals), as a decimal string. */
export function checkMove(text: string, locale: Locale, t: Translate): NumberCheck<string> {
  const d = parseDecimal(text.trim().replace(/\s*%\s*$/, ''), locale);
  if (!d.ok || d.value.startsWith('-') || d.value === '0' || decimalScale(d.value) > 4) {
    return { ok: false, message: t('sensitivity.moveError') };
  }
  return cmp(dec(d.value), HUNDRED) > 0
    ? { ok: false, message: t('sensitivity.moveError') }
    : { ok: true, value: d.value };
}

/** A whole number from `min` to `max` as typed (grouping allowed: "1,000" / "1 000"). */
function wholeNumber(text: string, locale: Locale, min: number, max: number): number | null {
  const d = parseDecimal(text, locale);
  if (!d.ok || !/^\d+$/.test(d.value)) return null;
  const n = Number(d.value);
  return n >= min && n <= max ? n : null;
}

export function checkDraws(text: string, locale: Locale, max: number, t: Translate): NumberCheck<number> {
  const n = wholeNumber(text, locale, 1, max);
  return n === null ? { ok: false, message: t('uncertainty.drawsError') } : { ok: true, value: n };
}

export function checkSeed(text: string, locale: Locale, max: number, t: Translate): NumberCheck<number> {
  const n = wholeNumber(text, locale, 0, max);
  return n === null ? { ok: false, message: t('uncertainty.seedError') } : { ok: true, value: n };
}

/** "20 %" / "12,5 %". */
export function percentText(value: string, locale: Locale): string {
  return `${formatDecimal(value, locale)}\u00a0%`;
}

/** The bars of a tornado: each parameter's change at − and + x %, from the base, largest swing first. */
export function tornadoBars(
  value: TornadoOutcome,
  which: 'total' | 'net',
  label: (r: TornadoRow) => string,
): { id: string; name: string; down: number; up: number }[] {
  const base = value.base[which];
  return value.rows
    .map((r) => ({ id: r.parameter.id, name: label(r), down: r.low[which] - base, up: r.high[which] - base }))
    .filter((b) => b.down !== 0 || b.up !== 0)
    .sort((a, b) => Math.max(Math.abs(b.down), Math.abs(b.up)) - Math.max(Math.abs(a.down), Math.abs(a.up)));
}
