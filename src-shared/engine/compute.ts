/**
 * compute(model) -> result: the one pure function behind the screen, the exports, the CLI and the
 * tests (DESIGN §4). No I/O, no clock, no randomness.
 *
 * THE rounding rule: every money value is exact (a rational) until it becomes minor units of the
 * reporting currency, and it becomes so once, half-to-even. For a line, the running total is
 * rounded at each month and the month's amount is the step between two rounded running totals.
 * Each line-month is thus rounded once, is within one minor unit of its exact value, and a line's
 * months add up to its exact total rounded half-to-even (10 units spread over 3 months cost
 * exactly 10 × the unit cost). Indirect costs and contingency are computed per month the same way
 * from the month's rounded direct amounts. Every total is a sum of these rounded line-months, so
 * the screen, the exports and the CLI reconcile to the cent.
 */
import { add, dec, fromInt, mul, roundHalfEven, toNumber, type Rational, ZERO } from '../money';
import { CATEGORIES, DIMENSIONS, LEVELS, type Level, type Model } from '../model';
import { planQuantities } from './drivers';
import type { ComputeResult, Diagnostic, LineResult } from './result';

/** Rounds a sequence of exact amounts by the running-total rule above. */
export function roundRunning(exact: readonly (Rational | null)[]): number[] {
  const out = new Array<number>(exact.length).fill(0);
  let cum: Rational = ZERO;
  let prev = 0n;
  for (let i = 0; i < exact.length; i++) {
    const x = exact[i];
    if (!x || x.n === 0n) continue;
    cum = add(cum, x);
    const r = roundHalfEven(cum);
    out[i] = Number(r - prev);
    prev = r;
  }
  return out;
}

function zeroRecord<K extends string>(keys: readonly K[]): Record<K, number> {
  const r = {} as Record<K, number>;
  for (const k of keys) r[k] = 0;
  return r;
}

export function compute(model: Model): ComputeResult {
  const { programme } = model;
  const D = programme.durationMonths;
  const diagnostics: Diagnostic[] = [];
  const lines: LineResult[] = [];
  const direct = new Array<number>(D).fill(0);
  const eligibleIndirect = new Array<number>(D).fill(0);
  const eligibleContingency = new Array<number>(D).fill(0);
  const byLevel = zeroRecord(LEVELS);
  const byDimension = zeroRecord(DIMENSIONS);
  const byCategory: Record<string, number> = zeroRecord(CATEGORIES);

  const ordered = [...model.lines].sort(
    (a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.position - b.position,
  );
  for (const line of ordered) {
    const plan = planQuantities(line, D, diagnostics);
    const unit = fromInt(line.unitCost);
    const exact = plan.perMonth.map((q) => (q ? mul(q, unit) : null));
    const months = roundRunning(exact);
    let total = 0;
    for (let m = 0; m < D; m++) {
      const a = months[m] as number;
      if (a === 0) continue;
      total += a;
      direct[m] = (direct[m] as number) + a;
      if (line.eligibleIndirect) eligibleIndirect[m] = (eligibleIndirect[m] as number) + a;
      if (line.eligibleContingency) eligibleContingency[m] = (eligibleContingency[m] as number) + a;
    }
    if (total === 0) {
      diagnostics.push({ severity: 'warning', code: 'line.zeroCost', lineId: line.id });
    }
    byLevel[line.level] += total;
    byDimension[line.dimension] += total;
    byCategory[line.category] = (byCategory[line.category] ?? 0) + total;
    lines.push({
      lineId: line.id,
      level: line.level,
      quantities: plan.perMonth.map((q) => (q ? toNumber(q) : 0)),
      months,
      total,
    });
  }

  const indirectRate = dec(programme.indirectRate);
  const contingencyRate = dec(programme.contingencyRate);
  const indirect = roundRunning(eligibleIndirect.map((a) => (a ? mul(indirectRate, fromInt(a)) : null)));
  const contingency = roundRunning(eligibleContingency.map((a) => (a ? mul(contingencyRate, fromInt(a)) : null)));
  const total = direct.map((a, m) => a + (indirect[m] as number) + (contingency[m] as number));

  const years = Math.ceil(D / 12);
  const byYear = new Array<number>(years).fill(0);
  total.forEach((a, m) => {
    const y = Math.floor(m / 12);
    byYear[y] = (byYear[y] as number) + a;
  });

  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const directTotal = sum(direct);
  const levelShare = zeroRecord(LEVELS);
  for (const l of LEVELS) levelShare[l as Level] = directTotal === 0 ? 0 : byLevel[l] / directTotal;

  return {
    currency: programme.reportingCurrency,
    durationMonths: D,
    lines,
    monthly: { direct, indirect, contingency, total },
    totals: {
      direct: directTotal,
      directEligibleIndirect: sum(eligibleIndirect),
      directEligibleContingency: sum(eligibleContingency),
      indirect: sum(indirect),
      contingency: sum(contingency),
      total: sum(total),
    },
    byLevel,
    byDimension,
    byCategory,
    byYear,
    levelShare,
    diagnostics,
  };
}
