import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compute, roundRunning } from '../../src-shared/engine';
import { rat } from '../../src-shared/money';
import { type BudgetLine, type Level, LEVELS, type Model, type Programme } from '../../src-shared/model';
import { lineBuilder, testProgramme } from './model-fixtures';

const programme: Programme = testProgramme();

const m = (lines: BudgetLine[]): Model => ({
  programme,
  lines,
  profiles: [],
  currencies: [],
  funders: [],
  partners: [],
  synergies: [],
  scenarios: [],
  ranges: [],
});

const line: (over: Partial<BudgetLine> & Pick<BudgetLine, 'unitCost' | 'driver'>) => BudgetLine = lineBuilder('L');

describe('fixed driver, hand-worked', () => {
  it('once: 120 packages × EUR 1,500.00 in month 3', () => {
    const l = line({
      unitCost: 150000,
      driver: { kind: 'fixed', quantity: '120', schedule: 'once', start: 3, end: 3 },
    });
    const r = compute(m([l]));
    // 120 × 150,000 cents = 18,000,000 cents = EUR 180,000.00, all in month 3
    expect(r.lines[0]?.months[2]).toBe(18_000_000);
    expect(r.lines[0]?.total).toBe(18_000_000);
    expect(r.lines[0]?.months.filter((a) => a !== 0)).toHaveLength(1);
  });

  it('monthly: 2 staff × EUR 1,250.50 every month 1..12', () => {
    const l = line({
      unitCost: 125050,
      driver: { kind: 'fixed', quantity: '2', schedule: 'monthly', start: 1, end: 12 },
    });
    const r = compute(m([l]));
    // 2 × 125,050 = 250,100 cents a month; × 12 = 3,001,200 cents
    expect(r.lines[0]?.months.slice(0, 12)).toEqual(new Array(12).fill(250_100));
    expect(r.lines[0]?.months.slice(12)).toEqual(new Array(12).fill(0));
    expect(r.totals.direct).toBe(3_001_200);
  });

  it('spread: 10 units × EUR 100.00 over 3 months costs exactly EUR 1,000.00', () => {
    const l = line({
      unitCost: 10000,
      driver: { kind: 'fixed', quantity: '10', schedule: 'spread', start: 1, end: 3 },
    });
    const r = compute(m([l]));
    // exact 33,333.33… a month; running totals 33,333.33→33,333 | 66,666.67→66,667 | 100,000
    expect(r.lines[0]?.months.slice(0, 3)).toEqual([33_333, 33_334, 33_333]);
    expect(r.lines[0]?.total).toBe(100_000);
  });

  it('fractional quantity: ties round away from zero, 0.5 × EUR 0.01 to 1 cent, 1.5 and 2.5 × EUR 0.01 to 2 and 3', () => {
    const once = (quantity: string) =>
      line({ unitCost: 1, driver: { kind: 'fixed', quantity, schedule: 'once', start: 1, end: 1 } });
    const r = compute(m([once('0.5'), once('1.5'), once('2.5'), once('2.49')]));
    // Half-to-even, the earlier rule, gave 0, 2, 2, 2.
    expect(r.lines.map((x) => x.total)).toEqual([1, 2, 3, 2]);
  });

  it('spread ties: 3 × EUR 0.01 over 2 months is 1.5 cents a month, running 1.5 → 2 then 3: 2 and 1', () => {
    const l = line({ unitCost: 1, driver: { kind: 'fixed', quantity: '3', schedule: 'spread', start: 1, end: 2 } });
    const r = compute(m([l]));
    expect(r.lines[0]?.months.slice(0, 2)).toEqual([2, 1]);
    expect(r.lines[0]?.total).toBe(3);
  });
});

