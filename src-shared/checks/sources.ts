/**
 * Where each check's rule comes from, as the checks panel and the CLI show it: a passage of the
 * source documents (by title and line numbers, its words quoted as written, in English), or the
 * donor's rule stated plainly. In English and French. Pure.
 */
import { type Citation, citationText, type Language } from '../model';

type Source = { rule: Record<Language, string> } | { cite: Citation; quote: string; about?: Record<Language, string> };

const kp2 = (from: number, to?: number): Citation => ({ doc: 'kp2', from, ...(to !== undefined ? { to } : {}) });
const iom2015 = (from: number): Citation => ({ doc: 'iom2015', from });

export const SOURCES = {
  euIndirect: {
    rule: {
      en: 'EU grant rules: indirect costs of at most 7 % of the direct eligible costs',
      fr: 'Règles des subventions de l’UE\u00a0: des coûts indirects d’au plus 7\u00a0% des coûts directs éligibles',
    },
  },
  euContingency: {
    rule: {
      en: 'EU grant rules: a contingency reserve of at most 5 % of the direct costs',
      fr: 'Règles des subventions de l’UE\u00a0: une réserve pour imprévus d’au plus 5\u00a0% des coûts directs',
    },
  },
  usIndirect: {
    rule: {
      en: 'US federal awards: a de minimis indirect cost rate of at most 15 %',
      fr: 'Subventions fédérales des États-Unis\u00a0: un taux forfaitaire (de minimis) de coûts indirects d’au plus 15\u00a0%',
    },
  },
  donorLayout: {
    rule: {
      en: 'Donor budget template: every line goes under one of the donor’s budget headings',
      fr: 'Modèle de budget du bailleur\u00a0: chaque ligne relève d’une des rubriques budgétaires du bailleur',
    },
  },
  fcdoMatch: {
    rule: {
      en: 'FCDO funding: no match funding in the budget',
      fr: 'Financement du FCDO\u00a0: pas de fonds de contrepartie dans le budget',
    },
  },
  separateLines: {
    cite: kp2(1802, 1806),
    quote:
      'Specific budget lines for structural support, community-based interventions … should be included in budgets in addition to the budget lines for individual reintegration support.',
  },
  monitoring: {
    cite: kp2(3063, 3065),
    quote: 'Monitoring and evaluation should be systematically included, with adequate resources',
  },
  psychosocial: { cite: kp2(137, 138), quote: 'economic, social and psychosocial dimensions' },
  followUp: { cite: iom2015(281), quote: 'a follow-up during the first 12 months upon arrival' },
  child: { cite: iom2015(389), quote: 'A minimum of 18 months of socioeconomic assistance should be provided' },
  trafficking: { cite: iom2015(387), quote: 'sustained monitoring (e.g. minimum of six months)' },
  packageRange: { cite: iom2015(325), quote: 'Amounts range from USD 569 to USD 8,845 per person' },
  doNoHarm: {
    cite: kp2(2194, 2196),
    quote: '2,490 returnees and 2,943 members of their communities',
    about: {
      en: 'community-based initiatives under the EU-IOM Joint Initiative benefited',
      fr: 'les initiatives communautaires de l’initiative conjointe UE-OIM ont bénéficié à',
    },
  },
  cash: {
    cite: iom2015(327),
    quote:
      'in-kind assistance, complemented by moderate amounts of monetary assistance … may better support the reintegration process than cash support',
  },
  vulnerable: {
    cite: iom2015(385),
    quote:
      'vulnerable groups, including victims of trafficking, unaccompanied migrant children, and migrants with health-related needs to be given special attention',
  },
  fundingPredictability: {
    cite: kp2(1991, 1992),
    quote: 'Funding predictability would help institutionalising these synergies and ensuring their continuity.',
  },
  stateProgrammes: {
    cite: iom2015(443),
    quote:
      'it is important to raise the issue of sustainability with local actors before relying on State-based programmes for reintegration assistance',
  },
  integrity: {
    rule: { en: 'Consistency of the programme file', fr: 'Cohérence du fichier du programme' },
  },
  handover: {
    cite: kp2(531, 532),
    quote: 'local governments are expected to continue covering the salary of these officers from their own budget',
  },
  synergyCalendar: {
    cite: kp2(2300),
    quote: 'at times not in line with the calendar of the training courses',
  },
  synergyCoordination: {
    cite: kp2(2004),
    quote: 'necessary resources for coordination allocated, before activities start',
  },
  synergyCapacity: {
    cite: kp2(1793, 1794),
    quote:
      'options for synergies and referrals might be limited, requiring higher resources under reintegration programmes',
  },
  matchingCaps: {
    cite: iom2015(475),
    quote:
      'the project cost should be USD 50,000 maximum for collective business projects, or USD 2,500 for individual/family businesses',
    about: {
      en: 'El Cucayo matching fund, 50–50 arrangement:',
      fr: 'fonds de contrepartie El Cucayo, formule 50–50 :',
    },
  },
  ceiling: {
    rule: {
      en: 'Consistency of the programme file: ceilings of the funding sources',
      fr: 'Cohérence du fichier du programme\u00a0: plafonds des sources de financement',
    },
  },
} as const satisfies Record<string, Source>;
export type SourceKey = keyof typeof SOURCES;

/** The source of a check, in the user's language (quotes stay in the documents' English). */
export function sourceText(key: SourceKey, lang: Language): string {
  const s: Source = SOURCES[key];
  if ('rule' in s) return s.rule[lang];
  const quoted = lang === 'fr' ? `«\u00a0${s.quote}\u00a0»` : `“${s.quote}”`;
  const colon = lang === 'fr' ? '\u00a0:' : ':';
  return `${citationText(s.cite, lang)}${colon} ${s.about ? `${s.about[lang]} ` : ''}${quoted}`;
}
