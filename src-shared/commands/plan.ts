/**
 * Commands as pure plans, written ONCE for main and the renderer: given the current model and a
 * command, work out the row-level changes (before/after of every row it touches), a short English
 * summary and what the undo button names, or refuse with an ApiFailure. No I/O here. Main applies
 * a plan in one transaction and keeps its changes for undo; the renderer applies the same changes to
 * its copy at once (commands/apply.ts), so the screen moves before main answers, and main's answer
 * can only confirm or refuse.
 *
 * The entity specs (src-shared/model/entities.ts) say what refers to what: deletes, "in use"
 * refusals and the add/update/delete/move of profiles and funding sources are derived from them.
 *
 * Decisions worth knowing:
 * - Ids are made by whoever creates the row (the renderer: UUIDv7, see ids.ts) and carried by the
 *   command (`id`, or `newId` for a duplicate). An id already used by a line, profile or funding
 *   source is refused ('id.taken'), so replaying a command cannot create a second row.
 * - `line.duplicate` takes the copy's name from the command when given: the renderer adds
 *   "(copy)" / "(copie)" in the user's language, so the suffix is decided where the language is
 *   known, and the data holds whatever name the user saw. Without a name the copy keeps the
 *   original's. The copy is placed right after the original, in the same level.
 * - `*.update` patches replace top-level fields; `driver` and `funding` are replaced whole.
 * - A command that changes nothing (same values, a move to where the row already is) plans no
 *   changes; DocumentService then records nothing (no undo step, no change-log row).
 * - Positions are dense (0..n-1) within a level (lines) or list (profiles, funders) after every
 *   command. Local currencies have no position: they are listed by code.
 * - References are kept whole: a line names only profiles, funders, local currencies and base lines
 *   that exist, so deleting a profile, funder or currency a line names is refused ('*.inUse');
 *   deleting a line removes it from the base of every percentage line in the same command (one
 *   undo step restores both).
 * - A funding split under 100 % IS saved: it is a finding of the checks panel, not a refusal, and
 *   the engine shows the gap as "unfunded" (never rescaled). A split over 100 % is refused where it
 *   is entered ('funding.over'): the sources cannot pay more than the line costs. (An older file
 *   may hold one; editing another field of that line is still allowed, and the check flags it.)
 *   Shares outside 0..1 and unknown or repeated funders are refused.
 * - Changing the reporting currency moves the lines entered in the old reporting currency to the
 *   new one (amounts unchanged: the currency was mislabelled, not converted); a code that is
 *   already a local currency is refused ('currency.duplicate').
 */
import { ApiFailure, type Command, type FieldCode, type HistoryLabel } from '../api';
import {
  type BudgetLine,
  canonicalLine,
  canonicalProgramme,
  type Currency,
  currencySchema,
  type Driver,
  ENTITIES,
  type EntityName,
  type EntityRows,
  type EntitySpec,
  type Level,
  LIST_FIELDS,
  type LineFields,
  lineFieldsSchema,
  type LineReferences,
  type ListEntity,
  MODEL_KEYS,
  type PartnerFields,
  type ProfileFields,
  type Programme,
  programmeSchema,
  defaultIndirectBase,
  type Reference,
  type ScenarioFields,
  type SynergyFields,
  durationEffects,
  shareSum,
  validateLineAgainstProgramme,
  validateLineReferences,
  validatePartnerFields,
  validateProfileAgainstProgramme,
  validateSynergyReferences,
} from '../model';
import { cmp, type Locale, ONE } from '../money';
import {
  planRangeDelete,
  planRangePut,
  planScenarioDuplicate,
  planScenarioEdit,
  planScenarioPromote,
  planScenarioRevert,
  planScenarioSetOff,
  scenarioNameTaken,
} from './scenarios';
import { fieldsFromZod, validationFailure } from './validation';
import { inUseSentence, shortenedSentence } from './refusals';

/** One row of one entity before and after a command (null: the row does not exist then). */
export type EntityChange<K extends EntityName = EntityName> = {
  [N in K]: { table: N; id: string; before: EntityRows[N] | null; after: EntityRows[N] | null };
}[K];

/** What a command does to the stored programme, row by row; also what undo and redo replay. */
export type RowChange = { table: 'programme'; before: Programme; after: Programme } | EntityChange;

export interface Plan {
  /** English, for the change log and the README's examples ("Edited "Cash grant": unit cost"). */
  summary: string;
  /** What undo or redo would act on, for the UI to put in words in the user's language. */
  label: HistoryLabel;
  changes: RowChange[];
}

