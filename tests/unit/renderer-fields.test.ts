import { describe, expect, it } from 'vitest';
import { type BudgetLine, defaultLineFields, type Programme } from '../../src-shared/model';
import {
  lineCellText,
  parseLineCell,
  parseProgrammeField,
  programmeFieldText,
  withSchedule,
} from '../../src-renderer/state/fields';

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
};

function line(driver: Partial<BudgetLine['driver']> = {}): BudgetLine {
  const f = defaultLineFields('individual', 36, 'Package');
  return { ...f, id: 'L1', level: 'individual', position: 0, unitCost: 150000, driver: { ...f.driver, ...driver } };
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

  it('refuses decimals in a currency that has none', () => {
    const xof = { ...programme, reportingCurrency: 'XOF' };
    expect(parseLineCell(line(), 'unitCost', '10.5', 'en', xof)).toMatchObject({
      ok: false,
      code: 'number.tooManyDecimals',
      params: { max: 0, currency: 'XOF' },
    });
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
    expect(lineCellText(once, 'end', 'en', 'EUR')).toBe('');
  });

  it('requires a name', () => {
    expect(fail(parseLineCell(line(), 'name', '   ', 'en', programme))).toBe('text.required');
    expect(parseLineCell(line(), 'name', ' Tools ', 'en', programme)).toEqual({ ok: true, value: { name: 'Tools' } });
  });

  it('shows amounts in the user locale', () => {
    expect(lineCellText(line(), 'unitCost', 'en', 'EUR')).toBe('1,500.00');
    expect(lineCellText(line(), 'unitCost', 'fr', 'EUR').replace(/\s/g, ' ')).toBe('1 500,00');
  });

  it('a new schedule keeps the window sensible', () => {
    const d = line({ schedule: 'once', start: 5, end: 5 }).driver;
    expect(withSchedule(d, 'spread', 36)).toMatchObject({ schedule: 'spread', start: 5, end: 36 });
    expect(withSchedule({ ...d, schedule: 'spread', end: 20 }, 'once', 36)).toMatchObject({ start: 5, end: 5 });
    expect(withSchedule({ ...d, schedule: 'spread', end: 20 }, 'monthly', 36)).toMatchObject({ end: 20 });
  });
});

describe('programme fields', () => {
  it('takes rates in percent and stores exact shares', () => {
    expect(parseProgrammeField('indirectRate', '7', 'en')).toEqual({ ok: true, value: { indirectRate: '0.07' } });
    expect(parseProgrammeField('contingencyRate', '7,5', 'fr')).toEqual({
      ok: true,
      value: { contingencyRate: '0.075' },
    });
    expect(parseProgrammeField('indirectRate', '150', 'en')).toMatchObject({ ok: false, code: 'number.outOfRange' });
    expect(programmeFieldText({ ...programme, indirectRate: '0.075' }, 'indirectRate', 'fr')).toBe('7,5');
  });

  it('checks the duration, and will not cut lines off', () => {
    expect(parseProgrammeField('durationMonths', '0', 'en')).toMatchObject({ ok: false, code: 'number.outOfRange' });
    expect(parseProgrammeField('durationMonths', '121', 'en')).toMatchObject({ ok: false, code: 'number.outOfRange' });
    expect(parseProgrammeField('durationMonths', '12.5', 'en')).toMatchObject({ ok: false, code: 'number.notInteger' });
    const lines = [line({ schedule: 'spread', start: 1, end: 30 })];
    expect(parseProgrammeField('durationMonths', '24', 'en', lines)).toMatchObject({
      ok: false,
      code: 'window.outside',
      params: { needed: 30 },
    });
    expect(parseProgrammeField('durationMonths', '30', 'en', lines)).toEqual({
      ok: true,
      value: { durationMonths: 30 },
    });
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
