/**
 * Golden tests, one or more per driver, with the arithmetic written out so a reader can check it.
 * Amounts are minor units (cents of EUR unless said otherwise).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compute, roundRunning } from '../../src-shared/engine';
import { add, dec, fromInt, mul, pow, rat } from '../../src-shared/money';
import {
  type BudgetLine,
  defaultProfileFields,
  type Driver,
  type Funder,
  type FundingShare,
  type Level,
  type Model,
  type Profile,
  type Programme,
} from '../../src-shared/model';
import { lineBuilder, testProgramme } from './model-fixtures';

const programme: Programme = testProgramme({
  title: 'Golden',
  indirectRate: '0',
  contingencyRate: '0',
  donorProfile: 'none',
});

function profile(id: string, over: Partial<Profile>): Profile {
  return { ...defaultProfileFields('adult', id, 24), id, position: 0, ...over };
}

const makeLine = lineBuilder('L', { unitCost: 10000 }); // EUR 100.00
const line = (driver: Driver, over: Partial<BudgetLine> = {}): BudgetLine => makeLine({ driver, ...over });

function model(over: Partial<Model>): Model {
  return {
    programme,
    lines: [],
    profiles: [],
    currencies: [],
    funders: [],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
    ...over,
  };
}

// Adults: 10 arrive in month 1, 20 in month 2, 30 in month 3; assisted 2 months.
const adults = profile('adults', { pattern: 'explicit', monthly: [10, 20, 30], durationMonths: 2 });
// Families: 5 households of 4 persons arrive in month 2; assisted 3 months.
const families = profile('families', {
  kind: 'family',
  unit: 'household',
  personsPerUnit: '4',
  pattern: 'explicit',
  monthly: [0, 5],
  durationMonths: 3,
});

describe('per arrival', () => {
  it('q × take-up × arrivals, in the arrival month', () => {
    const l = line({
      kind: 'perArrival',
      quantity: '1',
      profileIds: ['adults'],
      takeUp: '0.6',
      offset: 0,
      start: 1,
      end: 24,
    });
    const r = compute(model({ lines: [l], profiles: [adults] }));
    // month 1: 1 × 0.6 × 10 = 6 units × 10,000 = 60,000
    // month 2: 1 × 0.6 × 20 = 12 units → 120,000; month 3: 18 units → 180,000
    expect(r.lines[0]?.months.slice(0, 4)).toEqual([60_000, 120_000, 180_000, 0]);
    expect(r.lines[0]?.total).toBe(360_000);
    expect(r.lines[0]?.derivation).toEqual({
      code: 'perArrival',
      params: { arrivals: 60, takeUp: '0.6', quantity: '1', units: '36', offset: 0 },
    });
  });

  it('offset moves the purchase later; the window clips it; households count once', () => {
    const l = line({ kind: 'perArrival', quantity: '2', profileIds: [], takeUp: '1', offset: 1, start: 1, end: 3 });
    const r = compute(model({ lines: [l], profiles: [adults, families] }));
    // all profiles. Bought in month m for arrivals of month m-1:
    // month 2: 2 × (10 adults + 0 households) = 20 units → 200,000
    // month 3: 2 × (20 + 5 households) = 50 units → 500,000
    // month 4 would buy for month-3 arrivals but the window ends in month 3.
    expect(r.lines[0]?.months.slice(0, 5)).toEqual([0, 200_000, 500_000, 0, 0]);
  });
});

describe('per active case-month', () => {
  it('q × active cases of the chosen profiles each month', () => {
    const l = line({ kind: 'perActiveCase', quantity: '0.5', profileIds: ['adults'], start: 1, end: 24 });
    const r = compute(model({ lines: [l], profiles: [adults] }));
    // active adults (2-month assistance): m1 10, m2 30, m3 50, m4 30, m5 0
    // units 0.5 × active: 5, 15, 25, 15 → × 10,000
    expect(r.lines[0]?.months.slice(0, 5)).toEqual([50_000, 150_000, 250_000, 150_000, 0]);
    expect(r.lines[0]?.derivation.params).toMatchObject({ caseMonths: 120, units: '60' });
  });
});

describe('staffing ratio', () => {
  it('ceil(active ÷ cases per staff), clamped to min and max, every window month', () => {
    const l = line(
      { kind: 'staffing', casesPerStaff: '20', min: 1, max: 2, profileIds: ['adults'], start: 1, end: 6 },
      { modality: 'staff', unitCost: 150000 },
    );
    const r = compute(model({ lines: [l], profiles: [adults] }));
    // active: 10, 30, 50, 30, 0, 0 → ceil(÷20): 1, 2, 3, 2, 0, 0 → clamp [1, 2]: 1, 2, 2, 2, 1, 1
    // staff × 150,000: 150,000 300,000 300,000 300,000 150,000 150,000; month 7 on: outside window
    expect(r.lines[0]?.months.slice(0, 7)).toEqual([150_000, 300_000, 300_000, 300_000, 150_000, 150_000, 0]);
    expect(r.metrics.staffMonths).toBe(9); // 1 + 2 + 2 + 2 + 1 + 1
    expect(r.lines[0]?.derivation.params).toMatchObject({ peakCases: 50, peakStaff: 2, staffMonths: 9 });
  });
});

describe('per community and per project', () => {
  it('per community: q × communities, spread over the window', () => {
    const l = line(
      { kind: 'perCommunity', quantity: '1.5', schedule: 'spread', start: 1, end: 4 },
      { level: 'community' },
    );
    const r = compute(model({ programme: { ...programme, communities: 8 }, lines: [l] }));
    // 1.5 × 8 = 12 projects spread over 4 months = 3 a month × 10,000
    expect(r.lines[0]?.months.slice(0, 5)).toEqual([30_000, 30_000, 30_000, 30_000, 0]);
  });

  it('per project: ceil(returnees in persons ÷ returnees per project), once', () => {
    const l = line(
      { kind: 'perProject', returneesPerProject: '25', profileIds: [], schedule: 'once', start: 6, end: 6 },
      { level: 'community', unitCost: 1_000_000, beneficiariesPerUnit: '100', nonMigrantShare: '0.6' },
    );
    const r = compute(model({ lines: [l], profiles: [adults, families] }));
    // persons: 60 adults + 5 households × 4 = 80; 80 ÷ 25 = 3.2 → 4 projects in month 6
    expect(r.lines[0]?.months[5]).toBe(4_000_000);
    expect(r.lines[0]?.total).toBe(4_000_000);
    // reach: 4 projects × 100 people, 60 % non-migrants
    expect(r.lines[0]?.beneficiaries).toBe(400);
    expect(r.metrics.nonMigrantBeneficiaries).toBe(240);
    expect(r.metrics.nonMigrantShare).toBeCloseTo(0.6, 10);
    expect(r.metrics.returneesAssisted).toBe(80);
    expect(r.metrics.directBeneficiaries).toBe(320); // 80 returnees + 240 non-migrants
    expect(r.metrics.costPerBeneficiary).toBe(12_500); // 4,000,000 ÷ 320
  });
});

describe('percentage', () => {
  it('rate × the base lines, month by month; never itself', () => {
    const a = line({ kind: 'fixed', quantity: '1', schedule: 'monthly', start: 1, end: 2 }, { unitCost: 100_000 });
    const b = line(
      { kind: 'fixed', quantity: '1', schedule: 'once', start: 2, end: 2 },
      { level: 'community', unitCost: 50_000 },
    );
    const me = line(
      {
        kind: 'percentage',
        rate: '0.05',
        levels: ['individual', 'community', 'support'],
        lineIds: [],
        start: 1,
        end: 24,
      },
      { level: 'support', unitCost: 0, category: 'monitoringEvaluation' },
    );
    const r = compute(model({ lines: [a, b, me] }));
    // base: m1 100,000; m2 100,000 + 50,000 = 150,000 (the M&E line is in 'support' but never counts itself)
    // 5 %: 5,000 and 7,500
    const res = r.lines.find((x) => x.lineId === me.id);
    expect(res?.months.slice(0, 3)).toEqual([5_000, 7_500, 0]);
    expect(res?.derivation).toEqual({ code: 'percentage', params: { rate: '0.05', base: 250_000 } });
    expect(r.totals.direct).toBe(262_500);
  });

  it('a percentage of a percentage line is computed after it', () => {
    const a = line({ kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 }, { unitCost: 1_000_000 });
    const p1 = line({ kind: 'percentage', rate: '0.1', levels: [], lineIds: [a.id], start: 1, end: 1 });
    const p2 = line({ kind: 'percentage', rate: '0.5', levels: [], lineIds: [p1.id], start: 1, end: 1 });
    // listed p2 first on purpose: order in the model must not matter
    const r = compute(model({ lines: [p2, a, p1] }));
    const byId = new Map(r.lines.map((x) => [x.lineId, x.total]));
    expect(byId.get(p1.id)).toBe(100_000); // 10 % of 1,000,000
    expect(byId.get(p2.id)).toBe(50_000); // 50 % of 100,000
  });

  it('a level base includes the percentage lines of that level, computed first', () => {
    const a = line({ kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 }, { unitCost: 1_000_000 });
    const p1 = line(
      { kind: 'percentage', rate: '0.1', levels: ['individual'], lineIds: [], start: 1, end: 1 },
      { level: 'support' },
    );
    const p2 = line(
      { kind: 'percentage', rate: '0.5', levels: ['support'], lineIds: [], start: 1, end: 1 },
      { level: 'structural' },
    );
    const r = compute(model({ lines: [p2, p1, a] }));
    const byId = new Map(r.lines.map((x) => [x.lineId, x.total]));
    expect(byId.get(p1.id)).toBe(100_000); // 10 % of the individual level (1,000,000)
    expect(byId.get(p2.id)).toBe(50_000); // 50 % of the support level, which is p1 alone
  });

  it('a line that depends on itself through others is a diagnostic on it, not a crash or a hang', () => {
    const p1 = line(
      { kind: 'percentage', rate: '0.1', levels: [], lineIds: ['L-p2'], start: 1, end: 1 },
      { id: 'L-p1' },
    );
    const p2 = line(
      { kind: 'percentage', rate: '0.1', levels: [], lineIds: ['L-p1'], start: 1, end: 1 },
      { id: 'L-p2' },
    );
    const p3 = line(
      { kind: 'percentage', rate: '0.1', levels: [], lineIds: ['L-p2'], start: 1, end: 1 },
      { id: 'L-p3' },
    );
    const r = compute(model({ lines: [p1, p2, p3] }));
    const cyc = r.diagnostics.filter((d) => d.code === 'percentage.cycle').map((d) => d.lineId);
    expect(cyc.sort()).toEqual(['L-p1', 'L-p2', 'L-p3']); // p3 depends on the loop
    expect(r.totals.total).toBe(0);
  });
});

describe('currencies and inflation', () => {
  it('converts local currency at the year rate and inflates from year 2', () => {
    const l = line(
      { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 12, end: 13 },
      { currency: 'XOF', unitCost: 655_957 }, // XOF has no minor unit: 655,957 francs
    );
    const r = compute(
      model({
        programme: { ...programme, durationMonths: 24 },
        lines: [l],
        currencies: [{ code: 'XOF', rates: ['655.957', '655.957'], inflation: '0.1' }],
      }),
    );
    // month 12 (year 1): 655,957 XOF ÷ 655.957 = EUR 1,000.00 = 100,000 cents
    // month 13 (year 2): × 1.1 inflation = EUR 1,100.00 = 110,000 cents
    expect(r.lines[0]?.months.slice(11, 13)).toEqual([100_000, 110_000]);
  });

  it('the reporting currency inflates with programme.inflation; an unknown currency is flagged', () => {
    const a = line({ kind: 'fixed', quantity: '1', schedule: 'once', start: 13, end: 13 });
    const b = line({ kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 }, { currency: 'GNF' });
    const r = compute(model({ programme: { ...programme, inflation: '0.03' }, lines: [a, b] }));
    expect(r.lines[0]?.total).toBe(10_300); // 10,000 × 1.03
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: 'currency.unknown', lineId: b.id }));
    expect(r.lines[1]?.total).toBe(0);
  });
});

describe('funding sources', () => {
  const funders: Funder[] = [
    { id: 'eu', name: 'EU', type: 'donor', status: 'confirmed', ceiling: null, conditionalOnMatch: false, position: 0 },
    {
      id: 'town',
      name: 'Municipality',
      type: 'coFinancier',
      status: 'pipeline',
      ceiling: null,
      conditionalOnMatch: false,
      position: 1,
    },
  ];
  it('splits each line by largest remainder; empty split = main donor; indirect follows the base', () => {
    const a = line(
      { kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 },
      {
        unitCost: 100,
        funding: [
          { funderId: 'eu', share: '0.333' },
          { funderId: 'town', share: '0.667' },
        ],
      },
    );
    const b = line({ kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 }, { unitCost: 1000 });
    const r = compute(model({ programme: { ...programme, indirectRate: '0.1' }, lines: [a, b], funders }));
    // a: 100 × 0.333 = 33.3 → 33, 100 × 0.667 = 66.7 → 67 (largest remainder)
    expect(r.lines[0]?.byFunder).toEqual({ eu: 33, town: 67 });
    // b: all to the main donor
    expect(r.lines[1]?.byFunder).toEqual({ eu: 1000 });
    // indirect 10 % of 1,100 = 110, split by eligible base eu 1,033 : town 67 → 103.3 / 6.7 → 103 / 7
    expect(r.byFunder).toEqual({ eu: 1033 + 103, town: 67 + 7 });
    expect(r.byFunder.eu! + r.byFunder.town!).toBe(r.totals.total);
  });
  it('flags shares that do not sum to 100 % and shows the gap as unfunded, never rescaled', () => {
    const a = line(
      { kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 },
      { unitCost: 999, funding: [{ funderId: 'eu', share: '0.6' }] },
    );
    const r = compute(model({ lines: [a], funders }));
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'funding.sum', lineId: a.id, params: { sum: '60' } }),
    );
    // 60 % of 9.99 = 5.994 → 5.99 to the EU; the 40 % nobody covers (3.996 → 4.00) is unfunded ('').
    expect(r.lines[0]?.byFunder).toEqual({ eu: 599, '': 400 });
  });
  it('50 % + 30 % of 60,000: 30,000 + 18,000 and 12,000 unfunded, indirect costs split the same way', () => {
    const a = line(
      { kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 },
      {
        unitCost: 6_000_000,
        funding: [
          { funderId: 'eu', share: '0.5' },
          { funderId: 'town', share: '0.3' },
        ],
      },
    );
    const r = compute(model({ programme: { ...programme, indirectRate: '0.1' }, lines: [a], funders }));
    expect(r.lines[0]?.byFunder).toEqual({ eu: 3_000_000, town: 1_800_000, '': 1_200_000 });
    // indirect 10 % of 60,000 = 6,000, split as its base: 3,000 / 1,800 / 1,200 unfunded
    expect(r.byFunder).toEqual({ eu: 3_300_000, town: 1_980_000, '': 1_320_000 });
    expect(Object.values(r.byFunder).reduce((x, y) => x + y, 0)).toBe(r.totals.total);
  });
  it('a source seen only after an unfunded gap still gets its share of the indirect costs', () => {
    const once = { kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 } as const;
    const a = line(once, { unitCost: 1000, funding: [{ funderId: 'eu', share: '0.5' }] });
    const b = line(once, { unitCost: 1000, funding: [{ funderId: 'town', share: '1' }] });
    const r = compute(model({ programme: { ...programme, indirectRate: '0.1' }, lines: [a, b], funders }));
    // direct: eu 500, unfunded 500, town 1,000; indirect 200 split 50 / 50 / 100 the same way
    expect(r.byFunder).toEqual({ eu: 550, town: 1100, '': 550 });
  });
  it('a share naming a source that no longer exists is unfunded, not given to the others', () => {
    const a = line(
      { kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 },
      {
        unitCost: 1000,
        funding: [
          { funderId: 'eu', share: '0.75' },
          { funderId: 'gone', share: '0.25' },
        ],
      },
    );
    const r = compute(model({ lines: [a], funders }));
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: 'funding.unknownFunder', lineId: a.id }));
    expect(r.lines[0]?.byFunder).toEqual({ eu: 750, '': 250 });
  });
});

describe('metrics', () => {
  it('cost per returnee, individual only and all-in; peak caseload', () => {
    const pkg = line({ kind: 'perArrival', quantity: '1', profileIds: [], takeUp: '1', offset: 0, start: 1, end: 24 });
    const mgmt = line(
      { kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 },
      { level: 'support', unitCost: 600_000 },
    );
    const r = compute(model({ lines: [pkg, mgmt], profiles: [adults] }));
    // 60 adults × 10,000 = 600,000 individual; + 600,000 support = 1,200,000
    expect(r.metrics.costPerReturneeIndividual).toBe(10_000);
    expect(r.metrics.costPerReturneeAllIn).toBe(20_000);
    expect(r.metrics.peakActiveCases).toBe(50);
    expect(r.metrics.peakMonth).toBe(3);
  });
});

// ---- properties -------------------------------------------------------------------------------

const driverArb: fc.Arbitrary<Driver> = fc.oneof(
  fc.record({
    kind: fc.constant('fixed' as const),
    quantity: fc.constantFrom('1', '2.5', '0', '13'),
    schedule: fc.constantFrom('once' as const, 'spread' as const, 'monthly' as const),
    start: fc.integer({ min: 1, max: 12 }),
    end: fc.integer({ min: 12, max: 24 }),
  }),
  fc.record({
    kind: fc.constant('perArrival' as const),
    quantity: fc.constantFrom('1', '0.5'),
    profileIds: fc.constantFrom<string[]>([], ['adults'], ['families']),
    takeUp: fc.constantFrom('1', '0.228', '0.6'),
    offset: fc.integer({ min: 0, max: 3 }),
    start: fc.constant(1),
    end: fc.constant(24),
  }),
  fc.record({
    kind: fc.constant('perActiveCase' as const),
    quantity: fc.constantFrom('1', '0.25'),
    profileIds: fc.constantFrom<string[]>([], ['adults']),
    start: fc.constant(1),
    end: fc.integer({ min: 1, max: 24 }),
  }),
  fc.record({
    kind: fc.constant('staffing' as const),
    casesPerStaff: fc.constantFrom('7', '12.5'),
    min: fc.integer({ min: 0, max: 2 }),
    max: fc.constantFrom(null, 3, 10),
    profileIds: fc.constantFrom<string[]>([], ['families']),
    start: fc.constant(1),
    end: fc.constant(24),
  }),
  fc.record({
    kind: fc.constant('percentage' as const),
    rate: fc.constantFrom('0.05', '0.1'),
    levels: fc.constantFrom<Level[]>(['individual'], ['community', 'structural']),
    lineIds: fc.constant<string[]>([]),
    start: fc.constant(1),
    end: fc.constant(24),
  }),
);

const lineArb = fc.record({
  driver: driverArb,
  level: fc.constantFrom('individual' as const, 'community' as const, 'structural' as const, 'support' as const),
  unitCost: fc.integer({ min: 0, max: 5_000_000 }),
  currency: fc.constantFrom('EUR', 'XOF'),
  funding: fc.constantFrom<FundingShare[]>(
    [],
    [{ funderId: 'eu', share: '1' }],
    [
      { funderId: 'eu', share: '0.7' },
      { funderId: 'gov', share: '0.3' },
    ],
    [{ funderId: 'gov', share: '0.45' }],
  ),
  eligibleIndirect: fc.boolean(),
});

const propFunders: Funder[] = [
  { id: 'eu', name: 'EU', type: 'donor', status: 'confirmed', ceiling: null, conditionalOnMatch: false, position: 0 },
  {
    id: 'gov',
    name: 'Gov',
    type: 'government',
    status: 'pipeline',
    ceiling: null,
    conditionalOnMatch: false,
    position: 1,
  },
];

type LineSpec = typeof lineArb extends fc.Arbitrary<infer T> ? T : never;

function propModel(specs: LineSpec[], extraProfiles: Profile[] = []): Model {
  return model({
    programme: { ...programme, indirectRate: '0.07', contingencyRate: '0.03', inflation: '0.02', communities: 5 },
    lines: specs.map((s, i) => line(s.driver, { ...s, id: `P${i}`, position: i })),
    profiles: [adults, families, ...extraProfiles],
    currencies: [{ code: 'XOF', rates: ['655.957', '660'], inflation: '0.05' }],
    funders: propFunders,
  });
}

describe('properties', () => {
  it('the sum of line-months equals every total; funder splits add up to the line', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 15 }), (specs) => {
        const r = compute(propModel(specs));
        const lineMonths = r.lines.reduce((s, l) => s + l.months.reduce((a, b) => a + b, 0), 0);
        expect(r.totals.direct).toBe(lineMonths);
        for (const l of r.lines) {
          expect(Object.values(l.byFunder).reduce((a, b) => a + b, 0)).toBe(l.total);
          expect(l.months.every(Number.isSafeInteger)).toBe(true);
        }
        const add = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
        expect(add(r.byLevel)).toBe(r.totals.direct);
        expect(add(r.byDimension)).toBe(r.totals.direct);
        expect(add(r.byCategory)).toBe(r.totals.direct);
        expect(add(r.byFunder)).toBe(r.totals.total);
        expect(r.byYear.reduce((a, b) => a + b, 0)).toBe(r.totals.total);
        expect(r.totals.total).toBe(r.totals.direct + r.totals.indirect + r.totals.contingency);
      }),
      { numRuns: 150 },
    );
  });

  it('changing a profile that no line uses changes no amount', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 10 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.constantFrom('even' as const, 'front' as const, 'back' as const),
        (specs, arrivals, pattern) => {
          // Lines name profiles explicitly here (no "all profiles"), so 'unused' is truly unused.
          const named = specs.map((s) =>
            'profileIds' in s.driver && s.driver.profileIds.length === 0
              ? { ...s, driver: { ...s.driver, profileIds: ['adults'] } }
              : s,
          );
          const unused = profile('unused', { arrivals: 10, pattern: 'even', arrivalStart: 1, arrivalEnd: 12 });
          const before = compute(propModel(named, [unused]));
          const after = compute(propModel(named, [{ ...unused, arrivals, pattern }]));
          expect(after.lines.map((l) => l.months)).toEqual(before.lines.map((l) => l.months));
          expect(after.totals).toEqual(before.totals);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the fast amount path agrees with the exact definition', () => {
  it('fixed monthly lines in a local currency: months = running-rounded exact q × cost × (1+i)^(y-1) ÷ rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.constantFrom('1', '0.5', '3.25', '7'),
        fc.constantFrom('0', '0.035', '-0.01', '0.1'),
        fc.array(fc.constantFrom('655.957', '1', '0.9', '12.5', '3'), { minLength: 1, maxLength: 3 }),
        (unitCost, quantity, inflation, rates) => {
          const l = line(
            { kind: 'fixed', quantity, schedule: 'monthly', start: 1, end: 36 },
            { currency: 'XOF', unitCost },
          );
          const r = compute(
            model({
              programme: { ...programme, durationMonths: 36 },
              lines: [l],
              currencies: [{ code: 'XOF', rates, inflation }],
            }),
          );
          // Reference: exact per month with rationals, then the running-total rounding rule.
          const exact = Array.from({ length: 36 }, (_, m) => {
            const y = Math.floor(m / 12);
            const rate = dec(rates[y] ?? (rates[rates.length - 1] as string));
            const infl = pow(add(fromInt(1), dec(inflation)), y);
            // XOF has 0 decimals, EUR 2: × 100 to reach cents
            return mul(mul(mul(dec(quantity), fromInt(unitCost)), infl), rat(100n * rate.d, rate.n));
          });
          expect(r.lines[0]?.months).toEqual(roundRunning(exact));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('reach of community lines', () => {
  // totals.ts works whole numbers of people out in doubles when it can: the same numbers as the exact
  // products, whole or not, small or beyond 2^53 (where it falls back to rationals).
  const exact = (q: string, perUnit: string, share: string): { people: number; nonMigrants: number } => {
    const people = mul(dec(q), dec(perUnit));
    const nonMigrants = mul(people, dec(share));
    return { people: Number(people.n) / Number(people.d), nonMigrants: Number(nonMigrants.n) / Number(nonMigrants.d) };
  };
  const decimal = (max: number, places: number) =>
    fc
      .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: 10 ** places - 1 }))
      .map(([w, f]) =>
        places === 0 || f === 0 ? String(w) : `${w}.${String(f).padStart(places, '0').replace(/0+$/, '')}`,
      );
  it('people reached and non-migrants among them equal the exact products', () => {
    fc.assert(
      fc.property(
        fc.oneof(decimal(1000, 0), decimal(1000, 3), decimal(999_999_999, 6)),
        fc.oneof(decimal(500, 0), decimal(500, 2), decimal(99_999_999, 6)),
        fc.oneof(fc.constant('0'), fc.constant('1'), decimal(0, 6), decimal(1, 2)),
        (q, perUnit, share) => {
          const l = line(
            { kind: 'fixed', quantity: q, schedule: 'once', start: 1, end: 1 },
            { level: 'community', unitCost: 1, beneficiariesPerUnit: perUnit, nonMigrantShare: share },
          );
          const r = compute(model({ lines: [l] }));
          const want = exact(q, perUnit, share);
          expect(r.lines[0]?.beneficiaries).toBe(want.people);
          expect(r.lines[0]?.nonMigrantBeneficiaries).toBe(want.nonMigrants);
        },
      ),
      { numRuns: 400, seed: 11 },
    );
  });
});
