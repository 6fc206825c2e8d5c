/**
 * Synergies (src-shared/engine/synergies.ts): one golden test per type with its arithmetic written
 * out (the papers' figures where they exist), the order and cap decisions, and property tests over
 * random programmes: covered + net = gross for every line-month, covered never above gross, no
 * synergy = today's totals, confidence 1 gives expected = net and confidence 0 expected = gross.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compute,
  computeSynergies,
  coveredCasesParts,
  expectedRisk,
  programmeMonthOf,
  shareOfEachMonth,
  type SynergyResult,
} from '../../src-shared/engine';
import {
  type BudgetLine,
  defaultProfileFields,
  type Model,
  type Partner,
  type Profile,
  type Synergy,
  type SynergyEffect,
} from '../../src-shared/model';
import {
  add,
  allocateSafe,
  dec,
  fromInt,
  largestRemainderInto,
  mul,
  rat,
  roundHalfAway,
  sub,
  ZERO,
} from '../../src-shared/money';
import { lineBuilder, testProgramme } from './model-fixtures';

const partner = (over: Partial<Partner> = {}): Partner => ({
  id: 'P1',
  position: 0,
  name: 'Partner employment programme',
  organisation: '',
  type: 'development',
  startMonth: '2027-01',
  endMonth: '2035-12',
  notes: '',
  ...over,
});

let seq = 0;
const synergy = (effect: SynergyEffect, lineIds: string[], over: Partial<Synergy> = {}): Synergy => {
  seq += 1;
  return {
    id: `S${seq}`,
    position: seq,
    partnerId: 'P1',
    name: `Synergy ${seq}`,
    effect,
    lineIds,
    profileIds: [],
    firstMonth: 1,
    lastMonth: 120,
    commitment: 'general',
    status: 'signed',
    confidence: null,
    funderId: null,
    notes: '',
    ...over,
  };
};

/** A profile whose arrivals are the explicit monthly numbers given. */
const profile = (id: string, monthly: number[], durationMonths = 12): Profile => ({
  ...defaultProfileFields('adult', id, 36),
  id,
  position: 0,
  pattern: 'explicit',
  monthly,
  arrivals: monthly.reduce((a, b) => a + b, 0),
  durationMonths,
});

function model(lines: BudgetLine[], profiles: Profile[] = [], durationMonths = 24): Model {
  return {
    programme: testProgramme({ durationMonths, indirectRate: '0', contingencyRate: '0' }),
    lines,
    profiles,
    currencies: [],
    funders: [],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
  };
}

