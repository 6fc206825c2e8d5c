/**
 * Comparing scenarios (src-shared/engine/compare.ts, issue 10 item 3): the bridge's steps add up
 * exactly to the difference they explain; a scenario compared with itself has no delta; lowered
 * arrivals and a raised unit cost both show in the differing lines, each with its cause.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleModel } from '../../src-main/sample/sample-model';
import {
  bridge,
  compareScenarios,
  compareTotals,
  compute,
  type ComputeResult,
  createEngine,
  differingLines,
  type Engine,
  type Overlay,
  resolve,
} from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';

const baseline = sampleModel();
const fewer: Overlay = {
  profiles: Object.fromEntries(baseline.profiles.map((p) => [p.id, { arrivals: Math.round(p.arrivals * 0.8) }])),
};
const dearer: Overlay = {
  lines: { 'ind-tvet': { unitCost: 500_000 } },
  currencies: { XOF: { inflation: '0.06' } },
};
const both: Overlay = { ...fewer, ...dearer };

describe('compare', () => {
  it('a scenario against itself: every delta is 0, no line differs', () => {
    const r = compute(resolve(baseline, both));
    for (const row of compareTotals([r, r])) expect(row.deltas).toEqual([0, 0]);
    expect(differingLines([r, r], [both, both])).toEqual([]);
  });

  it('fewer arrivals and a dearer line: the totals move by what each result says, and both show with their cause', () => {
    const a = compute(baseline);
    const b = compute(resolve(baseline, both));
    const rows = compareTotals([a, b]);
    const total = rows.find((x) => x.key === 'total');
    expect(total?.deltas[1]).toBe(b.totals.total - a.totals.total);
    const level = rows.find((x) => x.key === 'level:individual');
    expect(level?.values).toEqual([a.byLevel.individual, b.byLevel.individual]);
    const lines = differingLines([a, b], [{}, both]);
    expect(lines.find((l) => l.lineId === 'ind-tvet')?.causes).toEqual(['unitCost']);
    // A line paid per arrival moves with the caseload: not one of its own overrides.
    expect(lines.find((l) => l.lineId === 'ind-arrival-cash')?.causes).toEqual(['other']);
    // Every line whose months differ is listed, and only those.
    const differ = a.lines.filter((l) => {
      const o = b.lines.find((x) => x.lineId === l.lineId);
      return !o || o.months.some((v, m) => v !== l.months[m]);
    });
    expect(lines.map((l) => l.lineId).sort()).toEqual(differ.map((l) => l.lineId).sort());
  });

  it('the bridge from the baseline to a scenario goes by cause, and its steps add up exactly', () => {
    const br = bridge(baseline, {}, both);
    expect(br.from).toBe(compute(baseline).totals.total);
    expect(br.to).toBe(compute(resolve(baseline, both)).totals.total);
    expect(br.steps.map((s) => s.cause)).toEqual(['caseload', 'rates', 'unitCosts', 'lines', 'synergies']);
    expect(br.steps.reduce((s, x) => s + x.amount, 0)).toBe(br.to - br.from);
    // Fewer arrivals cost less; a dearer line costs more; nothing changed the lines or synergies.
    expect(br.steps[0]?.amount).toBeLessThan(0);
    expect(br.steps[2]?.amount).toBeGreaterThan(0);
    expect(br.steps[3]?.amount).toBe(0);
    expect(br.steps[4]?.amount).toBe(0);
  });

  it('between two random scenarios, the steps add up exactly to the difference', () => {
    const ids = baseline.lines.filter((l) => l.driver.kind !== 'percentage').map((l) => l.id);
    const scenario = fc.record({
      arrivals: fc.integer({ min: 0, max: 1500 }),
      line: fc.constantFrom(...ids),
      unitCost: fc.integer({ min: 0, max: 3_000_000 }),
      off: fc.constantFrom(...ids),
      indirect: fc.constantFrom('0.05', '0.07', '0.1'),
      referralOff: fc.boolean(),
    });
    const overlay = (s: {
      arrivals: number;
      line: string;
      unitCost: number;
      off: string;
      indirect: string;
      referralOff: boolean;
    }): Overlay => ({
      profiles: { 'p-adult': { arrivals: s.arrivals } },
      programme: { indirectRate: s.indirect },
      lines: { [s.line]: { unitCost: s.unitCost }, [s.off]: { off: true } },
      synergies: s.referralOff ? { 'sy-referral-tvet': { off: true } } : {},
    });
    fc.assert(
      fc.property(scenario, scenario, (x, y) => {
        const br = bridge(baseline, overlay(x), overlay(y));
        expect(br.steps.reduce((s, st) => s + st.amount, 0)).toBe(br.to - br.from);
        expect(br.from).toBe(compute(resolve(baseline, overlay(x))).totals.total);
        expect(br.to).toBe(compute(resolve(baseline, overlay(y))).totals.total);
      }),
      { numRuns: 12 },
    );
  });

  it('a cause both scenarios override alike is a step of 0, without a compute', () => {
    const computed: Model[] = [];
    const inner = createEngine();
    const counting: Engine = {
      compute: (m: Model): ComputeResult => {
        computed.push(m);
        return inner.compute(m);
      },
      outcome: (m: Model) => {
        computed.push(m);
        return inner.outcome(m);
      },
    };
    // From the baseline to fewer arrivals: the baseline, then the caseload step; the 4 others are 0.
    const br = bridge(baseline, {}, fewer, counting);
    expect(computed).toHaveLength(2);
    expect(br.steps.slice(1).map((s) => s.amount)).toEqual([0, 0, 0, 0]);
    expect(br.to).toBe(compute(resolve(baseline, fewer)).totals.total);
    // Between two scenarios that share their caseload, the caseload step is 0.
    computed.length = 0;
    const shared = bridge(baseline, fewer, both, counting);
    expect(shared.steps[0]).toEqual({ cause: 'caseload', amount: 0 });
    expect(computed).toHaveLength(3); // from, rates, unit costs
    expect(shared.to - shared.from).toBe(shared.steps.reduce((s, x) => s + x.amount, 0));
  });

  it('compareScenarios: each result, the totals, the lines and the bridges are what each call alone gives', () => {
    const overlays: Overlay[] = [{}, fewer, dearer, both, { lines: { 'ind-tvet': { off: true } } }];
    const computed: Model[] = [];
    const inner = createEngine();
    const counting: Engine = {
      compute: (m: Model): ComputeResult => {
        computed.push(m);
        return inner.compute(m);
      },
      outcome: (m: Model) => {
        computed.push(m);
        return inner.outcome(m);
      },
    };
    const c = compareScenarios(baseline, overlays, counting);
    const alone = overlays.map((o) => createEngine().compute(resolve(baseline, o)));
    expect(c.results).toEqual(alone);
    expect(c.totals).toEqual(compareTotals(alone));
    expect(c.lines).toEqual(differingLines(alone, overlays));
    expect(c.bridges).toEqual(overlays.slice(1).map((o) => bridge(baseline, {}, o)));
    // Each bridge's last step is its scenario: the same model object as its result's.
    const seen = new Set(computed);
    expect(seen.size).toBeLessThan(computed.length);
    expect(compareScenarios(baseline, []).bridges).toEqual([]);
  });
});
