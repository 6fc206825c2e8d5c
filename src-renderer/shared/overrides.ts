/**
 * What a scenario overrides, as rows a person can read and take back one by one: which row (a
 * profile, a currency, a line, a synergy or the programme's settings), which field, the scenario's
 * value and the baseline's, in the user's language. Pure: tested in Node.
 */
import type { OverrideKind } from '../../src-shared/api';
import { resolveScenario } from '../../src-shared/engine/resolve';
import { formatDecimal, formatMinor, type Locale, shareToPercentText } from '../../src-shared/money';
import type { Model, Overlay, Scenario } from '../../src-shared/model';
import type { Translate } from '../i18n';

export interface OverrideRow {
  kind: OverrideKind;
  /** The row's id ('' for the programme's settings). */
  id: string;
  /** The field overridden; 'off' for a line or synergy turned off. */
  field: string;
  /** The row's name (a currency's code; null for the programme's settings). */
  name: string | null;
  /** The scenario's value and the baseline's, as text. */
  value: string;
  baseline: string;
}

function percent(share: string, locale: Locale): string {
  return shareToPercentText(share, locale);
}

/** A value of `field` as text (what the scenario or the baseline holds). */
export function overrideText(
  field: string,
  value: unknown,
  ctx: { currency: string; locale: Locale; t: Translate },
): string {
  const { locale, t } = ctx;
  if (value === undefined || value === null) return '—';
  switch (field) {
    case 'unitCost':
      return formatMinor(value as number, ctx.currency, locale, true);
    case 'arrivals':
      return formatDecimal(String(value), locale);
    case 'durationMonths':
      return t('scenario.months', { n: value as number });
    case 'arrivalStart':
    case 'arrivalEnd':
      return `M${String(value)}`;
    case 'indirectRate':
    case 'contingencyRate':
    case 'inflation':
    case 'confidence':
      return percent(value as string, locale);
    case 'rates':
      return (value as string[]).map((r) => formatDecimal(r, locale)).join(' · ');
    case 'pattern':
      return t(`profile.pattern.${value as 'even' | 'front' | 'back' | 'explicit'}`);
    case 'driver':
      return t(`driver.${(value as { kind: 'fixed' }).kind}`);
    case 'off':
      return t('scenario.off');
    default:
      return t('scenario.changed');
  }
}

/**
 * Every override of `scenario` on `baseline`, in a fixed order (programme, profiles, currencies,
 * lines, synergies), and the scenario's own lines as `added`. An override of a row the baseline no
 * longer has is in `missing` (reported, never applied: engine/resolve.ts).
 */
export function overrideRows(
  baseline: Model,
  scenario: Scenario,
  locale: Locale,
  t: Translate,
): { rows: OverrideRow[]; added: { id: string; name: string }[]; missing: string[] } {
  const o: Overlay = scenario.overlay;
  const reporting = baseline.programme.reportingCurrency;
  const rows: OverrideRow[] = [];
  const push = (
    kind: OverrideKind,
    id: string,
    name: string | null,
    fields: object | undefined,
    base: object | undefined,
    currency = reporting,
  ) => {
    for (const [field, value] of Object.entries(fields ?? {})) {
      const ctx = { currency, locale, t };
      const was =
        field === 'off' ? t('scenario.on') : overrideText(field, (base as Record<string, unknown>)[field], ctx);
      rows.push({ kind, id, field, name, value: overrideText(field, value, ctx), baseline: was });
    }
  };
  push('programme', '', null, o.programme, baseline.programme);
  for (const [id, v] of Object.entries(o.profiles ?? {})) {
    const p = baseline.profiles.find((x) => x.id === id);
    if (p) push('profile', id, p.name, v, p);
  }
  for (const [code, v] of Object.entries(o.currencies ?? {})) {
    const c = baseline.currencies.find((x) => x.code === code);
    if (c) push('currency', code, code, v, c);
  }
  for (const [id, v] of Object.entries(o.lines ?? {})) {
    const l = baseline.lines.find((x) => x.id === id);
    if (l) push('line', id, l.name, v, l, l.currency);
  }
  for (const [id, v] of Object.entries(o.synergies ?? {})) {
    const s = baseline.synergies.find((x) => x.id === id);
    if (s) push('synergy', id, s.name, v, s);
  }
  const { missing } = resolveScenario(baseline, o);
  return {
    rows,
    added: (o.addedLines ?? []).map((l) => ({ id: l.id, name: l.name })),
    missing: missing.map((m) => `${m.kind} ${m.id}`),
  };
}