/** The model as maps by key: what the planner reads. Main keeps one; the renderer derives one (apply.ts). */
export interface ModelState {
  readonly programme: Programme;
  readonly lines: ReadonlyMap<string, BudgetLine>;
  readonly profiles: ReadonlyMap<string, EntityRows['profile']>;
  /** Local currencies by code. */
  readonly currencies: ReadonlyMap<string, Currency>;
  readonly funders: ReadonlyMap<string, EntityRows['funder']>;
  readonly partners: ReadonlyMap<string, EntityRows['partner']>;
  readonly synergies: ReadonlyMap<string, EntityRows['synergy']>;
  readonly scenarios: ReadonlyMap<string, EntityRows['scenario']>;
  /** Uncertainty ranges by key parameter id. */
  readonly ranges: ReadonlyMap<string, EntityRows['range']>;
}

/** The rows of one entity in a state, by key. */
export function stateRows<K extends EntityName>(state: ModelState, name: K): ReadonlyMap<string, EntityRows[K]> {
  return state[MODEL_KEYS[name]] as unknown as ReadonlyMap<string, EntityRows[K]>;
}

const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  individual: 'individual',
  community: 'community',
  structural: 'structural',
  support: 'programme support',
};

const PROGRAMME_FIELD_NAMES: Readonly<Record<keyof Programme, string>> = {
  title: 'title',
  reportingCurrency: 'reporting currency',
  startMonth: 'start month',
  durationMonths: 'duration',
  indirectRate: 'indirect cost rate',
  contingencyRate: 'contingency rate',
  author: 'author',
  notes: 'notes',
  donorProfile: 'donor rules',
  communities: 'communities',
  inflation: 'inflation',
  indirectBase: 'indirect cost base',
  euAgreement: 'EU agreement',
  usAwardDate: 'award date',
  usNicra: 'negotiated indirect cost rate',
};

/** Driver parameters in the order a summary names them; start and end are both "months". */
const DRIVER_FIELD_NAMES: readonly (readonly [string, string])[] = [
  ['quantity', 'quantity'],
  ['casesPerStaff', 'cases per staff member'],
  ['min', 'minimum staff'],
  ['max', 'maximum staff'],
  ['returneesPerProject', 'returnees per project'],
  ['rate', 'percentage'],
  ['takeUp', 'take-up'],
  ['offset', 'offset'],
  ['profileIds', 'profiles'],
  ['levels', 'base levels'],
  ['lineIds', 'base lines'],
  ['schedule', 'schedule'],
  ['start', 'months'],
  ['end', 'months'],
];

/**
 * Plans `cmd` against `state`. Throws ApiFailure when the command is refused; a whole-sentence
 * refusal (a delete others depend on, a programme shortened past its lines) is written in `locale`
 * (commands/refusals.ts).
 */
export function planCommand(state: ModelState, cmd: Command, locale: Locale = 'en'): Plan {
  const { summary, changes } = planChanges(state, cmd, locale);
  return { summary, changes, label: historyLabel(cmd, state, changes) };
}

function planChanges(state: ModelState, cmd: Command, locale: Locale): Omit<Plan, 'label'> {
  switch (cmd.type) {
    case 'programme.update':
      return planProgrammeUpdate(state, cmd.patch, cmd.clip === true, locale);
    case 'line.add':
      return planAdd(state, cmd.id, cmd.level, cmd.afterId ?? null, cmd.fields);
    case 'line.update':
      return planLineUpdate(state, cmd.id, cmd.patch);
    case 'line.duplicate':
      return planDuplicate(state, cmd.id, cmd.newId, cmd.name);
    case 'line.delete':
      return planDelete('line', state, cmd.id, locale);
    case 'line.import':
      return planImport(state, cmd.level, cmd.source, cmd.lines);
    case 'line.move':
      return planMove(state, cmd.id, cmd.level, cmd.index);
    // The ordered lists (returnee profiles, funding sources, partners, synergies): four commands each.
    case 'profile.add':
    case 'funder.add':
    case 'partner.add':
    case 'synergy.add':
    case 'scenario.add':
      return planListAdd(listOf(cmd.type), state, cmd.id, cmd.fields);
    case 'profile.update':
    case 'funder.update':
    case 'partner.update':
    case 'synergy.update':
    case 'scenario.update':
      return planListUpdate(listOf(cmd.type), state, cmd.id, cmd.patch);
    case 'profile.delete':
    case 'funder.delete':
    case 'partner.delete':
    case 'synergy.delete':
    case 'scenario.delete':
      return planDelete(listOf(cmd.type), state, cmd.id, locale);
    case 'profile.move':
    case 'funder.move':
    case 'partner.move':
    case 'synergy.move':
    case 'scenario.move':
      return planListMove(listOf(cmd.type), state, cmd.id, cmd.index);
    case 'currency.put':
      return planCurrencyPut(state, cmd.currency);
    case 'currency.delete':
      return planDelete('currency', state, cmd.code, locale);
    // Scenarios and uncertainty ranges (commands/scenarios.ts).
    case 'scenario.duplicate':
      return planScenarioDuplicate(state, cmd.id, cmd.newId, cmd.name);
    case 'scenario.promote':
      return planScenarioPromote(state, cmd.id);
    case 'scenario.edit':
      return planScenarioEdit(state, cmd.scenario, cmd.command);
    case 'scenario.setOff':
      return planScenarioSetOff(state, cmd.scenario, cmd.kind, cmd.id, cmd.off);
    case 'scenario.revert':
      return planScenarioRevert(state, cmd.scenario, cmd.kind, cmd.id, cmd.field);
    case 'range.put':
      return planRangePut(state, cmd.range);
    case 'range.delete':
      return planRangeDelete(state, cmd.id);
  }
}

