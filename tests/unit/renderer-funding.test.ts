import { describe, expect, it } from 'vitest';
import type { Funder, FundingShare, Model } from '../../src-shared/model';
import {
  addShare,
  duplicateFunders,
  fundingComplete,
  fundingSum,
  removeShare,
  setShareFunder,
  setSharePercent,
  shareText,
} from '../../src-renderer/features/budget/fundingSplit';
import { mainDonor } from '../../src-renderer/document/order';
import {
  newCurrency,
  parseCurrencyCode,
  parseRate,
  programmeYears,
  rateWarning,
  withInflation,
  withRate,
} from '../../src-renderer/features/programme/currencies';
import { convertUnitCost, lineCurrencies, rateForYear } from '../../src-renderer/shared/exchange';

const funder = (id: string, position: number, type: Funder['type']): Funder => ({
  id,
  position,
  name: id,
  type,
  status: 'confirmed',
  ceiling: null,
  conditionalOnMatch: false,
});
// Listed out of order on purpose: the order is the sources' positions.
const funders = [funder('GOV', 2, 'government'), funder('CO', 0, 'coFinancier'), funder('EU', 1, 'donor')];

describe('funding split editing', () => {
  it('the main donor is the first donor-type source in the list', () => {
    expect(mainDonor(funders)?.id).toBe('EU');
    expect(mainDonor([funder('CO', 0, 'coFinancier')])).toBeNull();
  });

  it('splitting an empty (main donor) line starts with the main donor at 100 %', () => {
    const first = addShare([], funders);
    expect(first).toEqual([{ funderId: 'EU', share: '1' }]);
    expect(fundingComplete(first ?? [])).toBe(true);
  });

  it('a new row takes the next source and what is left to reach 100 %', () => {
    const split: FundingShare[] = [{ funderId: 'EU', share: '0.6' }];
    expect(addShare(split, funders)).toEqual([
      { funderId: 'EU', share: '0.6' },
      { funderId: 'CO', share: '0.4' },
    ]);
    const full: FundingShare[] = [{ funderId: 'EU', share: '1' }];
    expect(addShare(full, funders)?.[1]).toEqual({ funderId: 'CO', share: '0' });
    const all: FundingShare[] = funders.map((f) => ({ funderId: f.id, share: '0.3' }));
    expect(addShare(all, funders)).toBeNull();
  });

  it('a share is typed in percent, stored exact, and a split off 100 % is allowed (the checks flag it)', () => {
    const split: FundingShare[] = [{ funderId: 'EU', share: '1' }];
    const r = setSharePercent(split, 0, '60', 'en');
    expect(r).toEqual({ ok: true, value: [{ funderId: 'EU', share: '0.6' }] });
    const sixty = r.ok ? r.value : [];
    expect(fundingSum(sixty)).toBe('0.6');
    expect(fundingComplete(sixty)).toBe(false);
    expect(setSharePercent(split, 0, '33,35', 'fr')).toMatchObject({ ok: true, value: [{ share: '0.3335' }] });
    expect(setSharePercent(split, 0, '12,5,0', 'en')).toMatchObject({ ok: false, code: 'number.grouping' });
    expect(setSharePercent(split, 0, '120', 'en')).toMatchObject({ ok: false, code: 'number.outOfRange' });
  });

  it('refuses a share that would take the split over 100 %, and accepts one that brings it to 100 %', () => {
    const split: FundingShare[] = [
      { funderId: 'EU', share: '0.7' },
      { funderId: 'GOV', share: '0.3' },
    ];
    expect(setSharePercent(split, 1, '30.01', 'en')).toEqual({ ok: false, code: 'funding.over' });
    expect(setSharePercent(split, 0, '50', 'en')).toMatchObject({
      ok: true,
      value: [{ share: '0.5' }, { share: '0.3' }],
    });
    expect(setSharePercent(split, 1, '30', 'en')).toMatchObject({ ok: true });
  });

  it('sums exactly: thirds written to four decimals are not 100 %, 0.1 + 0.2 + 0.7 is', () => {
    const thirds = ['0.3333', '0.3333', '0.3334'].map((share, i) => ({ funderId: `F${i}`, share }));
    expect(fundingSum(thirds)).toBe('1');
    const tenths = ['0.1', '0.2', '0.7'].map((share, i) => ({ funderId: `F${i}`, share }));
    expect(fundingComplete(tenths)).toBe(true);
    expect(fundingSum([{ funderId: 'A', share: '0.3333' }])).toBe('0.3333');
  });

  it('changes a row’s source, removes rows, shows shares in percent and spots a source named twice', () => {
    const split: FundingShare[] = [
      { funderId: 'EU', share: '0.5' },
      { funderId: 'CO', share: '0.5' },
    ];
    expect(setShareFunder(split, 1, 'EU')).toEqual([
      { funderId: 'EU', share: '0.5' },
      { funderId: 'EU', share: '0.5' },
    ]);
    expect(duplicateFunders(setShareFunder(split, 1, 'EU'))).toEqual(['EU']);
    expect(removeShare(split, 0)).toEqual([{ funderId: 'CO', share: '0.5' }]);
    expect(shareText('0.3335', 'fr')).toBe('33,35');
  });
});

