import { describe, expect, it } from 'vitest';
import {
  type BudgetLine,
  defaultLineFields,
  durationEffects,
  type FixedDriver,
  type Programme,
} from '../../src-shared/model';
import {
  copyName,
  lineCellText,
  parseLineCell,
  parseLineDetail,
  withSchedule,
} from '../../src-renderer/features/budget/lineFields';
import {
  parseInflation,
  parseProgrammeField,
  programmeFieldText,
} from '../../src-renderer/features/programme/programmeFields';
import { errorText, translator } from '../../src-renderer/i18n';

const programme: Programme = {
  title: 'P',
  reportingCurrency: 'EUR',
  startMonth: '2025-01',
  durationMonths: 36,
  indirectRate: '0.07',
  contingencyRate: '0.03',
  author: '',
  notes: '',
  donorProfile: 'EU',
  communities: 12,
  inflation: '0.02',
  indirectBase: 'direct',
  euAgreement: 'grant',
  usAwardDate: null,
  usNicra: null,
};

function line(driver: Partial<FixedDriver> = {}, currency = 'EUR'): BudgetLine {
  const f = defaultLineFields('individual', 36, 'Package', 'EUR');
  const fixed = f.driver as FixedDriver;
  return {
    ...f,
    id: 'L1',
    level: 'individual',
    position: 0,
    unitCost: 150000,
    currency,
    driver: { ...fixed, ...driver },
  };
}

const fail = (r: ReturnType<typeof parseLineCell>) => (r.ok ? 'ok' : r.code);

