/**
 * Every finding of the checks panel on its boundary (issue 12: "Every check has a test that shows it
 * firing and a test that shows it silent, on the boundary values"): the checks' own codes
 * (CHECK_CODES, src-shared/checks) and the engine's diagnostics (DIAGNOSTIC_CODES,
 * src-shared/engine/result.ts). BOUNDARIES below is the table: for each code, one or more cases,
 * each a model exactly at the threshold (silent) and one just past it (firing): a rate at the cap
 * vs one unit of its last decimal over; an amount at the ceiling vs one cent over; a share at the
 * target vs one millionth under; a count at capacity vs one over; the last month that still fits vs
 * the next. Codes with no numeric threshold (`numeric: false`) have a firing case and the smallest
 * change that silences it. The last describe fails when a code has no row, so a new check needs one.
 *
 * The older tests of each code, firing / silent ("=": the same test shows both sides):
 *   donor.* (but noHeading)       checks-donor.test.ts, one `it` per rule (=)
 *   donor.noHeading               export-layouts.test.ts (=)
 *   principles.noStructural, noCommunity, noPsychosocial, childDuration, traffickingDuration,
 *     followUp                    checks.test.ts "principles: …" / "a programme that follows every rule"
 *   principles.monitoringBelow, noMonitoring, followUpInside, vulnerableNoLine, packageBelow,
 *     packageAbove, largeCash, noNonMigrants, fewNonMigrants, noCommunityBeneficiaries,
 *     uncertainFunding, stateReliance   checks-principles.test.ts, one describe per rule (=)
 *   funder.ceilingExceeded, funding.sum, percentage.cycle   checks.test.ts "integrity: …", "a percentage
 *                                 loop" / "a programme that follows every rule"
 *   synergy.*                     checks.test.ts "checks of partners and synergies", "seconded staff" (=
 *                                 for noHandover) / "a programme that follows every rule"
 *   funder.none                   renderer-checks.test.ts (firing only)
 *   line.zeroCost, window.outside engine.test.ts; currency.unknown, funding.unknownFunder drivers.test.ts
 *   profile.unknown, currency.noRate, percentage.unknownLine, window.endBeforeStart: here only
 * Only this file shows every code on both sides of its boundary, on the same base programme.
 */
import { describe, expect, it } from 'vitest';
import { CHECK_CODES, type Finding, type FindingCode, runChecks } from '../../src-shared/checks';
import { compute } from '../../src-shared/engine';
import { DIAGNOSTIC_CODES } from '../../src-shared/engine/result';
import { type Layout, LAYOUTS } from '../../src-shared/export/layouts';
import {
  type BudgetLine,
  defaultPartnerFields,
  defaultProfileFields,
  defaultSynergyFields,
  type Driver,
  type Funder,
  type Model,
  type Partner,
  type Profile,
  type Programme,
  type Synergy,
  type SynergyEffect,
} from '../../src-shared/model';
import { lineBuilder, perArrival, principlesClean } from './model-fixtures';
import { MAX_AMOUNT } from '../../src-shared/model/limits';
import { READ_SCALE } from '../../src-shared/money/decimal';

// ---- A programme with no finding at all, and small edits of it ----------------------------------

const line = lineBuilder('B', { currency: 'USD' });
const once = (month: number, quantity = '1'): Driver => ({
  kind: 'fixed',
  quantity,
  schedule: 'once',
  start: month,
  end: month,
});
const funder = (id: string, over: Partial<Funder> = {}): Funder => ({
  id,
  name: id === 'd' ? 'Donor' : `Source ${id}`,
  type: 'donor',
  status: 'confirmed',
  ceiling: null,
  conditionalOnMatch: false,
  position: 0,
  ...over,
});
const profile = (kind: Profile['kind'], id: string, over: Partial<Profile> = {}): Profile => ({
  ...defaultProfileFields(kind, `Profile ${id}`, 24),
  id,
  position: 0,
  arrivals: 100,
  ...over,
});

/** The programme with no finding at all (model-fixtures.ts; asserted below), and small edits of it. */
const base = principlesClean;

const withProgramme = (patch: Partial<Programme>, m: Model = base()): Model => ({
  ...m,
  programme: { ...m.programme, ...patch },
});
const setLine = (id: string, patch: Partial<BudgetLine>, m: Model = base()): Model => ({
  ...m,
  lines: m.lines.map((l) => (l.id === id ? { ...l, ...patch } : l)),
});
const addLines = (lines: BudgetLine[], m: Model = base()): Model => ({ ...m, lines: [...m.lines, ...lines] });
const without = (ids: string[], m: Model = base()): Model => ({
  ...m,
  lines: m.lines.filter((l) => !ids.includes(l.id)),
});

/** Only the structural line, costing `unitCost` once, with no overheads: the line is the total. */
const onlyStructural = (unitCost: number): Model =>
  withProgramme(
    { indirectRate: '0', contingencyRate: '0' },
    setLine('str', { unitCost }, without(['pkg', 'psy', 'com', 'me'])),
  );
/** The structural and M&E lines alone, costing `a` and `b` once, with no overheads. */
const twoHalves = (a: number, b: number): Model =>
  withProgramme(
    { indirectRate: '0', contingencyRate: '0' },
    setLine('me', { unitCost: b }, setLine('str', { unitCost: a }, without(['pkg', 'psy', 'com']))),
  );

