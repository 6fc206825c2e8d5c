import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../src-shared/api';
import { defaultLineFields, programmeSchema, validateLineAgainstProgramme } from '../../src-shared/model';

const fields = defaultLineFields('individual', 36, 'Package');

describe('request schemas', () => {
  it('accepts a well-formed line.add', () => {
    const r = validateRequest('document.command', { command: { type: 'line.add', level: 'community', fields } });
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
    expect(validateRequest('document.command', { command: { type: 'line.add', level: 'galaxy', fields } }).ok).toBe(
      false,
    );
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