/** The list entity a command of the generic list commands acts on ("profile.add" -> "profile"). */
function listOf(type: `${ListEntity}.${string}`): ListEntity {
  return type.slice(0, type.indexOf('.')) as ListEntity;
}

/** The name of what a command acts on: the row it creates, or the row it names before the command. */
function historyLabel(cmd: Command, state: ModelState, changes: readonly RowChange[]): HistoryLabel {
  const action = cmd.type;
  if (cmd.type === 'programme.update') return { action, name: null };
  if (cmd.type === 'line.import') return { action, name: cmd.source };
  if ('scenario' in cmd) return { action, name: state.scenarios.get(cmd.scenario)?.name ?? null };
  if (cmd.type === 'range.put') return { action, name: cmd.range.id };
  if (cmd.type === 'range.delete') return { action, name: cmd.id };
  if (cmd.type === 'currency.put') return { action, name: cmd.currency.code };
  if (cmd.type === 'currency.delete') return { action, name: cmd.code };
  const name = cmd.type.slice(0, cmd.type.indexOf('.')) as EntityName;
  if (cmd.type.endsWith('.add')) {
    const created = changes.find((c) => c.table === name && c.before === null);
    return { action, name: created && created.table !== 'programme' && created.after ? rowLabel(created) : null };
  }
  const row = stateRows(state, name).get('id' in cmd ? cmd.id : '');
  return { action, name: row ? (ENTITIES[name] as EntitySpec<EntityName>).label(row) : null };
}

function rowLabel(change: EntityChange): string | null {
  const row = change.after ?? change.before;
  return row ? (ENTITIES[change.table] as EntitySpec<EntityName>).label(row) : null;
}

/** Lines of one level in position order. */
export function levelLines(state: ModelState, level: Level): BudgetLine[] {
  const out: BudgetLine[] = [];
  for (const l of state.lines.values()) if (l.level === level) out.push(l);
  return out.sort(ENTITIES.line.compare);
}

function references(state: ModelState): LineReferences {
  return {
    reportingCurrency: state.programme.reportingCurrency,
    currencies: state.currencies,
    profiles: state.profiles,
    funders: state.funders,
    lines: state.lines,
  };
}

/**
 * A new row's id must be free: ids are unique across lines, profiles and funding sources (a
 * percentage base, a driver or a split names them without saying which kind they are).
 */
function checkNewId(state: ModelState, id: string, field: string): void {
  if (state.lines.has(id) || state.profiles.has(id) || state.funders.has(id)) {
    throw validationFailure({ [field]: 'id.taken' });
  }
}

// --- programme -----------------------------------------------------------------------------------

