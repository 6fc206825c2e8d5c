/**
 * What the Sensitivity & uncertainty screen puts in words and checks
 * (src-renderer/features/sensitivity/parameters.ts): key parameters and their values in words,
 * the tornado's bars, ranges typed in percent kept as exact factors (refused when out of order or
 * out of 0..10×), and the ± x %, draws and seed fields' checks.
 */
import { describe, expect, it } from 'vitest';
import { sampleModel } from '../../src-main/sample/sample-model';
import { compute, keyParameters } from '../../src-shared/engine';
import type { TornadoOutcome } from '../../src-renderer/document/analysisCore';
import { translator } from '../../src-renderer/i18n';
import {
  checkDraws,
  checkMove,
  checkSeed,
  editRange,
  factorToPercentText,
  parameterLabel,
  parameterOf,
  parameterValue,
  percentToFactor,
  tornadoBars,
} from '../../src-renderer/features/sensitivity/parameters';

const en = translator('en');
const fr = translator('fr');
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const sample = sampleModel();

describe('sensitivity: parameters in words', () => {
  const params = keyParameters(sample, compute(sample));
  it('every key parameter has a name and a value in words', () => {
    const byId = (id: string) => params.find((p) => p.id === id) ?? parameterOf(id);
    const adult = sample.profiles.find((p) => p.id === 'p-adult');
    const p = (id: string) => {
      const x = byId(id);
      if (!x) throw new Error(id);
      return x;
    };
    expect(parameterLabel(p('arrivals:p-adult'), sample, en)).toBe(`Arrivals — ${adult?.name}`);
    expect(parameterLabel(p('duration:p-adult'), sample, fr)).toBe(`Durée de l’accompagnement — ${adult?.name}`);
    expect(parameterLabel(p('exchangeRate:XOF'), sample, en)).toBe('Exchange rate — XOF');
    expect(parameterLabel(p('inflation:EUR'), sample, en)).toBe('Inflation — EUR');
    expect(parameterLabel(p('indirectRate:'), sample, en)).toBe('Indirect-cost rate');
    expect(parameterLabel(p('contingencyRate:'), sample, en)).toBe('Contingency rate');
    expect(parameterLabel(p('unitCost:ind-economic-inkind'), sample, en)).toBe(
      `Unit cost — ${sample.lines.find((l) => l.id === 'ind-economic-inkind')?.name}`,
    );
    expect(parameterLabel(p('confidence:sy-handover-officers'), sample, en)).toBe(
      `Confidence — ${sample.synergies.find((s) => s.id === 'sy-handover-officers')?.name}`,
    );
    expect(parameterLabel(p('unitCost:gone'), sample, en)).toBe('Unit cost — (no longer in the programme)');
    for (const x of params) {
      expect(parameterLabel(x, sample, en)).not.toMatch(/[{}]/);
      expect(parameterValue(x, sample, 'en', en)).not.toBe('—');
    }
    expect(parameterValue(p('exchangeRate:XOF'), sample, 'en', en)).toBe('655.957');
    expect(nb(parameterValue(p('indirectRate:'), sample, 'fr', fr))).toBe('7 %');
    expect(parameterValue(p('duration:p-adult'), sample, 'en', en)).toBe(`${adult?.durationMonths} months`);
    expect(parameterOf('nonsense')).toBeNull();
  });

  it('tornado bars: the changes from the base, without the parameters that move nothing, largest first', () => {
    const [a, b, c] = params as [(typeof params)[0], (typeof params)[0], (typeof params)[0]];
    const value: TornadoOutcome = {
      currency: 'EUR',
      percent: '20',
      base: { total: 1000, net: 900 },
      params,
      hasSynergies: true,
      rows: [
        { parameter: a, low: { total: 990, net: 900 }, high: { total: 1010, net: 900 }, swing: 20 },
        { parameter: b, low: { total: 1000, net: 800 }, high: { total: 1000, net: 1000 }, swing: 0 },
        { parameter: c, low: { total: 1050, net: 950 }, high: { total: 960, net: 860 }, swing: 90 },
      ],
    };
    const label = (r: TornadoOutcome['rows'][number]) => r.parameter.id;
    expect(tornadoBars(value, 'total', label)).toEqual([
      { id: c.id, name: c.id, down: 50, up: -40 },
      { id: a.id, name: a.id, down: -10, up: 10 },
    ]);
    expect(tornadoBars(value, 'net', label).map((x) => x.id)).toEqual([b.id, c.id]);
  });
});