const PARTNER: Partner = { ...defaultPartnerFields('Partner', '2027-01', '2028-12'), id: 'P', position: 0 };
/** `m` with one synergy of `effect` on `lineIds` (a partner over the whole programme unless given). */
function withSynergy(
  effect: SynergyEffect,
  lineIds: string[],
  over: Partial<Synergy> = {},
  m: Model = base(),
  partner: Partner = PARTNER,
): Model {
  const s: Synergy = {
    ...defaultSynergyFields(effect.type, partner.id, 'Synergy', m.programme.durationMonths),
    effect,
    lineIds,
    id: 'S',
    position: 0,
    ...over,
  };
  return { ...m, partners: [partner], synergies: [...m.synergies, s] };
}

// ---- Models of some boundaries ------------------------------------------------------------------

/** US federal, no NICRA, on a base wider than the MTDC: 10 % (award before October 2024). */
const usWide = (excluded: number, work = 1_000_00): Model => ({
  ...withProgramme({
    donorProfile: 'US',
    usAwardDate: '2024-09-01',
    indirectBase: 'direct',
    indirectRate: '0.1',
    contingencyRate: '0',
  }),
  lines: [line({ id: 'work', unitCost: work }), line({ id: 'kit', unitCost: excluded, mtdcExclusion: 'equipment' })],
});

/** A EUR programme (no USD currency: the ECB 2024 reference rate, USD 1.0824 per EUR). */
const inEur = (m: Model): Model => ({
  ...m,
  programme: { ...m.programme, reportingCurrency: 'EUR' },
  lines: m.lines.map((l) => ({ ...l, currency: 'EUR' })),
});

/** The package per returnee (100 returnees): `unitCost` + `extra` ÷ 100 minor units. */
const packageOf = (unitCost: number, extra = 0, m: Model = base()): Model =>
  addLines(
    extra === 0 ? [] : [line({ id: 'kit', modality: 'inKind', category: 'grantsToBeneficiaries', unitCost: extra })],
    setLine('pkg', { unitCost }, m),
  );

/** Two grants to returnees: `cash` in cash, `other` in kind. */
const grants = (cash: number, other: number): Model =>
  addLines(
    [
      line({ id: 'cash', modality: 'cash', category: 'grantsToBeneficiaries', unitCost: cash }),
      line({ id: 'kind', modality: 'inKind', category: 'grantsToBeneficiaries', unitCost: other }),
    ],
    without(['pkg']),
  );

/** A funding source of `status` asked `unitCost` minor units (a structural line it pays alone). */
const uncertainSource = (status: Funder['status'], unitCost: number): Model => {
  const m = addLines([line({ id: 'co', level: 'structural', unitCost, funding: [{ funderId: 'p', share: '1' }] })]);
  return { ...m, funders: [...m.funders, funder('p', { type: 'coFinancier', status, position: 1 })] };
};

/** A state health scheme agreed in principle taking over `share` of a 1-cent line. */
const stateScheme = (share: string): Model => {
  const m = addLines([line({ id: 'care', unitCost: 1 })]);
  const state: Partner = { ...PARTNER, type: 'government' };
  return withSynergy({ type: 'handover', shares: [share] }, ['care'], { status: 'inPrinciple' }, m, state);
};

/** The donor's ceiling `delta` minor units from what it is asked in the base programme. */
const ceilingAt = (delta: number): Model => {
  const m = base();
  const used = compute(m).byFunder['d'] ?? 0;
  return { ...m, funders: [funder('d', { ceiling: used + delta })] };
};

/** A referral of every arrival (100), half of them taking it up (50), for `capacity` places. */
const referral = (capacity: number | null, coordinationCost = 1): Model =>
  withSynergy({ type: 'referral', share: '1', uptake: '0.5', capacity, coordinationCost }, ['pkg']);

/**
 * A 1:1 matching fund on 10 matching grants of USD 1,000 bought in month 1: the partner's part is
 * USD 500 a grant, USD 5,000 in all.
 */
const matching = (capPerGrant: number | null, collectiveCap: number | null): Model =>
  withSynergy(
    { type: 'matching', programmePart: '1', partnerPart: '1', capPerGrant, collectiveCap, mode: 'share' },
    ['mg'],
    {},
    addLines([line({ id: 'mg', modality: 'matchingGrant', unitCost: 100_000, driver: once(1, '10') })]),
  );

/**
 * A 1:1 matching fund on grants of USD 3,333.33 bought 0.7 per arrival, month by month as 7
 * adults arrive: the partner's exact part is USD 1,666.665 a grant, and each month's claim is
 * rounded as a running total, so some months claim a cent above the floor of the cap.
 */
const matchingSpread = (capPerGrant: number): Model =>
  withSynergy(
    { type: 'matching', programmePart: '1', partnerPart: '1', capPerGrant, collectiveCap: null, mode: 'share' },
    ['mg'],
    {},
    {
      ...addLines([
        line({
          id: 'mg',
          modality: 'matchingGrant',
          unitCost: 333_333,
          driver: { kind: 'perArrival', quantity: '0.7', profileIds: [], takeUp: '1', offset: 0, start: 1, end: 24 },
        }),
      ]),
      profiles: [profile('adult', 'a', { arrivals: 7 })],
    },
  );

/** Two cost-sharing synergies on a USD 10,000 line: 50 % and `share`. */
const twoClaims = (share: string): Model => {
  const m = withSynergy(
    { type: 'costSharing', share: '0.5' },
    ['big'],
    {},
    addLines([line({ id: 'big', unitCost: 1_000_000 })]),
  );
  const second: Synergy = {
    ...(m.synergies[0] as Synergy),
    id: 'S2',
    position: 1,
    effect: { type: 'costSharing', share },
  };
  return { ...m, synergies: [...m.synergies, second] };
};

/** The structural line as seconded staff, handed over with `shares` per programme year. */
const seconded = (shares: string[], durationMonths = 24): Model =>
  withSynergy(
    { type: 'handover', shares },
    ['str'],
    {},
    withProgramme({ durationMonths }, setLine('str', { modality: 'staff' })),
  );

