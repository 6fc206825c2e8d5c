/**
 * What a command will most likely do to the model, applied locally so that the screen (and the
 * totals, computed from the model) move at once. Main's reply replaces this guess: it is never
 * saved, and it is thrown away when main refuses the command.
 */
import type { Command } from '../../src-shared/api';
import { type BudgetLine, type Level, LEVELS, type Model } from '../../src-shared/model';

/** Lines of one level in their order. */
export function linesOfLevel(model: Model, level: Level): BudgetLine[] {
  return model.lines.filter((l) => l.level === level).sort((a, b) => a.position - b.position);
}

/** All lines, level by level, each level in its order. */
export function orderedLines(model: Model): BudgetLine[] {
  return LEVELS.flatMap((level) => linesOfLevel(model, level));
}

/** Renumbers positions 0..n-1 within each level, keeping the given order. */
function renumber(byLevel: Record<Level, BudgetLine[]>): BudgetLine[] {
  return LEVELS.flatMap((level) =>
    byLevel[level].map((l, i) => (l.position === i && l.level === level ? l : { ...l, level, position: i })),
  );
}

function grouped(model: Model): Record<Level, BudgetLine[]> {
  const g = {} as Record<Level, BudgetLine[]>;
  for (const level of LEVELS) g[level] = linesOfLevel(model, level);
  return g;
}

interface Positioned {
  id: string;
  position: number;
}

/** Items in their order (profiles, funding sources). */
export function byPosition<T extends Positioned>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.position - b.position);
}

function renumbered<T extends Positioned>(items: readonly T[]): T[] {
  return items.map((x, i) => (x.position === i ? x : { ...x, position: i }));
}

/** Moves item `id` to `index` (clamped) and renumbers; unknown ids change nothing. */
function moved<T extends Positioned>(items: readonly T[], id: string, index: number): T[] {
  const list = byPosition(items);
  const i = list.findIndex((x) => x.id === id);
  if (i < 0) return [...items];
  const [item] = list.splice(i, 1);
  list.splice(Math.min(index, list.length), 0, item as T);
  return renumbered(list);
}

/** A command on a list in order (profiles, funding sources), whose items are `F` with an id and a position. */
type ListCommand<F> =
  | { type: string; fields: F }
  | { type: string; id: string; patch: Partial<F> }
  | { type: string; id: string; index: number }
  | { type: string; id: string };

/** Applies an add, update, move or delete to `items`; null when it names an unknown id. */
function appliedToList<F extends object>(
  items: readonly (F & Positioned)[],
  command: ListCommand<F>,
  newId: string,
): (F & Positioned)[] | null {
  if ('fields' in command) {
    const list = byPosition(items);
    list.push({ ...command.fields, id: newId, position: list.length });
    return renumbered(list);
  }
  if (!items.some((x) => x.id === command.id)) return null;
  if ('patch' in command) return items.map((x) => (x.id === command.id ? { ...x, ...command.patch } : x));
  if ('index' in command) return moved(items, command.id, command.index);
  return renumbered(byPosition(items.filter((x) => x.id !== command.id)));
}

/**
 * Applies `command` to `model`. `newId` names what a `line.add`, `line.duplicate`, `profile.add`
 * or `funder.add` creates (a temporary id until main answers). Unknown ids leave the model
 * unchanged. Refusals main would make (a profile still used by a line...) are main's to make:
 * here the edit is simply shown, and rolled back if main refuses it.
 */
export function applyCommand(model: Model, command: Command, newId: string): Model {
  switch (command.type) {
    case 'programme.update': {
      const programme = { ...model.programme, ...command.patch };
      const from = model.programme.reportingCurrency;
      const to = programme.reportingCurrency;
      if (from === to) return { ...model, programme };
      // Lines entered in the reporting currency follow it to the new one (as main does).
      return { ...model, programme, lines: model.lines.map((l) => (l.currency === from ? { ...l, currency: to } : l)) };
    }
    case 'line.add': {
      const g = grouped(model);
      const list = g[command.level];
      const after = command.afterId ? list.findIndex((l) => l.id === command.afterId) : -1;
      const at = after >= 0 ? after + 1 : list.length;
      list.splice(at, 0, { ...command.fields, id: newId, level: command.level, position: at });
      return { ...model, lines: renumber(g) };
    }
    case 'line.update':
      return {
        ...model,
        lines: model.lines.map((l) => (l.id === command.id ? { ...l, ...command.patch } : l)),
      };
    case 'line.duplicate': {
      const g = grouped(model);
      for (const level of LEVELS) {
        const list = g[level];
        const i = list.findIndex((l) => l.id === command.id);
        const original = list[i];
        if (original) {
          list.splice(i + 1, 0, { ...original, id: newId });
          return { ...model, lines: renumber(g) };
        }
      }
      return model;
    }
    case 'line.delete':
      if (!model.lines.some((l) => l.id === command.id)) return model;
      return {
        ...model,
        lines: renumber(grouped({ ...model, lines: model.lines.filter((l) => l.id !== command.id) })),
      };
    case 'line.move': {
      const line = model.lines.find((l) => l.id === command.id);
      if (!line) return model;
      const g = grouped({ ...model, lines: model.lines.filter((l) => l.id !== command.id) });
      const list = g[command.level];
      list.splice(Math.min(command.index, list.length), 0, { ...line, level: command.level });
      return { ...model, lines: renumber(g) };
    }
    case 'profile.add':
    case 'profile.update':
    case 'profile.delete':
    case 'profile.move': {
      const profiles = appliedToList(model.profiles, command, newId);
      return profiles ? { ...model, profiles } : model;
    }
    case 'currency.put': {
      const c = command.currency;
      const exists = model.currencies.some((x) => x.code === c.code);
      return {
        ...model,
        currencies: exists ? model.currencies.map((x) => (x.code === c.code ? c : x)) : [...model.currencies, c],
      };
    }
    case 'currency.delete':
      if (!model.currencies.some((c) => c.code === command.code)) return model;
      return { ...model, currencies: model.currencies.filter((c) => c.code !== command.code) };
    case 'funder.add':
    case 'funder.update':
    case 'funder.delete':
    case 'funder.move': {
      const funders = appliedToList(model.funders, command, newId);
      return funders ? { ...model, funders } : model;
    }
  }
}

