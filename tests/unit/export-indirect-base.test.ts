/**
 * The workbook's indirect cost row on the programme's indirect base (issue 12): on direct +
 * contingency (EU) it stays a live formula, rate × (eligible base + contingency row), and gives the
 * engine's amounts; on an MTDC base with an exclusion the cells are the engine's values.
 */
import { describe, expect, it } from 'vitest';
import { compute } from '../../src-shared/engine';
import { LAYOUTS } from '../../src-shared/export';
import { type PlanCell, planWorkbook } from '../../src-shared/export/workbook';
import type { BudgetLine, Model, Programme } from '../../src-shared/model';
import { lineBuilder, testProgramme } from './model-fixtures';

const line = lineBuilder('W', { unitCost: 0 });

function model(p: Partial<Programme>, lines: BudgetLine[]): Model {
  return {
    programme: testProgramme({ durationMonths: 24, indirectRate: '0.07', contingencyRate: '0.05', ...p }),
    lines,
    profiles: [],
    currencies: [],
    funders: [],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
  };
}

function indirectRow(m: Model): { cells: PlanCell[]; total: number } {
  const result = compute(m);
  const plan = planWorkbook(m, [{ id: null, name: 'Baseline', model: m, result }], {
    layout: 'eu',
    valuesOnly: false,
    monthlyColumns: false,
    locale: 'en',
  });
  const sheet = plan.sheets.find((s) => s.rows.some((r) => r[1]?.value === LAYOUTS.eu.indirect.en));
  const row = sheet?.rows.find((r) => r[1]?.value === LAYOUTS.eu.indirect.en) ?? [];
  // The period columns: the cells after the rate, up to the total.
  const cells = row.filter(
    (c): c is PlanCell => c !== undefined && typeof c.value === 'number' && c.format !== undefined,
  );
  return { cells, total: result.totals.indirect };
}

describe('workbook: indirect costs on the programme’s base', () => {
  const lines = [
    line({ unitCost: 333_33, driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 1, end: 24 } }),
  ];

  it('direct + contingency: formulas that add the contingency row, with the engine’s amounts', () => {
    const { cells, total } = indirectRow(model({ donorProfile: 'EU', indirectBase: 'directPlusContingency' }, lines));
    const periods = cells.filter((c) => c.formula?.startsWith('ROUND('));
    expect(periods.length).toBeGreaterThan(0);
    for (const c of periods) expect(c.formula).toMatch(/\*\(SUM\(.*\)\+SUM\(.*\)\)/);
    const sum = periods.reduce((a, c) => a + Math.round((c.value as number) * 100), 0);
    expect(sum).toBe(total);
  });

  it('direct: the formula is the rate × the eligible base alone, as before', () => {
    const { cells } = indirectRow(model({ donorProfile: 'EU', indirectBase: 'direct' }, lines));
    const periods = cells.filter((c) => c.formula?.startsWith('ROUND('));
    expect(periods.length).toBeGreaterThan(0);
    for (const c of periods) expect(c.formula).not.toContain('+SUM(');
  });

  it('MTDC with an excluded line: the year with the exclusion is the engine’s value, the other stays a formula', () => {
    const m = model({ donorProfile: 'US', indirectBase: 'mtdc', indirectRate: '0.15' }, [
      ...lines,
      line({ unitCost: 1_000_00, mtdcExclusion: 'equipment' }),
    ]);
    const { cells, total } = indirectRow(m);
    const r = compute(m);
    const year = (y: number) => r.monthly.indirect.slice((y - 1) * 12, y * 12).reduce((a, b) => a + b, 0);
    const [, y1, y2] = cells; // the rate cell first, then the years
    expect(Math.round((y1?.value as number) * 100)).toBe(year(1));
    expect(y1?.formula).toBeUndefined();
    expect(Math.round((y2?.value as number) * 100)).toBe(year(2));
    expect(y2?.formula).toMatch(/^ROUND\(/);
    expect(year(1) + year(2)).toBe(total);
  });
});
