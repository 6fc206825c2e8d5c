/**
 * A deterministic generator of large programmes, for the benchmark and for tests that need many
 * lines. Same options, same model, on every machine: it uses its own seeded PRNG (mulberry32),
 * never Math.random.
 *
 * What a generated programme holds (model v2):
 * - 5 returnee profiles, one of each kind the design names (adults front-loaded, families per
 *   household of 5, unaccompanied children assisted 18 months, victims of trafficking with explicit
 *   monthly arrivals, returnees with health needs back-loaded), sized by the number of lines;
 * - 2 currencies: EUR (reporting, 2 % inflation) and XOF (at the fixed parity 655.957 for every
 *   programme year, 3 % inflation);
 * - 3 funding sources (a donor, a pipeline co-financier with a ceiling, a government), with about
 *   40 % of lines split across two or three of them;
 * - 40 communities of return;
 * - lines that cycle through the six quantity drivers (fixed with its three schedules, per
 *   arrival, per active case, staffing, per community, per project) so that every driver meets
 *   every level, and one line in 50 a percentage line.
 *
 * Percentage lines sit at the support level, take individual / community / structural levels as
 * their base plus, sometimes, a few support lines (other percentage lines among them, always
 * earlier ones: chains but no cycles), and run over the whole programme. The whole window lets
 * the spreadsheet comparison compute them from line totals (rate × Σ rounded base totals) exactly
 * as the engine does month by month.
 */
import { seededRandom } from '../../src-shared/engine';
import {
  type BudgetLine,
  CATEGORIES,
  DIMENSIONS,
  type Driver,
  type FundingShare,
  LEVELS,
  type Level,
  type Model,
  MODALITIES,
  type Profile,
  SCHEDULES,
  defaultEffect,
  defaultSynergyFields,
  monthLabel,
  type Partner,
  PARTNER_TYPES,
  type Synergy,
  type SynergyEffect,
  SYNERGY_STATUSES,
  SYNERGY_TYPES,
} from '../../src-shared/model';

export interface GenerateOptions {
  lines: number;
  months: number;
  seed?: number;
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG (the engine's, for Monte-Carlo runs). Returns floats in [0, 1). */
export const mulberry32 = seededRandom;

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    const x = xs[Math.floor(this.next() * xs.length)];
    if (x === undefined) throw new RangeError('pick from an empty list');
    return x;
  }
}

/** The six drivers a line cycles through (percentage lines are placed apart, see below). */
export const CYCLED_DRIVERS = [
  'fixed',
  'perArrival',
  'perActiveCase',
  'staffing',
  'perCommunity',
  'perProject',
] as const;
/** One line in PERCENTAGE_EVERY is a percentage line. */
export const PERCENTAGE_EVERY = 50;

export const FUNDER_IDS = { donor: 'f-donor', coFinancier: 'f-cofin', government: 'f-gov' } as const;

const NAMES: Record<Level, readonly string[]> = {
  individual: ['Reintegration package', 'Psychosocial counselling', 'Medical assistance', 'Vocational training'],
  community: ['Community project', 'Social cohesion event', 'Cash-for-work', 'Community infrastructure'],
  structural: ['Capacity-building course', 'Coordination meeting', 'Seconded officer', 'Referral mechanism'],
  support: ['Programme staff', 'Office running costs', 'Field monitoring', 'Audit'],
};

const TAKE_UP = ['1', '0.9', '0.6', '0.4', '0.25', '0.07'] as const;
const PER_CASE = ['1', '0.5', '0.25', '2'] as const;

