/**
 * CSV of the budget lines and of the monthly amounts (DESIGN §8, issue 11). Pure: (model, result,
 * options) -> the file's text. The numbers are the engine's: `result` is what compute() returned
 * for `model` (for a scenario, the model resolve() gave for it), and nothing here computes an
 * amount of its own; minor units are only written out as decimals.
 *
 * Decision (how cells are written, so that no formula runs and numbers stay numbers):
 * - Numeric cells (amounts, unit costs, quantities, months) are written by `numberCell` only, as
 *   plain numerals: an optional minus, digits, and the chosen decimal separator; no grouping, no
 *   currency sign, never quoted. A spreadsheet reads "-12.50" as the number -12.5. A numeral is
 *   never escaped: it cannot start a formula.
 * - Text cells (names, units, justifications, choices, headings) are written by `textCell` only:
 *   always between double quotes (a quote inside is doubled, RFC 4180), and when the text begins
 *   with = + - @, a tab or a carriage return (OWASP's list for CSV injection), a single quote is put
 *   before it, so a spreadsheet shows it as text and never runs it. The importer takes that quote
 *   off again (src-shared/import/cells.ts), so an exported file imports back as it was.
 * - UTF-8 with a byte order mark (Excel needs it to read UTF-8), CRLF line ends (RFC 4180).
 * - The separators follow the language unless the caller chooses: English "," between cells and
 *   "." in numbers; French ";" between cells and "," in numbers (what Excel and LibreOffice expect
 *   in a French locale). A separator that is also the decimal separator is refused.
 * - Amounts are in the reporting currency (the engine's), except each line's unit cost, which is
 *   in the line's own currency (its Currency column says which).
 * - The lines file has one row per budget line, including the coordination lines of referrals
 *   (which the budget holds and the engine costs), so its Total column adds up to the direct cost.
 *   Indirect costs, contingency and the grand total are rows of the monthly file.
 */
import type { ComputeResult, LineResult } from '../engine/result';
import { type BudgetLine, type Model, monthLabel } from '../model';
import { currencyExponent, type Locale } from '../money';
import {
  CATEGORY_NAMES,
  DIMENSION_NAMES,
  DRIVER_NAMES,
  LEVEL_NAMES,
  MODALITY_NAMES,
  SCHEDULE_NAMES,
  YES_NO,
} from './csv-labels';

export type CsvSeparator = ',' | ';' | '\t';
export type CsvDecimal = '.' | ',';

export interface CsvOptions {
  /** The language of headings and choices; also picks the separators when they are not given. */
  locale: Locale;
  /** Between cells. Default: "," in English, ";" in French. */
  separator?: CsvSeparator;
  /** In numbers. Default: "." in English, "," in French. */
  decimal?: CsvDecimal;
  /** Start with a UTF-8 byte order mark (default true: Excel needs it). */
  bom?: boolean;
}

export const BOM = '\ufeff';
const EOL = '\r\n';

interface Format {
  locale: Locale;
  separator: CsvSeparator;
  decimal: CsvDecimal;
  bom: boolean;
}

/** The separators of `options`, defaults filled in; throws when the cell and decimal separators clash. */
export function csvFormat(options: CsvOptions): Format {
  const separator = options.separator ?? (options.locale === 'fr' ? ';' : ',');
  const decimal = options.decimal ?? (options.locale === 'fr' ? ',' : '.');
  if (separator === decimal) {
    throw new RangeError(`The cell separator and the decimal separator cannot both be "${separator}".`);
  }
  return { locale: options.locale, separator, decimal, bom: options.bom ?? true };
}

/** Text that begins like a formula (OWASP: = + - @ tab CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell: quoted, and escaped with a leading single quote when it could start a formula. */
export function textCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A numeric cell from an exact decimal string ("-12.5", "3"): a plain numeral, never quoted. */
export function numberCell(decimal: string, sep: CsvDecimal): string {
  if (!/^-?\d+(\.\d+)?$/.test(decimal)) throw new RangeError(`not a plain decimal: ${JSON.stringify(decimal)}`);
  return sep === '.' ? decimal : decimal.replace('.', ',');
}

