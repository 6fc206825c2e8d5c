/** Outcomes and reach (src-shared/engine/outcomes.ts): counts from the units bought, costs from the whole budget. */
import { describe, expect, it } from 'vitest';
import { compute } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';
import { lineBuilder, testProgramme } from './model-fixtures';

describe('outcomes', () => {
  const line = lineBuilder('O');
  const model = (): Model => ({
    programme: testProgramme({ durationMonths: 12, indirectRate: '0', contingencyRate: '0' }),
    lines: [
      // 2 trainees a month for 12 months, each half a job: 24 trainees, 12 jobs.
      line({
        unitCost: 10_000,
        driver: { kind: 'fixed', quantity: '2', schedule: 'monthly', start: 1, end: 12 },
        outputs: { businesses: '0', jobs: '0.5', people: '1' },
      }),
      // A structural course reaching 25 people, once.
      line({ level: 'structural', unitCost: 50_000, outputs: { businesses: '0', jobs: '0', people: '25' } }),
      // No outputs recorded: not listed.
      line({ unitCost: 1_000 }),
    ],
    profiles: [],
    currencies: [],
    funders: [],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
  });

  it('counts units bought × outputs per unit, per line and per level; costs divide the whole budget', () => {
    const m = model();
    const r = compute(m);
    const o = r.outcomes;
    expect(Object.keys(o.byLine)).toEqual([m.lines[0]?.id, m.lines[1]?.id]);
    expect(o.byLine[m.lines[0]?.id ?? '']).toEqual({ businesses: 0, jobs: 12, people: 24 });
    expect(o.byLevel.structural.people).toBe(25);
    expect(o.totals).toEqual({ businesses: 0, jobs: 12, people: 49 });
    // 240,000 + 50,000 + 1,000 = 291,000 for 12 jobs: 24,250 each; no business: no cost per business.
    expect(r.totals.total).toBe(291_000);
    expect(o.costPerJob).toBe(24_250);
    expect(o.costPerBusiness).toBeNull();
  });

  it('a programme that records no outputs has none, and no cost per job', () => {
    const m = model();
    m.lines = m.lines.map((l) => ({ ...l, outputs: { businesses: '0', jobs: '0', people: '0' } }));
    const o = compute(m).outcomes;
    expect(o.byLine).toEqual({});
    expect(o.costPerJob).toBeNull();
  });
});
