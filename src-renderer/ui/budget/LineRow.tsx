/** One budget line in the grid: a row of cells, and its details panel when expanded. */
import { useId, useState } from 'react';
import type { Command } from '../../../src-shared/api';
import { formatMinor, type Locale } from '../../../src-shared/money';
import {
  type BudgetLine,
  CATEGORIES,
  DIMENSIONS,
  type LineFields,
  lineFieldsSchema,
  MODALITIES,
  monthLabel,
  type Programme,
  SCHEDULES,
  type Schedule,
} from '../../../src-shared/model';
import { errorText, formatMonth, type Translate } from '../../i18n';
import { gridShortcut } from '../../keyboard/shortcuts';
import { lineCellText, parseLineCell, type TextColumn, withSchedule } from '../../state/fields';
import { FieldError, IS_MAC } from '../common';
import { type ActionHandler, type CommitResult, onPlainCellKey, SelectCell, TextCell } from './cells';

export const COLUMNS = [
  'details',
  'name',
  'category',
  'dimension',
  'modality',
  'unitLabel',
  'unitCost',
  'quantity',
  'schedule',
  'start',
  'end',
  'total',
] as const;
export type Column = (typeof COLUMNS)[number];
export const NAME_COL = COLUMNS.indexOf('name');

export interface RowProps {
  line: BudgetLine;
  rowKey: string;
  rowIndex: number;
  /** Column of the active cell when this row is active, else -1. */
  activeCol: number;
  /** This row holds the grid's tab stop. */
  tabStopRow: boolean;
  expanded: boolean;
  total: number | null;
  readOnly: boolean;
  locale: Locale;
  programme: Programme;
  t: Translate;
  send: (command: Command) => void;
  onAction: (rowIndex: number, col: number, action: Parameters<ActionHandler>[0]) => boolean;
  onFocusCell: (rowIndex: number, col: number) => void;
  onToggleDetails: (rowKey: string) => void;
}