describe('uncertainty: ranges in percent, kept as factors', () => {
  it('percent of the value to an exact factor, and back', () => {
    const f = (text: string, locale: 'en' | 'fr' = 'en') => {
      const r = percentToFactor(text, locale, en);
      return r.ok ? r.factor : null;
    };
    expect(f('-20')).toBe('0.8');
    expect(f('\u221220 %')).toBe('0.8');
    expect(f('+10')).toBe('1.1');
    expect(f('10')).toBe('1.1');
    expect(f('0')).toBe('1');
    expect(f('')).toBe('1');
    expect(f('-12,5', 'fr')).toBe('0.875');
    expect(f('+0.0001')).toBe('1.000001');
    expect(f('-100')).toBe('0');
    expect(f('+900')).toBe('10');
    expect(f('+900.5')).toBeNull();
    expect(f('-101')).toBeNull();
    expect(f('+0.00001')).toBeNull();
    expect(f('abc')).toBeNull();
    expect(factorToPercentText('0.8', 'en')).toBe('\u221220');
    expect(factorToPercentText('1.1', 'en')).toBe('+10');
    expect(factorToPercentText('1', 'en')).toBe('0');
    expect(factorToPercentText('0.875', 'fr')).toBe('\u221212,5');
    expect(factorToPercentText('10', 'en')).toBe('+900');
  });

  it('low ≤ likely ≤ high, said at the field typed in; 0 / 0 / 0 takes the range away', () => {
    const none = { id: 'arrivals:p-adult', low: '1', likely: '1', high: '1' };
    expect(editRange(none, 'low', '-20', 'en', en)).toEqual({ ok: true, range: { ...none, low: '0.8' } });
    expect(editRange(none, 'low', '+10', 'en', en)).toEqual({
      ok: false,
      message: 'Low is above likely. Keep low ≤ likely ≤ high.',
    });
    expect(editRange(none, 'high', '-5', 'en', en)).toEqual({
      ok: false,
      message: 'High is below likely. Keep low ≤ likely ≤ high.',
    });
    const r = { ...none, low: '0.8', high: '1.2' };
    expect(editRange(r, 'likely', '+30', 'en', en)).toMatchObject({ ok: false });
    expect(editRange(r, 'likely', '+10', 'en', en)).toEqual({ ok: true, range: { ...r, likely: '1.1' } });
    expect(editRange({ ...none, low: '0.8' }, 'low', '0', 'en', en)).toEqual({ ok: true, range: null });
    expect(editRange(none, 'high', '+1000', 'en', en)).toMatchObject({ ok: false });
  });

  it('± x %: above 0, at most 100; draws 1 to 1,000,000; seed 0 to 4,294,967,295', () => {
    expect(checkMove('20', 'en', en)).toEqual({ ok: true, value: '20' });
    expect(checkMove('12,5 %', 'fr', fr)).toEqual({ ok: true, value: '12.5' });
    expect(checkMove('100', 'en', en)).toEqual({ ok: true, value: '100' });
    for (const bad of ['0', '-5', '100.5', '', 'x']) expect(checkMove(bad, 'en', en).ok, bad).toBe(false);
    expect(checkDraws('1,000,000', 'en', 1_000_000, en)).toEqual({ ok: true, value: 1_000_000 });
    expect(checkDraws('1 000 000', 'fr', 1_000_000, fr)).toEqual({ ok: true, value: 1_000_000 });
    expect(checkDraws('1', 'en', 1_000_000, en)).toEqual({ ok: true, value: 1 });
    expect(checkDraws('0', 'en', 1_000_000, en)).toEqual({
      ok: false,
      message: 'Enter a whole number of draws from 1 to 1,000,000.',
    });
    for (const bad of ['10000000', '1000001', '2.5', '-3', '']) {
      expect(checkDraws(bad, 'en', 1_000_000, en).ok, bad).toBe(false);
    }
    expect(checkSeed('0', 'en', 4_294_967_295, en)).toEqual({ ok: true, value: 0 });
    expect(checkSeed('4294967295', 'en', 4_294_967_295, en)).toEqual({ ok: true, value: 4_294_967_295 });
    for (const bad of ['4294967296', '-1', '1.5']) expect(checkSeed(bad, 'en', 4_294_967_295, en).ok, bad).toBe(false);
  });
});
