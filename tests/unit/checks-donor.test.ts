/**
 * The donor rule profiles (issue 12, src-shared/checks/donor.ts): each check silent exactly at its
 * boundary and firing just past it (the smallest step of a rate, one cent of an amount).
 */
import { describe, expect, it } from 'vitest';
import { type Finding, runChecks } from '../../src-shared/checks';
import { usDeMinimis } from '../../src-shared/checks/donor';
import { planCommand, stateOf } from '../../src-shared/commands';
import { compute } from '../../src-shared/engine';
import type { BudgetLine, Funder, Model, Programme } from '../../src-shared/model';
import { lineBuilder, testProgramme } from './model-fixtures';

const line = lineBuilder('D', { unitCost: 100_000_00, currency: 'USD' });

const donor: Funder = {
  id: 'd',
  position: 0,
  name: 'Donor',
  type: 'donor',
  status: 'confirmed',
  ceiling: null,
  conditionalOnMatch: false,
};

function model(programme: Partial<Programme>, lines: BudgetLine[] = [line()], funders: Funder[] = [donor]): Model {
  return {
    programme: testProgramme({ reportingCurrency: 'USD', indirectRate: '0', contingencyRate: '0', ...programme }),
    lines,
    profiles: [],
    currencies: [],
    funders,
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
  };
}

const donorFindings = (m: Model): Finding[] => runChecks(m, compute(m)).filter((f) => f.group === 'donor');
const codes = (m: Model): string[] => donorFindings(m).map((f) => f.code);

describe('EU grant', () => {
  it('indirect costs: 7 % is allowed, 7.0001 % is an error pointing at the rate', () => {
    expect(codes(model({ donorProfile: 'EU', indirectRate: '0.07' }))).toEqual([]);
    expect(donorFindings(model({ donorProfile: 'EU', indirectRate: '0.070001' }))).toEqual([
      expect.objectContaining({
        code: 'donor.indirectAbove',
        severity: 'error',
        params: { rate: '0.070001', max: '0.07' },
        target: { kind: 'programme', field: 'indirectRate' },
        sourceKey: 'euIndirect',
      }),
    ]);
  });

  it('indirect costs at 7 % on direct + contingency: the cap is the rule’s own base, so no finding', () => {
    const m = model({
      donorProfile: 'EU',
      indirectBase: 'directPlusContingency',
      indirectRate: '0.07',
      contingencyRate: '0.05',
    });
    const r = compute(m);
    // 7 % of (100,000 + 5,000) = 7,350.00
    expect(r.totals.indirect).toBe(7_350_00);
    expect(codes(m)).toEqual([]);
  });

  it('contingency: 5 % is allowed, 5.0001 % is an error', () => {
    expect(codes(model({ donorProfile: 'EU', contingencyRate: '0.05' }))).toEqual([]);
    expect(codes(model({ donorProfile: 'EU', contingencyRate: '0.050001' }))).toEqual(['donor.contingencyAbove']);
  });

  it('a contribution agreement: above 7 % is a note (the agreement decides), and the contingency cap does not apply', () => {
    const at = model({
      donorProfile: 'EU',
      euAgreement: 'contribution',
      indirectRate: '0.07',
      contingencyRate: '0.06',
    });
    expect(codes(at)).toEqual([]);
    const over = model({ donorProfile: 'EU', euAgreement: 'contribution', indirectRate: '0.070001' });
    expect(donorFindings(over)).toEqual([
      expect.objectContaining({ code: 'donor.euContributionRate', severity: 'note', sourceKey: 'euContribution' }),
    ]);
  });

  it('returnees’ and partners’ own contributions carrying overheads are flagged; not when ineligible or at 0 %', () => {
    const own: Funder = { ...donor, id: 'r', position: 1, name: 'Returnees', type: 'returnee' };
    const partner: Funder = { ...donor, id: 'p', position: 2, name: 'TVET', type: 'partner' };
    const split = [
      { funderId: 'd', share: '0.9' },
      { funderId: 'r', share: '0.1' },
    ];
    const flagged = line({ funding: split, name: 'Kits' });
    expect(donorFindings(model({ donorProfile: 'EU' }, [flagged], [donor, own]))).toEqual([
      expect.objectContaining({
        code: 'donor.ineligibleContribution',
        severity: 'warning',
        target: { kind: 'line', lineId: flagged.id },
        params: { name: 'Kits', funder: 'Returnees' },
      }),
    ]);
    const byPartner = line({ funding: [{ funderId: 'p', share: '1' }] });
    expect(codes(model({ donorProfile: 'EU' }, [byPartner], [donor, partner]))).toEqual([
      'donor.ineligibleContribution',
    ]);
    const ineligible = line({ funding: split, eligibleIndirect: false, eligibleContingency: false });
    expect(codes(model({ donorProfile: 'EU' }, [ineligible], [donor, own]))).toEqual([]);
    const zero = line({
      funding: [
        { funderId: 'd', share: '1' },
        { funderId: 'r', share: '0' },
      ],
    });
    expect(codes(model({ donorProfile: 'EU' }, [zero], [donor, own]))).toEqual([]);
    // Not an EU rule: the same line under the US profile is no finding.
    expect(codes(model({ donorProfile: 'US', indirectBase: 'mtdc' }, [flagged], [donor, own]))).toEqual([]);
  });
});

