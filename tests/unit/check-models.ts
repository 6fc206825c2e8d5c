/**
 * Crafted programmes that, between them, make every check and every engine diagnostic fire, and
 * the checks run with a layout that also reaches `donor.noHeading`. Shared by the tests of the
 * checks' sentences (renderer-checks, check-text).
 */
import { runChecks as runChecksWith } from '../../src-shared/checks';
import type { Finding } from '../../src-shared/checks/types';
import { compute } from '../../src-shared/engine';
import { LAYOUTS } from '../../src-shared/export';
import {
  type BudgetLine,
  defaultLineFields,
  defaultProfileFields,
  type Driver,
  type Funder,
  type LineFields,
  type Model,
  type Profile,
  defaultEffect,
  defaultPartnerFields,
  defaultSynergyFields,
  type Synergy,
  type SynergyEffect,
  type SynergyType,
} from '../../src-shared/model';
import { perArrival } from './model-fixtures';

function line(id: string, level: BudgetLine['level'], patch: Partial<LineFields> = {}, position = 0): BudgetLine {
  return { ...defaultLineFields(level, 24, id, 'USD'), unitCost: 10000, ...patch, id, level, position };
}
function profile(id: string, kind: Profile['kind'], durationMonths: number, arrivals = 100): Profile {
  return { ...defaultProfileFields(kind, id, 24), durationMonths, arrivals, id, position: 0 };
}

/** A programme that breaks as many rules as it can at once. */
export function broken(): Model {
  return {
    programme: {
      title: 'Broken',
      reportingCurrency: 'USD',
      startMonth: '2025-01',
      durationMonths: 24,
      indirectRate: '0.08',
      contingencyRate: '0.06',
      author: '',
      notes: '',
      donorProfile: 'EU',
      communities: 3,
      inflation: '0',
      indirectBase: 'direct',
      euAgreement: 'grant',
      usAwardDate: null,
      usNicra: null,
    },
    profiles: [profile('CH', 'child', 12), profile('VT', 'trafficking', 3), profile('AD', 'adult', 6)],
    currencies: [{ code: 'XOF', rates: [], inflation: '0' }],
    funders: [
      {
        id: 'F1',
        position: 0,
        name: 'Donor',
        type: 'donor',
        status: 'confirmed',
        ceiling: 1,
        conditionalOnMatch: false,
      },
    ],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
    lines: [
      line('cash', 'individual', {
        modality: 'cash',
        driver: perArrival([]),
        funding: [{ funderId: 'F1', share: '0.6' }],
      }),
      line('ghost', 'individual', { funding: [{ funderId: 'gone', share: '1' }], driver: perArrival(['nope']) }, 1),
      line('zero', 'individual', { unitCost: 0 }, 2),
      line('ghs', 'individual', { currency: 'GHS' }, 3),
      line('xof', 'individual', { currency: 'XOF' }, 4),
      line('self', 'support', {
        driver: { kind: 'percentage', rate: '0.05', levels: ['support'], lineIds: ['missing'], start: 1, end: 24 },
      }),
      line(
        'late',
        'individual',
        { driver: { kind: 'fixed', quantity: '1', schedule: 'spread', start: 10, end: 30 } },
        5,
      ),
      line(
        'backwards',
        'individual',
        { driver: { kind: 'fixed', quantity: '1', schedule: 'spread', start: 10, end: 5 } },
        6,
      ),
      line('pa', 'structural', {
        driver: { kind: 'percentage', rate: '0.1', levels: [], lineIds: ['pb'], start: 1, end: 24 },
      }),
      line(
        'pb',
        'structural',
        {
          driver: { kind: 'percentage', rate: '0.1', levels: [], lineIds: ['pa'], start: 1, end: 24 },
        },
        1,
      ),
    ],
  };
}

