/**
 * The printable report's plain-language summary (DESIGN §8): a few sentences, in English or French,
 * that say what the programme (or the scenario shown) does and costs, from the engine's result and
 * the checks' findings. Pure: nothing here computes money. Every amount is one the engine gave,
 * formatted as the app shows it; shares are the engine's (`levelShare`) or a line's part of the
 * direct costs, for display only. The sources' recommendations are those the checks already cite
 * (the separate structural and community lines of Knowledge Paper #2, the 2015 paper's package
 * range), said only when the checks say so.
 *
 * The renderer shows it on the Report screen; the command line could print it the same way.
 */
import { PACKAGE_RANGE_USD } from '../checks';
import type { Finding } from '../checks/types';
import type { ComputeResult, LineResult } from '../engine';
import { formatDecimal, formatMinor, formatPercent, type Locale } from '../money';
import { type Level, LEVELS, type Model, monthLabel } from '../model';
import { plural } from '../text/plural';

export interface SummaryInput {
  /** The model the result was computed from: the baseline, or the scenario's resolved model. */
  model: Model;
  result: ComputeResult;
  /** The checks' findings for the same result (runChecks, as the checks panel shows them). */
  findings: readonly Finding[];
  locale: Locale;
  /** The scenario shown (its name), or null for the baseline. */
  scenario: string | null;
}

export const SUMMARY_PARAGRAPHS = ['reach', 'levels', 'drivers', 'funding'] as const;
export type SummaryParagraphId = (typeof SUMMARY_PARAGRAPHS)[number];

export interface SummaryParagraph {
  id: SummaryParagraphId;
  /** Whole sentences, each ending with its full stop. */
  sentences: string[];
}

/** How many lines the "largest cost drivers" sentence names. */
export const TOP_DRIVERS = 3;

/** A line named by the drivers sentence: its name (or the synergy a coordination line serves). */
interface Driver {
  name: string;
  coordination: boolean;
  amount: string;
  share: string;
}

/** What each language says. Both implement every phrase, so a sentence without its French does not compile. */
interface Phrases {
  quote(s: string): string;
  money(amount: string, currency: string): string;
  list(items: string[]): string;
  period(months: number, from: string, to: string): string;
  reach(p: {
    scenario: string | null;
    title: string;
    returnees: number;
    n: string;
    period: string;
    total: string;
    perReturnee: string | null;
    individual: string | null;
    range: 'below' | 'above' | null;
    /** The package a returnee receives (the checks' package lines), when the range finding is there. */
    packageAmount: string | null;
    rangeMin: string;
    rangeMax: string;
  }): string;
  noCosts(): string;
  levels(p: { direct: string; parts: { level: Level; share: string; nonMigrants: string | null }[] }): string;
  separateLinesMissing(missing: ('structural' | 'community')[]): string;
  separateLinesPresent(): string;
  drivers(list: Driver[]): string;
  partners(p: { covered: string; leveraged: string | null; net: string; leverage: string | null }): string;
  fullyFunded(): string;
  gap(p: { unfunded: string | null; over: { name: string; amount: string }[] }): string;
}

const LIST_FORMATS = new Map<Locale, Intl.ListFormat>();
function listFormat(locale: Locale): Intl.ListFormat {
  let f = LIST_FORMATS.get(locale);
  if (!f) {
    f = new Intl.ListFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'long', type: 'conjunction' });
    LIST_FORMATS.set(locale, f);
  }
  return f;
}

const NBSP = '\u00a0';

