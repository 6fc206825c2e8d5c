/**
 * The checks panel in the UI: each finding of runChecks() as a sentence in the user's language
 * (i18n `checks.<code>`, its parameters formatted: amounts are minor units, rates exact shares),
 * the place it concerns, and where a click on it goes. Pure: tested in Node.
 */
import type { CheckTarget, Finding } from '../../src-shared/checks/types';
import { formatDecimal, formatMinor, type Locale, shareToPercentString } from '../../src-shared/money';
import type { Model } from '../../src-shared/model';
import type { Screen } from '../document/ui';
import { isMessageKey, type Params, pluralKey, type Translate } from '../i18n';

export const FINDING_GROUPS = ['donor', 'principles', 'integrity'] as const;
export const SEVERITIES = ['error', 'warning', 'note'] as const;

/**
 * How a parameter is shown: an amount of the reporting currency, US cents, a share, a percent
 * number... A 'term' is a message key (e.g. "profile.kind.child"), shown in the user's language.
 */
type ParamKind = 'money' | 'usd' | 'share' | 'percent' | 'count' | 'month' | 'text' | 'term';

const PACKAGE_PARAMS: Readonly<Record<string, ParamKind>> = {
  amount: 'money',
  usd: 'usd',
  min: 'usd',
  max: 'usd',
  rate: 'count',
  currency: 'text',
  year: 'text',
  conversion: 'term',
};

/** Parameters whose kind depends on the code (e.g. `max` is a share for a donor rule, US cents for a package). */
const BY_CODE: Readonly<Record<string, Readonly<Record<string, ParamKind>>>> = {
  'donor.indirectAbove': { rate: 'share', max: 'share' },
  'donor.contingencyAbove': { rate: 'share', max: 'share' },
  'donor.euContributionRate': { rate: 'share', max: 'share' },
  'donor.indirectAboveNicra': { rate: 'share', max: 'share' },
  'donor.indirectAboveMtdc': { amount: 'money', allowed: 'money', max: 'share', over: 'money' },
  'donor.ineligibleContribution': { name: 'text', funder: 'text' },
  'principles.packageBelow': PACKAGE_PARAMS,
  'principles.packageAbove': PACKAGE_PARAMS,
  'principles.largeCash': { share: 'percent', cash: 'money', grants: 'money', max: 'share' },
  'principles.noMonitoring': { min: 'share' },
  'principles.monitoringBelow': { share: 'percent', min: 'share', amount: 'money' },
  'principles.followUpInside': { late: 'count', arrivals: 'count', months: 'count', lastMonth: 'count' },
  'principles.vulnerableNoLine': { kind: 'term' },
  'principles.noNonMigrants': { target: 'share' },
  'principles.fewNonMigrants': { share: 'share', target: 'share', of: 'count', outOf: 'count' },
  'principles.noCommunityBeneficiaries': { target: 'share' },
  'principles.uncertainFunding': { share: 'percent', amount: 'money', sources: 'count' },
  'principles.stateReliance': { covered: 'money', partner: 'text' },
  'funder.ceilingExceeded': { used: 'money', ceiling: 'money', over: 'money' },
  'synergy.capacity': { planned: 'count', capacity: 'count' },
  'synergy.matchingCapped': { capped: 'money' },
  'synergy.lineOverCovered': { over: 'money' },
  // The engine gives the sum of a funding split already in percent ("60").
  'funding.sum': { sum: 'percent' },
  'amount.tooLarge': { max: 'money' },
  'total.tooLarge': { max: 'money' },
  'value.outOfBounds': { field: 'text', value: 'text' },
};

/** Kinds by parameter name, for codes not listed above. */
const BY_NAME: Readonly<Record<string, ParamKind>> = {
  amount: 'money',
  cash: 'money',
  used: 'money',
  ceiling: 'money',
  over: 'money',
  base: 'money',
  total: 'money',
  cost: 'money',
  sum: 'share',
  share: 'share',
  rate: 'share',
  start: 'month',
  end: 'month',
  name: 'text',
  code: 'text',
  line: 'text',
  lines: 'text',
};

function formatParam(kind: ParamKind, v: string | number, locale: Locale, currency: string): string {
  switch (kind) {
    case 'money':
      return typeof v === 'number' ? `${formatMinor(v, currency, locale)} ${currency}` : String(v);
    case 'usd':
      return typeof v === 'number' ? `${formatMinor(v, 'USD', locale)} USD` : String(v);
    case 'share': {
      const s = String(v);
      return /^\d+(\.\d+)?$/.test(s) ? `${shareToPercentString(s, locale)} %` : s;
    }
    case 'percent':
      return `${formatNumber(v, locale)} %`;
    case 'count':
      return formatNumber(v, locale);
    case 'month':
    case 'text':
    case 'term':
      return String(v);
  }
}

function formatNumber(v: string | number, locale: Locale): string {
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100)) : v;
  return /^-?\d+(\.\d+)?$/.test(s) ? formatDecimal(s, locale) : s;
}