/** The seconded staff line paid `share` by a government source (the donor the rest). */
const governmentPays = (share: string, rest: string): Model => {
  const m = setLine('str', {
    modality: 'staff',
    funding: [
      { funderId: 'd', share: rest },
      { funderId: 'g', share },
    ],
  });
  return { ...m, funders: [...m.funders, funder('g', { type: 'government', position: 1 })] };
};

/** A line in EUR (one rate, for year 1: later years take it too), bought once in `month`. */
const eurLine = (month: number): Model => ({
  ...addLines([line({ id: 'eur', currency: 'EUR', unitCost: 1000, driver: once(month) })]),
  currencies: [{ code: 'EUR', rates: ['0.9'], inflation: '0' }],
});

/** A line split between the donor ('d') and a second source ('s'). */
const split = (d: string, s: string, funderId = 's'): Model => {
  const m = setLine('str', {
    funding: [
      { funderId: 'd', share: d },
      { funderId, share: s },
    ],
  });
  return { ...m, funders: [...m.funders, funder('s', { type: 'coFinancier', position: 1 })] };
};

const percentageLine = (id: string, lineIds: string[]): BudgetLine =>
  line({ id, level: 'support', driver: { kind: 'percentage', rate: '0.1', levels: [], lineIds, start: 1, end: 24 } });

/** The EU layout with no heading for the category 'services'. */
const NO_SERVICES: Readonly<Record<string, Layout>> = {
  ...LAYOUTS,
  eu: {
    ...LAYOUTS.eu,
    categoryHeading: Object.fromEntries(
      Object.entries(LAYOUTS.eu.categoryHeading).filter(([category]) => category !== 'services'),
    ),
  },
};

// ---- The table ----------------------------------------------------------------------------------

interface Boundary {
  /** The threshold and the two sides of it, as the test's name. */
  at: string;
  /** The model exactly at the threshold, or the smallest change that silences the finding. */
  silent: () => Model;
  /** The model one step past it. */
  fires: () => Model;
  /** What the finding on the firing side holds (a partial Finding), when worth saying. */
  finding?: Record<string, unknown>;
  /** Layouts other than the app's (donor.noHeading). */
  layouts?: Readonly<Record<string, Layout>>;
}
interface Row {
  /** false: the check has no figure to sit on (a line exists or not, a flag is set or not). */
  numeric: boolean;
  cases: readonly Boundary[];
}

