import { describe, expect, it } from 'vitest';
import { compute } from '../../src-shared/engine';
import {
  budgetLineSchema,
  currencySchema,
  DRIVER_KINDS,
  funderSchema,
  LEVELS,
  PROFILE_KINDS,
  profileSchema,
  programmeSchema,
  validateLineAgainstProgramme,
} from '../../src-shared/model';
import { CYCLED_DRIVERS, generateModel, mulberry32 } from '../bench/generate';
import { budgetSheet, buildWorkbook, scaledModel, setUnitCosts, sheetTotal } from '../bench/spreadsheet';

describe('generated sample programmes (tests/bench/generate.ts)', () => {
  const model = generateModel({ lines: 600, months: 60, seed: 7 });

  it('are deterministic: same seed, same model; another seed, another model', () => {
    expect(generateModel({ lines: 600, months: 60, seed: 7 })).toEqual(model);
    expect(generateModel({ lines: 600, months: 60, seed: 8 })).not.toEqual(model);
    const a = mulberry32(1);
    const b = mulberry32(1);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it('are valid models', () => {
    expect(programmeSchema.safeParse(model.programme).success).toBe(true);
    for (const line of model.lines) {
      const parsed = budgetLineSchema.safeParse(line);
      expect(parsed.success, `${line.id}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`).toBe(true);
      expect(validateLineAgainstProgramme(line, model.programme), line.id).toEqual({});
    }
    for (const p of model.profiles) expect(profileSchema.safeParse(p).success, p.id).toBe(true);
    for (const c of model.currencies) expect(currencySchema.safeParse(c).success, c.code).toBe(true);
    for (const f of model.funders) expect(funderSchema.safeParse(f).success, f.id).toBe(true);
  });

  it('hold 5 profiles (one of each named kind), 2 currencies and 3 funders', () => {
    expect(model.profiles.map((p) => p.kind).sort()).toEqual(PROFILE_KINDS.filter((k) => k !== 'custom').sort());
    expect(new Set(model.profiles.map((p) => p.pattern)).size).toBeGreaterThanOrEqual(3);
    expect([model.programme.reportingCurrency, ...model.currencies.map((c) => c.code)]).toEqual(['EUR', 'XOF']);
    expect(model.funders).toHaveLength(3);
    expect(model.lines.some((l) => l.funding.length === 3)).toBe(true);
  });

  it('use every driver type, and every caseload and community driver at every level', () => {
    for (const kind of DRIVER_KINDS)
      expect(
        model.lines.some((l) => l.driver.kind === kind),
        kind,
      ).toBe(true);
    for (const level of LEVELS) {
      for (const kind of CYCLED_DRIVERS) {
        expect(
          model.lines.some((l) => l.level === level && l.driver.kind === kind),
          `${level}/${kind}`,
        ).toBe(true);
      }
    }
    for (const schedule of ['once', 'spread', 'monthly'] as const) {
      expect(model.lines.some((l) => l.driver.kind === 'fixed' && l.driver.schedule === schedule)).toBe(true);
    }
    // Chains of percentage lines exist (a percentage line in another's base).
    const pct = new Set(model.lines.filter((l) => l.driver.kind === 'percentage').map((l) => l.id));
    expect(model.lines.some((l) => l.driver.kind === 'percentage' && l.driver.lineIds.some((id) => pct.has(id)))).toBe(
      true,
    );
  });

  it('compute without diagnostics, every line costing something', () => {
    const r = compute(model);
    expect(r.diagnostics).toEqual([]);
    expect(r.totals.direct).toBeGreaterThan(0);
  });

  it('cost the same in the benchmark spreadsheet as in the engine, to the cent, before and after a change', () => {
    const small = generateModel({ lines: 150, months: 36, seed: 3 });
    const sheet = budgetSheet(small);
    const hf = buildWorkbook(sheet);
    try {
      const ours = compute(small).totals;
      for (const k of ['direct', 'indirect', 'contingency', 'total'] as const)
        expect(sheetTotal(hf, sheet, k), k).toBe(ours[k]);
      setUnitCosts(hf, sheet, small, 3);
      const tripled = compute(scaledModel(small, 3)).totals;
      for (const k of ['direct', 'indirect', 'contingency', 'total'] as const) {
        expect(sheetTotal(hf, sheet, k), k).toBe(tripled[k]);
      }
    } finally {
      hf.destroy();
    }
  });

  it('round ties in the benchmark spreadsheet as the engine does, away from zero, float sums a hair below one half included', () => {
    const small = generateModel({ lines: 20, months: 24, seed: 3 });
    const template = small.lines.find((l) => l.driver.kind === 'fixed');
    if (!template) throw new Error('no fixed line');
    const fixed = (
      id: string,
      unitCost: number,
      quantity: string,
      schedule: 'once' | 'monthly',
      start: number,
      end: number,
    ) => ({
      ...template,
      id,
      currency: 'EUR',
      unitCost,
      funding: [],
      driver: { kind: 'fixed' as const, quantity, schedule, start, end },
    });
    const model = {
      ...small,
      programme: { ...small.programme, inflation: '0.02' },
      lines: [
        // 0.7 × EUR 0.03 a month for 5 months: 10.5 cents exactly, which the sheet's float sum
        // gives as 10.499999999999998; ROUND alone would make it 10, the engine makes it 11.
        fixed('tie-float', 3, '0.7', 'monthly', 1, 5),
        // EUR 0.25 in year 2 at 2 % inflation: 25.5 cents, 26.
        fixed('tie-inflation', 25, '1', 'once', 13, 13),
      ],
    };
    const ours = compute(model);
    expect(ours.lines.map((l) => l.total)).toEqual([11, 26]);
    const sheet = budgetSheet(model);
    const hf = buildWorkbook(sheet);
    try {
      for (const k of ['direct', 'indirect', 'contingency', 'total'] as const)
        expect(sheetTotal(hf, sheet, k), k).toBe(ours.totals[k]);
    } finally {
      hf.destroy();
    }
  });
});
