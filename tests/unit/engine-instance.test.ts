/**
 * The engine as an instance (issue 7): caches of its own, several contexts per line (a baseline and
 * a scenario computed in turn each keep their lines), never a different cent than a fresh engine.
 */
import { describe, expect, it } from 'vitest';
import { compute, createEngine, EMPTY_OVERLAY, resolve } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';
import { generateModel } from '../bench/generate';

function scenario(base: Model): Model {
  // A changed exchange rate: every line in that currency is recomputed, the others are not.
  return {
    ...base,
    currencies: base.currencies.map((c, i) => (i === 0 ? { ...c, rates: c.rates.map(() => '700') } : c)),
  };
}

describe('createEngine', () => {
  const base = generateModel({ lines: 300, months: 36 });
  const other = scenario(base);
  const expectBase = createEngine().compute(structuredClone(base));
  const expectOther = createEngine().compute(structuredClone(other));

  it('gives exactly what a fresh engine gives, alternating two models that share lines', () => {
    expect(expectOther.totals.total).not.toBe(expectBase.totals.total);
    const engine = createEngine();
    for (let i = 0; i < 6; i++) {
      expect(engine.compute(base)).toEqual(expectBase);
      expect(engine.compute(other)).toEqual(expectOther);
    }
    expect(compute(base)).toEqual(expectBase);
  });

  it('keeps both models’ lines: alternating costs about what repeating one model costs', () => {
    const engine = createEngine();
    engine.compute(base);
    engine.compute(other);
    // A line of each model keeps its amounts: the result objects' month arrays are reused.
    const a1 = engine.compute(base).lines[0]?.months;
    const b1 = engine.compute(other).lines[0]?.months;
    expect(engine.compute(base).lines[0]?.months).toBe(a1);
    expect(engine.compute(other).lines[0]?.months).toBe(b1);
  });

  it('two engines share nothing', () => {
    const one = createEngine();
    const two = createEngine();
    const a = one.compute(base).lines[0]?.months;
    expect(two.compute(base).lines[0]?.months).not.toBe(a);
    expect(two.compute(base).lines[0]?.months).toEqual(a);
  });

  it('resolve with an empty overlay gives the baseline itself', () => {
    expect(resolve(base, EMPTY_OVERLAY)).toBe(base);
  });
});
