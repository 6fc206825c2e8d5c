/**
 * Reading one cell of an imported sheet into a line's value: exact decimals (never through a
 * binary float), amounts in minor units, months, choices and yes/no, each refused with a specific
 * code (src-shared/api/codes.ts FIELD_CODES, money/parse.ts ParseErrorCode) that the app's field
 * messages put in words.
 *
 * Decision (numbers written by people): "1,234.50", "1 234,50" (with a space, a no-break space or
 *   a narrow no-break space), "1.234,50", "1234.5" and "1234,5" are all read. A cell that says
 *   which separator is the decimal one decides by itself: both "," and "." (the last one is the
 *   decimal), one separator not followed by exactly three digits ("12,5"), or the same separator
 *   twice (a grouping: "1,234,567"). A cell with one separator followed by exactly three digits
 *   ("1,234", "1.234") could be either: it follows the file's decimal separator (chosen by the
 *   person, or seen in the file's other cells, see detectDecimal), and without one it is refused
 *   ('import.ambiguousNumber'), never guessed. A currency sign or code before or after the number
 *   ("€ 12.50", "12,50 EUR") is left out.
 * Decision (numbers from an XLSX): a numeric cell is the number the spreadsheet stored; its
 *   shortest decimal form is exact for every value a person typed with up to 15 digits.
 * Decision (text): cells are trimmed. A text that begins with a single quote followed by = + - @,
 *   a tab or a carriage return loses the quote (the escape our CSV export and spreadsheets use);
 *   a text that then begins with "=" is refused as a formula ('import.formula').
 */
import type { FieldCode } from '../api/codes';
import { CATEGORY_NAMES, CHOICES, DIMENSION_NAMES, MODALITY_NAMES, SCHEDULE_NAMES } from '../export/csv-labels';
import type { Category, Dimension, Modality, Schedule } from '../model';
import {
  type DecimalString,
  type Minor,
  type ParseErrorCode,
  parseDecimal,
  parseMoney,
  parseNonNegativeDecimal,
} from '../money';
import type { DecimalSeparator, ImportCell } from './fields';
import { normaliseHeading } from './guess';

export type ImportIssueCode = FieldCode | ParseErrorCode;

export type CellResult<T> =
  { ok: true; value: T } | { ok: false; code: ImportIssueCode; params?: Record<string, string | number> };

const ESCAPED = /^'[=+\-@\t\r]/;
const SPACES = /[ \u00a0\u202f]/g;

