/** Small builders shared by the engine, driver and checks tests. */
import type { BudgetLine, Driver, Programme } from '../../src-shared/model';

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