function planProgrammeUpdate(
  state: ModelState,
  patch: Partial<Programme>,
  clip: boolean,
  locale: Locale,
): Omit<Plan, 'label'> {
  const before = state.programme;
  // Decision: a change of donor profile brings the new profile's indirect cost base with it, in the
  // same undoable step, when the base was the old profile's default (a base the person chose
  // themselves, or one the same patch sets, is kept): an EU programme computes on direct cost +
  // contingency, a US one on MTDC, without a second edit that is easy to forget.
  const given = definedOnly(patch);
  if (
    given.donorProfile !== undefined &&
    given.donorProfile !== before.donorProfile &&
    given.indirectBase === undefined &&
    before.indirectBase === defaultIndirectBase(before.donorProfile)
  ) {
    given.indirectBase = defaultIndirectBase(given.donorProfile);
  }
  const parsed = programmeSchema.safeParse({ ...before, ...given });
  if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error));
  const after = canonicalProgramme(parsed.data);

  if (after.reportingCurrency !== before.reportingCurrency && state.currencies.has(after.reportingCurrency)) {
    throw validationFailure({ reportingCurrency: 'currency.duplicate' }, { code: after.reportingCurrency });
  }

  // Decision: lines that ran to the old end follow the new one (longer or shorter): that is what
  // a line left at its default window means. Others past a shorter end are clipped only when the
  // command asks (the UI lists them and offers it); otherwise the change is refused, naming them.
  const effects = durationEffects(state.lines.values(), before.durationMonths, after.durationMonths);
  if (after.durationMonths < before.durationMonths) {
    const stuck = clip ? effects.blocked : [...effects.blocked, ...effects.clip];
    let profiles = 0;
    for (const p of state.profiles.values()) {
      if (Object.keys(validateProfileAgainstProgramme(p, after)).length > 0) profiles++;
    }
    const lines = stuck.length;
    if (lines > 0 || profiles > 0) {
      const names = stuck.slice(0, 3).map((l) => l.name);
      throw new ApiFailure(
        'validation',
        shortenedSentence(locale, { months: after.durationMonths, lines, names, profiles }),
        { durationMonths: lines > 0 ? 'duration.linesOutside' : 'duration.profilesOutside' },
        locale,
      );
    }
  }

  const changed = (Object.keys(PROGRAMME_FIELD_NAMES) as (keyof Programme)[]).filter((k) =>
    k === 'usNicra'
      ? before.usNicra?.rate !== after.usNicra?.rate || before.usNicra?.base !== after.usNicra?.base
      : before[k] !== after[k],
  );
  if (changed.length === 0) return noChange();
  const changes: RowChange[] = [{ table: 'programme', before, after }];
  // Lines changed with the programme: windows that follow or are clipped, and lines entered in a
  // renamed reporting currency (one change per line, both applied).
  const lineAfter = new Map<string, BudgetLine>();
  for (const l of [...effects.follow, ...(clip ? effects.clip : [])]) lineAfter.set(l.id, canonicalLine(l));
  if (after.reportingCurrency !== before.reportingCurrency) {
    for (const l of state.lines.values()) {
      if (l.currency !== before.reportingCurrency) continue;
      lineAfter.set(l.id, { ...(lineAfter.get(l.id) ?? l), currency: after.reportingCurrency });
    }
  }
  for (const [id, l] of lineAfter) {
    const was = state.lines.get(id);
    if (was) changes.push({ table: 'line', id, before: was, after: l });
  }
  const windows: string[] = [];
  if (effects.follow.length > 0) {
    const n = effects.follow.length;
    windows.push(`${n} ${n === 1 ? 'line follows' : 'lines follow'} the new end`);
  }
  if (clip && effects.clip.length > 0) {
    const n = effects.clip.length;
    windows.push(`${n} ${n === 1 ? 'line' : 'lines'} clipped to month ${after.durationMonths}`);
  }
  return {
    summary: `Edited programme settings: ${changed.map((k) => PROGRAMME_FIELD_NAMES[k]).join(', ')}${windows.length > 0 ? ` (${windows.join('; ')})` : ''}`,
    changes,
  };
}

// --- budget lines --------------------------------------------------------------------------------

function checkedFields(fields: unknown, state: ModelState, prefix: string[], lineId?: string): LineFields {
  const parsed = lineFieldsSchema.safeParse(fields);
  if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error, prefix));
  const cross = {
    ...validateLineAgainstProgramme(parsed.data, state.programme),
    ...validateLineReferences(parsed.data, references(state), lineId),
  };
  if (Object.keys(cross).length > 0) {
    throw validationFailure(cross, { durationMonths: state.programme.durationMonths, code: parsed.data.currency });
  }
  return parsed.data;
}

/** A split over 100 % would have the sources pay more than the line costs ('funding.over'). */
function checkFundingNotOver(fields: LineFields, prefix: string): void {
  if (cmp(shareSum(fields.funding), ONE) > 0) throw validationFailure({ [`${prefix}.funding`]: 'funding.over' });
}