export function isBlank(cell: ImportCell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** A cell as text, as a person reads it (a number in its shortest decimal form). */
export function cellText(cell: ImportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return String(cell);
  const t = cell.trim();
  return ESCAPED.test(t) ? t.slice(1) : t;
}

/** A text field's value: trimmed, unescaped, and refused when it is a formula. */
export function textValue(cell: ImportCell): CellResult<string> {
  const t = cellText(cell);
  if (t.startsWith('=')) return { ok: false, code: 'import.formula', params: { input: short(t) } };
  return { ok: true, value: t };
}

function short(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** Which separator a number written as text uses for decimals (see the Decision above). */
export function decimalOf(text: string): DecimalSeparator | 'ambiguous' | null {
  const s = text.replace(SPACES, '').replace(/^[-\u2212+]/, '');
  const commas = s.split(',').length - 1;
  const dots = s.split('.').length - 1;
  if (commas > 0 && dots > 0) return s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
  const one = (sep: DecimalSeparator): DecimalSeparator | 'ambiguous' => {
    const [before = '', after = ''] = s.split(sep);
    return /^\d{3}$/.test(after) && /^[1-9]\d{0,2}$/.test(before) ? 'ambiguous' : sep;
  };
  // Digits grouped by spaces ("1 234,5"): the one separator left is the decimal one.
  const spaced = /\d[ \u00a0\u202f]\d/.test(text);
  if (commas === 1) return spaced ? ',' : one(',');
  if (commas > 1) return '.';
  if (dots === 1) return spaced ? '.' : one('.');
  if (dots > 1) return ',';
  return null;
}

/**
 * The decimal separator a file's numbers show, from the cells that say it themselves; null when
 * none does, or when they disagree.
 */
export function detectDecimal(cells: Iterable<ImportCell>): DecimalSeparator | null {
  let seen: DecimalSeparator | null = null;
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const d = decimalOf(stripCurrency(cell.trim()));
    if (d !== '.' && d !== ',') continue;
    if (seen !== null && seen !== d) return null;
    seen = d;
  }
  return seen;
}

/** "€ 12.50", "12,50 EUR" -> the number alone. */
function stripCurrency(s: string): string {
  return s
    .replace(/^(?:[€$£]|[A-Z]{3})[ \u00a0\u202f]*/, '')
    .replace(/[ \u00a0\u202f]*(?:[€$£]|[A-Z]{3})$/, '')
    .trim();
}

/** An exact decimal from a cell (text or number); `decimal` settles cells that could be read two ways. */
export function decimalValue(cell: ImportCell, decimal: DecimalSeparator | null): CellResult<DecimalString> {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { ok: false, code: 'number.invalid', params: { input: String(cell) } };
    const s = String(cell);
    if (s.includes('e')) {
      return Math.abs(cell) >= 1
        ? { ok: false, code: 'number.tooLarge', params: { input: s } }
        : { ok: false, code: 'number.tooManyDecimals', params: { input: s, max: 6 } };
    }
    return parseDecimal(s, 'en');
  }
  if (typeof cell === 'boolean') return { ok: false, code: 'number.invalid', params: { input: cellText(cell) } };
  const raw = cellText(cell);
  if (raw === '') return { ok: false, code: 'number.empty' };
  const s = stripCurrency(raw);
  const own = decimalOf(s);
  const sep = own === 'ambiguous' ? decimal : own;
  if (own === 'ambiguous' && sep === null) {
    return { ok: false, code: 'import.ambiguousNumber', params: { input: short(raw) } };
  }
  const r = sep === ',' ? parseDecimal(s, 'fr') : parseDecimal(s.replace(SPACES, ','), 'en');
  return r.ok ? r : { ...r, params: { ...r.params, input: short(raw) } };
}

/** A unit cost: a non-negative amount in minor units of `currency`. */
export function moneyValue(cell: ImportCell, currency: string, decimal: DecimalSeparator | null): CellResult<Minor> {
  const d = decimalValue(cell, decimal);
  if (!d.ok) return d;
  const m = parseMoney(d.value, 'en', currency);
  return m.ok ? m : { ...m, params: { ...m.params, input: short(cellText(cell)) } };
}

/** A quantity: a non-negative decimal with at most 6 decimals. */
export function quantityValue(cell: ImportCell, decimal: DecimalSeparator | null): CellResult<DecimalString> {
  const d = decimalValue(cell, decimal);
  if (!d.ok) return d;
  const q = parseNonNegativeDecimal(d.value, 'en', 6);
  return q.ok ? q : { ...q, params: { ...q.params, input: short(cellText(cell)) } };
}

/**
 * A programme month: its number (1 = the start month; "M3" is read as 3), or a calendar month
 * ("2026-03", or a date "2026-03-15", as an XLSX date cell is read) counted from `startMonth`.
 * Whether it lies inside the programme is the line's checks' to say.
 */
export function monthValue(cell: ImportCell, startMonth: string): CellResult<number> {
  const t = cellText(cell);
  const m = /^m?(\d{1,4})$/i.exec(t);
  if (m) return { ok: true, value: Number(m[1]) };
  const c = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(t);
  const [sy, sm] = startMonth.split('-').map(Number) as [number, number];
  if (c) {
    const month = Number(c[2]);
    if (month >= 1 && month <= 12) return { ok: true, value: Number(c[1]) * 12 + month - (sy * 12 + sm) + 1 };
  }
  return { ok: false, code: 'month.invalid', params: { input: short(t) } };
}