describe('budget cells', () => {
  it('refuses "12,5,0" as a unit cost with the grouping code, and sends nothing', () => {
    const r = parseLineCell(line(), 'unitCost', '12,5,0', 'en', programme);
    expect(r).toMatchObject({ ok: false, code: 'number.grouping', params: { input: '12,5,0' } });
  });

  it('refuses a negative cost with a unit-cost message', () => {
    expect(parseLineCell(line(), 'unitCost', '-5', 'en', programme)).toMatchObject({
      ok: false,
      code: 'number.negative',
      context: 'unitCost',
    });
  });

  it('refuses, beside the cell, a unit cost or quantity that makes the line cost more than the largest amount', () => {
    const monthly = line({ quantity: '1000', schedule: 'monthly', start: 1, end: 36 });
    // 1,000 × 36 months × 30 billion euros (3 × 10^12 cents): 1.08 × 10^17 cents, past 10^15.
    const r = parseLineCell(monthly, 'unitCost', '30,000,000,000', 'en', programme);
    expect(r).toEqual({ ok: false, code: 'amount.tooLarge' });
    if (!r.ok) {
      expect(errorText('en', r.code)).toMatch(/^This line would cost more than the largest amount/);
      expect(errorText('fr', r.code)).toMatch(/^Cette ligne coûterait plus/);
    }
    // 27 billion euros × 1,000 × 36 would too; 27 million is fine; so is the quantity that fits.
    expect(parseLineCell(monthly, 'unitCost', '27,000,000', 'en', programme)).toEqual({
      ok: true,
      value: { unitCost: 2_700_000_000 },
    });
    const dear = { ...monthly, unitCost: 10 ** 12 };
    expect(fail(parseLineCell(dear, 'quantity', '28', 'en', programme))).toBe('amount.tooLarge');
    expect(fail(parseLineCell(dear, 'quantity', '27', 'en', programme))).toBe('ok');
  });

  it('reads costs in the user locale, exactly, to minor units', () => {
    expect(parseLineCell(line(), 'unitCost', '1,234.5', 'en', programme)).toEqual({
      ok: true,
      value: { unitCost: 123450 },
    });
    expect(parseLineCell(line(), 'unitCost', '1 234,5', 'fr', programme)).toEqual({
      ok: true,
      value: { unitCost: 123450 },
    });
    expect(parseLineCell(line(), 'unitCost', '1\u202f234,56', 'fr', programme)).toEqual({
      ok: true,
      value: { unitCost: 123456 },
    });
    expect(fail(parseLineCell(line(), 'unitCost', '1.234', 'en', programme))).toBe('number.tooManyDecimals');
  });

  it('reads a unit cost in the line’s own currency (XOF has no decimals), whatever the reporting currency', () => {
    expect(parseLineCell(line({}, 'XOF'), 'unitCost', '10.5', 'en', programme)).toMatchObject({
      ok: false,
      code: 'number.tooManyDecimals',
      params: { max: 0, currency: 'XOF' },
    });
    expect(parseLineCell(line({}, 'XOF'), 'unitCost', '655,957', 'en', programme)).toEqual({
      ok: true,
      value: { unitCost: 655957 },
    });
    const xofReporting: Programme = { ...programme, reportingCurrency: 'XOF' };
    expect(parseLineCell(line({}, 'EUR'), 'unitCost', '10.5', 'en', xofReporting)).toEqual({
      ok: true,
      value: { unitCost: 1050 },
    });
    expect(lineCellText({ ...line({}, 'XOF'), unitCost: 655957 }, 'unitCost', 'fr').replace(/\s/g, ' ')).toBe(
      '655 957',
    );
  });

  it('keeps quantities as exact decimal strings', () => {
    expect(parseLineCell(line(), 'quantity', '0,1', 'fr', programme)).toEqual({
      ok: true,
      value: { driver: { ...line().driver, quantity: '0.1' } },
    });
    expect(fail(parseLineCell(line(), 'quantity', '-1', 'en', programme))).toBe('number.negative');
  });

  it('refuses a window outside the programme', () => {
    expect(parseLineCell(line(), 'start', '40', 'en', programme)).toMatchObject({
      ok: false,
      code: 'window.outside',
      params: { max: 36 },
    });
    const spread = line({ schedule: 'spread', start: 1, end: 12 });
    expect(fail(parseLineCell(spread, 'end', '37', 'en', programme))).toBe('window.outside');
    expect(fail(parseLineCell(spread, 'end', '0', 'en', programme))).toBe('window.outside');
    expect(fail(parseLineCell(spread, 'start', '2024-12', 'en', programme))).toBe('window.outside');
  });

  it('refuses an end before the start, and a start after the end', () => {
    const spread = line({ schedule: 'spread', start: 6, end: 12 });
    expect(parseLineCell(spread, 'end', '5', 'en', programme)).toMatchObject({
      ok: false,
      code: 'window.endBeforeStart',
      params: { start: 6 },
    });
    expect(parseLineCell(spread, 'start', '13', 'en', programme)).toMatchObject({
      ok: false,
      code: 'window.startAfterEnd',
      params: { end: 12 },
    });
  });

  it('accepts a month as a number, as M3, or as a calendar month', () => {
    const spread = line({ schedule: 'spread', start: 1, end: 12 });
    for (const input of ['3', 'M3', 'm 3', '2025-03']) {
      expect(parseLineCell(spread, 'start', input, 'en', programme)).toEqual({
        ok: true,
        value: { driver: { ...spread.driver, start: 3 } },
      });
    }
  });

  it('a "once" line moves its single month with its start', () => {
    const once = line({ schedule: 'once', start: 2, end: 2 });
    expect(parseLineCell(once, 'start', '9', 'en', programme)).toEqual({
      ok: true,
      value: { driver: { ...once.driver, start: 9, end: 9 } },
    });
    expect(lineCellText(once, 'end', 'en')).toBe('');
  });

  it('requires a name', () => {
    expect(fail(parseLineCell(line(), 'name', '   ', 'en', programme))).toBe('text.required');
    expect(parseLineCell(line(), 'name', ' Tools ', 'en', programme)).toEqual({ ok: true, value: { name: 'Tools' } });
  });

  it('shows amounts in the user locale', () => {
    expect(lineCellText(line(), 'unitCost', 'en')).toBe('1,500.00');
    expect(lineCellText(line(), 'unitCost', 'fr').replace(/\s/g, ' ')).toBe('1 500,00');
  });

  it('a new schedule keeps the window sensible', () => {
    const d = line({ schedule: 'once', start: 5, end: 5 }).driver;
    expect(withSchedule(d, 'spread', 36)).toMatchObject({ schedule: 'spread', start: 5, end: 36 });
    expect(withSchedule({ ...d, schedule: 'spread', end: 20 }, 'once', 36)).toMatchObject({ start: 5, end: 5 });
    expect(withSchedule({ ...d, schedule: 'spread', end: 20 }, 'monthly', 36)).toMatchObject({ end: 20 });
  });
});