export function LineRow(p: RowProps) {
  const { line, t, locale, programme } = p;
  const currency = programme.reportingCurrency;
  const detailsId = `details-${p.rowKey}`;
  const name = line.name || t('line.unnamed');
  const common = (col: Column) => {
    const c = COLUMNS.indexOf(col);
    return {
      col: c,
      tabStop: p.tabStopRow && (p.activeCol === c || (p.activeCol < 0 && c === NAME_COL)),
      label: t('line.cellLabel', { column: t(`col.${col === 'details' ? 'row' : col}`), name }),
      testId: `cell-${col}-${line.id}`,
      readOnly: p.readOnly,
      onAction: (a: Parameters<ActionHandler>[0]) => p.onAction(p.rowIndex, c, a),
      onFocusCell: (cc: number) => p.onFocusCell(p.rowIndex, cc),
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
  const text = (col: TextColumn) => lineCellText(line, col, locale, currency);
  const monthTitle = (n: number) =>
    t('line.monthTitle', { n, month: formatMonth(monthLabel(programme.startMonth, n), locale) });
  const once = line.driver.schedule === 'once';
  const detailsCol = COLUMNS.indexOf('details');
  const totalCol = COLUMNS.indexOf('total');

  return (
    <>
      <tr
        role="row"
        className={`line-row${p.activeCol >= 0 ? ' active' : ''}`}
        data-testid={`line-row-${line.id}`}
        data-row-key={p.rowKey}
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
          <TextCell {...common('name')} value={text('name')} title={line.name} commit={commitText('name')} />
        </td>
        <td role="gridcell">
          <SelectCell
            {...common('category')}
            value={line.category}
            options={CATEGORIES.map((v) => ({ value: v, label: t(`category.${v}`) }))}
            onChange={(v) => update({ category: v as LineFields['category'] })}
          />
        </td>
        <td role="gridcell">
          <SelectCell
            {...common('dimension')}
            value={line.dimension}
            options={DIMENSIONS.map((v) => ({ value: v, label: t(`dimension.${v}`) }))}
            onChange={(v) => update({ dimension: v as LineFields['dimension'] })}
          />
        </td>
        <td role="gridcell">
          <SelectCell
            {...common('modality')}
            value={line.modality}
            options={MODALITIES.map((v) => ({ value: v, label: t(`modality.${v}`) }))}
            onChange={(v) => update({ modality: v as LineFields['modality'] })}
          />
        </td>
        <td role="gridcell">
          <TextCell
            {...common('unitLabel')}
            value={text('unitLabel')}
            title={line.unitLabel || undefined}
            commit={commitText('unitLabel')}
          />
        </td>
        <td role="gridcell">
          <TextCell {...common('unitCost')} numeric value={text('unitCost')} commit={commitText('unitCost')} />
        </td>
        <td role="gridcell">
          <TextCell {...common('quantity')} numeric value={text('quantity')} commit={commitText('quantity')} />
        </td>
        <td role="gridcell">
          <SelectCell
            {...common('schedule')}
            value={line.driver.schedule}
            options={SCHEDULES.map((s) => ({ value: s, label: t(`schedule.${s}`) }))}
            onChange={(v) => update({ driver: withSchedule(line.driver, v as Schedule, programme.durationMonths) })}
          />
        </td>
        <td role="gridcell">
          <TextCell
            {...common('start')}
            numeric
            value={text('start')}
            title={monthTitle(line.driver.start)}
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
            title={once ? t('line.endNotUsed') : monthTitle(line.driver.end)}
            commit={commitText('end')}
          />
        </td>
        <td role="gridcell" className="c-total">
          <span
            className="cell-total num"
            tabIndex={p.tabStopRow && p.activeCol === totalCol ? 0 : -1}
            aria-label={t('line.cellLabel', { column: t('col.total'), name })}
            data-col={totalCol}
            data-testid={`cell-total-${line.id}`}
            onFocus={() => p.onFocusCell(p.rowIndex, totalCol)}
            onKeyDown={(e) => onPlainCellKey(e, (a) => p.onAction(p.rowIndex, totalCol, a), false)}
          >
            {p.total === null ? '…' : formatMinor(p.total, currency, locale)}
          </span>
        </td>
      </tr>
      {p.expanded && (
        <tr role="row" className="details-row" id={detailsId} data-testid={`line-details-${line.id}`}>
          <td role="gridcell" colSpan={COLUMNS.length}>
            <LineDetails
              line={line}
              readOnly={p.readOnly}
              t={t}
              locale={locale}
              update={update}
              onClose={() => p.onToggleDetails(p.rowKey)}
            />
          </td>
        </tr>
      )}
    </>
  );
}

function LineDetails(props: {
  line: BudgetLine;
  readOnly: boolean;
  t: Translate;
  locale: Locale;
  update: (patch: Partial<LineFields>) => void;
  onClose: () => void;
}) {
  const { line, t } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const value = draft ?? line.justification;

  function commit(): boolean {
    if (draft === null || draft === line.justification) {
      setDraft(null);
      return true;
    }
    const r = lineFieldsSchema.shape.justification.safeParse(draft);
    if (!r.success) {
      setError(errorText(props.locale, r.error.issues[0]?.message ?? 'value.invalid'));
      return false;
    }
    props.update({ justification: r.data });
    setDraft(null);
    setError(null);
    return true;
  }

  return (
    <div className="line-details" aria-label={t('line.detailsOf', { name: line.name })} role="group">
      <div className="details-main">
        <label htmlFor={`${id}-j`} className="field-label">
          {t('line.justification')}
        </label>
        <textarea
          id={`${id}-j`}
          className="input textarea"
          rows={3}
          value={value}
          readOnly={props.readOnly}
          aria-describedby={`${id}-jh${error ? ` ${id}-je` : ''}`}
          aria-invalid={error ? true : undefined}
          data-testid={`field-justification-${line.id}`}
          data-dirty={draft !== null ? 'true' : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onBlur={() => commit()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              if (draft !== null) {
                setDraft(null);
                setError(null);
              } else props.onClose();
            } else if (e.key === 'Enter' && (IS_MAC ? e.metaKey : e.ctrlKey)) {
              e.preventDefault();
              commit();
            }
          }}
        />
        <p id={`${id}-jh`} className="hint">
          {t('line.justificationHint')}
        </p>
        <FieldError id={`${id}-je`} message={error} />
      </div>
      <div className="details-side">
        <label className="check">
          <input
            type="checkbox"
            checked={line.eligibleIndirect}
            disabled={props.readOnly}
            data-testid={`field-eligibleIndirect-${line.id}`}
            onChange={(e) => props.update({ eligibleIndirect: e.target.checked })}
            onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
          />
          {t('line.eligibleIndirect')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={line.eligibleContingency}
            disabled={props.readOnly}
            data-testid={`field-eligibleContingency-${line.id}`}
            onChange={(e) => props.update({ eligibleContingency: e.target.checked })}
            onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
          />
          {t('line.eligibleContingency')}
        </label>
        <p className="hint">{t(`schedule.help.${line.driver.schedule}`)}</p>
      </div>
    </div>
  );
}

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
