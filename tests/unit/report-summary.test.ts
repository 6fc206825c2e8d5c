/**
 * The report's plain-language summary (src-shared/report/summary.ts) on the sample programme, in
 * English and French: the figures it states are the engine's (computed here, never typed in), its
 * plurals follow the language, its French has no-break spaces where French typography wants them,
 * and what it says of the levels and the funding follows the checks' findings.
 */
import { describe, expect, it } from 'vitest';
import { sampleModel } from '../../src-main/sample/sample-model';
import { runChecks } from '../../src-shared/checks';
import { compute, type ComputeResult, resolveScenario } from '../../src-shared/engine';
import { formatDecimal, formatMinor, formatPercent, type Locale } from '../../src-shared/money';
import type { Model } from '../../src-shared/model';
import {
  type SummaryParagraph,
  summaryText,
  topLines,
  TOP_DRIVERS,
  writeSummary,
} from '../../src-shared/report/summary';

const NBSP = '\u00a0';

function summarise(model: Model, locale: Locale, scenario: string | null = null) {
  const result = compute(model);
  const findings = runChecks(model, result);
  const paragraphs = writeSummary({ model, result, findings, locale, scenario });
  return { result, findings, paragraphs, text: summaryText(paragraphs) };
}

const money = (minor: number, r: ComputeResult, locale: Locale) =>
  `${formatMinor(minor, r.currency, locale)}${NBSP}${r.currency}`;
const sentences = (ps: SummaryParagraph[]) => ps.flatMap((p) => p.sentences);
const paragraph = (ps: SummaryParagraph[], id: SummaryParagraph['id']) =>
  ps.find((p) => p.id === id)?.sentences.join(' ') ?? '';

