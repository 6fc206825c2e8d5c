/** A finding of the checks panel (DESIGN §7). */
import type { SourceKey } from './sources';
import type { DiagnosticCode } from '../engine/result';

/** The codes of the findings runChecks() makes itself (the engine's diagnostics come on top). */
export const CHECK_CODES = [
  'donor.indirectAbove',
  'donor.contingencyAbove',
  'donor.matchCondition',
  'donor.euContributionRate',
  'donor.ineligibleContribution',
  'donor.indirectAboveNicra',
  'donor.nicraBase',
  'donor.indirectAboveMtdc',
  'donor.subawardNoUsd',
  'principles.noStructural',
  'principles.noCommunity',
  'principles.noMonitoring',
  'principles.noPsychosocial',
  'principles.childDuration',
  'principles.traffickingDuration',
  'principles.followUp',
  'principles.packageBelow',
  'principles.packageAbove',
  'principles.noNonMigrants',
  'principles.largeCash',
  'principles.monitoringBelow',
  'principles.followUpInside',
  'principles.vulnerableNoLine',
  'principles.fewNonMigrants',
  'principles.noCommunityBeneficiaries',
  'principles.uncertainFunding',
  'principles.stateReliance',
  'funder.ceilingExceeded',
  'funder.none',
  'synergy.noMonths',
  'synergy.noTargets',
  'synergy.noCoordination',
  'synergy.capacity',
  'synergy.matchingCapped',
  'synergy.lineOverCovered',
  'synergy.noHandover',
  'donor.noHeading',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

/** A finding's code: one of the checks' own, or an engine diagnostic shown as an integrity finding. */
export type FindingCode = CheckCode | DiagnosticCode;

export type CheckTarget =
  | { kind: 'line'; lineId: string }
  | { kind: 'programme'; field: string }
  | { kind: 'profile'; profileId: string }
  | { kind: 'funder'; funderId: string }
  | { kind: 'currency'; code: string }
  | { kind: 'synergy'; synergyId: string };

export interface Finding {
  /** Stable id, e.g. "donor.eu.indirect" or "integrity.funding.sum:L12". */
  id: string;
  severity: 'error' | 'warning' | 'note';
  group: 'donor' | 'principles' | 'integrity';
  /** i18n key under `checks.` in the UI; params fill its placeholders (amounts in minor units). */
  code: FindingCode;
  params: Record<string, string | number>;
  /** Where a click takes the user; null for programme-wide findings with no single place. */
  target: CheckTarget | null;
  /** The rule's source (checks/sources.ts): shown beside the finding in the user's language. */
  sourceKey: SourceKey;
  /** The same in English (a citation by title and line numbers, or a donor rule), for the CLI. */
  source: string;
}
