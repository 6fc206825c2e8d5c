/** Small builders shared by the engine, driver and checks tests. */
import { type BudgetLine, defaultProfileFields, type Driver, type Model, type Programme } from '../../src-shared/model';

export function testProgramme(over: Partial<Programme> = {}): Programme {
  return {
    title: 'Test',
    reportingCurrency: 'EUR',
    startMonth: '2027-01',
    durationMonths: 24,
    indirectRate: '0.07',
    contingencyRate: '0.05',
    author: '',
    notes: '',
    donorProfile: 'EU',
    communities: 0,
    inflation: '0',
    indirectBase: 'direct',
    euAgreement: 'grant',
    usAwardDate: null,
    usNicra: null,
    ...over,
  };
}

/**
 * A line builder with a sequence of its own: ids `${prefix}1`, `${prefix}2`…, fixed driver once
 * in month 1, in EUR unless `defaults` say otherwise.
 */
export function lineBuilder(
  prefix: string,
  defaults: Partial<BudgetLine> = {},
): (over?: Partial<BudgetLine>) => BudgetLine {
  let seq = 0;
  return (over = {}) => {
    seq += 1;
    return {
      id: `${prefix}${seq}`,
      level: 'individual',
      position: seq,
      name: `Line ${seq}`,
      category: 'services',
      dimension: 'economic',
      modality: 'service',
      unitLabel: 'unit',
      unitCost: 0,
      driver: { kind: 'fixed', quantity: '1', schedule: 'once', start: 1, end: 1 },
      justification: '',
      eligibleIndirect: true,
      eligibleContingency: true,
      currency: 'EUR',
      funding: [],
      beneficiariesPerUnit: '0',
      nonMigrantShare: '0',
      outputs: { businesses: '0', jobs: '0', people: '0' },
      mtdcExclusion: 'none',
      ...defaults,
      ...over,
    };
  };
}

/** One unit per arrival of `profileIds` (every profile when empty), everyone taking it, months 1–24. */
export const perArrival = (profileIds: string[] = []): Driver => ({
  kind: 'perArrival',
  quantity: '1',
  profileIds,
  takeUp: '1',
  offset: 0,
  start: 1,
  end: 24,
});

/**
 * A programme in USD that passes every principle and raises no finding at all, with round figures
 * (the principles' and the boundary tests' starting point): 100 adults arriving in months 1–13 (the
 * last month whose 12-month follow-up ends by month 24); a package of USD 2,000 each; psychosocial
 * case managers (staff: not part of the package); a community line at 54 % non-migrants; a
 * structural line; M&E at exactly 3 % of direct cost (USD 6,300 of 210,000). EU grant at 7 % / 5 %.
 */
export function principlesClean(): Model {
  const line = lineBuilder('C', { currency: 'USD' });
  return {
    programme: testProgramme({ title: 'Principles', reportingCurrency: 'USD', communities: 4 }),
    profiles: [{ ...defaultProfileFields('adult', 'Adults', 24), id: 'a', position: 0, arrivals: 100 }],
    currencies: [],
    funders: [
      {
        id: 'd',
        name: 'Donor',
        type: 'donor',
        status: 'confirmed',
        ceiling: null,
        conditionalOnMatch: false,
        position: 0,
      },
    ],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
    lines: [
      line({
        id: 'pkg',
        modality: 'inKind',
        category: 'grantsToBeneficiaries',
        unitCost: 200_000,
        driver: perArrival([]),
      }),
      line({ id: 'psy', dimension: 'psychosocial', modality: 'staff', category: 'humanResources', unitCost: 100_000 }),
      line({
        id: 'com',
        level: 'community',
        modality: 'works',
        category: 'works',
        unitCost: 100_000,
        beneficiariesPerUnit: '100',
        nonMigrantShare: '0.54',
      }),
      line({ id: 'str', level: 'structural', unitCost: 170_000 }),
      line({ id: 'me', level: 'support', category: 'monitoringEvaluation', unitCost: 630_000 }),
    ],
  };
}
