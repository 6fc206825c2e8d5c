/**
 * Windowed rendering of a level section's rows (the DOM side; the arithmetic is in
 * state/rowWindow.ts). The page itself scrolls (the bars stay on top), so the window is the part of
 * the browser window the section's tbody covers, and it is followed on scroll, on resize, and when
 * the screen's height changes (a section above grew). Rows are measured once rendered (a line
 * row, with its details panel when open); rows never rendered count as the height measured on the
 * others. Rows outside the window are replaced by spacers of their height, so the scroll bar and
 * every row's place stay true.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type Piece, type RowRange, rangeFor, rowOffsets, sameRange, windowPlan } from '../../state/rowWindow';

/** A row's height before any was measured (a 30 px cell, its padding and border). */
const ROW_PX = 33;
/** An open details panel's height before it was measured. */
const DETAILS_PX = 320;
/** Rows rendered before the first measure of the window. */
const FIRST_ROWS = 30;

interface Measured {
  height: number;
  /** Measured with its details panel open. */
  open: boolean;
}

export interface RowWindow {
  tbodyRef: React.RefObject<HTMLTableSectionElement | null>;
  plan: Piece[];
}

/**
 * `keys`: the rows' keys in order; `expanded`: keys whose details are open; `pinned`: indices
 * rendered wherever they are (the tab stop's row, a row about to receive focus).
 */
export function useRowWindow(
  keys: readonly string[],
  expanded: Readonly<Record<string, boolean>>,
  pinned: readonly number[],
): RowWindow {
  const tbodyRef = useRef<HTMLTableSectionElement>(null);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Measured>>(() => new Map());
  // Taken once, from the first row measured: rows of slightly different heights must not make the
  // estimate (hence the range, hence the rows measured) swing back and forth.
  const [rowPx, setRowPx] = useState<number | null>(null);
  const [range, setRange] = useState<RowRange>({ first: 0, last: FIRST_ROWS - 1 });

  const offsets = useMemo(
    () =>
      rowOffsets(keys.length, (i) => {
        const key = keys[i] as string;
        const open = expanded[key] === true;
        const m = measured.get(key);
        if (m && m.open === open) return m.height;
        const px = rowPx ?? ROW_PX;
        return open ? px + DETAILS_PX : px;
      }),
    [keys, expanded, measured, rowPx],
  );
  const offsetsRef = useRef(offsets);
  const pinnedKey = pinned.join(',');
  const plan = useMemo(
    () => windowPlan(offsets, range, pinnedKey === '' ? [] : pinnedKey.split(',').map(Number)),
    [offsets, range, pinnedKey],
  );

  /** Takes the window from the page as it is now. */
  const follow = useCallback(() => {
    const body = tbodyRef.current;
    if (!body) return;
    const top = body.getBoundingClientRect().top;
    const next = rangeFor(offsetsRef.current, -top, window.innerHeight - top);
    setRange((prev) => (sameRange(prev, next) ? prev : next));
  }, []);

  // After a render that changed the rows or which of them are on screen: measure the rows on
  // screen, then follow the window with the new offsets.
  useLayoutEffect(() => {
    offsetsRef.current = offsets;
    const body = tbodyRef.current;
    if (!body) return;
    let changed: Map<string, Measured> | null = null;
    let plainRow = 0;
    for (let tr = body.firstElementChild; tr; tr = tr.nextElementSibling) {
      if (!(tr instanceof HTMLElement)) continue;
      const key = tr.dataset.rowKey;
      if (key === undefined) continue;
      let height = tr.getBoundingClientRect().height;
      const after = tr.nextElementSibling;
      const open = after instanceof HTMLElement && after.classList.contains('details-row');
      if (open) height += after.getBoundingClientRect().height;
      else if (plainRow === 0) plainRow = height;
      const before = (changed ?? measured).get(key);
      if (!before || before.open !== open || Math.abs(before.height - height) > 0.5) {
        changed ??= new Map(measured);
        changed.set(key, { height, open });
      }
    }
    if (changed) setMeasured(changed);
    if (plainRow > 0 && rowPx === null) setRowPx(plainRow);
    follow();
  }, [offsets, plan, measured, rowPx, follow]);

  // Follow the window: scrolling (of the page or of anything in it), resizing, the screen growing.
  useLayoutEffect(() => {
    const body = tbodyRef.current;
    const screen = body?.closest('.screen') ?? document.body;
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        follow();
      });
    };
    window.addEventListener('scroll', follow, { passive: true, capture: true });
    window.addEventListener('resize', schedule);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(schedule);
    observer?.observe(screen);
    return () => {
      window.removeEventListener('scroll', follow, { capture: true });
      window.removeEventListener('resize', schedule);
      observer?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [follow]);

  return { tbodyRef, plan };
}
