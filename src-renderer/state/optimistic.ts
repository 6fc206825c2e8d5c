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

/**
 * Applies `command` to `model`. `newId` names the line a `line.add` or `line.duplicate` creates
 * (a temporary id until main answers). Unknown line ids leave the model unchanged.
 */
export function applyCommand(model: Model, command: Command, newId: string): Model {
  switch (command.type) {
    case 'programme.update':
      return { ...model, programme: { ...model.programme, ...command.patch } };
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
  }
}

/** The line ids a command refers to (to rewrite temporary ids once main has named the line). */
export function commandLineIds(command: Command): string[] {
  switch (command.type) {
    case 'programme.update':
      return [];
    case 'line.add':
      return command.afterId ? [command.afterId] : [];
    default:
      return [command.id];
  }
}

/** The same command with line ids replaced through `map` (ids not in the map are kept). */
export function remapCommand(command: Command, map: Readonly<Record<string, string>>): Command {
  const m = (id: string) => map[id] ?? id;
  switch (command.type) {
    case 'programme.update':
      return command;
    case 'line.add':
      return command.afterId ? { ...command, afterId: m(command.afterId) } : command;
    default:
      return { ...command, id: m(command.id) };
  }
}

/** True when the command creates a line (its id is chosen by main). */
export function createsLine(command: Command): boolean {
  return command.type === 'line.add' || command.type === 'line.duplicate';
}