function planAdd(
  state: ModelState,
  id: string,
  level: Level,
  afterId: string | null,
  fields: LineFields,
): Omit<Plan, 'label'> {
  checkNewId(state, id, 'id');
  const valid = checkedFields(fields, state, ['fields']);
  checkFundingNotOver(valid, 'fields');
  const siblings = levelLines(state, level);
  let index = siblings.length;
  if (afterId !== null) {
    const after = state.lines.get(afterId);
    if (!after) throw notFound('budget line', afterId);
    if (after.level !== level) throw validationFailure({ afterId: 'line.otherLevel' });
    index = siblings.findIndex((l) => l.id === afterId) + 1;
  }
  const line = canonicalLine({ ...valid, id, level, position: index });
  const changes: RowChange[] = [{ table: 'line', id: line.id, before: null, after: line }];
  changes.push(...renumber('line', placeAt(siblings, line, index).ordered, new Set([line.id]), level));
  return { summary: `Added ${quote(line.name)} to the ${LEVEL_LABELS[level]} level`, changes };
}

/**
 * Lines read from a spreadsheet, appended to `level` in order: each checked as planAdd checks one
 * (id free and not repeated, fields, window, references, funding), all or none. A refusal names the
 * line (its place in the command and its name) and its fields are `lines.<i>.<field>`.
 */
function planImport(
  state: ModelState,
  level: Level,
  source: string,
  lines: readonly { id: string; fields: LineFields }[],
): Omit<Plan, 'label'> {
  const start = levelLines(state, level).length;
  const ids = new Set<string>();
  const changes: RowChange[] = [];
  lines.forEach(({ id, fields }, i) => {
    try {
      checkNewId(state, id, 'id');
      if (ids.has(id)) throw validationFailure({ id: 'id.taken' });
      ids.add(id);
      const valid = checkedFields(fields, state, ['fields']);
      checkFundingNotOver(valid, 'fields');
      const line = canonicalLine({ ...valid, id, level, position: start + i });
      changes.push({ table: 'line', id, before: null, after: line });
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      const prefixed: Record<string, FieldCode> = {};
      for (const [k, v] of Object.entries(err.fields ?? {})) prefixed[`lines.${i}.${k.replace(/^fields\./, '')}`] = v;
      throw new ApiFailure(
        err.code,
        `Imported line ${i + 1} (${quote(typeof fields.name === 'string' ? fields.name : '')}): ${err.message.replace('Nothing was saved.', 'Nothing was imported.')}`,
        prefixed,
      );
    }
  });
  const n = changes.length;
  return {
    summary: `Imported ${n === 1 ? '1 line' : `${n} lines`} from ${quote(source)} to the ${LEVEL_LABELS[level]} level`,
    changes,
  };
}

function planLineUpdate(state: ModelState, id: string, patch: Partial<LineFields>): Omit<Plan, 'label'> {
  const before = state.lines.get(id);
  if (!before) throw notFound('budget line', id);
  const { id: _id, level: _level, position: _position, ...current } = before;
  const valid = checkedFields({ ...current, ...definedOnly(patch) }, state, ['patch'], id);
  if (patch.funding !== undefined) checkFundingNotOver(valid, 'patch');
  const after = canonicalLine({ ...valid, id, level: before.level, position: before.position });

  const changed = changedLabels(before, after, ENTITIES.line.fieldNames);
  changed.push(...driverChanges(before.driver, after.driver));
  if (changed.length === 0) return noChange();
  return {
    summary: `Edited ${quote(before.name)}: ${changed.join(', ')}`,
    changes: [{ table: 'line', id, before, after }],
  };
}

/** What changed between two drivers, as the words of a summary. */
function driverChanges(before: Driver, after: Driver): string[] {
  if (before.kind !== after.kind) return ['quantity driver'];
  const b = new Map<string, unknown>(Object.entries(before));
  const a = new Map<string, unknown>(Object.entries(after));
  const out: string[] = [];
  for (const [key, label] of DRIVER_FIELD_NAMES) {
    if (!sameValue(b.get(key), a.get(key)) && !out.includes(label)) out.push(label);
  }
  return out;
}

function planDuplicate(state: ModelState, id: string, newId: string, name?: string): Omit<Plan, 'label'> {
  const original = state.lines.get(id);
  if (!original) throw notFound('budget line', id);
  checkNewId(state, newId, 'newId');
  const siblings = levelLines(state, original.level);
  const index = siblings.findIndex((l) => l.id === id) + 1;
  const copy = canonicalLine({ ...original, id: newId, position: index, name: name ?? original.name });
  const changes: RowChange[] = [{ table: 'line', id: copy.id, before: null, after: copy }];
  changes.push(...renumber('line', placeAt(siblings, copy, index).ordered, new Set([copy.id]), original.level));
  return { summary: `Duplicated ${quote(original.name)}`, changes };
}

