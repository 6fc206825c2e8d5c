/**
 * The scenario commands as pure plans (DESIGN §6, issue 10), for main and the renderer alike (see
 * plan.ts). A scenario is one row whose overlay holds its differences from the baseline, so every
 * command here changes that one row (promote also changes the baseline's rows), and undo, redo,
 * the change log and other windows follow as for any row.
 *
 * Decisions worth knowing:
 * - An edit made in a scenario is planned as the same command on the scenario's model (baseline +
 *   overlay, engine/resolve.ts), so it is checked exactly as in the baseline (a negative unit cost,
 *   a window outside the programme…); its row changes then become overrides. A change to a field a
 *   scenario cannot override (a line's name, category, funding split; a profile's name; a
 *   currency added or removed; the programme's title or duration…) is refused with
 *   'scenario.baselineOnly' on that field: it is the same in every scenario.
 * - An override set back to the baseline's value is taken out of the overlay: an overlay holds
 *   only differences, so a baseline change flows into every scenario that does not differ there.
 * - A baseline line cannot be deleted in a scenario ('scenario.baselineLine'): it is turned off
 *   there (`scenario.setOff`). A line added in a scenario is the scenario's own: any of its fields
 *   may change, and deleting it removes it. Moving lines is a baseline matter: a scenario's own lines
 *   come after the baseline's lines of their level.
 * - Promote: the baseline takes every value the scenario computes with (its overrides, its own
 *   lines, what it turned off is deleted, with the same detaching a delete does); the scenario stays,
 *   with no override left (it now equals the baseline), so comparing them shows zero everywhere.
 *   Other scenarios keep their own overrides. One undo step puts everything back.
 * - Scenario names are unique (case and surrounding spaces aside) and none may be "Baseline".
 */
import { ApiFailure, type Command, type OverrideKind, type ScenarioEdit, scenarioEditSchema } from '../api';
import { resolveScenario } from '../engine/resolve';
import {
  type BudgetLine,
  canonicalLine,
  canonicalOverlay,
  compareByPosition,
  compareLines,
  ENTITIES,
  type EntityRows,
  type EntitySpec,
  LEVELS,
  OVERRIDABLE_CURRENCY,
  OVERRIDABLE_LINE,
  OVERRIDABLE_PROFILE,
  OVERRIDABLE_PROGRAMME,
  OVERRIDABLE_SYNERGY,
  type Overlay,
  type ParameterRange,
  parameterRangeSchema,
  type Programme,
  type Scenario,
} from '../model';
import { modelOfState, stateOf } from './apply';
import { type EntityChange, type ModelState, type Plan, planCommand, type RowChange } from './plan';
import { fieldsFromZod, validationFailure } from './validation';

type Planned = Omit<Plan, 'label'>;

const NO_CHANGE: Planned = { summary: '', changes: [] };

function quote(name: string): string {
  return `"${name.length > 60 ? `${name.slice(0, 59)}…` : name}"`;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function scenarioRow(state: ModelState, id: string): Scenario {
  const s = state.scenarios.get(id);
  if (!s) {
    throw new ApiFailure(
      'notFound',
      `There is no scenario with the id "${id}" in this programme; it may have been deleted. Nothing was changed.`,
    );
  }
  return s;
}

/** Another scenario already has this name (case and surrounding spaces aside). */
export function scenarioNameTaken(state: ModelState, name: string, selfId: string | null): boolean {
  const wanted = name.trim().toLowerCase();
  for (const s of state.scenarios.values()) if (s.id !== selfId && s.name.trim().toLowerCase() === wanted) return true;
  return false;
}

/** The model a scenario computes, and its state for the planner. */
function scenarioState(state: ModelState, scenario: Scenario): ModelState {
  return stateOf(resolveScenario(modelOfState(state), scenario.overlay).model);
}

function changeOf(before: Scenario, overlay: Overlay, summary: string): Planned {
  const next = canonicalOverlay(overlay);
  if (same(next, canonicalOverlay(before.overlay))) return NO_CHANGE;
  return { summary, changes: [{ table: 'scenario', id: before.id, before, after: { ...before, overlay: next } }] };
}

/** The refusal of a change to a field that is the same in every scenario. */
function baselineOnly(field: string): ApiFailure {
  return validationFailure({ [field]: 'scenario.baselineOnly' });
}

/** Fields that differ between two rows (position aside: where a row sits is a baseline matter). */
function changedFields(before: object, after: object): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return Object.keys(a).filter((k) => k !== 'position' && !same(b[k], a[k]));
}

