/** The words of the exported workbook, in English and French (French: a no-break space before : ; ? ! %). */
import { CATEGORIES, type FunderStatus, type FunderType, type Language, LEVELS } from '../model';
import { CATEGORY_NAMES, LEVEL_NAMES } from './csv-labels';

const NB = '\u00a0';

export const LABELS = {
  summary: { en: 'Summary', fr: 'Synthèse' },
  assumptions: { en: 'Assumptions', fr: 'Hypothèses' },
  compare: { en: 'Compare', fr: 'Comparaison' },
  synergies: { en: 'Synergies', fr: 'Synergies' },
  checks: { en: 'Checks', fr: 'Contrôles' },
  sources: { en: 'Sources of funding', fr: 'Sources de financement' },
  baseline: { en: 'Baseline', fr: 'Référence' },
  programme: { en: 'Programme', fr: 'Programme' },
  title: { en: 'Title', fr: 'Titre' },
  reportingCurrency: { en: 'Reporting currency', fr: 'Devise de présentation' },
  startMonth: { en: 'Start month', fr: 'Mois de début' },
  duration: { en: 'Duration (months)', fr: 'Durée (mois)' },
  donorProfile: { en: 'Donor rules', fr: 'Règles du bailleur' },
  layout: { en: 'Layout', fr: 'Présentation' },
  communities: { en: 'Communities of return', fr: 'Communautés de retour' },
  author: { en: 'Author', fr: 'Auteur' },
  amountsIn: { en: 'Amounts in {cur}', fr: `Montants en {cur}` },
  scenario: { en: 'Scenario', fr: 'Scénario' },
  overheads: { en: 'Overheads', fr: 'Coûts indirects et imprévus' },
  indirectRate: { en: 'Indirect cost rate', fr: 'Taux de coûts indirects' },
  contingencyRate: { en: 'Contingency rate', fr: 'Taux d’imprévus' },
  currencies: {
    en: 'Currencies: exchange rates (local units per 1 {cur}), annual inflation, and the cost factor of each programme year',
    fr: `Devises${NB}: taux de change (unités locales pour 1 {cur}), inflation annuelle, et facteur de coût de chaque année du programme`,
  },
  currency: { en: 'Currency', fr: 'Devise' },
  inflation: { en: 'Annual inflation', fr: 'Inflation annuelle' },
  rateYear: { en: 'Rate Y{y}', fr: 'Taux A{y}' },
  factorYear: { en: 'Factor Y{y}', fr: 'Facteur A{y}' },
  factorRow: {
    en: 'Cost factor of {cur} (inflation ÷ exchange rate)',
    fr: `Facteur de coût en {cur} (inflation ÷ taux de change)`,
  },
  funders: { en: 'Funding sources', fr: 'Sources de financement' },
  name: { en: 'Name', fr: 'Nom' },
  type: { en: 'Type', fr: 'Type' },
  status: { en: 'Status', fr: 'Statut' },
  ceiling: { en: 'Ceiling', fr: 'Plafond' },
  amount: { en: 'Amount', fr: 'Montant' },
  share: { en: 'Share', fr: 'Part' },
  caseload: { en: 'Caseload by month', fr: 'Cohorte par mois' },
  month: { en: 'Month', fr: 'Mois' },
  arrivals: { en: '{p}: arrivals', fr: `{p}${NB}: arrivées` },
  active: { en: '{p}: active cases', fr: `{p}${NB}: cas actifs` },
  no: { en: 'No.', fr: 'N°' },
  line: { en: 'Line', fr: 'Ligne' },
  level: { en: 'Level', fr: 'Niveau' },
  category: { en: 'Category', fr: 'Catégorie' },
  unit: { en: 'Unit', fr: 'Unité' },
  unitCost: { en: 'Unit cost', fr: 'Coût unitaire' },
  eligIndirect: { en: 'Eligible for indirect costs', fr: 'Éligible aux coûts indirects' },
  eligContingency: { en: 'Eligible for contingency', fr: 'Éligible aux imprévus' },
  qtyYear: { en: 'Quantity Y{y}', fr: 'Quantité A{y}' },
  qtyMonth: { en: 'Quantity {m}', fr: 'Quantité {m}' },
  year: { en: 'Year {y}', fr: 'Année {y}' },
  total: { en: 'Total', fr: 'Total' },
  federal: { en: 'Federal', fr: 'Fédéral' },
  nonFederal: { en: 'Non-federal (cost share)', fr: 'Non fédéral (partage des coûts)' },
  unfunded: { en: 'Unfunded', fr: 'Non financé' },
  how: { en: 'How the amounts are written', fr: 'Comment les montants sont écrits' },
  formula: { en: 'formula', fr: 'formule' },
  valuePercentage: { en: 'values: a percentage line', fr: 'valeurs\u00a0: une ligne en pourcentage' },
  valueCoordination: {
    en: 'values: the coordination cost of a referral',
    fr: 'valeurs\u00a0: le coût de coordination d’une orientation',
  },
  valuePartner: {
    en: 'values: partners deliver part of it beside the budget',
    fr: 'valeurs\u00a0: des partenaires en assurent une part hors budget',
  },
  valueCells: {
    en: 'formula, except {n} cell(s) written as values (a rounding a formula cannot reproduce)',
    fr: 'formule, sauf {n} cellule(s) écrite(s) en valeur (un arrondi qu’une formule ne peut reproduire)',
  },
  valueAll: {
    en: 'values (the engine’s amounts: a formula would not reproduce them)',
    fr: 'valeurs (montants du moteur\u00a0: une formule ne les reproduirait pas)',
  },
  valuesOnly: { en: 'values only (no formulas)', fr: 'valeurs seules (sans formules)' },
  subtotal: { en: 'Subtotal {h}', fr: 'Sous-total {h}' },
  direct: { en: 'Total direct costs', fr: 'Total des coûts directs' },
  baseIndirect: { en: 'Direct costs eligible for indirect costs', fr: 'Coûts directs éligibles aux coûts indirects' },
  baseContingency: { en: 'Direct costs eligible for contingency', fr: 'Coûts directs éligibles aux imprévus' },
  grandTotal: { en: 'Total costs', fr: 'Coût total' },
  overheadsByFunder: {
    en: 'Indirect costs and contingency, by source',
    fr: 'Coûts indirects et imprévus, par source',
  },
  localTotal: { en: 'Total in {cur}', fr: 'Total en {cur}' },
  byYear: { en: 'By programme year', fr: 'Par année du programme' },
  metrics: { en: 'Key figures (values from the app)', fr: 'Chiffres clés (valeurs de l’application)' },
  returnees: { en: 'Returnees assisted (persons)', fr: 'Personnes de retour accompagnées' },
  perReturnee: { en: 'Cost per returnee, all-in', fr: 'Coût par personne de retour, tout compris' },
  net: {
    en: 'Net direct cost asked of the donor (after partners)',
    fr: 'Coût direct net demandé au bailleur (après partenaires)',
  },
  delta: { en: 'Δ {s} − {a}', fr: 'Δ {s} − {a}' },
  difference: { en: 'Difference from the budget total', fr: 'Écart avec le total du budget' },
  gross: { en: 'Gross (no partner delivers)', fr: 'Brut (aucun partenaire n’intervient)' },
  coveredInside: { en: 'Paid by partners, in the budget', fr: 'Payé par les partenaires, dans le budget' },
  coveredOutside: {
    en: 'Delivered by partners, beside the budget',
    fr: 'Assuré par les partenaires, hors budget',
  },
  coordination: { en: 'Referral coordination', fr: 'Coordination des orientations' },
  expected: { en: 'Expected cost', fr: 'Coût attendu' },
  worstCase: { en: 'Worst case', fr: 'Pire cas' },
  synergy: { en: 'Synergy', fr: 'Synergie' },
  partner: { en: 'Partner', fr: 'Partenaire' },
  confidence: { en: 'Confidence', fr: 'Probabilité' },
  covered: { en: 'Covered', fr: 'Couvert' },
  severity: { en: 'Severity', fr: 'Gravité' },
  group: { en: 'Group', fr: 'Groupe' },
  code: { en: 'Code', fr: 'Code' },
  where: { en: 'Where', fr: 'Où' },
  details: { en: 'Details', fr: 'Détails' },
  source: { en: 'Source', fr: 'Source' },
  yes: { en: 'Yes', fr: 'Oui' },
  no_: { en: 'No', fr: 'Non' },
  note: {
    en: 'Amounts follow the app’s rule: each period = ROUND(cumulative cost to its end) − ROUND(cumulative cost to the previous end).',
    fr: `Les montants suivent la règle de l’application${NB}: chaque période = ARRONDI(coût cumulé à sa fin) − ARRONDI(coût cumulé à la fin précédente).`,
  },
} as const satisfies Record<string, Record<Language, string>>;
export type LabelKey = keyof typeof LABELS;

