/**
 * "New from template": each template is a valid programme that computes without a diagnostic,
 * whose synergy does what the template says, and that main creates on request (document.create).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_IDS } from '../../src-shared/api';
import { runChecks } from '../../src-shared/checks';
import { compute } from '../../src-shared/engine';
import { createHandlers, normaliseModel } from '../../src-main/documents';
import { templateModel } from '../../src-main/sample/templates';
import { checkQuotations, SOURCES_PRESENT } from '../unit/quotes';
import { tempDir } from './helpers';

describe('templates', () => {
  it.each(TEMPLATE_IDS)('%s is a valid programme whose synergy works, with no error in the checks', (id) => {
    const model = normaliseModel(templateModel(id, '2027-01'));
    const r = compute(model);
    expect(r.diagnostics).toEqual([]);
    expect(model.synergies.length).toBeGreaterThan(0);
    const sy = r.synergies.totals;
    expect(sy.covered + sy.leveraged).toBeGreaterThan(0);
    expect(runChecks(model, r).filter((f) => f.severity === 'error')).toEqual([]);
    // Every figure from the sources is cited with its line; the rest is marked as an assumption.
    for (const l of model.lines) expect(l.justification, l.id).toMatch(/L\d+|Assumption:/);
  });

  it.skipIf(!SOURCES_PRESENT)('every quotation is in the source lines it cites', () => {
    const texts = TEMPLATE_IDS.flatMap((id) => {
      const m = templateModel(id, '2027-01');
      return [
        ...m.lines.map((l) => ({ id: `${id}/${l.id}`, text: l.justification })),
        ...m.synergies.map((s) => ({ id: `${id}/${s.id}`, text: s.notes })),
      ];
    });
    expect(checkQuotations(texts)).toBeGreaterThanOrEqual(6);
  });

  it('El Cucayo: the fund pays half of each USD 2,500 project, at most USD 1,250', () => {
    const r = compute(templateModel('elCucayo', '2027-01'));
    const grants = r.lines.find((l) => l.lineId === 'grants');
    expect(r.synergies.synergies[0]?.coveredTotal).toBe(Math.round((grants?.total ?? 0) / 2));
  });

  it('PARE 1+1: the returnees’ equal part is leverage beside the budget, the cost does not change', () => {
    const r = compute(templateModel('pare', '2027-01'));
    const grants = r.lines.find((l) => l.lineId === 'grants')?.total ?? 0;
    expect(r.synergies.totals.leveraged).toBe(grants);
    expect(r.synergies.totals.covered).toBe(0);
    // Kosovo: 2.75 jobs per business started (IOM 2015, L365); one business per grant.
    const o = r.outcomes;
    expect(o.totals.jobs).toBeCloseTo(o.totals.businesses * 2.75, 6);
    expect(o.costPerJob).toBe(Math.round(r.totals.total / Math.round(o.totals.jobs)));
  });

  it('FAO–IOM: FAO pays the inputs, and the funding screen shows it under FAO', () => {
    const r = compute(templateModel('faoIom', '2027-01'));
    const inputs = r.lines.find((l) => l.lineId === 'inputs');
    expect(inputs?.byFunder.fao).toBe(inputs?.total);
    expect(inputs?.byFunder.donor ?? 0).toBe(0);
    expect(r.byFunder.fao).toBeGreaterThanOrEqual(inputs?.total ?? 0);
  });

  it('Georgia: the municipalities pay 30 % of the community lines, under their funding source', () => {
    const r = compute(templateModel('georgia', '2027-01'));
    const community = r.lines.filter((l) => l.level === 'community');
    const paid = community.reduce((s, l) => s + (l.byFunder.municipalities ?? 0), 0);
    const total = community.reduce((s, l) => s + l.total, 0);
    // 30 % of each line, rounded month by month: within a cent per line-month of 30 % of the total.
    expect(Math.abs(paid - 0.3 * total)).toBeLessThanOrEqual(community.length * 24);
    expect(r.synergies.totals.coveredInside).toBe(paid);
    expect(r.lines.find((l) => l.lineId === 'collective')?.byFunder.municipalities ?? 0).toBe(0);
  });

  it('main creates a programme from a template in the documents folder', () => {
    const root = tempDir();
    const h = createHandlers({
      documentsDir: path.join(root, 'docs'),
      userDataDir: path.join(root, 'user'),
      sampleFile: path.join(root, 'none.rcs'),
      mode: 'browser',
      version: '0.0.0-test',
    });
    try {
      const snap = h['document.create']({ name: 'Cucayo', template: 'elCucayo' });
      expect(snap.model.synergies.map((s) => s.id)).toEqual(['matching-50-50']);
      expect(snap.model.programme.reportingCurrency).toBe('USD');
      expect(fs.existsSync(path.join(root, 'docs', 'Cucayo.rcs'))).toBe(true);
    } finally {
      h.dispose();
    }
  });
});
