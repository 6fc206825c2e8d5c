import { describe, expect, it } from 'vitest';
import type { Derivation } from '../../src-shared/engine';
import type { Driver, Programme } from '../../src-shared/model';
import {
  convertDriver,
  derivationText,
  driverFieldText,
  parseDriverField,
  withProfiles,
  withSchedule,
} from '../../src-renderer/features/budget/drivers';
import { translator } from '../../src-renderer/i18n';

const programme: Pick<Programme, 'durationMonths' | 'startMonth'> = { durationMonths: 36, startMonth: '2025-01' };
const en = translator('en');
const fr = translator('fr');
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const fixedOnce: Driver = { kind: 'fixed', quantity: '2', schedule: 'once', start: 4, end: 4 };
const perArrival: Driver = {
  kind: 'perArrival',
  quantity: '1',
  profileIds: ['P1'],
  takeUp: '0.6',
  offset: 1,
  start: 2,
  end: 30,
};
const staffing: Driver = {
  kind: 'staffing',
  casesPerStaff: '40',
  min: 2,
  max: 6,
  profileIds: [],
  start: 1,
  end: 36,
};

describe('derivation text: how a quantity was derived', () => {
  const d = (code: string, params: Derivation['params']): Derivation => ({ code, params });

  it('per arrival, with take-up (the example of the issue)', () => {
    const x = d('perArrival', { arrivals: 1240, takeUp: '0.6', quantity: '1', units: '744', offset: 0 });
    expect(derivationText(x, en, 'en', 'EUR')).toBe('1,240 arrivals × 60\u00a0% take-up = 744');
    expect(nb(derivationText(x, fr, 'fr', 'EUR'))).toBe('1 240 arrivées × 60 % de recours = 744');
  });

  it('per arrival without take-up or quantity factor says just the arrivals', () => {
    const x = d('perArrival', { arrivals: 980, takeUp: '1', quantity: '1', units: '980', offset: 0 });
    expect(derivationText(x, en, 'en', 'EUR')).toBe('980 arrivals');
    const y = d('perArrival', { arrivals: 50, takeUp: '1', quantity: '2.5', units: '125', offset: 0 });
    expect(derivationText(y, en, 'en', 'EUR')).toBe('50 arrivals × 2.5 = 125');
  });

  it('staffing ratio with a minimum and a maximum, or a minimum only', () => {
    const params = { peakCases: 210, casesPerStaff: '40', min: 2, max: 6, staffMonths: 96, peakStaff: 6 };
    expect(derivationText(d('staffing', params), en, 'en', 'EUR')).toBe(
      'ceil(active ÷ 40) staff, 2–6 · 96 staff-months',
    );
    expect(derivationText(d('staffing', { ...params, max: '' }), en, 'en', 'EUR')).toBe(
      'ceil(active ÷ 40) staff, at least 2 · 96 staff-months',
    );
    expect(nb(derivationText(d('staffing', { ...params, staffMonths: 1200 }), fr, 'fr', 'EUR'))).toBe(
      'arrondi(actifs ÷ 40) agents, 2 à 6 · 1 200 mois-agent',
    );
  });

  it('percentage of a base given in minor units, formatted in the reporting currency', () => {
    const x = d('percentage', { rate: '0.05', base: 123456700 });
    expect(derivationText(x, en, 'en', 'EUR')).toBe('5\u00a0% of 1,234,567.00');
    expect(nb(derivationText(x, fr, 'fr', 'EUR'))).toBe('5 % de 1 234 567,00');
    expect(derivationText(x, en, 'en', 'XOF')).toBe('5\u00a0% of 123,456,700');
  });

  it('fixed, per case-month, per community and per project', () => {
    expect(derivationText(d('fixed', { quantity: '4', schedule: 'monthly', months: 36 }), en, 'en', 'EUR')).toBe(
      '4 × 36 months',
    );
    expect(derivationText(d('fixed', { quantity: '10', schedule: 'spread', months: 7 }), en, 'en', 'EUR')).toBe(
      '10 spread over 7 months',
    );
    expect(derivationText(d('fixed', { quantity: '1', schedule: 'once', months: 1 }), en, 'en', 'EUR')).toBe('1, once');
    expect(
      derivationText(d('perActiveCase', { caseMonths: 3400, quantity: '1', units: '3400' }), en, 'en', 'EUR'),
    ).toBe('3,400 case-months');
    expect(
      derivationText(d('perActiveCase', { caseMonths: 3400, quantity: '0.5', units: '1700' }), en, 'en', 'EUR'),
    ).toBe('3,400 case-months × 0.5 = 1,700');
    expect(
      derivationText(
        d('perCommunity', { communities: 12, quantity: '2', units: '24', schedule: 'once' }),
        en,
        'en',
        'EUR',
      ),
    ).toBe('12 communities × 2 = 24');
    expect(
      derivationText(
        d('perProject', { returnees: '1180', returneesPerProject: '30', projects: 40, schedule: 'spread' }),
        en,
        'en',
        'EUR',
      ),
    ).toBe('ceil(1,180 returnees ÷ 30) = 40 projects');
  });

  it('says nothing when the engine could not derive a quantity (window outside the programme)', () => {
    expect(derivationText(d('perArrival', {}), en, 'en', 'EUR')).toBe('');
    expect(derivationText(undefined, en, 'en', 'EUR')).toBe('');
  });
});