const EN: Phrases = {
  quote: (s) => `“${s}”`,
  money: (amount, currency) => `${amount}${NBSP}${currency}`,
  list: (items) => listFormat('en').format(items),
  period: (months, from, to) =>
    `${months} ${plural('en', months, { one: 'month', other: 'months' })} (${months === 1 ? from : `${from} to ${to}`})`,
  reach: (p) => {
    const subject = p.scenario
      ? `In the scenario ${EN.quote(p.scenario)}, the programme ${EN.quote(p.title)}`
      : `The programme ${EN.quote(p.title)}`;
    if (p.perReturnee === null) {
      return `${subject} runs over ${p.period} at a total cost of ${p.total}; its caseload has no returnees yet, so there is no cost per returnee.`;
    }
    const who = plural('en', p.returnees, { one: 'returnee', other: 'returnees' });
    const range =
      p.range === null
        ? ''
        : `; the package a returnee receives comes to ${p.packageAmount ?? ''}, ${p.range} the USD ${p.rangeMin} to ${p.rangeMax} per person that IOM (2015) found across programmes`;
    const individual = p.individual === null ? '' : ` (${p.individual} of it individual support${range})`;
    return `${subject} assists ${p.n} ${who} over ${p.period} at a total cost of ${p.total}, or ${p.perReturnee} per returnee assisted${individual}.`;
  },
  noCosts: () => 'The budget has no costs yet: add lines on the Budget screen to see how they split.',
  levels: ({ direct, parts }) => {
    const name: Record<Level, string> = {
      individual: 'individual support',
      community: 'community work',
      structural: 'structural work',
      support: 'programme support',
    };
    const items = parts.map((p, i) => {
      const reach = p.nonMigrants === null ? '' : ` (reaching ${p.nonMigrants} community members who are not migrants)`;
      return `${name[p.level]}${i === 0 ? ' takes' : ''} ${p.share}${reach}`;
    });
    return `Of the direct costs of ${direct}, ${EN.list(items)}.`;
  },
  separateLinesMissing: (missing) =>
    `EU-IOM Knowledge Paper #2 recommends budget lines for structural and community work in addition to individual support; this budget has no ${EN.list(missing)} line yet.`,
  separateLinesPresent: () =>
    'Community and structural work have budget lines of their own beside individual support, as EU-IOM Knowledge Paper #2 recommends.',
  drivers: (list) => {
    const items = list.map(
      (d) =>
        `${d.coordination ? `the coordination of ${EN.quote(d.name)}` : EN.quote(d.name)} (${d.amount}, ${d.share} of the direct costs)`,
    );
    return list.length === 1
      ? `The largest cost driver is ${items[0] ?? ''}.`
      : `The largest cost drivers are ${EN.list(items)}.`;
  },
  partners: (p) => {
    const leveraged = p.leveraged === null ? '' : ` and matching funds add ${p.leveraged}`;
    const leverage = p.leverage === null ? '' : `, a leverage of ${p.leverage}`;
    return `Partner programmes cover ${p.covered} of the costs${leveraged}, so the net cost asked of the donor is ${p.net}${leverage}.`;
  },
  fullyFunded: () => 'Every cost has a funding source, within the sources’ ceilings.',
  gap: ({ unfunded, over }) => {
    const parts: string[] = [];
    if (unfunded !== null) parts.push(`${unfunded} has no funding source yet`);
    const [one] = over;
    if (over.length === 1 && one) parts.push(`${EN.quote(one.name)} is asked for ${one.amount} more than its ceiling`);
    if (over.length > 1) {
      const names = over.map((o) => `${EN.quote(o.name)} by ${o.amount}`);
      parts.push(`sources are asked for more than their ceilings: ${EN.list(names)}`);
    }
    return `Funding gap: ${parts.join(', and ')}.`;
  },
};

