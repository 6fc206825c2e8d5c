/**
 * Commands as pure plans: given the current model and a command, work out the row-level changes
 * (before/after of every row it touches) and a short English summary — or refuse with an
 * ApiFailure. No I/O here; DocumentService applies a plan in one transaction and keeps it for undo.
 *
 * Decisions worth knowing:
 * - `line.duplicate` keeps the name unchanged (no language-specific "(copy)" suffix in the data);
 *   the copy is placed right after the original, in the same level.
 * - `*.update` patches replace top-level fields; `driver` and `funding` are replaced whole.
 * - A command that changes nothing (same values, a move to where the row already is) plans no
 *   changes; DocumentService then records nothing (no undo step, no change-log row).
 * - Positions are dense (0..n-1) within a level (lines) or list (profiles, funders) after every
 *   command. Local currencies have no position: they are listed by code.
 * - References are kept whole: a line names only profiles, funders, local currencies and base lines
 *   that exist, so deleting a profile, funder or currency a line names is refused ('*.inUse');
 *   deleting a line removes it from the base of every percentage line in the same command (one
 *   undo step restores both).
 * - A funding split whose shares do not add up to 100 % IS saved: it is a finding of the checks
 *   panel, not a refusal (the user fixes it there). Shares outside 0..1 and unknown or repeated
 *   funders are refused.
 * - Changing the reporting currency moves the lines entered in the old reporting currency to the
 *   new one (amounts unchanged: the currency was mislabelled, not converted); a code that is
 *   already a local currency is refused ('currency.duplicate').
 */
import { ApiFailure, type Command, type FieldCode } from '../api';
import {
  type BudgetLine,
  canonicalCurrency,
  canonicalFunder,
  canonicalLine,
  canonicalProfile,
  canonicalProgramme,
  compareByPosition,
  compareLines,
  type Currency,
  currencySchema,
  type Driver,
  driverProfiles,
  type Funder,
  type FunderFields,
  funderFieldsSchema,
  type Level,
  type LineFields,
  lineFieldsSchema,
  type LineReferences,
  type Profile,
  type ProfileFields,
  profileFieldsSchema,
  type Programme,
  programmeSchema,
  validateLineAgainstProgramme,
  validateLineReferences,
  validateProfileAgainstProgramme,
} from '../model';
import { fieldsFromZod, validationFailure } from './validation';

export type RowChange =
  | { table: 'programme'; before: Programme; after: Programme }
  | { table: 'line'; id: string; before: BudgetLine | null; after: BudgetLine | null }
  | { table: 'profile'; id: string; before: Profile | null; after: Profile | null }
  /** `id` is the currency code. */
  | { table: 'currency'; id: string; before: Currency | null; after: Currency | null }
  | { table: 'funder'; id: string; before: Funder | null; after: Funder | null };

type LineChange = Extract<RowChange, { table: 'line' }>;

export interface Plan {
  summary: string;
  changes: RowChange[];
}

export interface ModelState {
  readonly programme: Programme;
  readonly lines: ReadonlyMap<string, BudgetLine>;
  readonly profiles: ReadonlyMap<string, Profile>;
  /** Local currencies by code. */
  readonly currencies: ReadonlyMap<string, Currency>;
  readonly funders: ReadonlyMap<string, Funder>;
}

export interface PlanContext {
  /** A fresh id not used by any line, profile or funder (DocumentService: random, collision-checked). */
  newId(): string;
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
};

