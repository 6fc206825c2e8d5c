import { describe, expect, it } from 'vitest';
import { newId } from '../../src-shared/commands';
import { validateRequest } from '../../src-shared/api';
import { defaultLineFields, programmeSchema, validateLineAgainstProgramme } from '../../src-shared/model';

const fields = defaultLineFields('individual', 36, 'Package');

describe('request schemas', () => {
  it('accepts a well-formed line.add', () => {
    const r = validateRequest('document.command', {
      command: { type: 'line.add', id: newId(), level: 'community', fields },
    });
    expect(r.ok).toBe(true);
  });

  it('refuses a negative unit cost with the field and a specific code', () => {
    const r = validateRequest('document.command', {
      command: { type: 'line.update', id: 'abc', patch: { unitCost: -5 } },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toEqual({ 'command.patch.unitCost': 'number.negative' });
  });

  it('refuses a quantity that is not a canonical decimal (a float, "12,5,0", exponent)', () => {
    for (const quantity of ['1e3', '12,5,0', '0.10', 'NaN', '']) {
      const r = validateRequest('document.command', {
        command: { type: 'line.update', id: 'abc', patch: { driver: { ...fields.driver, quantity } } },
      });
      expect(r.ok, quantity).toBe(false);
    }
  });

  it('refuses unknown levels, commands and extra keys on strict requests', () => {
    expect(
      validateRequest('document.command', { command: { type: 'line.add', id: newId(), level: 'galaxy', fields } }).ok,
    ).toBe(false);
    expect(validateRequest('document.command', { command: { type: 'db.drop' } }).ok).toBe(false);
    expect(validateRequest('document.open', { path: '/x.rcs', readOnly: false, extra: 1 }).ok).toBe(false);
  });

  it('refuses hostile file names for new files and copies', () => {
    for (const name of ['../etc/passwd', 'a/b', 'C:\\x', '', '..', 'x\u0000y']) {
      expect(validateRequest('document.create', { name }).ok, JSON.stringify(name)).toBe(false);
    }
    expect(validateRequest('document.create', { name: 'Programme Guinée 2027' }).ok).toBe(true);
  });

  it('refuses a programme duration outside 1..120 months and a bad start month', () => {
    expect(programmeSchema.shape.durationMonths.safeParse(0).success).toBe(false);
    expect(programmeSchema.shape.durationMonths.safeParse(121).success).toBe(false);
    expect(programmeSchema.shape.startMonth.safeParse('2027-13').success).toBe(false);
    expect(programmeSchema.shape.indirectRate.safeParse('1.5').success).toBe(false);
    expect(programmeSchema.shape.indirectRate.safeParse('0.07').success).toBe(true);
  });
});

describe('line windows against the programme', () => {
  it('reports a window outside the programme and an end before the start', () => {
    expect(
      validateLineAgainstProgramme(
        { driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 30, end: 40 } },
        { durationMonths: 36 },
      ),
    ).toEqual({ 'driver.end': 'window.outside' });
    expect(
      validateLineAgainstProgramme(
        { driver: { kind: 'fixed', quantity: '1', schedule: 'spread', start: 10, end: 5 } },
        { durationMonths: 36 },
      ),
    ).toEqual({ 'driver.end': 'window.endBeforeStart' });
    expect(
      validateLineAgainstProgramme(
        { driver: { kind: 'fixed', quantity: '1', schedule: 'once', start: 37, end: 37 } },
        { durationMonths: 36 },
      ),
    ).toEqual({ 'driver.start': 'window.outside' });
  });
});

describe('driver and finance schemas (model v2)', () => {
  const patch = (driver: unknown) =>
    validateRequest('document.command', { command: { type: 'line.update', id: 'abc', patch: { driver } } });

  it('accepts each driver kind with sound parameters', () => {
    const ok = [
      { kind: 'perArrival', quantity: '1', profileIds: [], takeUp: '0.228', offset: 0, start: 1, end: 36 },
      { kind: 'perActiveCase', quantity: '1', profileIds: ['p1'], start: 1, end: 36 },
      { kind: 'staffing', casesPerStaff: '40', min: 1, max: null, profileIds: [], start: 1, end: 36 },
      { kind: 'perCommunity', quantity: '2', schedule: 'spread', start: 1, end: 36 },
      { kind: 'perProject', returneesPerProject: '25', profileIds: [], schedule: 'once', start: 6, end: 6 },
      { kind: 'percentage', rate: '0.05', levels: ['individual'], lineIds: [], start: 1, end: 36 },
    ];
    for (const d of ok) expect(patch(d).ok, d.kind).toBe(true);
  });

  it('refuses a take-up above 100 %, zero cases per staff, a negative offset, an unknown level', () => {
    const bad: [unknown, string][] = [
      [
        { kind: 'perArrival', quantity: '1', profileIds: [], takeUp: '1.2', offset: 0, start: 1, end: 2 },
        'share.range',
      ],
      [
        { kind: 'staffing', casesPerStaff: '0', min: 0, max: null, profileIds: [], start: 1, end: 2 },
        'number.positive',
      ],
      [
        { kind: 'perArrival', quantity: '1', profileIds: [], takeUp: '1', offset: -1, start: 1, end: 2 },
        'number.negative',
      ],
    ];
    for (const [d, code] of bad) {
      const r = patch(d);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(Object.values(r.error.fields ?? {})).toContain(code);
    }
    expect(patch({ kind: 'percentage', rate: '0.05', levels: ['galaxy'], lineIds: [], start: 1, end: 2 }).ok).toBe(
      false,
    );
  });

  it('refuses a currency rate of zero and a funding share above 100 %', () => {
    expect(
      validateRequest('document.command', {
        command: { type: 'currency.put', currency: { code: 'XOF', rates: ['0'], inflation: '0.02' } },
      }).ok,
    ).toBe(false);
    expect(
      validateRequest('document.command', {
        command: { type: 'line.update', id: 'abc', patch: { funding: [{ funderId: 'f', share: '1.5' }] } },
      }).ok,
    ).toBe(false);
  });
});
