import { describe, expect, it } from 'vitest';
import { runChecks, SOURCES, type SourceKey, sourceText } from '../../src-shared/checks';
import { compute } from '../../src-shared/engine';
import {
  type BudgetLine,
  defaultEffect,
  defaultPartnerFields,
  defaultProfileFields,
  defaultSynergyFields,
  type Model,
  type Programme,
  type Synergy,
  type SynergyType,
} from '../../src-shared/model';
import { lineBuilder, testProgramme } from './model-fixtures';

const programme: Programme = testProgramme({ title: 'Checks', reportingCurrency: 'USD', communities: 4 });

const line = lineBuilder('C', {
  modality: 'inKind',
  unitCost: 100_000,
  currency: 'USD',
});

/** A programme that follows every principle: no finding expected. */
function good(): Model {
  const adults = { ...defaultProfileFields('adult', 'Adults', 24), id: 'a', position: 0, arrivals: 100 };
  return {
    programme,
    profiles: [adults],
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
      // USD 2,000 per returnee: inside USD 569–8,845
      line({
        driver: { kind: 'perArrival', quantity: '1', profileIds: [], takeUp: '1', offset: 0, start: 1, end: 24 },
        unitCost: 200_000,
      }),
      line({ level: 'individual', dimension: 'psychosocial', modality: 'service' }),
      // 60 % non-migrants: above the Joint Initiative's 54 %
      line({ level: 'community', beneficiariesPerUnit: '100', nonMigrantShare: '0.6', modality: 'works' }),
      line({ level: 'structural', modality: 'service' }),
      line({
        level: 'support',
        category: 'monitoringEvaluation',
        driver: {
          kind: 'percentage',
          rate: '0.05',
          levels: ['individual', 'community'],
          lineIds: [],
          start: 1,
          end: 24,
        },
      }),
    ],
  };
}

const codes = (m: Model) => runChecks(m, compute(m)).map((f) => f.code);