const LINE_FIELD_NAMES: Readonly<Record<Exclude<keyof LineFields, 'driver'>, string>> = {
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

const PROFILE_FIELD_NAMES: Readonly<Record<keyof ProfileFields, string>> = {
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
};

const FUNDER_FIELD_NAMES: Readonly<Record<keyof FunderFields, string>> = {
  name: 'name',
  type: 'type',
  status: 'status',
  ceiling: 'ceiling',
};

export function planCommand(state: ModelState, cmd: Command, ctx: PlanContext): Plan {
  switch (cmd.type) {
    case 'programme.update':
      return planProgrammeUpdate(state, cmd.patch);
    case 'line.add':
      return planAdd(state, cmd.level, cmd.afterId ?? null, cmd.fields, ctx);
    case 'line.update':
      return planLineUpdate(state, cmd.id, cmd.patch);
    case 'line.duplicate':
      return planDuplicate(state, cmd.id, ctx);
    case 'line.delete':
      return planDelete(state, cmd.id);
    case 'line.move':
      return planMove(state, cmd.id, cmd.level, cmd.index);
    case 'profile.add':
      return planListAdd(PROFILE_LIST, state, cmd.fields, ctx);
    case 'profile.update':
      return planListUpdate(PROFILE_LIST, state, cmd.id, cmd.patch);
    case 'profile.delete':
      return planListDelete(PROFILE_LIST, state, cmd.id);
    case 'profile.move':
      return planListMove(PROFILE_LIST, state, cmd.id, cmd.index);
    case 'currency.put':
      return planCurrencyPut(state, cmd.currency);
    case 'currency.delete':
      return planCurrencyDelete(state, cmd.code);
    case 'funder.add':
      return planListAdd(FUNDER_LIST, state, cmd.fields, ctx);
    case 'funder.update':
      return planListUpdate(FUNDER_LIST, state, cmd.id, cmd.patch);
    case 'funder.delete':
      return planListDelete(FUNDER_LIST, state, cmd.id);
    case 'funder.move':
      return planListMove(FUNDER_LIST, state, cmd.id, cmd.index);
  }
}

/** Lines of one level in position order. */
export function levelLines(state: ModelState, level: Level): BudgetLine[] {
  const out: BudgetLine[] = [];
  for (const l of state.lines.values()) if (l.level === level) out.push(l);
  return out.sort(compareLines);
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

// --- programme -----------------------------------------------------------------------------------

function isWindowError(code: string): boolean {
  return code.startsWith('window.');
}

function planProgrammeUpdate(state: ModelState, patch: Partial<Programme>): Plan {
  const before = state.programme;
  const parsed = programmeSchema.safeParse({ ...before, ...definedOnly(patch) });
  if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error));
  const after = canonicalProgramme(parsed.data);

  if (after.reportingCurrency !== before.reportingCurrency && state.currencies.has(after.reportingCurrency)) {
    throw validationFailure({ reportingCurrency: 'currency.duplicate' }, { code: after.reportingCurrency });
  }

  if (after.durationMonths < before.durationMonths) {
    let lines = 0;
    for (const l of state.lines.values()) {
      if (Object.values(validateLineAgainstProgramme(l, after)).some(isWindowError)) lines++;
    }
    let profiles = 0;
    for (const p of state.profiles.values()) {
      if (Object.keys(validateProfileAgainstProgramme(p, after)).length > 0) profiles++;
    }
    if (lines > 0 || profiles > 0) {
      const m = after.durationMonths;
      const parts: string[] = [];
      if (lines > 0)
        parts.push(lines === 1 ? `1 budget line runs past month ${m}` : `${lines} budget lines run past month ${m}`);
      if (profiles > 0) {
        parts.push(
          profiles === 1
            ? `1 returnee profile has arrivals past month ${m}`
            : `${profiles} returnee profiles have arrivals past month ${m}`,
        );
      }
      const those =
        lines > 0 && profiles > 0 ? 'those lines and profiles' : lines > 0 ? 'those lines' : 'those profiles';
      throw new ApiFailure(
        'validation',
        `The programme cannot be shortened to ${m} months: ${parts.join(' and ')}. Shorten or move ${those} first. Nothing was saved.`,
        { durationMonths: lines > 0 ? 'duration.linesOutside' : 'duration.profilesOutside' },
      );
    }
  }

  const changed = (Object.keys(PROGRAMME_FIELD_NAMES) as (keyof Programme)[]).filter((k) => before[k] !== after[k]);
  if (changed.length === 0) return noChange();
  const changes: RowChange[] = [{ table: 'programme', before, after }];
  if (after.reportingCurrency !== before.reportingCurrency) {
    for (const l of state.lines.values()) {
      if (l.currency !== before.reportingCurrency) continue;
      changes.push({ table: 'line', id: l.id, before: l, after: { ...l, currency: after.reportingCurrency } });
    }
  }
  return {
    summary: `Edited programme settings: ${changed.map((k) => PROGRAMME_FIELD_NAMES[k]).join(', ')}`,
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

function planAdd(state: ModelState, level: Level, afterId: string | null, fields: LineFields, ctx: PlanContext): Plan {
  const valid = checkedFields(fields, state, ['fields']);
  const siblings = levelLines(state, level);
  let index = siblings.length;
  if (afterId !== null) {
    const after = state.lines.get(afterId);
    if (!after) throw notFound('budget line', afterId);
    if (after.level !== level) throw validationFailure({ afterId: 'line.otherLevel' });
    index = siblings.findIndex((l) => l.id === afterId) + 1;
  }
  const line = canonicalLine({ ...valid, id: ctx.newId(), level, position: index });
  const changes: RowChange[] = [{ table: 'line', id: line.id, before: null, after: line }];
  changes.push(...renumber(placeAt(siblings, line, index).ordered, level, new Set([line.id])));
  return { summary: `Added ${quote(line.name)} to the ${LEVEL_LABELS[level]} level`, changes };
}

function planLineUpdate(state: ModelState, id: string, patch: Partial<LineFields>): Plan {
  const before = state.lines.get(id);
  if (!before) throw notFound('budget line', id);
  const { id: _id, level: _level, position: _position, ...current } = before;
  const valid = checkedFields({ ...current, ...definedOnly(patch) }, state, ['patch'], id);
  const after = canonicalLine({ ...valid, id, level: before.level, position: before.position });

  const changed: string[] = [];
  for (const k of Object.keys(LINE_FIELD_NAMES) as (keyof typeof LINE_FIELD_NAMES)[]) {
    if (!sameValue(before[k], after[k])) changed.push(LINE_FIELD_NAMES[k]);
  }
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

function planDuplicate(state: ModelState, id: string, ctx: PlanContext): Plan {
  const original = state.lines.get(id);
  if (!original) throw notFound('budget line', id);
  const siblings = levelLines(state, original.level);
  const index = siblings.findIndex((l) => l.id === id) + 1;
  const copy = canonicalLine({ ...original, id: ctx.newId(), position: index });
  const changes: RowChange[] = [{ table: 'line', id: copy.id, before: null, after: copy }];
  changes.push(...renumber(placeAt(siblings, copy, index).ordered, original.level, new Set([copy.id])));
  return { summary: `Duplicated ${quote(original.name)}`, changes };
}

function planDelete(state: ModelState, id: string): Plan {
  const line = state.lines.get(id);
  if (!line) throw notFound('budget line', id);
  const rest = levelLines(state, line.level).filter((l) => l.id !== id);
  const changes: LineChange[] = [{ table: 'line', id, before: line, after: null }];
  for (const c of renumber(rest, line.level, new Set())) if (c.table === 'line') changes.push(c);
  // Percentage lines that counted this line in their base no longer do. Their rows change in the
  // same command, so one undo puts the line and every reference back.
  let unreferenced = 0;
  const byId = new Map(changes.map((c) => [c.id, c]));
  for (const other of state.lines.values()) {
    const d = other.driver;
    if (other.id === id || d.kind !== 'percentage' || !d.lineIds.includes(id)) continue;
    unreferenced++;
    const driver = { ...d, lineIds: d.lineIds.filter((x) => x !== id) };
    const renumbered = byId.get(other.id);
    if (renumbered?.after) renumbered.after = canonicalLine({ ...renumbered.after, driver });
    else changes.push({ table: 'line', id: other.id, before: other, after: canonicalLine({ ...other, driver }) });
  }
  let summary = `Deleted ${quote(line.name)} from the ${LEVEL_LABELS[line.level]} level`;
  if (unreferenced > 0) {
    summary +=
      unreferenced === 1
        ? ' (and from the base of 1 percentage line)'
        : ` (and from the base of ${unreferenced} percentage lines)`;
  }
  return { summary, changes };
}

function planMove(state: ModelState, id: string, level: Level, index: number): Plan {
  const line = state.lines.get(id);
  if (!line) throw notFound('budget line', id);
  const source = levelLines(state, line.level).filter((l) => l.id !== id);
  const target = line.level === level ? source : levelLines(state, level);
  const { ordered, at } = placeAt(target, line, index);
  const changes = renumber(ordered, level, new Set());
  if (line.level !== level) changes.push(...renumber(source, line.level, new Set()));
  if (changes.length === 0) return noChange();
  const where =
    line.level === level
      ? `to position ${at + 1} in the ${LEVEL_LABELS[level]} level`
      : `to the ${LEVEL_LABELS[level]} level, position ${at + 1}`;
  return { summary: `Moved ${quote(line.name)} ${where}`, changes };
}

/**
 * Changes that give `ordered` (the intended order of `level`) dense positions 0..n-1 and the
 * level `level`. Lines in `skip` are already recorded by the caller.
 */
function renumber(ordered: readonly BudgetLine[], level: Level, skip: ReadonlySet<string>): RowChange[] {
  return renumberRows(ordered, skip, (l, position) =>
    l.position === position && l.level === level
      ? null
      : { table: 'line', id: l.id, before: l, after: canonicalLine({ ...l, level, position }) },
  );
}

/** Lines that name a profile, funder or currency, for the "in use" refusals. */
function linesUsing(state: ModelState, uses: (l: BudgetLine) => boolean): BudgetLine[] {
  const out: BudgetLine[] = [];
  for (const l of state.lines.values()) if (uses(l)) out.push(l);
  return out.sort(compareLines);
}

/**
 * The refusal of a delete that lines depend on: how many lines, the first one's name, and what to
 * do. `fix` says it, given "that line" or "those lines".
 */
function inUse(
  what: string,
  users: readonly BudgetLine[],
  fix: (lines: string) => string,
  field: string,
  code: FieldCode,
): ApiFailure {
  const [first] = users;
  const one = users.length === 1;
  const count = one ? '1 budget line uses it' : `${users.length} budget lines use it`;
  const firstName = first ? (one ? ` (${quote(first.name)})` : `, the first being ${quote(first.name)}`) : '';
  return new ApiFailure(
    'validation',
    `${what} cannot be deleted: ${count}${firstName}. ${fix(one ? 'that line' : 'those lines')} first. Nothing was changed.`,
    { [field]: code },
  );
}

// --- returnee profiles ---------------------------------------------------------------------------

function checkedProfile(fields: unknown, state: ModelState, prefix: string[]): ProfileFields {
  const parsed = profileFieldsSchema.safeParse(fields);
  if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error, prefix));
  const cross = validateProfileAgainstProgramme(parsed.data, state.programme);
  if (Object.keys(cross).length > 0) {
    throw validationFailure(cross, { durationMonths: state.programme.durationMonths });
  }
  return parsed.data;
}

const PROFILE_LIST: OrderedList<Profile, ProfileFields> = {
  what: 'returnee profile',
  rows: (state) => state.profiles,
  check: checkedProfile,
  make: (fields, id, position) => canonicalProfile({ ...fields, id, position }),
  change: (id, before, after) => ({ table: 'profile', id, before, after }),
  fieldNames: PROFILE_FIELD_NAMES,
  usedBy: (l, id) => driverProfiles(l.driver)?.includes(id) ?? false,
  fixUse: (lines) => `Remove it from the quantity driver of ${lines}`,
  inUseCode: 'profile.inUse',
};

// --- local currencies ----------------------------------------------------------------------------

function planCurrencyPut(state: ModelState, currency: Currency): Plan {
  const parsed = currencySchema.safeParse(currency);
  if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error, ['currency']));
  const after = canonicalCurrency(parsed.data);
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
  const changed: string[] = [];
  if (!sameValue(before.rates, after.rates)) changed.push('exchange rates');
  if (before.inflation !== after.inflation) changed.push('inflation');
  if (changed.length === 0) return noChange();
  return {
    summary: `Edited the local currency ${after.code}: ${changed.join(', ')}`,
    changes: [{ table: 'currency', id: after.code, before, after }],
  };
}

