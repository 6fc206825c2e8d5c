/**
 * What the Scenarios screen lists of a scenario (src-renderer/shared/overrides.ts): each override
 * with the scenario's value and the baseline's, in words; the scenario's own lines; and what it
 * names that the baseline no longer has.
 */
import { describe, expect, it } from 'vitest';
import { sampleModel } from '../../src-main/sample/sample-model';
import type { Scenario } from '../../src-shared/model';
import { translator } from '../../src-renderer/i18n';
import { overrideRows } from '../../src-renderer/shared/overrides';

describe('overrideRows', () => {
  const baseline = sampleModel();
  const tvet = baseline.lines.find((l) => l.id === 'ind-tvet')!;
  const scenario: Scenario = {
    id: 's',
    position: 0,
    name: 'S',
    description: '',
    overlay: {
      programme: { indirectRate: '0.05' },
      profiles: { 'p-adult': { arrivals: 400, durationMonths: 6 } },
      currencies: { XOF: { rates: ['721.5527'] } },
      lines: { 'ind-tvet': { unitCost: tvet.unitCost + 100 }, 'str-officers': { off: true }, gone: { unitCost: 1 } },
      addedLines: [{ ...tvet, id: 'extra', name: 'Extra' }],
    },
  };

  it('lists every override with both values in the user’s language, the added lines and the missing ones', () => {
    const en = overrideRows(baseline, scenario, 'en', translator('en'));
    expect(en.rows.map((r) => [r.kind, r.id, r.field])).toEqual([
      ['programme', '', 'indirectRate'],
      ['profile', 'p-adult', 'arrivals'],
      ['profile', 'p-adult', 'durationMonths'],
      ['currency', 'XOF', 'rates'],
      ['line', 'ind-tvet', 'unitCost'],
      ['line', 'str-officers', 'off'],
    ]);
    expect(en.rows[0]).toMatchObject({ value: '5\u00a0%', baseline: '7\u00a0%' });
    expect(en.rows[1]).toMatchObject({ name: 'Adults returning alone', value: '400' });
    expect(en.rows[2]?.value).toBe('6 months');
    expect(en.rows[5]).toMatchObject({ value: 'turned off', baseline: 'on' });
    expect(en.added).toEqual([{ id: 'extra', name: 'Extra' }]);
    expect(en.missing).toEqual(['line gone']);
    const fr = overrideRows(baseline, scenario, 'fr', translator('fr'));
    expect(fr.rows[2]?.value).toBe('6 mois');
    expect(fr.rows[4]?.value).toMatch(/\u202f|\u00a0|\s/); // French digit grouping
  });
});
