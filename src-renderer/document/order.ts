/** The model's lists in the order the screens show them (the entity specs' order, by level or position). */
import { type BudgetLine, ENTITIES, type Funder, type Level, LEVELS, type Model } from '../../src-shared/model';

/** Lines of one level in their order. */
export function linesOfLevel(model: Model, level: Level): BudgetLine[] {
  return model.lines.filter((l) => l.level === level).sort(ENTITIES.line.compare);
}

/** All lines, level by level, each level in its order. */
export function orderedLines(model: Model): BudgetLine[] {
  return LEVELS.flatMap((level) => linesOfLevel(model, level));
}

/** Items in their order (profiles, funding sources). */
export function byPosition<T extends { id: string; position: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The main donor: the first funding source of type donor, in the sources' order (or null). */
export function mainDonor(funders: readonly Funder[]): Funder | null {
  return byPosition(funders).find((f) => f.type === 'donor') ?? null;
}
