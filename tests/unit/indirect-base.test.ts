/**
 * The indirect cost base (issue 12, DESIGN §4, src-shared/engine/indirect-base.ts): direct
 * eligible cost; direct eligible cost + contingency (EU); modified total direct costs (US), with
 * the lines an MTDC exclusion flags left out and only the first USD 50,000 of each subaward counted.
 */
import { describe, expect, it } from 'vitest';
import { compute } from '../../src-shared/engine';
import type { BudgetLine, Model, Programme } from '../../src-shared/model';
import { lineBuilder, testProgramme } from './model-fixtures';

const line = lineBuilder('B', { unitCost: 0 });
const usd = lineBuilder('U', { unitCost: 0, currency: 'USD' });

function model(programme: Partial<Programme>, lines: BudgetLine[], currencies: Model['currencies'] = []): Model {
  return {
    programme: testProgramme({ durationMonths: 24, ...programme }),
    lines,
    profiles: [],
    currencies,
    funders: [],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
  };
}

/** EUR 1,000,000 eligible for both overheads, EUR 100,000 eligible for neither. */
const base = (): BudgetLine[] => [
  line({ unitCost: 100_000_000 }),
  line({ unitCost: 10_000_000, eligibleIndirect: false, eligibleContingency: false }),
];

describe('indirect cost base', () => {
  it('direct: the rate × the direct cost eligible for indirect costs', () => {
    const r = compute(model({ indirectBase: 'direct', indirectRate: '0.07', contingencyRate: '0.05' }, base()));
    expect(r.totals.contingency).toBe(5_000_000);
    expect(r.totals.indirect).toBe(7_000_000);
    expect(r.indirectBase).toEqual({
      kind: 'direct',
      amount: 100_000_000,
      mtdc: 100_000_000,
      subawardsUnconverted: [],
    });
    expect(r.totals.total).toBe(110_000_000 + 5_000_000 + 7_000_000);
  });

  it('direct + contingency (EU): the contingency is computed first and is part of the base', () => {
    const r = compute(
      model({ indirectBase: 'directPlusContingency', indirectRate: '0.07', contingencyRate: '0.05' }, base()),
    );
    expect(r.totals.contingency).toBe(5_000_000);
    // 7 % of (1,000,000 + 50,000) = 73,500.00
    expect(r.totals.indirect).toBe(7_350_000);
    expect(r.indirectBase.amount).toBe(105_000_000);
    expect(r.totals.total).toBe(110_000_000 + 5_000_000 + 7_350_000);
  });

  it('direct + contingency keeps exact cents month by month (each month rounded once)', () => {
    const lines = [
      line({
        unitCost: 333_33,
        driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 1, end: 24 },
      }),
    ];
    const r = compute(
      model({ indirectBase: 'directPlusContingency', indirectRate: '0.07', contingencyRate: '0.03' }, lines),
    );
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    expect(sum(r.monthly.indirect)).toBe(r.totals.indirect);
    expect(sum(r.monthly.total)).toBe(r.totals.total);
    expect(r.totals.total).toBe(r.totals.direct + r.totals.indirect + r.totals.contingency);
    // 24 × 333.33 = 7,999.92; contingency 3 % = 239.9976 → 240.00; base 8,239.92; 7 % = 576.7944 → 576.79
    expect(r.totals.contingency).toBe(240_00);
    expect(r.totals.indirect).toBe(576_79);
  });

  it('MTDC: equipment, rent and participant support costs are left out; other lines count in full', () => {
    const lines = [
      usd({ unitCost: 100_000_000 }),
      usd({ unitCost: 20_000_000, mtdcExclusion: 'equipment' }),
      usd({ unitCost: 10_000_000, mtdcExclusion: 'rent' }),
      usd({ unitCost: 5_000_000, mtdcExclusion: 'participantSupport' }),
      // Not eligible for indirect costs: nothing to leave out of the base.
      usd({ unitCost: 1_000_000, mtdcExclusion: 'equipment', eligibleIndirect: false }),
    ];
    const r = compute(
      model({ donorProfile: 'US', reportingCurrency: 'USD', indirectBase: 'mtdc', indirectRate: '0.15' }, lines),
    );
    expect(r.indirectBase.mtdc).toBe(100_000_000);
    expect(r.indirectBase.amount).toBe(100_000_000);
    expect(r.totals.indirect).toBe(15_000_000);
    expect(r.totals.directEligibleIndirect).toBe(135_000_000);
  });

  it('MTDC: only the first USD 50,000 of each subaward count, on its cumulated cost', () => {
    const lines = [
      usd({ unitCost: 10_000_000 }),
      // USD 30,000 a month for 3 months: 50,000 count (30,000 + 20,000), 40,000 do not.
      usd({
        unitCost: 3_000_000,
        mtdcExclusion: 'subaward',
        driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 1, end: 3 },
      }),
      // A second subaward of USD 40,000: all of it counts (its own USD 50,000).
      usd({ unitCost: 4_000_000, mtdcExclusion: 'subaward' }),
    ];
    const r = compute(
      model({ donorProfile: 'US', reportingCurrency: 'USD', indirectBase: 'mtdc', indirectRate: '0.1' }, lines),
    );
    expect(r.indirectBase.mtdc).toBe(10_000_000 + 5_000_000 + 4_000_000);
    expect(r.totals.indirect).toBe(1_900_000);
    expect(r.monthly.indirect.slice(0, 3)).toEqual([1_700_000, 200_000, 0]);
  });

  it('MTDC: a subaward in another reporting currency converts USD 50,000 at each year’s USD rate', () => {
    // 1 EUR = 1.25 USD in year 1, 1 EUR = 1 USD in year 2. EUR 30,000 in month 12 (= USD 37,500),
    // EUR 30,000 in month 13: USD 12,500 are left = EUR 12,500 at the year-2 rate.
    const lines = [
      line({
        unitCost: 3_000_000,
        mtdcExclusion: 'subaward',
        driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 12, end: 13 },
      }),
    ];
    const r = compute(
      model({ donorProfile: 'US', indirectBase: 'mtdc', indirectRate: '0.1' }, lines, [
        { code: 'USD', rates: ['1.25', '1'], inflation: '0' },
      ]),
    );
    expect(r.indirectBase.mtdc).toBe(3_000_000 + 1_250_000);
    expect(r.indirectBase.subawardsUnconverted).toEqual([]);
  });

  it('MTDC: with no USD rate, the whole subaward is left out and named', () => {
    const sub = line({ unitCost: 3_000_000, mtdcExclusion: 'subaward' });
    const r = compute(model({ donorProfile: 'US', indirectBase: 'mtdc', indirectRate: '0.1' }, [sub]));
    expect(r.indirectBase.mtdc).toBe(0);
    expect(r.totals.indirect).toBe(0);
    expect(r.indirectBase.subawardsUnconverted).toEqual([sub.id]);
  });

  it('the MTDC are reported whatever the base, so that the checks compare the US cap with them', () => {
    const lines = [line({ unitCost: 100_000_000 }), line({ unitCost: 20_000_000, mtdcExclusion: 'equipment' })];
    const r = compute(model({ indirectBase: 'direct', indirectRate: '0.1' }, lines));
    expect(r.indirectBase).toMatchObject({ kind: 'direct', amount: 120_000_000, mtdc: 100_000_000 });
    expect(r.totals.indirect).toBe(12_000_000);
  });
});