describe('summary of the sample programme', () => {
  const model = sampleModel();

  for (const locale of ['en', 'fr'] as const) {
    it(`${locale}: states the engine's returnees, duration, total, cost per returnee and level shares`, () => {
      const { result: r, paragraphs } = summarise(model, locale);
      const reach = paragraph(paragraphs, 'reach');
      const m = r.metrics;
      expect(m.returneesAssisted).toBeGreaterThan(0);
      expect(reach).toContain(model.programme.title);
      expect(reach).toContain(formatDecimal(String(m.returneesAssisted), locale));
      expect(reach).toContain(`${r.durationMonths}`);
      expect(reach).toContain(money(r.totals.total, r, locale));
      expect(reach).toContain(money(m.costPerReturneeAllIn ?? -1, r, locale));
      expect(reach).toContain(money(m.costPerReturneeIndividual ?? -1, r, locale));
      const levels = paragraph(paragraphs, 'levels');
      expect(levels).toContain(money(r.totals.direct, r, locale));
      for (const l of ['individual', 'community', 'structural', 'support'] as const) {
        expect(levels, l).toContain(formatPercent(r.levelShare[l], locale, 0));
      }
      expect(levels).toContain(formatDecimal(String(m.nonMigrantBeneficiaries), locale));
    });

    it(`${locale}: names the ${TOP_DRIVERS} largest lines with their totals`, () => {
      const { result: r, paragraphs } = summarise(model, locale);
      const drivers = paragraph(paragraphs, 'drivers');
      const top = topLines(r);
      expect(top).toHaveLength(TOP_DRIVERS);
      const all = [...r.lines].sort((a, b) => b.total - a.total);
      expect(top.map((l) => l.total)).toEqual(all.slice(0, TOP_DRIVERS).map((l) => l.total));
      for (const l of top) {
        const name = model.lines.find((x) => x.id === l.lineId)?.name ?? '';
        expect(drivers).toContain(name);
        expect(drivers).toContain(money(l.total, r, locale));
      }
    });

    it(`${locale}: states what partners cover, the net cost, the leverage and the co-financier over its ceiling`, () => {
      const { result: r, findings, paragraphs } = summarise(model, locale);
      const funding = paragraph(paragraphs, 'funding');
      const sy = r.synergies.totals;
      expect(sy.covered).toBeGreaterThan(0);
      expect(funding).toContain(money(sy.covered, r, locale));
      expect(funding).toContain(money(sy.leveraged, r, locale));
      expect(funding).toContain(money(sy.net, r, locale));
      expect(funding).toContain(formatPercent(sy.leverage ?? -1, locale, 0));
      const ceiling = findings.find((f) => f.code === 'funder.ceilingExceeded');
      expect(ceiling).toBeDefined();
      expect(funding).toContain(String(ceiling?.params['name']));
      expect(funding).toContain(money(Number(ceiling?.params['over']), r, locale));
    });

    it(`${locale}: three to six sentences, each a whole sentence`, () => {
      const all = sentences(summarise(model, locale).paragraphs);
      expect(all.length).toBeGreaterThanOrEqual(3);
      expect(all.length).toBeLessThanOrEqual(6);
      for (const s of all) expect(s).toMatch(/^[A-ZÀ-Ý].*\.$/);
    });
  }

  it('says the structural and community lines are there, as Knowledge Paper #2 recommends', () => {
    expect(paragraph(summarise(model, 'en').paragraphs, 'levels')).toMatch(/as EU-IOM Knowledge Paper #2 recommends/);
    expect(paragraph(summarise(model, 'fr').paragraphs, 'levels')).toMatch(/comme le recommande le document/);
  });

  it('French: grouping and no-break spaces as French typography wants them', () => {
    const { result: r, text } = summarise(model, 'fr');
    // Thousands grouped with a (narrow) no-break space, decimal comma, code after a no-break space.
    expect(text).toMatch(/\d[\u202f\u00a0]\d{3},\d{2}\u00a0EUR/);
    expect(text).toContain(formatMinor(r.totals.total, 'EUR', 'fr'));
    expect(text).not.toMatch(/[^\u00a0\u202f][:;?!»%]/);
    expect(text).not.toMatch(/«[^\u00a0\u202f]/);
    expect(text).toContain('personnes de retour');
    expect(text).toContain('«\u00a0Sustainable');
  });

  it('follows a scenario: its name and its own figures', () => {
    const scenario = model.scenarios.find((s) => s.name.includes('fewer arrivals'));
    expect(scenario).toBeDefined();
    const view = resolveScenario(model, scenario?.overlay ?? {}).model;
    const base = summarise(model, 'en');
    const { result: r, paragraphs } = summarise(view, 'en', scenario?.name ?? null);
    expect(r.metrics.returneesAssisted).toBeLessThan(base.result.metrics.returneesAssisted);
    const reach = paragraph(paragraphs, 'reach');
    expect(reach).toContain(`In the scenario “${scenario?.name ?? ''}”`);
    expect(reach).toContain(formatDecimal(String(r.metrics.returneesAssisted), 'en'));
    expect(reach).toContain(money(r.totals.total, r, 'en'));
  });
});

describe('summary of other programmes', () => {
  /** The sample cut to one returnee, over one month. */
  function oneReturnee(): Model {
    const m = sampleModel();
    const [adult] = m.profiles;
    if (!adult) throw new Error('the sample has profiles');
    return {
      ...m,
      programme: { ...m.programme, durationMonths: 12 },
      profiles: [{ ...adult, arrivals: 1, pattern: 'even', arrivalStart: 1, arrivalEnd: 1, durationMonths: 6 }],
      lines: m.lines.map((l) => ({
        ...l,
        driver: { ...l.driver, start: Math.min(l.driver.start, 12), end: Math.min(l.driver.end, 12) },
      })),
    };
  }

  it('singular where the language wants it: 1 returnee / 1 personne de retour', () => {
    const model = oneReturnee();
    const en = summarise(model, 'en');
    expect(en.result.metrics.returneesAssisted).toBe(1);
    expect(paragraph(en.paragraphs, 'reach')).toMatch(/assists 1 returnee over 12 months/);
    const fr = summarise(model, 'fr');
    expect(paragraph(fr.paragraphs, 'reach')).toMatch(/accompagne 1 personne de retour sur 12\u00a0mois/);
  });

  it('no returnees and no lines: says so instead of a cost per returnee', () => {
    const m = sampleModel();
    const empty: Model = { ...m, lines: [], profiles: [], synergies: [], partners: [], scenarios: [], ranges: [] };
    for (const locale of ['en', 'fr'] as const) {
      const { paragraphs } = summarise(empty, locale);
      expect(paragraphs.map((p) => p.id)).toEqual(['reach', 'levels']);
      expect(paragraph(paragraphs, 'reach')).toMatch(
        locale === 'en' ? /no returnees yet/ : /aucune personne de retour/,
      );
      expect(paragraph(paragraphs, 'levels')).toMatch(locale === 'en' ? /no costs yet/ : /aucun coût/);
    }
  });

  it('no structural line: recalls the recommendation the checks cite', () => {
    const m = sampleModel();
    const model: Model = { ...m, lines: m.lines.filter((l) => l.level !== 'structural') };
    const { findings, paragraphs } = summarise(model, 'en');
    expect(findings.some((f) => f.code === 'principles.noStructural')).toBe(true);
    expect(paragraph(paragraphs, 'levels')).toMatch(
      /Knowledge Paper #2 recommends budget lines for structural and community work .* no structural line yet\./,
    );
    expect(paragraph(summarise(model, 'fr').paragraphs, 'levels')).toMatch(/aucune ligne de niveau structurel\./);
  });

  it('what no source funds is the funding gap', () => {
    const m = sampleModel();
    const first = m.lines.find((l) => l.level === 'individual' && l.funding.length === 0);
    if (!first) throw new Error('the sample has an individual line funded by the main donor');
    const model: Model = {
      ...m,
      lines: m.lines.map((l) =>
        l.id === first.id ? { ...l, funding: [{ funderId: m.funders[0]?.id ?? '', share: '0.6' }] } : l,
      ),
    };
    const { result: r, paragraphs } = summarise(model, 'en');
    const unfunded = r.byFunder[''] ?? 0;
    expect(unfunded).toBeGreaterThan(0);
    expect(paragraph(paragraphs, 'funding')).toContain(
      `Funding gap: ${money(unfunded, r, 'en')} has no funding source yet`,
    );
  });
});

describe('summary: the package range', () => {
  it('names the package a returnee receives (the checks’ measure), not the individual cost, when it is out of range', () => {
    const model = sampleModel();
    // An economic package of XOF 98.5 million: far above USD 8,845 a returnee.
    model.lines = model.lines.map((l) => (l.id === 'ind-economic-inkind' ? { ...l, unitCost: 98_500_000 } : l));
    for (const locale of ['en', 'fr'] as const) {
      const { result, findings, paragraphs } = summarise(model, locale);
      const above = findings.find((f) => f.code === 'principles.packageAbove');
      expect(above).toBeDefined();
      const reach = paragraph(paragraphs, 'reach');
      expect(reach).toContain(money(Number(above?.params['amount']), result, locale));
      expect(reach).toContain(locale === 'en' ? 'the package a returnee receives' : 'le paquet que reçoit');
    }
  });
});
