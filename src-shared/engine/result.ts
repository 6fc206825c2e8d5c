/** What compute() returns. All amounts are integer minor units of the reporting currency. */
import type { IndirectBaseInfo } from './indirect-base';
import type { Dimension, Level } from '../model';
import type { OutcomesResult } from './outcomes';
import type { SynergyResult } from './synergies';

/**
 * What compute() can report about a line it could not cost as written. The UI shows each as a
 * model-integrity finding (i18n `checks.<code>`, typed by this union: a code without an English
 * and a French text does not compile).
 */
export const DIAGNOSTIC_CODES = [
  'line.zeroCost',
  'window.outside',
  'window.endBeforeStart',
  'profile.unknown',
  'currency.unknown',
  'currency.noRate',
  'percentage.unknownLine',
  'percentage.cycle',
  'funding.unknownFunder',
  'funding.sum',
  'amount.tooLarge',
  'total.tooLarge',
  'value.outOfBounds',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Message code, translated by the UI (i18n `checks.<code>`). */
  code: DiagnosticCode;
  lineId: string | null;
  params?: Record<string, string | number>;
}

/**
 * How a line's quantity was derived, for the grid ("1,240 arrivals × 60 % take-up"). `code` is the
 * driver kind; params hold exact decimals as strings and counts as numbers:
 * - fixed:         { quantity, schedule, months }
 * - perArrival:    { arrivals, takeUp, quantity, units }       (arrivals counted in the window)
 * - perActiveCase: { caseMonths, quantity, units }
 * - staffing:      { peakCases, casesPerStaff, min, max, staffMonths, peakStaff }
 * - perCommunity:  { communities, quantity, units, schedule }
 * - perProject:    { returnees, returneesPerProject, projects, schedule }
 * - percentage:    { rate, base }                             (base: minor units of the base lines)
 */
export interface Derivation {
  code: string;
  params: Record<string, string | number>;
}

export interface LineResult {
  lineId: string;
  level: Level;
  /** Quantity per programme month (index 0 = month 1), for display only (never summed into money). */
  quantities: number[];
  /** Amount per programme month (index 0 = month 1), rounded minor units of the reporting currency. */
  months: number[];
  total: number;
  derivation: Derivation;
  /**
   * The line's total split across funding sources (funder id -> minor units; '' = unfunded, what
   * a split under 100 % leaves); adds up to total.
   */
  byFunder: Record<string, number>;
  /** Community lines: people reached (units × beneficiaries per unit) and the non-migrants among them. */
  beneficiaries: number;
  nonMigrantBeneficiaries: number;
  /**
   * What partners deliver of the line themselves (referral, public service), reported beside the
   * budget, never in it: `months` and `total` are the budget's (gross less this); 0 for most lines.
   */
  partnerDelivered: number;
  /**
   * Set on a coordination line (outside.ts): a referral's coordination cost, which the budget holds
   * as a line of its own (its id is "coordination:" + the synergy's); null for the model's lines.
   */
  coordinationOf: string | null;
}

export interface Totals {
  /** Sum of all lines (direct cost). */
  direct: number;
  /** Direct cost of lines eligible for indirect costs. */
  directEligibleIndirect: number;
  /** Direct cost of lines eligible for contingency. */
  directEligibleContingency: number;
  indirect: number;
  contingency: number;
  /** direct + indirect + contingency */
  total: number;
}

export interface CaseloadSeries {
  profileId: string;
  arrivals: number[];
  active: number[];
  cumulative: number[];
  /** Total arrivals in the profile's units, and in persons (units × persons per unit). */
  totalArrivals: number;
  persons: number;
}

export interface Metrics {
  /** Persons assisted: all arrivals of every profile, in persons. */
  returneesAssisted: number;
  /** Individual-level direct cost ÷ returnees assisted (minor units), null when no returnees. */
  costPerReturneeIndividual: number | null;
  /** Total cost (with indirect and contingency) ÷ returnees assisted. */
  costPerReturneeAllIn: number | null;
  /** Community beneficiaries (people reached by community lines) and the non-migrants among them. */
  communityBeneficiaries: number;
  nonMigrantBeneficiaries: number;
  /** non-migrant ÷ community beneficiaries (display only), null when there are none. */
  nonMigrantShare: number | null;
  /** Returnees assisted + non-migrant community beneficiaries. */
  directBeneficiaries: number;
  /** Total cost ÷ direct beneficiaries, null when there are none. */
  costPerBeneficiary: number | null;
  /** Largest number of active cases (profile units) in any month, and that month (1-based; 0 if none). */
  peakActiveCases: number;
  peakMonth: number;
  /** Σ over months of staff quantities of lines with modality 'staff' (staff-months). */
  staffMonths: number;
}

export interface ComputeResult {
  currency: string;
  durationMonths: number;
  lines: LineResult[];
  /** Per month (index 0 = month 1). */
  monthly: { direct: number[]; indirect: number[]; contingency: number[]; total: number[] };
  totals: Totals;
  byLevel: Record<Level, number>;
  byDimension: Record<Dimension, number>;
  byCategory: Record<string, number>;
  /** Per programme year (index 0 = year 1), direct + indirect + contingency. */
  byYear: number[];
  /**
   * Per funding source (id -> minor units), indirect and contingency included (they follow the
   * split of the lines they are computed on). Key '' collects what no source covers ("unfunded"):
   * the rest of a split under 100 %, the share of a source that no longer exists, or everything
   * while the programme has no source at all. Never spread over the other sources.
   */
  byFunder: Record<string, number>;
  /** Share of each level in direct cost, as a float for display only (never summed). */
  levelShare: Record<Level, number>;
  caseload: {
    profiles: CaseloadSeries[];
    /** All profiles together, in cases (profile units). */
    arrivals: number[];
    active: number[];
    cumulative: number[];
  };
  metrics: Metrics;
  diagnostics: Diagnostic[];
  /** What the indirect costs were computed on, and the US modified total direct costs (indirect-base.ts). */
  indirectBase: IndirectBaseInfo;
  /** What partner programmes cover of the lines, net, expected and worst case (synergies.ts). */
  synergies: SynergyResult;
  /** Businesses, jobs and people the lines yield, and the cost of each (outcomes.ts). */
  outcomes: OutcomesResult;
}

/** The costs phase's result, before the synergies and outcomes phases add to it. */
export type CostResult = Omit<ComputeResult, 'synergies' | 'outcomes'>;
