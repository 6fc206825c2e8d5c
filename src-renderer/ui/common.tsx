/** Small shared pieces: modal dialog, field error, language switch, platform. */
import { type ReactNode, useEffect, useId, useRef } from 'react';
import type { Locale } from '../../src-shared/money';
import { LOCALES } from '../i18n';
import { formatCombo, isMacPlatform, type KeyName } from '../keyboard/shortcuts';
import { useDoc, useDocStore, useT } from '../state/react';

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
