/**
 * The reintegration principles (src-shared/checks/principles.ts): each check firing and silent on
 * its boundary (exactly at the threshold, one unit over or under).
 */
import { describe, expect, it } from 'vitest';
import { type Finding, runChecks } from '../../src-shared/checks';
import { compute } from '../../src-shared/engine';
import {
  type BudgetLine,
  defaultPartnerFields,
  defaultProfileFields,
  defaultSynergyFields,
  type Funder,
  type Model,
  type Partner,
  type Profile,
  type Synergy,
  type SynergyEffect,
} from '../../src-shared/model';
import { lineBuilder, perArrival, principlesClean } from './model-fixtures';

const line = lineBuilder('P', { currency: 'USD' });

function adults(over: Partial<Profile> = {}): Profile {
  return { ...defaultProfileFields('adult', 'Adults', 24), id: 'a', position: 0, arrivals: 100, ...over };
}

/** The programme that passes every principle (model-fixtures.ts). */
const clean = principlesClean;

const run = (m: Model): Finding[] => runChecks(m, compute(m));
const withCode = (m: Model, code: string): Finding[] => run(m).filter((f) => f.code === code);
const setLine = (m: Model, id: string, patch: Partial<BudgetLine>): Model => ({
  ...m,
  lines: m.lines.map((l) => (l.id === id ? { ...l, ...patch } : l)),
});

describe('the clean programme', () => {
  it('has no finding at all', () => {
    expect(run(clean())).toEqual([]);
  });
});

describe('M&E judged by its share of direct cost', () => {
  const monitoring = (m: Model) => run(m).filter((f) => f.id === 'principles.monitoring');

  it('exactly 3 % is silent, one cent more too; one cent under is a note that shows the threshold', () => {
    expect(monitoring(clean())).toEqual([]);
    expect(monitoring(setLine(clean(), 'me', { unitCost: 630_001 }))).toEqual([]);
    const under = monitoring(setLine(clean(), 'me', { unitCost: 629_999 }));
    expect(under).toEqual([
      expect.objectContaining({
        code: 'principles.monitoringBelow',
        severity: 'note',
        target: { kind: 'line', lineId: 'me' },
        params: { share: 2.9, min: '0.03', amount: 629_999 },
      }),
    ]);
  });

  it('no M&E cost at all is a warning, line or no line', () => {
    const m = clean();
    m.lines = m.lines.filter((l) => l.id !== 'me');
    expect(monitoring(m)).toEqual([
      expect.objectContaining({ code: 'principles.noMonitoring', severity: 'warning', target: null }),
    ]);
    expect(monitoring(setLine(clean(), 'me', { unitCost: 0 }))).toEqual([
      expect.objectContaining({ code: 'principles.noMonitoring', target: { kind: 'line', lineId: 'me' } }),
    ]);
  });
});

describe('follow-up inside the programme', () => {
  const late = (m: Model) => withCode(m, 'principles.followUpInside');
  const arrivingIn = (month: number, over: Partial<Profile> = {}): Model => ({
    ...clean(),
    profiles: [adults({ arrivalStart: month, arrivalEnd: month, ...over })],
  });

  it('arrivals in month 13 finish their 12 months by month 24; in month 14 they do not', () => {
    expect(late(arrivingIn(13))).toEqual([]);
    expect(late(arrivingIn(14))).toEqual([
      expect.objectContaining({
        severity: 'warning',
        target: { kind: 'profile', profileId: 'a' },
        params: { name: 'Adults', late: 100, arrivals: 100, months: 12, lastMonth: 13 },
      }),
    ]);
  });

  it("counts only the late arrivals, per profile, over the profile's own duration when longer", () => {
    // 15 months of assistance: the last month that fits is 24 - 15 + 1 = 10.
    expect(late(arrivingIn(10, { durationMonths: 15 }))).toEqual([]);
    expect(late(arrivingIn(11, { durationMonths: 15 }))[0]?.params).toEqual(
      expect.objectContaining({ months: 15, lastMonth: 10 }),
    );
    // 24 arrivals, one a month over months 1–24: those of months 14–24 (11 of them) are late.
    const spread = late(arrivingIn(1, { arrivalEnd: 24, arrivals: 24 }));
    expect(spread[0]?.params).toEqual(expect.objectContaining({ late: 11, arrivals: 24 }));
  });
});