function planMove(state: ModelState, id: string, level: Level, index: number): Omit<Plan, 'label'> {
  const line = state.lines.get(id);
  if (!line) throw notFound('budget line', id);
  const source = levelLines(state, line.level).filter((l) => l.id !== id);
  const target = line.level === level ? source : levelLines(state, level);
  const { ordered, at } = placeAt(target, line, index);
  const changes = renumber('line', ordered, new Set(), level);
  if (line.level !== level) changes.push(...renumber('line', source, new Set(), line.level));
  if (changes.length === 0) return noChange();
  const where =
    line.level === level
      ? `to position ${at + 1} in the ${LEVEL_LABELS[level]} level`
      : `to the ${LEVEL_LABELS[level]} level, position ${at + 1}`;
  return { summary: `Moved ${quote(line.name)} ${where}`, changes };
}

// --- deletes, derived from the entity specs --------------------------------------------------------

/**
 * Deletes the row `key` of entity `name`. Every reference the spec lists is honoured: rows that
 * refer to it either make the delete refused ('refuse', naming how many and the first), or drop the
 * reference in the same command ('detach'). The rest of the row's group is renumbered.
 */
function planDelete<K extends EntityName>(
  name: K,
  state: ModelState,
  key: string,
  locale: Locale,
): Omit<Plan, 'label'> {
  const spec = ENTITIES[name] as EntitySpec<EntityName>;
  const row = stateRows(state, name).get(key);
  if (!row) throw notFound(spec.what, key, name === 'currency');
  const changes: RowChange[] = [{ table: name, id: key, before: row, after: null } as EntityChange];
  const group = spec.group?.(row);
  if (group !== undefined) {
    const rest = groupRows(state, name, group).filter((r) => spec.key(r) !== key);
    changes.push(...renumber(name, rest, new Set(), group));
  }
  const detached: string[] = [];
  for (const ref of spec.referencedBy) {
    const users = referringRows(state, ref, key, name === ref.by ? key : null);
    if (users.length === 0) continue;
    if (ref.onDelete === 'refuse')
      throw inUse(
        name,
        row,
        ref.by,
        users,
        ref.fix[locale](users.length === 1),
        name === 'currency' ? 'code' : 'id',
        ref.code,
        locale,
      );
    for (const user of users) detachIn(changes, ref, user, key);
    detached.push(users.length === 1 ? `1 ${ref.role}` : `${users.length} ${ref.role}s`);
  }
  let summary =
    name === 'line'
      ? `Deleted ${quote(spec.label(row))} from the ${LEVEL_LABELS[(row as BudgetLine).level]} level`
      : `Deleted ${deleteSubject(name, row).replace(/^The /, 'the ')}`;
  if (detached.length > 0) summary += ` (and from the base of ${detached.join(' and ')})`;
  return { summary, changes };
}

/** "The returnee profile "Adults"", "The local currency XOF". */
function deleteSubject(name: EntityName, row: EntityRows[EntityName]): string {
  const spec = ENTITIES[name] as EntitySpec<EntityName>;
  if (name === 'line') return `The ${spec.what} ${quote(spec.label(row))}`;
  return name === 'currency' ? `The ${spec.what} ${spec.label(row)}` : `The ${spec.what} ${quote(spec.label(row))}`;
}

/** Rows of `ref.by` that refer to `key` (not `self`), in model order. */
function referringRows(state: ModelState, ref: Reference, key: string, self: string | null): EntityRows[EntityName][] {
  const spec = ENTITIES[ref.by] as EntitySpec<EntityName>;
  const uses = ref.uses as (row: EntityRows[EntityName], key: string) => boolean;
  const out: EntityRows[EntityName][] = [];
  for (const row of stateRows(state, ref.by).values()) {
    if (uses(row, key) && (self === null || spec.key(row) !== self)) out.push(row);
  }
  return out.sort(spec.compare);
}

/** Records `user` without its reference to `key`, merging with a change already planned for it. */
function detachIn(changes: RowChange[], ref: Reference, user: EntityRows[EntityName], key: string): void {
  if (ref.onDelete !== 'detach') return;
  const spec = ENTITIES[ref.by] as EntitySpec<EntityName>;
  const detach = ref.detach as (row: EntityRows[EntityName], key: string) => EntityRows[EntityName];
  const id = spec.key(user);
  const planned = changes.find((c): c is EntityChange => c.table === ref.by && c.id === id);
  if (planned?.after) planned.after = detach(planned.after, key) as never;
  else changes.push({ table: ref.by, id, before: user, after: detach(user, key) } as EntityChange);
}

