/**
 * One budget line in the grid: a row of cells, and its details panel when expanded. Memoised: it
 * renders again only when one of its props changes (its line, its result, its place, focus...).
 */
import { memo } from 'react';
import type { Command } from '../../../src-shared/api';
import type { LineResult } from '../../../src-shared/engine';
import { formatMinor, type Locale } from '../../../src-shared/money';
import {
  type BudgetLine,
  CATEGORIES,
  DRIVER_KINDS,
  type DriverKind,
  type LineFields,
  type Model,
  monthLabel,
  type Programme,
  type Schedule,
} from '../../../src-shared/model';
import { type Column, COLUMNS, NAME_COL } from '../../document/ui';
import { errorText, formatMonth, type Translate } from '../../i18n';
import { IS_MAC } from '../../shared/common';
import { convertUnitCost, lineCurrencies } from '../../shared/exchange';
import { gridShortcut } from '../../shared/keyboard/shortcuts';
import { type ActionHandler, type CommitResult, onPlainCellKey, SelectCell, TextCell } from './cells';
import { convertDriver, derivationText, isOnce, mainField, schedulesOf, withSchedule } from './drivers';
import { LineDetails } from './LineDetails';
import { OverrideMark } from '../../shared/OverrideMark';
import { lineCellText, parseLineCell, type TextColumn } from './lineFields';

export interface RowProps {
  line: BudgetLine;
  rowKey: string;
  rowIndex: number;
  /** Column of the active cell when this row is active, else -1. */
  activeCol: number;
  /** This row holds the grid's tab stop. */
  tabStopRow: boolean;
  expanded: boolean;
  /** A jump from the checks panel landed on this row. */
  highlighted: boolean;
  result: LineResult | null;
  readOnly: boolean;
  locale: Locale;
  /** The parts of the model every row uses (stable while they do not change). */
  context: LineContext;
  /** The whole model, for the details panel: given only while it is open (null otherwise). */
  model: Model | null;
  t: Translate;
  send: (command: Command) => void;
  onAction: (rowIndex: number, col: number, action: Parameters<ActionHandler>[0]) => boolean;
  onFocusCell: (rowIndex: number, col: number) => void;
  onToggleDetails: (rowKey: string) => void;
  onOpenMonths: (rowKey: string, lineId: string) => void;
}

/** What a row needs of the model besides its line. */
export interface LineContext {
  programme: Programme;
  currencies: Model['currencies'];
}

