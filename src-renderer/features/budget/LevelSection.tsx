/**
 * One level of the budget (individual, community, structural, programme support): its header
 * with the level total, a toolbar acting on the selected line, and a keyboard-driven grid.
 *
 * The grid is windowed with TanStack Virtual: the page itself scrolls (the bars stay on top), so
 * each section has a window virtualizer whose list starts where its table's header ends
 * (`scrollMargin`, followed as the sections above change). Only the rows near the visible part of
 * the page are rendered, plus the row holding the tab stop; spacers stand for the rows left out
 * (rowWindow.ts). Each line is its own row group (`tbody`: the line's row and, when open,
 * its details), measured by the virtualizer and observed, so that opening the details or an
 * error message changes its height and the rows below follow. A programme of thousands of lines
 * opens and edits as fast as a small one. Rows are memoised: an edit renders again only the rows
 * whose line or result changed (rows an edit does not touch keep their objects, see
 * src-shared/commands/apply.ts), and the handlers given to the rows keep their identity.
 */
import { type Range, useWindowVirtualizer, type VirtualItem, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Command } from '../../../src-shared/api';
import { formatMinor } from '../../../src-shared/money';
import { defaultLineFields, type Level, LEVELS, type Model } from '../../../src-shared/model';
import { type NewRowCommand, sendCreating } from '../../document/documentStore';
import { linesOfLevel } from '../../document/order';
import { useDocStore, useLocale, useModel, useReadOnly, useResult, useT } from '../../document/react';
import { COLUMNS, NAME_COL, useUi } from '../../document/ui';
import { combo, ConfirmDeleteDialog } from '../../shared/common';
import type { GridAction } from '../../shared/keyboard/shortcuts';
import { GridColGroup, GridHeaderRow, useColumnWidths } from './GridColumns';
import { CoordinationRows } from './CoordinationRows';
import { copyName } from './lineFields';
import { isNewLineKey, type LineContext, LineRow } from './LineRow';
import { nearWindow, OVERSCAN_ROWS, rowsToRender, windowPieces } from './rowWindow';

/** A function whose identity never changes and that always runs the latest `fn` (for memoised rows). */
function useStableHandler<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  useLayoutEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}

/**
 * The grid's scale on paper: A4 landscape less the margins is about 1,040 CSS pixels wide, and a
 * grid wider than that (all its columns at their widths) is scaled down to fit, never up.
 */
function printZoom(tableWidth: number): number {
  return Math.min(1, Math.floor((1040 / tableWidth) * 1000) / 1000);
}

/** Pixels a column grows or shrinks per Alt+Shift+→/←. */
const RESIZE_STEP = 8;

/** A line's height before it is measured (a 30 px cell, its padding and border). */
const ROW_PX = 33;
/** An open details panel's height before it is measured. */
const DETAILS_PX = 320;

/**
 * A line's height as laid out, unrounded (TanStack rounds to whole pixels by default: rows of
 * 33.5 px would then leave spacers half a pixel too tall per row that has been on screen).
 */
function measureRow(el: Element, entry: ResizeObserverEntry | undefined): number {
  return entry?.borderBoxSize[0]?.blockSize ?? el.getBoundingClientRect().height;
}

/**
 * When a row above the window is measured taller or shorter than estimated (or than before), the
 * page scrolls by the difference so that what is on screen stays still. The scroll is made here,
 * from the page's live position, not by the virtualizer from its own: each section has its own
 * virtualizer on the same page, and right after one of them scrolled (to show a row it was asked
 * to focus), the others' idea of the scroll offset is stale and their correction would undo it.
 */
function keepViewStill(item: VirtualItem, delta: number, instance: Virtualizer<Window, Element>): boolean {
  const top = window.scrollY;
  const firstMeasure = !instance.itemSizeCache.has(item.key);
  const above = firstMeasure ? item.start < top : item.end <= top && instance.scrollDirection !== 'backward';
  if (above && delta !== 0) window.scrollTo({ top: top + delta, behavior: 'instant' });
  return false;
}

/**
 * Where the rows of a grid start on the page (the bottom of its header, in page coordinates),
 * followed after every render, on resize, and when the screen's height changes (a section above
 * grew, the charts came in).
 */