describe('vulnerable profiles followed by a line of their own', () => {
  const children = (): Model => {
    const m = clean();
    m.profiles.push({ ...defaultProfileFields('child', 'Children', 24), id: 'c', position: 1, arrivals: 10 });
    return m;
  };
  const vulnerable = (m: Model) => withCode(m, 'principles.vulnerableNoLine');

  it('a child profile no line names is a warning on the profile; one line naming it is enough', () => {
    expect(vulnerable(children())).toEqual([
      expect.objectContaining({
        severity: 'warning',
        target: { kind: 'profile', profileId: 'c' },
        params: { name: 'Children', kind: 'profile.kind.child' },
      }),
    ]);
    const m = children();
    m.lines.push(line({ id: 'school', driver: perArrival(['c']), unitCost: 1000 }));
    expect(vulnerable(m)).toEqual([]);
    // A profile with no arrivals yet is left alone.
    const empty = children();
    empty.profiles = empty.profiles.map((p) => (p.id === 'c' ? { ...p, arrivals: 0 } : p));
    expect(vulnerable(empty)).toEqual([]);
  });

  it('a line for all profiles does not count; trafficking and health are vulnerable, adults and families not', () => {
    const m = children();
    m.lines.push(line({ id: 'all', driver: perArrival([]), unitCost: 1000 }));
    expect(vulnerable(m)).toHaveLength(1);
    m.profiles.push(
      { ...defaultProfileFields('trafficking', 'VoT', 24), id: 'v', position: 2, arrivals: 5 },
      { ...defaultProfileFields('health', 'Health', 24), id: 'h', position: 3, arrivals: 5 },
      { ...defaultProfileFields('family', 'Families', 24), id: 'f', position: 4, arrivals: 5 },
    );
    expect(vulnerable(m).map((f) => f.params['kind'])).toEqual([
      'profile.kind.child',
      'profile.kind.trafficking',
      'profile.kind.health',
    ]);
  });
});

describe('the individual package against USD 569–8,845', () => {
  const range = (m: Model) => run(m).filter((f) => f.id === 'principles.packageRange');

  it('USD 569.00 a returnee is silent, 568.99 a note; 8,845.00 silent, 8,845.01 a note', () => {
    expect(range(setLine(clean(), 'pkg', { unitCost: 56_900 }))).toEqual([]);
    expect(range(setLine(clean(), 'pkg', { unitCost: 56_899 }))).toEqual([
      expect.objectContaining({
        code: 'principles.packageBelow',
        severity: 'note',
        target: { kind: 'line', lineId: 'pkg' },
        params: expect.objectContaining({
          amount: 56_899,
          usd: 56_899,
          min: 56_900,
          max: 884_500,
          conversion: 'checks.conversion.usd',
        }),
      }),
    ]);
    expect(range(setLine(clean(), 'pkg', { unitCost: 884_500 }))).toEqual([]);
    expect(range(setLine(clean(), 'pkg', { unitCost: 884_501 }))[0]?.code).toBe('principles.packageAbove');
  });

  it('counts what a returnee receives (services too), not staff or other fully loaded cost', () => {
    const m = setLine(clean(), 'pkg', { unitCost: 56_899 });
    // Case managers' cost does not lift the package into the range...
    m.lines.push(line({ id: 'cm', modality: 'staff', category: 'humanResources', unitCost: 10_000_000 }));
    expect(range(m)[0]?.params['amount']).toBe(56_899);
    // ...a training service of USD 1 in all does: (5,689,900 + 100) ÷ 100 = 56,900.
    m.lines.push(line({ id: 'tr', modality: 'service', category: 'training', unitCost: 100 }));
    expect(range(m)).toEqual([]);
  });

  it('in EUR with no USD currency: the ECB 2024 reference rate, named in the finding', () => {
    const inEur = (unitCost: number): Model => {
      const m = setLine(clean(), 'pkg', { unitCost });
      m.programme = { ...m.programme, reportingCurrency: 'EUR' };
      m.lines = m.lines.map((l) => ({ ...l, currency: 'EUR' }));
      return m;
    };
    // Compared exactly, not rounded to a cent first: EUR 525.69 × 1.0824 = USD 569.007: silent;
    // EUR 525.68 → USD 568.996, below USD 569: a note, showing USD 568.99 (rounded towards its side).
    expect(range(inEur(52_569))).toEqual([]);
    expect(range(inEur(52_568))[0]?.params).toEqual(
      expect.objectContaining({
        usd: 56_899,
        rate: '1.0824',
        currency: 'EUR',
        year: '2024',
        conversion: 'checks.conversion.reference',
      }),
    );
    // The programme's own USD rate wins over the reference.
    const own = inEur(52_567);
    own.currencies = [{ code: 'USD', rates: ['1'], inflation: '0' }];
    expect(range(own)[0]?.params).toEqual(
      expect.objectContaining({ usd: 52_567, rate: '1', conversion: 'checks.conversion.model' }),
    );
    // A reporting currency with no reference rate and no USD currency: no comparison.
    const chf = inEur(1);
    chf.programme = { ...chf.programme, reportingCurrency: 'CHF' };
    chf.lines = chf.lines.map((l) => ({ ...l, currency: 'CHF' }));
    expect(range(chf)).toEqual([]);
  });
});