export function label(lang: Language, key: LabelKey, params: Record<string, string | number> = {}): string {
  return LABELS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** A choice's name in both languages, from the one list of the model's words (csv-labels.ts). */
function bothLanguages<K extends string>(
  names: Readonly<Record<Language, Readonly<Record<K, string>>>>,
  keys: readonly K[],
) {
  return Object.fromEntries(keys.map((k) => [k, { en: names.en[k], fr: names.fr[k] }])) as Record<
    K,
    Record<Language, string>
  >;
}

export const LEVEL_TEXT = bothLanguages(LEVEL_NAMES, LEVELS);
export const CATEGORY_TEXT = bothLanguages(CATEGORY_NAMES, CATEGORIES);

export const FUNDER_TYPE_TEXT: Record<FunderType, Record<Language, string>> = {
  donor: { en: 'Donor', fr: 'Bailleur' },
  coFinancier: { en: 'Co-financier', fr: 'Cofinanceur' },
  government: { en: 'Government', fr: 'État' },
  returnee: { en: 'Returnees’ contribution', fr: 'Contribution des personnes de retour' },
  partner: { en: 'Partner', fr: 'Partenaire' },
};

export const FUNDER_STATUS_TEXT: Record<FunderStatus, Record<Language, string>> = {
  confirmed: { en: 'Confirmed', fr: 'Confirmé' },
  pipeline: { en: 'Pipeline', fr: 'En préparation' },
  hypothetical: { en: 'Hypothetical', fr: 'Hypothétique' },
};