/**
 * `overrides` (a copy) with the fields `changed` of a row set to `after`'s values, or taken out
 * where `after` is back at the baseline's value. Throws when a field is not one a scenario may
 * override.
 */
function overridden<T extends object>(
  overrides: Readonly<Record<string, unknown>> | undefined,
  changed: readonly string[],
  allowed: readonly string[],
  after: T,
  baseline: T,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...overrides };
  for (const field of changed) {
    if (!allowed.includes(field)) throw baselineOnly(field);
    const value = (after as Record<string, unknown>)[field];
    if (same(value, (baseline as Record<string, unknown>)[field])) delete out[field];
    else out[field] = value;
  }
  return out;
}

/** A mutable copy of an overlay's parts. */
interface Draft {
  programme: Record<string, unknown>;
  profiles: Record<string, Record<string, unknown>>;
  currencies: Record<string, Record<string, unknown>>;
  lines: Record<string, Record<string, unknown>>;
  addedLines: BudgetLine[];
  synergies: Record<string, Record<string, unknown>>;
}

function draftOf(o: Overlay): Draft {
  const copy = (r: Readonly<Record<string, object>> | undefined) => {
    const out: Record<string, Record<string, unknown>> = {};
    for (const [k, v] of Object.entries(r ?? {})) out[k] = { ...v };
    return out;
  };
  return {
    programme: { ...o.programme },
    profiles: copy(o.profiles),
    currencies: copy(o.currencies),
    lines: copy(o.lines),
    addedLines: [...(o.addedLines ?? [])],
    synergies: copy(o.synergies),
  };
}

function overlayOf(d: Draft): Overlay {
  return canonicalOverlay(d as unknown as Overlay);
}

/**
 * The overrides of one baseline row after an inner change (a profile, a currency, a synergy): the
 * fields changed become overrides (or are taken out, back at the baseline's value); a row turned off
 * stays off. A row the baseline does not have, or that the change adds or deletes, is refused on
 * `key`: that is a baseline matter.
 */
function overrideRow(
  part: Record<string, Record<string, unknown>>,
  baseline: object | undefined,
  c: { id: string; before: object | null; after: object | null },
  allowed: readonly string[],
  key: string,
): void {
  if (!baseline || !c.before || !c.after) throw baselineOnly(key);
  const { off, ...rest } = part[c.id] ?? {};
  const next = overridden(rest, changedFields(c.before, c.after), allowed, c.after, baseline);
  part[c.id] = off === true ? { ...next, off: true } : next;
}

/** The override an inner change makes, written into `draft`. */
function applyChange(draft: Draft, base: ModelState, c: RowChange): void {
  switch (c.table) {
    case 'programme': {
      const changed = changedFields(c.before, c.after);
      draft.programme = overridden(draft.programme, changed, OVERRIDABLE_PROGRAMME, c.after, base.programme);
      return;
    }
    case 'line': {
      const baseline = base.lines.get(c.id);
      if (baseline) {
        if (!c.after) throw validationFailure({ id: 'scenario.baselineLine' });
        const changed = changedFields(c.before ?? baseline, c.after);
        const { off: _off, ...rest } = draft.lines[c.id] ?? {};
        const next = overridden(rest, changed, OVERRIDABLE_LINE, c.after, baseline);
        draft.lines[c.id] = draft.lines[c.id]?.off === true ? { ...next, off: true } : next;
        return;
      }
      // A line of the scenario's own: replaced, added or removed whole.
      const at = draft.addedLines.findIndex((l) => l.id === c.id);
      if (!c.after) draft.addedLines.splice(at, 1);
      else if (at >= 0) draft.addedLines[at] = canonicalLine(c.after);
      else draft.addedLines.push(canonicalLine(c.after));
      return;
    }
    case 'profile':
      return overrideRow(draft.profiles, base.profiles.get(c.id), c, OVERRIDABLE_PROFILE, 'id');
    case 'currency':
      return overrideRow(draft.currencies, base.currencies.get(c.id), c, OVERRIDABLE_CURRENCY, 'code');
    case 'synergy':
      return overrideRow(draft.synergies, base.synergies.get(c.id), c, OVERRIDABLE_SYNERGY, 'id');
    default:
      throw baselineOnly('id');
  }
}

