/**
 * Turning what a person typed into a cell of the budget grid or a line's details panel into a
 * `line.update` patch, or into a specific error code (translated by i18n `errorText`). Pure: used
 * before anything is sent, and tested in Node. The model's zod schemas stay the final word.
 */
import {
  type BudgetLine,
  lineFieldsSchema,
  type LineFields,
  type Programme,
  validateLineAgainstProgramme,
} from '../../../src-shared/model';
import { formatMinor, type Locale, parseMoney, parseNonNegativeDecimal, parsePercent } from '../../../src-shared/money';
import type { Translate } from '../../i18n';
import { type FieldResult, fromZod } from '../../shared/fields';
import { driverFieldText, mainField, parseDriverField } from './drivers';

export const TEXT_COLUMNS = ['name', 'unitLabel', 'unitCost', 'quantity', 'start', 'end'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];

/**
 * The text a typed cell shows. The unit cost is in the line's own currency; "quantity" is the
 * driver's main parameter (units, cases per staff member, returnees per project, or a rate).
 */
export function lineCellText(line: BudgetLine, col: TextColumn, locale: Locale): string {
  switch (col) {
    case 'name':
      return line.name;
    case 'unitLabel':
      return line.unitLabel;
    case 'unitCost':
      return formatMinor(line.unitCost, line.currency, locale);
    case 'quantity':
      return driverFieldText(line.driver, mainField(line.driver), locale);
    case 'start':
    case 'end':
      return driverFieldText(line.driver, col, locale);
  }
}

/**
 * Parses one typed cell of a line. Returns the `line.update` patch, or an error code with the
 * parameters its message needs. Nothing that fails here is sent. A unit cost is read in the
 * line's own currency (its decimals: none for XOF, two for EUR...).
 */
export function parseLineCell(
  line: BudgetLine,
  col: TextColumn,
  input: string,
  locale: Locale,
  programme: Pick<Programme, 'durationMonths' | 'startMonth'>,
): FieldResult<Partial<LineFields>> {
  const shape = lineFieldsSchema.shape;
  switch (col) {
    case 'name': {
      const r = fromZod(shape.name.safeParse(input));
      return r.ok ? { ok: true, value: { name: r.value } } : r;
    }
    case 'unitLabel': {
      const r = fromZod(shape.unitLabel.safeParse(input.trim()));
      return r.ok ? { ok: true, value: { unitLabel: r.value } } : r;
    }
    case 'unitCost': {
      const r = parseMoney(input, locale, line.currency);
      if (!r.ok) return { ...r, context: 'unitCost' };
      const z = fromZod(shape.unitCost.safeParse(r.value));
      if (!z.ok) return { ...z, context: 'unitCost' };
      return withinLargestAmount(line.driver, z.value, programme, { unitCost: z.value });
    }
    case 'quantity':
    case 'start':
    case 'end': {
      const field = col === 'quantity' ? mainField(line.driver) : col;
      const r = parseDriverField(line.driver, field, input, locale, programme);
      if (!r.ok) return r;
      if (r.value === line.driver) return { ok: true, value: {} };
      return withinLargestAmount(r.value, line.unitCost, programme, { driver: r.value });
    }
  }
}

/**
 * `patch`, unless the line's fixed quantity × unit cost would exceed the largest amount the app
 * handles (src-shared/model/limits.ts): then `amount.tooLarge`, shown beside the cell, as main
 * would refuse it.
 */
function withinLargestAmount(
  driver: LineFields['driver'],
  unitCost: number,
  programme: Pick<Programme, 'durationMonths'>,
  patch: Partial<LineFields>,
): FieldResult<Partial<LineFields>> {
  const cross = validateLineAgainstProgramme({ driver, unitCost }, programme);
  if (cross.unitCost === 'amount.tooLarge') return { ok: false, code: 'amount.tooLarge' };
  return { ok: true, value: patch };
}

/**
 * Parses a decimal typed into a line's details panel (beneficiaries per unit) or a percentage
 * (non-migrant share).
 */
export function parseLineDetail(
  field: 'beneficiariesPerUnit' | 'nonMigrantShare',
  input: string,
  locale: Locale,
): FieldResult<Partial<LineFields>> {
  if (field === 'beneficiariesPerUnit') {
    const r = parseNonNegativeDecimal(input, locale, 6);
    if (!r.ok) return { ...r, context: 'quantity' };
    return { ok: true, value: { beneficiariesPerUnit: r.value } };
  }
  const r = parsePercent(input, locale);
  if (!r.ok) return { ...r, context: 'rate' };
  return { ok: true, value: { nonMigrantShare: r.value } };
}

/** An output per unit typed in the details panel (businesses, jobs, people): a decimal ≥ 0. */
export function parseOutput(
  line: Pick<LineFields, 'outputs'>,
  field: keyof LineFields['outputs'],
  input: string,
  locale: Locale,
): FieldResult<Partial<LineFields>> {
  const r = parseNonNegativeDecimal(input.trim() === '' ? '0' : input, locale, 6);
  if (!r.ok) return { ...r, context: 'quantity' };
  return { ok: true, value: { outputs: { ...line.outputs, [field]: r.value } } };
}

export { withSchedule } from './drivers';

/** The longest name a line may have (lineFieldsSchema `name`). */
const NAME_MAX = 200;

/**
 * The name of a duplicated line, in the user's language: "Grants (copy)", then "Grants (copy 2)",
 * "Grants (copy 3)"… while a line already has that name, as a file manager names its copies. A
 * long original is shortened so that the suffix always shows and the name stays within 200
 * characters.
 */
export function copyName(name: string, taken: ReadonlySet<string>, t: Translate): string {
  const fit = (n: number): string => {
    const suffix = n === 1 ? t('line.copyName', { name: '' }) : t('line.copyNameN', { name: '', n });
    return `${name.slice(0, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
  };
  for (let n = 1; ; n++) {
    const candidate = fit(n);
    if (!taken.has(candidate)) return candidate;
  }
}