export const LineRow = memo(function LineRow(p: RowProps) {
  const { line, t, locale, context } = p;
  const programme = context.programme;
  const reporting = programme.reportingCurrency;
  const detailsId = `details-${p.rowKey}`;
  const name = line.name || t('line.unnamed');
  const driver = line.driver;
  const columnLabel = (col: Column) => {
    if (col === 'details') return t('col.row');
    if (col === 'quantity') return t(`driver.cellLabel.${mainField(driver)}`);
    return t(`col.${col}`);
  };
  const common = (col: Column) => {
    const c = COLUMNS.indexOf(col);
    return {
      col: c,
      tabStop: p.tabStopRow && (p.activeCol === c || (p.activeCol < 0 && c === NAME_COL)),
      label: t('line.cellLabel', { column: columnLabel(col), name }),
      testId: `cell-${col}-${line.id}`,
      readOnly: p.readOnly,
      onAction: (a: Parameters<ActionHandler>[0]) => p.onAction(p.rowIndex, c, a),
      onFocusCell: (cc: number) => p.onFocusCell(p.rowIndex, cc),
    };
  };
  /** A cell that is only read (schedule of a caseload driver, derivation): focusable, arrows move on. */
  const plain = (col: Column) => {
    const c = COLUMNS.indexOf(col);
    return {
      tabIndex: p.tabStopRow && p.activeCol === c ? 0 : -1,
      'aria-label': t('line.cellLabel', { column: columnLabel(col), name }),
      'data-col': c,
      'data-testid': `cell-${col}-${line.id}`,
      onFocus: () => p.onFocusCell(p.rowIndex, c),
    };
  };
  const update = (patch: Partial<LineFields>) => p.send({ type: 'line.update', id: line.id, patch });
  const commitText =
    (col: TextColumn) =>
    (text: string): CommitResult => {
      const r = parseLineCell(line, col, text, locale, programme);
      if (!r.ok) return { ok: false, message: errorText(locale, r.code, r.params ?? {}, r.context) };
      if (Object.keys(r.value).length > 0) update(r.value);
      return { ok: true };
    };
  const text = (col: TextColumn) => lineCellText(line, col, locale);
  const monthTitle = (n: number) =>
    t('line.monthTitle', { n, month: formatMonth(monthLabel(programme.startMonth, n), locale) });
  const once = isOnce(driver);
  const schedules = schedulesOf(driver.kind);
  const currencies = lineCurrencies(context);
  const currencyOptions = currencies.map((c) => ({ value: c, label: c }));
  if (!currencies.includes(line.currency)) {
    currencyOptions.push({ value: line.currency, label: t('line.unknownCurrency', { code: line.currency }) });
  }
  const derivation = derivationText(p.result?.derivation, t, locale, reporting);
  const detailsCol = COLUMNS.indexOf('details');
  const totalCol = COLUMNS.indexOf('total');
  // What partners deliver of the line themselves: beside the budget, said where its total is.
  const delivered =
    p.result && p.result.partnerDelivered > 0
      ? t('line.partnerDelivered', { amount: formatMinor(p.result.partnerDelivered, reporting, locale) })
      : null;
  const scheduleCol = COLUMNS.indexOf('schedule');
  const derivationCol = COLUMNS.indexOf('derivation');

  return (
    <>
      <tr
        role="row"
        className={`line-row${p.activeCol >= 0 ? ' active' : ''}${p.highlighted ? ' highlighted' : ''}`}
        data-testid={`line-row-${line.id}`}
        data-row-key={p.rowKey}
        data-highlighted={p.highlighted ? 'true' : undefined}
        aria-rowindex={p.rowIndex + 2}
      >
        <td role="gridcell" className="c-details">
          <button
            type="button"
            className="details-toggle"
            tabIndex={p.tabStopRow && p.activeCol === detailsCol ? 0 : -1}
            aria-expanded={p.expanded}
            aria-controls={p.expanded ? detailsId : undefined}
            aria-label={t(p.expanded ? 'line.hideDetails' : 'line.showDetails', { name })}
            title={t('line.details')}
            data-col={detailsCol}
            data-testid={`line-details-toggle-${line.id}`}
            onFocus={() => p.onFocusCell(p.rowIndex, detailsCol)}
            onClick={() => p.onToggleDetails(p.rowKey)}
            onKeyDown={(e) => onPlainCellKey(e, (a) => p.onAction(p.rowIndex, detailsCol, a), true)}
          >
            <span aria-hidden="true">{p.expanded ? '▾' : '▸'}</span>
            <span className="row-number">{p.rowIndex + 1}</span>
          </button>
        </td>
        <td role="gridcell" className="c-name">
          <TextCell {...common('name')} wrap value={text('name')} title={line.name} commit={commitText('name')} />
        </td>
        <td role="gridcell">
          <SelectCell
            {...common('category')}
            value={line.category}
            options={CATEGORIES.map((v) => ({ value: v, label: t(`category.${v}`) }))}
            onChange={(v) => update({ category: v as LineFields['category'] })}
          />
        </td>
        <td role="gridcell" className="c-unitLabel">
          <TextCell
            {...common('unitLabel')}
            wrap
            value={text('unitLabel')}
            title={line.unitLabel || undefined}
            commit={commitText('unitLabel')}
          />
        </td>
        <td role="gridcell">
          <SelectCell
            {...common('currency')}
            value={line.currency}
            options={currencyOptions}
            onChange={(v) =>
              update({ currency: v, unitCost: convertUnitCost(line.unitCost, line.currency, v, context) })
            }
          />
        </td>
        <td role="gridcell">
          <TextCell
            {...common('unitCost')}
            numeric
            disabled={driver.kind === 'percentage'}
            value={driver.kind === 'percentage' ? '' : text('unitCost')}
            placeholder={driver.kind === 'percentage' ? '—' : undefined}
            title={
              driver.kind === 'percentage'
                ? t('line.unitCostNotUsed')
                : t('line.unitCostIn', { currency: line.currency })
            }
            commit={commitText('unitCost')}
          />
          <OverrideMark kind="line" id={line.id} field="unitCost" currency={line.currency} />
        </td>
        <td role="gridcell">
          <SelectCell
            {...common('driver')}
            value={driver.kind}
            options={DRIVER_KINDS.map((k) => ({ value: k, label: t(`driver.${k}`) }))}
            onChange={(v) =>
              update({ driver: convertDriver(driver, v as DriverKind, programme.durationMonths, line.level) })
            }
          />
        </td>
        <td role="gridcell" className="c-quantity">
          {/* The driver value and what it counts ("60 cases / staff"): a reader never decodes it. */}
          <div className="with-unit">
            <TextCell
              {...common('quantity')}
              numeric
              value={text('quantity')}
              title={t(`driver.cellLabel.${mainField(driver)}`)}
              commit={commitText('quantity')}
            />
            <span className="cell-unit" data-testid={`cell-unit-${line.id}`} aria-hidden="true">
              {t(`driver.unit.${driver.kind}`)}
            </span>
          </div>
          <OverrideMark kind="line" id={line.id} field="driver" />
        </td>
        <td role="gridcell">
          {schedules ? (
            <SelectCell
              {...common('schedule')}
              value={'schedule' in driver ? driver.schedule : 'once'}
              options={schedules.map((s) => ({ value: s, label: t(`schedule.${s}`) }))}
              onChange={(v) => update({ driver: withSchedule(driver, v as Schedule, programme.durationMonths) })}
            />
          ) : (
            <span
              className="cell-plain muted"
              {...plain('schedule')}
              title={t(`driver.help.${driver.kind}`, { n: programme.communities })}
              onKeyDown={(e) => onPlainCellKey(e, (a) => p.onAction(p.rowIndex, scheduleCol, a), false)}
            >
              {t(`driver.follows.${driver.kind as 'perArrival' | 'perActiveCase' | 'staffing' | 'percentage'}`)}
            </span>
          )}
        </td>
        <td role="gridcell">
          <TextCell
            {...common('start')}
            numeric
            value={text('start')}
            title={monthTitle(driver.start)}
            commit={commitText('start')}
          />
        </td>
        <td role="gridcell">
          <TextCell
            {...common('end')}
            numeric
            disabled={once}
            value={text('end')}
            placeholder={once ? '—' : undefined}
            title={once ? t('line.endNotUsed') : monthTitle(driver.end)}
            commit={commitText('end')}
          />
        </td>
        <td role="gridcell" className="c-derivation">
          <span
            className="cell-plain derivation"
            {...plain('derivation')}
            title={derivation}
            onKeyDown={(e) => onPlainCellKey(e, (a) => p.onAction(p.rowIndex, derivationCol, a), false)}
          >
            {derivation}
          </span>
        </td>
        <td role="gridcell" className="c-total">
          <button
            type="button"
            className="cell-total num"
            tabIndex={p.tabStopRow && p.activeCol === totalCol ? 0 : -1}
            aria-label={`${t('line.cellLabel', { column: t('col.total'), name })}: ${
              p.result ? formatMinor(p.result.total, reporting, locale) : '…'
            }. ${delivered ? `${delivered}. ` : ''}${t('line.monthsOf', { name })}`}
            title={delivered ? `${delivered}. ${t('line.monthsOf', { name })}` : t('line.monthsOf', { name })}
            data-col={totalCol}
            data-testid={`cell-total-${line.id}`}
            onFocus={() => p.onFocusCell(p.rowIndex, totalCol)}
            onClick={() => p.onOpenMonths(p.rowKey, line.id)}
            onKeyDown={(e) => onPlainCellKey(e, (a) => p.onAction(p.rowIndex, totalCol, a), true)}
          >
            {p.result === null ? '…' : formatMinor(p.result.total, reporting, locale)}
            {p.result !== null && p.result.partnerDelivered > 0 && (
              <span className="cell-total-note" data-testid={`cell-delivered-${line.id}`} aria-hidden="true">
                {t('line.partnerDeliveredShort', {
                  amount: formatMinor(p.result.partnerDelivered, reporting, locale),
                })}
              </span>
            )}
          </button>
        </td>
      </tr>
      {p.expanded && p.model && (
        <tr role="row" className="details-row" id={detailsId} data-testid={`line-details-${line.id}`}>
          <td role="gridcell" colSpan={COLUMNS.length}>
            <LineDetails
              line={line}
              result={p.result}
              model={p.model}
              readOnly={p.readOnly}
              t={t}
              locale={locale}
              update={update}
              onClose={() => p.onToggleDetails(p.rowKey)}
              onOpenMonths={() => p.onOpenMonths(p.rowKey, line.id)}
            />
          </td>
        </tr>
      )}
    </>
  );
});

/** Used by the section to decide whether a key press inside it (outside a cell) adds a line. */
export function isNewLineKey(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}) {
  return gridShortcut(e, 'navigate', IS_MAC) === 'newLine';
}
