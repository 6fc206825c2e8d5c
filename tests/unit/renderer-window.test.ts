import { describe, expect, it } from 'vitest';
import {
  nearWindow,
  OVERSCAN_ROWS,
  RENDER_ALL_UP_TO,
  type RowSpan,
  rowsToRender,
  windowPieces,
} from '../../src-renderer/features/budget/rowWindow';

describe('row window', () => {
  const count = 1000;
  const range = (startIndex: number, endIndex: number) => ({ startIndex, endIndex, overscan: OVERSCAN_ROWS, count });

  it('renders the visible rows and the overscan around them, clamped to the rows there are', () => {
    expect(rowsToRender(range(100, 120), [])).toEqual(
      Array.from({ length: 21 + 2 * OVERSCAN_ROWS }, (_, k) => 100 - OVERSCAN_ROWS + k),
    );
    expect(rowsToRender(range(0, 20), [])[0]).toBe(0);
    expect(rowsToRender(range(980, 999), []).at(-1)).toBe(999);
    expect(rowsToRender({ startIndex: 0, endIndex: 0, overscan: 0, count: 0 }, [0])).toEqual([]);
  });

  it('keeps the pinned rows wherever they are, in order, once', () => {
    const rows = rowsToRender(range(100, 110), [2, 500, 105, 2, -1, 1000, 1.5]);
    expect(rows[0]).toBe(2);
    expect(rows.at(-1)).toBe(500);
    expect(rows.slice(1, -1)).toEqual(rowsToRender(range(100, 110), []));
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
  });

  it('renders every row of a small grid, wherever the window is', () => {
    const small = { startIndex: 0, endIndex: 0, overscan: OVERSCAN_ROWS, count: RENDER_ALL_UP_TO };
    expect(rowsToRender(small, [3])).toEqual(Array.from({ length: RENDER_ALL_UP_TO }, (_, i) => i));
    expect(rowsToRender({ ...small, count: RENDER_ALL_UP_TO + 1 }, []).length).toBe(OVERSCAN_ROWS + 1);
  });

  it('tells a row rendered for the window from one far from it', () => {
    const r = { startIndex: 100, endIndex: 120 };
    expect(nearWindow(r, count, 110)).toBe(true);
    expect(nearWindow(r, count, 100 - OVERSCAN_ROWS)).toBe(true);
    expect(nearWindow(r, count, 120 + OVERSCAN_ROWS)).toBe(true);
    expect(nearWindow(r, count, 121 + OVERSCAN_ROWS)).toBe(false);
    expect(nearWindow(r, count, 0)).toBe(false);
    expect(nearWindow(null, count, 0)).toBe(false);
    expect(nearWindow(r, count, count)).toBe(false);
    expect(nearWindow(null, RENDER_ALL_UP_TO, RENDER_ALL_UP_TO - 1)).toBe(true);
  });

  it('stands spacers of the right height for the rows left out, so every row keeps its place', () => {
    // 1,000 rows of 30 px, row 5 open (300 px), the list starting 700 px down the page.
    const top = 700;
    const size = (i: number) => (i === 5 ? 300 : 30);
    const starts = [top];
    for (let i = 0; i < count; i++) starts.push((starts[i] as number) + size(i));
    const span = (index: number): RowSpan => ({
      index,
      start: starts[index] as number,
      end: starts[index + 1] as number,
    });
    const bottom = starts[count] as number;
    const rows = rowsToRender(range(100, 109), [2, 500]).map(span);
    const pieces = windowPieces(rows, top, bottom);
    expect(pieces.flatMap((p) => (p.kind === 'row' ? [p.index] : []))).toEqual(rows.map((r) => r.index));
    let y = top;
    for (const p of pieces) {
      if (p.kind === 'row') {
        expect(y).toBe(starts[p.index]);
        y += size(p.index);
      } else {
        expect(p.height).toBeGreaterThan(0);
        y += p.height;
      }
    }
    expect(y).toBe(bottom);
    expect(pieces.map((p) => p.kind)).toEqual([
      'gap', // rows 0-1
      'row',
      'gap', // rows 3-87
      ...Array<'row'>(10 + 2 * OVERSCAN_ROWS).fill('row'),
      'gap', // rows 122-499
      'row',
      'gap', // rows 501-999
    ]);
    expect(new Set(pieces.map((p) => (p.kind === 'gap' ? p.key : `row-${p.index}`))).size).toBe(pieces.length);
    // Everything rendered: no spacer; nothing rendered: one spacer of the whole height.
    expect(windowPieces([span(0), span(1)], top, starts[2] as number)).toEqual([
      { kind: 'row', index: 0 },
      { kind: 'row', index: 1 },
    ]);
    expect(windowPieces([], top, bottom)).toEqual([{ kind: 'gap', key: 'gap-0', height: bottom - top }]);
  });
});
