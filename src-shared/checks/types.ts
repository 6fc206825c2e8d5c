/** A finding of the checks panel (DESIGN §7). */
export type CheckTarget =
  | { kind: 'line'; lineId: string }
  | { kind: 'programme'; field: string }
  | { kind: 'profile'; profileId: string }
  | { kind: 'funder'; funderId: string }
  | { kind: 'currency'; code: string };

export interface Finding {
  /** Stable id, e.g. "donor.eu.indirect" or "integrity.funding.sum:L12". */
  id: string;
  severity: 'error' | 'warning' | 'note';
  group: 'donor' | 'principles' | 'integrity';
  /** i18n key under `checks.` in the UI; params fill its placeholders (amounts in minor units). */
  code: string;
  params: Record<string, string | number>;
  /** Where a click takes the user; null for programme-wide findings with no single place. */
  target: CheckTarget | null;
  /** The rule's source, shown beside the finding (a citation with line numbers, or a donor rule). */
  source: string;
}