describe('local currencies', () => {
  const model: Pick<Model, 'programme' | 'currencies'> = {
    programme: {
      title: 'P',
      reportingCurrency: 'EUR',
      startMonth: '2025-01',
      durationMonths: 30,
      indirectRate: '0.07',
      contingencyRate: '0.03',
      author: '',
      notes: '',
      donorProfile: 'EU',
      communities: 0,
      inflation: '0',
      indirectBase: 'direct',
      euAgreement: 'grant',
      usAwardDate: null,
      usNicra: null,
    },
    currencies: [{ code: 'XOF', rates: ['655.957'], inflation: '0.03' }],
  };

  it('a programme of 30 months has 3 programme years of rates', () => {
    expect(programmeYears(30)).toBe(3);
    expect(programmeYears(120)).toBe(10);
    expect(programmeYears(1)).toBe(1);
  });

  it('refuses a code that is not three letters, the reporting currency, or one listed', () => {
    expect(parseCurrencyCode(' ghs ', model)).toEqual({ ok: true, value: 'GHS' });
    expect(parseCurrencyCode('EURO', model)).toMatchObject({ ok: false, code: 'currency.invalid' });
    expect(parseCurrencyCode('eur', model)).toMatchObject({ ok: false, code: 'currency.isReporting' });
    expect(parseCurrencyCode('XOF', model)).toMatchObject({ ok: false, code: 'currency.exists' });
    expect(lineCurrencies(model)).toEqual(['EUR', 'XOF']);
  });

  it('reads a rate as local units per reporting unit, exactly, and never 0', () => {
    expect(parseRate('655,957', 'fr')).toEqual({ ok: true, value: '655.957' });
    expect(parseRate('1,234.5', 'en')).toEqual({ ok: true, value: '1234.5' });
    expect(parseRate('0', 'en')).toMatchObject({ ok: false, code: 'number.positive' });
    expect(parseRate('-3', 'en')).toMatchObject({ ok: false, code: 'number.negative', context: 'exchangeRate' });
  });

  it('a rate carries on until a later year sets a new one', () => {
    const c = { code: 'XOF', rates: ['655.957'], inflation: '0' };
    expect(rateForYear(c, 3)).toBe('655.957');
    expect(withRate(c, 3, '660')).toEqual({ ...c, rates: ['655.957', '655.957', '660'] });
    expect(withRate(c, 1, '650').rates).toEqual(['650']);
    expect(newCurrency('GHS', '16.5', 3)).toEqual({ code: 'GHS', rates: ['16.5', '16.5', '16.5'], inflation: '0' });
  });

  it('a line switched to another currency keeps its value at the year-1 rate', () => {
    // 500.00 × 655.957 = 327,978.5 francs: a tie, rounded away from zero.
    expect(convertUnitCost(50000, 'EUR', 'XOF', model)).toBe(327979);
    expect(convertUnitCost(327979, 'XOF', 'EUR', model)).toBe(50000);
    expect(convertUnitCost(50000, 'EUR', 'EUR', model)).toBe(50000);
    // No rate for GHS: the amount keeps its major units (500.00 EUR -> 500.00 GHS).
    expect(convertUnitCost(50000, 'EUR', 'GHS', model)).toBe(50000);
    expect(convertUnitCost(50000, 'EUR', 'XAF', model)).toBe(500);
  });

  it('inflation is typed in percent and may be negative', () => {
    const c = { code: 'XOF', rates: ['655.957'], inflation: '0' };
    expect(withInflation(c, '3,5', 'fr')).toEqual({ ok: true, value: { ...c, inflation: '0.035' } });
    expect(withInflation(c, '-2', 'en')).toEqual({ ok: true, value: { ...c, inflation: '-0.02' } });
    expect(withInflation(c, '-100', 'en')).toMatchObject({ ok: false, code: 'inflation.range' });
  });
});

describe('exchange rates that are probably a slip', () => {
  const xof = { code: 'XOF', reporting: 'EUR', previous: null, locale: 'en' as const };
  it('asks "did you mean 655.957?" for 655,957 typed in English, and 655,957 for 655.957 in French', () => {
    const en = parseRate('655,957', 'en');
    expect(en).toEqual({ ok: true, value: '655957' });
    expect(rateWarning('655,957', '655957', xof)).toEqual({
      key: 'currency.rateGrouping',
      params: { input: '655,957', value: '655,957', code: 'XOF', reporting: 'EUR', suggestion: '655.957' },
    });
    const fr = parseRate('655.957', 'fr');
    expect(fr).toEqual({ ok: true, value: '655957' });
    expect(rateWarning('655.957', '655957', { ...xof, locale: 'fr' })).toMatchObject({
      key: 'currency.rateGrouping',
      params: { suggestion: '655,957' },
    });
  });
  it('flags a rate more than ten times away from the CFA franc peg, either way; the peg itself passes', () => {
    expect(rateWarning('655.957', '655.957', xof)).toBeNull();
    expect(rateWarning('6560', '6560', xof)).toMatchObject({
      key: 'currency.rateJumpPeg',
      params: { ref: '655.957' },
    });
    expect(rateWarning('65.5', '65.5', { ...xof, code: 'XAF' })).toMatchObject({ key: 'currency.rateJumpPeg' });
    expect(rateWarning('6559', '6559', { ...xof, reporting: 'USD' })).toBeNull(); // no peg to the dollar
  });
  it("flags a rate more than ten times the previous year's, not one that merely moves", () => {
    const ghs = { code: 'GHS', reporting: 'EUR', previous: '16.5', locale: 'en' as const };
    expect(rateWarning('18', '18', ghs)).toBeNull();
    expect(rateWarning('165', '165', ghs)).toBeNull(); // exactly ten times: allowed
    expect(rateWarning('165.1', '165.1', ghs)).toMatchObject({ key: 'currency.rateJumpYear', params: { ref: '16.5' } });
    expect(rateWarning('1.6', '1.6', ghs)).toMatchObject({ key: 'currency.rateJumpYear' });
  });
});