function planCurrencyDelete(state: ModelState, code: string): Plan {
  const currency = state.currencies.get(code);
  if (!currency) {
    throw new ApiFailure(
      'notFound',
      `There is no local currency ${code} in this programme; it may have been deleted. Nothing was changed.`,
    );
  }
  const users = linesUsing(state, (l) => l.currency === code);
  if (users.length > 0) {
    throw inUse(
      `The local currency ${code}`,
      users,
      (lines) => `Enter ${lines} in another currency`,
      'code',
      'currency.inUse',
    );
  }
  return {
    summary: `Deleted the local currency ${code}`,
    changes: [{ table: 'currency', id: code, before: currency, after: null }],
  };
}

// --- funding sources -----------------------------------------------------------------------------

function checkedFunder(fields: unknown, _state: ModelState, prefix: string[]): FunderFields {
  const parsed = funderFieldsSchema.safeParse(fields);
  if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error, prefix));
  return parsed.data;
}

const FUNDER_LIST: OrderedList<Funder, FunderFields> = {
  what: 'funding source',
  rows: (state) => state.funders,
  check: checkedFunder,
  make: (fields, id, position) => canonicalFunder({ ...fields, id, position }),
  change: (id, before, after) => ({ table: 'funder', id, before, after }),
  fieldNames: FUNDER_FIELD_NAMES,
  usedBy: (l, id) => l.funding.some((f) => f.funderId === id),
  fixUse: (lines) => `Remove it from the funding split of ${lines}`,
  inUseCode: 'funder.inUse',
};

