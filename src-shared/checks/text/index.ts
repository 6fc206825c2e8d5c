/**
 * A finding as a sentence in the user's language, with where it is and its source: the words the
 * checks panel (src-renderer) and `rcs check` (src-main/cli) both show. The sentences are in en.ts
 * and fr.ts, ONE copy: the renderer's dictionaries spread them under `checks.` and `profile.kind.`.
 *
 * A finding's params are raw (amounts in minor units, rates exact shares, terms as message keys);
 * findingParams formats them for the locale. Pure: no DOM, no Node.
 */
import { LEVEL_NAMES } from '../../export/csv-labels';
import { type DiagnosticCode, DIAGNOSTIC_CODES } from '../../engine/result';
import type { Model } from '../../model';
import { formatDecimal, formatMinor, type Locale, shareToPercentString } from '../../money';
import { interpolate, type Params } from '../../text/interpolate';
import { plural } from '../../text/plural';
import { sourceText } from '../sources';
import { CHECK_CODES, type CheckCode, type CheckTarget, type Finding } from '../types';
import { checkWordsEn, diagnosticsEn, findingsEn, profileKindsEn } from './en';
import { checkWordsFr, diagnosticsFr, findingsFr, profileKindsFr } from './fr';

export { checkWordsEn, diagnosticsEn, findingsEn, profileKindsEn } from './en';
export { checkWordsFr, diagnosticsFr, findingsFr, profileKindsFr } from './fr';

export type CheckWord = keyof typeof checkWordsEn;

interface CheckTexts {
  sentences: Readonly<Record<CheckCode | DiagnosticCode, string>>;
  words: Readonly<Record<CheckWord, string>>;
  /** Terms a finding names by message key (its params of kind 'term'), as the renderer keys them. */
  terms: Readonly<Record<string, string>>;
}

function termsOf(words: Readonly<Record<CheckWord, string>>, kinds: Readonly<Record<string, string>>) {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(words)) if (k.startsWith('conversion.')) out[`checks.${k}`] = v;
  for (const [k, v] of Object.entries(kinds)) out[`profile.kind.${k}`] = v;
  return out;
}

export const CHECK_TEXTS: Readonly<Record<Locale, CheckTexts>> = {
  en: {
    sentences: { ...findingsEn, ...diagnosticsEn },
    words: checkWordsEn,
    terms: termsOf(checkWordsEn, profileKindsEn),
  },
  fr: {
    sentences: { ...findingsFr, ...diagnosticsFr },
    words: checkWordsFr,
    terms: termsOf(checkWordsFr, profileKindsFr),
  },
};

/** Every code a finding can carry: the checks' own and the engine's diagnostics. */
export const FINDING_CODES: readonly (CheckCode | DiagnosticCode)[] = [...CHECK_CODES, ...DIAGNOSTIC_CODES];

export function checkWord(locale: Locale, word: CheckWord, params?: Params): string {
  return interpolate(CHECK_TEXTS[locale].words[word], params);
}

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

/** The space before a unit or a percent sign: a no-break space in French. */
function unitSpace(locale: Locale): string {
  return locale === 'fr' ? '\u00a0' : ' ';
}

function formatParam(kind: ParamKind, v: string | number, locale: Locale, currency: string): string {
  const sp = unitSpace(locale);
  switch (kind) {
    case 'money':
      return typeof v === 'number' ? `${formatMinor(v, currency, locale)}${sp}${currency}` : String(v);
    case 'usd':
      return typeof v === 'number' ? `${formatMinor(v, 'USD', locale)}${sp}USD` : String(v);
    case 'share': {
      const s = String(v);
      return /^\d+(\.\d+)?$/.test(s) ? `${shareToPercentString(s, locale)}${sp}%` : s;
    }
    case 'percent':
      return `${formatNumber(v, locale)}${sp}%`;
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

/** The finding's parameters ready for its sentence: amounts, rates and counts formatted for `locale`. */
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

/** The finding as a sentence in `locale`; an unknown code still says something useful (and names the code). */
export function findingSentence(f: Finding, model: Model, locale: Locale): string {
  const texts = CHECK_TEXTS[locale];
  const params: Record<string, string | number> = { ...findingParams(f, model, locale) };
  // Terms in the user's language, their own placeholders filled from the finding's parameters.
  for (const [k, v] of Object.entries(params)) {
    const term = paramKind(f.code, k) === 'term' && typeof v === 'string' ? texts.terms[v] : undefined;
    if (term !== undefined) params[k] = interpolate(term, params);
  }
  const sentence = (texts.sentences as Readonly<Record<string, string>>)[f.code];
  if (sentence !== undefined) return interpolate(sentence, params);
  return checkWord(locale, 'unknown', { ...params, code: f.code });
}

/**
 * Where a finding is, as the command line names it: "line “Case managers” (individual)",
 * "setting “indirect cost rate”", "profile “Adults”", … or the programme as a whole.
 */
export function findingPlace(f: Finding, model: Model, locale: Locale): string {
  const t = f.target;
  const name = targetName(t, model);
  if (!t) return checkWord(locale, 'where.programme');
  switch (t.kind) {
    case 'line': {
      const line = model.lines.find((l) => l.id === t.lineId);
      if (!line) return checkWord(locale, 'where.line', { name: t.lineId, level: '?' });
      return checkWord(locale, 'where.line', { name, level: LEVEL_NAMES[locale][line.level].toLowerCase() });
    }
    case 'programme': {
      const key = `setting.${t.field}`;
      const setting = Object.prototype.hasOwnProperty.call(checkWordsEn, key)
        ? checkWord(locale, key as CheckWord)
        : t.field;
      return checkWord(locale, 'where.setting', { name: setting });
    }
    case 'profile':
      return checkWord(locale, 'where.profile', { name: name || t.profileId });
    case 'funder':
      return checkWord(locale, 'where.funder', { name: name || t.funderId });
    case 'currency':
      return checkWord(locale, 'where.currency', { name });
    case 'synergy':
      return checkWord(locale, 'where.synergy', { name: name || t.synergyId });
  }
}

/** The finding's source in `locale` (a citation by title and line numbers, or a donor rule). */
export function findingSource(f: Finding, locale: Locale): string {
  return checkWord(locale, 'source', { source: sourceText(f.sourceKey, locale) });
}

export interface FindingCounts {
  error: number;
  warning: number;
  note: number;
  total: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const c: FindingCounts = { error: 0, warning: 0, note: 0, total: findings.length };
  for (const f of findings) c[f.severity] += 1;
  return c;
}

/**
 * "1 error · 3 warnings · 2 notes" (only the severities present; '' when there are none), singular
 * or plural as each language decides (Intl.PluralRules, see src-shared/text/plural.ts).
 */
export function countsSentence(c: FindingCounts, locale: Locale): string {
  const parts: string[] = [];
  for (const s of ['error', 'warning', 'note'] as const) {
    const n = c[s];
    if (n === 0) continue;
    const word = plural<CheckWord>(locale, n, { one: `count.${s}.one`, other: `count.${s}.other` });
    parts.push(checkWord(locale, word, { n: formatDecimal(String(n), locale) }));
  }
  return parts.join(' · ');
}
