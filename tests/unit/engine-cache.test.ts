/**
 * compute() reuses a line's amounts while the line, the programme, the profiles and the currencies
 * are the same objects. These tests check that the reuse never changes a result: after any edit,
 * compute(edited) equals compute(a deep copy of edited), which shares no object with the cache.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compute } from '../../src-shared/engine';
import { type BudgetLine, defaultProfileFields, type Model } from '../../src-shared/model';
import { lineBuilder, testProgramme } from './model-fixtures';

const line = lineBuilder('K', { unitCost: 12_345 });

function base(): Model {
  const adults = { ...defaultProfileFields('adult', 'Adults', 24), id: 'a', position: 0, arrivals: 240 };
  return {
    programme: testProgramme({ inflation: '0.03', communities: 6 }),
    profiles: [adults],
    currencies: [{ code: 'XOF', rates: ['655.957', '660'], inflation: '0.05' }],
    funders: [
      {
        id: 'd',
        name: 'Donor',
        type: 'donor',
        status: 'confirmed',
        ceiling: null,
        conditionalOnMatch: false,
        position: 0,
      },
      {
        id: 'g',
        name: 'Government',
        type: 'government',
        status: 'pipeline',
        ceiling: null,
        conditionalOnMatch: false,
        position: 1,
      },
    ],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
    lines: [
      line({
        driver: { kind: 'perArrival', quantity: '1', profileIds: [], takeUp: '0.6', offset: 0, start: 1, end: 24 },
      }),
      line({ driver: { kind: 'staffing', casesPerStaff: '30', min: 1, max: null, profileIds: [], start: 1, end: 24 } }),
      line({ currency: 'XOF', driver: { kind: 'fixed', quantity: '3', schedule: 'spread', start: 2, end: 20 } }),
      line({
        level: 'community',
        driver: { kind: 'perCommunity', quantity: '1', schedule: 'monthly', start: 1, end: 12 },
      }),
      line({
        level: 'support',
        driver: {
          kind: 'percentage',
          rate: '0.05',
          levels: ['individual', 'community'],
          lineIds: [],
          start: 1,
          end: 24,
        },
      }),
    ],
  };
}

type Edit = (m: Model) => Model;
const edits: Record<string, Edit> = {
  unitCost: (m) => ({ ...m, lines: m.lines.map((l, i) => (i === 0 ? { ...l, unitCost: l.unitCost + 101 } : l)) }),
  arrivals: (m) => ({ ...m, profiles: m.profiles.map((p) => ({ ...p, arrivals: p.arrivals + 37 })) }),
  rate: (m) => ({ ...m, currencies: m.currencies.map((c) => ({ ...c, rates: ['700', '710'] })) }),
  inflation: (m) => ({ ...m, programme: { ...m.programme, inflation: '0.1' } }),
  communities: (m) => ({ ...m, programme: { ...m.programme, communities: m.programme.communities + 2 } }),
  addLine: (m) => ({
    ...m,
    lines: [...m.lines, line({ driver: { kind: 'fixed', quantity: '2', schedule: 'once', start: 5, end: 5 } })],
  }),
  deleteLine: (m) => ({ ...m, lines: m.lines.slice(1) }),
  nothing: (m) => ({ ...m }),
  // The main donor becomes the government: lines with an empty split change funder.
  funders: (m) => ({ ...m, funders: m.funders.map((f) => ({ ...f, type: f.id === 'd' ? 'partner' : 'donor' })) }),
  reach: (m) => ({
    ...m,
    lines: m.lines.map((l) =>
      l.level === 'community' ? { ...l, nonMigrantShare: '0.25', beneficiariesPerUnit: '30' } : l,
    ),
  }),
  split: (m) => ({
    ...m,
    lines: m.lines.map((l) => (l.level === 'community' ? { ...l, funding: [{ funderId: 'g', share: '0.6' }] } : l)),
  }),
};

describe('the per-line reuse in compute()', () => {
  it('gives the same result as a cold compute after any sequence of edits', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...Object.keys(edits)), { maxLength: 8 }), (names) => {
        let m = base();
        compute(m);
        for (const name of names) {
          m = (edits[name] as Edit)(m);
          const warm = compute(m);
          const cold = compute(structuredClone(m));
          expect(warm).toEqual(cold);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a new profile object changes a caseload-driven line even when the line object is the same', () => {
    const m = base();
    const before = compute(m).lines[0]?.total;
    const after = compute(edits.arrivals?.(m) as Model).lines[0]?.total;
    expect(after).not.toBe(before);
    expect(after).toBe(compute(structuredClone(edits.arrivals?.(m) as Model)).lines[0]?.total);
  });

  it('keeps the line diagnostics when a line is reused', () => {
    const m = base();
    const bad: BudgetLine = line({ currency: 'GNF' });
    const withBad = { ...m, lines: [...m.lines, bad] };
    const first = compute(withBad).diagnostics.filter((d) => d.code === 'currency.unknown');
    const again = compute({ ...withBad }).diagnostics.filter((d) => d.code === 'currency.unknown');
    expect(first).toHaveLength(1);
    expect(again).toEqual(first);
  });
});
