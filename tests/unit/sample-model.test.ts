import { describe, expect, it } from 'vitest';
import { checkQuotations, SOURCES_PRESENT, sourceLines } from './quotes';
import {
  SAMPLE_CASELOAD,
  SAMPLE_MAIN_PARTNER,
  sampleModel,
  WEAK_XOF_PER_EUR,
  XOF_PER_EUR,
} from '../../src-main/sample/sample-model';
import { compute, keyParameters, resolveScenario } from '../../src-shared/engine';
import {
  type BudgetLine,
  budgetLineSchema,
  currencySchema,
  funderSchema,
  LEVELS,
  MIN_DURATION,
  type Overlay,
  parameterRangeSchema,
  profileSchema,
  programmeSchema,
  scenarioSchema,
  validateLineAgainstProgramme,
} from '../../src-shared/model';

const line = (model: ReturnType<typeof sampleModel>, id: string): BudgetLine => {
  const l = model.lines.find((x) => x.id === id);
  if (!l) throw new Error(`no line ${id}`);
  return l;
};

describe('sample programme', () => {
  const model = sampleModel();

  it('has a valid programme: EUR, 36 months from 2027-01, EU profile, 7 % indirect, 3 % contingency, 20 communities', () => {
    expect(programmeSchema.parse(model.programme)).toEqual(model.programme);
    expect(model.programme).toMatchObject({
      reportingCurrency: 'EUR',
      startMonth: '2027-01',
      durationMonths: 36,
      donorProfile: 'EU',
      indirectRate: '0.07',
      contingencyRate: '0.03',
      communities: 20,
      inflation: '0.02',
    });
  });

  it('every line passes the line schema and fits in the programme', () => {
    for (const l of model.lines) {
      const parsed = budgetLineSchema.safeParse(l);
      expect(parsed.success, `${l.id}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`).toBe(true);
      expect(validateLineAgainstProgramme(l, model.programme), l.id).toEqual({});
    }
  });

  it('has 25 to 40 lines with unique ids and positions 0..n-1 within each level, at least 5 per level', () => {
    expect(model.lines.length).toBeGreaterThanOrEqual(25);
    expect(model.lines.length).toBeLessThanOrEqual(40);
    expect(new Set(model.lines.map((l) => l.id)).size).toBe(model.lines.length);
    for (const level of LEVELS) {
      const positions = model.lines.filter((l) => l.level === level).map((l) => l.position);
      expect(positions, level).toEqual(positions.map((_, i) => i));
      expect(positions.length, level).toBeGreaterThanOrEqual(5);
    }
  });

  describe('caseload', () => {
    const kinds = model.profiles.map((p) => p.kind);

    it('has five valid profiles: adult, family, child, trafficking, health', () => {
      for (const p of model.profiles) expect(profileSchema.safeParse(p).success, p.id).toBe(true);
      expect(kinds).toEqual(['adult', 'family', 'child', 'trafficking', 'health']);
      expect(model.profiles.map((p) => p.position)).toEqual([0, 1, 2, 3, 4]);
    });

    it('counts families per household with persons per household', () => {
      const family = model.profiles.find((p) => p.kind === 'family');
      expect(family).toMatchObject({ unit: 'household', personsPerUnit: String(SAMPLE_CASELOAD.personsPerHousehold) });
    });

    it('meets the source minimums: children ≥ 18 months and within the programme, trafficking ≥ 6, everyone ≥ 12-month follow-up', () => {
      for (const p of model.profiles) {
        const min = MIN_DURATION[p.kind]?.months ?? 12;
        expect(p.durationMonths, p.id).toBeGreaterThanOrEqual(min);
      }
      const child = model.profiles.find((p) => p.kind === 'child');
      // The last child arrives early enough to be assisted 18 months inside the programme.
      expect((child?.arrivalEnd ?? 99) + (child?.durationMonths ?? 99) - 1).toBeLessThanOrEqual(36);
    });

    it('has arrival patterns that are not all even, with explicit monthly numbers for one profile', () => {
      expect(new Set(model.profiles.map((p) => p.pattern))).toEqual(new Set(['front', 'even', 'explicit', 'back']));
      const vot = model.profiles.find((p) => p.pattern === 'explicit');
      expect(vot?.monthly.reduce((s, x) => s + x, 0)).toBe(SAMPLE_CASELOAD.victimsOfTrafficking);
    });
  });

  it('has two currencies: EUR reporting, XOF at the fixed parity for every year, with inflation', () => {
    expect(model.currencies).toHaveLength(1);
    const xof = model.currencies[0];
    expect(currencySchema.parse(xof)).toEqual(xof);
    expect(xof).toEqual({ code: 'XOF', rates: [XOF_PER_EUR, XOF_PER_EUR, XOF_PER_EUR], inflation: '0.03' });
    expect(XOF_PER_EUR).toBe('655.957');
    const currencies = new Set(model.lines.map((l) => l.currency));
    expect(currencies).toEqual(new Set(['EUR', 'XOF']));
  });

  it('has three funding sources, some lines split across two of them, every split summing to 100 %', () => {
    for (const f of model.funders) expect(funderSchema.parse(f)).toEqual(f);
    // The returnees' own investment is not a source of the budget: it is a matching synergy (leverage).
    expect(model.funders.map((f) => f.type)).toEqual(['donor', 'coFinancier', 'government']);
    const split = model.lines.filter((l) => l.funding.length > 1);
    expect(split.length).toBeGreaterThanOrEqual(3);
    for (const l of model.lines) {
      if (l.funding.length === 0) continue;
      const thousandths = l.funding.reduce((s, f) => s + Math.round(Number(f.share) * 1000), 0);
      expect(thousandths, l.id).toBe(1000);
    }
  });

  it('drives individual and staffing lines by the caseload', () => {
    const individual = model.lines.filter((l) => l.level === 'individual');
    const kinds = new Set(individual.map((l) => l.driver.kind));
    expect(kinds).toEqual(new Set(['perArrival', 'perActiveCase', 'staffing']));
    const staffing = line(model, 'ind-case-management').driver;
    expect(staffing).toMatchObject({ kind: 'staffing', casesPerStaff: '60', min: 2, max: 10 });
    expect(individual.some((l) => l.driver.kind === 'perArrival' && l.driver.takeUp !== '1')).toBe(true);
  });

  it('has community lines per community and per project, with beneficiaries and a non-migrant share', () => {
    const community = model.lines.filter((l) => l.level === 'community');
    expect(community.some((l) => l.driver.kind === 'perCommunity')).toBe(true);
    expect(community.some((l) => l.driver.kind === 'perProject')).toBe(true);
    const projects = line(model, 'com-projects');
    // EU-IOM Joint Initiative: 2,490 returnees and 2,943 community members in 265 initiatives
    // (Knowledge Paper #2, L2194-2195): 2,490 / 265 = 9.4 returnees per initiative on the line; the
    // community members (2,943 / 5,433 = 54.17 %) come from the synergy that opens it to them.
    expect(projects.justification).toContain('2,490 returnees and 2,943 members of their communities');
    expect(projects.beneficiariesPerUnit).toBe('9.4');
    expect(projects.nonMigrantShare).toBe('0');
    const open = model.synergies.find((s) => s.lineIds.includes('com-projects'));
    expect(open?.effect).toEqual({ type: 'communityOpen', nonMigrantShare: '0.5417' });
    expect(Math.abs(0.5417 - 2943 / 5433)).toBeLessThan(0.0001);
    expect(community.filter((l) => Number(l.beneficiariesPerUnit) > 0 && Number(l.nonMigrantShare) > 0).length).toBe(2);
  });

  it('budgets M&E as a percentage line (category monitoringEvaluation) plus baseline and evaluation', () => {
    const me = line(model, 'sup-me');
    expect(me.category).toBe('monitoringEvaluation');
    expect(me.driver).toMatchObject({ kind: 'percentage', rate: '0.04', levels: ['individual', 'community'] });
    expect(model.lines.filter((l) => l.category === 'monitoringEvaluation').length).toBe(3);
  });

  it('every line has a justification, and every cited quotation names its source and line', () => {
    for (const l of model.lines) {
      expect(l.justification.trim().length, l.id).toBeGreaterThan(40);
      const quotes = l.justification.split('"').length - 1;
      expect(quotes % 2, `${l.id}: unbalanced quotation marks`).toBe(0);
      if (quotes > 0)
        expect(l.justification, l.id).toMatch(
          /\((Knowledge Paper #2|Reintegration: Effective approaches \(IOM 2015\)), .*L\d+/,
        );
    }
  });

  it('non-cited figures are marked as assumptions', () => {
    for (const l of model.lines) expect(l.justification, l.id).toContain('Assumption');
  });

  // The sources live beside the repository (../shared/domain/sources); where they are present,
  // every quotation must be found, word for word, in the lines it cites.
  it.skipIf(!SOURCES_PRESENT)('every quotation is in the source lines it cites', () => {
    const checked = checkQuotations([
      ...model.lines.map((l) => ({ id: l.id, text: l.justification })),
      ...model.scenarios.map((x) => ({ id: x.id, text: x.description })),
    ]);
    const text = sourceLines();
    expect(checked).toBeGreaterThan(40);
    // The anchor figure itself, where the digest says it is.
    expect(text.kp2[2194]).toContain('benefiting 2,490 returnees and 2,943 members of their communities');
  });

  describe('scenarios and uncertainty ranges', () => {
    const base = compute(model);
    const scenario = (id: string) => {
      const s = model.scenarios.find((x) => x.id === id);
      if (!s) throw new Error(`no scenario ${id}`);
      const resolved = resolveScenario(model, s.overlay);
      return { s, missing: resolved.missing, model: resolved.model, result: compute(resolved.model) };
    };

    it('has three valid scenarios, positions 0..2, each described in one sentence', () => {
      expect(model.scenarios.map((s) => [s.id, s.position])).toEqual([
        ['sc-fewer-arrivals', 0],
        ['sc-partner-drops', 1],
        ['sc-weak-franc', 2],
      ]);
      for (const s of model.scenarios) {
        expect(scenarioSchema.parse(s), s.id).toEqual(s);
        expect(s.description, s.id).toMatch(/\.$/);
        // One sentence: no full stop followed by a new sentence inside it.
        expect(s.description.slice(0, -1), s.id).not.toMatch(/[.!?] +[A-Z]/);
      }
      expect(new Set(model.scenarios.map((s) => s.name.toLowerCase())).size).toBe(3);
    });

    it('each resolves with nothing missing, and holds differences from the baseline only', () => {
      for (const s of model.scenarios) {
        expect(scenario(s.id).missing, s.id).toEqual([]);
        const o: Overlay = s.overlay;
        for (const [id, p] of Object.entries(o.profiles ?? {})) {
          const b = model.profiles.find((x) => x.id === id)!;
          for (const [k, v] of Object.entries(p)) expect(v, `${s.id} ${id}.${k}`).not.toEqual(b[k as keyof typeof b]);
        }
        for (const [code, c] of Object.entries(o.currencies ?? {})) {
          const b = model.currencies.find((x) => x.code === code)!;
          for (const [k, v] of Object.entries(c)) expect(v, `${s.id} ${code}.${k}`).not.toEqual(b[k as keyof typeof b]);
        }
      }
    });

    it('20 % fewer arrivals: every profile exactly 80 %, 944 persons instead of 1,180, a lower total and net cost', () => {
      const { s, result } = scenario('sc-fewer-arrivals');
      expect(Object.keys(s.overlay)).toEqual(['profiles']);
      for (const p of model.profiles) {
        const o = s.overlay.profiles?.[p.id];
        if (p.pattern === 'explicit') {
          // Shared over the same months by largest remainder: each month is 80 % rounded down or up.
          const monthly = o?.monthly ?? [];
          expect(monthly.reduce((a, b) => a + b, 0)).toBe(32);
          monthly.forEach((n, i) => expect(Math.abs(n - (p.monthly[i] ?? 0) * 0.8)).toBeLessThan(1));
          expect(o?.arrivals).toBe(32);
        } else {
          expect(o, p.id).toEqual({ arrivals: (p.arrivals * 4) / 5 });
        }
      }
      expect(result.metrics.returneesAssisted).toBe(944);
      expect(result.caseload.cumulative[35]).toBe(784); // 980 cases × 0.8
      expect(result.diagnostics).toEqual([]);
      expect(result.totals.total).toBeLessThan(base.totals.total);
      expect(result.synergies.totals.net).toBeLessThan(base.synergies.totals.net);
      // The support lines that do not follow the caseload stay: less than 20 % lower overall.
      expect(result.totals.total).toBeGreaterThan(base.totals.total * 0.8);
    });

    it('the main partner drops out: the one that covers the most; the net cost rises by exactly its drop-out', () => {
      const largest = [...base.synergies.partners].sort((a, b) => b.total - a.total)[0];
      expect(largest?.partnerId).toBe(SAMPLE_MAIN_PARTNER);
      const { s, model: m, result } = scenario('sc-partner-drops');
      const its = model.synergies.filter((x) => x.partnerId === SAMPLE_MAIN_PARTNER).map((x) => x.id);
      expect(its.length).toBeGreaterThan(0);
      expect(s.overlay).toEqual({ synergies: Object.fromEntries(its.map((id) => [id, { off: true }])) });
      expect(m.synergies.some((x) => x.partnerId === SAMPLE_MAIN_PARTNER)).toBe(false);
      expect(m.partners).toEqual(model.partners);
      expect(result.synergies.totals.net).toBe(base.synergies.totals.net + (largest?.total ?? NaN));
      // The officers were in the budget all along, paid by the ministry from year 2: the total stays,
      // and the main donor is asked for what the ministry no longer pays.
      expect(result.totals.total).toBe(base.totals.total);
      expect(result.byFunder['f-government'] ?? 0).toBe(0);
      expect(result.byFunder['f-eu']).toBe((base.byFunder['f-eu'] ?? 0) + (base.byFunder['f-government'] ?? 0));
    });

    it('a weaker franc: XOF 10 % weaker (exact decimals), 6 % local inflation; less EUR for XOF lines in year 1, EUR lines unchanged', () => {
      const { s, result } = scenario('sc-weak-franc');
      expect(WEAK_XOF_PER_EUR).toBe('721.5527');
      expect(s.overlay).toEqual({
        currencies: { XOF: { rates: [WEAK_XOF_PER_EUR, WEAK_XOF_PER_EUR, WEAK_XOF_PER_EUR], inflation: '0.06' } },
      });
      const year1 = (r: typeof base, id: string) =>
        (r.lines.find((l) => l.lineId === id)?.months ?? []).slice(0, 12).reduce((a, b) => a + b, 0);
      const targeted = new Set(model.synergies.flatMap((x) => x.lineIds));
      const plain = model.lines.filter((l) => l.driver.kind !== 'percentage' && !targeted.has(l.id));
      let xofLines = 0;
      for (const l of plain) {
        const before = year1(base, l.id);
        const after = year1(result, l.id);
        if (l.currency === 'EUR') {
          expect(result.lines.find((x) => x.lineId === l.id)?.months, l.id).toEqual(
            base.lines.find((x) => x.lineId === l.id)?.months,
          );
        } else if (before > 0) {
          // Year 1 has no inflation yet: the same francs at 1.1 times the rate, to a cent.
          expect(Math.abs(after - before / 1.1), l.id).toBeLessThanOrEqual(1);
          xofLines++;
        }
      }
      expect(xofLines).toBeGreaterThan(10);
      expect(result.byYear[0]).toBeLessThan(base.byYear[0] ?? 0);
      expect(result.totals.total).toBeLessThan(base.totals.total);
    });

    it('has uncertainty ranges on key parameters of the sample: arrivals of every profile, the XOF rate and inflation', () => {
      const ids = new Set(keyParameters(model, base).map((p) => p.id));
      expect(model.ranges.length).toBe(7);
      for (const r of model.ranges) {
        expect(parameterRangeSchema.parse(r), r.id).toEqual(r);
        expect(ids.has(r.id), r.id).toBe(true);
      }
      expect(model.ranges.map((r) => r.id)).toEqual([...model.ranges.map((r) => r.id)].sort());
      for (const p of model.profiles) {
        expect(model.ranges).toContainEqual({ id: `arrivals:${p.id}`, low: '0.8', likely: '1', high: '1.1' });
      }
      expect(model.ranges).toContainEqual({ id: 'exchangeRate:XOF', low: '0.95', likely: '1', high: '1.15' });
    });
  });

  it('returns a fresh copy each call', () => {
    const a = sampleModel();
    a.lines[0]!.unitCost = 1;
    a.programme.title = 'changed';
    a.profiles[0]!.arrivals = 1;
    a.funders[0]!.name = 'changed';
    a.currencies[0]!.rates[0] = '1';
    a.scenarios[0]!.overlay.profiles!['p-adult']!.arrivals = 1;
    a.ranges[0]!.high = '2';
    expect(sampleModel()).toEqual(model);
  });

  describe('computed', () => {
    const r = compute(model);
    const byId = new Map(r.lines.map((l) => [l.lineId, l]));
    const total = (id: string) => byId.get(id)?.total ?? NaN;

    it('computes without any diagnostic, with a positive total at every level and for every funder', () => {
      expect(r.diagnostics).toEqual([]);
      for (const level of LEVELS) expect(r.byLevel[level], level).toBeGreaterThan(0);
      for (const f of model.funders) expect(r.byFunder[f.id], f.id).toBeGreaterThan(0);
      expect(r.totals.total).toBe(r.totals.direct + r.totals.indirect + r.totals.contingency);
      expect(Object.values(r.byFunder).reduce((s, x) => s + x, 0)).toBe(r.totals.total);
    });

    it('derives its caseload: 1,180 persons in 980 cases, peak 594 active cases in month 13', () => {
      expect(r.metrics.returneesAssisted).toBe(SAMPLE_CASELOAD.persons);
      expect(r.caseload.cumulative[35]).toBe(SAMPLE_CASELOAD.cases);
      expect(r.metrics.peakActiveCases).toBe(594);
      expect(r.metrics.peakMonth).toBe(13);
    });

    it('hand-worked lines', () => {
      // 10 kits × XOF 2,950,000 in month 5 (year 1): 29,500,000 ÷ 655.957 = EUR 44,972.46 (4,497,246.0085 cents).
      expect(total('str-material')).toBe(4_497_246);
      // EUR 45,000 in month 34 (year 3): × 1.02² = EUR 46,818.00.
      expect(total('sup-evaluation')).toBe(4_681_800);
      // ceil(1,180 returnees ÷ 30 per project) = 40 projects.
      expect(byId.get('com-projects')?.derivation.params['projects']).toBe(40);
      // (780 adults + 40 victims of trafficking + 50 health) × 90 % take-up = 783 packages.
      expect(byId.get('ind-economic-inkind')?.derivation.params['units']).toBe('783');
      // ceil(594 ÷ 60) = 10 case managers at the peak (the maximum).
      expect(byId.get('ind-case-management')?.derivation.params['peakStaff']).toBe(10);
      // Community reach on the lines: 40 projects × 9.4 + 8 groups × 8 + 8 schemes × 25 + 200 workers × 1
      // = 376 + 64 + 200 + 200 = 840 people; non-migrants 0 + 0 + 200 × 0.6 + 200 × 0.7 = 260.
      // The projects opened to community members (54.17 %) add 376 × 0.5417 ÷ 0.4583 = 444.4 → 444:
      // 1,284 people, 704 of them non-migrants.
      expect(byId.get('com-returnee-groups')?.derivation.params['projects']).toBe(8);
      expect(r.synergies.totals.addedBeneficiaries).toBe(444);
      expect(r.metrics.communityBeneficiaries).toBe(1284);
      expect(r.metrics.nonMigrantBeneficiaries).toBe(704);
    });

    it('indirect is 7 % and contingency 3 % of the direct cost: every line is eligible', () => {
      expect(model.lines.filter((l) => !l.eligibleIndirect || !l.eligibleContingency)).toEqual([]);
      expect(r.totals.directEligibleIndirect).toBe(r.totals.direct);
      expect(r.totals.directEligibleContingency).toBe(r.totals.direct);
      expect(Math.abs(r.totals.indirect - r.totals.directEligibleIndirect * 0.07)).toBeLessThanOrEqual(1);
      expect(Math.abs(r.totals.contingency - r.totals.directEligibleContingency * 0.03)).toBeLessThanOrEqual(1);
      // The returnees' own half of each business is beside the budget (1+1 leverage), never a cost in it.
      const matching = r.synergies.synergies.find((o) => o.synergyId === 'sy-matching-returnees');
      expect(matching?.leveraged).toBe(total('ind-matching'));
      expect(matching?.coveredTotal).toBe(0);
      expect(Object.keys(r.byFunder)).toEqual(['f-eu', 'f-municipalities', 'f-government']);
    });

    it('individual cost per returnee lies in the 2015 paper band (USD 569 to 8,845, read as EUR)', () => {
      const perReturnee = (r.metrics.costPerReturneeIndividual ?? 0) / 100;
      expect(perReturnee).toBeGreaterThan(569);
      expect(perReturnee).toBeLessThan(8845);
    });

    it('cash stays a moderate share of individual grants (2015 paper, §3.3)', () => {
      const grants = model.lines.filter((l) => l.level === 'individual' && l.category === 'grantsToBeneficiaries');
      const sum = (modality?: string) =>
        grants.filter((l) => !modality || l.modality === modality).reduce((s, l) => s + total(l.id), 0);
      expect(sum('cash') / sum()).toBeLessThan(0.15);
    });

    it('individual work is the largest level but not the whole budget; community and structural have their own lines', () => {
      for (const level of ['community', 'structural', 'support'] as const) {
        expect(r.byLevel.individual).toBeGreaterThan(r.byLevel[level]);
        expect(r.levelShare[level], level).toBeGreaterThan(0.05);
      }
      expect(r.levelShare.individual).toBeLessThan(0.6);
    });

    it('the M&E line is 4 % of the individual and community lines', () => {
      const base = r.byLevel.individual + r.byLevel.community;
      expect(Math.abs(total('sup-me') - base * 0.04)).toBeLessThanOrEqual(1);
    });

    it('works with partners: a referral (INTEGRA uptake), a handover by year, a public health take-over, projects open to all, matched investment', () => {
      expect(model.synergies.map((s) => s.effect.type)).toEqual([
        'referral',
        'handover',
        'publicService',
        'communityOpen',
        'matching',
      ]);
      const sy = r.synergies;
      // The three that take a part of the lines on; the other two add reach and leverage beside it.
      for (const o of sy.synergies.slice(0, 3)) expect(o.coveredTotal, o.synergyId).toBeGreaterThan(0);
      expect(sy.totals.net).toBeLessThan(sy.totals.gross);
      expect(sy.totals.expected).toBeGreaterThan(sy.totals.net);
      expect(sy.totals.expected).toBeLessThan(sy.totals.worstCase);
      // The ministry pays the officers year by year: nothing in year 1, all of them in year 3.
      const handover = sy.partners.find((d) => d.partnerId === 'pa-ministry');
      expect(handover?.byYear[0]).toBe(0);
      expect(handover?.byYear[2]).toBeGreaterThan(handover?.byYear[1] ?? Infinity);
      const officers = r.lines.find((l) => l.lineId === 'str-officers');
      expect(officers?.byFunder['f-government']).toBe(handover?.total);
      // The referral stays within the partner's 120 places (the checks would say otherwise).
      const referral = sy.synergies.find((o) => o.synergyId === 'sy-referral-tvet');
      expect(referral?.beyondCapacity).toBe(0);
      expect(referral?.takenUp).toBeLessThanOrEqual(120);
    });
  });
});