/** Integer minor units as a decimal of the currency's major unit: 123456 EUR -> "1234.56". */
export function minorToDecimal(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not an amount of minor units: ${amount}`);
  const exp = currencyExponent(currency);
  const neg = amount < 0;
  const digits = Math.abs(amount)
    .toString()
    .padStart(exp + 1, '0');
  const body = exp === 0 ? digits : `${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
  return (neg ? '-' : '') + body;
}

const LINE_HEADINGS = {
  en: {
    level: 'Level',
    category: 'Category',
    name: 'Name',
    dimension: 'Dimension',
    modality: 'Modality',
    unitLabel: 'Unit',
    currency: 'Currency',
    unitCost: 'Unit cost',
    driver: 'Quantity driver',
    quantity: 'Quantity',
    schedule: 'Schedule',
    start: 'First month',
    end: 'Last month',
    total: 'Total ({currency})',
    justification: 'Justification',
    eligibleIndirect: 'Eligible for indirect costs',
    eligibleContingency: 'Eligible for contingency',
  },
  fr: {
    level: 'Niveau',
    category: 'Catégorie',
    name: 'Intitulé',
    dimension: 'Dimension',
    modality: 'Modalité',
    unitLabel: 'Unité',
    currency: 'Devise',
    unitCost: 'Coût unitaire',
    driver: 'Inducteur de quantité',
    quantity: 'Quantité',
    schedule: 'Calendrier',
    start: 'Premier mois',
    end: 'Dernier mois',
    total: 'Total ({currency})',
    justification: 'Justification',
    eligibleIndirect: 'Éligible aux coûts indirects',
    eligibleContingency: 'Éligible aux imprévus',
  },
} as const satisfies Record<Locale, Record<string, string>>;

const MONTHLY_WORDS = {
  en: {
    level: 'Level',
    name: 'Name',
    total: 'Total',
    direct: 'Direct cost',
    indirect: 'Indirect costs',
    contingency: 'Contingency',
    grandTotal: 'Total',
    coordination: 'Coordination of referrals: {name}',
  },
  fr: {
    level: 'Niveau',
    name: 'Intitulé',
    total: 'Total',
    direct: 'Coûts directs',
    indirect: 'Coûts indirects',
    contingency: 'Imprévus',
    grandTotal: 'Total',
    coordination: 'Coordination des orientations\u00a0: {name}',
  },
} as const satisfies Record<Locale, Record<string, string>>;

/** The CSV's headings and words, for the test of the French terms (tests/unit/i18n-french-terms.test.ts). */
export const CSV_HEADINGS = { lines: LINE_HEADINGS, monthly: MONTHLY_WORDS } as const;

function row(cells: readonly string[], f: Format): string {
  return cells.join(f.separator) + EOL;
}

/** The model's line for a result line; null for a coordination line (no stored line). */
function linesById(model: Model): Map<string, BudgetLine> {
  return new Map(model.lines.map((l) => [l.id, l]));
}

/** The name a result line is shown under: its line's, or its referral's for a coordination line. */
function nameOf(r: LineResult, line: BudgetLine | undefined, model: Model, locale: Locale): string {
  if (line) return line.name;
  const synergy = r.coordinationOf ? model.synergies.find((s) => s.id === r.coordinationOf) : undefined;
  return MONTHLY_WORDS[locale].coordination.replace('{name}', synergy?.name ?? r.lineId);
}

/**
 * The budget lines, one row each, in the engine's order (by level, then as in the budget grid):
 * level, category, name, dimension, modality, unit, currency, unit cost (in the line's currency),
 * quantity driver, quantity, schedule and months (where the driver has them), the line's total
 * (reporting currency, the engine's), justification and eligibility flags.
 */
export function linesCsv(model: Model, result: ComputeResult, options: CsvOptions): string {
  const f = csvFormat(options);
  const h = LINE_HEADINGS[f.locale];
  const yes = YES_NO[f.locale];
  const byId = linesById(model);
  const headings = [
    h.level,
    h.category,
    h.name,
    h.dimension,
    h.modality,
    h.unitLabel,
    h.currency,
    h.unitCost,
    h.driver,
    h.quantity,
    h.schedule,
    h.start,
    h.end,
    h.total.replace('{currency}', result.currency),
    h.justification,
    h.eligibleIndirect,
    h.eligibleContingency,
  ];
  const parts: string[] = [f.bom ? BOM : '', row(headings.map(textCell), f)];
  const num = (d: string): string => numberCell(d, f.decimal);
  const text = (s: string | undefined): string => (s === undefined ? '' : textCell(s));
  for (const r of result.lines) {
    const line = byId.get(r.lineId);
    const d = line?.driver;
    const quantity = d && 'quantity' in d ? d.quantity : undefined;
    const schedule = d && 'schedule' in d ? d.schedule : undefined;
    parts.push(
      row(
        [
          text(LEVEL_NAMES[f.locale][r.level]),
          text(line && CATEGORY_NAMES[f.locale][line.category]),
          text(nameOf(r, line, model, f.locale)),
          text(line && DIMENSION_NAMES[f.locale][line.dimension]),
          text(line && MODALITY_NAMES[f.locale][line.modality]),
          text(line?.unitLabel),
          text(line ? line.currency : result.currency),
          line ? num(minorToDecimal(line.unitCost, line.currency)) : '',
          text(d && DRIVER_NAMES[f.locale][d.kind]),
          quantity === undefined ? '' : num(quantity),
          text(schedule && SCHEDULE_NAMES[f.locale][schedule]),
          d ? String(d.start) : '',
          d ? String(schedule === 'once' ? d.start : d.end) : '',
          num(minorToDecimal(r.total, result.currency)),
          text(line?.justification),
          text(line && (line.eligibleIndirect ? yes.yes : yes.no)),
          text(line && (line.eligibleContingency ? yes.yes : yes.no)),
        ],
        f,
      ),
    );
  }
  return parts.join('');
}

/**
 * The amounts per month, in the reporting currency: one row per budget line (level, name, one
 * column per programme month headed YYYY-MM, and the line's total), then the direct cost, indirect
 * costs, contingency and total of each month. Every number is the engine's.
 */
export function monthlyCsv(model: Model, result: ComputeResult, options: CsvOptions): string {
  const f = csvFormat(options);
  const w = MONTHLY_WORDS[f.locale];
  const byId = linesById(model);
  const months = Array.from({ length: result.durationMonths }, (_, i) => monthLabel(model.programme.startMonth, i + 1));
  const parts: string[] = [f.bom ? BOM : '', row([w.level, w.name, ...months, w.total].map(textCell), f)];
  const money = (m: number): string => numberCell(minorToDecimal(m, result.currency), f.decimal);
  for (const r of result.lines) {
    const name = nameOf(r, byId.get(r.lineId), model, f.locale);
    parts.push(
      row([textCell(LEVEL_NAMES[f.locale][r.level]), textCell(name), ...r.months.map(money), money(r.total)], f),
    );
  }
  const t = result.totals;
  const sums: [string, readonly number[], number][] = [
    [w.direct, result.monthly.direct, t.direct],
    [w.indirect, result.monthly.indirect, t.indirect],
    [w.contingency, result.monthly.contingency, t.contingency],
    [w.grandTotal, result.monthly.total, t.total],
  ];
  for (const [label, series, total] of sums) {
    parts.push(row(['', textCell(label), ...series.map(money), money(total)], f));
  }
  return parts.join('');
}
