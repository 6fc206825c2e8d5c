/**
 * Every entity of a programme described ONCE: its row type, its key, its schema, its canonical form,
 * its order, how a sentence names it, what refers to it and what deleting it must do about that.
 *
 * The planner (src-shared/commands) derives the list commands, the "in use" refusals and the row
 * changes (which are also the undo diffs) from these specs; main (src-main/documents) keeps one map
 * per entity and builds the model from them; the renderer applies the same row changes to its copy.
 * How a row is stored (table, columns, codecs) is the database's business and lives beside the SQL,
 * in src-main/db/tables.ts, keyed by the same entity names, so an entity without a table does not
 * compile.
 *
 * Adding an entity (partner, synergy, scenario…) = its row type in `EntityRows`, its `Model` key in
 * `MODEL_KEYS`, one spec here, one table description in src-main/db/tables.ts, and its screen.
 */
import type { z } from 'zod';
import type { FieldCode } from '../api/codes';
import type { Locale } from '../money';
import { type Profile, profileFieldsSchema, profileSchema } from './caseload';
import {
  canonicalCurrency,
  canonicalFunder,
  canonicalLine,
  canonicalProfile,
  compareByPosition,
  compareCurrencies,
  compareLines,
} from './canonical';
import { type Currency, currencySchema, type Funder, funderFieldsSchema, funderSchema } from './finance';
import { type BudgetLine, budgetLineSchema, driverProfiles, type Model, type Programme } from './model';
import {
  canonicalPartner,
  canonicalSynergy,
  type Partner,
  partnerFieldsSchema,
  partnerSchema,
  type Synergy,
  synergyFieldsSchema,
  synergySchema,
} from './partners';
import {
  canonicalRange,
  canonicalScenario,
  type ParameterRange,
  parameterRangeSchema,
  type Scenario,
  scenarioFieldsSchema,
  scenarioSchema,
} from './scenarios';

/** The row type of each entity. */
export interface EntityRows {
  profile: Profile;
  currency: Currency;
  funder: Funder;
  line: BudgetLine;
  partner: Partner;
  synergy: Synergy;
  scenario: Scenario;
  range: ParameterRange;
}
export type EntityName = keyof EntityRows;

/** In the order rows are written into a new file: what is referred to before what refers to it. */
export const ENTITY_NAMES = [
  'profile',
  'currency',
  'funder',
  'line',
  'partner',
  'synergy',
  'scenario',
  'range',
] as const satisfies readonly EntityName[];

/** Where each entity's rows sit in a `Model`. */
export const MODEL_KEYS = {
  profile: 'profiles',
  currency: 'currencies',
  funder: 'funders',
  line: 'lines',
  partner: 'partners',
  synergy: 'synergies',
  scenario: 'scenarios',
  range: 'ranges',
} as const satisfies Record<EntityName, keyof Model>;
export type ModelKey<K extends EntityName> = (typeof MODEL_KEYS)[K];

/**
 * A way rows of entity `By` refer to a row of another entity, and what deleting that row does:
 * - 'refuse': the delete is refused, naming how many rows use it and what to do first;
 * - 'detach': the delete goes ahead and the referring rows drop the reference in the same command
 *   (one undo step puts both back).
 */
export type Reference<By extends EntityName = EntityName> = {
  [B in By]: {
    by: B;
    uses(row: EntityRows[B], key: string): boolean;
  } & (
    | {
        onDelete: 'refuse';
        /**
         * What to do first, as a sentence in each language, for one referring row or several
         * (commands/refusals.ts puts it in the refusal).
         */
        fix: Readonly<Record<Locale, (one: boolean) => string>>;
        /** The field message code of the refusal (the UI translates it). */
        code: FieldCode;
      }
    | {
        onDelete: 'detach';
        detach(row: EntityRows[B], key: string): EntityRows[B];
        /** How the summary names the referring rows, given a count: "percentage line". */
        role: string;
      }
  );
}[By];

export interface EntitySpec<K extends EntityName> {
  name: K;
  /** How a sentence names one row: "returnee profile", "budget line". */
  what: string;
  /** The short name after "that" or "those": "profile", "line". */
  short: string;
  key(row: EntityRows[K]): string;
  /** What a summary or an undo button calls the row (its name, or a currency's code). */
  label(row: EntityRows[K]): string;
  schema: z.ZodType<EntityRows[K]>;
  canonical(row: EntityRows[K]): EntityRows[K];
  /** Model order. */
  compare(a: EntityRows[K], b: EntityRows[K]): number;
  /**
   * Rows with dense positions 0..n-1 (within their group): the group a row belongs to ('' for a
   * single list; the level for budget lines). Absent for unordered entities (currencies, by code).
   */
  group?(row: EntityRows[K]): string;
  /** Field labels for summaries ("Edited the returnee profile "Adults": expected arrivals"). */
  fieldNames: Readonly<Record<string, string>>;
  /** Everything that may refer to a row of this entity. */
  referencedBy: readonly Reference[];
}