export function otherDonors(): Model[] {
  const base = broken();
  const community = line('comm', 'community', { nonMigrantShare: '0', beneficiariesPerUnit: '10' });
  const matching = line('match', 'individual', {
    modality: 'matchingGrant',
    unitCost: 100000000,
    driver: perArrival([]),
  });
  return [
    {
      ...base,
      programme: { ...base.programme, donorProfile: 'US', indirectRate: '0.2' },
      // Seconded staff with nobody taking them over (synergy.noHandover).
      lines: [...base.lines, line('seconded', 'structural', { modality: 'staff' }, 2)],
    },
    {
      ...base,
      programme: { ...base.programme, donorProfile: 'FCDO' },
      funders: [],
      lines: [matching, community],
      // Synergies that break every synergy check: a referral with no coordination cost and too little
      // room, a matching fund (refused by FCDO) whose cap cuts the partner's part, months outside the
      // programme, no target, and two synergies claiming more than the community line costs.
      partners: [{ ...defaultPartnerFields('Jobs', '2025-01', '2026-12'), id: 'P', position: 0 }],
      synergies: [
        synergy('S1', 'referral', ['match'], { effect: { ...referral, capacity: 1 } }),
        synergy('S2', 'matching', ['match'], { effect: { ...matchingFund, capPerGrant: 1 } }),
        synergy('S3', 'costSharing', ['comm'], { firstMonth: 30, lastMonth: 40 }),
        synergy('S4', 'costSharing', []),
        synergy('S5', 'coFinancing', ['comm'], {
          effect: { type: 'coFinancing', basis: 'share', share: '0.8', amount: 0 },
        }),
        synergy('S6', 'costSharing', ['comm']),
      ],
    },
    // Issue 12: an EU contribution agreement above 7 %, and returnees' own money carrying overheads.
    {
      ...base,
      programme: { ...base.programme, euAgreement: 'contribution' },
      funders: [
        ...base.funders,
        {
          id: 'RET',
          position: 1,
          name: 'Returnees',
          type: 'returnee',
          status: 'confirmed',
          ceiling: null,
          conditionalOnMatch: false,
        },
      ],
      lines: [line('own', 'individual', { funding: [{ funderId: 'RET', share: '1' }] })],
    },
    // A US award with a NICRA it exceeds, on another base than the NICRA's.
    {
      ...base,
      programme: {
        ...base.programme,
        donorProfile: 'US',
        indirectRate: '0.2',
        usNicra: { rate: '0.12', base: 'mtdc' },
      },
      lines: [line('work', 'individual')],
    },
    // A US award at the de minimis rate on the direct base with equipment in it (above the MTDC cap),
    // and a subaward with no USD rate to count its first USD 50,000; an FCDO-style condition on match.
    {
      ...base,
      programme: { ...base.programme, donorProfile: 'US', reportingCurrency: 'EUR', indirectRate: '0.15' },
      currencies: [],
      funders: [{ ...(base.funders[0] as Funder), conditionalOnMatch: true }],
      lines: [
        line('work', 'individual', { currency: 'EUR' }),
        line('kit', 'individual', { currency: 'EUR', mtdcExclusion: 'equipment' }, 1),
        line('sub', 'individual', { currency: 'EUR', mtdcExclusion: 'subaward' }, 2),
      ],
    },
    {
      ...base,
      programme: { ...base.programme, donorProfile: 'FCDO' },
      funders: [{ ...(base.funders[0] as Funder), conditionalOnMatch: true }],
    },
  ];
}

/**
 * Programmes that break the reintegration principles the broken one cannot break at the same time:
 * late arrivals, thin M&E, a community line with few non-migrants, pipeline funding, an unsigned
 * state programme; and community lines that record no beneficiaries at all.
 */
export function principleBreakers(): Model[] {
  const base = broken();
  const late: Profile = { ...profile('LA', 'adult', 12), arrivalStart: 1, arrivalEnd: 24 };
  const cases = line('cases', 'individual', {
    driver: { kind: 'perActiveCase', quantity: '1', profileIds: ['LA'], start: 1, end: 24 },
    funding: [{ funderId: 'PF', share: '1' }],
  });
  const community = line('few', 'community', { nonMigrantShare: '0.3', beneficiariesPerUnit: '10' });
  const thin = line('me', 'support', { category: 'monitoringEvaluation', unitCost: 1 });
  const health: Synergy = {
    ...synergy('S1', 'publicService', ['cases']),
    partnerId: 'G',
    status: 'inPrinciple',
  };
  return [
    {
      ...base,
      profiles: [late],
      funders: [
        {
          id: 'PF',
          position: 0,
          name: 'Pipeline donor',
          type: 'donor',
          status: 'pipeline',
          ceiling: null,
          conditionalOnMatch: false,
        },
      ],
      lines: [cases, community, thin],
      partners: [
        { ...defaultPartnerFields('Health scheme', '2025-01', '2026-12'), type: 'government', id: 'G', position: 0 },
      ],
      synergies: [health],
    },
    { ...base, lines: [...base.lines, line('nobody', 'community', { beneficiariesPerUnit: '0' }, 7)] },
    ...limitBreakers(),
  ];
}

/** Programmes beyond the limits of src-shared/model/limits.ts: a line, a total, a value out of bounds. */
function limitBreakers(): Model[] {
  const base = broken();
  const once = (quantity: string): Driver => ({ kind: 'fixed', quantity, schedule: 'once', start: 1, end: 1 });
  return [
    { ...base, lines: [line('huge', 'individual', { unitCost: 10 ** 15, driver: once('2') })] },
    {
      ...base,
      lines: [0, 1].map((i) => line(`big${i}`, 'individual', { unitCost: 6 * 10 ** 14, driver: once('1') }, i)),
    },
    { ...base, lines: [line('long', 'individual', { driver: once(`0.${'3'.repeat(40)}`) })] },
  ];
}

const referral = defaultEffect('referral') as Extract<SynergyEffect, { type: 'referral' }>;
const matchingFund = defaultEffect('matching') as Extract<SynergyEffect, { type: 'matching' }>;

function synergy(id: string, type: SynergyType, lineIds: string[], over: Partial<Synergy> = {}): Synergy {
  return { ...defaultSynergyFields(type, 'P', id, 24), id, position: Number(id.slice(1)), lineIds, ...over };
}

/**
 * The checks with an EU layout that has no heading for the category of the broken programme's first
 * line (every category has one in the real layouts), so that `donor.noHeading` is reached too.
 */
export function runChecks(m: Model, result: ReturnType<typeof compute>): Finding[] {
  const missing = broken().lines[0]?.category;
  const eu = {
    ...LAYOUTS.eu,
    categoryHeading: Object.fromEntries(Object.entries(LAYOUTS.eu.categoryHeading).filter(([c]) => c !== missing)),
  };
  return runChecksWith(m, result, { ...LAYOUTS, eu });
}

export function findingsOf(models: Model[]): Finding[] {
  return models.flatMap((m) => runChecks(m, compute(m)));
}