function run(m: Model, synergies: Synergy[], partners: Partner[] = [partner()]): SynergyResult {
  return computeSynergies(m, partners, synergies, compute(m));
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('referral', () => {
  const line = lineBuilder('R');
  // 202 returnees arrive in month 1; the programme pays EUR 1,000.00 of job placement for each.
  const placement = line({
    unitCost: 100_000,
    driver: { kind: 'perArrival', quantity: '1', profileIds: ['A'], takeUp: '1', offset: 0, start: 1, end: 24 },
  });
  const m = model([placement], [profile('A', [202])]);
  const referral = (capacity: number | null) =>
    synergy(
      // INTEGRA: 46 of 202 referred returnees took the partner's service up = 22.8 %.
      { type: 'referral', share: '1', uptake: '0.228', capacity, coordinationCost: 2_500 },
      [placement.id],
    );

  it('the partner delivers share × uptake of the units; each referral costs the programme its coordination', () => {
    const r = run(m, [referral(null)]);
    // Gross 202 × 100,000 = 20,200,000; covered 20,200,000 × 1 × 0.228 = 4,605,600 (outside the budget).
    expect(r.lines[0]?.gross[0]).toBe(20_200_000);
    expect(r.lines[0]?.coveredOutside[0]).toBe(4_605_600);
    expect(r.lines[0]?.net[0]).toBe(15_594_400);
    // 202 referrals × 2,500 = 505,000 of coordination; 202 × 0.228 = 46.056 taken up.
    expect(r.synergies[0]).toMatchObject({ referred: 202, takenUp: 46, coveredTotal: 4_605_600 });
    expect(r.totals.coordination).toBe(505_000);
    expect(r.totals.net).toBe(15_594_400 + 505_000);
    expect(r.totals.gross).toBe(20_200_000 + 505_000);
  });

  it('stops at the partner’s capacity: no cover and no referral beyond it', () => {
    const r = run(m, [referral(40)]);
    // 46.056 would take it up, 40 places: k = 40 ÷ 46.056; covered 4,605,600 × k = 20,200,000 × 40 ÷ 202 = 4,000,000.
    expect(r.synergies[0]?.coveredTotal).toBe(4_000_000);
    // Referrals made: 202 × k = 175.4386 → 175; coordination 175.4386 × 2,500 = 438,596.49 → 438,596.
    expect(r.synergies[0]).toMatchObject({ referred: 175, takenUp: 40, beyondCapacity: 6 });
    expect(r.totals.coordination).toBe(438_596);
  });
});

describe('co-financing, cost sharing and handover', () => {
  const line = lineBuilder('C');
  const monthly = (months: number, unitCost: number) =>
    line({ unitCost, driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 1, end: months } });

  it('a share of the target lines, in the synergy’s months only', () => {
    const l = monthly(12, 1_000);
    const r = run(model([l]), [
      synergy({ type: 'coFinancing', basis: 'share', share: '0.4', amount: 0 }, [l.id], { lastMonth: 6 }),
    ]);
    // 6 months × 40 % × 1,000 = 2,400 covered, inside the budget; 12,000 − 2,400 = 9,600 net.
    expect(sum(r.lines[0]?.coveredInside ?? [])).toBe(2_400);
    expect(sum(r.lines[0]?.net ?? [])).toBe(9_600);
    expect(r.lines[0]?.coveredInside.slice(5, 7)).toEqual([400, 0]);
  });

  it('a fixed amount, spread over the target line-months by their gross (largest remainder)', () => {
    const l = monthly(12, 1_000);
    const r = run(model([l]), [
      synergy({ type: 'coFinancing', basis: 'amount', share: '0', amount: 2_500 }, [l.id], { lastMonth: 6 }),
    ]);
    // 2,500 ÷ 6 = 416.67: 416 each, the 4 units left to the first four months.
    expect(r.lines[0]?.coveredInside.slice(0, 7)).toEqual([417, 417, 417, 417, 416, 416, 0]);
  });

  it('handover: a share per programme year (Ethiopia: officers taken over by the government)', () => {
    const l = monthly(36, 100_000);
    const m = model([l], [], 36);
    const r = run(m, [synergy({ type: 'handover', shares: ['0', '0.5', '1'] }, [l.id])]);
    // Year 1: nothing; year 2: 12 × 50,000 = 600,000; year 3: 12 × 100,000 = 1,200,000.
    expect(r.partners[0]?.byYear).toEqual([0, 600_000, 1_200_000]);
    expect(r.totals.net).toBe(36 * 100_000 - 1_800_000);
  });

  it('two synergies on one line: the second covers only what the first left (order of the screen)', () => {
    const l = monthly(1, 10_000);
    const first = synergy({ type: 'coFinancing', basis: 'share', share: '0.7', amount: 0 }, [l.id]);
    const second = synergy({ type: 'costSharing', share: '0.5' }, [l.id]);
    const r = run(model([l]), [second, first]);
    expect(r.synergies.map((s) => [s.synergyId, s.coveredTotal])).toEqual([
      [first.id, 7_000],
      [second.id, 3_000],
    ]);
    expect(r.lines[0]?.net[0]).toBe(0);
  });

  it('only shares above 100 % are over-claimed, never a cent the running roundings move', () => {
    // 101 a month: 50 % is 50.5, its running total rounded month by month (ties away from zero); then 100 % in year 2.
    const l = monthly(24, 101);
    const alone = run(model([l]), [synergy({ type: 'handover', shares: ['0.5', '1'] }, [l.id])]);
    expect(alone.lines[0]?.overClaimed).toBe(0);
    const both = run(model([l]), [
      synergy({ type: 'costSharing', share: '0.7' }, [l.id]),
      synergy({ type: 'coFinancing', basis: 'share', share: '0.5', amount: 0 }, [l.id]),
    ]);
    // 20 % of 24 × 101 claimed twice.
    expect(both.lines[0]?.overClaimed).toBe(Math.round(0.2 * 24 * 101));
    // One synergy alone whose stored share is above 100 % (a hand-edited file): 50 % over, each month.
    const over = run(model([l]), [synergy({ type: 'costSharing', share: '1.5' }, [l.id])]);
    expect(over.lines[0]?.overClaimed).toBe(Math.round(0.5 * 24 * 101));
    // The same line listed twice by one synergy: its two claims add up.
    const twice = run(model([l]), [synergy({ type: 'costSharing', share: '0.7' }, [l.id, l.id])]);
    expect(twice.lines[0]?.overClaimed).toBe(Math.round(0.4 * 24 * 101));
  });

  it('the partner’s own dates limit the synergy', () => {
    const l = monthly(12, 1_000);
    // The partner programme runs from April 2027: programme months 4 on.
    const p = partner({ startMonth: '2027-04', endMonth: '2027-08' });
    expect(programmeMonthOf('2027-01', '2027-04')).toBe(4);
    const r = run(model([l]), [synergy({ type: 'costSharing', share: '1' }, [l.id])], [p]);
    expect(r.synergies[0]?.window).toEqual({ start: 4, end: 8 });
    expect(r.synergies[0]?.coveredTotal).toBe(5_000);
  });
});