function profiles(n: number, months: number, rng: Rng): Profile[] {
  // Caseload grows with the programme: about 10 returnee cases per line.
  const scale = Math.max(1, Math.round(n / 100));
  const lastArrival = Math.max(1, months - 6);
  const vot = new Array<number>(months).fill(0);
  for (let m = 2; m <= lastArrival; m++) if (rng.float() < 0.3) vot[m - 1] = rng.int(1, 3 * scale);
  const base = {
    personsPerUnit: '1',
    unit: 'person' as const,
    monthly: [] as number[],
    arrivalStart: 2,
    arrivalEnd: lastArrival,
    durationMonths: 12,
  };
  return [
    { ...base, id: 'p-adult', position: 0, name: 'Adults', kind: 'adult', arrivals: 150 * scale, pattern: 'front' },
    {
      ...base,
      id: 'p-family',
      position: 1,
      name: 'Families',
      kind: 'family',
      unit: 'household',
      personsPerUnit: '5',
      arrivals: 15 * scale,
      pattern: 'even',
    },
    {
      ...base,
      id: 'p-child',
      position: 2,
      name: 'Unaccompanied children',
      kind: 'child',
      arrivals: 12 * scale,
      pattern: 'even',
      arrivalEnd: Math.max(2, months - 17),
      durationMonths: 18,
    },
    {
      ...base,
      id: 'p-vot',
      position: 3,
      name: 'Victims of trafficking',
      kind: 'trafficking',
      arrivals: 0,
      pattern: 'explicit',
      monthly: vot,
      durationMonths: 9,
    },
    {
      ...base,
      id: 'p-health',
      position: 4,
      name: 'Health needs',
      kind: 'health',
      arrivals: 10 * scale,
      pattern: 'back',
    },
  ];
}

const PROFILE_IDS = ['p-adult', 'p-family', 'p-child', 'p-vot', 'p-health'] as const;

function someProfiles(rng: Rng): string[] {
  if (rng.float() < 0.4) return []; // all profiles
  const out = PROFILE_IDS.filter(() => rng.float() < 0.5);
  return out.length > 0 ? out : [rng.pick(PROFILE_IDS)];
}

function window(rng: Rng, months: number): { start: number; end: number } {
  if (rng.float() < 0.5) return { start: 1, end: months };
  const start = rng.int(1, months);
  return { start, end: rng.int(start, months) };
}

/** Windows of caseload-driven lines start in the first half, when returnees arrive, and last a year or more. */
function caseWindow(rng: Rng, months: number): { start: number; end: number } {
  if (rng.float() < 0.5) return { start: 1, end: months };
  const start = rng.int(1, Math.max(1, Math.floor(months / 2)));
  return { start, end: rng.int(Math.min(months, start + 12), months) };
}

function funding(rng: Rng): FundingShare[] {
  const x = rng.float();
  if (x < 0.6) return [];
  if (x < 0.85)
    return [
      { funderId: FUNDER_IDS.donor, share: '0.8' },
      { funderId: FUNDER_IDS.coFinancier, share: '0.2' },
    ];
  return [
    { funderId: FUNDER_IDS.donor, share: '0.5' },
    { funderId: FUNDER_IDS.government, share: '0.3' },
    { funderId: FUNDER_IDS.coFinancier, share: '0.2' },
  ];
}

/**
 * A programme of `lines` lines over `months` months (start 2027-01, EUR reporting, 7 % indirect,
 * 3 % contingency). Line i is a percentage line when i % PERCENTAGE_EVERY = PERCENTAGE_EVERY - 1;
 * otherwise it has driver CYCLED_DRIVERS[i % 6] and level LEVELS[floor(i / 6) % 4].
 */