describe('cash share of the grants paid to returnees', () => {
  const grants = (cash: number, other: number, modality: BudgetLine['modality'] = 'inKind'): Model => {
    const m = clean();
    m.lines = m.lines.filter((l) => l.id !== 'pkg');
    m.lines.push(
      line({ id: 'cash', modality: 'cash', category: 'grantsToBeneficiaries', unitCost: cash }),
      line({ id: 'kind', modality, category: 'grantsToBeneficiaries', unitCost: other }),
    );
    return m;
  };
  const cashNote = (m: Model) => withCode(m, 'principles.largeCash');

  it('exactly half in cash is silent; one cent more is a note on the cash line', () => {
    expect(cashNote(grants(500, 500))).toEqual([]);
    expect(cashNote(grants(501, 500))).toEqual([
      expect.objectContaining({
        severity: 'note',
        target: { kind: 'line', lineId: 'cash' },
        params: { share: 50.1, cash: 501, grants: 1001, max: '0.5' },
      }),
    ]);
  });

  it('is measured on the grants, not on services or staff; vouchers and matching grants are grants, not cash', () => {
    const m = grants(600, 400);
    m.lines.push(line({ id: 'svc', modality: 'service', unitCost: 1_000_000 }));
    expect(cashNote(m)).toHaveLength(1);
    expect(cashNote(grants(500, 501, 'voucher'))).toEqual([]);
    expect(cashNote(grants(500, 501, 'matchingGrant'))).toEqual([]);
    expect(cashNote(grants(501, 500, 'voucher'))).toHaveLength(1);
  });
});

describe('do no harm: non-migrants among the people community lines reach', () => {
  const harm = (m: Model) => run(m).filter((f) => f.id.startsWith('principles.doNoHarm'));
  const open = (m: Model, share: string): Model => {
    const partner: Partner = { ...defaultPartnerFields('Municipality', '2027-01', '2028-12'), id: 'M', position: 0 };
    const effect: SynergyEffect = { type: 'communityOpen', nonMigrantShare: share };
    const s: Synergy = {
      ...defaultSynergyFields('communityOpen', 'M', 'Open', 24),
      effect,
      lineIds: ['com'],
      id: 'S',
      position: 0,
    };
    return { ...m, partners: [partner], synergies: [s] };
  };

  it('54 % is silent; 53.99 % is a note showing the share and the target; 0 % its own note', () => {
    expect(harm(clean())).toEqual([]);
    expect(harm(setLine(clean(), 'com', { nonMigrantShare: '0.5401' }))).toEqual([]);
    expect(harm(setLine(clean(), 'com', { nonMigrantShare: '0.5399' }))).toEqual([
      expect.objectContaining({
        code: 'principles.fewNonMigrants',
        severity: 'note',
        target: { kind: 'line', lineId: 'com' },
        params: expect.objectContaining({ share: '0.5399', target: '0.54', of: 2943, outOf: 5433 }),
      }),
    ]);
    expect(harm(setLine(clean(), 'com', { nonMigrantShare: '0' }))).toEqual([
      expect.objectContaining({ code: 'principles.noNonMigrants', target: { kind: 'line', lineId: 'com' } }),
    ]);
  });

  it('a community-open synergy counts with its share: 54 % silent, 53.99 % a note, 100 % adds nobody', () => {
    const zero = setLine(clean(), 'com', { nonMigrantShare: '0' });
    expect(harm(open(zero, '0.54'))).toEqual([]);
    expect(harm(open(zero, '0.5399'))[0]?.params['share']).toBe('0.5399');
    expect(harm(open(zero, '1'))[0]?.code).toBe('principles.noNonMigrants');
  });

  it('community lines with no beneficiaries at all: one note; one line recording some is enough', () => {
    const none = setLine(clean(), 'com', { beneficiariesPerUnit: '0' });
    expect(harm(none)).toEqual([
      expect.objectContaining({
        code: 'principles.noCommunityBeneficiaries',
        severity: 'note',
        target: { kind: 'line', lineId: 'com' },
      }),
    ]);
    none.lines.push(
      line({ id: 'com2', level: 'community', unitCost: 100, beneficiariesPerUnit: '1', nonMigrantShare: '0.6' }),
    );
    expect(harm(none)).toEqual([]);
  });
});

