import { describe, expect, it } from 'vitest';
import { defaultProfileFields, type Profile, type Programme } from '../../src-shared/model';
import {
  kindPatch,
  minDuration,
  monthlyTexts,
  parseMonthly,
  parseProfileField,
  patternPatch,
  profileFieldText,
} from '../../src-renderer/features/caseload/profiles';
import { monthTable } from '../../src-renderer/features/budget/months';

const programme: Pick<Programme, 'durationMonths' | 'startMonth'> = { durationMonths: 36, startMonth: '2025-01' };
const profile = (kind: Profile['kind'] = 'adult'): Profile => ({
  ...defaultProfileFields(kind, 'P', 36),
  arrivals: 1240,
  id: 'P1',
  position: 0,
});

describe('returnee profile fields', () => {
  it('new profiles start from the sources: children 18 months, families per household of 4', () => {
    expect(defaultProfileFields('child', 'C', 36)).toMatchObject({ durationMonths: 18, unit: 'person' });
    expect(defaultProfileFields('family', 'F', 36)).toMatchObject({ unit: 'household', personsPerUnit: '4' });
    expect(minDuration('child')).toMatchObject({
      months: 18,
      source: 'IOM (2015), “Reintegration: Effective Approaches”, line 389',
    });
    expect(minDuration('trafficking')).toMatchObject({ months: 6, cite: { doc: 'iom2015', from: 387 } });
    expect(minDuration('adult')).toBeNull();
  });

  it('reads arrivals, persons per unit and months in the user’s locale', () => {
    expect(parseProfileField(profile(), 'arrivals', '1 500', 'fr', programme)).toEqual({
      ok: true,
      value: { arrivals: 1500 },
    });
    expect(parseProfileField(profile(), 'arrivals', '12.5', 'en', programme)).toMatchObject({
      ok: false,
      code: 'number.notInteger',
    });
    expect(parseProfileField(profile(), 'personsPerUnit', '4,5', 'fr', programme)).toEqual({
      ok: true,
      value: { personsPerUnit: '4.5' },
    });
    expect(parseProfileField(profile(), 'personsPerUnit', '0', 'en', programme)).toMatchObject({
      ok: false,
      code: 'number.positive',
    });
    expect(parseProfileField(profile(), 'durationMonths', '0', 'en', programme)).toMatchObject({
      ok: false,
      code: 'number.outOfRange',
      context: 'assistance',
    });
    expect(profileFieldText(profile(), 'arrivals', 'en')).toBe('1,240');
  });

  it('keeps the arrival window inside the programme and in order', () => {
    const p = { ...profile(), arrivalStart: 3, arrivalEnd: 24 };
    expect(parseProfileField(p, 'arrivalEnd', '2', 'en', programme)).toMatchObject({ code: 'window.endBeforeStart' });
    expect(parseProfileField(p, 'arrivalStart', '25', 'en', programme)).toMatchObject({ code: 'window.startAfterEnd' });
    expect(parseProfileField(p, 'arrivalEnd', '40', 'en', programme)).toMatchObject({ code: 'window.outside' });
    expect(parseProfileField(p, 'arrivalStart', '2025-06', 'en', programme)).toEqual({
      ok: true,
      value: { arrivalStart: 6 },
    });
  });

  it('a new kind brings its unit and raises a duration below the sources’ minimum', () => {
    expect(kindPatch(profile('adult'), 'family', 36)).toEqual({
      kind: 'family',
      unit: 'household',
      personsPerUnit: '4',
    });
    expect(kindPatch({ ...profile('adult'), durationMonths: 12 }, 'child', 36)).toEqual({
      kind: 'child',
      durationMonths: 18,
    });
    // A unit the person chose is kept.
    expect(kindPatch({ ...profile('family'), personsPerUnit: '6' }, 'health', 36)).toEqual({ kind: 'health' });
    expect(kindPatch(profile('adult'), 'adult', 36)).toEqual({});
  });

  it('switching to monthly numbers starts from the current pattern', () => {
    expect(patternPatch(profile(), 'explicit', [0, 5, 5, 0, 0])).toEqual({ pattern: 'explicit', monthly: [0, 5, 5] });
    expect(patternPatch({ ...profile(), monthly: [1, 2] }, 'explicit', [9])).toEqual({ pattern: 'explicit' });
    expect(patternPatch(profile(), 'front', null)).toEqual({ pattern: 'front' });
  });

  it('the monthly editor reads whole numbers, empty months as 0, and marks the bad ones', () => {
    expect(parseMonthly(['', '1 200', '3', '', ''], 'fr')).toEqual({ ok: true, value: [0, 1200, 3] });
    const bad = parseMonthly(['1', 'x', '-2'], 'en');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && Object.keys(bad.errors)).toEqual(['1', '2']);
    expect(monthlyTexts({ ...profile(), pattern: 'explicit', monthly: [0, 1200] }, 3, 'en')).toEqual(['', '1,200', '']);
  });

  it('the monthly editor opens on what the pattern gives, so saving it keeps the arrivals', () => {
    const even = {
      ...profile(),
      pattern: 'even' as const,
      arrivals: 1000,
      arrivalStart: 1,
      arrivalEnd: 3,
      monthly: [],
    };
    const texts = monthlyTexts(even, 4, 'en');
    expect(texts).toEqual(['334', '333', '333', '']);
    const saved = parseMonthly(texts, 'en');
    expect(saved.ok && saved.value.reduce((s, n) => s + n, 0)).toBe(1000);
    const back = monthlyTexts({ ...even, pattern: 'front', arrivalEnd: 2 }, 2, 'fr');
    expect(back).toEqual(['667', '333']);
  });
});

describe('month-by-month view of a line', () => {
  it('lists every month with year subtotals that add up to the line total to the cent', () => {
    const months = Array.from({ length: 14 }, (_, i) => (i % 3 === 0 ? 333 : 334));
    const quantities = Array.from({ length: 14 }, () => 0.1);
    const table = monthTable({ months, quantities }, '2025-11');
    const years = table.rows.filter((r) => r.kind === 'year');
    expect(years.map((r) => r.kind === 'year' && r.year)).toEqual([1, 2]);
    expect(years.reduce((s, r) => s + r.amount, 0)).toBe(months.reduce((s, x) => s + x, 0));
    expect(table.total.amount).toBe(months.reduce((s, x) => s + x, 0));
    expect(table.total.quantity).toBe(1.4); // no float noise
    const first = table.rows[0];
    expect(first).toMatchObject({ kind: 'month', month: 1, calendar: '2025-11' });
    expect(table.rows[12]).toMatchObject({ kind: 'year', year: 1 });
  });
});
