/** What compute() returns. All amounts are integer minor units of the reporting currency. */
import type { Dimension, Level } from '../model';

export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Message code, translated by the UI (i18n `diagnostics.*`). */
  code: string;
  lineId: string | null;
  params?: Record<string, string | number>;
}

export interface LineResult {
  lineId: string;
  level: Level;
  /** Quantity per programme month (index 0 = month 1), for display only (never summed into money). */
  quantities: number[];
  /** Amount per programme month (index 0 = month 1), rounded minor units. */
  months: number[];
  total: number;
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
  /** Share of each level in direct cost, as a float for display only (never summed). */
  levelShare: Record<Level, number>;
  diagnostics: Diagnostic[];
}
