/**
 * What the Compare screen puts in words and shapes (src-renderer/features/compare/compareView.ts):
 * picking 2–4 with the first as the reference; rows, lines and causes in words; the waterfall's
 * bars, whose running total goes from one total to the other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleModel } from '../../src-main/sample/sample-model';
import { BRIDGE_CAUSES, type Bridge } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';
import { translator } from '../../src-renderer/i18n';
import {
  BASELINE,
  causeWords,
  defaultPicks,
  existingPicks,
  lineName,
  makeReference,
  rowGroup,
  rowLabel,
  togglePick,
  waterfall,
} from '../../src-renderer/features/compare/compareView';

const en = translator('en');
const fr = translator('fr');
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const sample = sampleModel();
const model: Model = {
  ...sample,
  scenarios: [
    {
      id: 'sc-b',
      position: 1,
      name: 'Second',
      description: '',
      overlay: { addedLines: [{ ...(sample.lines[0] as Model['lines'][number]), id: 'own-line', name: 'Own line' }] },
    },
    { id: 'sc-a', position: 0, name: 'First', description: '', overlay: {} },
  ],
};

describe('compare: picking', () => {
  it('ticks in order, at most four, the first picked the reference', () => {
    let picked: string[] = [];
    for (const id of ['a', 'b', 'c', 'd', 'e']) picked = togglePick(picked, id);
    expect(picked).toEqual(['a', 'b', 'c', 'd']);
    picked = togglePick(picked, 'a');
    expect(picked).toEqual(['b', 'c', 'd']);
    expect(makeReference(picked, 'd')).toEqual(['d', 'b', 'c']);
    expect(makeReference(picked, 'zz')).toEqual(picked);
  });

  it('by default the baseline and the scenario shown, or the first one (by position); deleted ones drop out', () => {
    expect(defaultPicks(model)).toEqual([BASELINE, 'sc-a']);
    expect(defaultPicks(model, 'sc-b')).toEqual([BASELINE, 'sc-b']);
    expect(defaultPicks(model, 'sc-gone')).toEqual([BASELINE, 'sc-a']);
    expect(defaultPicks({ ...sample, scenarios: [] })).toEqual([BASELINE]);
    expect(existingPicks(['sc-gone', BASELINE, 'sc-b'], model)).toEqual([BASELINE, 'sc-b']);
  });
});

describe('compare: words', () => {
  it('rows in words: levels, years, funding sources by name, unfunded, categories, metrics', () => {
    const funder = sample.funders[0];
    expect(rowLabel('total', model, en)).toBe('Total');
    expect(rowLabel('net', model, en)).toBe('Net cost (asked of the donor)');
    expect(rowLabel('level:individual', model, en)).toBe('Individual');
    expect(rowLabel('year:2', model, en)).toBe('Year 2');
    expect(rowLabel(`funder:${funder?.id}`, model, en)).toBe(funder?.name);
    expect(rowLabel('funder:', model, en)).toBe('Unfunded');
    expect(rowLabel('funder:gone', model, fr)).toBe('Une source qui n’est plus dans le programme');
    expect(rowLabel('category:training', model, fr)).toBe('Formation');
    expect(rowLabel('metric:costPerReturneeAllIn', model, en)).toBe('Cost per returnee, all-in');
    expect(['total', 'level:x', 'year:1', 'funder:', 'category:c', 'metric:m'].map(rowGroup)).toEqual([
      'summary',
      'level',
      'year',
      'funder',
      'category',
      'metric',
    ]);
  });

  it('lines by name, a scenario’s own line and a referral’s coordination too; causes in words', () => {
    expect(lineName(model, 'ind-tvet', en)).toBe(sample.lines.find((l) => l.id === 'ind-tvet')?.name);
    expect(lineName(model, 'own-line', en)).toBe('Own line');
    const synergy = sample.synergies[0];
    expect(lineName(model, `coordination:${synergy?.id}`, en)).toBe(`Coordination of “${synergy?.name}”`);
    expect(lineName(model, 'nowhere', en)).toBe('A line no longer in the programme');
    expect(causeWords(['unitCost', 'driver'], en)).toBe('unit cost, driver (quantity)');
    expect(causeWords(['off'], en)).toBe('turned off');
    expect(causeWords(['added'], en)).toBe('added in the scenario');
    expect(causeWords(['other'], en)).toBe('other: caseload, rates or synergies');
    expect(nb(causeWords(['other'], fr))).toBe('autre : cohorte, taux ou synergies');
  });
});

describe('compare: the waterfall', () => {
  it('floats each step from where the one before ended, from one total to the other', () => {
    const b: Bridge = {
      from: 1000,
      to: 1150,
      steps: [
        { cause: 'caseload', amount: -200 },
        { cause: 'rates', amount: 0 },
        { cause: 'unitCosts', amount: 400 },
        { cause: 'lines', amount: -50 },
        { cause: 'synergies', amount: 0 },
      ],
    };
    expect(waterfall(b)).toEqual([
      { key: 'from', kind: 'total', amount: 1000, base: 0, size: 1000, end: 1000 },
      { key: 'caseload', kind: 'down', amount: -200, base: 800, size: 200, end: 800 },
      { key: 'rates', kind: 'up', amount: 0, base: 800, size: 0, end: 800 },
      { key: 'unitCosts', kind: 'up', amount: 400, base: 800, size: 400, end: 1200 },
      { key: 'lines', kind: 'down', amount: -50, base: 1150, size: 50, end: 1150 },
      { key: 'synergies', kind: 'up', amount: 0, base: 1150, size: 0, end: 1150 },
      { key: 'to', kind: 'total', amount: 1150, base: 0, size: 1150, end: 1150 },
    ]);
  });

  it('for any steps: bars span [base, base + size] between the running totals, and end at the second total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(fc.integer({ min: -1e11, max: 1e11 }), { minLength: 5, maxLength: 5 }),
        (from, amounts) => {
          const to = from + amounts.reduce((s, x) => s + x, 0);
          const bars = waterfall({
            from,
            to,
            steps: BRIDGE_CAUSES.map((cause, i) => ({ cause, amount: amounts[i] as number })),
          });
          let running = from;
          for (const bar of bars.slice(1, -1)) {
            expect(bar.size).toBe(Math.abs(bar.amount));
            expect([bar.base, bar.base + bar.size].sort((x, y) => x - y)).toEqual(
              [running, running + bar.amount].sort((x, y) => x - y),
            );
            running += bar.amount;
            expect(bar.end).toBe(running);
          }
          expect(bars[bars.length - 2]?.end).toBe(to);
          expect(bars[bars.length - 1]?.amount).toBe(to);
        },
      ),
    );
  });
});