/**
 * The refusal of a delete that other rows depend on: how many, the first one's name, and what to
 * do (`fix`, in `locale`), as commands/refusals.ts words it.
 */
function inUse(
  name: EntityName,
  row: EntityRows[EntityName],
  by: EntityName,
  users: readonly EntityRows[EntityName][],
  fix: string,
  field: string,
  code: FieldCode,
  locale: Locale,
): ApiFailure {
  const spec = ENTITIES[name] as EntitySpec<EntityName>;
  const bySpec = ENTITIES[by] as EntitySpec<EntityName>;
  const [first] = users;
  const message = inUseSentence(locale, {
    entity: name,
    what: spec.what,
    label: spec.label(row),
    by,
    byWhat: bySpec.what,
    count: users.length,
    first: first ? bySpec.label(first) : null,
    fix,
  });
  return new ApiFailure('validation', message, { [field]: code }, locale);
}

// --- local currencies ----------------------------------------------------------------------------

function planCurrencyPut(state: ModelState, currency: Currency): Omit<Plan, 'label'> {
  const parsed = currencySchema.safeParse(currency);
  if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error, ['currency']));
  const after = ENTITIES.currency.canonical(parsed.data);
  if (after.code === state.programme.reportingCurrency) {
    throw validationFailure({ code: 'currency.duplicate' }, { code: after.code });
  }
  if (after.rates.length === 0) throw validationFailure({ rates: 'rates.required' }, { code: after.code });
  const before = state.currencies.get(after.code) ?? null;
  if (before === null) {
    return {
      summary: `Added the local currency ${after.code}`,
      changes: [{ table: 'currency', id: after.code, before: null, after }],
    };
  }
  const changed = changedLabels(before, after, ENTITIES.currency.fieldNames);
  if (changed.length === 0) return noChange();
  return {
    summary: `Edited the local currency ${after.code}: ${changed.join(', ')}`,
    changes: [{ table: 'currency', id: after.code, before, after }],
  };
}

// --- ordered lists (returnee profiles, funding sources), derived from the entity specs -----------

/** Validated fields of a list entity, or a validation failure whose field names drop `prefix`. */
function checkedListFields<K extends ListEntity>(
  name: K,
  fields: unknown,
  state: ModelState,
  prefix: string[],
  selfId: string | null,
): object {
  const parsed = LIST_FIELDS[name].safeParse(fields);
  if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error, prefix));
  let cross: Record<string, FieldCode> = {};
  if (name === 'scenario' && scenarioNameTaken(state, (parsed.data as ScenarioFields).name, selfId)) {
    cross = { name: 'scenario.nameTaken' };
  }
  if (name === 'profile') cross = validateProfileAgainstProgramme(parsed.data as ProfileFields, state.programme);
  if (name === 'partner') cross = validatePartnerFields(parsed.data as PartnerFields);
  if (name === 'synergy') cross = validateSynergyReferences(parsed.data as SynergyFields, state);
  if (Object.keys(cross).length > 0) {
    throw validationFailure(cross, { durationMonths: state.programme.durationMonths });
  }
  return parsed.data as never;
}

/** The rows of one group of an ordered entity, in order. */
function groupRows<K extends EntityName>(state: ModelState, name: K, group: string): EntityRows[K][] {
  const spec = ENTITIES[name] as EntitySpec<EntityName>;
  const out: EntityRows[K][] = [];
  for (const row of stateRows(state, name).values()) if (spec.group?.(row) === group) out.push(row);
  return out.sort(spec.compare as (a: EntityRows[K], b: EntityRows[K]) => number);
}

function listRow<K extends ListEntity>(name: K, state: ModelState, id: string): EntityRows[K] {
  const row = stateRows(state, name).get(id);
  if (!row) throw notFound(ENTITIES[name].what, id);
  return row;
}

function planListAdd<K extends ListEntity>(
  name: K,
  state: ModelState,
  id: string,
  fields: unknown,
): Omit<Plan, 'label'> {
  checkNewId(state, id, 'id');
  if (stateRows(state, name).has(id)) throw validationFailure({ id: 'id.taken' });
  const spec = ENTITIES[name] as EntitySpec<EntityName>;
  const valid = checkedListFields(name, fields, state, ['fields'], null);
  const ordered = groupRows(state, name, '');
  // A new scenario starts with no override: it computes exactly as the baseline.
  const extra = name === 'scenario' ? { overlay: {} } : {};
  const row = spec.canonical({ ...valid, ...extra, id, position: ordered.length } as unknown as EntityRows[K]);
  return {
    summary: `Added the ${spec.what} ${quote(spec.label(row))}`,
    changes: [{ table: name, id, before: null, after: row } as EntityChange, ...renumber(name, ordered, new Set(), '')],
  };
}

