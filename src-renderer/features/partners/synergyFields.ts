/**
 * A synergy's parameters as typed and shown on the Partners screen: which fields each type has,
 * their text in the user's locale, and how a typed text becomes the effect that is sent (nothing is
 * sent when a text is refused; the message says what to type instead).
 */
import {
  formatDecimal,
  formatMinor,
  type Locale,
  type ParseErrorCode,
  parseInteger,
  parseMoney,
  parsePercent,
  parseRatio,
  shareToPercentString,
} from '../../../src-shared/money';
import type { SynergyEffect } from '../../../src-shared/model';

export type ParamField =
  | 'share'
  | 'uptake'
  | 'capacity'
  | 'coordinationCost'
  | 'amount'
  | 'ratio'
  | 'capPerGrant'
  | 'collectiveCap'
  | 'shares'
  | 'delayMonths'
  | 'nonMigrantShare';

/** The typed fields of an effect, in the order the screen shows them. */
export function paramFields(e: SynergyEffect): ParamField[] {
  switch (e.type) {
    case 'referral':
      return ['share', 'uptake', 'capacity', 'coordinationCost'];
    case 'coFinancing':
      return e.basis === 'share' ? ['share'] : ['amount'];
    case 'costSharing':
      return ['share'];
    case 'matching':
      return ['ratio', 'capPerGrant', 'collectiveCap'];
    case 'handover':
      return ['shares'];
    case 'publicService':
      return ['share', 'delayMonths'];
    case 'communityOpen':
      return ['nonMigrantShare'];
  }
}

/** Fields shown in percent. */
export function isPercentField(f: ParamField): boolean {
  return f === 'share' || f === 'uptake' || f === 'nonMigrantShare' || f === 'shares';
}

/** Fields in the reporting currency. */
export function isMoneyField(f: ParamField): boolean {
  return f === 'coordinationCost' || f === 'amount' || f === 'capPerGrant' || f === 'collectiveCap';
}

/** Fields that may be left empty (no limit). */
export function isOptionalField(f: ParamField): boolean {
  return f === 'capacity' || f === 'capPerGrant' || f === 'collectiveCap';
}

function read(e: SynergyEffect, f: ParamField): unknown {
  return (e as unknown as Record<string, unknown>)[f];
}

export function paramText(e: SynergyEffect, f: ParamField, locale: Locale, currency: string): string {
  if (f === 'ratio') {
    return e.type === 'matching'
      ? `${formatDecimal(e.programmePart, locale)}:${formatDecimal(e.partnerPart, locale)}`
      : '';
  }
  if (f === 'shares') {
    return e.type === 'handover' ? e.shares.map((s) => shareToPercentString(s, locale)).join(' / ') : '';
  }
  const v = read(e, f);
  if (v === null || v === undefined) return '';
  if (isPercentField(f)) return shareToPercentString(String(v), locale);
  if (isMoneyField(f)) return formatMinor(Number(v), currency, locale);
  return formatDecimal(String(v), locale);
}

export type ParamResult =
  { ok: true; effect: SynergyEffect } | { ok: false; code: ParseErrorCode; params?: Record<string, string | number> };

/** The effect with field `f` set from `text`, or the reason it cannot be. */
export function parseParam(
  e: SynergyEffect,
  f: ParamField,
  text: string,
  locale: Locale,
  currency: string,
): ParamResult {
  const set = (value: unknown): ParamResult => ({ ok: true, effect: { ...e, [f]: value } as SynergyEffect });
  if (isOptionalField(f) && text.trim() === '') return set(null);
  if (f === 'ratio') {
    const r = parseRatio(text, locale);
    return r.ok ? { ok: true, effect: { ...e, ...r.value } as SynergyEffect } : r;
  }
  if (f === 'shares') {
    const parts = text.split(/[/;]/).map((s) => s.trim());
    if (parts.length > 10) return { ok: false, code: 'number.outOfRange', params: { min: 1, max: 10, input: text } };
    const shares: string[] = [];
    for (const part of parts) {
      const r = parsePercent(part, locale);
      if (!r.ok) return r;
      shares.push(r.value);
    }
    return set(shares);
  }
  if (isPercentField(f)) {
    const r = parsePercent(text, locale);
    return r.ok ? set(r.value) : r;
  }
  if (isMoneyField(f)) {
    const r = parseMoney(text, locale, currency);
    return r.ok ? set(r.value) : r;
  }
  const max = f === 'delayMonths' ? 120 : 10_000_000;
  const r = parseInteger(text, locale, 0, max);
  return r.ok ? set(r.value) : r;
}
