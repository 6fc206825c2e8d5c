/**
 * The engine's derivation of a line's quantity ("1,240 arrivals × 60 % take-up = 744") as a short
 * sentence in the user's language: the budget grid's and the report's "quantity" column. Pure:
 * tested in Node (tests/unit/renderer-drivers.test.ts).
 */
import type { Derivation } from '../../src-shared/engine';
import { formatDecimal, formatMinor, type Locale, shareToPercentText } from '../../src-shared/money';
import type { Translate } from '../i18n';

function num(v: string | number | undefined, locale: Locale): string {
  if (v === undefined || v === '') return '0';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '0';
    if (Number.isInteger(v)) return formatDecimal(String(v), locale);
    // Display only: a quantity the engine turned into a float for the screen.
    const s = v.toFixed(2).replace(/\.?0+$/, '');
    return formatDecimal(s, locale);
  }
  return /^-?\d+(\.\d+)?$/.test(v) ? formatDecimal(v, locale) : v;
}

function pct(v: string | number | undefined, locale: Locale): string {
  if (v === undefined) return '0 %';
  const s = typeof v === 'number' ? String(v) : v;
  return /^-?\d+(\.\d+)?$/.test(s) ? shareToPercentText(s, locale) : `${s}\u00a0%`;
}

function isOne(v: string | number | undefined): boolean {
  return v === 1 || v === '1';
}

/**
 * The engine's derivation of a line's quantity as one short sentence, e.g.
 * "1,240 arrivals × 60 % take-up = 744", "ceil(active ÷ 40) staff, 2–6 · 96 staff-months",
 * "5 % of 1,234,567.00". `currency` is the reporting currency (percentage bases are amounts).
 */
export function derivationText(
  derivation: Derivation | undefined,
  t: Translate,
  locale: Locale,
  currency: string,
): string {
  if (!derivation || Object.keys(derivation.params).length === 0) return '';
  const p = derivation.params;
  const n = (k: string) => num(p[k], locale);
  switch (derivation.code) {
    case 'fixed': {
      const schedule = String(p.schedule ?? 'once');
      if (schedule === 'monthly')
        return t('derivation.fixed.monthly', { quantity: n('quantity'), months: n('months') });
      if (schedule === 'spread') return t('derivation.fixed.spread', { quantity: n('quantity'), months: n('months') });
      return t('derivation.fixed.once', { quantity: n('quantity') });
    }
    case 'perArrival': {
      // "980 arrivals", "1,240 arrivals × 60 % take-up = 744", "50 arrivals × 2 = 100".
      let s = t('derivation.perArrival', { arrivals: n('arrivals') });
      const factor = !isOne(p.takeUp) || !isOne(p.quantity);
      if (!isOne(p.takeUp)) s += ` × ${t('derivation.takeUp', { takeUp: pct(p.takeUp, locale) })}`;
      if (!isOne(p.quantity)) s += ` × ${n('quantity')}`;
      return factor ? `${s} = ${n('units')}` : s;
    }
    case 'perActiveCase': {
      const base = t('derivation.perActiveCase', { caseMonths: n('caseMonths') });
      return isOne(p.quantity) ? base : `${base} × ${n('quantity')} = ${n('units')}`;
    }
    case 'staffing': {
      const hasMax = p.max !== undefined && p.max !== '' && p.max !== null && p.max !== 'none';
      const range = hasMax
        ? t('derivation.staffing.range', { min: n('min'), max: n('max') })
        : t('derivation.staffing.min', { min: n('min') });
      return t('derivation.staffing', {
        casesPerStaff: n('casesPerStaff'),
        range,
        staffMonths: n('staffMonths'),
      });
    }
    case 'perCommunity':
      return t('derivation.perCommunity', {
        communities: n('communities'),
        quantity: n('quantity'),
        units: n('units'),
      });
    case 'perProject':
      return t('derivation.perProject', {
        returnees: n('returnees'),
        returneesPerProject: n('returneesPerProject'),
        projects: n('projects'),
      });
    case 'percentage': {
      const base = typeof p.base === 'number' ? formatMinor(p.base, currency, locale) : n('base');
      return t('derivation.percentage', { rate: pct(p.rate, locale), base });
    }
    default:
      return '';
  }
}