// --- ordered lists (returnee profiles, funding sources) ------------------------------------------

/**
 * A list of rows with dense positions 0..n-1 that lines may name: returnee profiles and funding
 * sources. Their add, update, delete and move are planned the same way.
 */
interface OrderedList<T extends ListRow & F, F> {
  /** "returnee profile": for summaries and refusals. */
  what: string;
  rows(state: ModelState): ReadonlyMap<string, T>;
  /** Validated fields, or a validation failure whose field names start with `prefix`. */
  check(fields: unknown, state: ModelState, prefix: string[]): F;
  /** The row of `fields` with this id and position, its keys in model order. */
  make(fields: F, id: string, position: number): T;
  change(id: string, before: T | null, after: T | null): RowChange;
  fieldNames: Readonly<Record<keyof F, string>>;
  /** Whether `line` names the row `id` (its delete is then refused). */
  usedBy(line: BudgetLine, id: string): boolean;
  /** What to do first, given "that line" or "those lines". */
  fixUse(lines: string): string;
  inUseCode: FieldCode;
}

type ListRow = { id: string; position: number; name: string };

function listRows<T extends ListRow & F, F>(list: OrderedList<T, F>, state: ModelState): T[] {
  return [...list.rows(state).values()].sort(compareByPosition);
}

function listRow<T extends ListRow & F, F>(list: OrderedList<T, F>, state: ModelState, id: string): T {
  const row = list.rows(state).get(id);
  if (!row) throw notFound(list.what, id);
  return row;
}

