/**
 * A deterministic generator of large programmes, for the benchmark and for tests that need many
 * lines. Same options, same model, on every machine: it uses its own seeded PRNG (mulberry32),
 * never Math.random.
 *
 * Coverage: lines cycle through the three schedules and the four levels (so every schedule meets
 * every level), and draw category, dimension and modality at random. Amounts are chosen so that
 * each line's exact total (quantity × unit cost) is a whole number of cents; the spreadsheet
 * comparison in the benchmark relies on it to agree to the cent without a rounding rule of its own.
 */
import {
  type BudgetLine,
  CATEGORIES,
  DIMENSIONS,
  LEVELS,
  type Level,
  type Model,
  MODALITIES,
  SCHEDULES,
} from '../../src-shared/model';

export interface GenerateOptions {
  lines: number;
  months: number;
  seed?: number;
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

const NAMES: Record<Level, readonly string[]> = {
  individual: ['Reintegration package', 'Psychosocial counselling', 'Medical assistance', 'Vocational training'],
  community: ['Community project', 'Social cohesion event', 'Cash-for-work', 'Community infrastructure'],
  structural: ['Capacity-building course', 'Coordination meeting', 'Seconded officer', 'Referral mechanism'],
  support: ['Programme staff', 'Office running costs', 'Monitoring and evaluation', 'Audit'],
};

/**
 * A programme of `lines` lines over `months` months (start 2027-01, EUR, 7 % indirect, 3 %
 * contingency). Line i has schedule SCHEDULES[i % 3] and level LEVELS[floor(i / 3) % 4].
 */
export function generateModel(opts: GenerateOptions): Model {
  const { lines: n, months } = opts;
  const rng = new Rng(opts.seed ?? 20270101);
  const positions: Record<Level, number> = { individual: 0, community: 0, structural: 0, support: 0 };
  const lines: BudgetLine[] = [];
  for (let i = 0; i < n; i++) {
    const schedule = SCHEDULES[i % SCHEDULES.length] ?? 'once';
    const level = LEVELS[Math.floor(i / SCHEDULES.length) % LEVELS.length] ?? 'individual';
    // Half of the spread and monthly lines run over the whole programme (staff, offices), the rest
    // over a random window.
    const whole = schedule !== 'once' && rng.float() < 0.5;
    const start = whole ? 1 : rng.int(1, months);
    let end = start;
    let quantity: string;
    let unitCost: number;
    switch (schedule) {
      case 'once':
        quantity = String(rng.int(1, 100));
        unitCost = rng.int(500, 500_000); // EUR 5 .. 5,000
        break;
      case 'spread':
        end = whole ? months : rng.int(start, months);
        quantity = String(rng.int(1, 1_000)); // e.g. 7 units over 3 months: 7/3 a month, exact
        unitCost = rng.int(500, 50_000); // EUR 5 .. 500
        break;
      case 'monthly': {
        end = whole ? months : rng.int(start, months);
        // Staff-like lines: whole units or a part-time fraction. A fraction with two decimals
        // times a unit cost in whole euros is still a whole number of cents.
        const integral = rng.float() < 0.7;
        quantity = integral ? String(rng.int(1, 6)) : `0.${String(rng.int(5, 95)).padStart(2, '0')}`.replace(/0$/, '');
        unitCost = rng.int(100, 3_000) * 100; // whole euros
        break;
      }
    }
    lines.push({
      id: `g${i}`,
      level,
      position: positions[level]++,
      name: `${rng.pick(NAMES[level])} ${i + 1}`,
      category: rng.pick(CATEGORIES),
      dimension: rng.pick(DIMENSIONS),
      modality: rng.pick(MODALITIES),
      unitLabel: 'unit',
      unitCost,
      driver: { kind: 'fixed', quantity, schedule, start, end },
      justification: '',
      eligibleIndirect: rng.float() < 0.9,
      eligibleContingency: rng.float() < 0.8,
    });
  }
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
    },
    lines,
  };
}