describe('US federal', () => {
  const us = (p: Partial<Programme>, lines?: BudgetLine[]) =>
    model({ donorProfile: 'US', indirectBase: 'mtdc', ...p }, lines);

  it('the de minimis rate: 15 % for awards from 1 October 2024 or with no date, 10 % before', () => {
    expect(usDeMinimis(null)).toBe('0.15');
    expect(usDeMinimis('2024-10-01')).toBe('0.15');
    expect(usDeMinimis('2024-10')).toBe('0.15');
    expect(usDeMinimis('2024-09-30')).toBe('0.1');
    expect(usDeMinimis('2024-09')).toBe('0.1');
  });

  it('15 % is allowed, 15.0001 % is an error', () => {
    expect(codes(us({ indirectRate: '0.15' }))).toEqual([]);
    expect(donorFindings(us({ indirectRate: '0.150001' }))).toEqual([
      expect.objectContaining({ code: 'donor.indirectAbove', params: { rate: '0.150001', max: '0.15' } }),
    ]);
  });

  it('an award of 30 September 2024: 10 % is allowed, 10.0001 % is an error', () => {
    expect(codes(us({ usAwardDate: '2024-09-30', indirectRate: '0.1' }))).toEqual([]);
    expect(donorFindings(us({ usAwardDate: '2024-09-30', indirectRate: '0.100001' }))).toEqual([
      expect.objectContaining({ code: 'donor.indirectAbove', params: { rate: '0.100001', max: '0.1' } }),
    ]);
    expect(codes(us({ usAwardDate: '2024-10-01', indirectRate: '0.15' }))).toEqual([]);
  });

  it('on a base wider than the MTDC: indirect costs exactly at 10 % of the MTDC pass, one cent over is an error', () => {
    const work = line({ unitCost: 1_000_00 });
    // 10 % of 1,000.04 = 100.004 → 100.00: exactly 10 % of the MTDC (1,000.00) after rounding.
    const at = model({ donorProfile: 'US', usAwardDate: '2024-09-01', indirectBase: 'direct', indirectRate: '0.1' }, [
      work,
      line({ unitCost: 4, mtdcExclusion: 'equipment' }),
    ]);
    expect(compute(at).totals.indirect).toBe(100_00);
    expect(codes(at)).toEqual([]);
    // 10 % of 1,000.10 = 100.01: one cent over.
    const over = model({ donorProfile: 'US', usAwardDate: '2024-09-01', indirectBase: 'direct', indirectRate: '0.1' }, [
      work,
      line({ unitCost: 10, mtdcExclusion: 'equipment' }),
    ]);
    expect(donorFindings(over)).toEqual([
      expect.objectContaining({
        code: 'donor.indirectAboveMtdc',
        severity: 'error',
        params: { amount: 100_01, allowed: 100_00, max: '0.1', over: 1 },
        target: { kind: 'programme', field: 'indirectBase' },
        sourceKey: 'usMtdc',
      }),
    ]);
    // The same programme on the MTDC: no finding.
    expect(codes({ ...over, programme: { ...over.programme, indirectBase: 'mtdc' } })).toEqual([]);
  });

  it('a NICRA replaces the de minimis rate: its rate is allowed, a step above is an error; its base must be the programme’s', () => {
    const nicra = { rate: '0.22', base: 'mtdc' } as const;
    expect(codes(us({ indirectRate: '0.22', usNicra: nicra }))).toEqual([]);
    expect(donorFindings(us({ indirectRate: '0.220001', usNicra: nicra }))).toEqual([
      expect.objectContaining({
        code: 'donor.indirectAboveNicra',
        params: { rate: '0.220001', max: '0.22' },
        sourceKey: 'usNicra',
      }),
    ]);
    expect(codes(us({ indirectRate: '0.2', usNicra: { rate: '0.22', base: 'direct' } }))).toEqual(['donor.nicraBase']);
    expect(
      codes(model({ donorProfile: 'US', indirectBase: 'direct', usNicra: { rate: '0.22', base: 'direct' } })),
    ).toEqual([]);
  });

  it('a subaward with no USD rate is left out of the MTDC and named; with a USD rate it is not', () => {
    const sub = line({ currency: 'EUR', unitCost: 10_000_00, mtdcExclusion: 'subaward' });
    const eur = model({ donorProfile: 'US', indirectBase: 'mtdc', reportingCurrency: 'EUR', indirectRate: '0.1' }, [
      sub,
    ]);
    expect(donorFindings(eur)).toEqual([
      expect.objectContaining({ code: 'donor.subawardNoUsd', target: { kind: 'line', lineId: sub.id } }),
    ]);
    const withUsd = { ...eur, currencies: [{ code: 'USD', rates: ['1.1'], inflation: '0' }] };
    expect(codes(withUsd)).toEqual([]);
    expect(compute(withUsd).indirectBase.mtdc).toBe(10_000_00);
  });
});