const BOUNDARIES: Record<FindingCode, Row> = {
  // ---- Donor rule profiles (donor.ts) ----
  'donor.indirectAbove': {
    numeric: true,
    cases: [
      {
        at: 'EU grant: 7 % silent, 7.0001 % fires',
        silent: () => withProgramme({ indirectRate: '0.07' }),
        fires: () => withProgramme({ indirectRate: '0.070001' }),
        finding: { severity: 'error', params: { rate: '0.070001', max: '0.07' } },
      },
      {
        at: 'EU grant: 7 % silent, 7 % + 10^-20 fires (exact decimals, no float)',
        silent: () => withProgramme({ indirectRate: '0.07' }),
        fires: () => withProgramme({ indirectRate: '0.07000000000000000001' }),
      },
      {
        at: 'US de minimis from 1 October 2024: 15 % silent, 15.0001 % fires',
        silent: () => withProgramme({ donorProfile: 'US', indirectBase: 'mtdc', indirectRate: '0.15' }),
        fires: () => withProgramme({ donorProfile: 'US', indirectBase: 'mtdc', indirectRate: '0.150001' }),
        finding: { params: { rate: '0.150001', max: '0.15' } },
      },
      {
        at: 'US award of 30 September 2024: 10 % silent, 10.0001 % fires',
        silent: () =>
          withProgramme({ donorProfile: 'US', indirectBase: 'mtdc', usAwardDate: '2024-09-30', indirectRate: '0.1' }),
        fires: () =>
          withProgramme({
            donorProfile: 'US',
            indirectBase: 'mtdc',
            usAwardDate: '2024-09-30',
            indirectRate: '0.100001',
          }),
        finding: { params: { rate: '0.100001', max: '0.1' } },
      },
      {
        at: 'US at 15 %: an award of 1 October 2024 silent, of 30 September 2024 fires',
        silent: () =>
          withProgramme({ donorProfile: 'US', indirectBase: 'mtdc', usAwardDate: '2024-10-01', indirectRate: '0.15' }),
        fires: () =>
          withProgramme({ donorProfile: 'US', indirectBase: 'mtdc', usAwardDate: '2024-09-30', indirectRate: '0.15' }),
      },
    ],
  },
  'donor.contingencyAbove': {
    numeric: true,
    cases: [
      {
        at: 'EU grant: 5 % silent, 5.0001 % fires',
        silent: () => withProgramme({ contingencyRate: '0.05' }),
        fires: () => withProgramme({ contingencyRate: '0.050001' }),
        finding: { severity: 'error', params: { rate: '0.050001', max: '0.05' } },
      },
    ],
  },
  'donor.matchCondition': {
    numeric: false,
    cases: [
      {
        at: 'FCDO: a source not conditional on match silent, conditional fires',
        silent: () => withProgramme({ donorProfile: 'FCDO' }),
        fires: () => ({
          ...withProgramme({ donorProfile: 'FCDO' }),
          funders: [funder('d', { conditionalOnMatch: true })],
        }),
        finding: { target: { kind: 'funder', funderId: 'd' } },
      },
    ],
  },
  'donor.euContributionRate': {
    numeric: true,
    cases: [
      {
        at: 'EU contribution agreement: 7 % silent, 7.0001 % fires (a note)',
        silent: () => withProgramme({ euAgreement: 'contribution', indirectRate: '0.07' }),
        fires: () => withProgramme({ euAgreement: 'contribution', indirectRate: '0.070001' }),
        finding: { severity: 'note' },
      },
    ],
  },
  'donor.ineligibleContribution': {
    numeric: true,
    cases: [
      {
        at: 'EU: a returnee contribution of 0 % of a line silent, 0.0001 % fires',
        silent: () => ({ ...split('1', '0', 'r'), funders: [funder('d'), funder('r', { type: 'returnee' })] }),
        fires: () => ({
          ...split('0.999999', '0.000001', 'r'),
          funders: [funder('d'), funder('r', { type: 'returnee' })],
        }),
        finding: { target: { kind: 'line', lineId: 'str' } },
      },
      {
        at: 'EU: a partner paying a line that carries no overheads silent, one carrying contingency fires',
        silent: () => ({
          ...setLine('str', {
            funding: [{ funderId: 'q', share: '1' }],
            eligibleIndirect: false,
            eligibleContingency: false,
          }),
          funders: [funder('d'), funder('q', { type: 'partner' })],
        }),
        fires: () => ({
          ...setLine('str', {
            funding: [{ funderId: 'q', share: '1' }],
            eligibleIndirect: false,
            eligibleContingency: true,
          }),
          funders: [funder('d'), funder('q', { type: 'partner' })],
        }),
      },
    ],
  },
  'donor.indirectAboveNicra': {
    numeric: true,
    cases: [
      {
        at: 'US NICRA of 22 %: 22 % silent, 22.0001 % fires',
        silent: () =>
          withProgramme({
            donorProfile: 'US',
            indirectBase: 'mtdc',
            indirectRate: '0.22',
            usNicra: { rate: '0.22', base: 'mtdc' },
          }),
        fires: () =>
          withProgramme({
            donorProfile: 'US',
            indirectBase: 'mtdc',
            indirectRate: '0.220001',
            usNicra: { rate: '0.22', base: 'mtdc' },
          }),
        finding: { params: { rate: '0.220001', max: '0.22' } },
      },
    ],
  },
  'donor.nicraBase': {
    numeric: false,
    cases: [
      {
        at: 'US NICRA on the MTDC: the programme on the MTDC silent, on direct cost fires',
        silent: () =>
          withProgramme({
            donorProfile: 'US',
            indirectBase: 'mtdc',
            indirectRate: '0.2',
            usNicra: { rate: '0.22', base: 'mtdc' },
          }),
        fires: () =>
          withProgramme({
            donorProfile: 'US',
            indirectBase: 'direct',
            indirectRate: '0.2',
            usNicra: { rate: '0.22', base: 'mtdc' },
          }),
      },
    ],
  },
  'donor.indirectAboveMtdc': {
    numeric: true,
    cases: [
      {
        // 10 % of 1,000.04 = 100.004 → 100.00 = 10 % of the MTDC (1,000.00); 10 % of 1,000.10 = 100.01.
        at: 'US on direct cost: indirect exactly 10 % of the MTDC silent, one cent over fires',
        silent: () => usWide(4),
        fires: () => usWide(10),
        finding: { params: { amount: 100_01, allowed: 100_00, max: '0.1', over: 1 } },
      },
      {
        // The cap 10 % × 1,000.05 = 100.005 is allowed as 100.01, rounded as the engine rounds the
        // indirect costs (a programme on the MTDC itself at 10 % is charged 100.01).
        at: 'US, MTDC 1,000.05: indirect 100.01 (direct 1,000.14) silent, 100.02 (direct 1,000.15) fires',
        silent: () => usWide(9, 1_000_05),
        fires: () => usWide(10, 1_000_05),
        finding: { params: { amount: 100_02, allowed: 100_01, max: '0.1', over: 1 } },
      },
    ],
  },
  'donor.subawardNoUsd': {
    numeric: false,
    cases: [
      {
        at: 'US in EUR: a subaward with a USD rate silent, with none fires',
        silent: () => ({
          ...inEur(withProgramme({ donorProfile: 'US', indirectBase: 'mtdc', indirectRate: '0.1' })),
          lines: [line({ id: 'sub', currency: 'EUR', unitCost: 10_000_00, mtdcExclusion: 'subaward' })],
          currencies: [{ code: 'USD', rates: ['1.1'], inflation: '0' }],
        }),
        fires: () => ({
          ...inEur(withProgramme({ donorProfile: 'US', indirectBase: 'mtdc', indirectRate: '0.1' })),
          lines: [line({ id: 'sub', currency: 'EUR', unitCost: 10_000_00, mtdcExclusion: 'subaward' })],
        }),
        finding: { target: { kind: 'line', lineId: 'sub' } },
      },
    ],
  },
  'donor.noHeading': {
    numeric: false,
    cases: [
      {
        at: 'EU layout without "services": no line in that category silent, one line fires',
        silent: () => ({ ...base(), lines: base().lines.filter((l) => l.category !== 'services') }),
        fires: () => base(),
        finding: { target: { kind: 'line', lineId: 'str' } },
        layouts: NO_SERVICES,
      },
    ],
  },

  // ---- Reintegration principles (principles.ts) ----
  'principles.noStructural': {
    numeric: false,
    cases: [{ at: 'one structural line silent, none fires', silent: base, fires: () => without(['str']) }],
  },
  'principles.noCommunity': {
    numeric: false,
    cases: [{ at: 'one community line silent, none fires', silent: base, fires: () => without(['com']) }],
  },
  'principles.noMonitoring': {
    numeric: true,
    cases: [
      {
        at: 'M&E costing one cent silent (a note instead), nothing fires (a warning)',
        silent: () => setLine('me', { unitCost: 1 }),
        fires: () => setLine('me', { unitCost: 0 }),
        finding: { severity: 'warning' },
      },
      { at: 'an M&E line silent, no line fires', silent: base, fires: () => without(['me']) },
    ],
  },
  'principles.noPsychosocial': {
    numeric: false,
    cases: [
      {
        at: 'one psychosocial line silent, none fires',
        silent: base,
        fires: () => setLine('psy', { dimension: 'social' }),
      },
    ],
  },
  'principles.childDuration': {
    numeric: true,
    cases: [
      {
        at: 'children: 18 months silent, 17 fires',
        silent: () => ({ ...base(), profiles: [profile('child', 'c', { durationMonths: 18, arrivals: 0 })] }),
        fires: () => ({ ...base(), profiles: [profile('child', 'c', { durationMonths: 17, arrivals: 0 })] }),
        finding: { params: { name: 'Profile c', months: 17, min: 18 } },
      },
    ],
  },
  'principles.traffickingDuration': {
    numeric: true,
    cases: [
      {
        at: 'victims of trafficking: 6 months silent, 5 fires',
        silent: () => ({ ...base(), profiles: [profile('trafficking', 'v', { durationMonths: 6, arrivals: 0 })] }),
        fires: () => ({ ...base(), profiles: [profile('trafficking', 'v', { durationMonths: 5, arrivals: 0 })] }),
        finding: { params: { name: 'Profile v', months: 5, min: 6 } },
      },
    ],
  },
  'principles.followUp': {
    numeric: true,
    cases: [
      {
        at: 'adults: 12 months silent, 11 fires',
        silent: () => ({ ...base(), profiles: [profile('adult', 'a', { durationMonths: 12 })] }),
        fires: () => ({ ...base(), profiles: [profile('adult', 'a', { durationMonths: 11 })] }),
        finding: { params: { name: 'Profile a', months: 11, min: 12 } },
      },
    ],
  },
  'principles.packageBelow': {
    numeric: true,
    cases: [
      {
        at: 'USD 569.00 a returnee silent, 568.99 fires',
        silent: () => packageOf(56_900),
        fires: () => packageOf(56_899),
        finding: { params: expect.objectContaining({ amount: 56_899, usd: 56_899, min: 56_900 }) },
      },
      {
        // (5,689,900 + 50) ÷ 100 returnees = 56,899.5 cents: half a cent under, not rounded up to 569.00.
        at: 'USD 569.00 a returnee silent, 568.995 fires (the average is not rounded first)',
        silent: () => packageOf(56_899, 100),
        fires: () => packageOf(56_899, 50),
        finding: { params: expect.objectContaining({ usd: 56_899 }) },
      },
      {
        // 56,900 ÷ 1.0824 = 52,568.37 EUR cents: EUR 525.69 is the least that reaches USD 569.
        at: 'EUR at the ECB reference rate: EUR 525.69 (USD 569.007) silent, 525.68 (USD 568.996) fires',
        silent: () => inEur(packageOf(52_569)),
        fires: () => inEur(packageOf(52_568)),
        finding: { params: expect.objectContaining({ amount: 52_568, usd: 56_899, rate: '1.0824' }) },
      },
    ],
  },
  'principles.packageAbove': {
    numeric: true,
    cases: [
      {
        at: 'USD 8,845.00 a returnee silent, 8,845.01 fires',
        silent: () => packageOf(884_500),
        fires: () => packageOf(884_501),
        finding: { params: expect.objectContaining({ amount: 884_501, usd: 884_501, max: 884_500 }) },
      },
      {
        at: 'USD 8,845.00 a returnee silent, 8,845.005 fires (the average is not rounded first)',
        silent: () => packageOf(884_500),
        fires: () => packageOf(884_500, 50),
        finding: { params: expect.objectContaining({ usd: 884_501 }) },
      },
      {
        // 884,500 ÷ 1.0824 = 817,165.56 EUR cents: EUR 8,171.65 is the most that stays within USD 8,845.
        at: 'EUR at the ECB reference rate: EUR 8,171.65 (USD 8,844.994) silent, 8,171.66 (USD 8,845.005) fires',
        silent: () => inEur(packageOf(817_165)),
        fires: () => inEur(packageOf(817_166)),
        finding: { params: expect.objectContaining({ amount: 817_166, usd: 884_501 }) },
      },
    ],
  },
  'principles.noNonMigrants': {
    numeric: true,
    cases: [
      {
        at: 'a community line at 0.0001 % non-migrants silent (few, not none), 0 % fires',
        silent: () => setLine('com', { nonMigrantShare: '0.000001' }),
        fires: () => setLine('com', { nonMigrantShare: '0' }),
        finding: { target: { kind: 'line', lineId: 'com' } },
      },
    ],
  },
  'principles.largeCash': {
    numeric: true,
    cases: [
      {
        at: 'exactly half of the grants in cash silent, one cent more fires',
        silent: () => grants(500, 500),
        fires: () => grants(501, 500),
        finding: { params: { share: 50.1, cash: 501, grants: 1001, max: '0.5' } },
      },
    ],
  },
  'principles.monitoringBelow': {
    numeric: true,
    cases: [
      {
        at: 'M&E exactly 3 % of direct cost silent, one cent under fires',
        silent: base,
        fires: () => setLine('me', { unitCost: 629_999 }),
        finding: { params: { share: 2.9, min: '0.03', amount: 629_999 } },
      },
    ],
  },
  'principles.followUpInside': {
    numeric: true,
    cases: [
      {
        at: '24 months, 12-month follow-up: arrivals in month 13 silent, month 14 fires',
        silent: () => ({ ...base(), profiles: [profile('adult', 'a', { arrivalStart: 13, arrivalEnd: 13 })] }),
        fires: () => ({ ...base(), profiles: [profile('adult', 'a', { arrivalStart: 14, arrivalEnd: 14 })] }),
        finding: { params: { name: 'Profile a', late: 100, arrivals: 100, months: 12, lastMonth: 13 } },
      },
      {
        at: 'a 15-month duration: month 10 silent, month 11 fires',
        silent: () => ({
          ...base(),
          profiles: [profile('adult', 'a', { arrivalStart: 10, arrivalEnd: 10, durationMonths: 15 })],
        }),
        fires: () => ({
          ...base(),
          profiles: [profile('adult', 'a', { arrivalStart: 11, arrivalEnd: 11, durationMonths: 15 })],
        }),
      },
    ],
  },
  'principles.vulnerableNoLine': {
    numeric: false,
    cases: [
      {
        at: 'a child profile with one line of its own silent, none fires',
        silent: () => ({
          ...addLines([line({ id: 'school', unitCost: 1000, driver: perArrival(['c']) })]),
          profiles: [profile('adult', 'a'), profile('child', 'c', { arrivals: 1 })],
        }),
        fires: () => ({ ...base(), profiles: [profile('adult', 'a'), profile('child', 'c', { arrivals: 1 })] }),
        finding: { target: { kind: 'profile', profileId: 'c' } },
      },
      {
        at: 'a child profile no line names: 0 arrivals silent, 1 arrival fires',
        silent: () => ({ ...base(), profiles: [profile('adult', 'a'), profile('child', 'c', { arrivals: 0 })] }),
        fires: () => ({ ...base(), profiles: [profile('adult', 'a'), profile('child', 'c', { arrivals: 1 })] }),
      },
    ],
  },
  'principles.fewNonMigrants': {
    numeric: true,
    cases: [
      {
        at: 'a community line at 54 % non-migrants silent, 53.9999 % fires',
        silent: base,
        fires: () => setLine('com', { nonMigrantShare: '0.539999' }),
        finding: { params: expect.objectContaining({ share: '0.539999', target: '0.54' }) },
      },
      {
        at: 'a community-open synergy at 54 % silent, 53.9999 % fires',
        silent: () =>
          withSynergy(
            { type: 'communityOpen', nonMigrantShare: '0.54' },
            ['com'],
            {},
            setLine('com', { nonMigrantShare: '0.1' }),
          ),
        fires: () =>
          withSynergy(
            { type: 'communityOpen', nonMigrantShare: '0.539999' },
            ['com'],
            {},
            setLine('com', { nonMigrantShare: '0.1' }),
          ),
      },
    ],
  },
  'principles.noCommunityBeneficiaries': {
    numeric: true,
    cases: [
      {
        at: 'a community line with 0.000001 beneficiaries per unit silent, 0 fires',
        silent: () => setLine('com', { beneficiariesPerUnit: '0.000001' }),
        fires: () => setLine('com', { beneficiariesPerUnit: '0' }),
        finding: { target: { kind: 'line', lineId: 'com' } },
      },
    ],
  },
  'principles.uncertainFunding': {
    numeric: true,
    cases: [
      {
        at: 'a pipeline source asked nothing silent, one cent fires',
        silent: () => uncertainSource('pipeline', 0),
        fires: () => uncertainSource('pipeline', 1),
        finding: { target: { kind: 'funder', funderId: 'p' } },
      },
      {
        at: 'one cent asked of a confirmed source silent, of a hypothetical one fires',
        silent: () => uncertainSource('confirmed', 1),
        fires: () => uncertainSource('hypothetical', 1),
      },
    ],
  },
  'principles.stateReliance': {
    numeric: true,
    cases: [
      {
        at: 'a state take-over agreed in principle covering nothing silent, one cent fires',
        silent: () => stateScheme('0'),
        fires: () => stateScheme('1'),
        finding: { target: { kind: 'synergy', synergyId: 'S' }, params: expect.objectContaining({ covered: 1 }) },
      },
      {
        at: 'a state take-over covering one cent: signed silent, in principle fires',
        silent: () => ({
          ...stateScheme('1'),
          synergies: stateScheme('1').synergies.map((s) => ({ ...s, status: 'signed' as const })),
        }),
        fires: () => stateScheme('1'),
      },
    ],
  },

  // ---- Funding sources, partners and synergies (index.ts) ----
  'funder.ceilingExceeded': {
    numeric: true,
    cases: [
      {
        at: 'a ceiling exactly what the source is asked silent, one cent under it fires',
        silent: () => ceilingAt(0),
        fires: () => ceilingAt(-1),
        finding: { target: { kind: 'funder', funderId: 'd' }, params: expect.objectContaining({ over: 1 }) },
      },
    ],
  },
  'funder.none': {
    numeric: false,
    cases: [{ at: 'one funding source silent, none fires', silent: base, fires: () => ({ ...base(), funders: [] }) }],
  },
  'synergy.noMonths': {
    numeric: true,
    cases: [
      {
        // The partner's own programme ends in December 2027, month 12.
        at: 'a synergy from month 12 (the partner’s last) silent, from month 13 fires',
        silent: () =>
          withSynergy({ type: 'costSharing', share: '0.5' }, ['str'], { firstMonth: 12 }, base(), {
            ...PARTNER,
            endMonth: '2027-12',
          }),
        fires: () =>
          withSynergy({ type: 'costSharing', share: '0.5' }, ['str'], { firstMonth: 13 }, base(), {
            ...PARTNER,
            endMonth: '2027-12',
          }),
      },
    ],
  },
  'synergy.noTargets': {
    numeric: false,
    cases: [
      {
        at: 'a synergy on one line silent, on none fires',
        silent: () => withSynergy({ type: 'costSharing', share: '0.5' }, ['str']),
        fires: () => withSynergy({ type: 'costSharing', share: '0.5' }, []),
      },
    ],
  },
  'synergy.noCoordination': {
    numeric: true,
    cases: [
      {
        at: 'a referral with one cent of coordination silent, none fires',
        silent: () => referral(null, 1),
        fires: () => referral(null, 0),
      },
    ],
  },
  'synergy.capacity': {
    numeric: true,
    cases: [
      {
        at: '50 people taking a referral up: 50 places silent, 49 fires',
        silent: () => referral(50),
        fires: () => referral(49),
        finding: { params: expect.objectContaining({ capacity: 49, planned: 50 }) },
      },
      {
        // Counted in whole people: 50.4 taking it up is 50 people for 50 places; 50.5 is 51.
        at: '50 places: 50.4 people taking it up silent, 50.5 fires',
        silent: () =>
          withSynergy({ type: 'referral', share: '1', uptake: '0.504', capacity: 50, coordinationCost: 1 }, ['pkg']),
        fires: () =>
          withSynergy({ type: 'referral', share: '1', uptake: '0.505', capacity: 50, coordinationCost: 1 }, ['pkg']),
        finding: { params: expect.objectContaining({ capacity: 50, planned: 51 }) },
      },
    ],
  },
  'synergy.matchingCapped': {
    numeric: true,
    cases: [
      {
        at: 'a partner part of USD 500 a grant: a cap per grant of 500.00 silent, 499.99 fires',
        silent: () => matching(50_000, null),
        fires: () => matching(49_999, null),
        finding: { params: expect.objectContaining({ capped: 10 }) },
      },
      {
        at: 'USD 5,000 in all: a collective cap of 5,000.00 silent, 4,999.99 fires',
        silent: () => matching(null, 500_000),
        fires: () => matching(null, 499_999),
        finding: { params: expect.objectContaining({ capped: 1 }) },
      },
      {
        // The running rounding put months a cent above floor(cap × grants) and the check fired.
        // A month is capped when the partner's part is above the cap by more than its rounding.
        at: 'grants bought 0.7 per arrival: a cap of 1,666.67 (above the exact 1,666.665) silent, 1,666.60 fires',
        silent: () => matchingSpread(166_667),
        fires: () => matchingSpread(166_660),
      },
    ],
  },
  'synergy.lineOverCovered': {
    numeric: true,
    cases: [
      {
        at: 'claims of 50 % + 50 % of a USD 10,000 line silent, 50 % + 50.0001 % (one cent over) fires',
        silent: () => twoClaims('0.5'),
        fires: () => twoClaims('0.500001'),
        finding: { target: { kind: 'line', lineId: 'big' }, params: { over: 1 } },
      },
    ],
  },
  'synergy.noHandover': {
    numeric: true,
    cases: [
      {
        at: 'seconded staff handed over: 0.0001 % in the last year silent, 0 % fires',
        silent: () => seconded(['0', '0.000001']),
        fires: () => seconded(['0.000001', '0']),
        finding: { target: { kind: 'line', lineId: 'str' } },
      },
      {
        at: 'shares 0 / 100 % / 0 by year: 24 months (year 2 last) silent, 25 months (year 3) fires',
        silent: () => seconded(['0', '1', '0'], 24),
        fires: () => seconded(['0', '1', '0'], 25),
      },
      {
        // The smallest share the schema takes (6 decimals, src-shared/model/limits.ts): compared as
        // a decimal, never rounded to 0.
        at: 'a government source paying 0.0001 % of the seconded staff silent, 0 fires',
        silent: () => governmentPays('0.000001', '0.999999'),
        fires: () => governmentPays('0', '1'),
      },
    ],
  },

  // ---- The engine's diagnostics (src-shared/engine) ----
  'line.zeroCost': {
    numeric: true,
    cases: [
      {
        at: 'a line costing one cent silent, nothing fires',
        silent: () => setLine('str', { unitCost: 1 }),
        fires: () => setLine('str', { unitCost: 0 }),
        finding: { target: { kind: 'line', lineId: 'str' }, severity: 'warning' },
      },
    ],
  },
  'window.outside': {
    numeric: true,
    cases: [
      {
        at: '24 months: a window ending in month 24 silent, in month 25 fires',
        silent: () =>
          setLine('str', { driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 24, end: 24 } }),
        fires: () =>
          setLine('str', { driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 24, end: 25 } }),
        finding: { params: { start: 24, end: 25, duration: 24 } },
      },
    ],
  },
  'window.endBeforeStart': {
    numeric: true,
    cases: [
      {
        at: 'a window from month 5 to month 5 silent, to month 4 fires',
        silent: () =>
          setLine('str', { driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 5, end: 5 } }),
        fires: () =>
          setLine('str', { driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 5, end: 4 } }),
        finding: { params: { start: 5, end: 4 } },
      },
    ],
  },
  'profile.unknown': {
    numeric: false,
    cases: [
      {
        at: 'a driver naming a profile of the model silent, one it does not have fires',
        silent: () => setLine('pkg', { driver: perArrival(['a']) }),
        fires: () => setLine('pkg', { driver: perArrival(['zz']) }),
        finding: { params: { profileId: 'zz' } },
      },
    ],
  },
  'currency.unknown': {
    numeric: false,
    cases: [
      {
        at: 'a line in EUR with EUR among the currencies silent, without fires',
        silent: () => eurLine(1),
        fires: () => ({ ...eurLine(1), currencies: [] }),
        finding: { params: { currency: 'EUR' } },
      },
    ],
  },
  'currency.noRate': {
    numeric: false,
    cases: [
      {
        // Years past the last rate given use the last one (compute.ts): only a currency with no rate
        // at all leaves a month without one.
        at: 'a EUR currency with one rate silent, with none fires (month 13 too takes the last rate)',
        silent: () => eurLine(13),
        fires: () => ({ ...eurLine(13), currencies: [{ code: 'EUR', rates: [], inflation: '0' }] }),
        finding: { target: { kind: 'line', lineId: 'eur' } },
      },
    ],
  },
  'percentage.unknownLine': {
    numeric: false,
    cases: [
      {
        at: 'a percentage of a line of the model silent, of one it does not have fires',
        silent: () => addLines([percentageLine('pc', ['str'])]),
        fires: () => addLines([percentageLine('pc', ['gone'])]),
        finding: { target: { kind: 'line', lineId: 'pc' } },
      },
    ],
  },
  'percentage.cycle': {
    numeric: false,
    cases: [
      {
        at: 'X a percentage of Y silent, and Y of X too fires',
        silent: () => addLines([percentageLine('X', ['Y']), percentageLine('Y', ['str'])]),
        fires: () => addLines([percentageLine('X', ['Y']), percentageLine('Y', ['X'])]),
      },
    ],
  },
  'funding.unknownFunder': {
    numeric: false,
    cases: [
      {
        at: 'a split naming a source of the model silent, one it does not have fires',
        silent: () => split('0.5', '0.5'),
        fires: () => ({ ...split('0.5', '0.5'), funders: [funder('d')] }),
        finding: { params: { funderId: 's' } },
      },
    ],
  },
  'amount.tooLarge': {
    numeric: true,
    cases: [
      {
        at: 'a line of exactly the largest amount silent, one minor unit more fires',
        silent: () => onlyStructural(MAX_AMOUNT),
        fires: () => onlyStructural(MAX_AMOUNT + 1),
        finding: { target: { kind: 'line', lineId: 'str' }, severity: 'error' },
      },
    ],
  },
  'total.tooLarge': {
    numeric: true,
    cases: [
      {
        at: 'two lines adding up to exactly the largest amount silent, one minor unit more fires',
        silent: () => twoHalves(MAX_AMOUNT / 5, (MAX_AMOUNT * 4) / 5),
        fires: () => twoHalves(MAX_AMOUNT / 5, (MAX_AMOUNT * 4) / 5 + 1),
        finding: { target: null, severity: 'error' },
      },
    ],
  },
  'value.outOfBounds': {
    numeric: true,
    cases: [
      {
        at: `an inflation of ${READ_SCALE} decimals (as far as the engine reads exactly) silent, one more fires`,
        silent: () => withProgramme({ inflation: `0.${'0'.repeat(READ_SCALE - 1)}1` }),
        fires: () => withProgramme({ inflation: `0.${'0'.repeat(READ_SCALE)}1` }),
        finding: { params: expect.objectContaining({ field: 'programme.inflation' }) },
      },
    ],
  },
  'funding.sum': {
    numeric: true,
    cases: [
      {
        at: 'shares adding up to exactly 100 % silent, 100.0001 % fires',
        silent: () => split('0.5', '0.5'),
        fires: () => split('0.5', '0.500001'),
        finding: { params: { sum: '100.0001' } },
      },
      {
        at: 'shares adding up to exactly 100 % silent, 99.9999 % fires',
        silent: () => split('0.5', '0.5'),
        fires: () => split('0.5', '0.499999'),
        finding: { params: { sum: '99.9999' } },
      },
    ],
  },
};

