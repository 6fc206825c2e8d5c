/**
 * The month-by-month view of a line: quantity and amount in every programme month, with a
 * subtotal per programme year. Amounts are the engine's rounded line-months, so the subtotals and
 * the total add up to the line's total to the cent. Quantities are for reading only. Pure.
 */
import type { LineResult } from '../../../src-shared/engine';
import { monthLabel } from '../../../src-shared/model';

export type MonthRow =
  | { kind: 'month'; month: number; calendar: string; quantity: number; amount: number }
  | { kind: 'year'; year: number; quantity: number; amount: number };

export interface MonthTable {
  rows: MonthRow[];
  total: { quantity: number; amount: number };
}

/** Rounds a displayed quantity to 6 decimals so float noise (0.1 + 0.2) does not show. */
function clean(q: number): number {
  return Math.round(q * 1e6) / 1e6;
}

export function monthTable(line: Pick<LineResult, 'months' | 'quantities'>, startMonth: string): MonthTable {
  const rows: MonthRow[] = [];
  const n = line.months.length;
  let yearQ = 0;
  let yearA = 0;
  let totalQ = 0;
  let totalA = 0;
  for (let m = 1; m <= n; m++) {
    const quantity = clean(line.quantities[m - 1] ?? 0);
    const amount = line.months[m - 1] ?? 0;
    rows.push({ kind: 'month', month: m, calendar: monthLabel(startMonth, m), quantity, amount });
    yearQ += quantity;
    yearA += amount;
    if (m % 12 === 0 || m === n) {
      rows.push({ kind: 'year', year: Math.ceil(m / 12), quantity: clean(yearQ), amount: yearA });
      totalQ += yearQ;
      totalA += yearA;
      yearQ = 0;
      yearA = 0;
    }
  }
  return { rows, total: { quantity: clean(totalQ), amount: totalA } };
}
