/**
 * The code-keyed sections of the dictionaries: which codes each must translate, and the helper
 * that puts a section under its key prefix. The unions come from where the codes are produced
 * (src-shared/api/codes.ts, checks/types.ts, engine/result.ts, money/parse.ts), so a code without
 * an English and a French text does not compile.
 */
import { FIELD_CODES, type FieldCode } from '../../src-shared/api/codes';
import type { ParseErrorCode } from '../../src-shared/money';
import type {
  BudgetLine,
  Currency,
  Funder,
  ParameterRange,
  Partner,
  Profile,
  Programme,
  Scenario,
  Synergy,
} from '../../src-shared/model';

/**
 * Field codes the renderer's own parsing gives before anything is sent (shared/fields.ts, the
 * parsing beside each feature's screen, and src-shared/money/parse.ts), on top of the codes main
 * sends.
 */
export const UI_FIELD_CODES = [
  'number.empty',
  'number.grouping',
  'number.tooManyDecimals',
  'number.noDecimals',
  'number.outOfRange',
  'number.ratio',
  'window.startAfterEnd',
  'staff.minAboveMax',
  'staff.maxBelowMin',
  'currency.isReporting',
  'currency.exists',
] as const;
export type UiFieldCode = (typeof UI_FIELD_CODES)[number];

/** Every code with a text under `errors.`: what main sends and what the renderer's parsing gives. */
export const ERROR_TEXT_CODES: readonly ErrorTextCode[] = [...FIELD_CODES, ...UI_FIELD_CODES];
export type ErrorTextCode = FieldCode | UiFieldCode;

// Every money parsing code has a text (this fails to compile when parse.ts gains a code).
const parseCodesCovered: Exclude<ParseErrorCode, ErrorTextCode> extends never ? true : false = true;
void parseCodesCovered;

/**
 * Where a field code can have a more specific text, `errors.<context>.<code>` (see errorText):
 * the renderer's fields, and 'main' for a code main sent, whose text cannot use the parameters
 * the renderer's own checks fill in.
 */
export const FIELD_CONTEXTS = [
  'unitCost',
  'quantity',
  'rate',
  'durationMonths',
  'month',
  'staff',
  'offset',
  'inflation',
  'exchangeRate',
  'communities',
  'assistance',
  'main',
] as const;
export type FieldContext = (typeof FIELD_CONTEXTS)[number];
export type ContextualErrorKey = `${FieldContext}.${ErrorTextCode}`;

/**
 * Every field of every stored row, as the change log names it (`log.field.<table>.<field>`): typed
 * from the model, so a new field without an English and a French name does not compile.
 */
type FieldsOf<T> = Exclude<keyof T & string, 'id'>;
export type LogFieldKey =
  | `programme.${FieldsOf<Programme>}`
  | `line.${FieldsOf<BudgetLine>}`
  | `profile.${FieldsOf<Profile>}`
  | `currency.${FieldsOf<Currency>}`
  | `funder.${FieldsOf<Funder>}`
  | `partner.${FieldsOf<Partner>}`
  | `synergy.${FieldsOf<Synergy>}`
  | `scenario.${FieldsOf<Scenario>}`
  | `range.${FieldsOf<ParameterRange>}`;

/** A section's keys under `prefix.`: section('errors', { 'text.required': … }) -> { 'errors.text.required': … }. */
export type Section<P extends string, T> = { readonly [K in keyof T & string as `${P}.${K}`]: T[K] };

export function section<P extends string, T extends Readonly<Record<string, string>>>(
  prefix: P,
  texts: T,
): Section<P, T> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(texts)) out[`${prefix}.${k}`] = v;
  return out as Section<P, T>;
}
