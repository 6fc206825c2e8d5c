/**
 * Scenarios' seam (src-shared/engine/resolve.ts, issue 10): baseline + overlay → the model compute()
 * takes. An empty overlay is the baseline itself; what an overlay does not touch stays the same
 * objects; an override that no longer fits is reported, never thrown; the baseline is never changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleModel } from '../../src-main/sample/sample-model';
import { compute, createEngine, type Overlay, resolve, resolveScenario } from '../../src-shared/engine';
import type { BudgetLine } from '../../src-shared/model';

const baseline = sampleModel();
const frozen = structuredClone(baseline);
const line = (id: string): BudgetLine => {
  const l = baseline.lines.find((x) => x.id === id);
  if (!l) throw new Error(id);
  return l;
};
const total = (m: typeof baseline, id: string) => compute(m).lines.find((l) => l.lineId === id)?.total ?? 0;

describe('resolve (scenario overlays)', () => {
  it('an empty overlay, or one that only repeats the baseline, is the baseline itself', () => {
    expect(resolve(baseline, {})).toBe(baseline);
    const same: Overlay = {
      programme: { indirectRate: baseline.programme.indirectRate },
      profiles: { 'p-adult': { arrivals: baseline.profiles[0]?.arrivals } },
      lines: { 'ind-tvet': { unitCost: line('ind-tvet').unitCost } },
      synergies: { 'sy-health-scheme': { confidence: null } },
    };
    expect(resolveScenario(baseline, same)).toEqual({ model: baseline, missing: [] });
    expect(resolveScenario(baseline, same).model).toBe(baseline);
  });

  it('a unit cost changes that line only; the others stay the same objects, and the baseline is untouched', () => {
    const m = resolve(baseline, { lines: { 'ind-tvet': { unitCost: 2 * line('ind-tvet').unitCost } } });
    expect(m).not.toBe(baseline);
    m.lines.forEach((l, i) => {
      if (l.id === 'ind-tvet') expect(l).not.toBe(baseline.lines[i]);
      else expect(l).toBe(baseline.lines[i]);
    });
    expect(m.programme).toBe(baseline.programme);
    expect(m.profiles).toBe(baseline.profiles);
    // Twice the unit cost: the line's gross doubles (its budget total too, to a cent per month).
    const before = compute(baseline).synergies.lines.find((l) => l.lineId === 'ind-tvet');
    const after = compute(m).synergies.lines.find((l) => l.lineId === 'ind-tvet');
    const sum = (xs: readonly number[] = []) => xs.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum(after?.gross) - 2 * sum(before?.gross))).toBeLessThanOrEqual(36);
    expect(baseline).toEqual(frozen);
  });

  it('20 % fewer arrivals, and a 10 % weaker local currency with more inflation (the sample’s scenarios to come)', () => {
    const fewer = resolve(baseline, {
      profiles: Object.fromEntries(baseline.profiles.map((p) => [p.id, { arrivals: Math.round(p.arrivals * 0.8) }])),
    });
    expect(compute(fewer).metrics.returneesAssisted).toBeLessThan(compute(baseline).metrics.returneesAssisted);
    expect(compute(fewer).totals.total).toBeLessThan(compute(baseline).totals.total);
    const xof = baseline.currencies[0];
    const weaker = resolve(baseline, {
      currencies: { XOF: { rates: (xof?.rates ?? []).map((r) => String(Number(r) * 1.1)), inflation: '0.06' } },
    });
    // A line in EUR is unchanged; one in XOF costs less in EUR in year 1 (10 % more XOF to the euro).
    const eurLine = baseline.lines.find((l) => l.currency === 'EUR' && l.driver.kind !== 'percentage');
    expect(eurLine && total(weaker, eurLine.id)).toBe(eurLine && total(baseline, eurLine.id));
    expect(total(weaker, 'ind-arrival-cash')).toBeLessThan(total(baseline, 'ind-arrival-cash'));
    expect(baseline).toEqual(frozen);
  });

  it('a line turned off is not there: the percentage lines and synergies that named it no longer do, with no finding about it', () => {
    const withPct = {
      ...baseline,
      lines: baseline.lines.map((l) =>
        l.id === 'sup-me' && l.driver.kind === 'percentage'
          ? { ...l, driver: { ...l.driver, lineIds: ['str-officers'] } }
          : l,
      ),
    };
    const off = resolveScenario(withPct, { lines: { 'str-officers': { off: true } } });
    expect(off.missing).toEqual([]);
    expect(off.model.lines.some((l) => l.id === 'str-officers')).toBe(false);
    const me = off.model.lines.find((l) => l.id === 'sup-me');
    expect(me?.driver.kind === 'percentage' && me.driver.lineIds).toEqual([]);
    expect(off.model.synergies.find((s) => s.id === 'sy-handover-officers')?.lineIds).toEqual([]);
    expect(compute(off.model).diagnostics.filter((d) => d.params?.['target'] === 'str-officers')).toEqual([]);
  });

  it('a synergy turned off is not there (its partner stays); a confidence override applies', () => {
    const m = resolve(baseline, {
      synergies: { 'sy-referral-tvet': { off: true }, 'sy-health-scheme': { confidence: '1' } },
    });
    expect(m.synergies.map((s) => s.id)).not.toContain('sy-referral-tvet');
    expect(m.partners).toBe(baseline.partners);
    expect(m.synergies.find((s) => s.id === 'sy-health-scheme')?.confidence).toBe('1');
    // Without the referral, the programme delivers the training itself: the budget grows.
    expect(compute(m).totals.direct).toBeGreaterThan(compute(baseline).totals.direct);
  });

  it('lines of the scenario only come after their level’s lines; an id the baseline uses is left out and reported', () => {
    const extra: BudgetLine = { ...line('ind-tvet'), id: 'scenario-extra', position: 0 };
    const clash: BudgetLine = { ...line('ind-tvet'), position: 0 };
    const r = resolveScenario(baseline, { addedLines: [extra, clash] });
    expect(r.missing).toEqual([{ kind: 'addedLine', id: 'ind-tvet' }]);
    const individual = r.model.lines.filter((l) => l.level === 'individual');
    expect(individual.at(-1)).toMatchObject({ id: 'scenario-extra', position: individual.length - 1 });
    expect(total(r.model, 'scenario-extra')).toBe(
      total(baseline, 'ind-tvet') + compute(baseline).lines.find((l) => l.lineId === 'ind-tvet')!.partnerDelivered,
    );
  });

  it('overrides of what the baseline no longer has are reported, never thrown', () => {
    const r = resolveScenario(baseline, {
      profiles: { gone: { arrivals: 1 } },
      currencies: { GBP: { inflation: '0.1' } },
      lines: { 'no-line': { unitCost: 1 }, 'no-line-2': { off: true } },
      synergies: { 'no-synergy': { off: true } },
    });
    expect(r.missing).toEqual([
      { kind: 'profile', id: 'gone' },
      { kind: 'currency', id: 'GBP' },
      { kind: 'line', id: 'no-line' },
      { kind: 'line', id: 'no-line-2' },
      { kind: 'synergy', id: 'no-synergy' },
    ]);
    expect(r.model.lines).toBe(baseline.lines);
  });

  it('one engine computing a baseline and a scenario in turn gives what fresh engines give', () => {
    const ids = baseline.lines.filter((l) => l.driver.kind !== 'percentage').map((l) => l.id);
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        (id, unitCost, arrivals) => {
          const scenario = resolve(baseline, {
            lines: { [id]: { unitCost } },
            profiles: { 'p-adult': { arrivals } },
          });
          const engine = createEngine();
          for (const m of [baseline, scenario, baseline, scenario]) {
            expect(engine.compute(m)).toEqual(createEngine().compute(m));
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
