/**
 * How each entity is stored: its table, its columns and their codecs, keyed by the entity names of
 * src-shared/model/entities.ts (which says everything else about the entity: schema, canonical
 * form, order, references). The repository derives every read, upsert and delete from these, so a
 * new entity is one spec there and one table here (plus its migration); an entity without a table
 * does not compile.
 */
import {
  canonicalProgramme,
  ENTITIES,
  type EntityName,
  type EntityRows,
  type Programme,
  programmeSchema,
} from '../../src-shared/model';

/** What `safeParse` of a model schema gives (zod's result, as far as the mapping needs it). */
type Parsed<T> =
  | { success: true; data: T }
  | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };

/**
 * How one table maps to one model type. Each column holds the model field of the same name in
 * camelCase (`unit_label` is `unitLabel`); `bool` columns are stored 0/1 and `json` ones as JSON text,
 * every other column as it is.
 */
export interface TableMap<T> {
  table: string;
  /** Every column, in the order of the model's keys. */
  columns: readonly string[];
  /** The column that identifies a row (upserts, deletes, messages); none for the single programme row. */
  key?: string;
  bool?: readonly string[];
  json?: readonly string[];
  /** Names a row in StoredDataError messages, followed by its key: "line L1", "programme". */
  what: string;
  schema: { safeParse(input: unknown): Parsed<T> };
  canonical(value: T): T;
}

export function columns(list: string): readonly string[] {
  return list.split(',').map((c) => c.trim());
}

/** The storage half of a table description; the schema and canonical form come from the entity spec. */
type Storage = Pick<TableMap<unknown>, 'table' | 'columns' | 'key' | 'bool' | 'json'>;

function entityTable<K extends EntityName>(name: K, storage: Storage): TableMap<EntityRows[K]> {
  const spec = ENTITIES[name];
  return {
    ...storage,
    what: name,
    schema: spec.schema as unknown as TableMap<EntityRows[K]>['schema'],
    canonical: spec.canonical as (value: EntityRows[K]) => EntityRows[K],
  };
}

export const PROGRAMME: TableMap<Programme> = {
  table: 'programme',
  columns: columns(
    'title, reporting_currency, start_month, duration_months, indirect_rate, contingency_rate, author, notes, donor_profile, communities, inflation, indirect_base, eu_agreement, us_award_date, us_nicra',
  ),
  json: ['us_nicra'],
  what: 'programme',
  schema: programmeSchema,
  canonical: canonicalProgramme,
};

export const TABLES: { readonly [K in EntityName]: TableMap<EntityRows[K]> } = {
  profile: entityTable('profile', {
    table: 'profile',
    columns: columns(
      'id, position, name, kind, unit, persons_per_unit, arrivals, pattern, monthly, arrival_start, arrival_end, duration_months',
    ),
    key: 'id',
    json: ['monthly'],
  }),
  currency: entityTable('currency', {
    table: 'currency',
    columns: columns('code, rates, inflation'),
    key: 'code',
    json: ['rates'],
  }),
  funder: entityTable('funder', {
    table: 'funder',
    columns: columns('id, position, name, type, status, ceiling, conditional_on_match'),
    key: 'id',
    bool: ['conditional_on_match'],
  }),
  line: entityTable('line', {
    table: 'budget_line',
    columns: columns(
      'id, level, position, name, category, dimension, modality, unit_label, unit_cost, driver, justification, eligible_indirect, eligible_contingency, currency, funding, beneficiaries_per_unit, non_migrant_share, outputs, mtdc_exclusion',
    ),
    key: 'id',
    bool: ['eligible_indirect', 'eligible_contingency'],
    json: ['driver', 'funding', 'outputs'],
  }),
  partner: entityTable('partner', {
    table: 'partner',
    columns: columns('id, position, name, organisation, type, start_month, end_month, notes'),
    key: 'id',
  }),
  synergy: entityTable('synergy', {
    table: 'synergy',
    columns: columns(
      'id, position, partner_id, name, effect, line_ids, profile_ids, first_month, last_month, commitment, status, confidence, funder_id, notes',
    ),
    key: 'id',
    json: ['effect', 'line_ids', 'profile_ids'],
  }),
  scenario: entityTable('scenario', {
    table: 'scenario',
    columns: columns('id, position, name, description, overlay'),
    key: 'id',
    json: ['overlay'],
  }),
  range: entityTable('range', {
    table: 'parameter_range',
    columns: columns('id, low, likely, high'),
    key: 'id',
  }),
};
