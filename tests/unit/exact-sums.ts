/** The totals of a compute, checked as exact sums of their parts (issue 13; limits.ts). */
import { expect } from 'vitest';
import type { ComputeResult } from '../../src-shared/engine';
import { LEVELS, MAX_AMOUNT } from '../../src-shared/model';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Every total a whole number within MAX_AMOUNT, and the exact sum of its parts. */
export function expectExactSums(r: ComputeResult, what = ''): void {
  const { totals } = r;
  for (const v of [totals.direct, totals.indirect, totals.contingency, totals.total]) {
    expect(Number.isSafeInteger(v) && v >= 0 && v <= MAX_AMOUNT, `${what}: ${v}`).toBe(true);
  }
  expect(sum(r.lines.map((l) => l.total)), what).toBe(totals.direct);
  expect(sum(LEVELS.map((lv) => r.byLevel[lv])), what).toBe(totals.direct);
  expect(sum(Object.values(r.byCategory)), what).toBe(totals.direct);
  expect(totals.direct + totals.indirect + totals.contingency, what).toBe(totals.total);
  expect(sum(r.monthly.direct), what).toBe(totals.direct);
  expect(sum(r.monthly.total), what).toBe(totals.total);
  expect(sum(r.byYear), what).toBe(totals.total);
  expect(sum(Object.values(r.byFunder)), what).toBe(totals.total);
  for (const l of r.lines) {
    expect(Number.isSafeInteger(l.total) && l.total >= 0, `${what}: line ${l.lineId}`).toBe(true);
    expect(sum(l.months), `${what}: line ${l.lineId}`).toBe(l.total);
    expect(sum(Object.values(l.byFunder)), `${what}: line ${l.lineId}`).toBe(l.total);
  }
}