// ---- The tests ----------------------------------------------------------------------------------

const findingsOf = (m: Model, layouts?: Readonly<Record<string, Layout>>): Finding[] =>
  runChecks(m, compute(m), layouts);

describe('the base programme', () => {
  it('has no finding at all, so each case below starts from silence', () => {
    expect(findingsOf(base())).toEqual([]);
  });
});

describe.each(Object.entries(BOUNDARIES) as [FindingCode, Row][])('%s', (code, row) => {
  describe.each(row.cases.map((c) => [c.at, c] as const))('%s', (_at, c) => {
    it('silent at the boundary', () => {
      expect(findingsOf(c.silent(), c.layouts).filter((f) => f.code === code)).toEqual([]);
    });
    it('fires one step past it', () => {
      const found = findingsOf(c.fires(), c.layouts).filter((f) => f.code === code);
      expect(found).not.toEqual([]);
      if (c.finding) expect(found).toContainEqual(expect.objectContaining(c.finding));
    });
  });
});

describe('the table', () => {
  const ALL: readonly FindingCode[] = [...CHECK_CODES, ...DIAGNOSTIC_CODES];

  it('has a boundary case for every check and every engine diagnostic, and no other row', () => {
    const missing = ALL.filter((code) => (BOUNDARIES[code]?.cases.length ?? 0) === 0);
    expect(missing, 'codes with no boundary case: add a row to BOUNDARIES').toEqual([]);
    expect(Object.keys(BOUNDARIES).filter((k) => !(ALL as readonly string[]).includes(k))).toEqual([]);
  });

  it('says which checks have no figure to sit on', () => {
    expect(ALL.filter((code) => !BOUNDARIES[code].numeric)).toEqual([
      'donor.matchCondition',
      'donor.nicraBase',
      'donor.subawardNoUsd',
      'principles.noStructural',
      'principles.noCommunity',
      'principles.noPsychosocial',
      'principles.vulnerableNoLine',
      'funder.none',
      'synergy.noTargets',
      'donor.noHeading',
      'profile.unknown',
      'currency.unknown',
      'currency.noRate',
      'percentage.unknownLine',
      'percentage.cycle',
      'funding.unknownFunder',
    ]);
  });
});
