import { describe, expect, it } from 'vitest';
import { sampleModel } from '../../src-main/sample/sample-model';
import { runChecks } from '../../src-shared/checks';
import { compute } from '../../src-shared/engine';

describe('sample programme: checks panel', () => {
  const model = sampleModel();
  const findings = runChecks(model, compute(model));

  it('shows a few findings: not zero, not dozens', () => {
    expect(findings.length, JSON.stringify(findings.map((f) => f.id))).toBeGreaterThanOrEqual(1);
    expect(findings.length, JSON.stringify(findings.map((f) => f.id))).toBeLessThanOrEqual(8);
  });

  it('shows exactly these: one error, four follow-up warnings, three notes', () => {
    expect(findings.map((f) => `${f.severity} ${f.id}`).sort()).toEqual([
      'error integrity.ceiling:f-municipalities',
      'note principles.doNoHarm:com-returnee-groups',
      'note principles.stateReliance:sy-health-scheme',
      'note principles.uncertainFunding',
      'warning principles.followUpInside:p-adult',
      'warning principles.followUpInside:p-family',
      'warning principles.followUpInside:p-health',
      'warning principles.followUpInside:p-vot',
    ]);
  });

  it('warns that returnees arriving after month 25 cannot have their 12-month follow-up inside the 36 months', () => {
    // Arrivals run to month 30 (the children's to month 19, so that their 18 months fit).
    const late = findings.filter((f) => f.code === 'principles.followUpInside');
    for (const f of late) {
      expect(f.target?.kind).toBe('profile');
      expect(f.params).toEqual(expect.objectContaining({ months: 12, lastMonth: 25 }));
      expect(Number(f.params['late'])).toBeGreaterThan(0);
      expect(Number(f.params['late'])).toBeLessThan(Number(f.params['arrivals']));
    }
    expect(late.some((f) => f.target?.kind === 'profile' && f.target.profileId === 'p-child')).toBe(false);
  });

  it('notes the share resting on the pipeline co-financing, and the health scheme agreed only in principle', () => {
    const pipeline = findings.find((f) => f.code === 'principles.uncertainFunding');
    expect(pipeline?.target).toEqual({ kind: 'funder', funderId: 'f-municipalities' });
    expect(Number(pipeline?.params['share'])).toBeLessThan(10);
    const state = findings.find((f) => f.code === 'principles.stateReliance');
    expect(state?.target).toEqual({ kind: 'synergy', synergyId: 'sy-health-scheme' });
  });

  it("its only error, if any, is the deliberate one: the pipeline co-financier's ceiling exceeded", () => {
    const DELIBERATE = 'integrity.ceiling:f-municipalities';
    expect(findings.filter((f) => f.severity === 'error' && f.id !== DELIBERATE)).toEqual([]);
    const ceiling = findings.find((f) => f.id === DELIBERATE);
    expect(ceiling?.target).toEqual({ kind: 'funder', funderId: 'f-municipalities' });
    // Over, but by less than a fifth: a negotiation to finish, not a broken budget.
    const used = Number(ceiling?.params['used']);
    const limit = Number(ceiling?.params['ceiling']);
    expect(used).toBeGreaterThan(limit);
    expect(used).toBeLessThan(limit * 1.2);
  });

  it('notes the returnee-only community groups (do no harm)', () => {
    const note = findings.find((f) => f.target?.kind === 'line' && f.target.lineId === 'com-returnee-groups');
    expect(note?.severity).toBe('note');
    expect(note?.group).toBe('principles');
  });

  it('raises nothing on the donor profile, the source minimums, vulnerable profiles, M&E, the package range or the cash share', () => {
    const ids = findings.map((f) => f.id);
    for (const prefix of [
      'donor.',
      'principles.child',
      'principles.trafficking',
      'principles.followUp:',
      'principles.vulnerable',
      'principles.monitoring',
      'principles.packageRange',
      'principles.cash',
    ]) {
      expect(
        ids.filter((id) => id.startsWith(prefix)),
        prefix,
      ).toEqual([]);
    }
  });

  it('every finding names its source and, where it has one, a place to go', () => {
    for (const f of findings) {
      expect(f.source.length, f.id).toBeGreaterThan(10);
      if (f.target?.kind === 'line')
        expect(model.lines.some((l) => l.id === (f.target as { lineId: string }).lineId)).toBe(true);
    }
  });
});
