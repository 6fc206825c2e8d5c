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

  it('an engine told to keep one context keeps the last one only, and gives the same numbers', () => {
    const engine = createEngine({ contexts: 1 });
    const a1 = engine.compute(base).lines[0]?.months;
    expect(engine.compute(base).lines[0]?.months).toBe(a1);
    expect(engine.compute(other)).toEqual(expectOther);
    const a2 = engine.compute(base);
    expect(a2.lines[0]?.months).not.toBe(a1);
    expect(a2).toEqual(expectBase);
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

/**
 * An engine reuses buffers and memos between computes (issue 7): its plan builder (one per
 * duration), its running sums (rebuilt or updated), and its funding split shapes (valid for one set
 * of source ids). Nothing of one compute may show in the next: whatever the order, every result
 * equals a fresh engine's, to the cent and to the diagnostic.
 */
describe('an engine’s reused buffers and memos', () => {
  const big = generateModel({ lines: 400, months: 60 });
  const small = generateModel({ lines: 40, months: 13, seed: 3 });
  // Same duration as `big`, fewer lines: the same builder and sums, reused with other contents.
  const fewer = { ...big, lines: big.lines.filter((_, i) => i % 3 === 0) };
  // The same splits, but one of their sources gone: a split shape memo must not be reused.
  const sourceGone: Model = { ...big, funders: big.funders.filter((f) => f.id !== big.funders[1]?.id) };
  const fresh = (m: Model) => createEngine().compute(structuredClone(m));

  it('big, small, big again (and models of one duration with other lines) equal fresh engines', () => {
    const expected = new Map<Model, ReturnType<typeof fresh>>(
      [big, small, fewer, sourceGone].map((m) => [m, fresh(m)] as const),
    );
    expect(expected.get(sourceGone)?.diagnostics.some((d) => d.code === 'funding.unknownFunder')).toBe(true);
    expect(expected.get(fewer)?.totals.total).not.toBe(expected.get(big)?.totals.total);
    const engine = createEngine();
    for (const m of [big, small, big, fewer, big, sourceGone, big, small, sourceGone, fewer]) {
      expect(engine.compute(m)).toEqual(expected.get(m));
    }
    // Copies (nothing reused from the line cache) after all that, on the same engine.
    for (const m of [small, big, sourceGone]) expect(engine.compute(structuredClone(m))).toEqual(expected.get(m));
  });

  it('the exact path (no fast path) reuses the same buffers without leaking either', () => {
    const engine = createEngine({ fastPath: false });
    const expectBig = createEngine({ fastPath: false }).compute(structuredClone(big));
    const expectSmall = createEngine({ fastPath: false }).compute(structuredClone(small));
    expect(engine.compute(big)).toEqual(expectBig);
    expect(engine.compute(small)).toEqual(expectSmall);
    expect(engine.compute(structuredClone(big))).toEqual(expectBig);
  });
});
