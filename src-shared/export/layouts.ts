/**
 * Donor layouts (DESIGN §8, issue 11): the same model laid out under a donor's budget headings.
 * A line's category decides its heading; each layout maps every category to one of its headings,
 * here and only here (the XLSX writer, the checks and the CLI read it). Pure.
 *
 * - `plain`: the app's own grouping, by level (individual, community, structural, programme
 *   support), no donor headings.
 * - `eu`: the EU "budget of the action" (grant contracts, annex III): 1 Human resources, 2 Travel,
 *   3 Equipment and supplies, 4 Local office, 5 Other costs, services, 6 Other, then the
 *   contingency reserve and 7 Indirect costs; with a sheet of the sources of funding.
 * - `us`: the object classes of the SF-424A (section B, line 6): a. Personnel, b. Fringe benefits,
 *   c. Travel, d. Equipment, e. Supplies, f. Contractual, g. Construction, h. Other, j. Indirect
 *   charges, with federal and non-federal (cost share) columns.
 * - `fcdo`: an FCDO-style budget (UK Foreign, Commonwealth and Development Office): staff, travel,
 *   capital items, office and running costs, programme activities, monitoring, evaluation and
 *   learning, other; indirect costs; no match funding (no cost-share columns), and each line shows
 *   its amount in its own (local) currency beside the reporting currency.
 *
 * Decision: the EU, FCDO and US layouts each hold a heading for every category the model has
 *   today, so no schema change was needed: `works` goes to EU 6 Other (works are not an annex III
 *   heading of their own), to US g. Construction, and to FCDO programme activities; `training` and
 *   `monitoringEvaluation` go to EU 5 Other costs, services (studies, evaluations, conferences);
 *   `grantsToBeneficiaries` (reintegration packages, matching grants) to EU 6 Other and to US
 *   h. Other (participant support costs). A category added later without a heading here is
 *   reported by the checks (`donor.noHeading`) and exported under "Not mapped".
 * Decision: US b. Fringe benefits and e. Supplies receive no category (the model has no
 *   fringe or supplies category: fringe is part of a staff line's unit cost, supplies of
 *   `equipment`); they are still shown, at 0, as the SF-424A lists every class.
 * Decision: contingency is not an SF-424A class: in the US layout it is shown as its own row
 *   under h. Other, as the engine computes it (rate × eligible direct cost).
 */
import { type Category, CATEGORIES, type DonorProfile, type Language, type Level, LEVELS } from '../model';
import { LEVEL_NAMES } from './csv-labels';

export const LAYOUT_IDS = ['plain', 'eu', 'us', 'fcdo'] as const;
export type LayoutId = (typeof LAYOUT_IDS)[number];

export function isLayoutId(s: string): s is LayoutId {
  return (LAYOUT_IDS as readonly string[]).includes(s);
}

/** What a layout's funding columns are. */
export type FundingColumns =
  /** none on the scenario sheets */
  | 'none'
  /** federal (the donor-type sources) and non-federal (all others: cost share) */
  | 'federal';

export interface Heading {
  id: string;
  /** The donor's number or letter ("1", "a."), '' for none. */
  code: string;
  label: Record<Language, string>;
}

export interface Layout {
  id: LayoutId;
  name: Record<Language, string>;
  /** The direct-cost headings in the donor's order (for `plain`: the levels). */
  headings: readonly Heading[];
  /** The heading of each category; a category missing here has no heading in this layout. */
  categoryHeading: Partial<Record<Category, string>>;
  /** The labels of the overhead rows (with the donor's numbering). */
  contingency: Record<Language, string>;
  indirect: Record<Language, string>;
  /** The funding columns of the scenario sheets. */
  funding: FundingColumns;
  /** A sheet listing every funding source with its amount (EU "sources of funding"). */
  sourcesSheet: boolean;
  /** Show each line's amount in its own currency (FCDO). */
  localCurrency: boolean;
}

const h = (id: string, code: string, en: string, fr: string): Heading => ({ id, code, label: { en, fr } });