type ChoiceKind = 'category' | 'dimension' | 'modality' | 'schedule';
interface ChoiceValue {
  category: Category;
  dimension: Dimension;
  modality: Modality;
  schedule: Schedule;
}

/** Other ways people write the choices (normalised), beside the app's names in both languages and the codes. */
const MORE: { readonly [K in ChoiceKind]: Partial<Record<ChoiceValue[K], readonly string[]>> } = {
  category: {
    humanResources: ['hr', 'staff', 'staff costs', 'salaries', 'personnel', 'salaires'],
    travel: ['transport', 'deplacements', 'voyage'],
    // 'Équipement et fournitures': the French name before 'Équipements' (the EU template's), in files exported before.
    equipment: ['equipment', 'supplies', 'equipement', 'equipements', 'fournitures', 'equipement et fournitures'],
    grantsToBeneficiaries: ['grants', 'subventions'],
    monitoringEvaluation: ['m e', 'm and e', 'monitoring', 'suivi evaluation', 'suivi et evaluation'],
    other: ['other costs', 'autres couts', 'autre', 'divers'],
  },
  dimension: {},
  modality: { inKind: ['in kind', 'nature'], voucher: ['vouchers', 'bon', 'bons', 'bon d achat'] },
  schedule: {
    once: ['one off', 'one time', 'single', 'ponctuel', 'unique', 'une seule fois'],
    spread: ['spread evenly', 'evenly', 'repartie', 'etale', 'etalee', 'reparti sur la periode'],
    monthly: ['monthly', 'each month', 'per month', 'mensuel', 'mensuelle', 'par mois', 'tous les mois'],
  },
};

const NAMES = {
  category: CATEGORY_NAMES,
  dimension: DIMENSION_NAMES,
  modality: MODALITY_NAMES,
  schedule: SCHEDULE_NAMES,
};

const lookups = new Map<ChoiceKind, Map<string, string>>();

function lookup(kind: ChoiceKind): Map<string, string> {
  let map = lookups.get(kind);
  if (map) return map;
  map = new Map();
  const names = NAMES[kind] as Readonly<Record<'en' | 'fr', Readonly<Record<string, string>>>>;
  const more = MORE[kind] as Partial<Record<string, readonly string[]>>;
  for (const code of CHOICES[kind] as readonly string[]) {
    const keys = [
      code,
      code.replace(/([A-Z])/g, ' $1'),
      names.en[code] ?? '',
      names.fr[code] ?? '',
      ...(more[code] ?? []),
    ];
    for (const k of keys) {
      const n = normaliseHeading(k);
      if (n !== '' && !map.has(n)) map.set(n, code);
    }
  }
  lookups.set(kind, map);
  return map;
}

/** One of a field's choices, by its code or its name in English or French. */
export function choiceValue<K extends ChoiceKind>(cell: ImportCell, kind: K): CellResult<ChoiceValue[K]> {
  const t = cellText(cell);
  const code = lookup(kind).get(normaliseHeading(t));
  if (code === undefined) return { ok: false, code: 'import.unknownChoice', params: { input: short(t) } };
  return { ok: true, value: code as ChoiceValue[K] };
}

const YES = new Set(['yes', 'y', 'true', 'oui', 'o', 'vrai', '1', 'x']);
const NO = new Set(['no', 'n', 'false', 'non', 'faux', '0']);

/** Yes or no: a yes/no cell, 1 / 0, or the words in English or French. */
export function yesNoValue(cell: ImportCell): CellResult<boolean> {
  if (typeof cell === 'boolean') return { ok: true, value: cell };
  const t = normaliseHeading(cellText(cell));
  if (YES.has(t)) return { ok: true, value: true };
  if (NO.has(t)) return { ok: true, value: false };
  return { ok: false, code: 'import.notYesNo', params: { input: short(cellText(cell)) } };
}
