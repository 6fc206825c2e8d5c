/**
 * Commands as pure plans: given the current model and a command, work out the row-level changes
 * (before/after of every row it touches) and a short English summary — or refuse with an
 * ApiFailure. No I/O here; DocumentService applies a plan in one transaction and keeps it for undo.
 *
 * Decisions worth knowing:
 * - `line.duplicate` keeps the name unchanged (no language-specific "(copy)" suffix in the data);
 *   the copy is placed right after the original, in the same level.
 * - `line.update` / `programme.update` patches replace top-level fields; `driver` is replaced whole.
 * - A command that changes nothing (same values, a move to where the line already is) plans no
 *   changes; DocumentService then records nothing (no undo step, no change-log row).
 * - Positions are dense (0..n-1) within a level after every command.
 */
import { ApiFailure, type Command } from '../../src-shared/api';
import {
  type BudgetLine,
  type Level,
  lineFieldsSchema,
  type LineFields,
  type Programme,
  programmeSchema,
  validateLineAgainstProgramme,
} from '../../src-shared/model';
import { canonicalLine, canonicalProgramme, compareLines } from '../db/repository';
import { fieldsFromZod, validationFailure } from './validation';

export type RowChange =
  | { table: 'programme'; before: Programme; after: Programme }
  | { table: 'line'; id: string; before: BudgetLine | null; after: BudgetLine | null };

export interface Plan {
  summary: string;
  changes: RowChange[];
}

export interface ModelState {
  readonly programme: Programme;
  readonly lines: ReadonlyMap<string, BudgetLine>;
}

export interface PlanContext {
  /** A fresh line id not used in the model (DocumentService: random, collision-checked). */
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
  }
}

/** Lines of one level in position order. */
export function levelLines(state: ModelState, level: Level): BudgetLine[] {
  const out: BudgetLine[] = [];
  for (const l of state.lines.values()) if (l.level === level) out.push(l);
  return out.sort(compareLines);
}

function planProgrammeUpdate(state: ModelState, patch: Partial<Programme>): Plan {
  const before = state.programme;
  const parsed = programmeSchema.safeParse({ ...before, ...definedOnly(patch) });
  if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error));
  const after = canonicalProgramme(parsed.data);

  if (after.durationMonths < before.durationMonths) {
    let outside = 0;
    for (const l of state.lines.values()) {
      if (Object.keys(validateLineAgainstProgramme(l, after)).length > 0) outside++;
    }
    if (outside > 0) {
      const lines = outside === 1 ? '1 budget line runs' : `${outside} budget lines run`;
      throw new ApiFailure(
        'validation',
        `The programme cannot be shortened to ${after.durationMonths} months: ${lines} past month ${after.durationMonths}. ` +
          'Shorten or move those lines first. Nothing was saved.',
        { durationMonths: 'duration.linesOutside' },
      );
    }
  }

  const changed = (Object.keys(PROGRAMME_FIELD_NAMES) as (keyof Programme)[]).filter((k) => before[k] !== after[k]);
  if (changed.length === 0) return noChange();
  return {
    summary: `Edited programme settings: ${changed.map((k) => PROGRAMME_FIELD_NAMES[k]).join(', ')}`,
    changes: [{ table: 'programme', before, after }],
  };
}

function checkedFields(fields: unknown, programme: Programme, prefix: string[]): LineFields {
  const parsed = lineFieldsSchema.safeParse(fields);
  if (!parsed.success) throw validationFailure(fieldsFromZod(parsed.error, prefix));
  const cross = validateLineAgainstProgramme(parsed.data, programme);
  if (Object.keys(cross).length > 0) throw validationFailure(cross, { durationMonths: programme.durationMonths });
  return parsed.data;
}

