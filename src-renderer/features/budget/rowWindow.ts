/**
 * Windowed rendering of the budget grid, the arithmetic TanStack Virtual leaves to us. The
 * virtualizer (LevelSection.tsx) says where every row starts and which rows meet the
 * window; this file decides which rows to render (small grids: all of them; always the row
 * holding the grid's tab stop) and what stands for the rows left out (spacers of their height,
 * since a table row cannot be positioned absolutely without breaking the table's columns). Pure:
 * tested in Node.
 */

/** A section with at most this many rows renders them all (nothing is left out or measured late). */
export const RENDER_ALL_UP_TO = 60;

/** Rows rendered beyond each edge of the window, so that arrows and small scrolls find rows ready. */
export const OVERSCAN_ROWS = 12;

/** What the virtualizer hands a range extractor (TanStack Virtual's `Range`). */
export interface VisibleRange {
  startIndex: number;
  endIndex: number;
  overscan: number;
  count: number;
}

/**
 * The rows to render, in order: the visible ones and the overscan around them (every row of a
 * small grid), plus the `pinned` rows wherever they are (the row holding the tab stop, so that Tab
 * finds the grid and a focused cell is not unmounted by a scroll).
 */
export function rowsToRender(range: VisibleRange, pinned: readonly number[]): number[] {
  const { count } = range;
  if (count <= 0) return [];
  let first = 0;
  let last = count - 1;
  if (count > RENDER_ALL_UP_TO) {
    first = Math.max(0, range.startIndex - range.overscan);
    last = Math.min(count - 1, range.endIndex + range.overscan);
  }
  const out: number[] = [];
  const extra = pinned.filter((i) => Number.isInteger(i) && i >= 0 && i < count && (i < first || i > last));
  extra.sort((a, b) => a - b);
  let k = 0;
  while (k < extra.length && (extra[k] as number) < first) {
    if (out[out.length - 1] !== extra[k]) out.push(extra[k] as number);
    k++;
  }
  for (let i = first; i <= last; i++) out.push(i);
  for (; k < extra.length; k++) if (out[out.length - 1] !== extra[k]) out.push(extra[k] as number);
  return out;
}

/**
 * Whether row `index` is rendered for the window itself (not only because it is pinned): moving
 * focus there may let the browser scroll it into view; anywhere else the virtualizer must scroll
 * to it first (its place is only estimated until its neighbours are measured).
 */
export function nearWindow(
  range: { startIndex: number; endIndex: number } | null,
  count: number,
  index: number,
  overscan = OVERSCAN_ROWS,
): boolean {
  if (index < 0 || index >= count) return false;
  if (count <= RENDER_ALL_UP_TO) return true;
  if (!range) return false;
  return index >= range.startIndex - overscan && index <= range.endIndex + overscan;
}

/** A rendered row as the virtualizer places it (page coordinates, in pixels). */
export interface RowSpan {
  index: number;
  start: number;
  end: number;
}

export type Piece = { kind: 'row'; index: number } | { kind: 'gap'; key: string; height: number };

/**
 * What to render between `listStart` and `listEnd`: the `rows` (in order), with a spacer for every
 * run of rows left out (before the first, between two, after the last), so that the page scrolls
 * true and every rendered row sits where the virtualizer placed it.
 */
export function windowPieces(rows: readonly RowSpan[], listStart: number, listEnd: number): Piece[] {
  const out: Piece[] = [];
  let y = listStart;
  let next = 0;
  for (const r of rows) {
    const gap = r.start - y;
    if (r.index > next && gap > 0) out.push({ kind: 'gap', key: `gap-${next}`, height: gap });
    out.push({ kind: 'row', index: r.index });
    y = r.end;
    next = r.index + 1;
  }
  const tail = listEnd - y;
  if (tail > 0) out.push({ kind: 'gap', key: `gap-${next}`, height: tail });
  return out;
}
