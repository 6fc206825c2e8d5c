/**
 * Windowed rendering of a long grid (the budget's level sections), the arithmetic part: where
 * each row starts, which rows meet the visible part of the page, and what to render (rows, and
 * spacers standing for the rows in between). Pure: tested in Node; the DOM side is
 * ui/budget/useRowWindow.ts.
 */

/** A section with at most this many rows renders them all (no spacers, nothing to measure). */
export const RENDER_ALL_UP_TO = 60;

/** Pixels rendered beyond each edge of the window, so that arrows and small scrolls find rows ready. */
export const OVERSCAN_PX = 600;

/** The rendered range grows and shrinks by this many rows, so that scrolling re-renders rarely. */
export const RANGE_STEP = 10;

export interface RowRange {
  first: number;
  /** Inclusive; last < first for an empty range. */
  last: number;
}

/** offsets[i] = top of row i; offsets[n] = the height of all rows. */
export function rowOffsets(n: number, height: (i: number) => number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) out[i + 1] = (out[i] as number) + height(i);
  return out;
}

/** The row at `y` (clamped to the rows there are; -1 when there are none). */
export function rowAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] as number) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The rows to render for a visible band [top, bottom) in the grid's own coordinates (0 = top of
 * the first row), overscan included, snapped outwards to RANGE_STEP. Small grids render all.
 */
export function rangeFor(offsets: Float64Array, top: number, bottom: number): RowRange {
  const n = offsets.length - 1;
  if (n <= RENDER_ALL_UP_TO) return { first: 0, last: n - 1 };
  const from = top - OVERSCAN_PX;
  const to = bottom + OVERSCAN_PX;
  if (to <= 0 || from >= (offsets[n] as number)) return { first: 0, last: -1 };
  const first = Math.floor(rowAt(offsets, Math.max(0, from)) / RANGE_STEP) * RANGE_STEP;
  const last = Math.min(n - 1, Math.ceil((rowAt(offsets, to) + 1) / RANGE_STEP) * RANGE_STEP - 1);
  return { first, last };
}

export function sameRange(a: RowRange, b: RowRange): boolean {
  return a.first === b.first && a.last === b.last;
}

export type Piece = { kind: 'row'; index: number } | { kind: 'gap'; key: string; height: number };

/**
 * What to render: the rows of `range`, plus the `pinned` rows wherever they are (the row holding
 * the grid's tab stop, a row about to receive focus), in order, with a spacer for every run of
 * rows left out.
 */
export function windowPlan(offsets: Float64Array, range: RowRange, pinned: readonly number[]): Piece[] {
  const n = offsets.length - 1;
  const wanted = new Set<number>();
  for (let i = Math.max(0, range.first); i <= Math.min(n - 1, range.last); i++) wanted.add(i);
  for (const i of pinned) if (i >= 0 && i < n) wanted.add(i);
  const indices = [...wanted].sort((a, b) => a - b);
  const out: Piece[] = [];
  let next = 0;
  for (const i of indices) {
    if (i > next)
      out.push({ kind: 'gap', key: `gap-${next}`, height: (offsets[i] as number) - (offsets[next] as number) });
    out.push({ kind: 'row', index: i });
    next = i + 1;
  }
  if (next < n)
    out.push({ kind: 'gap', key: `gap-${next}`, height: (offsets[n] as number) - (offsets[next] as number) });
  return out;
}
