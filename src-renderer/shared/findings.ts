/**
 * The checks panel in the UI: each finding of runChecks() as a sentence in the user's language
 * (src-shared/checks/text, the same sentences as `rcs check`; the dictionaries spread them under
 * `checks.<code>`), the place it concerns, and where a click on it goes. Pure: tested in Node.
 */
import { countFindings, type FindingCounts, countsSentence, findingSentence } from '../../src-shared/checks/text';
import type { CheckTarget, Finding } from '../../src-shared/checks/types';
import type { Locale } from '../../src-shared/money';
import type { Model } from '../../src-shared/model';
import type { Screen } from '../document/ui';

export const FINDING_GROUPS = ['donor', 'principles', 'integrity'] as const;
export const SEVERITIES = ['error', 'warning', 'note'] as const;

/** The finding's parameters formatted for `locale` (src-shared/checks/text, shared with the CLI). */
export { findingParams, targetName } from '../../src-shared/checks/text';

/** The finding as a sentence in the user's language (the shared sentence, also `rcs check`'s). */
export function findingText(f: Finding, model: Model, locale: Locale): string {
  return findingSentence(f, model, locale);
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

export type Counts = FindingCounts;

/** "1 error · 3 warnings · 2 notes" (only the severities present; '' when there are none). */
export function countsText(c: Counts, locale: Locale): string {
  return countsSentence(c, locale);
}

export { countFindings };

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
