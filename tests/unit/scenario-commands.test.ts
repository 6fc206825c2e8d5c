/**
 * The scenario commands (src-shared/commands/scenarios.ts, issue 10 item 2): an edit in a scenario
 * writes an override and never the baseline; what is the same in every scenario is refused on its
 * field; an override back at the baseline's value is gone; promote makes the baseline compute what
 * the scenario computed; ranges are checked (low ≤ likely ≤ high).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleModel } from '../../src-main/sample/sample-model';
import { ApiFailure, type Command } from '../../src-shared/api';
import { applyWrites, planCommand, stateOf, writesOf } from '../../src-shared/commands';
import { compareTotals, compute, resolve, resolveScenario } from '../../src-shared/engine';
import type { Model, Overlay } from '../../src-shared/model';

function run(model: Model, cmd: Command): Model {
  return applyWrites(model, writesOf(planCommand(stateOf(model), cmd).changes, 'after'));
}

function refusal(model: Model, cmd: Command): Record<string, string> | undefined {
  try {
    planCommand(stateOf(model), cmd);
  } catch (e) {
    if (e instanceof ApiFailure) return e.fields ?? { _: e.code };
    throw e;
  }
  throw new Error(`${cmd.type} was not refused`);
}

/** The sample without its own scenarios and ranges: these tests start from none. */
function bareSample(): Model {
  return { ...sampleModel(), scenarios: [], ranges: [] };
}

function withScenario(overlay: Overlay = {}): Model {
  const m = bareSample();
  return { ...m, scenarios: [{ id: 'sc', position: 0, name: 'Fewer arrivals', description: '', overlay }] };
}

const scenarioOf = (m: Model) => m.scenarios.find((s) => s.id === 'sc');
const edit = (command: Extract<Command, { type: 'scenario.edit' }>['command']): Command => ({
  type: 'scenario.edit',
  scenario: 'sc',
  command,
});