describe('matching fund', () => {
  const line = lineBuilder('M');
  // 10 grants of EUR 2,000.00 in month 1.
  const grants = line({
    unitCost: 200_000,
    modality: 'matchingGrant',
    driver: { kind: 'perArrival', quantity: '1', profileIds: ['A'], takeUp: '1', offset: 0, start: 1, end: 24 },
  });
  const m = model([grants], [profile('A', [10])]);
  const matching = (over: Partial<Extract<SynergyEffect, { type: 'matching' }>>) =>
    synergy(
      {
        type: 'matching',
        programmePart: '1',
        partnerPart: '1',
        capPerGrant: null,
        collectiveCap: null,
        mode: 'share',
        ...over,
      },
      [grants.id],
    );

  it('1+1, programme pays only its share: the partner covers half (PARE 1+1)', () => {
    expect(run(m, [matching({})]).synergies[0]?.coveredTotal).toBe(1_000_000);
  });

  it('caps per grant and in all (El Cucayo 50–50 with caps)', () => {
    // Half of 2,000,000, but at most 800.00 a grant: 10 × 80,000 = 800,000; 200,000 cut off.
    expect(run(m, [matching({ capPerGrant: 80_000 })]).synergies[0]).toMatchObject({
      coveredTotal: 800_000,
      capped: 200_000,
    });
    expect(run(m, [matching({ collectiveCap: 500_000 })]).synergies[0]?.coveredTotal).toBe(500_000);
  });

  it('1×3 in leverage mode: the investment grows beside the budget, the cost does not change', () => {
    const r = run(m, [matching({ partnerPart: '3', mode: 'leverage' })]);
    expect(r.totals.leveraged).toBe(6_000_000);
    expect(r.totals.covered).toBe(0);
    expect(r.totals.net).toBe(2_000_000);
    expect(r.totals.leverage).toBe(3);
  });
});