export function generateModel(opts: GenerateOptions): Model {
  const { lines: n, months } = opts;
  const rng = new Rng(opts.seed ?? 20270101);
  const positions: Record<Level, number> = { individual: 0, community: 0, structural: 0, support: 0 };
  const lines: BudgetLine[] = [];
  const supportIds: string[] = [];
  const pctIds: string[] = [];
  const ps = profiles(n, months, rng);
  for (let i = 0; i < n; i++) {
    const id = `g${i}`;
    const isPct = i % PERCENTAGE_EVERY === PERCENTAGE_EVERY - 1;
    const kind = isPct ? 'percentage' : (CYCLED_DRIVERS[i % CYCLED_DRIVERS.length] ?? 'fixed');
    const level: Level = isPct
      ? 'support'
      : (LEVELS[Math.floor(i / CYCLED_DRIVERS.length) % LEVELS.length] ?? 'individual');
    const xof = !isPct && rng.float() < 0.6;
    // Unit costs: EUR in cents, XOF in francs (no minor unit); XOF amounts ≈ 656 × the EUR ones.
    const cost = (eurLo: number, eurHi: number): number =>
      xof ? rng.int(eurLo, eurHi) * 656 : rng.int(eurLo * 100, eurHi * 100);
    let driver: Driver;
    let unitCost: number;
    switch (kind) {
      case 'fixed': {
        const schedule = rng.pick(SCHEDULES);
        const w = window(rng, months);
        if (schedule === 'once') {
          driver = { kind, schedule, quantity: String(rng.int(1, 100)), start: w.start, end: w.start };
          unitCost = cost(5, 5000);
        } else if (schedule === 'spread') {
          driver = { kind, schedule, quantity: String(rng.int(1, 1000)), start: w.start, end: w.end };
          unitCost = cost(5, 500);
        } else {
          const q = rng.float() < 0.7 ? String(rng.int(1, 6)) : `0.${rng.int(1, 9)}${rng.int(1, 9)}`;
          driver = { kind, schedule, quantity: q, start: w.start, end: w.end };
          unitCost = cost(100, 3000);
        }
        break;
      }
      case 'perArrival': {
        const w = caseWindow(rng, months);
        driver = {
          kind,
          quantity: rng.pick(['1', '1', '1', '2', '0.5']),
          profileIds: someProfiles(rng),
          takeUp: rng.pick(TAKE_UP),
          offset: rng.int(0, 3),
          start: w.start,
          end: w.end,
        };
        unitCost = cost(10, 400);
        break;
      }
      case 'perActiveCase': {
        const w = caseWindow(rng, months);
        driver = { kind, quantity: rng.pick(PER_CASE), profileIds: someProfiles(rng), start: w.start, end: w.end };
        unitCost = cost(2, 20);
        break;
      }
      case 'staffing': {
        const w = caseWindow(rng, months);
        const min = rng.int(0, 3);
        driver = {
          kind,
          casesPerStaff: String(rng.int(50, 300)),
          min,
          max: rng.float() < 0.5 ? null : min + rng.int(2, 30),
          profileIds: someProfiles(rng),
          start: w.start,
          end: w.end,
        };
        unitCost = cost(300, 1500);
        break;
      }
      case 'perCommunity': {
        const schedule = rng.pick(SCHEDULES);
        const w = window(rng, months);
        driver = {
          kind,
          quantity: rng.pick(['1', '2', '3', '0.5']),
          schedule,
          start: w.start,
          end: schedule === 'once' ? w.start : w.end,
        };
        unitCost = cost(100, schedule === 'monthly' ? 300 : 5000);
        break;
      }
      case 'perProject': {
        const schedule = rng.pick(['once', 'spread'] as const);
        const w = window(rng, months);
        driver = {
          kind,
          returneesPerProject: String(rng.int(100, 1000)),
          profileIds: someProfiles(rng),
          schedule,
          start: w.start,
          end: schedule === 'once' ? w.start : w.end,
        };
        unitCost = cost(2000, 30000);
        break;
      }
      default: {
        // A percentage line over the whole programme: rate × some levels (never support, where it
        // sits) plus up to three earlier support lines.
        const levels = (['individual', 'community', 'structural'] as const).filter(() => rng.float() < 0.5);
        const lineIds: string[] = [];
        for (let k = rng.int(0, 3); k > 0 && supportIds.length > 0; k--) {
          const pick = rng.pick(supportIds);
          if (!lineIds.includes(pick)) lineIds.push(pick);
        }
        // Every other percentage line also takes the previous one in its base: chains, never cycles.
        const previous = pctIds[pctIds.length - 1];
        if (previous !== undefined && pctIds.length % 2 === 1 && !lineIds.includes(previous)) lineIds.push(previous);
        if (levels.length === 0 && lineIds.length === 0) levels.push('individual');
        driver = {
          kind: 'percentage',
          rate: rng.pick(['0.001', '0.002', '0.005', '0.01', '0.0025']),
          levels,
          lineIds,
          start: 1,
          end: months,
        };
        unitCost = 0;
      }
    }
    if (level === 'support') supportIds.push(id);
    if (isPct) pctIds.push(id);
    const community = level === 'community' && !isPct;
    lines.push({
      id,
      level,
      position: positions[level]++,
      name: `${rng.pick(NAMES[level])} ${i + 1}`,
      category: isPct ? 'monitoringEvaluation' : rng.pick(CATEGORIES),
      dimension: rng.pick(DIMENSIONS),
      modality: kind === 'staffing' ? 'staff' : rng.pick(MODALITIES),
      unitLabel: 'unit',
      unitCost,
      driver,
      justification: '',
      eligibleIndirect: rng.float() < 0.9,
      eligibleContingency: rng.float() < 0.8,
      currency: xof ? 'XOF' : 'EUR',
      funding: funding(rng),
      beneficiariesPerUnit: community ? String(rng.int(0, 25)) : '0',
      nonMigrantShare: community ? rng.pick(['0.5', '0.54', '0.7']) : '0',
      outputs: { businesses: '0', jobs: '0', people: '0' },
      mtdcExclusion: 'none',
    });
  }
  const years = Math.ceil(months / 12);
  return {
    programme: {
      title: `Generated programme (${n} lines, ${months} months)`,
      reportingCurrency: 'EUR',
      startMonth: '2027-01',
      durationMonths: months,
      indirectRate: '0.07',
      contingencyRate: '0.03',
      author: 'bench',
      notes: '',
      donorProfile: 'EU',
      communities: 40,
      inflation: '0.02',
      indirectBase: 'direct',
      euAgreement: 'grant',
      usAwardDate: null,
      usNicra: null,
    },
    lines,
    profiles: ps,
    currencies: [{ code: 'XOF', rates: new Array<string>(Math.min(10, years)).fill('655.957'), inflation: '0.03' }],
    funders: [
      {
        id: FUNDER_IDS.donor,
        position: 0,
        name: 'Donor',
        type: 'donor',
        status: 'confirmed',
        ceiling: null,
        conditionalOnMatch: false,
      },
      {
        id: FUNDER_IDS.coFinancier,
        position: 1,
        name: 'Co-financier',
        type: 'coFinancier',
        status: 'pipeline',
        ceiling: 1_000_000_00,
        conditionalOnMatch: false,
      },
      {
        id: FUNDER_IDS.government,
        position: 2,
        name: 'Government',
        type: 'government',
        status: 'confirmed',
        ceiling: null,
        conditionalOnMatch: false,
      },
    ],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
  };
}