function paramKind(code: string, name: string): ParamKind {
  return BY_CODE[code]?.[name] ?? BY_NAME[name] ?? 'count';
}

/** The name of what a target points at, from the model as it is now (or '' when it is gone). */
export function targetName(target: CheckTarget | null, model: Model): string {
  if (!target) return '';
  switch (target.kind) {
    case 'line':
      return model.lines.find((l) => l.id === target.lineId)?.name ?? '';
    case 'profile':
      return model.profiles.find((p) => p.id === target.profileId)?.name ?? '';
    case 'funder':
      return model.funders.find((f) => f.id === target.funderId)?.name ?? '';
    case 'currency':
      return target.code;
    case 'programme':
      return target.field;
    case 'synergy':
      return model.synergies.find((s) => s.id === target.synergyId)?.name ?? '';
  }
}

/** The finding's parameters ready for its message: amounts, rates and counts formatted for `locale`. */
export function findingParams(f: Finding, model: Model, locale: Locale): Params {
  const currency = model.programme.reportingCurrency;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(f.params)) {
    out[k] = formatParam(paramKind(f.code, k), v, locale, currency);
  }
  if (out.name === undefined) out.name = targetName(f.target, model);
  out.duration = out.duration ?? String(model.programme.durationMonths);
  return out;
}

/** The finding as a sentence; an unknown code still says something useful (and names the code). */
export function findingText(f: Finding, model: Model, locale: Locale, t: Translate): string {
  const params: Record<string, string | number> = { ...findingParams(f, model, locale) };
  // Terms in the user's language, their own placeholders filled from the finding's parameters.
  for (const [k, v] of Object.entries(params)) {
    if (paramKind(f.code, k) === 'term' && typeof v === 'string' && isMessageKey(v)) params[k] = t(v, params);
  }
  const key = `checks.${f.code}`;
  if (isMessageKey(key)) return t(key, params);
  return t('checks.unknown', { ...params, code: f.code });
}

/** Where a click on a finding goes, and what it lands on. */
export type Destination =
  { screen: 'budget'; lineId: string } | { screen: Exclude<Screen, 'budget'>; focusId: string } | null;

/** Programme fields that live on another screen than the programme form. */
const FIELD_SCREEN: Readonly<Record<string, Exclude<Screen, 'budget'>>> = {};

export function destination(target: CheckTarget | null): Destination {
  if (!target) return null;
  switch (target.kind) {
    case 'line':
      return { screen: 'budget', lineId: target.lineId };
    case 'programme':
      return { screen: FIELD_SCREEN[target.field] ?? 'programme', focusId: programmeFocusId(target.field) };
    case 'profile':
      return { screen: 'caseload', focusId: profileFocusId(target.profileId) };
    case 'funder':
      return { screen: 'funding', focusId: funderFocusId(target.funderId) };
    case 'currency':
      return { screen: 'programme', focusId: currencyFocusId(target.code) };
    case 'synergy':
      return { screen: 'partners', focusId: synergyFocusId(target.synergyId) };
  }
}

export const programmeFocusId = (field: string) => `programme-${field}`;
export const profileFocusId = (id: string) => `profile-${id}`;
export const funderFocusId = (id: string) => `funder-${id}`;
export const partnerFocusId = (id: string) => `partner-${id}`;
export const synergyFocusId = (id: string) => `synergy-${id}`;
export const currencyFocusId = (code: string) => `currency-${code}`;

/** Findings about a line's funding split or community reach open the line's details panel too. */
export function opensDetails(f: Finding): boolean {
  return /funding|share|beneficiar|nonMigrant|percentage|cycle/i.test(f.code);
}

export interface Counts {
  error: number;
  warning: number;
  note: number;
  total: number;
}

/**
 * "1 error · 3 warnings · 2 notes" (only the severities present; '' when there are none), singular
 * or plural as each language decides (Intl.PluralRules, see src-shared/text/plural.ts).
 */
export function countsText(c: Counts, locale: Locale, t: Translate): string {
  const parts: string[] = [];
  for (const s of SEVERITIES) {
    const n = c[s];
    if (n === 0) continue;
    parts.push(t(pluralKey(locale, n, `checks.count.${s}`), { n }));
  }
  return parts.join(' · ');
}

export function countFindings(findings: readonly Finding[]): Counts {
  const c: Counts = { error: 0, warning: 0, note: 0, total: findings.length };
  for (const f of findings) c[f.severity] += 1;
  return c;
}

/** Findings by group, each group most severe first (the order runChecks gives is kept within a severity). */
export function groupFindings(findings: readonly Finding[]): Record<(typeof FINDING_GROUPS)[number], Finding[]> {
  const rank = { error: 0, warning: 1, note: 2 } as const;
  const out = { donor: [] as Finding[], principles: [] as Finding[], integrity: [] as Finding[] };
  for (const f of findings) out[f.group].push(f);
  for (const g of FINDING_GROUPS) {
    out[g] = out[g]
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank[a.f.severity] - rank[b.f.severity] || a.i - b.i)
      .map((x) => x.f);
  }
  return out;
}
