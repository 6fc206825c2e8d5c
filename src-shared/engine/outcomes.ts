/**
 * Outcomes and reach (DESIGN §5): what the budget yields, from the outputs each line records per
 * unit (businesses started, jobs created, people reached, on any level, structural included).
 *
 * Decision: a line's outputs are its units bought over the programme (the quantities of every
 *   month, as the grid shows them) × its outputs per unit. They are counts for reading, in doubles
 *   and rounded for display; no money is computed from them.
 * Decision: cost per business and cost per job divide the programme's whole cost (direct, indirect
 *   and contingency), as the all-in cost per returnee does: the jobs are the budget's outcome, not one
 *   line's (in minor units, rounded by THE rule, ties away from zero; null when there is none).
 */
import { roundHalfAway } from '../money';
import { type Level, LEVELS, type Model } from '../model';
import type { CostResult } from './result';

export interface OutcomeCounts {
  businesses: number;
  jobs: number;
  people: number;
}

export interface OutcomesResult {
  /** Lines that record outputs (line id -> counts). */
  byLine: Record<string, OutcomeCounts>;
  byLevel: Record<Level, OutcomeCounts>;
  totals: OutcomeCounts;
  /** The programme's whole cost ÷ businesses started (minor units), null when there are none. */
  costPerBusiness: number | null;
  costPerJob: number | null;
}

const none = (): OutcomeCounts => ({ businesses: 0, jobs: 0, people: 0 });

export function computeOutcomes(model: Model, result: CostResult): OutcomesResult {
  // Most programmes record outputs on few lines: only theirs are looked up (and only when there are any).
  const recording = model.lines.filter(
    (l) => l.outputs.businesses !== '0' || l.outputs.jobs !== '0' || l.outputs.people !== '0',
  );
  const wanted = new Set(recording.map((l) => l.id));
  const units = new Map<string, number>();
  if (wanted.size > 0) {
    for (const l of result.lines) {
      if (wanted.has(l.lineId))
        units.set(
          l.lineId,
          l.quantities.reduce((a, b) => a + b, 0),
        );
    }
  }
  const byLine: Record<string, OutcomeCounts> = {};
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, none()])) as Record<Level, OutcomeCounts>;
  const totals = none();
  for (const l of recording) {
    const o = l.outputs;
    const n = units.get(l.id) ?? 0;
    const counts: OutcomeCounts = {
      businesses: n * Number(o.businesses),
      jobs: n * Number(o.jobs),
      people: n * Number(o.people),
    };
    byLine[l.id] = counts;
    for (const k of ['businesses', 'jobs', 'people'] as const) {
      byLevel[l.level][k] += counts[k];
      totals[k] += counts[k];
    }
  }
  const per = (count: number): number | null => {
    const whole = Math.round(count);
    if (whole <= 0) return null;
    return Number(roundHalfAway({ n: BigInt(result.totals.total), d: BigInt(whole) }));
  };
  return { byLine, byLevel, totals, costPerBusiness: per(totals.businesses), costPerJob: per(totals.jobs) };
}
