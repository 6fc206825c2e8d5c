/**
 * The change log's structured rows, from a command's row changes: which fields of which rows went
 * from which value to which. Rows whose only change is their position (the neighbours renumbered by
 * an insert, a delete or a move) are left out: the row the command moved says it. A command that
 * touches very many rows (a new reporting currency, on every line entered in the old one) keeps
 * the first MAX_FIELD_CHANGES and counts the rest.
 */
import { ENTITIES, type EntityName, type EntitySpec, type FieldChange } from '../model';
import type { RowChange } from './plan';

export const MAX_FIELD_CHANGES = 200;

const ORDER_ONLY = new Set(['position']);

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The field changes of `changes` (as a command planned them), for the change log. `target`: the key
 * of the row the command acted on, whose position change is kept (a move within a level).
 */
export function fieldChanges(
  changes: readonly RowChange[],
  target: string | null = null,
): { fields: FieldChange[]; omitted: number } {
  const all: FieldChange[] = [];
  for (const c of changes) {
    if (c.table === 'programme') {
      for (const k of Object.keys(c.after) as (keyof typeof c.after)[]) {
        if (!same(c.before[k], c.after[k])) {
          all.push({ table: 'programme', id: null, row: null, field: k, before: c.before[k], after: c.after[k] });
        }
      }
      continue;
    }
    const spec = ENTITIES[c.table] as EntitySpec<EntityName>;
    const row = c.after ?? c.before;
    const name = row ? spec.label(row) : null;
    if (c.before === null || c.after === null) {
      all.push({ table: c.table, id: c.id, row: name, field: null, before: c.before && name, after: c.after && name });
      continue;
    }
    const before = c.before as unknown as Record<string, unknown>;
    const after = c.after as unknown as Record<string, unknown>;
    const differ = Object.keys(after).filter((k) => !same(before[k], after[k]));
    if (c.id !== target && differ.every((k) => ORDER_ONLY.has(k))) continue;
    for (const k of differ) {
      all.push({ table: c.table, id: c.id, row: name, field: k, before: before[k], after: after[k] });
    }
  }
  return { fields: all.slice(0, MAX_FIELD_CHANGES), omitted: Math.max(0, all.length - MAX_FIELD_CHANGES) };
}