describe('indirect costs and contingency', () => {
  it('indirect = 7 % of eligible direct; contingency = 5 % of eligible direct', () => {
    const a = line({ unitCost: 100000, driver: { kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 } });
    const b = line({
      unitCost: 50000,
      eligibleIndirect: false,
      driver: { kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 },
    });
    const r = compute(m([a, b]));
    // direct 150,000; eligible for indirect 100,000 → 7,000; contingency 5 % × 150,000 = 7,500
    expect(r.totals).toEqual({
      direct: 150_000,
      directEligibleIndirect: 100_000,
      directEligibleContingency: 150_000,
      indirect: 7_000,
      contingency: 7_500,
      total: 164_500,
    });
  });

  it('indirect over months adds up to the rate × the eligible total, rounded once', () => {
    // 3 months of EUR 0.10: 7 % of 10 cents = 0.7 cents a month; running: 0.7→1, 1.4→1, 2.1→2
    const a = line({ unitCost: 10, driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 1, end: 3 } });
    const r = compute(m([a]));
    expect(r.monthly.indirect.slice(0, 3)).toEqual([1, 0, 1]);
    expect(r.totals.indirect).toBe(2); // 7 % × 30 = 2.1 → 2
  });
});

describe('diagnostics, never a throw', () => {
  it('flags a window outside the programme and keeps the months inside', () => {
    const l = line({
      unitCost: 100,
      driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 23, end: 30 },
    });
    const r = compute(m([l]));
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: 'window.outside', lineId: l.id }));
    expect(r.lines[0]?.total).toBe(200); // months 23 and 24 only
  });
  it('flags a zero-cost line', () => {
    const l = line({ unitCost: 0, driver: { kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 } });
    expect(compute(m([l])).diagnostics).toContainEqual(
      expect.objectContaining({ code: 'line.zeroCost', lineId: l.id }),
    );
  });
});

describe('roundRunning', () => {
  it('steps add up to the rounded exact sum (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 1000n })), {
          maxLength: 60,
        }),
        (pairs) => {
          const xs = pairs.map(([n, d]) => rat(n, d));
          const steps = roundRunning(xs);
          // exact sum as a rational with a common denominator
          let n = 0n;
          let d = 1n;
          for (const x of xs) {
            n = n * x.d + x.n * d;
            d = d * x.d;
          }
          const total = steps.reduce((s, a) => s + a, 0);
          const diff2 = (BigInt(total) * d - n) * 2n;
          expect(diff2 <= d && diff2 >= -d).toBe(true);
        },
      ),
    );
  });
});

const levelArb = fc.constantFrom<Level>(...LEVELS);
const lineArb = fc.record({
  level: levelArb,
  unitCost: fc.integer({ min: 0, max: 10_000_000 }),
  quantity: fc.stringMatching(/^(0|[1-9]\d{0,3})(\.\d{0,2}[1-9])?$/),
  schedule: fc.constantFrom('once' as const, 'spread' as const, 'monthly' as const),
  start: fc.integer({ min: 1, max: 24 }),
  len: fc.integer({ min: 0, max: 23 }),
  eligibleIndirect: fc.boolean(),
  eligibleContingency: fc.boolean(),
});

describe('totals reconcile (property)', () => {
  it('every total is the sum of the rounded line-months', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 25 }), (specs) => {
        const lines = specs.map((s) =>
          line({
            level: s.level,
            unitCost: s.unitCost,
            eligibleIndirect: s.eligibleIndirect,
            eligibleContingency: s.eligibleContingency,
            driver: {
              kind: 'fixed',
              quantity: s.quantity,
              schedule: s.schedule,
              start: s.start,
              end: Math.min(24, s.start + s.len),
            },
          }),
        );
        const model: Model = m(lines);
        const r = compute(model);
        const sumLineMonths = r.lines.reduce((s, l) => s + l.months.reduce((a, b) => a + b, 0), 0);
        expect(r.totals.direct).toBe(sumLineMonths);
        expect(r.lines.every((l) => l.total === l.months.reduce((a, b) => a + b, 0))).toBe(true);
        expect(Object.values(r.byLevel).reduce((a, b) => a + b, 0)).toBe(r.totals.direct);
        expect(Object.values(r.byDimension).reduce((a, b) => a + b, 0)).toBe(r.totals.direct);
        expect(Object.values(r.byCategory).reduce((a, b) => a + b, 0)).toBe(r.totals.direct);
        expect(r.byYear.reduce((a, b) => a + b, 0)).toBe(r.totals.total);
        expect(r.totals.total).toBe(r.totals.direct + r.totals.indirect + r.totals.contingency);
        expect(r.monthly.total.reduce((a, b) => a + b, 0)).toBe(r.totals.total);
        expect(Number.isNaN(r.totals.total)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
