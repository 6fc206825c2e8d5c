/** Which findings differ between scenarios (src-shared/checks/compare.ts, issue 10 item 6). */
import { describe, expect, it } from 'vitest';
import { sampleModel } from '../../src-main/sample/sample-model';
import { differingFindings, runChecks } from '../../src-shared/checks';
import { compute, resolve } from '../../src-shared/engine';

describe('differingFindings', () => {
  const baseline = sampleModel();
  const findings = (overlay: Parameters<typeof resolve>[1]) => {
    const m = resolve(baseline, overlay);
    return runChecks(m, compute(m));
  };

  it('lists only the findings that are not the same in every scenario', () => {
    const base = findings({});
    expect(differingFindings([base, base])).toEqual([]);
    // An indirect rate of 9 % is above the EU's 7 %: a finding of that scenario only.
    const high = findings({ programme: { indirectRate: '0.09' } });
    const diff = differingFindings([base, high]);
    expect(diff.map((d) => d.findings.map((f) => f?.code ?? null))).toContainEqual([null, 'donor.indirectAbove']);
    // Every finding of both that is listed differs; every other is in both, identical.
    const listed = new Set(diff.map((d) => d.id));
    for (const f of base) {
      if (listed.has(f.id)) continue;
      expect(high.find((g) => g.id === f.id)).toEqual(f);
    }
  });

  it('a finding with other figures differs (the same id, other params)', () => {
    const base = findings({});
    const ceiling = base.find((f) => f.code === 'funder.ceilingExceeded');
    expect(ceiling).toBeDefined();
    const more = findings({
      profiles: Object.fromEntries(baseline.profiles.map((p) => [p.id, { arrivals: p.arrivals * 2 }])),
    });
    const d = differingFindings([base, more]).find((x) => x.id === ceiling?.id);
    expect(d?.findings[0]).toEqual(ceiling);
    expect(d?.findings[1]?.params).not.toEqual(ceiling?.params);
  });
});
