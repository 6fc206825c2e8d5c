/**
 * Canonical forms and orders of the model's rows: every value of a type with its keys in one fixed
 * order (so equal models serialise identically, in the file, in replies and in tests), and the
 * order in which each list is shown and stored. Pure: the planner (src-shared/commands), the
 * repositories (src-main/db) and the renderer all use these.
 */
import {
  type BudgetLine,
  type Currency,
  type Driver,
  type Funder,
  LEVELS,
  type Profile,
  type Programme,
} from './model';

/** The same programme with its keys in one fixed order (so equal models serialise identically). */
export function canonicalProgramme(p: Programme): Programme {
  return {
    title: p.title,
    reportingCurrency: p.reportingCurrency,
    startMonth: p.startMonth,
    durationMonths: p.durationMonths,
    indirectRate: p.indirectRate,
    contingencyRate: p.contingencyRate,
    author: p.author,
    notes: p.notes,
    donorProfile: p.donorProfile,
    communities: p.communities,
    inflation: p.inflation,
    indirectBase: p.indirectBase,
    euAgreement: p.euAgreement,
    usAwardDate: p.usAwardDate,
    usNicra: p.usNicra === null ? null : { rate: p.usNicra.rate, base: p.usNicra.base },
  };
}

/** The same driver with its keys in one fixed order (that of its schema in src-shared/model). */
export function canonicalDriver(d: Driver): Driver {
  switch (d.kind) {
    case 'fixed':
      return { kind: d.kind, quantity: d.quantity, schedule: d.schedule, start: d.start, end: d.end };
    case 'perArrival':
      return {
        kind: d.kind,
        quantity: d.quantity,
        profileIds: [...d.profileIds],
        takeUp: d.takeUp,
        offset: d.offset,
        start: d.start,
        end: d.end,
      };
    case 'perActiveCase':
      return { kind: d.kind, quantity: d.quantity, profileIds: [...d.profileIds], start: d.start, end: d.end };
    case 'staffing':
      return {
        kind: d.kind,
        casesPerStaff: d.casesPerStaff,
        min: d.min,
        max: d.max,
        profileIds: [...d.profileIds],
        start: d.start,
        end: d.end,
      };
    case 'perCommunity':
      return { kind: d.kind, quantity: d.quantity, schedule: d.schedule, start: d.start, end: d.end };
    case 'perProject':
      return {
        kind: d.kind,
        returneesPerProject: d.returneesPerProject,
        profileIds: [...d.profileIds],
        schedule: d.schedule,
        start: d.start,
        end: d.end,
      };
    case 'percentage':
      return { kind: d.kind, rate: d.rate, levels: [...d.levels], lineIds: [...d.lineIds], start: d.start, end: d.end };
  }
}

/** The same line with its keys in one fixed order (so equal models serialise identically). */
export function canonicalLine(l: BudgetLine): BudgetLine {
  return {
    id: l.id,
    level: l.level,
    position: l.position,
    name: l.name,
    category: l.category,
    dimension: l.dimension,
    modality: l.modality,
    unitLabel: l.unitLabel,
    unitCost: l.unitCost,
    driver: canonicalDriver(l.driver),
    justification: l.justification,
    eligibleIndirect: l.eligibleIndirect,
    eligibleContingency: l.eligibleContingency,
    currency: l.currency,
    funding: l.funding.map((f) => ({ funderId: f.funderId, share: f.share })),
    beneficiariesPerUnit: l.beneficiariesPerUnit,
    nonMigrantShare: l.nonMigrantShare,
    outputs: { businesses: l.outputs.businesses, jobs: l.outputs.jobs, people: l.outputs.people },
    mtdcExclusion: l.mtdcExclusion,
  };
}

export function canonicalProfile(p: Profile): Profile {
  return {
    id: p.id,
    position: p.position,
    name: p.name,
    kind: p.kind,
    unit: p.unit,
    personsPerUnit: p.personsPerUnit,
    arrivals: p.arrivals,
    pattern: p.pattern,
    monthly: [...p.monthly],
    arrivalStart: p.arrivalStart,
    arrivalEnd: p.arrivalEnd,
    durationMonths: p.durationMonths,
  };
}

export function canonicalCurrency(c: Currency): Currency {
  return { code: c.code, rates: [...c.rates], inflation: c.inflation };
}

export function canonicalFunder(f: Funder): Funder {
  return {
    id: f.id,
    position: f.position,
    name: f.name,
    type: f.type,
    status: f.status,
    ceiling: f.ceiling,
    conditionalOnMatch: f.conditionalOnMatch,
  };
}

const LEVEL_ORDER = new Map<string, number>(LEVELS.map((l, i) => [l, i]));

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Model order of lines: by level (individual, community, structural, support), then position. */
export function compareLines(a: BudgetLine, b: BudgetLine): number {
  return (
    (LEVEL_ORDER.get(a.level) ?? 0) - (LEVEL_ORDER.get(b.level) ?? 0) ||
    a.position - b.position ||
    compareIds(a.id, b.id)
  );
}

/** Model order of profiles and funding sources: by position. */
export function compareByPosition(a: { position: number; id: string }, b: { position: number; id: string }): number {
  return a.position - b.position || compareIds(a.id, b.id);
}

/** Model order of local currencies: by code. */
export function compareCurrencies(a: Currency, b: Currency): number {
  return compareIds(a.code, b.code);
}