/** Changes that give `ordered` (the intended order of the list) dense positions 0..n-1. */
function renumberList<T extends ListRow & F, F>(list: OrderedList<T, F>, ordered: readonly T[]): RowChange[] {
  return renumberRows(ordered, new Set(), (row, position) =>
    row.position === position ? null : list.change(row.id, row, list.make(row, row.id, position)),
  );
}

function planListAdd<T extends ListRow & F, F>(
  list: OrderedList<T, F>,
  state: ModelState,
  fields: F,
  ctx: PlanContext,
): Plan {
  const valid = list.check(fields, state, ['fields']);
  const ordered = listRows(list, state);
  const row = list.make(valid, ctx.newId(), ordered.length);
  return {
    summary: `Added the ${list.what} ${quote(row.name)}`,
    changes: [list.change(row.id, null, row), ...renumberList(list, ordered)],
  };
}

function planListUpdate<T extends ListRow & F, F extends object>(
  list: OrderedList<T, F>,
  state: ModelState,
  id: string,
  patch: Partial<F>,
): Plan {
  const before = listRow(list, state, id);
  const { id: _id, position: _position, ...current } = before;
  const valid = list.check({ ...current, ...definedOnly(patch) }, state, ['patch']);
  const after = list.make(valid, id, before.position);
  const changed = changedLabels<F>(before, after, list.fieldNames);
  if (changed.length === 0) return noChange();
  return {
    summary: `Edited the ${list.what} ${quote(before.name)}: ${changed.join(', ')}`,
    changes: [list.change(id, before, after)],
  };
}