describe('checks', () => {
  it('a programme that follows every rule has no finding', () => {
    const m = good();
    expect(runChecks(m, compute(m))).toEqual([]);
  });

  it('EU profile: indirect above 7 % and contingency above 5 % are errors that point at the setting', () => {
    const m = good();
    m.programme = { ...m.programme, indirectRate: '0.08', contingencyRate: '0.06' };
    const f = runChecks(m, compute(m));
    expect(f).toContainEqual(
      expect.objectContaining({
        code: 'donor.indirectAbove',
        severity: 'error',
        target: { kind: 'programme', field: 'indirectRate' },
      }),
    );
    expect(f.map((x) => x.code)).toContain('donor.contingencyAbove');
    expect(f.every((x) => x.source.length > 0)).toBe(true);
  });

  it('US profile allows 15 % but not 16 %; FCDO flags a source conditional on match, not a matching grant', () => {
    const m = good();
    m.programme = { ...m.programme, donorProfile: 'US', indirectRate: '0.15', contingencyRate: '0.1' };
    expect(codes(m)).toEqual([]);
    m.programme = { ...m.programme, indirectRate: '0.16' };
    expect(codes(m)).toEqual(['donor.indirectAbove']);
    const f = good();
    f.programme = { ...f.programme, donorProfile: 'FCDO' };
    f.lines.push(line({ modality: 'matchingGrant', id: 'MG' }));
    expect(codes(f)).toEqual([]);
    f.funders = f.funders.map((x) => ({ ...x, conditionalOnMatch: true }));
    expect(runChecks(f, compute(f))).toContainEqual(
      expect.objectContaining({ code: 'donor.matchCondition', target: { kind: 'funder', funderId: 'd' } }),
    );
  });

  it('principles: missing structural, community, M&E and psychosocial lines are flagged', () => {
    const m = good();
    m.lines = [m.lines[0] as BudgetLine];
    expect(codes(m)).toEqual(
      expect.arrayContaining([
        'principles.noStructural',
        'principles.noCommunity',
        'principles.noMonitoring',
        'principles.noPsychosocial',
      ]),
    );
  });

  it('principles: children under 18 months, trafficking under 6, others under 12 months', () => {
    const m = good();
    m.profiles.push(
      { ...defaultProfileFields('child', 'Children', 24), id: 'c', position: 1, durationMonths: 12 },
      { ...defaultProfileFields('trafficking', 'VoT', 24), id: 'v', position: 2, durationMonths: 5 },
      { ...defaultProfileFields('health', 'Health', 24), id: 'h', position: 3, durationMonths: 9 },
    );
    const f = runChecks(m, compute(m));
    expect(f).toContainEqual(
      expect.objectContaining({ code: 'principles.childDuration', target: { kind: 'profile', profileId: 'c' } }),
    );
    expect(f).toContainEqual(
      expect.objectContaining({ code: 'principles.traffickingDuration', params: expect.objectContaining({ min: 6 }) }),
    );
    expect(f).toContainEqual(
      expect.objectContaining({ code: 'principles.followUp', params: expect.objectContaining({ months: 9, min: 12 }) }),
    );
  });

  it('per-returnee package outside USD 569–8,845, community line with no non-migrants, large cash share', () => {
    const m = good();
    // USD 100 a returnee, all cash
    m.lines[0] = { ...(m.lines[0] as BudgetLine), unitCost: 10_000, modality: 'cash' };
    m.lines[1] = { ...(m.lines[1] as BudgetLine), unitCost: 100 };
    m.lines[2] = { ...(m.lines[2] as BudgetLine), nonMigrantShare: '0' };
    const f = runChecks(m, compute(m));
    expect(f).toContainEqual(expect.objectContaining({ code: 'principles.packageBelow', severity: 'note' }));
    expect(f).toContainEqual(
      expect.objectContaining({ code: 'principles.noNonMigrants', target: { kind: 'line', lineId: m.lines[2]?.id } }),
    );
    expect(f).toContainEqual(expect.objectContaining({ code: 'principles.largeCash', severity: 'note' }));
    // Opened to community members by a partner (a community-open synergy): no finding; at 0 %, still one.
    const open = (share: string): Model => ({
      ...m,
      partners: [
        {
          id: 'P',
          position: 0,
          name: 'Municipality',
          organisation: '',
          type: 'government',
          startMonth: m.programme.startMonth,
          endMonth: m.programme.startMonth,
          notes: '',
        },
      ],
      synergies: [
        {
          id: 'S',
          position: 0,
          partnerId: 'P',
          name: 'Open to all',
          effect: { type: 'communityOpen', nonMigrantShare: share },
          lineIds: [m.lines[2]?.id ?? ''],
          profileIds: [],
          firstMonth: 1,
          lastMonth: 1,
          commitment: 'general',
          status: 'signed',
          confidence: null,
          funderId: null,
          notes: '',
        },
      ],
    });
    const noNonMigrants = (x: Model) =>
      runChecks(x, compute(x)).filter((g) => g.code === 'principles.noNonMigrants').length;
    expect(noNonMigrants(open('0.5417'))).toBe(0);
    expect(noNonMigrants(open('0'))).toBe(1);
  });

  it('the package range is converted to USD through a USD rate when the budget is in EUR', () => {
    const m = good();
    m.programme = { ...m.programme, reportingCurrency: 'EUR' };
    m.lines = m.lines.map((l) => ({ ...l, currency: 'EUR' }));
    expect(codes(m)).toEqual([]); // the ECB's reference rate: EUR 2,010 × 1.0824 = USD 2,175.62, in range
    // individual: (100 × EUR 2,000 + EUR 1,000) ÷ 100 returnees = EUR 2,010 × 5 USD per EUR = USD 10,050 > 8,845
    m.currencies = [{ code: 'USD', rates: ['5'], inflation: '0' }];
    expect(runChecks(m, compute(m))).toContainEqual(
      expect.objectContaining({
        code: 'principles.packageAbove',
        params: expect.objectContaining({ usd: 1_005_000, amount: 201_000 }),
      }),
    );
  });

  it('integrity: a broken funding split is an error on its line; a ceiling exceeded points at the funder', () => {
    const m = good();
    m.lines[3] = { ...(m.lines[3] as BudgetLine), funding: [{ funderId: 'd', share: '0.6' }] };
    m.funders[0] = { ...(m.funders[0] as Model['funders'][number]), ceiling: 100 };
    const f = runChecks(m, compute(m));
    expect(f).toContainEqual(
      expect.objectContaining({
        code: 'funding.sum',
        severity: 'error',
        group: 'integrity',
        target: { kind: 'line', lineId: m.lines[3]?.id },
      }),
    );
    expect(f).toContainEqual(
      expect.objectContaining({ code: 'funder.ceilingExceeded', target: { kind: 'funder', funderId: 'd' } }),
    );
    // errors first
    expect(f[0]?.severity).toBe('error');
  });

  it('a percentage loop becomes a finding on each line in it', () => {
    const m = good();
    m.lines.push(
      line({ id: 'X', driver: { kind: 'percentage', rate: '0.1', levels: [], lineIds: ['Y'], start: 1, end: 1 } }),
      line({ id: 'Y', driver: { kind: 'percentage', rate: '0.1', levels: [], lineIds: ['X'], start: 1, end: 1 } }),
    );
    const f = runChecks(m, compute(m)).filter((x) => x.code === 'percentage.cycle');
    expect(f.map((x) => x.target)).toEqual(
      expect.arrayContaining([
        { kind: 'line', lineId: 'X' },
        { kind: 'line', lineId: 'Y' },
      ]),
    );
  });
});