/**
 * Every id a command refers to: the line, profile or funding source it acts on, the line it is
 * inserted after, and the profiles and funding sources named inside a line's fields. Used to drop
 * commands that depend on something whose creation main refused.
 */
export function commandRefs(command: Command): string[] {
  switch (command.type) {
    case 'programme.update':
    case 'currency.put':
    case 'currency.delete':
    case 'profile.add':
    case 'funder.add':
      return [];
    case 'line.add':
      return [...(command.afterId ? [command.afterId] : []), ...fieldRefs(command.fields)];
    case 'line.update':
      return [command.id, ...fieldRefs(command.patch)];
    default:
      return [command.id];
  }
}

function fieldRefs(fields: Partial<Pick<BudgetLine, 'driver' | 'funding'>>): string[] {
  const out: string[] = [];
  const d = fields.driver;
  if (d && 'profileIds' in d) out.push(...d.profileIds);
  if (d && d.kind === 'percentage') out.push(...d.lineIds);
  for (const f of fields.funding ?? []) out.push(f.funderId);
  return out;
}

function remapFields<T extends Partial<Pick<BudgetLine, 'driver' | 'funding'>>>(
  fields: T,
  m: (id: string) => string,
): T {
  let out = fields;
  const d = fields.driver;
  if (d) {
    let driver = d;
    if ('profileIds' in driver && driver.profileIds.some((id) => m(id) !== id)) {
      driver = { ...driver, profileIds: driver.profileIds.map(m) };
    }
    if (driver.kind === 'percentage' && driver.lineIds.some((id) => m(id) !== id)) {
      driver = { ...driver, lineIds: driver.lineIds.map(m) };
    }
    if (driver !== d) out = { ...out, driver };
  }
  const f = fields.funding;
  if (f && f.some((s) => m(s.funderId) !== s.funderId)) {
    out = { ...out, funding: f.map((s) => ({ ...s, funderId: m(s.funderId) })) };
  }
  return out;
}

/** The same command with ids replaced through `map` (ids not in the map are kept). */
export function remapCommand(command: Command, map: Readonly<Record<string, string>>): Command {
  const m = (id: string) => map[id] ?? id;
  switch (command.type) {
    case 'programme.update':
    case 'currency.put':
    case 'currency.delete':
    case 'profile.add':
    case 'funder.add':
      return command;
    case 'line.add': {
      const fields = remapFields(command.fields, m);
      const afterId = command.afterId ? m(command.afterId) : command.afterId;
      return fields === command.fields && afterId === command.afterId ? command : { ...command, afterId, fields };
    }
    case 'line.update': {
      const patch = remapFields(command.patch, m);
      const id = m(command.id);
      return patch === command.patch && id === command.id ? command : { ...command, id, patch };
    }
    default: {
      const id = m(command.id);
      return id === command.id ? command : { ...command, id };
    }
  }
}

export type CreatedKind = 'line' | 'profile' | 'funder';

/** What kind of thing the command creates (its id is chosen by main), or null. */
export function createdKind(command: Command): CreatedKind | null {
  switch (command.type) {
    case 'line.add':
    case 'line.duplicate':
      return 'line';
    case 'profile.add':
      return 'profile';
    case 'funder.add':
      return 'funder';
    default:
      return null;
  }
}

/** The ids of the things of `kind` in a model. */
export function idsOf(model: Model, kind: CreatedKind): string[] {
  switch (kind) {
    case 'line':
      return model.lines.map((l) => l.id);
    case 'profile':
      return model.profiles.map((p) => p.id);
    case 'funder':
      return model.funders.map((f) => f.id);
  }
}
