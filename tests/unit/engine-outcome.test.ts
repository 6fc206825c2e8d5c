/**
 * Engine.outcome(model): compute(model)'s total and net cost, computed without what only the full
 * result holds (tornado, bridges and Monte-Carlo draws read nothing else). Exactly the same numbers
 * on random programmes with synergies of every type, the sample, the templates and scenarios; and an
 * engine that does both in any order still gives a fresh engine's full results.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleModel } from '../../src-main/sample/sample-model';
import { TEMPLATE_IDS, templateModel } from '../../src-main/sample/templates';
import { createEngine, type Overlay, resolve } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';
import { generateModel, withSynergies } from '../bench/generate';

function totalAndNet(m: Model): { total: number; net: number } {
  const r = createEngine().compute(structuredClone(m));
  return { total: r.totals.total, net: r.synergies.totals.net };
}

/** Scenarios of `base` that keep its context (a unit cost, a synergy) or not (rates, caseload), or drop lines. */
function variants(base: Model): Model[] {
  const costed = base.lines.filter((l) => l.driver.kind !== 'percentage');
  const first = costed[0];
  const overlays: Overlay[] = [
    first ? { lines: { [first.id]: { unitCost: first.unitCost * 2 + 1 } } } : {},
    { programme: { indirectRate: '0.11', inflation: '0.045' } },
    {
      profiles: Object.fromEntries(
        base.profiles.filter((p) => p.pattern !== 'explicit').map((p) => [p.id, { arrivals: p.arrivals + 7 }]),
      ),
    },
    { lines: Object.fromEntries(costed.filter((_, i) => i % 5 === 2).map((l) => [l.id, { off: true as const }])) },
    base.synergies[0] ? { synergies: { [base.synergies[0].id]: { confidence: '0.35' } } } : {},
    base.synergies[1] ? { synergies: { [base.synergies[1].id]: { off: true as const } } } : {},
  ];
  return overlays.map((o) => resolve(base, o));
}

describe('Engine.outcome', () => {
  it('gives compute()’s total and net cost on random programmes with synergies of every type', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 6, max: 120 }),
        fc.integer({ min: 12, max: 72 }),
        fc.integer({ min: 0, max: 40 }),
        (seed, lines, months, synergies) => {
          const model = withSynergies(generateModel({ lines, months, seed }), synergies, seed);
          expect(createEngine().outcome(model)).toEqual(totalAndNet(model));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('on the sample and every template, and on their scenarios', () => {
    const models = [sampleModel(), ...TEMPLATE_IDS.map((id) => templateModel(id, '2027-01'))];
    for (const m of models) {
      expect(createEngine().outcome(m)).toEqual(totalAndNet(m));
      for (const v of variants(m)) expect(createEngine().outcome(v)).toEqual(totalAndNet(v));
    }
  });

  it('one engine doing full computes and outcomes in any order gives a fresh engine’s results', () => {
    const base = withSynergies(generateModel({ lines: 120, months: 36, seed: 5 }), 12, 5);
    const models = [base, ...variants(base)];
    const full = models.map((m) => createEngine().compute(structuredClone(m)));
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat({ max: models.length - 1 }), outcome: fc.boolean() }), {
          minLength: 4,
          maxLength: 24,
        }),
        (steps) => {
          const engine = createEngine();
          for (const { at, outcome } of steps) {
            const m = models[at] as Model;
            const expected = full[at];
            if (outcome) {
              expect(engine.outcome(m)).toEqual({
                total: expected?.totals.total,
                net: expected?.synergies.totals.net,
              });
            } else {
              expect(engine.compute(m)).toEqual(expected);
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
