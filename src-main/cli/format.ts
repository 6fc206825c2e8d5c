/**
 * What the command line's reports share: labels of levels and categories, amounts with a sign,
 * percentages, and a plain-text table (the first column left-aligned, the others right-aligned).
 */
import { formatMinor, formatPercent } from '../../src-shared/money';
import type { Category, Level } from '../../src-shared/model';
import { CATEGORY_NAMES, LEVEL_NAMES } from '../../src-shared/export/csv-labels';

export const LEVEL_LABELS: Readonly<Record<Level, string>> = LEVEL_NAMES.en;

/** The categories as the app names them (the same words as src-renderer/i18n/en.ts). */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = CATEGORY_NAMES.en;

/**
 * Name shown for amounts no funding source covers (engine key ''): what a split under 100 %
 * leaves, or everything when the programme has no source at all.
 */
export const NO_FUNDER_NAME = 'Unfunded';

/** An amount in minor units, as "1,234.56". */
export function money(n: number, currency: string): string {
  return formatMinor(n, currency, 'en');
}

/** A change in minor units, with its sign: "+1,234.56", "-1,234.56", "0.00". */
export function signedMoney(n: number, currency: string): string {
  return n > 0 ? `+${money(n, currency)}` : money(n, currency);
}

/** A ratio as a signed percentage with one decimal ("+12.5%", "-3.0%"); "n/a" when there is none. */
export function signedPercent(ratio: number | null): string {
  if (ratio === null) return 'n/a';
  const s = formatPercent(ratio, 'en', 1);
  return ratio > 0 ? `+${s}` : s;
}

/** A name cut to `max` characters (with "…"), for a table's first column. */
export function clip(name: string, max = 50): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

/** A row of a table, or the title of a section (printed on its own line, flush left). */
export type TableRow = string[] | { section: string };

/**
 * A table indented by two spaces: columns as wide as their widest cell (the header included), two
 * spaces between them; the first column and those in `textColumns` left-aligned, the others (amounts)
 * right-aligned.
 */
export function table(
  header: readonly string[],
  rows: readonly TableRow[],
  textColumns: readonly number[] = [],
): string[] {
  const cells = rows.filter((r): r is string[] => Array.isArray(r));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const left = new Set([0, ...textColumns]);
  const line = (r: readonly string[]): string =>
    `  ${r.map((c, i) => (left.has(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}`.trimEnd();
  const out = [line(header)];
  for (const r of rows) out.push(Array.isArray(r) ? line(r) : r.section);
  return out;
}