describe('public service take-over and community projects open to all', () => {
  it('the public scheme pays for the cases enrolled for `delay` months (Mali health cover)', () => {
    const line = lineBuilder('H');
    const care = line({
      unitCost: 1_000,
      driver: { kind: 'perActiveCase', quantity: '1', profileIds: ['A'], start: 1, end: 24 },
    });
    const m = model([care], [profile('A', [12], 12)]);
    const r = run(m, [synergy({ type: 'publicService', share: '1', delayMonths: 3 }, [care.id])]);
    // 12 cases active in months 1–12 (12,000 a month); covered from month 4: 9 × 12,000 = 108,000.
    expect(r.lines[0]?.coveredOutside.slice(0, 5)).toEqual([0, 0, 0, 12_000, 12_000]);
    expect(r.synergies[0]?.coveredTotal).toBe(108_000);
    expect(sum(r.lines[0]?.net ?? [])).toBe(36_000);
  });

  it('opening a project to the community adds non-migrant beneficiaries at the same cost (Joint Initiative)', () => {
    const line = lineBuilder('J');
    const project = line({ level: 'community', unitCost: 1_000, beneficiariesPerUnit: '2490' });
    const m = model([project]);
    // 2,943 of 5,433 beneficiaries were community members: 54.17 %. 2,490 × 0.5417 ÷ 0.4583 = 2,943.1.
    const r = run(m, [synergy({ type: 'communityOpen', nonMigrantShare: '0.5417' }, [project.id])]);
    expect(r.totals.addedBeneficiaries).toBe(2_943);
    expect(r.totals.covered).toBe(0);
    // The reach metrics count them: 2,490 + 2,943 = 5,433 community beneficiaries, 2,943 of them
    // non-migrants; direct beneficiaries (no returnee profile here) 2,943; the same cost, 1,000,
    // now per 2,943 people: 0.3398 → 0.
    const withIt = compute({
      ...m,
      partners: [partner()],
      synergies: [synergy({ type: 'communityOpen', nonMigrantShare: '0.5417' }, [project.id])],
    });
    expect(withIt.totals).toEqual(compute(m).totals);
    expect(withIt.metrics).toMatchObject({
      communityBeneficiaries: 5_433,
      nonMigrantBeneficiaries: 2_943,
      directBeneficiaries: 2_943,
      costPerBeneficiary: 0,
    });
    expect(withIt.metrics.nonMigrantShare).toBeCloseTo(2_943 / 5_433, 12);
  });
});

