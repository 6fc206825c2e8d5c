/** Small shared pieces: modal dialog, delete confirmation, row actions, field error, language switch, platform. */
import { type ReactNode, useEffect, useId, useRef } from 'react';
import type { Locale } from '../../src-shared/money';
import { useDoc, useDocStore, useT } from '../document/react';
import type { DocStore } from '../document/documentStore';
import { apiErrorText, LOCALES } from '../i18n';
import { formatCombo, isMacPlatform, type KeyName } from './keyboard/shortcuts';

export const IS_MAC = typeof navigator !== 'undefined' && isMacPlatform(navigator.platform || navigator.userAgent);

export function combo(keys: readonly KeyName[]): string {
  return formatCombo(keys, IS_MAC);
}

/** A modal dialog on the native <dialog> element: focus stays inside, Escape closes. */
export function Dialog(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  describedBy?: string;
  /** A wider dialog for tables (month by month, monthly arrivals). */
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { open } = props;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      el.showModal();
      // showModal() focuses the first focusable element; React's autoFocus is not an attribute.
      el.querySelector<HTMLElement>('[data-autofocus]')?.focus();
      return () => {
        if (el.open) el.close();
        // Give focus back only if nothing else took it (e.g. the grid focusing a neighbour line).
        const now = document.activeElement;
        if (!now || now === document.body) previous?.focus();
      };
    }
    return undefined;
  }, [open]);
  if (!props.open) return null;
  return (
    <dialog
      ref={ref}
      className={`dialog${props.wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      aria-describedby={props.describedBy}
      data-testid={props.testId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {props.title}
      </h2>
      {props.children}
    </dialog>
  );
}

/** The message beside a field; its id goes into the field's aria-describedby. */
export function FieldError(props: { id: string; message: string | null; className?: string }) {
  if (!props.message) return null;
  return (
    <div id={props.id} className={props.className ?? 'field-error'} role="alert" data-testid="field-error">
      {props.message}
    </div>
  );
}

export function LocaleSelect() {
  const t = useT();
  const locale = useDoc((s) => s.settings.locale);
  const store = useDocStore();
  const id = useId();
  return (
    <div className="locale-select">
      <label htmlFor={id} className="sr-only">
        {t('lang.label')}
      </label>
      <select
        id={id}
        value={locale}
        data-testid="locale-select"
        title={t('lang.label')}
        onChange={(e) => void store.getState().setLocale(e.target.value as Locale)}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The last cell of a reorderable table row (funding sources, profiles): move up, move down,
 * delete. Labels come from `${ns}.moveUp|moveDown|delete`; test ids are `${testPrefix}-up|down|delete-${id}`.
 */
export function RowActions(props: {
  ns: 'funders' | 'profile' | 'partners' | 'synergies';
  testPrefix: string;
  id: string;
  name: string;
  index: number;
  count: number;
  readOnly: boolean;
  onMove: (index: number) => void;
  onDelete: () => void;
}) {
  const t = useT();
  const { ns, testPrefix, id, name, index, readOnly } = props;
  const up = t(`${ns}.moveUp`, { name });
  const down = t(`${ns}.moveDown`, { name });
  const del = t(`${ns}.delete`, { name });
  return (
    <td className="row-actions">
      <button
        type="button"
        className="btn btn-small btn-quiet"
        disabled={readOnly || index === 0}
        aria-label={up}
        title={up}
        data-testid={`${testPrefix}-up-${id}`}
        onClick={() => props.onMove(index - 1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="btn btn-small btn-quiet"
        disabled={readOnly || index >= props.count - 1}
        aria-label={down}
        title={down}
        data-testid={`${testPrefix}-down-${id}`}
        onClick={() => props.onMove(index + 1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="btn btn-small btn-danger"
        disabled={readOnly}
        aria-label={del}
        title={del}
        data-testid={`${testPrefix}-delete-${id}`}
        onClick={props.onDelete}
      >
        ✕
      </button>
    </td>
  );
}

/** "Delete …?" with Cancel and Delete (Delete takes the focus); `testId`-body describes it. */
export function ConfirmDeleteDialog(props: {
  title: string;
  body: string;
  testId: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const t = useT();
  const bodyId = `${props.testId}-body`;
  return (
    <Dialog open title={props.title} onClose={props.onCancel} testId={props.testId} describedBy={bodyId}>
      <p id={bodyId}>{props.body}</p>
      <div className="dialog-actions">
        <button type="button" className="btn" data-testid="confirm-cancel" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          data-autofocus
          data-testid="confirm-ok"
          onClick={props.onConfirm}
        >
          {t('common.delete')}
        </button>
      </div>
    </Dialog>
  );
}

export interface TableColumn {
  key: string;
  label: string;
  /** A number column: the heading is aligned as the numbers are. */
  num?: boolean;
  /** The heading is for screen readers only (the actions column). */
  hidden?: boolean;
}

/**
 * A table of editable rows (funding sources, profiles): the column widths come from the
 * `${colPrefix}-${key}` classes; `children` are the body's rows, `foot` an optional tfoot.
 * Without rows, `empty.text` stands instead of the table.
 */
export function RowTable(props: {
  className: string;
  ariaLabel: string;
  colPrefix: string;
  columns: readonly TableColumn[];
  rowCount: number;
  empty: { text: string; testId: string };
  children: ReactNode;
  foot?: ReactNode;
}) {
  if (props.rowCount === 0) {
    return (
      <p className="empty" data-testid={props.empty.testId}>
        {props.empty.text}
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className={`data-table ${props.className}`} aria-label={props.ariaLabel}>
        <colgroup>
          {props.columns.map((c) => (
            <col key={c.key} className={`${props.colPrefix}-${c.key}`} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.key} scope="col" className={c.num ? 'num' : undefined}>
                {c.hidden ? <span className="sr-only">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
        {props.foot}
      </table>
    </div>
  );
}

/** A table row's props while a jump from the checks panel highlights it (see ui.goTo). */
export function highlightProps(highlighted: boolean): { className?: string; 'data-highlighted'?: 'true' } {
  return highlighted ? { className: 'highlighted', 'data-highlighted': 'true' } : {};
}

/**
 * The refusal the store holds (main's, or the planner's), as a sentence for beside a dialog's field,
 * taken out of the error banner; null when there is none.
 */
export function takeLastError(store: DocStore, locale: Locale): string | null {
  const failure = store.getState().lastError;
  if (!failure) return null;
  store.getState().dismissError();
  return apiErrorText(locale, failure.error);
}