describe('changing the kind of a driver', () => {
  it('keeps the window, the profiles and the quantity where they carry over', () => {
    expect(convertDriver(perArrival, 'perActiveCase', 36, 'individual')).toEqual({
      kind: 'perActiveCase',
      quantity: '1',
      profileIds: ['P1'],
      start: 2,
      end: 30,
    });
    expect(convertDriver(perArrival, 'staffing', 36, 'support')).toEqual({
      kind: 'staffing',
      casesPerStaff: '40',
      min: 1,
      max: null,
      profileIds: ['P1'],
      start: 2,
      end: 30,
    });
  });

  it('a one-off line becomes a monthly driver over the rest of the programme', () => {
    expect(convertDriver(fixedOnce, 'perArrival', 36, 'individual')).toMatchObject({
      start: 4,
      end: 36,
      quantity: '2',
    });
    expect(convertDriver(fixedOnce, 'perCommunity', 36, 'community')).toEqual({
      kind: 'perCommunity',
      quantity: '2',
      schedule: 'once',
      start: 4,
      end: 4,
    });
  });

  it('a percentage line takes its own level by default, support lines the individual and community levels', () => {
    expect(convertDriver(fixedOnce, 'percentage', 36, 'structural')).toMatchObject({
      levels: ['structural'],
      rate: '0.05',
    });
    expect(convertDriver(fixedOnce, 'percentage', 36, 'support')).toMatchObject({
      levels: ['individual', 'community'],
    });
    expect(convertDriver(perArrival, 'perArrival', 36, 'individual')).toBe(perArrival);
  });

  it('sets profiles only on kinds that follow the caseload, and schedules only where they exist', () => {
    expect(withProfiles(perArrival, ['P2'])).toMatchObject({ profileIds: ['P2'] });
    expect(withProfiles(fixedOnce, ['P2'])).toBe(fixedOnce);
    expect(withSchedule(fixedOnce, 'spread', 36)).toMatchObject({ schedule: 'spread', start: 4, end: 36 });
    expect(withSchedule(perArrival, 'once', 36)).toBe(perArrival);
    const project: Driver = {
      kind: 'perProject',
      returneesPerProject: '25',
      profileIds: [],
      schedule: 'spread',
      start: 2,
      end: 20,
    };
    expect(withSchedule(project, 'monthly', 36)).toBe(project); // not offered for projects
    expect(withSchedule(project, 'once', 36)).toMatchObject({ schedule: 'once', end: 2 });
  });
});

describe('typing a driver parameter', () => {
  it('reads take-up and rates in percent, exactly', () => {
    expect(parseDriverField(perArrival, 'takeUp', '22,8', 'fr', programme)).toEqual({
      ok: true,
      value: { ...perArrival, takeUp: '0.228' },
    });
    expect(driverFieldText({ ...perArrival, takeUp: '0.228' } as Driver, 'takeUp', 'en')).toBe('22.8');
    expect(parseDriverField(perArrival, 'takeUp', '101', 'en', programme)).toMatchObject({
      ok: false,
      code: 'number.outOfRange',
    });
  });

  it('reads the offset as whole months from 0 to 60', () => {
    expect(parseDriverField(perArrival, 'offset', '3', 'en', programme)).toMatchObject({
      ok: true,
      value: { offset: 3 },
    });
    expect(parseDriverField(perArrival, 'offset', '61', 'en', programme)).toMatchObject({
      ok: false,
      code: 'number.outOfRange',
      context: 'offset',
    });
  });

  it('keeps the staffing minimum at or below the maximum; an empty maximum means none', () => {
    expect(parseDriverField(staffing, 'min', '7', 'en', programme)).toMatchObject({
      ok: false,
      code: 'staff.minAboveMax',
      params: { max: 6 },
    });
    expect(parseDriverField(staffing, 'max', '1', 'en', programme)).toMatchObject({
      ok: false,
      code: 'staff.maxBelowMin',
    });
    expect(parseDriverField(staffing, 'max', '', 'en', programme)).toEqual({
      ok: true,
      value: { ...staffing, max: null },
    });
    expect(driverFieldText({ ...staffing, max: null } as Driver, 'max', 'en')).toBe('');
    expect(parseDriverField(staffing, 'casesPerStaff', '0', 'en', programme)).toMatchObject({
      ok: false,
      code: 'number.positive',
    });
  });

  it('checks windows against the programme for every kind', () => {
    expect(parseDriverField(perArrival, 'end', '40', 'en', programme)).toMatchObject({
      ok: false,
      code: 'window.outside',
    });
    expect(parseDriverField(perArrival, 'end', '1', 'en', programme)).toMatchObject({
      ok: false,
      code: 'window.endBeforeStart',
    });
    expect(parseDriverField(fixedOnce, 'start', '9', 'en', programme)).toEqual({
      ok: true,
      value: { ...fixedOnce, start: 9, end: 9 },
    });
    expect(parseDriverField(fixedOnce, 'end', '12', 'en', programme)).toEqual({ ok: true, value: fixedOnce });
  });
});