/**
 * `model` with `count` synergies of every type (in turn) with ten partner programmes, each on one to
 * three of its lines, in windows of the programme; deterministic (issue 9's benchmark case).
 */
export function withSynergies(model: Model, count: number, seed = 9): Model {
  const rng = new Rng(seed);
  const D = model.programme.durationMonths;
  const partners: Partner[] = Array.from({ length: 10 }, (_, i) => ({
    id: `pa-${i}`,
    position: i,
    name: `Partner programme ${i + 1}`,
    organisation: '',
    type: PARTNER_TYPES[i % PARTNER_TYPES.length] ?? 'development',
    startMonth: model.programme.startMonth,
    endMonth: monthLabel(model.programme.startMonth, D),
    notes: '',
  }));
  const costed = model.lines.filter((l) => l.driver.kind !== 'percentage');
  const synergies: Synergy[] = Array.from({ length: count }, (_, i) => {
    const type = SYNERGY_TYPES[i % SYNERGY_TYPES.length] ?? 'referral';
    const start = 1 + Math.floor(rng.float() * (D / 2));
    const targets = Array.from({ length: 1 + Math.floor(rng.float() * 3) }, () => rng.pick(costed).id);
    const effect: SynergyEffect =
      type === 'referral'
        ? { type, share: '0.5', uptake: '0.228', capacity: 100 + Math.floor(rng.float() * 400), coordinationCost: 2500 }
        : type === 'matching'
          ? {
              ...(defaultEffect(type) as Extract<SynergyEffect, { type: 'matching' }>),
              capPerGrant: 50_000,
              collectiveCap: 5_000_000,
            }
          : type === 'coFinancing' && i % 2 === 0
            ? { type, basis: 'amount', share: '0', amount: 1_000_000 }
            : defaultEffect(type);
    return {
      ...defaultSynergyFields(type, `pa-${i % 10}`, `Synergy ${i + 1}`, D),
      id: `sy-${i}`,
      position: i,
      effect,
      lineIds: [...new Set(targets)],
      firstMonth: start,
      lastMonth: Math.min(D, start + 12 + Math.floor(rng.float() * D)),
      status: SYNERGY_STATUSES[i % SYNERGY_STATUSES.length] ?? 'identified',
      funderId: i % 3 === 0 ? FUNDER_IDS.coFinancier : null,
    };
  });
  return { ...model, partners, synergies };
}
