/**
 * The budget grid's columns: their default widths, the widths this user set by dragging a header's
 * edge (kept in the settings, the same for every level and every programme), and the header row.
 *
 * The name column takes the width the others leave; the table is at least as wide as every
 * column's width plus NAME_MIN, and scrolls sideways inside its card when the window is narrower.
 * The defaults fit the sample's content in English and French at 1366 and 1440 pixels wide (see
 * tests/e2e/grid-columns.spec.ts); a header that does not fit wraps on two lines, and the one
 * abbreviated header ("Cur.") says its full name on hover and to screen readers.
 */
import { type PointerEvent as ReactPointerEvent, useState } from 'react';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '../../../src-shared/api';
import { useDoc, useDocStore, useT } from '../../document/react';
import { type Column, COLUMNS } from '../../document/ui';
import type { Translate } from '../../i18n';

/** Pixels; the name column has none (it takes the rest, at least NAME_MIN). */
export const DEFAULT_WIDTHS: Readonly<Record<Exclude<Column, 'name'>, number>> = {
  details: 36,
  category: 146,
  unitLabel: 112,
  currency: 56,
  unitCost: 90,
  driver: 126,
  quantity: 104,
  schedule: 84,
  start: 52,
  end: 48,
  derivation: 172,
  total: 110,
};
export const NAME_MIN = 168;

type Sized = Exclude<Column, 'name'>;
const fixed = (c: Column): c is Sized => c !== 'name' && c !== 'details';

function clampWidth(px: number): number {
  return Math.max(MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH, Math.round(px)));
}

/** The header's text for a column: short where a short form exists, the full name otherwise. */
export function columnHeader(t: Translate, c: Exclude<Column, 'details'>): { text: string; full: string } {
  const text = t(c === 'currency' ? 'col.short.currency' : `col.${c}`);
  const full = c === 'derivation' ? t('col.derivation.long') : t(`col.${c}`);
  return { text, full };
}

/**
 * The widths in force: the user's (kept in settings) over the defaults, and, while a header's edge
 * is dragged, that column's live width (saved when the drag ends).
 */
export function useColumnWidths() {
  const stored = useDoc((s) => s.settings.columnWidths);
  const store = useDocStore();
  const [drag, setDrag] = useState<{ col: Sized; width: number } | null>(null);
  const widthOf = (c: Sized): number => {
    if (drag?.col === c) return drag.width;
    const w = c === 'details' ? undefined : stored[c];
    return w ?? DEFAULT_WIDTHS[c];
  };
  const widths = Object.fromEntries(COLUMNS.filter((c) => c !== 'name').map((c) => [c, widthOf(c)])) as Record<
    Sized,
    number
  >;
  const minTableWidth = Object.values(widths).reduce((s, w) => s + w, 0) + NAME_MIN;

  const save = (col: Sized, width: number | null) => {
    const next: Record<string, number> = { ...store.getState().settings.columnWidths };
    if (width === null || width === DEFAULT_WIDTHS[col]) delete next[col];
    else next[col] = width;
    void store.getState().setColumnWidths(next);
  };

  /** The keyboard's resize (Alt+Shift+→/←): `delta` pixels more or less, kept at once. */
  const resizeBy = (col: Column, delta: number): boolean => {
    if (!fixed(col)) return false;
    save(col, clampWidth(widths[col] + delta));
    return true;
  };

  /** Pointer handlers for a column's right edge: drag to resize, double-click for the default. */
  const edge = (col: Sized) => ({
    onPointerDown: (e: ReactPointerEvent<HTMLElement>) => {
      if (e.button !== 0) return;
      e.preventDefault();
      const handle = e.currentTarget;
      handle.setPointerCapture(e.pointerId);
      const startX = e.clientX;
      const startWidth = widths[col];
      let width = startWidth;
      const move = (ev: PointerEvent) => {
        width = clampWidth(startWidth + ev.clientX - startX);
        setDrag({ col, width });
      };
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
        handle.removeEventListener('pointercancel', up);
        setDrag(null);
        if (width !== startWidth) save(col, width);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
      handle.addEventListener('pointercancel', up);
    },
    onDoubleClick: () => save(col, null),
  });

  return { widths, minTableWidth, edge, resizeBy };
}

export function GridColGroup(props: { widths: Readonly<Record<Sized, number>> }) {
  return (
    <colgroup>
      {COLUMNS.map((c) => (
        <col key={c} className={`w-${c}`} style={c === 'name' ? undefined : { width: props.widths[c] }} />
      ))}
    </colgroup>
  );
}

export function GridHeaderRow(props: { edge: ReturnType<typeof useColumnWidths>['edge'] }) {
  const t = useT();
  return (
    <tr role="row" aria-rowindex={1}>
      {COLUMNS.map((c) => {
        if (c === 'details') {
          return (
            <th key={c} role="columnheader" scope="col" className="h-details">
              <span className="sr-only">{t('col.row')}</span>
            </th>
          );
        }
        const { text, full } = columnHeader(t, c);
        return (
          <th key={c} role="columnheader" scope="col" className={`h-${c}`} title={full} data-testid={`col-head-${c}`}>
            <span className="th-label" aria-label={text === full ? undefined : full}>
              {text}
            </span>
            {fixed(c) && (
              <span
                className="col-resize"
                role="separator"
                aria-orientation="vertical"
                aria-label={t('grid.resizeColumn', { column: full })}
                title={t('grid.resizeColumn', { column: full })}
                data-testid={`col-resize-${c}`}
                {...props.edge(c)}
              />
            )}
          </th>
        );
      })}
    </tr>
  );
}