/** An edit made in a scenario: planned on the scenario's model, kept as overrides. */
export function planScenarioEdit(state: ModelState, scenarioId: string, inner: ScenarioEdit): Planned {
  const scenario = scenarioRow(state, scenarioId);
  // A line added in a scenario takes an id no baseline row has (a line turned off there included).
  if (
    (inner.type === 'line.add' && state.lines.has(inner.id)) ||
    (inner.type === 'line.duplicate' && state.lines.has(inner.newId))
  ) {
    throw validationFailure({ [inner.type === 'line.add' ? 'id' : 'newId']: 'id.taken' });
  }
  const plan = planCommand(scenarioState(state, scenario), inner as Command);
  if (plan.changes.length === 0) return NO_CHANGE;
  const draft = draftOf(scenario.overlay);
  for (const c of plan.changes) applyChange(draft, state, c);
  return changeOf(scenario, overlayOf(draft), `In the scenario ${quote(scenario.name)}: ${plan.summary}`);
}

/** A baseline line or synergy turned off (or back on) in a scenario. */
export function planScenarioSetOff(
  state: ModelState,
  scenarioId: string,
  kind: 'line' | 'synergy',
  id: string,
  off: boolean,
): Planned {
  const scenario = scenarioRow(state, scenarioId);
  const row = kind === 'line' ? state.lines.get(id) : state.synergies.get(id);
  if (!row) {
    const own = kind === 'line' && scenario.overlay.addedLines?.some((l) => l.id === id);
    throw new ApiFailure(
      'notFound',
      own
        ? `That line is the scenario's own: delete it instead of turning it off. Nothing was changed.`
        : `There is no ${kind === 'line' ? 'budget line' : 'synergy'} with the id "${id}" in the baseline; it may have been deleted. Nothing was changed.`,
    );
  }
  const draft = draftOf(scenario.overlay);
  const part = kind === 'line' ? draft.lines : draft.synergies;
  const { off: _off, ...rest } = part[id] ?? {};
  part[id] = off ? { ...rest, off: true } : rest;
  return changeOf(
    scenario,
    overlayOf(draft),
    `In the scenario ${quote(scenario.name)}: turned ${quote(row.name)} ${off ? 'off' : 'back on'}`,
  );
}

/** An override taken back: one field of one row's, or all of them (the baseline's values again). */
export function planScenarioRevert(
  state: ModelState,
  scenarioId: string,
  kind: OverrideKind,
  id: string,
  field: string | undefined,
): Planned {
  const scenario = scenarioRow(state, scenarioId);
  const draft = draftOf(scenario.overlay);
  const drop = (r: Record<string, unknown> | undefined): Record<string, unknown> => {
    if (!r || field === undefined) return {};
    const { [field]: _gone, ...rest } = r;
    return rest;
  };
  let what: string;
  if (kind === 'programme') {
    draft.programme = drop(draft.programme);
    what = 'the programme settings';
  } else {
    const part = { profile: draft.profiles, currency: draft.currencies, line: draft.lines, synergy: draft.synergies }[
      kind
    ];
    part[id] = drop(part[id]);
    const row =
      kind === 'currency'
        ? null
        : (state[({ profile: 'profiles', line: 'lines', synergy: 'synergies' } as const)[kind]].get(id) ?? null);
    what = row ? quote(row.name) : id;
  }
  return changeOf(
    scenario,
    overlayOf(draft),
    `In the scenario ${quote(scenario.name)}: ${what} back to the baseline${field ? ` (${field})` : ''}`,
  );
}

/** A copy of a scenario (its overrides and lines too), placed right after it. */
export function planScenarioDuplicate(state: ModelState, id: string, newId: string, name: string): Planned {
  const original = scenarioRow(state, id);
  if (state.scenarios.has(newId)) throw validationFailure({ newId: 'id.taken' });
  if (scenarioNameTaken(state, name, null)) throw validationFailure({ name: 'scenario.nameTaken' });
  const ordered = [...state.scenarios.values()].sort(compareByPosition);
  const at = ordered.findIndex((s) => s.id === id) + 1;
  const copy: Scenario = { ...original, id: newId, name: name.trim(), position: at };
  const changes: RowChange[] = [{ table: 'scenario', id: newId, before: null, after: copy }];
  ordered.slice(at).forEach((s, i) => {
    if (s.position !== at + 1 + i)
      changes.push({ table: 'scenario', id: s.id, before: s, after: { ...s, position: at + 1 + i } });
  });
  return { summary: `Copied the scenario ${quote(original.name)} as ${quote(copy.name)}`, changes };
}