/** The add/update fields of the entities edited through the generic list commands. */
export const LIST_FIELDS = {
  profile: profileFieldsSchema,
  funder: funderFieldsSchema,
  partner: partnerFieldsSchema,
  synergy: synergyFieldsSchema,
  scenario: scenarioFieldsSchema,
} as const;
export type ListEntity = keyof typeof LIST_FIELDS;

const profile: EntitySpec<'profile'> = {
  name: 'profile',
  what: 'returnee profile',
  short: 'profile',
  key: (p) => p.id,
  label: (p) => p.name,
  schema: profileSchema,
  canonical: canonicalProfile,
  compare: compareByPosition,
  group: () => '',
  fieldNames: {
    name: 'name',
    kind: 'kind',
    unit: 'unit',
    personsPerUnit: 'persons per household',
    arrivals: 'expected arrivals',
    pattern: 'arrival pattern',
    monthly: 'monthly arrivals',
    arrivalStart: 'arrival months',
    arrivalEnd: 'arrival months',
    durationMonths: 'assistance duration',
  },
  referencedBy: [
    {
      by: 'line',
      uses: (l, id) => driverProfiles(l.driver)?.includes(id) ?? false,
      onDelete: 'refuse',
      fix: {
        en: (one) => `Remove it from the quantity driver of ${one ? 'that line' : 'those lines'} first.`,
        fr: (one) => `Retirez-le d’abord de l’inducteur de quantité de ${one ? 'cette ligne' : 'ces lignes'}.`,
      },
      code: 'profile.inUse',
    },
    {
      // A public service take-over that named the profile covers the others it names (or all).
      by: 'synergy',
      uses: (s, id) => s.profileIds.includes(id),
      onDelete: 'detach',
      detach: (s, id) => canonicalSynergy({ ...s, profileIds: s.profileIds.filter((x) => x !== id) }),
      role: 'synergy',
    },
  ],
};

const currency: EntitySpec<'currency'> = {
  name: 'currency',
  what: 'local currency',
  short: 'currency',
  key: (c) => c.code,
  label: (c) => c.code,
  schema: currencySchema,
  canonical: canonicalCurrency,
  compare: compareCurrencies,
  fieldNames: { rates: 'exchange rates', inflation: 'inflation' },
  referencedBy: [
    {
      by: 'line',
      uses: (l, code) => l.currency === code,
      onDelete: 'refuse',
      fix: {
        en: (one) => `Enter ${one ? 'that line' : 'those lines'} in another currency first.`,
        fr: (one) => `Saisissez d’abord ${one ? 'cette ligne' : 'ces lignes'} dans une autre devise.`,
      },
      code: 'currency.inUse',
    },
  ],
};

const funder: EntitySpec<'funder'> = {
  name: 'funder',
  what: 'funding source',
  short: 'funding source',
  key: (f) => f.id,
  label: (f) => f.name,
  schema: funderSchema,
  canonical: canonicalFunder,
  compare: compareByPosition,
  group: () => '',
  fieldNames: {
    name: 'name',
    type: 'type',
    status: 'status',
    ceiling: 'ceiling',
    conditionalOnMatch: 'condition on match funding',
  },
  referencedBy: [
    {
      by: 'line',
      uses: (l, id) => l.funding.some((f) => f.funderId === id),
      onDelete: 'refuse',
      fix: {
        en: (one) => `Remove it from the funding split of ${one ? 'that line' : 'those lines'} first.`,
        fr: (one) => `Retirez-la d’abord de la répartition du financement de ${one ? 'cette ligne' : 'ces lignes'}.`,
      },
      code: 'funder.inUse',
    },
    {
      by: 'synergy',
      uses: (s, id) => s.funderId === id,
      onDelete: 'refuse',
      fix: {
        en: (one) => `Choose another funding source for ${one ? 'that synergy' : 'those synergies'} first.`,
        fr: (one) =>
          `Choisissez d’abord une autre source de financement pour ${one ? 'cette synergie' : 'ces synergies'}.`,
      },
      code: 'funder.inUse',
    },
  ],
};