const effects: fc.Arbitrary<SynergyEffect> = fc.oneof(
  fc.record({
    type: fc.constant('referral' as const),
    share: fc.constantFrom('0', '0.25', '1'),
    uptake: fc.constantFrom('0.228', '0.5', '1'),
    capacity: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
    coordinationCost: fc.integer({ min: 0, max: 10_000 }),
  }),
  fc.record({
    type: fc.constant('coFinancing' as const),
    basis: fc.constantFrom('share' as const, 'amount' as const),
    share: fc.constantFrom('0.1', '0.333', '1'),
    amount: fc.integer({ min: 0, max: 10_000_000 }),
  }),
  fc.record({ type: fc.constant('costSharing' as const), share: fc.constantFrom('0.5', '0.07', '1') }),
  fc.record({
    type: fc.constant('matching' as const),
    programmePart: fc.constantFrom('1', '25', '50'),
    partnerPart: fc.constantFrom('1', '3', '75'),
    capPerGrant: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    collectiveCap: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
    mode: fc.constantFrom('share' as const, 'leverage' as const),
  }),
  fc.record({
    type: fc.constant('handover' as const),
    shares: fc.array(fc.constantFrom('0', '0.5', '0.75', '1'), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant('publicService' as const),
    share: fc.constantFrom('0.3', '1'),
    delayMonths: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record({ type: fc.constant('communityOpen' as const), nonMigrantShare: fc.constantFrom('0', '0.5417', '1') }),
);

const programmes = fc
  .record({
    arrivals: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 18 }),
    costs: fc.array(fc.integer({ min: 0, max: 500_000 }), { minLength: 1, maxLength: 5 }),
    picks: fc.array(
      fc.record({
        effect: effects,
        targets: fc.array(fc.nat(4), { minLength: 1, maxLength: 3 }),
        start: fc.integer({ min: 1, max: 18 }),
        length: fc.integer({ min: 0, max: 18 }),
        confidence: fc.constantFrom('0', '0.3', '1'),
      }),
      { maxLength: 5 },
    ),
  })
  .map(({ arrivals, costs, picks }) => {
    const line = lineBuilder('L');
    const lines = costs.map((unitCost, i) =>
      line({
        unitCost,
        // Fractional people reached on community lines (a project open to all counts them).
        level: i % 3 === 2 ? 'community' : 'individual',
        beneficiariesPerUnit: '0.35',
        driver:
          i % 2 === 0
            ? { kind: 'perArrival', quantity: '1', profileIds: ['A'], takeUp: '1', offset: 0, start: 1, end: 18 }
            : { kind: 'perActiveCase', quantity: '0.5', profileIds: [], start: 1, end: 18 },
      }),
    );
    const m = model(lines, [profile('A', arrivals, 6)], 18);
    const synergies = picks.map((p) =>
      synergy(
        p.effect,
        p.targets.map((t) => lines[t % lines.length]?.id ?? ''),
        {
          firstMonth: p.start,
          lastMonth: p.start + p.length,
          confidence: p.confidence,
          funderId: p.start % 3 === 0 ? null : p.start % 3 === 1 ? 'GOV' : 'EU',
        },
      ),
    );
    return { m, synergies };
  });

describe('expected cost: Σ (1 − confidence) × covered', () => {
  it('in whole millionths where that is exact, the same as in rationals, extreme values included', () => {
    const confidence = fc.oneof(
      fc.integer({ min: 0, max: 1_000_000 }).map((k) => (k === 1_000_000 ? '1' : `0.${String(k).padStart(6, '0')}`)),
      // Finer than millionths (a sensitivity or Monte-Carlo draw scales a confidence): rationals.
      fc.integer({ min: 1, max: 10 ** 9 }).map((k) => `0.${String(k).padStart(14, '0')}`),
      fc.constantFrom('0', '1', '0.3', '0.6', '0.9'),
    );
    const covered = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10 ** 15 }));
    fc.assert(
      fc.property(fc.array(fc.record({ confidence, coveredTotal: covered }), { maxLength: 40 }), (outcomes) => {
        let exact = ZERO;
        for (const o of outcomes) exact = add(exact, mul(sub(rat(1), dec(o.confidence)), fromInt(o.coveredTotal)));
        expect(expectedRisk(outcomes)).toBe(Number(roundHalfAway(exact)));
      }),
      { numRuns: 400 },
    );
  });

  it('rounds a half away from zero once, at the end: 0.5 × 1 + 0.5 × 2 = 1.5 gives 2', () => {
    expect(
      expectedRisk([
        { confidence: '0.5', coveredTotal: 1 },
        { confidence: '0.5', coveredTotal: 2 },
      ]),
    ).toBe(2);
  });
});

