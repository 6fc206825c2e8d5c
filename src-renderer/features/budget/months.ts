/**
 * The month-by-month view of a line: quantity and amount in every programme month, with a
 * subtotal per programme year. Amounts are the engine's rounded line-months, so the subtotals and
 * the total add up to the line's total to the cent; where partners work on the line (synergies),
 * each row also has what they deliver themselves beside the budget (never in the amount), what
 * they pay of the amount, and the net (amount = paid + net, to the cent). Quantities are for
 * reading only. Pure.
 */
import type { LineResult } from '../../../src-shared/engine';
import { monthLabel } from '../../../src-shared/model';

/**
 * Amounts of a row: the budget's amount, what partners pay of it (`covered`; net = amount −
 * covered) and what they deliver themselves beside it (`delivered`; gross = amount + delivered);
 * both 0 without synergies.
 */
interface Amounts {
  quantity: number;
  amount: number;
  covered: number;
  delivered: number;
}

export type MonthRow =
  ({ kind: 'month'; month: number; calendar: string } & Amounts) | ({ kind: 'year'; year: number } & Amounts);

export interface MonthTable {
  rows: MonthRow[];
  total: Amounts;
}

/** Rounds a displayed quantity to 6 decimals so float noise (0.1 + 0.2) does not show. */
function clean(q: number): number {
  return Math.round(q * 1e6) / 1e6;
}

export function monthTable(
  line: Pick<LineResult, 'months' | 'quantities'>,
  startMonth: string,
  covered: readonly number[] = [],
  delivered: readonly number[] = [],
): MonthTable {
  const rows: MonthRow[] = [];
  const n = line.months.length;
  const year = { quantity: 0, amount: 0, covered: 0, delivered: 0 };
  const total = { quantity: 0, amount: 0, covered: 0, delivered: 0 };
  for (let m = 1; m <= n; m++) {
    const quantity = clean(line.quantities[m - 1] ?? 0);
    const amount = line.months[m - 1] ?? 0;
    const cover = covered[m - 1] ?? 0;
    const outside = delivered[m - 1] ?? 0;
    rows.push({
      kind: 'month',
      month: m,
      calendar: monthLabel(startMonth, m),
      quantity,
      amount,
      covered: cover,
      delivered: outside,
    });
    year.quantity += quantity;
    year.amount += amount;
    year.covered += cover;
    year.delivered += outside;
    if (m % 12 === 0 || m === n) {
      rows.push({ kind: 'year', year: Math.ceil(m / 12), ...year, quantity: clean(year.quantity) });
      total.quantity += year.quantity;
      total.amount += year.amount;
      total.covered += year.covered;
      total.delivered += year.delivered;
      year.quantity = 0;
      year.amount = 0;
      year.covered = 0;
      year.delivered = 0;
    }
  }
  return { rows, total: { ...total, quantity: clean(total.quantity) } };
}
