/**
 * The words a CSV file carries, in English and French: its column headings and the names of the
 * model's choices (levels, categories, dimensions, modalities, schedules). The CSV exporter writes
 * them (csv.ts) and the importer reads them back (src-shared/import), so a file exported in either
 * language imports again.
 *
 * Decision: these are kept here rather than in the renderer's dictionaries because src-shared
 * cannot import the renderer; they are the same words as the renderer's `level.*`, `category.*`,
 * `dimension.*`, `modality.*` and `schedule.*` texts (tests/unit/csv-export.test.ts checks it).
 */
import {
  type Category,
  CATEGORIES,
  type DriverKind,
  type Dimension,
  DIMENSIONS,
  type Level,
  LEVELS,
  type Modality,
  MODALITIES,
  type Schedule,
  SCHEDULES,
} from '../model';
import type { Locale } from '../money';

export const LEVEL_NAMES: Readonly<Record<Locale, Readonly<Record<Level, string>>>> = {
  en: { individual: 'Individual', community: 'Community', structural: 'Structural', support: 'Programme support' },
  fr: { individual: 'Individuel', community: 'Communautaire', structural: 'Structurel', support: 'Appui au programme' },
};

export const CATEGORY_NAMES: Readonly<Record<Locale, Readonly<Record<Category, string>>>> = {
  en: {
    humanResources: 'Human resources',
    travel: 'Travel',
    equipment: 'Equipment and supplies',
    localOffice: 'Local office',
    services: 'Services',
    grantsToBeneficiaries: 'Grants to beneficiaries',
    works: 'Works',
    training: 'Training',
    monitoringEvaluation: 'Monitoring and evaluation',
    other: 'Other',
  },
  fr: {
    humanResources: 'Ressources humaines',
    travel: 'Voyages',
    equipment: 'Équipements et fournitures',
    localOffice: 'Bureau local',
    services: 'Services',
    grantsToBeneficiaries: 'Subventions aux bénéficiaires',
    works: 'Travaux',
    training: 'Formation',
    monitoringEvaluation: 'Suivi et évaluation',
    other: 'Autres',
  },
};

export const DIMENSION_NAMES: Readonly<Record<Locale, Readonly<Record<Dimension, string>>>> = {
  en: { economic: 'Economic', social: 'Social', psychosocial: 'Psychosocial', environmental: 'Environmental' },
  fr: { economic: 'Économique', social: 'Sociale', psychosocial: 'Psychosociale', environmental: 'Environnementale' },
};

export const MODALITY_NAMES: Readonly<Record<Locale, Readonly<Record<Modality, string>>>> = {
  en: {
    cash: 'Cash',
    inKind: 'In kind',
    voucher: 'Voucher',
    service: 'Service',
    works: 'Works',
    staff: 'Staff',
    matchingGrant: 'Matching grant',
  },
  fr: {
    cash: 'Espèces',
    inKind: 'En nature',
    voucher: 'Bon d’achat',
    service: 'Service',
    works: 'Travaux',
    staff: 'Personnel',
    matchingGrant: 'Subvention de contrepartie',
  },
};

export const SCHEDULE_NAMES: Readonly<Record<Locale, Readonly<Record<Schedule, string>>>> = {
  en: { once: 'Once', spread: 'Spread', monthly: 'Every month' },
  fr: { once: 'Une fois', spread: 'Réparti', monthly: 'Chaque mois' },
};

export const DRIVER_NAMES: Readonly<Record<Locale, Readonly<Record<DriverKind, string>>>> = {
  en: {
    fixed: 'Fixed',
    perArrival: 'Per arrival',
    perActiveCase: 'Per case-month',
    staffing: 'Staffing ratio',
    perCommunity: 'Per community',
    perProject: 'Per project',
    percentage: 'Percentage',
  },
  fr: {
    fixed: 'Fixe',
    perArrival: 'Par arrivée',
    perActiveCase: 'Par mois de cas',
    staffing: 'Ratio d’encadrement',
    perCommunity: 'Par communauté',
    perProject: 'Par projet',
    percentage: 'Pourcentage',
  },
};

/** Yes / no cells (eligibility flags). */
export const YES_NO: Readonly<Record<Locale, { yes: string; no: string }>> = {
  en: { yes: 'Yes', no: 'No' },
  fr: { yes: 'Oui', no: 'Non' },
};

/** The lists the names above are keyed by, for the importer's look-ups. */
export const CHOICES = {
  level: LEVELS,
  category: CATEGORIES,
  dimension: DIMENSIONS,
  modality: MODALITIES,
  schedule: SCHEDULES,
} as const;