describe('FCDO', () => {
  it('a funding source conditional on match funding is an error; a returnee matching grant is not flagged', () => {
    const grant = line({ modality: 'matchingGrant' });
    expect(codes(model({ donorProfile: 'FCDO' }, [grant]))).toEqual([]);
    const conditional = { ...donor, conditionalOnMatch: true };
    expect(donorFindings(model({ donorProfile: 'FCDO' }, [grant], [conditional]))).toEqual([
      expect.objectContaining({
        code: 'donor.matchCondition',
        severity: 'error',
        target: { kind: 'funder', funderId: 'd' },
        sourceKey: 'fcdoMatch',
      }),
    ]);
    // Not an EU or US rule.
    expect(codes(model({ donorProfile: 'EU' }, [grant], [conditional]))).toEqual([]);
  });
});

describe('the donor profile brings its indirect base (planner)', () => {
  const after = (m: Model, patch: Partial<Programme>): Programme | null => {
    const change = planCommand(stateOf(m), { type: 'programme.update', patch }).changes.find(
      (c) => c.table === 'programme',
    );
    return change && change.table === 'programme' ? change.after : null;
  };

  it('a profile change moves a default base to the new profile’s default, in the same step', () => {
    const m = model({ donorProfile: 'none', indirectBase: 'direct' });
    expect(after(m, { donorProfile: 'EU' })?.indirectBase).toBe('directPlusContingency');
    expect(after(m, { donorProfile: 'US' })?.indirectBase).toBe('mtdc');
    const eu = model({ donorProfile: 'EU', indirectBase: 'directPlusContingency' });
    expect(after(eu, { donorProfile: 'FCDO' })?.indirectBase).toBe('direct');
  });

  it('a base the person chose, or one the same edit sets, is kept', () => {
    const chosen = model({ donorProfile: 'EU', indirectBase: 'direct' });
    expect(after(chosen, { donorProfile: 'US' })?.indirectBase).toBe('direct');
    const m = model({ donorProfile: 'none', indirectBase: 'direct' });
    expect(after(m, { donorProfile: 'EU', indirectBase: 'mtdc' })?.indirectBase).toBe('mtdc');
  });

  it('a NICRA set to the same value is no change; an award date must be a date or a month', () => {
    const m = model({ donorProfile: 'US', usNicra: { rate: '0.2', base: 'mtdc' } });
    expect(
      planCommand(stateOf(m), { type: 'programme.update', patch: { usNicra: { rate: '0.2', base: 'mtdc' } } }).changes,
    ).toEqual([]);
    expect(() => planCommand(stateOf(m), { type: 'programme.update', patch: { usAwardDate: '1 Oct 2024' } })).toThrow(
      /award date/i,
    );
  });
});