function planAdd(state: ModelState, level: Level, afterId: string | null, fields: LineFields, ctx: PlanContext): Plan {
  const valid = checkedFields(fields, state.programme, ['fields']);
  const siblings = levelLines(state, level);
  let index = siblings.length;
  if (afterId !== null) {
    const after = state.lines.get(afterId);
    if (!after) throw lineNotFound(afterId);
    if (after.level !== level) throw validationFailure({ afterId: 'line.otherLevel' });
    index = siblings.findIndex((l) => l.id === afterId) + 1;
  }
  const line = canonicalLine({ ...valid, id: ctx.newId(), level, position: index });
  const changes: RowChange[] = [{ table: 'line', id: line.id, before: null, after: line }];
  changes.push(...renumber([...siblings.slice(0, index), line, ...siblings.slice(index)], level, new Set([line.id])));
  return { summary: `Added ${quote(line.name)} to the ${LEVEL_LABELS[level]} level`, changes };
}

function planLineUpdate(state: ModelState, id: string, patch: Partial<LineFields>): Plan {
  const before = state.lines.get(id);
  if (!before) throw lineNotFound(id);
  const { id: _id, level: _level, position: _position, ...current } = before;
  const valid = checkedFields({ ...current, ...definedOnly(patch) }, state.programme, ['patch']);
  const after = canonicalLine({ ...valid, id, level: before.level, position: before.position });

  const changed: string[] = [];
  for (const k of Object.keys(LINE_FIELD_NAMES) as (keyof typeof LINE_FIELD_NAMES)[]) {
    if (before[k] !== after[k]) changed.push(LINE_FIELD_NAMES[k]);
  }
  const bd = before.driver;
  const ad = after.driver;
  if (bd.kind !== ad.kind) changed.push('quantity driver');
  if (bd.quantity !== ad.quantity) changed.push('quantity');
  if (bd.schedule !== ad.schedule) changed.push('schedule');
  if (bd.start !== ad.start || bd.end !== ad.end) changed.push('months');
  if (changed.length === 0) return noChange();
  return {
    summary: `Edited ${quote(before.name)}: ${changed.join(', ')}`,
    changes: [{ table: 'line', id, before, after }],
  };
}

function planDuplicate(state: ModelState, id: string, ctx: PlanContext): Plan {
  const original = state.lines.get(id);
  if (!original) throw lineNotFound(id);
  const siblings = levelLines(state, original.level);
  const index = siblings.findIndex((l) => l.id === id) + 1;
  const copy = canonicalLine({ ...original, id: ctx.newId(), position: index });
  const changes: RowChange[] = [{ table: 'line', id: copy.id, before: null, after: copy }];
  changes.push(
    ...renumber([...siblings.slice(0, index), copy, ...siblings.slice(index)], original.level, new Set([copy.id])),
  );
  return { summary: `Duplicated ${quote(original.name)}`, changes };
}

function planDelete(state: ModelState, id: string): Plan {
  const line = state.lines.get(id);
  if (!line) throw lineNotFound(id);
  const rest = levelLines(state, line.level).filter((l) => l.id !== id);
  return {
    summary: `Deleted ${quote(line.name)} from the ${LEVEL_LABELS[line.level]} level`,
    changes: [{ table: 'line', id, before: line, after: null }, ...renumber(rest, line.level, new Set())],
  };
}

function planMove(state: ModelState, id: string, level: Level, index: number): Plan {
  const line = state.lines.get(id);
  if (!line) throw lineNotFound(id);
  const source = levelLines(state, line.level).filter((l) => l.id !== id);
  const target = line.level === level ? source : levelLines(state, level);
  const at = Math.min(Math.max(0, index), target.length);
  const placed = [...target.slice(0, at), line, ...target.slice(at)];
  const changes = renumber(placed, level, new Set());
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
  const changes: RowChange[] = [];
  ordered.forEach((l, position) => {
    if (skip.has(l.id) || (l.position === position && l.level === level)) return;
    changes.push({ table: 'line', id: l.id, before: l, after: canonicalLine({ ...l, level, position }) });
  });
  return changes;
}

function noChange(): Plan {
  return { summary: '', changes: [] };
}

function lineNotFound(id: string): ApiFailure {
  return new ApiFailure(
    'notFound',
    `There is no budget line with the id "${id}" in this programme; it may have been deleted. Nothing was changed.`,
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