const FR: Phrases = {
  quote: (s) => `«${NBSP}${s}${NBSP}»`,
  money: (amount, currency) => `${amount}${NBSP}${currency}`,
  list: (items) => listFormat('fr').format(items),
  period: (months, from, to) => `${months}${NBSP}mois (${months === 1 ? from : `de ${from} à ${to}`})`,
  reach: (p) => {
    const subject = p.scenario
      ? `Dans le scénario ${FR.quote(p.scenario)}, le programme ${FR.quote(p.title)}`
      : `Le programme ${FR.quote(p.title)}`;
    if (p.perReturnee === null) {
      return `${subject} se déroule sur ${p.period} pour un coût total de ${p.total}${NBSP}; sa cohorte ne compte encore aucune personne de retour, d’où aucun coût par personne.`;
    }
    const who = plural('fr', p.returnees, {
      one: 'personne de retour',
      other: 'personnes de retour',
    });
    const range =
      p.range === null
        ? ''
        : `${NBSP}; le paquet que reçoit une personne de retour s’élève à ${p.packageAmount ?? ''}, ${p.range === 'below' ? 'en deçà de' : 'au-delà de'} la fourchette de ${p.rangeMin} à ${p.rangeMax}${NBSP}USD par personne relevée par l’OIM (2015) entre programmes`;
    const individual = p.individual === null ? '' : ` (dont ${p.individual} de soutien individuel${range})`;
    return `${subject} accompagne ${p.n} ${who} sur ${p.period} pour un coût total de ${p.total}, soit ${p.perReturnee} par personne de retour accompagnée${individual}.`;
  },
  noCosts: () =>
    `Le budget n’a encore aucun coût${NBSP}: ajoutez des lignes dans l’écran Budget pour voir leur répartition.`,
  levels: ({ direct, parts }) => {
    const name: Record<Level, string> = {
      individual: 'le soutien individuel',
      community: 'le travail communautaire',
      structural: 'le travail structurel',
      support: 'l’appui au programme',
    };
    const items = parts.map((p, i) => {
      const reach = p.nonMigrants === null ? '' : ` (qui touche ${p.nonMigrants} membres non migrants des communautés)`;
      return `${name[p.level]}${i === 0 ? ' représente' : ''} ${p.share}${reach}`;
    });
    return `Sur des coûts directs de ${direct}, ${FR.list(items)}.`;
  },
  separateLinesMissing: (missing) => {
    const name = { structural: 'structurel', community: 'communautaire' } as const;
    return `Le document de connaissances n°${NBSP}2 de l’initiative conjointe UE-OIM recommande des lignes budgétaires pour le travail structurel et communautaire en plus du soutien individuel${NBSP}; ce budget n’a encore aucune ligne de niveau ${FR.list(missing.map((m) => name[m]))}.`;
  },
  separateLinesPresent: () =>
    `Le travail communautaire et le travail structurel ont leurs propres lignes budgétaires à côté du soutien individuel, comme le recommande le document de connaissances n°${NBSP}2 de l’initiative conjointe UE-OIM.`,
  drivers: (list) => {
    const items = list.map(
      (d) =>
        `${d.coordination ? `la coordination de ${FR.quote(d.name)}` : FR.quote(d.name)} (${d.amount}, ${d.share} des coûts directs)`,
    );
    return list.length === 1
      ? `Le premier poste de coût est ${items[0] ?? ''}.`
      : `Les principaux postes de coût sont ${FR.list(items)}.`;
  },
  partners: (p) => {
    const leveraged = p.leveraged === null ? '' : ` et les fonds de contrepartie apportent ${p.leveraged}`;
    const leverage = p.leverage === null ? '' : `, soit un effet de levier de ${p.leverage}`;
    return `Les programmes partenaires couvrent ${p.covered} des coûts${leveraged}${NBSP}; le coût net demandé au bailleur est donc de ${p.net}${leverage}.`;
  },
  fullyFunded: () => 'Chaque coût a une source de financement, dans la limite des plafonds des sources.',
  gap: ({ unfunded, over }) => {
    const parts: string[] = [];
    if (unfunded !== null) parts.push(`${unfunded} restent sans source de financement`);
    const [one] = over;
    if (over.length === 1 && one)
      parts.push(`il est demandé à ${FR.quote(one.name)} ${one.amount} de plus que son plafond`);
    if (over.length > 1) {
      const names = over.map((o) => `à ${FR.quote(o.name)} ${o.amount}`);
      parts.push(`il est demandé ${FR.list(names)} de plus que leurs plafonds`);
    }
    return `Besoin de financement${NBSP}: ${parts.join(', et ')}.`;
  },
};

const PHRASES: Readonly<Record<Locale, Phrases>> = { en: EN, fr: FR };

const MONTH_FORMATS = new Map<Locale, Intl.DateTimeFormat>();
/** "January 2027" / "janvier 2027" from "2027-01". */
export function longMonth(yyyymm: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})$/.exec(yyyymm);
  if (!m) return yyyymm;
  let f = MONTH_FORMATS.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    MONTH_FORMATS.set(locale, f);
  }
  return f.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

/** A share for a sentence: whole percent, or one decimal when it would read "0 %" but is not nothing. */
export function shareText(share: number, locale: Locale): string {
  return formatPercent(share, locale, share > 0 && share < 0.005 ? 1 : 0);
}

/** The lines that cost the most (ties: the budget's order), with their totals as the engine gave them. */
export function topLines(result: ComputeResult, n: number = TOP_DRIVERS): LineResult[] {
  return result.lines
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.total > 0)
    .sort((a, b) => b.l.total - a.l.total || a.i - b.i)
    .slice(0, n)
    .map(({ l }) => l);
}