export const LAYOUTS: Readonly<Record<LayoutId, Layout>> = {
  plain: {
    id: 'plain',
    name: { en: 'By level', fr: 'Par niveau' },
    headings: LEVELS.map((l) => h(l, '', LEVEL_NAMES.en[l], LEVEL_NAMES.fr[l])),
    // Plain groups by level, not by category: every category is welcome.
    categoryHeading: Object.fromEntries(CATEGORIES.map((c) => [c, ''])),
    contingency: { en: 'Contingency', fr: 'Imprévus' },
    indirect: { en: 'Indirect costs', fr: 'Coûts indirects' },
    funding: 'none',
    sourcesSheet: true,
    localCurrency: false,
  },
  eu: {
    id: 'eu',
    name: { en: 'EU budget of the action', fr: 'UE, budget de l’action' },
    headings: [
      h('eu1', '1', 'Human resources', 'Ressources humaines'),
      h('eu2', '2', 'Travel', 'Voyages'),
      h('eu3', '3', 'Equipment and supplies', 'Équipements et fournitures'),
      h('eu4', '4', 'Local office', 'Bureau local'),
      h('eu5', '5', 'Other costs, services', 'Autres coûts, services'),
      h('eu6', '6', 'Other', 'Autres'),
    ],
    categoryHeading: {
      humanResources: 'eu1',
      travel: 'eu2',
      equipment: 'eu3',
      localOffice: 'eu4',
      services: 'eu5',
      training: 'eu5',
      monitoringEvaluation: 'eu5',
      grantsToBeneficiaries: 'eu6',
      works: 'eu6',
      other: 'eu6',
    },
    contingency: { en: 'Contingency reserve', fr: 'Réserve pour imprévus' },
    indirect: { en: '7 Indirect costs', fr: '7 Coûts indirects' },
    funding: 'none',
    sourcesSheet: true,
    localCurrency: false,
  },
  us: {
    id: 'us',
    name: { en: 'US SF-424A object classes', fr: 'États-Unis, catégories d’objet du SF-424A' },
    headings: [
      h('usA', 'a.', 'Personnel', 'Personnel'),
      h('usB', 'b.', 'Fringe benefits', 'Avantages sociaux'),
      h('usC', 'c.', 'Travel', 'Voyages'),
      h('usD', 'd.', 'Equipment', 'Équipement'),
      h('usE', 'e.', 'Supplies', 'Fournitures'),
      h('usF', 'f.', 'Contractual', 'Services contractuels'),
      h('usG', 'g.', 'Construction', 'Construction'),
      h('usH', 'h.', 'Other', 'Autres'),
    ],
    categoryHeading: {
      humanResources: 'usA',
      travel: 'usC',
      equipment: 'usD',
      services: 'usF',
      training: 'usF',
      monitoringEvaluation: 'usF',
      works: 'usG',
      localOffice: 'usH',
      grantsToBeneficiaries: 'usH',
      other: 'usH',
    },
    contingency: { en: 'h. Other: contingency', fr: 'h. Autres\u00a0: imprévus' },
    indirect: { en: 'j. Indirect charges', fr: 'j. Coûts indirects' },
    funding: 'federal',
    sourcesSheet: true,
    localCurrency: false,
  },
  fcdo: {
    id: 'fcdo',
    name: { en: 'FCDO budget', fr: 'Budget FCDO' },
    headings: [
      h('fc1', '1', 'Staff costs', 'Frais de personnel'),
      h('fc2', '2', 'Travel and subsistence', 'Voyages et indemnités'),
      h('fc3', '3', 'Equipment and capital items', 'Équipements et immobilisations'),
      h('fc4', '4', 'Office and running costs', 'Bureau et fonctionnement'),
      h('fc5', '5', 'Programme activities', 'Activités du programme'),
      h('fc6', '6', 'Monitoring, evaluation and learning', 'Suivi, évaluation et apprentissage'),
      h('fc7', '7', 'Other', 'Autres'),
    ],
    categoryHeading: {
      humanResources: 'fc1',
      travel: 'fc2',
      equipment: 'fc3',
      localOffice: 'fc4',
      services: 'fc5',
      training: 'fc5',
      grantsToBeneficiaries: 'fc5',
      works: 'fc5',
      monitoringEvaluation: 'fc6',
      other: 'fc7',
    },
    contingency: { en: 'Contingency', fr: 'Imprévus' },
    indirect: { en: 'Indirect costs', fr: 'Coûts indirects' },
    funding: 'none',
    sourcesSheet: false,
    localCurrency: true,
  },
};

/** The heading id of "Not mapped": lines whose category has no heading in the layout. */
export const UNMAPPED = 'unmapped';
export const UNMAPPED_LABEL: Record<Language, string> = {
  en: 'Not mapped',
  fr: 'Sans rubrique',
};

/** The layout a programme's donor rule profile asks for, or null ("none": no donor layout). */
export function layoutOfProfile(profile: DonorProfile): LayoutId | null {
  switch (profile) {
    case 'EU':
      return 'eu';
    case 'US':
      return 'us';
    case 'FCDO':
      return 'fcdo';
    case 'none':
      return null;
  }
}

/** The heading a line goes under in `layout`: its level (plain), its category's heading, or UNMAPPED. */
export function headingOf(layout: Layout, line: { level: Level; category: Category }): string {
  if (layout.id === 'plain') return line.level;
  return layout.categoryHeading[line.category] ?? UNMAPPED;
}

/** The categories that have no heading in `layout` (none for the layouts above: see the Decision). */
export function unmappedCategories(layout: Layout): Category[] {
  return CATEGORIES.filter((c) => layout.categoryHeading[c] === undefined);
}
