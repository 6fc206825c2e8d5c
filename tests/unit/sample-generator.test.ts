import { describe, expect, it } from 'vitest';
import { compute } from '../../src-shared/engine';
import { dec, mul, fromInt } from '../../src-shared/money';
import {
  budgetLineSchema,
  LEVELS,
  programmeSchema,
  SCHEDULES,
  validateLineAgainstProgramme,
} from '../../src-shared/model';
import { generateModel, mulberry32 } from '../bench/generate';

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
      expect(budgetLineSchema.safeParse(line).success, line.id).toBe(true);
      expect(validateLineAgainstProgramme(line, model.programme), line.id).toEqual({});
    }
  });

  it('cover every schedule at every level', () => {
    for (const level of LEVELS) {
      for (const schedule of SCHEDULES) {
        expect(
          model.lines.some((l) => l.level === level && l.driver.schedule === schedule),
          `${level}/${schedule}`,
        ).toBe(true);
      }
    }
  });

  it('give every line a whole number of cents (what the spreadsheet comparison relies on)', () => {
    for (const line of model.lines) {
      const d = line.driver;
      const units = d.schedule === 'monthly' ? mul(dec(d.quantity), fromInt(d.end - d.start + 1)) : dec(d.quantity);
      const exact = mul(units, fromInt(line.unitCost));
      expect(exact.n % exact.d, line.id).toBe(0n);
    }
  });

  it('compute without diagnostics', () => {
    const r = compute(model);
    expect(r.diagnostics).toEqual([]);
    expect(r.totals.direct).toBeGreaterThan(0);
  });
});