/** The summary, as paragraphs of sentences in `locale`. */
export function writeSummary(input: SummaryInput): SummaryParagraph[] {
  const { model, result, findings, locale } = input;
  const say = PHRASES[locale];
  const cur = result.currency;
  const money = (minor: number): string => say.money(formatMinor(minor, cur, locale), cur);
  const count = (n: number): string => formatDecimal(String(Math.round(n)), locale);
  const m = result.metrics;
  const has = (code: Finding['code']): Finding[] => findings.filter((f) => f.code === code);

  // Who, how long, how much.
  const start = model.programme.startMonth;
  const months = result.durationMonths;
  const period = say.period(
    months,
    longMonth(start, locale),
    longMonth(monthLabel(start, Math.max(1, months)), locale),
  );
  const below = has('principles.packageBelow')[0];
  const above = has('principles.packageAbove')[0];
  const range = below ? 'below' : above ? 'above' : null;
  const packageAmount = (below ?? above)?.params['amount'];
  const reach = [
    say.reach({
      scenario: input.scenario,
      title: model.programme.title,
      returnees: m.returneesAssisted,
      n: count(m.returneesAssisted),
      period,
      total: money(result.totals.total),
      perReturnee: m.costPerReturneeAllIn === null ? null : money(m.costPerReturneeAllIn),
      individual: m.costPerReturneeIndividual === null ? null : money(m.costPerReturneeIndividual),
      range,
      packageAmount: typeof packageAmount === 'number' ? money(packageAmount) : null,
      rangeMin: formatDecimal(String(PACKAGE_RANGE_USD.min), locale),
      rangeMax: formatDecimal(String(PACKAGE_RANGE_USD.max), locale),
    }),
  ];

  // How the direct costs split across the levels, and what the sources recommend of it.
  const levels: string[] = [];
  const direct = result.totals.direct;
  if (direct <= 0) {
    levels.push(say.noCosts());
  } else {
    const parts = LEVELS.filter((l) => result.byLevel[l] > 0).map((level) => ({
      level,
      share: shareText(result.levelShare[level], locale),
      nonMigrants: level === 'community' && m.nonMigrantBeneficiaries > 0 ? count(m.nonMigrantBeneficiaries) : null,
    }));
    levels.push(say.levels({ direct: money(direct), parts }));
  }
  const missing: ('structural' | 'community')[] = [];
  if (has('principles.noStructural').length > 0) missing.push('structural');
  if (has('principles.noCommunity').length > 0) missing.push('community');
  if (missing.length > 0) levels.push(say.separateLinesMissing(missing));
  else if (model.lines.some((l) => l.level === 'structural') && model.lines.some((l) => l.level === 'community'))
    levels.push(say.separateLinesPresent());

  // The largest cost drivers.
  const drivers: string[] = [];
  const top = topLines(result);
  if (top.length > 0 && direct > 0) {
    const names = new Map(model.lines.map((l) => [l.id, l.name]));
    const synergies = new Map(model.synergies.map((s) => [s.id, s.name]));
    drivers.push(
      say.drivers(
        top.map((l) => ({
          name: l.coordinationOf !== null ? (synergies.get(l.coordinationOf) ?? '') : (names.get(l.lineId) ?? ''),
          coordination: l.coordinationOf !== null,
          amount: money(l.total),
          share: shareText(l.total / direct, locale),
        })),
      ),
    );
  }

  // Partners, and what is not funded.
  const funding: string[] = [];
  const sy = result.synergies.totals;
  if (result.synergies.synergies.length > 0 && (sy.covered > 0 || sy.leveraged > 0)) {
    funding.push(
      say.partners({
        covered: money(sy.covered),
        leveraged: sy.leveraged > 0 ? money(sy.leveraged) : null,
        net: money(sy.net),
        leverage: sy.leverage === null ? null : shareText(sy.leverage, locale),
      }),
    );
  }
  const unfunded = result.byFunder[''] ?? 0;
  const over = has('funder.ceilingExceeded').map((f) => ({
    name: String(f.params['name'] ?? ''),
    amount: money(Number(f.params['over'] ?? 0)),
  }));
  if (result.totals.total > 0) {
    funding.push(
      unfunded > 0 || over.length > 0
        ? say.gap({ unfunded: unfunded > 0 ? money(unfunded) : null, over })
        : say.fullyFunded(),
    );
  }

  const out: SummaryParagraph[] = [];
  const add = (id: SummaryParagraphId, sentences: string[]) => {
    if (sentences.length > 0) out.push({ id, sentences });
  };
  add('reach', reach);
  add('levels', levels);
  add('drivers', drivers);
  add('funding', funding);
  return out;
}

/** The summary as plain text: one paragraph a line. */
export function summaryText(paragraphs: readonly SummaryParagraph[]): string {
  return paragraphs.map((p) => p.sentences.join(' ')).join('\n');
}