const line: EntitySpec<'line'> = {
  name: 'line',
  what: 'budget line',
  short: 'line',
  key: (l) => l.id,
  label: (l) => l.name,
  schema: budgetLineSchema,
  canonical: canonicalLine,
  compare: compareLines,
  group: (l) => l.level,
  fieldNames: {
    name: 'name',
    category: 'category',
    dimension: 'dimension',
    modality: 'modality',
    unitLabel: 'unit',
    unitCost: 'unit cost',
    justification: 'justification',
    eligibleIndirect: 'indirect-cost eligibility',
    eligibleContingency: 'contingency eligibility',
    currency: 'currency',
    funding: 'funding split',
    beneficiariesPerUnit: 'beneficiaries per unit',
    nonMigrantShare: 'non-migrant share',
    outputs: 'outputs per unit',
    mtdcExclusion: 'MTDC exclusion',
  },
  referencedBy: [
    {
      // A percentage line that counts a deleted line in its base no longer does.
      by: 'line',
      uses: (l, id) => l.driver.kind === 'percentage' && l.driver.lineIds.includes(id),
      onDelete: 'detach',
      detach: (l, id) =>
        l.driver.kind === 'percentage'
          ? canonicalLine({ ...l, driver: { ...l.driver, lineIds: l.driver.lineIds.filter((x) => x !== id) } })
          : l,
      role: 'percentage line',
    },
    {
      // A synergy no longer acts on a deleted line (one undo puts both back).
      by: 'synergy',
      uses: (s, id) => s.lineIds.includes(id),
      onDelete: 'detach',
      detach: (s, id) => canonicalSynergy({ ...s, lineIds: s.lineIds.filter((x) => x !== id) }),
      role: 'synergy',
    },
  ],
};

const partner: EntitySpec<'partner'> = {
  name: 'partner',
  what: 'partner programme',
  short: 'partner',
  key: (p) => p.id,
  label: (p) => p.name,
  schema: partnerSchema,
  canonical: canonicalPartner,
  compare: compareByPosition,
  group: () => '',
  fieldNames: {
    name: 'name',
    organisation: 'organisation',
    type: 'type',
    startMonth: 'dates',
    endMonth: 'dates',
    notes: 'notes',
  },
  referencedBy: [
    {
      by: 'synergy',
      uses: (s, id) => s.partnerId === id,
      onDelete: 'refuse',
      fix: {
        en: (one) =>
          one
            ? 'Delete that synergy first, or move it to another partner.'
            : 'Delete those synergies first, or move them to another partner.',
        fr: (one) =>
          one
            ? 'Supprimez d’abord cette synergie, ou rattachez-la à un autre partenaire.'
            : 'Supprimez d’abord ces synergies, ou rattachez-les à un autre partenaire.',
      },
      code: 'partner.inUse',
    },
  ],
};

const synergy: EntitySpec<'synergy'> = {
  name: 'synergy',
  what: 'synergy',
  short: 'synergy',
  key: (s) => s.id,
  label: (s) => s.name,
  schema: synergySchema,
  canonical: canonicalSynergy,
  compare: compareByPosition,
  group: () => '',
  fieldNames: {
    partnerId: 'partner',
    name: 'name',
    effect: 'parameters',
    lineIds: 'target lines',
    profileIds: 'target profiles',
    firstMonth: 'months',
    lastMonth: 'months',
    commitment: 'commitment',
    status: 'status',
    confidence: 'confidence',
    funderId: 'funding source',
    notes: 'notes',
  },
  referencedBy: [],
};

// A scenario names lines, profiles, currencies and synergies in its overlay, but nothing refuses or
// rewrites a delete for it: an override of something the baseline no longer has is reported where
// the scenario is shown, and left out of what it computes (engine/resolve.ts).
const scenario: EntitySpec<'scenario'> = {
  name: 'scenario',
  what: 'scenario',
  short: 'scenario',
  key: (s) => s.id,
  label: (s) => s.name,
  schema: scenarioSchema,
  canonical: canonicalScenario,
  compare: compareByPosition,
  group: () => '',
  fieldNames: { name: 'name', description: 'description', overlay: 'overrides' },
  referencedBy: [],
};

const range: EntitySpec<'range'> = {
  name: 'range',
  what: 'uncertainty range',
  short: 'range',
  key: (r) => r.id,
  label: (r) => r.id,
  schema: parameterRangeSchema as unknown as z.ZodType<ParameterRange>,
  canonical: canonicalRange,
  compare: (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  fieldNames: { low: 'low', likely: 'likely', high: 'high' },
  referencedBy: [],
};

export const ENTITIES: { readonly [K in EntityName]: EntitySpec<K> } = {
  profile,
  currency,
  funder,
  line,
  partner,
  synergy,
  scenario,
  range,
};

/**
 * One row as it is after a command, an undo or a redo (null: the row no longer exists): what a
 * Delta carries and what src-shared/commands/apply.ts applies.
 */
export type RowWrite =
  | { table: 'programme'; row: Programme }
  | { [N in EntityName]: { table: N; id: string; row: EntityRows[N] | null } }[EntityName];

/** The rows of entity `name` in a model. */
export function modelRows<K extends EntityName>(model: Model, name: K): readonly EntityRows[K][] {
  return model[MODEL_KEYS[name]] as unknown as readonly EntityRows[K][];
}