describe('the quantity column follows the driver', () => {
  it('shows and parses the main parameter of each kind', () => {
    const staffing: BudgetLine = {
      ...line(),
      driver: { kind: 'staffing', casesPerStaff: '40', min: 1, max: null, profileIds: [], start: 1, end: 36 },
    };
    expect(lineCellText(staffing, 'quantity', 'en')).toBe('40');
    expect(parseLineCell(staffing, 'quantity', '35', 'en', programme)).toEqual({
      ok: true,
      value: { driver: { ...staffing.driver, casesPerStaff: '35' } },
    });
    expect(parseLineCell(staffing, 'quantity', '0', 'en', programme)).toMatchObject({
      ok: false,
      code: 'number.positive',
    });
    const pct: BudgetLine = {
      ...line(),
      driver: { kind: 'percentage', rate: '0.05', levels: ['individual'], lineIds: [], start: 1, end: 36 },
    };
    expect(lineCellText(pct, 'quantity', 'fr')).toBe('5');
    expect(parseLineCell(pct, 'quantity', '7,5', 'fr', programme)).toEqual({
      ok: true,
      value: { driver: { ...pct.driver, rate: '0.075' } },
    });
  });

  it('reads community reach: people per unit and the non-migrant share in percent', () => {
    expect(parseLineDetail('beneficiariesPerUnit', '20,5', 'fr')).toEqual({
      ok: true,
      value: { beneficiariesPerUnit: '20.5' },
    });
    expect(parseLineDetail('nonMigrantShare', '54', 'en')).toEqual({ ok: true, value: { nonMigrantShare: '0.54' } });
    expect(parseLineDetail('nonMigrantShare', '120', 'en')).toMatchObject({ ok: false, code: 'number.outOfRange' });
    expect(parseLineDetail('beneficiariesPerUnit', '-1', 'en')).toMatchObject({ ok: false, code: 'number.negative' });
  });
});

describe('programme fields', () => {
  it('takes inflation in percent, deflation included, and the number of communities', () => {
    expect(parseProgrammeField('inflation', '2,5', 'fr')).toEqual({ ok: true, value: { inflation: '0.025' } });
    expect(parseProgrammeField('inflation', '-1', 'en')).toEqual({ ok: true, value: { inflation: '-0.01' } });
    expect(parseProgrammeField('inflation', '-0', 'en')).toEqual({ ok: true, value: { inflation: '0' } });
    expect(parseInflation('-100', 'en')).toMatchObject({ ok: false, code: 'inflation.range' });
    expect(programmeFieldText({ ...programme, inflation: '-0.015' }, 'inflation', 'fr')).toBe('-1,5');
    expect(parseProgrammeField('communities', '1,200', 'en')).toEqual({ ok: true, value: { communities: 1200 } });
    expect(parseProgrammeField('communities', '2.5', 'en')).toMatchObject({ ok: false, code: 'number.notInteger' });
    expect(programmeFieldText(programme, 'communities', 'en')).toBe('12');
  });

  it('takes rates in percent and stores exact shares', () => {
    expect(parseProgrammeField('indirectRate', '7', 'en')).toEqual({ ok: true, value: { indirectRate: '0.07' } });
    expect(parseProgrammeField('contingencyRate', '7,5', 'fr')).toEqual({
      ok: true,
      value: { contingencyRate: '0.075' },
    });
    expect(parseProgrammeField('indirectRate', '150', 'en')).toMatchObject({ ok: false, code: 'number.outOfRange' });
    expect(programmeFieldText({ ...programme, indirectRate: '0.075' }, 'indirectRate', 'fr')).toBe('7,5');
  });

  it('checks the duration', () => {
    expect(parseProgrammeField('durationMonths', '0', 'en')).toMatchObject({ ok: false, code: 'number.outOfRange' });
    expect(parseProgrammeField('durationMonths', '121', 'en')).toMatchObject({ ok: false, code: 'number.outOfRange' });
    expect(parseProgrammeField('durationMonths', '12.5', 'en')).toMatchObject({ ok: false, code: 'number.notInteger' });
    expect(parseProgrammeField('durationMonths', '30', 'en')).toEqual({ ok: true, value: { durationMonths: 30 } });
  });

  it('a new duration: lines that ran to the end follow it, others past it are clipped, later ones blocked', () => {
    const toEnd = { ...line({ schedule: 'spread', start: 1, end: 36 }), id: 'toEnd' };
    const to30 = { ...line({ schedule: 'spread', start: 1, end: 30 }), id: 'to30' };
    const late = { ...line({ schedule: 'spread', start: 28, end: 30 }), id: 'late' };
    const once = { ...line({ schedule: 'once', start: 10, end: 10 }), id: 'once' };
    const fits = { ...line({ schedule: 'spread', start: 1, end: 12 }), id: 'fits' };
    const e = durationEffects([toEnd, to30, late, once, fits], 36, 24);
    expect(e.follow.map((l) => [l.id, l.driver.end])).toEqual([['toEnd', 24]]);
    expect(e.clip.map((l) => [l.id, l.driver.end])).toEqual([['to30', 24]]);
    expect(e.blocked.map((l) => l.id)).toEqual(['late']);
    const longer = durationEffects([toEnd, to30], 36, 48);
    expect(longer.follow.map((l) => [l.id, l.driver.end])).toEqual([['toEnd', 48]]);
    expect(longer.clip).toEqual([]);
  });

  it('checks currency and start month', () => {
    expect(parseProgrammeField('reportingCurrency', 'xof', 'en')).toEqual({
      ok: true,
      value: { reportingCurrency: 'XOF' },
    });
    expect(parseProgrammeField('reportingCurrency', 'EU', 'en')).toMatchObject({ ok: false, code: 'currency.invalid' });
    expect(parseProgrammeField('startMonth', '2025-13', 'en')).toMatchObject({ ok: false, code: 'month.invalid' });
    expect(parseProgrammeField('title', '', 'en')).toMatchObject({ ok: false, code: 'text.required' });
  });
});

