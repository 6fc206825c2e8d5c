import { describe, expect, it } from 'vitest';
import { SAMPLE_CASELOAD, sampleModel } from '../../src-main/sample/sample-model';
import { compute } from '../../src-shared/engine';
import { budgetLineSchema, LEVELS, programmeSchema, validateLineAgainstProgramme } from '../../src-shared/model';

describe('sample programme', () => {
  const model = sampleModel();

  it('has a valid programme: EUR, 36 months from 2027-01, EU profile, 7 % indirect, 3 % contingency', () => {
    expect(programmeSchema.parse(model.programme)).toEqual(model.programme);
    expect(model.programme).toMatchObject({
      reportingCurrency: 'EUR',
      startMonth: '2027-01',
      durationMonths: 36,
      donorProfile: 'EU',
      indirectRate: '0.07',
      contingencyRate: '0.03',
    });
  });

  it('every line passes the line schema and fits in the programme', () => {
    for (const line of model.lines) {
      const parsed = budgetLineSchema.safeParse(line);
      expect(parsed.success, `${line.id}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`).toBe(true);
      expect(validateLineAgainstProgramme(line, model.programme), line.id).toEqual({});
    }
  });

  it('has 20 to 30 lines with unique ids and positions 0..n-1 within each level', () => {
    expect(model.lines.length).toBeGreaterThanOrEqual(20);
    expect(model.lines.length).toBeLessThanOrEqual(30);
    expect(new Set(model.lines.map((l) => l.id)).size).toBe(model.lines.length);
    for (const level of LEVELS) {
      const positions = model.lines.filter((l) => l.level === level).map((l) => l.position);
      expect(positions, level).toEqual(positions.map((_, i) => i));
    }
  });

  it('has lines at all four levels', () => {
    for (const level of LEVELS) {
      expect(model.lines.filter((l) => l.level === level).length, level).toBeGreaterThanOrEqual(4);
    }
  });

  it('every line has a justification, and every cited quotation names its source and line', () => {
    for (const line of model.lines) {
      expect(line.justification.trim().length, line.id).toBeGreaterThan(40);
      // A quoted passage is always followed by a citation of the form (Source, [§…,] Lnnn[-nnn]).
      const quotes = line.justification.split('"').length - 1;
      expect(quotes % 2, `${line.id}: unbalanced quotation marks`).toBe(0);
      if (quotes > 0)
        expect(line.justification, line.id).toMatch(
          /\((Knowledge Paper #2|Reintegration: Effective approaches \(IOM 2015\)), .*L\d+/,
        );
    }
  });

  it('non-cited figures are marked as assumptions', () => {
    for (const line of model.lines) expect(line.justification, line.id).toContain('Assumption');
  });

  it('covers the design brief: cash and in-kind packages, psychosocial, M&E, seconded staff, community projects', () => {
    const has = (pred: (l: (typeof model.lines)[number]) => boolean) => model.lines.some(pred);
    expect(has((l) => l.level === 'individual' && l.modality === 'inKind' && l.dimension === 'economic')).toBe(true);
    expect(has((l) => l.level === 'individual' && l.modality === 'cash')).toBe(true);
    expect(has((l) => l.dimension === 'psychosocial')).toBe(true);
    expect(has((l) => l.level === 'support' && /evaluation|monitoring/i.test(l.name))).toBe(true);
    expect(has((l) => l.level === 'structural' && l.modality === 'staff')).toBe(true);
    expect(has((l) => l.level === 'community' && /non-migrant/i.test(l.name))).toBe(true);
    expect(has((l) => l.dimension === 'environmental')).toBe(true);
    for (const schedule of ['once', 'spread', 'monthly'] as const) {
      expect(
        has((l) => l.driver.schedule === schedule),
        schedule,
      ).toBe(true);
    }
  });

  it('returns a fresh copy each call', () => {
    const a = sampleModel();
    a.lines[0]!.unitCost = 1;
    a.programme.title = 'changed';
    expect(sampleModel()).toEqual(model);
  });

  describe('computed', () => {
    const r = compute(model);
    const individual = r.byLevel.individual;

    it('computes without diagnostics, with a positive total at every level', () => {
      expect(r.diagnostics).toEqual([]);
      for (const level of LEVELS) expect(r.byLevel[level], level).toBeGreaterThan(0);
      expect(r.totals.total).toBe(r.totals.direct + r.totals.indirect + r.totals.contingency);
    });

    it('indirect is 7 % and contingency 3 % of direct cost (every line is eligible)', () => {
      expect(r.totals.directEligibleIndirect).toBe(r.totals.direct);
      expect(Math.abs(r.totals.indirect - r.totals.direct * 0.07)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(r.totals.contingency - r.totals.direct * 0.03)).toBeLessThanOrEqual(0.5);
    });

    it('individual cost per returnee lies in the 2015 paper band (USD 569 to 8,845, read as EUR)', () => {
      const perReturnee = individual / 100 / SAMPLE_CASELOAD.returnees;
      expect(perReturnee).toBeGreaterThan(569);
      expect(perReturnee).toBeLessThan(8845);
    });

    it('cash stays a moderate share of individual grants (2015 paper, §3.3)', () => {
      const grants = model.lines.filter((l) => l.level === 'individual' && l.category === 'grantsToBeneficiaries');
      const total = (modality?: string) =>
        grants
          .filter((l) => !modality || l.modality === modality)
          .reduce((s, l) => s + (r.lines.find((x) => x.lineId === l.id)?.total ?? 0), 0);
      expect(total('cash') / total()).toBeLessThan(0.15);
    });

    it('individual work is the largest level but not the whole budget', () => {
      for (const level of ['community', 'structural', 'support'] as const) {
        expect(individual).toBeGreaterThan(r.byLevel[level]);
        expect(r.levelShare[level], level).toBeGreaterThan(0.05);
      }
    });
  });
});