/** Every row of `name` whose value differs between the baseline and what the scenario computes. */
function rowChanges<K extends 'profile' | 'currency' | 'line' | 'synergy'>(
  name: K,
  before: ReadonlyMap<string, EntityRows[K]>,
  after: readonly EntityRows[K][],
): RowChange[] {
  const spec = ENTITIES[name] as EntitySpec<K>;
  const out: RowChange[] = [];
  const kept = new Set<string>();
  for (const row of after) {
    const key = spec.key(row);
    kept.add(key);
    const was = before.get(key) ?? null;
    if (was === row) continue;
    const canonical = spec.canonical(row);
    if (was && same(was, canonical)) continue;
    out.push({ table: name, id: key, before: was, after: canonical } as EntityChange);
  }
  for (const [key, row] of before)
    if (!kept.has(key)) out.push({ table: name, id: key, before: row, after: null } as EntityChange);
  return out;
}

/** The scenario's values become the baseline's; the scenario is left with no override. */
export function planScenarioPromote(state: ModelState, id: string): Planned {
  const scenario = scenarioRow(state, id);
  const resolved = resolveScenario(modelOfState(state), scenario.overlay).model;
  // Dense positions in each level once lines turned off are gone and the scenario's own are in.
  const lines: BudgetLine[] = [];
  for (const level of LEVELS) {
    resolved.lines
      .filter((l) => l.level === level)
      .sort(compareLines)
      .forEach((l, position) => lines.push(l.position === position ? l : { ...l, position }));
  }
  const changes: RowChange[] = [];
  if (resolved.programme !== state.programme && !same(resolved.programme, state.programme)) {
    changes.push({ table: 'programme', before: state.programme, after: resolved.programme as Programme });
  }
  changes.push(
    ...rowChanges('profile', state.profiles, resolved.profiles),
    ...rowChanges('currency', state.currencies, resolved.currencies),
    ...rowChanges('line', state.lines, lines),
    ...rowChanges('synergy', state.synergies, resolved.synergies),
  );
  if (changes.length === 0 && Object.keys(scenario.overlay).length === 0) return NO_CHANGE;
  changes.push({ table: 'scenario', id, before: scenario, after: { ...scenario, overlay: {} } });
  return { summary: `Promoted the scenario ${quote(scenario.name)} to the baseline`, changes };
}

/** An uncertainty range set (added or replaced). */
export function planRangePut(state: ModelState, range: ParameterRange): Planned {
  const parsed = parameterRangeSchema.safeParse(range);
  if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error));
  const after = ENTITIES.range.canonical(parsed.data);
  const before = state.ranges.get(after.id) ?? null;
  if (before && same(before, after)) return NO_CHANGE;
  return {
    summary: `Set the uncertainty range of ${after.id} to ${after.low} / ${after.likely} / ${after.high}`,
    changes: [{ table: 'range', id: after.id, before, after }],
  };
}

export function planRangeDelete(state: ModelState, id: string): Planned {
  const before = state.ranges.get(id);
  if (!before) return NO_CHANGE;
  return { summary: `Removed the uncertainty range of ${id}`, changes: [{ table: 'range', id, before, after: null }] };
}

/** The commands an edit made in a scenario may be (the contract's scenarioEditSchema). */
export const SCENARIO_EDIT_TYPES: ReadonlySet<string> = new Set(
  scenarioEditSchema.options.map((o) => o.shape.type.value),
);

/**
 * The command that makes `command` in the scenario `scenarioId` (null: the baseline, `command`
 * itself): an edit becomes `scenario.edit`; deleting a baseline line or synergy turns it off there;
 * scenario and range commands are the same everywhere. Anything else (moving lines, funding
 * sources, partners…) is the same in every scenario and is refused, saying where to make it.
 */
export function commandInScenario(command: Command, scenarioId: string | null, state: ModelState): Command {
  if (scenarioId === null || command.type.startsWith('scenario.') || command.type.startsWith('range.')) return command;
  if (command.type === 'line.delete' && state.lines.has(command.id)) {
    return { type: 'scenario.setOff', scenario: scenarioId, kind: 'line', id: command.id, off: true };
  }
  if (command.type === 'synergy.delete' && state.synergies.has(command.id)) {
    return { type: 'scenario.setOff', scenario: scenarioId, kind: 'synergy', id: command.id, off: true };
  }
  if (SCENARIO_EDIT_TYPES.has(command.type)) {
    return { type: 'scenario.edit', scenario: scenarioId, command: command as ScenarioEdit };
  }
  throw new ApiFailure(
    'validation',
    'This change is the same in every scenario: switch to the baseline to make it. Nothing was saved.',
    { _: 'scenario.baselineOnly' },
  );
}
