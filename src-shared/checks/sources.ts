/**
 * Where each check's rule comes from, as the checks panel and the CLI show it: a passage of the
 * source documents (by title and line numbers, its words quoted as written, in English), or the
 * donor's rule stated plainly. In English and French. Pure.
 */
import { type Citation, citationText, type Language } from '../model';

type Source =
  | { rule: Record<Language, string>; document?: string; version?: string }
  | { cite: Citation; quote: string; about?: Record<Language, string> };

const kp2 = (from: number, to?: number): Citation => ({ doc: 'kp2', from, ...(to !== undefined ? { to } : {}) });
const iom2015 = (from: number): Citation => ({ doc: 'iom2015', from });

/**
 * A donor's rule as this app implements it, and where it comes from: the document and the version
 * or date of the rule (language-neutral, shown after the rule). Decision: no article or paragraph
 *   number is given where we could not state it with certainty; the document and its date are.
 */
interface DonorRule {
  rule: Record<Language, string>;
  document: string;
  version: string;
}

const PRAG = 'EU PRAG (Practical Guide to contract procedures for EU external action), grant contracts';

export const SOURCES = {
  euIndirect: {
    rule: {
      en: 'EU grant: indirect costs of at most 7 % of the total direct eligible costs of the action, contingency reserve included',
      fr: 'Subvention de l’UE\u00a0: des coûts indirects d’au plus 7\u00a0% du total des coûts directs éligibles de l’action, réserve pour imprévus comprise',
    },
    document: `${PRAG}: General Conditions (annex e3h2) and budget of the action (annex e3c)`,
    version: 'PRAG 2021 edition, as updated',
  },
  euContingency: {
    rule: {
      en: 'EU grant: a contingency reserve of at most 5 % of the direct eligible costs',
      fr: 'Subvention de l’UE\u00a0: une réserve pour imprévus d’au plus 5\u00a0% des coûts directs éligibles',
    },
    document: `${PRAG}: General Conditions (annex e3h2) and budget of the action (annex e3c)`,
    version: 'PRAG 2021 edition, as updated',
  },
  euContribution: {
    rule: {
      en: 'EU contribution agreement with a pillar-assessed organisation: indirect costs follow the organisation’s own rules as the agreement sets them; 7 % is the usual rate, not a cap',
      fr: 'Convention de contribution de l’UE avec une organisation évaluée par piliers\u00a0: les coûts indirects suivent les règles propres de l’organisation telles que la convention les fixe\u00a0; 7\u00a0% est le taux habituel, pas un plafond',
    },
    document: 'EU contribution agreement (PAGoDA) General Conditions',
    version: 'as in the agreement signed; the app checks no figure of it',
  },
  euIneligible: {
    rule: {
      en: 'EU grant: contributions in kind and the beneficiaries’ and partners’ own contributions are not eligible costs, so they carry no indirect costs or contingency',
      fr: 'Subvention de l’UE\u00a0: les contributions en nature et les apports propres des bénéficiaires et des partenaires ne sont pas des coûts éligibles\u00a0; ils ne portent ni coûts indirects ni imprévus',
    },
    document: `${PRAG}: General Conditions (annex e3h2), eligible and ineligible costs`,
    version: 'PRAG 2021 edition, as updated',
  },
  usIndirect: {
    rule: {
      en: 'US federal awards: a de minimis indirect cost rate of up to 15 % of modified total direct costs for awards made from 1 October 2024 (up to 10 % before)',
      fr: 'Subventions fédérales des États-Unis\u00a0: un taux forfaitaire (de minimis) de coûts indirects d’au plus 15\u00a0% des coûts directs totaux modifiés pour les subventions attribuées à partir du 1er octobre 2024 (10\u00a0% avant)',
    },
    document: '2 CFR 200.414(f)',
    version: 'as revised by OMB (89 FR 30046, 22 April 2024), effective 1 October 2024',
  },
  usMtdc: {
    rule: {
      en: 'US federal awards: modified total direct costs exclude equipment, rental costs, participant support costs and the part of each subaward above USD 50,000',
      fr: 'Subventions fédérales des États-Unis\u00a0: les coûts directs totaux modifiés excluent les équipements, les loyers, les coûts de soutien aux participants et la part de chaque sous-subvention au-delà de 50\u00a0000\u00a0USD',
    },
    document: '2 CFR 200.1, definition of “modified total direct cost (MTDC)”',
    version: 'as revised by OMB (89 FR 30046, 22 April 2024), effective 1 October 2024',
  },
  usNicra: {
    rule: {
      en: 'US federal awards: an organisation with a negotiated indirect cost rate agreement charges that rate, on that agreement’s base',
      fr: 'Subventions fédérales des États-Unis\u00a0: une organisation qui a un accord de taux négocié de coûts indirects applique ce taux, sur la base de cet accord',
    },
    document: '2 CFR 200.414 (negotiated indirect cost rates)',
    version: 'as revised by OMB (89 FR 30046, 22 April 2024), effective 1 October 2024',
  },
  donorLayout: {
    rule: {
      en: 'Donor budget template: every line goes under one of the donor’s budget headings',
      fr: 'Modèle de budget du bailleur\u00a0: chaque ligne relève d’une des rubriques budgétaires du bailleur',
    },
  },
  fcdoMatch: {
    rule: {
      en: 'FCDO profile of this app: FCDO’s contribution is not made conditional on match funding from others; a matching grant paid to returnees is a way of paying them, not match funding, and is not flagged',
      fr: 'Profil FCDO de l’application\u00a0: la contribution du FCDO n’est pas subordonnée à un cofinancement d’autres sources\u00a0; une subvention de contrepartie versée aux personnes de retour est une façon de les payer, pas un cofinancement, et n’est pas signalée',
    },
    document:
      'FCDO Programme Operating Framework and accountable grant arrangements (the app’s reading; not a quotation)',
    version: 'no dated FCDO rule text is quoted: check the guidance in force for the award',
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
} as const satisfies Record<string, Source | DonorRule>;
export type SourceKey = keyof typeof SOURCES;

/** The source of a check, in the user's language (quotes stay in the documents' English). */
export function sourceText(key: SourceKey, lang: Language): string {
  const s: Source = SOURCES[key];
  if ('rule' in s) return s.document ? `${s.rule[lang]} (${s.document}; ${s.version ?? ''})` : s.rule[lang];
  const quoted = lang === 'fr' ? `«\u00a0${s.quote}\u00a0»` : `“${s.quote}”`;
  const colon = lang === 'fr' ? '\u00a0:' : ':';
  return `${citationText(s.cite, lang)}${colon} ${s.about ? `${s.about[lang]} ` : ''}${quoted}`;
}