function planListDelete<T extends ListRow & F, F>(list: OrderedList<T, F>, state: ModelState, id: string): Plan {
  const row = listRow(list, state, id);
  const users = linesUsing(state, (l) => list.usedBy(l, id));
  if (users.length > 0) {
    throw inUse(`The ${list.what} ${quote(row.name)}`, users, list.fixUse, 'id', list.inUseCode);
  }
  const rest = listRows(list, state).filter((r) => r.id !== id);
  return {
    summary: `Deleted the ${list.what} ${quote(row.name)}`,
    changes: [list.change(id, row, null), ...renumberList(list, rest)],
  };
}

function planListMove<T extends ListRow & F, F>(
  list: OrderedList<T, F>,
  state: ModelState,
  id: string,
  index: number,
): Plan {
  const row = listRow(list, state, id);
  const rest = listRows(list, state).filter((r) => r.id !== id);
  const { ordered, at } = placeAt(rest, row, index);
  const changes = renumberList(list, ordered);
  if (changes.length === 0) return noChange();
  return { summary: `Moved the ${list.what} ${quote(row.name)} to position ${at + 1}`, changes };
}

/** `row` put at `index` of `rest` (clamped to 0..rest.length): the new order, and where it went. */
function placeAt<T>(rest: readonly T[], row: T, index: number): { ordered: T[]; at: number } {
  const at = Math.min(Math.max(0, index), rest.length);
  return { ordered: [...rest.slice(0, at), row, ...rest.slice(at)], at };
}

/**
 * The changes that renumber `ordered` to positions 0..n-1: `moved(row, position)` is the change
 * that puts a row there, or null where it already is. Rows in `skip` are recorded by the caller.
 */
function renumberRows<T extends { id: string }>(
  ordered: readonly T[],
  skip: ReadonlySet<string>,
  moved: (row: T, position: number) => RowChange | null,
): RowChange[] {
  const changes: RowChange[] = [];
  ordered.forEach((row, position) => {
    if (skip.has(row.id)) return;
    const change = moved(row, position);
    if (change) changes.push(change);
  });
  return changes;
}

// --- helpers -------------------------------------------------------------------------------------

function noChange(): Plan {
  return { summary: '', changes: [] };
}

/** Values of the model are plain data (strings, numbers, booleans, null, arrays, plain objects). */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function changedLabels<T extends object>(
  before: T,
  after: T,
  names: Readonly<Partial<Record<keyof T, string>>>,
): string[] {
  const out: string[] = [];
  for (const k of Object.keys(names) as (keyof T)[]) {
    const label = names[k];
    if (label !== undefined && !sameValue(before[k], after[k]) && !out.includes(label)) out.push(label);
  }
  return out;
}

function notFound(what: string, id: string): ApiFailure {
  return new ApiFailure(
    'notFound',
    `There is no ${what} with the id "${id}" in this programme; it may have been deleted. Nothing was changed.`,
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