describe('properties over random programmes', () => {
  it('covered + net = gross on every line-month, covered never above gross nor below 0', () => {
    fc.assert(
      fc.property(programmes, ({ m, synergies }) => {
        const r = run(m, synergies);
        for (const l of r.lines) {
          l.gross.forEach((g, i) => {
            const inside = l.coveredInside[i] as number;
            const outside = l.coveredOutside[i] as number;
            expect(inside + outside + (l.net[i] as number)).toBe(g);
            expect(inside).toBeGreaterThanOrEqual(0);
            expect(outside).toBeGreaterThanOrEqual(0);
            expect(inside + outside).toBeLessThanOrEqual(g);
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('without synergies the totals are today’s; confidence 1 gives expected = net, 0 gives expected = gross', () => {
    fc.assert(
      fc.property(programmes, ({ m, synergies }) => {
        const result = compute(m);
        const none = computeSynergies(m, [partner()], [], result);
        expect(none.totals.net).toBe(result.totals.direct);
        expect(none.totals.gross).toBe(result.totals.direct);
        expect(none.totals.expected).toBe(result.totals.direct);

        const sure = run(
          m,
          synergies.map((s) => ({ ...s, confidence: '1' })),
        );
        expect(sure.totals.expected).toBe(sure.totals.net);
        const doubtful = run(
          m,
          synergies.map((s) => ({ ...s, confidence: '0' })),
        );
        expect(doubtful.totals.expected).toBe(doubtful.totals.worstCase);
        expect(doubtful.totals.worstCase).toBe(doubtful.totals.net + doubtful.totals.covered);
      }),
      { numRuns: 100 },
    );
  });

  it('each partner’s drop-out adds up across years and across funding sources', () => {
    fc.assert(
      fc.property(programmes, ({ m, synergies }) => {
        const r = run(m, synergies);
        for (const d of r.partners) {
          expect(sum(d.byYear)).toBe(d.total);
          expect(sum(Object.values(d.byFunder))).toBe(d.total);
        }
        expect(sum(r.partners.map((d) => d.total))).toBe(r.totals.covered);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the fast path of shares', () => {
  it('gives exactly what exact rationals give, extreme amounts and fine shares included', () => {
    const share = fc.oneof(
      fc
        .integer({ min: 0, max: 1_000_000 })
        .map((n) => (n === 1_000_000 ? '1' : `0.${String(n).padStart(6, '0')}`.replace(/0+$/, '').replace(/\.$/, ''))),
      fc.constantFrom('0.5', '0.3333333', '0.123456789', '1', '0'),
    );
    // Either sign (a line's amounts are never negative, but the doubles must round a negative running
    // total as the rationals do), and small odd amounts, which at 50 % make exact halves.
    const amounts = fc.array(
      fc.oneof(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1e15 }),
        fc.integer({ min: -1e15, max: 1e15 }),
        fc.integer({ min: -9, max: 9 }).map((n) => 2 * n + 1),
      ),
      { maxLength: 120 },
    );
    fc.assert(
      fc.property(amounts, share, (xs, s) => {
        expect(shareOfEachMonth(xs, s)).toEqual(shareOfEachMonth(xs, s, true));
      }),
      { numRuns: 600 },
    );
  });

  it('rounds ties away from zero, in doubles as in rationals: 50 % of 1, 3, −5, −3 is 0.5, 1.5, −2.5, −1.5', () => {
    // Running totals 0.5 → 1, 2 → 2, −0.5 → −1, −2 → −2.
    for (const exact of [false, true]) expect(shareOfEachMonth([1, 3, -5, -3], '0.5', exact)).toEqual([1, 1, -3, -1]);
    // A tie every other month, 50 % of 101: 50.5 → 51, 101 → 101 (steps 51, 50), and so on.
    expect(shareOfEachMonth([101, 101, 101], '0.5')).toEqual([51, 50, 51]);
  });

  it('a public service’s parts (gross × share × covered ÷ active) are what exact rationals give, ties included', () => {
    const share = fc.constantFrom('0.3', '0.5', '1', '0.25', '0.1234567', '0');
    // Months of (gross, covered, active): small odd grosses at 50 % of all cases make exact halves,
    // of either sign (grosses are never negative in a model; the doubles must still agree).
    const month = fc.oneof(
      fc.record({
        gross: fc.integer({ min: -9, max: 9 }).map((n) => 2 * n + 1),
        active: fc.integer({ min: 1, max: 4 }),
        part: fc.constant(1),
      }),
      fc.record({
        gross: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 1e14 })),
        active: fc.integer({ min: 0, max: 5_000 }),
        part: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(fc.array(month, { maxLength: 60 }), share, (ms, s) => {
        const gross = ms.map((x) => x.gross);
        const active = ms.map((x) => x.active);
        const covered = ms.map((x) => Math.floor(x.active * x.part));
        expect(coveredCasesParts(gross, covered, active, s)).toEqual(
          coveredCasesParts(gross, covered, active, s, true),
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('who pays what partners cover inside the budget', () => {
  const funders: Model['funders'] = [
    { id: 'EU', position: 0, name: 'EU', type: 'donor', status: 'confirmed', ceiling: null, conditionalOnMatch: false },
    {
      id: 'GOV',
      position: 1,
      name: 'Ministry',
      type: 'government',
      status: 'confirmed',
      ceiling: null,
      conditionalOnMatch: false,
    },
  ];

  it('a handover puts its part under the government, year by year; the line and the programme still add up', () => {
    const line = lineBuilder('F')({
      unitCost: 100_000,
      driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 1, end: 36 },
      funding: [{ funderId: 'EU', share: '1' }],
    });
    const m: Model = {
      ...model([line], [], 36),
      funders,
      partners: [partner()],
      synergies: [synergy({ type: 'handover', shares: ['0', '0.5', '1'] }, [line.id], { funderId: 'GOV' })],
    };
    const r = compute(m);
    // Year 2: 12 × 50,000; year 3: 12 × 100,000 = 1,800,000 under the ministry, the rest under the EU.
    expect(r.lines[0]?.byFunder).toEqual({ EU: 1_800_000, GOV: 1_800_000 });
    expect(r.byFunder.GOV).toBe(1_800_000);
    expect((r.byFunder.EU ?? 0) + (r.byFunder.GOV ?? 0)).toBe(r.totals.total);
    // Without a source named, the split stays as it was.
    const none = compute({ ...m, synergies: m.synergies.map((s) => ({ ...s, funderId: null })) });
    expect(none.lines[0]?.byFunder).toEqual({ EU: 3_600_000 });
  });

  it('on random programmes: every line and the programme still add up, no source goes below zero', () => {
    fc.assert(
      fc.property(programmes, ({ m, synergies }) => {
        const split = m.lines.map((l, i) => ({
          ...l,
          funding:
            i % 2 === 0
              ? [{ funderId: 'EU', share: '1' }]
              : [
                  { funderId: 'EU', share: '0.6' },
                  { funderId: 'GOV', share: '0.3' },
                ],
        }));
        const r = compute({ ...m, lines: split, funders, partners: [partner()], synergies });
        for (const l of r.lines) {
          expect(sum(Object.values(l.byFunder))).toBe(l.total);
          for (const v of Object.values(l.byFunder)) expect(v).toBeGreaterThanOrEqual(0);
        }
        expect(sum(Object.values(r.byFunder))).toBe(r.totals.total);
      }),
      { numRuns: 100 },
    );
  });
});

describe('outside the budget (DESIGN §5): what partners deliver themselves is reported beside it', () => {
  const line = lineBuilder('O');
  // INTEGRA again: 202 returnees in month 1, EUR 1,000.00 of job placement each, 22.8 % taken up by the partner.
  const placement = line({
    unitCost: 100_000,
    driver: { kind: 'perArrival', quantity: '1', profileIds: ['A'], takeUp: '1', offset: 0, start: 1, end: 24 },
  });
  // M&E: 10 % of the individual level, on the support level.
  const me = line({
    level: 'support',
    driver: { kind: 'percentage', rate: '0.1', levels: ['individual'], lineIds: [], start: 1, end: 24 },
  });
  const base = model([placement, me], [profile('A', [202])]);
  const m: Model = {
    ...base,
    programme: { ...base.programme, indirectRate: '0.07' },
    partners: [partner()],
    synergies: [
      synergy({ type: 'referral', share: '1', uptake: '0.228', capacity: null, coordinationCost: 2_500 }, [
        placement.id,
      ]),
    ],
  };

  it('the budget holds the line less what the partner delivers, and the coordination as a line of its own', () => {
    const r = compute(m);
    const id = m.synergies[0]?.id ?? '';
    const placed = r.lines.find((l) => l.lineId === placement.id);
    // Gross 20,200,000; the partner delivers 4,605,600 itself: 15,594,400 in the budget.
    expect(placed).toMatchObject({ total: 15_594_400, partnerDelivered: 4_605_600, coordinationOf: null });
    // 202 referrals × 2,500 = 505,000, on the individual level (the placement's), after its lines.
    const coordination = r.lines.find((l) => l.coordinationOf === id);
    expect(coordination).toMatchObject({ lineId: `coordination:${id}`, level: 'individual', total: 505_000 });
    expect(r.lines.map((l) => l.lineId)).toEqual([placement.id, `coordination:${id}`, me.id]);
    // The individual level: 15,594,400 + 505,000 = 16,099,400; M&E is 10 % of it: 1,609,940.
    expect(r.byLevel.individual).toBe(16_099_400);
    expect(r.lines.find((l) => l.lineId === me.id)?.total).toBe(1_609_940);
    // Direct 17,709,340; indirect 7 % of it = 1,239,653.8 → 1,239,654.
    expect(r.totals.direct).toBe(17_709_340);
    expect(r.totals.indirect).toBe(1_239_654);
    // Beside the budget: gross = direct + delivered; net = direct (nothing inside).
    expect(r.synergies.totals).toMatchObject({
      coveredOutside: 4_605_600,
      coordination: 505_000,
      gross: 17_709_340 + 4_605_600,
      net: 17_709_340,
      worstCase: 17_709_340 + 4_605_600,
    });
    // The synergy line keeps the gross: covered + net = gross.
    expect(r.synergies.lines[0]).toMatchObject({ lineId: placement.id });
    expect(r.synergies.lines[0]?.gross[0]).toBe(20_200_000);
  });

  it('a coordination line is a service of the programme: no staff-months, counted under services', () => {
    const staff = { ...placement, modality: 'staff' as const, category: 'humanResources' as const };
    const m2 = { ...m, lines: [staff, me] };
    const r = compute(m2);
    expect(r.metrics.staffMonths).toBe(compute({ ...m2, synergies: [] }).metrics.staffMonths);
    // Services: the coordination, 505,000, and M&E (a service too), 10 % of 16,099,400.
    expect(r.byCategory.services).toBe(505_000 + 1_609_940);
  });

  it('a line partners deliver all of is not flagged as costing nothing', () => {
    const all = { ...m, synergies: m.synergies.map((s) => ({ ...s, effect: { ...s.effect, uptake: '1' } })) };
    const r = compute(all as Model);
    expect(r.lines.find((l) => l.lineId === placement.id)).toMatchObject({ total: 0, partnerDelivered: 20_200_000 });
    expect(r.diagnostics.filter((d) => d.code === 'line.zeroCost' && d.lineId === placement.id)).toEqual([]);
  });

  it('on random programmes: the budget reconciles, and only synergies outside it change it', () => {
    fc.assert(
      fc.property(programmes, ({ m: plain, synergies }) => {
        const m = { ...plain, partners: [partner()], synergies };
        const r = compute(m);
        const direct = r.totals.direct;
        expect(sum(r.lines.map((l) => l.total))).toBe(direct);
        const t = r.synergies.totals;
        expect(t.gross).toBe(direct + t.coveredOutside);
        expect(t.net).toBe(direct - t.coveredInside);
        for (const l of r.lines) {
          const s = r.synergies.lines.find((x) => x.lineId === l.lineId);
          expect(l.partnerDelivered).toBe(sum(s?.coveredOutside ?? []));
          if (s) expect(sum(s.gross)).toBe(l.total + l.partnerDelivered);
        }
        expect(sum(r.lines.filter((l) => l.coordinationOf !== null).map((l) => l.total))).toBe(t.coordination);
        // Inside the budget only: the budget's totals are those without any synergy.
        const inside = synergies.filter((s) => s.effect.type !== 'referral' && s.effect.type !== 'publicService');
        const without = compute(plain);
        expect(compute({ ...m, synergies: inside }).totals).toEqual(without.totals);
      }),
      { numRuns: 100 },
    );
  });
});

describe('a fixed amount spread by largest remainder (amountCover)', () => {
  it('gives money’s allocateSafe parts, without its arrays: ties, zeros, a few parts and many', () => {
    const scratch = {
      weights: new Float64Array(300),
      parts: new Float64Array(300),
      rems: new Float64Array(300),
      sorted: new Float64Array(300),
    };
    // Small weights make many equal remainders (ties to the earlier part); zeros and large ones too.
    const weight = fc.oneof(
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.constantFrom(0, 2 ** 40),
    );
    const total = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 10_000_000 }), fc.constant(-7));
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 300 }), total, (ws, t) => {
        scratch.weights.set(ws);
        const done = largestRemainderInto(t, scratch.weights, ws.length, scratch);
        const expected = t >= 0 ? allocateSafe(t, ws) : null;
        expect(done).toBe(expected !== null);
        if (expected) expect(Array.from(scratch.parts.subarray(0, ws.length))).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });
});