describe('funding the budget cannot count on yet', () => {
  const uncertain = (m: Model) => withCode(m, 'principles.uncertainFunding');
  const withSource = (status: Funder['status'], unitCost: number): Model => {
    const m = clean();
    m.funders.push({
      id: 'p',
      name: 'Municipality',
      type: 'coFinancier',
      status,
      ceiling: null,
      conditionalOnMatch: false,
      position: 1,
    });
    m.lines.push(line({ id: 'co', level: 'structural', unitCost, funding: [{ funderId: 'p', share: '1' }] }));
    return m;
  };

  it('nothing asked of a pipeline source is silent; one cent is a note on the source', () => {
    expect(uncertain(withSource('pipeline', 0))).toEqual([]);
    expect(uncertain(withSource('pipeline', 1))).toEqual([
      expect.objectContaining({
        severity: 'note',
        target: { kind: 'funder', funderId: 'p' },
        params: expect.objectContaining({ name: 'Municipality', sources: 1 }),
      }),
    ]);
    expect(uncertain(withSource('hypothetical', 1))).toHaveLength(1);
    expect(uncertain(withSource('confirmed', 1_000_000))).toEqual([]);
  });
});

describe('reliance on state programmes not yet agreed', () => {
  const state = (m: Model) => withCode(m, 'principles.stateReliance');
  const scheme = (status: Synergy['status'], type: Partner['type'] = 'government', effect?: SynergyEffect): Model => {
    const m = clean();
    m.lines.push(
      line({
        id: 'care',
        unitCost: 1000,
        driver: { kind: 'perActiveCase', quantity: '1', profileIds: ['a'], start: 1, end: 24 },
      }),
    );
    const partner: Partner = {
      ...defaultPartnerFields('Health scheme', '2027-01', '2028-12'),
      type,
      id: 'G',
      position: 0,
    };
    const base = defaultSynergyFields('publicService', 'G', 'Free care', 24);
    const s: Synergy = { ...base, effect: effect ?? base.effect, status, lineIds: ['care'], id: 'S', position: 0 };
    return { ...m, partners: [partner], synergies: [s] };
  };

  it('a public service of the state agreed in principle is a note on the synergy; signed, none', () => {
    expect(state(scheme('inPrinciple'))).toEqual([
      expect.objectContaining({
        severity: 'note',
        target: { kind: 'synergy', synergyId: 'S' },
        params: expect.objectContaining({ name: 'Free care', partner: 'Health scheme' }),
      }),
    ]);
    expect(state(scheme('identified'))).toHaveLength(1);
    expect(state(scheme('signed'))).toEqual([]);
    expect(state(scheme('inPrinciple', 'ngo'))).toEqual([]);
  });

  it('a take-over that covers nothing is silent; one that covers something is a note', () => {
    expect(state(scheme('inPrinciple', 'government', { type: 'handover', shares: ['0'] }))).toEqual([]);
    expect(state(scheme('inPrinciple', 'government', { type: 'handover', shares: ['0.5'] }))).toHaveLength(1);
  });
});