describe('sources shown to users', () => {
  it('cite the documents by title and line numbers, never the design notes, in English and French', () => {
    for (const key of Object.keys(SOURCES) as SourceKey[]) {
      for (const lang of ['en', 'fr'] as const) {
        const text = sourceText(key, lang);
        expect(text, `${key} ${lang}`).not.toMatch(/DESIGN|§|SY-\d|KP2|\bL\d+/);
        if ('cite' in SOURCES[key])
          expect(text, `${key} ${lang}`).toMatch(lang === 'fr' ? /, lignes? \d+/ : /, lines? \d+/);
      }
    }
    expect(sourceText('separateLines', 'en')).toMatch(
      /^EU-IOM Knowledge Paper #2, “Fostering and strengthening .*”, lines 1802–1806: “Specific budget lines/,
    );
    expect(sourceText('child', 'fr')).toBe(
      'OIM (2015), «\u00a0Reintegration: Effective Approaches\u00a0», ligne 389\u00a0: «\u00a0A minimum of 18 months of socioeconomic assistance should be provided\u00a0»',
    );
    expect(sourceText('euIndirect', 'fr')).toContain('Subvention de l’UE');
    // Each donor rule names its document and the version or date of the rule it implements.
    for (const key of [
      'euIndirect',
      'euContingency',
      'euContribution',
      'euIneligible',
      'usIndirect',
      'usMtdc',
      'usNicra',
      'fcdoMatch',
    ] as const) {
      const s: { document?: string; version?: string } = SOURCES[key];
      expect(s.document, key).toBeTruthy();
      expect(s.version, key).toBeTruthy();
      expect(sourceText(key, 'en'), key).toContain(s.document);
    }
    expect(sourceText('usIndirect', 'en')).toContain('2 CFR 200.414(f)');
    expect(sourceText('usIndirect', 'en')).toContain('effective 1 October 2024');
    expect(sourceText('usMtdc', 'en')).toContain('2 CFR 200.1');
  });
});