describe('the name of a duplicated line', () => {
  const en = translator('en');
  const fr = translator('fr');
  it('adds "(copy)" in English and "(copie)" in French', () => {
    expect(copyName('Grants', new Set(['Grants']), en)).toBe('Grants (copy)');
    expect(copyName('Subventions', new Set(['Subventions']), fr)).toBe('Subventions (copie)');
  });
  it('numbers further copies while the name is taken', () => {
    const taken = new Set(['Grants', 'Grants (copy)', 'Grants (copy 2)']);
    expect(copyName('Grants', taken, en)).toBe('Grants (copy 3)');
  });
  it('shortens a long original so the suffix shows and the name stays within 200 characters', () => {
    const long = 'a'.repeat(200);
    const copy = copyName(long, new Set([long]), en);
    expect(copy).toHaveLength(200);
    expect(copy.endsWith(' (copy)')).toBe(true);
  });
});

describe('donor rule settings of the programme form (issue 12)', () => {
  it('the award date: a day or a month; empty means not stated', () => {
    expect(parseProgrammeField('usAwardDate', ' 2024-10-01 ', 'en')).toEqual({
      ok: true,
      value: { usAwardDate: '2024-10-01' },
    });
    expect(parseProgrammeField('usAwardDate', '2024-09', 'fr')).toEqual({
      ok: true,
      value: { usAwardDate: '2024-09' },
    });
    expect(parseProgrammeField('usAwardDate', '', 'en')).toEqual({ ok: true, value: { usAwardDate: null } });
    expect(parseProgrammeField('usAwardDate', '1/10/2024', 'en')).toMatchObject({
      ok: false,
      code: 'awardDate.invalid',
    });
    expect(parseProgrammeField('usAwardDate', '2024-13-01', 'en')).toMatchObject({ ok: false });
  });

  it('the NICRA rate in percent keeps the base chosen; empty removes the NICRA', () => {
    const withNicra: Programme = { ...programme, usNicra: { rate: '0.2', base: 'direct' } };
    expect(parseProgrammeField('usNicra', '12,5', 'fr', withNicra)).toEqual({
      ok: true,
      value: { usNicra: { rate: '0.125', base: 'direct' } },
    });
    expect(parseProgrammeField('usNicra', '12.5', 'en')).toEqual({
      ok: true,
      value: { usNicra: { rate: '0.125', base: 'mtdc' } },
    });
    expect(parseProgrammeField('usNicra', ' ', 'en')).toEqual({ ok: true, value: { usNicra: null } });
    expect(parseProgrammeField('usNicra', '120', 'en')).toMatchObject({ ok: false });
    expect(programmeFieldText(withNicra, 'usNicra', 'fr')).toBe('20');
    expect(programmeFieldText(programme, 'usAwardDate', 'en')).toBe('');
  });

  it('the indirect base and the EU agreement take only their choices', () => {
    expect(parseProgrammeField('indirectBase', 'mtdc', 'en')).toEqual({ ok: true, value: { indirectBase: 'mtdc' } });
    expect(parseProgrammeField('indirectBase', 'total', 'en')).toMatchObject({ ok: false });
    expect(parseProgrammeField('euAgreement', 'contribution', 'en')).toEqual({
      ok: true,
      value: { euAgreement: 'contribution' },
    });
  });
});
