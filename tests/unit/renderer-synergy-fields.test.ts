/** The Partners screen's parameter fields: ratios as people write them, percentages, caps, shares per year. */
import { describe, expect, it } from 'vitest';
import { parseRatio } from '../../src-shared/money';
import { defaultEffect } from '../../src-shared/model';
import { paramFields, paramText, parseParam } from '../../src-renderer/features/partners/synergyFields';

describe('matching ratios', () => {
  it('reads 1+1, 50/50, 25/75, 1×3 and 1:3, the programme’s part first', () => {
    expect(parseRatio('1+1', 'en')).toEqual({ ok: true, value: { programmePart: '1', partnerPart: '1' } });
    expect(parseRatio(' 50 / 50 ', 'en')).toEqual({ ok: true, value: { programmePart: '50', partnerPart: '50' } });
    expect(parseRatio('25/75', 'fr')).toEqual({ ok: true, value: { programmePart: '25', partnerPart: '75' } });
    expect(parseRatio('1×3', 'en')).toEqual({ ok: true, value: { programmePart: '1', partnerPart: '3' } });
    expect(parseRatio('1x3', 'en')).toEqual({ ok: true, value: { programmePart: '1', partnerPart: '3' } });
    expect(parseRatio('1,5:1', 'fr')).toEqual({ ok: true, value: { programmePart: '1.5', partnerPart: '1' } });
  });

  it('refuses "1+", "0/50", "a+b" and three parts, quoting what was typed', () => {
    for (const bad of ['1+', '0/50', 'a+b', '1+1+1', '', '-1+1']) {
      expect(parseRatio(bad, 'en'), bad).toMatchObject({
        ok: false,
        code: 'number.ratio',
        params: { input: bad.trim() },
      });
    }
  });
});

describe('synergy parameters', () => {
  it('each type shows its own fields', () => {
    expect(paramFields(defaultEffect('referral'))).toEqual(['share', 'uptake', 'capacity', 'coordinationCost']);
    expect(paramFields(defaultEffect('matching'))).toEqual(['ratio', 'capPerGrant', 'collectiveCap']);
    expect(paramFields({ type: 'coFinancing', basis: 'amount', share: '0', amount: 0 })).toEqual(['amount']);
  });

  it('shows and reads percentages, money, caps and shares per year in the user’s locale', () => {
    const referral = defaultEffect('referral');
    expect(paramText(referral, 'uptake', 'fr', 'EUR')).toBe('22,8');
    const r = parseParam(referral, 'coordinationCost', '1 250,50', 'fr', 'EUR');
    expect(r).toEqual({ ok: true, effect: { ...referral, coordinationCost: 125050 } });
    expect(parseParam(referral, 'capacity', '', 'en', 'EUR')).toEqual({
      ok: true,
      effect: { ...referral, capacity: null },
    });
    expect(parseParam(referral, 'share', '120', 'en', 'EUR')).toMatchObject({ ok: false, code: 'number.outOfRange' });

    const handover = defaultEffect('handover');
    expect(paramText(handover, 'shares', 'en', 'EUR')).toBe('0 / 50 / 100');
    expect(parseParam(handover, 'shares', '0 / 25 / 75 / 100', 'en', 'EUR')).toEqual({
      ok: true,
      effect: { type: 'handover', shares: ['0', '0.25', '0.75', '1'] },
    });
    expect(parseParam(handover, 'shares', '0 / 50x', 'en', 'EUR')).toMatchObject({ ok: false });

    const matching = defaultEffect('matching');
    expect(paramText(matching, 'ratio', 'en', 'EUR')).toBe('1:1');
    expect(parseParam(matching, 'ratio', '25/75', 'en', 'EUR')).toMatchObject({
      ok: true,
      effect: { programmePart: '25', partnerPart: '75' },
    });
    expect(parseParam(matching, 'capPerGrant', '800', 'en', 'XOF')).toMatchObject({
      ok: true,
      effect: { capPerGrant: 800 },
    });
  });
});