describe('checks of partners and synergies', () => {
  const partner = {
    ...defaultPartnerFields('Jobs programme', '2027-01', '2028-12'),
    id: 'P',
    position: 0,
  };
  /** A model that follows every rule, with synergies on its first line. */
  const withSynergies = (...make: ((first: string) => Synergy)[]): Model => {
    const m = good();
    const first = m.lines[0]?.id ?? '';
    return { ...m, partners: [partner], synergies: make.map((f) => f(first)) };
  };
  const synergy =
    (id: string, type: SynergyType, over: Partial<Synergy> = {}) =>
    (first: string): Synergy => ({
      ...defaultSynergyFields(type, 'P', id, 24),
      id,
      position: 0,
      lineIds: [first],
      ...over,
    });
  const findings = (m: Model) => runChecks(m, compute(m));

  it('a referral with no coordination cost, too little capacity, months outside, no target; each points at the synergy', () => {
    const m = withSynergies(
      // 100 arrivals, 22.8 % take it up: about 23 people, for 10 places; coordination cost 0 (the default).
      synergy('S1', 'referral', { effect: { ...defaultEffect('referral'), capacity: 10 } as Synergy['effect'] }),
      // The partner's own programme ends in December 2028: month 25 on is after it.
      synergy('S2', 'costSharing', { firstMonth: 25, lastMonth: 30 }),
      synergy('S3', 'costSharing', { lineIds: [] }),
    );
    const f = findings(m);
    const byCode = (code: string) => f.filter((x) => x.code === code);
    expect(byCode('synergy.noCoordination').map((x) => x.target)).toEqual([{ kind: 'synergy', synergyId: 'S1' }]);
    expect(byCode('synergy.capacity')[0]).toMatchObject({ params: { capacity: 10, planned: 23 } });
    expect(byCode('synergy.noMonths').map((x) => x.target)).toEqual([{ kind: 'synergy', synergyId: 'S2' }]);
    expect(byCode('synergy.noTargets').map((x) => x.target)).toEqual([{ kind: 'synergy', synergyId: 'S3' }]);
    expect(byCode('synergy.noCoordination')[0]?.source).toContain('line 2004');
  });

  it('two synergies claiming more than a line costs, matching caps; a matching fund is no finding under FCDO', () => {
    const m = withSynergies(
      synergy('S1', 'coFinancing', { effect: { type: 'coFinancing', basis: 'share', share: '0.8', amount: 0 } }),
      synergy('S2', 'costSharing', { effect: { type: 'costSharing', share: '0.5' } }),
      synergy('S3', 'matching', {
        effect: { ...defaultEffect('matching'), capPerGrant: 1 } as Synergy['effect'],
      }),
    );
    const f = findings(m);
    const over = f.find((x) => x.code === 'synergy.lineOverCovered');
    // 80 % + 50 % of the first line: 30 % of its cost claimed twice, plus what the matching fund asked for.
    expect(over?.target).toEqual({ kind: 'line', lineId: m.lines[0]?.id });
    expect(Number(over?.params.over)).toBeGreaterThan(0);
    expect(f.some((x) => x.code === 'synergy.matchingCapped')).toBe(true);
    m.programme = { ...m.programme, donorProfile: 'FCDO' };
    // A partner's matching fund is a way of paying returnees, not a condition on the donor's money.
    expect(findings(m).filter((x) => x.group === 'donor')).toEqual([]);
  });
});

describe('seconded staff', () => {
  const seconded = (m: Model) => m.lines.find((l) => l.level === 'structural' && l.modality === 'staff');
  it('a note when nobody takes structural staff over by the last year; none with a handover or a government share', () => {
    const m = good();
    m.lines = m.lines.map((l) => (l.level === 'structural' ? { ...l, modality: 'staff' as const } : l));
    const staff = seconded(m);
    expect(
      runChecks(m, compute(m))
        .filter((f) => f.code === 'synergy.noHandover')
        .map((f) => f.target),
    ).toEqual([{ kind: 'line', lineId: staff?.id }]);
    const handedOver: Model = {
      ...m,
      partners: [{ ...defaultPartnerFields('Ministry', '2027-01', '2030-12'), id: 'P', position: 0 }],
      synergies: [
        {
          ...defaultSynergyFields('handover', 'P', 'Officers', 24),
          id: 'S',
          position: 0,
          lineIds: [staff?.id ?? ''],
        },
      ],
    };
    expect(runChecks(handedOver, compute(handedOver)).some((f) => f.code === 'synergy.noHandover')).toBe(false);
    const government: Model = {
      ...m,
      funders: [
        ...m.funders,
        {
          id: 'g',
          position: 1,
          name: 'State',
          type: 'government',
          status: 'confirmed',
          ceiling: null,
          conditionalOnMatch: false,
        },
      ],
      lines: m.lines.map((l) => (l.id === staff?.id ? { ...l, funding: [{ funderId: 'g', share: '1' }] } : l)),
    };
    expect(runChecks(government, compute(government)).some((f) => f.code === 'synergy.noHandover')).toBe(false);
  });
});
