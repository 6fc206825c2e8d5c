/**
 * Quantity drivers: how many units a line buys in each programme month (DESIGN §3).
 *
 * Semantics, decided once here:
 * - fixed / once:    all q units in month `start`.
 * - fixed / spread:  q units spread evenly over months start..end: q / n in each of the n months,
 *                    kept exact (a rational); the rounding rule in compute.ts makes the line's
 *                    months add up to its exactly rounded total, so 10 units over 3 months cost
 *                    exactly 10 × unit cost.
 * - fixed / monthly: q units in every month start..end.
 * Months outside the programme (start > duration, end > duration) buy nothing and raise a
 * `window.outside` diagnostic on the line; compute() never throws on user data.
 */
import { dec, rat, type Rational } from '../money';
import type { BudgetLine } from '../model';
import type { Diagnostic } from './result';

export interface QuantityPlan {
  /** Quantity per month, index 0 = month 1; null where the line buys nothing. */
  perMonth: (Rational | null)[];
}

export function planQuantities(line: BudgetLine, duration: number, diagnostics: Diagnostic[]): QuantityPlan {
  const perMonth: (Rational | null)[] = new Array<Rational | null>(duration).fill(null);
  const d = line.driver;
  const q = dec(d.quantity);
  const start = d.start;
  const end = d.schedule === 'once' ? d.start : d.end;
  if (start > duration || end > duration) {
    diagnostics.push({
      severity: 'error',
      code: 'window.outside',
      lineId: line.id,
      params: { start, end, duration },
    });
  }
  if (end < start) {
    diagnostics.push({ severity: 'error', code: 'window.endBeforeStart', lineId: line.id, params: { start, end } });
    return { perMonth };
  }
  const last = Math.min(end, duration);
  switch (d.schedule) {
    case 'once':
      if (start <= duration) perMonth[start - 1] = q;
      break;
    case 'monthly':
      for (let m = start; m <= last; m++) perMonth[m - 1] = q;
      break;
    case 'spread': {
      // Evenly over the whole window as planned; months beyond the programme are lost (and flagged).
      const each = rat(q.n, q.d * BigInt(end - start + 1));
      for (let m = start; m <= last; m++) perMonth[m - 1] = each;
      break;
    }
  }
  return { perMonth };
}