describe('scenario commands', () => {
  it('a new scenario has no override and computes exactly as the baseline; names are unique and never "Baseline"', () => {
    const m0 = bareSample();
    const m1 = run(m0, {
      type: 'scenario.add',
      id: 'a',
      fields: { name: 'Lean staffing', description: 'One officer less.' },
    });
    expect(m1.scenarios).toEqual([
      { id: 'a', position: 0, name: 'Lean staffing', description: 'One officer less.', overlay: {} },
    ]);
    expect(resolve(m1, m1.scenarios[0]!.overlay)).toBe(m1);
    expect(
      refusal(m1, { type: 'scenario.add', id: 'b', fields: { name: ' lean STAFFING ', description: '' } }),
    ).toEqual({
      name: 'scenario.nameTaken',
    });
    expect(refusal(m1, { type: 'scenario.add', id: 'b', fields: { name: 'Baseline', description: '' } })).toEqual({
      name: 'scenario.reservedName',
    });
    expect(refusal(m1, { type: 'scenario.add', id: 'a', fields: { name: 'Other', description: '' } })).toEqual({
      id: 'id.taken',
    });
    // Renaming to its own name (another case) is fine; to another scenario's is not.
    const m2 = run(m1, { type: 'scenario.add', id: 'b', fields: { name: 'Weak franc', description: '' } });
    expect(refusal(m2, { type: 'scenario.update', id: 'b', patch: { name: 'Lean staffing' } })).toEqual({
      name: 'scenario.nameTaken',
    });
    const m3 = run(m2, { type: 'scenario.update', id: 'b', patch: { name: 'WEAK franc', description: 'XOF −10 %' } });
    expect(m3.scenarios[1]).toMatchObject({ name: 'WEAK franc', description: 'XOF −10 %', overlay: {} });
  });

  it('an edit in a scenario writes an override, not the baseline; back at the baseline value, the override is gone', () => {
    const m0 = withScenario();
    const tvet = m0.lines.find((l) => l.id === 'ind-tvet')!;
    const m1 = run(m0, edit({ type: 'line.update', id: 'ind-tvet', patch: { unitCost: tvet.unitCost + 10_000 } }));
    expect(m1.lines).toBe(m0.lines);
    expect(scenarioOf(m1)?.overlay).toEqual({ lines: { 'ind-tvet': { unitCost: tvet.unitCost + 10_000 } } });
    const m2 = run(m1, edit({ type: 'profile.update', id: 'p-adult', patch: { arrivals: 400 } }));
    expect(m2.profiles).toBe(m0.profiles);
    expect(scenarioOf(m2)?.overlay.profiles).toEqual({ 'p-adult': { arrivals: 400 } });
    // Computed: the scenario costs more on that line, the baseline is what it was.
    const scenario = resolve(m2, scenarioOf(m2)!.overlay);
    expect(compute(scenario).totals.total).not.toBe(compute(m0).totals.total);
    expect(compute(m2).totals).toEqual(compute(m0).totals);
    // Back to the baseline's value: no override left of it.
    const m3 = run(m2, edit({ type: 'line.update', id: 'ind-tvet', patch: { unitCost: tvet.unitCost } }));
    expect(scenarioOf(m3)?.overlay).toEqual({ profiles: { 'p-adult': { arrivals: 400 } } });
    // The same edit again changes nothing (no undo step).
    expect(
      planCommand(stateOf(m3), edit({ type: 'profile.update', id: 'p-adult', patch: { arrivals: 400 } })).changes,
    ).toEqual([]);
  });

  it('what is the same in every scenario is refused on its field, and a bad value as in the baseline', () => {
    const m = withScenario();
    expect(refusal(m, edit({ type: 'line.update', id: 'ind-tvet', patch: { name: 'Renamed' } }))).toEqual({
      name: 'scenario.baselineOnly',
    });
    expect(refusal(m, edit({ type: 'profile.update', id: 'p-adult', patch: { name: 'Renamed' } }))).toEqual({
      name: 'scenario.baselineOnly',
    });
    expect(refusal(m, edit({ type: 'programme.update', patch: { title: 'Other' } }))).toEqual({
      title: 'scenario.baselineOnly',
    });
    expect(refusal(m, edit({ type: 'line.delete', id: 'ind-tvet' }))).toEqual({ id: 'scenario.baselineLine' });
    expect(refusal(m, edit({ type: 'line.update', id: 'ind-tvet', patch: { unitCost: -1 } }))).toEqual({
      unitCost: 'number.negative',
    });
    expect(refusal(m, { type: 'scenario.edit', scenario: 'nope', command: { type: 'line.delete', id: 'x' } })).toEqual({
      _: 'notFound',
    });
  });

  it('rates, overheads and synergies are overridable; a line or synergy turned off is not in the scenario, and back on', () => {
    const m0 = withScenario();
    const m1 = run(m0, edit({ type: 'programme.update', patch: { indirectRate: '0.05' } }));
    const m2 = run(
      m1,
      edit({ type: 'currency.put', currency: { code: 'XOF', rates: ['721.5527'], inflation: '0.06' } }),
    );
    const m3 = run(m2, { type: 'scenario.setOff', scenario: 'sc', kind: 'synergy', id: 'sy-health-scheme', off: true });
    const m4 = run(m3, { type: 'scenario.setOff', scenario: 'sc', kind: 'line', id: 'str-officers', off: true });
    expect(scenarioOf(m4)?.overlay).toEqual({
      programme: { indirectRate: '0.05' },
      currencies: { XOF: { rates: ['721.5527'], inflation: '0.06' } },
      lines: { 'str-officers': { off: true } },
      synergies: { 'sy-health-scheme': { off: true } },
    });
    const s = resolve(m4, scenarioOf(m4)!.overlay);
    expect(s.lines.some((l) => l.id === 'str-officers')).toBe(false);
    expect(s.synergies.some((x) => x.id === 'sy-health-scheme')).toBe(false);
    expect(s.programme.indirectRate).toBe('0.05');
    // Back on, and one field reverted: the rest stays.
    const m5 = run(m4, { type: 'scenario.setOff', scenario: 'sc', kind: 'line', id: 'str-officers', off: false });
    const m6 = run(m5, { type: 'scenario.revert', scenario: 'sc', kind: 'currency', id: 'XOF', field: 'inflation' });
    const m7 = run(m6, { type: 'scenario.revert', scenario: 'sc', kind: 'programme', id: '' });
    expect(scenarioOf(m7)?.overlay).toEqual({
      currencies: { XOF: { rates: ['721.5527'] } },
      synergies: { 'sy-health-scheme': { off: true } },
    });
  });

  it('a line added in a scenario is its own: edited whole, deleted, and never in the baseline', () => {
    const m0 = withScenario();
    const tvet = m0.lines.find((l) => l.id === 'ind-tvet')!;
    const { id: _id, level: _level, position: _position, ...fields } = tvet;
    const m1 = run(
      m0,
      edit({ type: 'line.add', id: 'extra', level: 'individual', fields: { ...fields, name: 'Extra TVET' } }),
    );
    expect(m1.lines).toBe(m0.lines);
    expect(scenarioOf(m1)?.overlay.addedLines?.map((l) => l.name)).toEqual(['Extra TVET']);
    const m2 = run(m1, edit({ type: 'line.update', id: 'extra', patch: { name: 'Extra TVET (night classes)' } }));
    expect(scenarioOf(m2)?.overlay.addedLines?.map((l) => l.name)).toEqual(['Extra TVET (night classes)']);
    const s = resolve(m2, scenarioOf(m2)!.overlay);
    expect(compute(s).lines.some((l) => l.lineId === 'extra')).toBe(true);
    const m3 = run(m2, edit({ type: 'line.delete', id: 'extra' }));
    expect(scenarioOf(m3)?.overlay).toEqual({});
    // An id the baseline uses is refused (a line turned off in the scenario included).
    expect(refusal(m0, edit({ type: 'line.add', id: 'ind-tvet', level: 'individual', fields }))).toEqual({
      id: 'id.taken',
    });
  });

  it('duplicate copies the overrides; promote makes the baseline compute what the scenario did, and leaves it empty', () => {
    const m0 = withScenario({
      profiles: { 'p-adult': { arrivals: 300 } },
      lines: { 'str-officers': { off: true }, 'ind-tvet': { unitCost: 123_456 } },
      programme: { contingencyRate: '0.03' },
    });
    const m1 = run(m0, { type: 'scenario.duplicate', id: 'sc', newId: 'sc2', name: 'Copy' });
    expect(m1.scenarios.map((s) => [s.id, s.position])).toEqual([
      ['sc', 0],
      ['sc2', 1],
    ]);
    expect(m1.scenarios[1]?.overlay).toEqual(m0.scenarios[0]?.overlay);
    const before = compute(resolve(m1, m1.scenarios[0]!.overlay));
    const m2 = run(m1, { type: 'scenario.promote', id: 'sc' });
    expect(scenarioOf(m2)?.overlay).toEqual({});
    expect(compute(m2).totals).toEqual(before.totals);
    expect(m2.lines.some((l) => l.id === 'str-officers')).toBe(false);
    // Dense positions in every level after the line turned off is gone.
    for (const level of ['individual', 'community', 'structural', 'support'] as const) {
      expect(m2.lines.filter((l) => l.level === level).map((l) => l.position)).toEqual(
        m2.lines.filter((l) => l.level === level).map((_, i) => i),
      );
    }
    // Comparing the promoted scenario with the baseline: zero everywhere.
    const rows = compareTotals([compute(m2), compute(resolve(m2, scenarioOf(m2)!.overlay))]);
    for (const r of rows) expect(r.values[1], r.key).toBe(r.values[0]);
    // Undo (the before writes) gives the programme back exactly.
    const plan = planCommand(stateOf(m1), { type: 'scenario.promote', id: 'sc' });
    expect(applyWrites(m2, writesOf(plan.changes, 'before'))).toEqual(m1);
  });

  it('property: promote on random overrides gives a baseline that computes what the scenario did', () => {
    const base = withScenario();
    const lineIds = base.lines.filter((l) => l.driver.kind !== 'percentage').map((l) => l.id);
    fc.assert(
      fc.property(
        fc.record({
          arrivals: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
          line: fc.constantFrom(...lineIds),
          unitCost: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
          off: fc.constantFrom(...lineIds),
          turnOff: fc.boolean(),
        }),
        (r) => {
          const overlay: Overlay = {
            ...(r.arrivals !== undefined ? { profiles: { 'p-adult': { arrivals: r.arrivals } } } : {}),
            lines: {
              ...(r.unitCost !== undefined ? { [r.line]: { unitCost: r.unitCost } } : {}),
              ...(r.turnOff && r.off !== r.line ? { [r.off]: { off: true as const } } : {}),
            },
          };
          const m = withScenario(overlay);
          const { model: scenario, missing } = resolveScenario(m, overlay);
          expect(missing).toEqual([]);
          const promoted = run(m, { type: 'scenario.promote', id: 'sc' });
          expect(compute(promoted).totals).toEqual(compute(scenario).totals);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('ranges: low ≤ likely ≤ high, factors from 0 to 10, set and removed', () => {
    const m0 = bareSample();
    const m1 = run(m0, { type: 'range.put', range: { id: 'arrivals:p-adult', low: '0.8', likely: '1', high: '1.25' } });
    expect(m1.ranges).toEqual([{ id: 'arrivals:p-adult', low: '0.8', likely: '1', high: '1.25' }]);
    expect(
      refusal(m1, { type: 'range.put', range: { id: 'arrivals:p-adult', low: '1.3', likely: '1', high: '1.2' } }),
    ).toEqual({ low: 'range.order' });
    expect(
      refusal(m1, { type: 'range.put', range: { id: 'arrivals:p-adult', low: '0.8', likely: '1', high: '11' } }),
    ).toEqual({ high: 'range.factor' });
    const m2 = run(m1, { type: 'range.delete', id: 'arrivals:p-adult' });
    expect(m2.ranges).toEqual([]);
  });
});
