/**
 * Applying planned row changes to a `Model`: what the renderer does to its copy when it plans a
 * command, and when main's reply (a `Delta`) or another window's change arrives. Main applies the
 * same changes to its maps (src-main/documents) after writing them.
 *
 * Rows that a change does not touch keep their identity (the very same objects), so memoised rows
 * and the engine's per-line caches see only what changed.
 */
import {
  ENTITIES,
  ENTITY_NAMES,
  type EntityName,
  type EntityRows,
  type EntitySpec,
  MODEL_KEYS,
  type Model,
  modelRows,
  type RowWrite,
} from '../model';
import { type ModelState, type RowChange, stateRows } from './plan';

/** The writes that put the `target` state of `changes` in place (undo replays them in reverse). */
export function writesOf(changes: readonly RowChange[], target: 'before' | 'after'): RowWrite[] {
  const ordered = target === 'before' ? [...changes].reverse() : changes;
  return ordered.map((c) =>
    c.table === 'programme'
      ? { table: 'programme', row: c[target] }
      : ({ table: c.table, id: c.id, row: c[target] } as RowWrite),
  );
}

const states = new WeakMap<Model, ModelState>();

/** The model as maps by key, for the planner (kept per model object). */
export function stateOf(model: Model): ModelState {
  let state = states.get(model);
  if (!state) {
    const byKey = <K extends EntityName>(name: K): Map<string, EntityRows[K]> => {
      const spec = ENTITIES[name] as EntitySpec<K>;
      return new Map(modelRows(model, name).map((r) => [spec.key(r), r]));
    };
    state = {
      programme: model.programme,
      lines: byKey('line'),
      profiles: byKey('profile'),
      currencies: byKey('currency'),
      funders: byKey('funder'),
      partners: byKey('partner'),
      synergies: byKey('synergy'),
      scenarios: byKey('scenario'),
      ranges: byKey('range'),
    };
    states.set(model, state);
  }
  return state;
}

/** The model a state holds, its lists in model order (stateOf's inverse; main's copy is kept as a state). */
export function modelOfState(state: ModelState): Model {
  const rows = <K extends EntityName>(name: K): EntityRows[K][] =>
    [...stateRows(state, name).values()].sort(ENTITIES[name].compare as (a: EntityRows[K], b: EntityRows[K]) => number);
  return {
    programme: state.programme,
    lines: rows('line'),
    profiles: rows('profile'),
    currencies: rows('currency'),
    funders: rows('funder'),
    partners: rows('partner'),
    synergies: rows('synergy'),
    scenarios: rows('scenario'),
    ranges: rows('range'),
  };
}

/**
 * `model` with `writes` applied. A list whose rows only changed in place (same key, same place in
 * the order) is patched where it is; one that gains, loses or reorders rows is sorted again with
 * the entity's order.
 */
export function applyWrites(model: Model, writes: readonly RowWrite[]): Model {
  if (writes.length === 0) return model;
  let programme = model.programme;
  const byEntity = new Map<EntityName, Map<string, EntityRows[EntityName] | null>>();
  for (const w of writes) {
    if (w.table === 'programme') {
      programme = w.row;
      continue;
    }
    let m = byEntity.get(w.table);
    if (!m) byEntity.set(w.table, (m = new Map()));
    m.set(w.id, w.row);
  }
  const next: Model = { ...model, programme };
  for (const name of ENTITY_NAMES) {
    const rows = byEntity.get(name);
    if (rows)
      (next as unknown as Record<string, unknown>)[MODEL_KEYS[name]] = applyRows(name, modelRows(model, name), rows);
  }
  return next;
}

function applyRows<K extends EntityName>(
  name: K,
  list: readonly EntityRows[K][],
  writes: ReadonlyMap<string, EntityRows[K] | null>,
): EntityRows[K][] {
  const spec = ENTITIES[name] as EntitySpec<K>;
  const out = list.slice();
  const seen = new Set<string>();
  let reorder = false;
  for (let i = 0; i < out.length; i++) {
    const key = spec.key(out[i] as EntityRows[K]);
    if (!writes.has(key)) continue;
    seen.add(key);
    const row = writes.get(key) ?? null;
    if (row === null || spec.compare(out[i] as EntityRows[K], row) !== 0) reorder = true;
    if (row !== null) out[i] = row;
  }
  if (!reorder && seen.size === writes.size) return out;
  const kept = out.filter((r) => {
    const key = spec.key(r);
    return !writes.has(key) || writes.get(key) !== null;
  });
  for (const [key, row] of writes) if (!seen.has(key) && row !== null) kept.push(row);
  return kept.sort(spec.compare);
}