function planListUpdate<K extends ListEntity>(
  name: K,
  state: ModelState,
  id: string,
  patch: object,
): Omit<Plan, 'label'> {
  const spec = ENTITIES[name] as EntitySpec<EntityName>;
  const before = listRow(name, state, id);
  const { id: _id, position: _position, ...current } = before;
  const valid = checkedListFields(name, { ...current, ...definedOnly(patch) }, state, ['patch'], id);
  // What the fields do not hold (a scenario's overrides) stays as it was.
  const after = spec.canonical({ ...before, ...valid, id, position: before.position } as unknown as EntityRows[K]);
  const changed = changedLabels(before, after, spec.fieldNames);
  if (changed.length === 0) return noChange();
  return {
    summary: `Edited the ${spec.what} ${quote(spec.label(before))}: ${changed.join(', ')}`,
    changes: [{ table: name, id, before, after } as EntityChange],
  };
}

function planListMove<K extends ListEntity>(
  name: K,
  state: ModelState,
  id: string,
  index: number,
): Omit<Plan, 'label'> {
  const spec = ENTITIES[name] as EntitySpec<EntityName>;
  const row = listRow(name, state, id);
  const rest = groupRows(state, name, '').filter((r) => r.id !== id);
  const { ordered, at } = placeAt(rest, row, index);
  const changes = renumber(name, ordered, new Set(), '');
  if (changes.length === 0) return noChange();
  return { summary: `Moved the ${spec.what} ${quote(spec.label(row))} to position ${at + 1}`, changes };
}

// --- positions -------------------------------------------------------------------------------------

/** `row` put at `index` of `rest` (clamped to 0..rest.length): the new order, and where it went. */
function placeAt<T>(rest: readonly T[], row: T, index: number): { ordered: T[]; at: number } {
  const at = Math.min(Math.max(0, index), rest.length);
  return { ordered: [...rest.slice(0, at), row, ...rest.slice(at)], at };
}

/**
 * The changes that give `ordered` (the intended order of one group of entity `name`) dense
 * positions 0..n-1, and, for budget lines, the level `group`. Rows in `skip` are recorded by the
 * caller.
 */
function renumber<K extends EntityName>(
  name: K,
  ordered: readonly EntityRows[K][],
  skip: ReadonlySet<string>,
  group: string,
): RowChange[] {
  const spec = ENTITIES[name] as EntitySpec<EntityName>;
  const changes: RowChange[] = [];
  ordered.forEach((row, position) => {
    const id = spec.key(row);
    if (skip.has(id) || !('position' in row)) return;
    const regroup = name === 'line' && (row as BudgetLine).level !== group;
    if (row.position === position && !regroup) return;
    const after = spec.canonical(
      (regroup ? { ...row, position, level: group } : { ...row, position }) as EntityRows[EntityName],
    );
    changes.push({ table: name, id, before: row, after } as EntityChange);
  });
  return changes;
}

// --- helpers -------------------------------------------------------------------------------------

function noChange(): Omit<Plan, 'label'> {
  return { summary: '', changes: [] };
}

/** Values of the model are plain data (strings, numbers, booleans, null, arrays, plain objects). */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function changedLabels(before: object, after: object, names: Readonly<Record<string, string>>): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const out: string[] = [];
  for (const [k, label] of Object.entries(names)) {
    if (!sameValue(b[k], a[k]) && !out.includes(label)) out.push(label);
  }
  return out;
}

function notFound(what: string, id: string, isCode = false): ApiFailure {
  return new ApiFailure(
    'notFound',
    isCode
      ? `There is no ${what} ${id} in this programme; it may have been deleted. Nothing was changed.`
      : `There is no ${what} with the id "${id}" in this programme; it may have been deleted. Nothing was changed.`,
  );
}

/** A patch may carry `undefined` for absent keys; they must not erase current values. */
function definedOnly<T extends object>(patch: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(patch) as [keyof T, T[keyof T]][]) if (v !== undefined) out[k] = v;
  return out;
}

function quote(name: string): string {
  const short = name.length > 60 ? `${name.slice(0, 59)}…` : name;
  return `"${short}"`;
}