function useListTop(head: React.RefObject<HTMLElement | null>): number {
  const [top, setTop] = useState(0);
  const follow = useCallback(() => {
    const el = head.current;
    if (!el) return;
    const next = el.getBoundingClientRect().bottom + window.scrollY;
    setTop((prev) => (Math.abs(prev - next) < 0.5 ? prev : next));
  }, [head]);
  useLayoutEffect(follow);
  useLayoutEffect(() => {
    const screen = head.current?.closest('.screen') ?? document.body;
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        follow();
      });
    };
    window.addEventListener('resize', schedule);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(schedule);
    observer?.observe(screen);
    return () => {
      window.removeEventListener('resize', schedule);
      observer?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [head, follow]);
  return top;
}

interface Active {
  key: string;
  col: number;
  /** Row index when last seen, to land nearby if the line disappears. */
  row: number;
}

export function LevelSection({ level }: { level: Level }) {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const readOnly = useReadOnly();
  const model = useModel() as Model;
  const result = useResult();
  const expanded = useUi((s) => s.expanded);
  const toggleExpanded = useUi((s) => s.toggleExpanded);
  const focusRequest = useUi((s) => s.focus);
  const requestFocus = useUi((s) => s.requestFocus);
  const clearFocus = useUi((s) => s.clearFocus);
  const highlight = useUi((s) => s.highlight);
  const clearHighlight = useUi((s) => s.clearHighlight);
  const openMonths = useUi((s) => s.openMonths);
  const tableRef = useRef<HTMLTableElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const columns = useColumnWidths();
  const pendingFocus = useRef<{ key: string; col: number; reveal: boolean } | null>(null);
  const [active, setActive] = useState<Active | null>(null);
  // One selected line for the whole budget: selecting a line in another section clears this one's.
  const selectedLevel = useUi((s) => s.selectedLevel);
  const selectLevel = useUi((s) => s.selectLevel);
  useEffect(() => {
    if (selectedLevel !== null && selectedLevel !== level) setActive(null);
  }, [selectedLevel, level]);
  const [confirmDelete, setConfirmDelete] = useState<{ row: number; col: number } | null>(null);

  const rows = useMemo(() => linesOfLevel(model, level).map((line) => ({ line, key: line.id })), [model, level]);
  const lineResults = useMemo(() => new Map((result?.lines ?? []).map((l) => [l.lineId, l])), [result]);
  const programme = model.programme;
  const currencies = model.currencies;
  const context = useMemo<LineContext>(() => ({ programme, currencies }), [programme, currencies]);
  const keys = useMemo(() => rows.map((r) => r.key), [rows]);

  let activeRow = -1;
  if (active && rows.length > 0) {
    activeRow = rows.findIndex((r) => r.key === active.key);
    if (activeRow < 0) activeRow = Math.min(active.row, rows.length - 1);
  }
  const activeCol = active?.col ?? NAME_COL;
  const activeLine = activeRow >= 0 ? rows[activeRow] : undefined;

  // The row holding the tab stop is always rendered, so that Tab finds the grid and focus is kept.
  const pinned = activeRow >= 0 ? activeRow : 0;
  const rangeExtractor = useCallback((range: Range) => rowsToRender(range, [pinned]), [pinned]);
  // Measures follow the line (its key), not its place, so an insertion or a move keeps them.
  const getItemKey = useCallback((i: number) => keys[i] ?? i, [keys]);
  const estimateSize = useCallback(
    (i: number) => (expanded[keys[i] ?? ''] === true ? ROW_PX + DETAILS_PX : ROW_PX),
    [keys, expanded],
  );
  const listTop = useListTop(headRef);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize,
    getItemKey,
    rangeExtractor,
    measureElement: measureRow,
    overscan: OVERSCAN_ROWS,
    scrollMargin: listTop,
  });
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = keepViewStill;
  // A print shows every line: the window is for the screen only.
  const printing = useUi((s) => s.printing);
  const pieces = printing
    ? rows.map((_, index) => ({ kind: 'row' as const, index }))
    : windowPieces(virtualizer.getVirtualItems(), listTop, listTop + virtualizer.getTotalSize());

  // Focus requested from anywhere (another section moved a line here, a check was clicked).
  useEffect(() => {
    if (!focusRequest) return;
    const i = rows.findIndex((r) => r.key === focusRequest.key);
    if (i < 0) return;
    pendingFocus.current = { key: focusRequest.key, col: focusRequest.col, reveal: focusRequest.reveal };
    setActive({ key: focusRequest.key, col: focusRequest.col, row: i });
    clearFocus(focusRequest.seq);
  }, [focusRequest, rows, clearFocus]);

  // Move DOM focus after the render that shows the target cell (the target is the active row,
  // hence rendered wherever it is).
  useLayoutEffect(() => {
    const want = pendingFocus.current;
    if (!want || !tableRef.current) return;
    const index = keys.indexOf(want.key);
    if (index < 0) return;
    const row = tableRef.current.querySelector(`tr[data-row-key="${CSS.escape(want.key)}"]`);
    const cell = row?.querySelector<HTMLElement>(`[data-col="${want.col}"]`);
    if (!cell) return;
    pendingFocus.current = null;
    if (want.reveal || !nearWindow(virtualizer.range, rows.length, index)) {
      // A jump from elsewhere (the checks panel), or to a row far from the window (a line added or
      // moved there): the virtualizer scrolls it to the middle of the window, clear of the sticky
      // bars, and keeps it there while the rows around it are measured.
      virtualizer.scrollToIndex(index, { align: 'center' });
      cell.focus({ preventScroll: true });
    } else {
      cell.focus();
    }
  });

  const focusCell = useCallback((key: string, col: number, row: number) => {
    pendingFocus.current = { key, col, reveal: false };
    setActive({ key, col, row });
  }, []);

  const send = useCallback((command: Command) => void store.getState().command(command), [store]);

  /** Sends a command that creates a line; returns the new line's (temporary) id. */
  const create = useCallback((command: NewRowCommand): string | null => sendCreating(store, command), [store]);

  const addLine = useCallback(
    (afterId: string | null) => {
      if (readOnly) return;
      const fields = defaultLineFields(
        level,
        model.programme.durationMonths,
        t('line.newName'),
        model.programme.reportingCurrency,
      );
      const id = create({ type: 'line.add', level, afterId, fields });
      if (id) requestFocus(id, NAME_COL);
    },
    [readOnly, level, model, t, create, requestFocus],
  );

  const onAction = useStableHandler((row: number, col: number, action: GridAction): boolean => {
    const here = rows[row];
    if (!here) return false;
    const last = COLUMNS.length - 1;
    const move = (r: number, c: number) => {
      const target = rows[r];
      if (target) focusCell(target.key, c, r);
    };
    switch (action) {
      case 'left':
        if (col > 0) move(row, col - 1);
        return true;
      case 'right':
        if (col < last) move(row, col + 1);
        return true;
      case 'up':
        if (row > 0) move(row - 1, col);
        return true;
      case 'down':
        if (row < rows.length - 1) move(row + 1, col);
        return true;
      case 'home':
        move(row, 0);
        return true;
      case 'end':
        move(row, last);
        return true;
      case 'next':
        if (col < last) move(row, col + 1);
        else if (row < rows.length - 1) move(row + 1, 0);
        else return false; // leave the grid
        return true;
      case 'prev':
        if (col > 0) move(row, col - 1);
        else if (row > 0) move(row - 1, last);
        else return false;
        return true;
      case 'toggleDetails':
        toggleExpanded(here.key);
        return true;
      case 'widen':
      case 'narrow': {
        const column = COLUMNS[col];
        if (column) columns.resizeBy(column, action === 'widen' ? RESIZE_STEP : -RESIZE_STEP);
        return true;
      }
      case 'edit':
      case 'commit':
      case 'cancel':
        return false;
    }
    if (readOnly) {
      // Ctrl+Enter, Ctrl+D, Delete, moves: nothing changes, and the read-only notice says why.
      useUi.getState().nudgeReadOnly();
      return true;
    }
    switch (action) {
      case 'newLine':
        addLine(here.line.id);
        return true;
      case 'duplicate': {
        const name = copyName(here.line.name, new Set(model.lines.map((l) => l.name)), t);
        const id = create({ type: 'line.duplicate', id: here.line.id, name });
        if (id) requestFocus(id, col);
        return true;
      }
      case 'delete':
        setConfirmDelete({ row, col });
        return true;
      case 'moveUp':
      case 'moveDown': {
        const to = action === 'moveUp' ? row - 1 : row + 1;
        if (to < 0 || to >= rows.length) return true;
        send({ type: 'line.move', id: here.line.id, level, index: to });
        focusCell(here.key, col, to);
        return true;
      }
      case 'levelUp':
      case 'levelDown': {
        const target = LEVELS[LEVELS.indexOf(level) + (action === 'levelUp' ? -1 : 1)];
        if (!target) return true;
        send({ type: 'line.move', id: here.line.id, level: target, index: linesOfLevel(model, target).length });
        requestFocus(here.key, col);
        return true;
      }
    }
    return false;
  });

  const onFocusCell = useStableHandler((row: number, col: number) => {
    selectLevel(level);
    const r = rows[row];
    if (r && (active?.key !== r.key || active.col !== col)) setActive({ key: r.key, col, row });
    // Moving to another line ends the highlight a jump from the checks panel left.
    if (r && highlight !== null && highlight !== `line:${r.key}`) clearHighlight();
  });

  function doDelete() {
    const c = confirmDelete;
    setConfirmDelete(null);
    if (!c) return;
    const victim = rows[c.row];
    if (!victim) return;
    const neighbour = rows[c.row + 1] ?? rows[c.row - 1];
    send({ type: 'line.delete', id: victim.line.id });
    if (neighbour) focusCell(neighbour.key, c.col, Math.min(c.row, rows.length - 2));
    else tableRef.current?.closest('section')?.querySelector<HTMLElement>('[data-add-line]')?.focus();
  }

  // Null until the engine's first result for this document ("…"; results come from a worker).
  const levelTotal = result ? result.byLevel[level] : null;
  const currency = model.programme.reportingCurrency;
  const deleting = confirmDelete ? rows[confirmDelete.row] : undefined;
  const levelName = t(`level.${level}`);
  const noSelection = !activeLine || readOnly;

  return (
    <section
      className="level-section card"
      aria-labelledby={`level-h-${level}`}
      data-testid={`level-section-${level}`}
      onKeyDown={(e) => {
        // Ctrl+Enter on the toolbar (or anywhere in the section outside a cell) adds a line.
        if (!e.defaultPrevented && isNewLineKey(e) && !(e.target as HTMLElement).closest('[data-col]')) {
          e.preventDefault();
          addLine(activeLine?.line.id ?? null);
        }
      }}
    >
      <header className="level-header">
        <div>
          <h2 id={`level-h-${level}`} className="level-title">
            {levelName}
            <span className="level-count">
              {rows.length === 1 ? t('level.countOne') : t('level.count', { n: rows.length })}
            </span>
          </h2>
          <p className="level-desc">{t(`level.desc.${level}`)}</p>
        </div>
        <div className="level-total">
          <span className="level-total-label">{t('level.total', { level: levelName })}</span>
          <span className="level-total-value num" data-testid={`level-total-${level}`}>
            {levelTotal === null ? '…' : formatMinor(levelTotal, currency, locale)}
          </span>
        </div>
      </header>

      <div className="toolbar" role="toolbar" aria-label={t('level.toolbar', { level: levelName })}>
        <button
          type="button"
          className="btn btn-small btn-primary"
          data-add-line=""
          data-testid={`add-line-${level}`}
          disabled={readOnly}
          title={combo(['Mod', 'Enter'])}
          onClick={() => addLine(activeLine?.line.id ?? null)}
        >
          + {t('line.add')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={noSelection}
          data-testid={`line-duplicate-${level}`}
          title={combo(['Mod', 'D'])}
          onClick={() => activeRow >= 0 && onAction(activeRow, activeCol, 'duplicate')}
        >
          {t('line.duplicate')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={noSelection || activeRow <= 0}
          data-testid={`line-move-up-${level}`}
          title={combo(['Alt', 'Up'])}
          onClick={() => onAction(activeRow, activeCol, 'moveUp')}
        >
          ↑ {t('line.moveUp')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={noSelection || activeRow >= rows.length - 1}
          data-testid={`line-move-down-${level}`}
          title={combo(['Alt', 'Down'])}
          onClick={() => onAction(activeRow, activeCol, 'moveDown')}
        >
          ↓ {t('line.moveDown')}
        </button>
        <select
          className="btn btn-small select-small"
          aria-label={t('line.moveToLevelLabel')}
          disabled={noSelection}
          value=""
          data-testid={`line-move-level-${level}`}
          title={`${combo(['Alt', 'PageUp'])} / ${combo(['Alt', 'PageDown'])}`}
          onChange={(e) => {
            const target = e.target.value as Level;
            if (!activeLine || !LEVELS.includes(target)) return;
            send({
              type: 'line.move',
              id: activeLine.line.id,
              level: target,
              index: linesOfLevel(model, target).length,
            });
            requestFocus(activeLine.key, activeCol);
          }}
        >
          <option value="">{t('line.moveToLevel')}</option>
          {LEVELS.filter((l) => l !== level).map((l) => (
            <option key={l} value={l}>
              {t('line.toLevel', { level: t(`level.${l}`) })}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-small btn-danger"
          disabled={noSelection}
          data-testid={`line-delete-${level}`}
          title={combo(['Delete'])}
          onClick={() => activeRow >= 0 && setConfirmDelete({ row: activeRow, col: activeCol })}
        >
          {t('line.delete')}
        </button>
        <span className="toolbar-hint" aria-hidden="true">
          {activeLine ? t('line.selected', { name: activeLine.line.name || t('line.unnamed') }) : ''}
        </span>
      </div>

      <div className="grid-wrap">
        <table
          ref={tableRef}
          className="grid"
          style={{ minWidth: columns.minTableWidth, ['--print-zoom' as string]: printZoom(columns.minTableWidth) }}
          role="grid"
          aria-label={t('level.grid', { level: levelName })}
          aria-rowcount={rows.length + 1}
          aria-colcount={COLUMNS.length}
        >
          <GridColGroup widths={columns.widths} />
          <thead ref={headRef}>
            <GridHeaderRow edge={columns.edge} />
          </thead>
          {rows.length === 0 && (
            <tbody>
              <tr role="row">
                <td role="gridcell" colSpan={COLUMNS.length} className="empty">
                  {t('level.empty', { shortcut: combo(['Mod', 'Enter']) })}
                </td>
              </tr>
            </tbody>
          )}
          {pieces.map((piece) => {
            if (piece.kind === 'gap') {
              // Stands for the rows out of view (their height, so the page scrolls true).
              return (
                <tbody key={piece.key} role="presentation" aria-hidden="true">
                  <tr className="grid-gap" role="presentation">
                    <td colSpan={COLUMNS.length} style={{ height: piece.height }} />
                  </tr>
                </tbody>
              );
            }
            const i = piece.index;
            const r = rows[i] as (typeof rows)[number];
            const open = expanded[r.key] === true;
            return (
              // The line and its details: measured together, and again whenever their height changes.
              <tbody key={r.key} ref={virtualizer.measureElement} data-index={i}>
                <LineRow
                  line={r.line}
                  rowKey={r.key}
                  rowIndex={i}
                  activeCol={i === activeRow ? activeCol : -1}
                  tabStopRow={activeRow >= 0 ? i === activeRow : i === 0}
                  expanded={open}
                  highlighted={highlight === `line:${r.key}`}
                  result={lineResults.get(r.line.id) ?? null}
                  readOnly={readOnly}
                  locale={locale}
                  context={context}
                  model={open ? model : null}
                  t={t}
                  send={send}
                  onAction={onAction}
                  onFocusCell={onFocusCell}
                  onToggleDetails={toggleExpanded}
                  onOpenMonths={openMonths}
                />
              </tbody>
            );
          })}
        </table>
      </div>
      <CoordinationRows level={level} model={model} />

      {deleting && (
        <ConfirmDeleteDialog
          title={t('line.deleteTitle')}
          body={[
            t('line.deleteBody', {
              name: deleting.line.name || t('line.unnamed'),
              total: `${formatMinor(lineResults.get(deleting.line.id)?.total ?? 0, currency, locale)} ${currency}`,
              shortcut: combo(['Mod', 'Z']),
            }),
            // What depends on it: synergies that target it no longer will (the same undo brings both back).
            ...model.synergies
              .filter((s) => s.lineIds.includes(deleting.line.id))
              .map((s) => t('line.deleteSynergy', { synergy: s.name })),
          ].join(' ')}
          testId="confirm-delete"
          onCancel={() => setConfirmDelete(null)}
          onConfirm={doDelete}
        />
      )}
    </section>
  );
}
