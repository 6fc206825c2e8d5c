/**
 * Inputs for the forms and tables outside the budget grid (caseload, currencies, funding sources,
 * a line's details). A typed value is parsed when it is committed (Enter, leaving the field); an
 * invalid value stays in the field with a specific message beside it and is not sent. Escape
 * puts the saved value back.
 */
import { type ReactNode, useId } from 'react';
import { CellError } from './CellError';
import { errorText } from '../i18n';
import type { Locale } from '../../src-shared/money';
import { hasInvalidCharacters } from '../../src-shared/model';
import { FieldError } from './common';
import { SelectFace, TextFace } from './faces';
import { type CommitResult, useDraft } from './draft';

export type { CommitResult } from './draft';

/** One choice of a select (a form's or a grid cell's). */
export interface Option {
  value: string;
  label: string;
}

export function TextInput(props: {
  /** Text of the saved value. */
  value: string;
  commit: (text: string) => CommitResult;
  /** Visible label; without it, `ariaLabel` names the field (tables). */
  label?: string;
  ariaLabel?: string;
  testId: string;
  readOnly: boolean;
  numeric?: boolean;
  hint?: ReactNode;
  placeholder?: string;
  suffix?: string;
  title?: string;
  /** Where a jump from the checks panel lands (see ui.goTo). */
  focusId?: string;
  highlighted?: boolean;
  /** 'cell': compact, the message floats under the field (tables); 'form': label above, message below. */
  variant?: 'cell' | 'form';
  className?: string;
  maxLength?: number;
  upper?: boolean;
  describedBy?: string;
}) {
  const id = useId();
  const { draft, error, setDraft, setError, current, commit } = useDraft(props.value, props.commit);
  const variant = props.variant ?? 'form';

  const describedBy =
    [props.describedBy ?? '', props.hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') ||
    undefined;
  const input = (
    <input
      id={id}
      className={`${variant === 'cell' ? 'table-input' : 'input'}${props.numeric ? ' num' : ''}${
        props.className ? ` ${props.className}` : ''
      }`}
      value={draft ?? props.value}
      readOnly={props.readOnly}
      aria-label={props.label ? undefined : props.ariaLabel}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
      placeholder={props.placeholder}
      title={props.title}
      spellCheck={props.numeric ? false : undefined}
      autoComplete="off"
      maxLength={props.maxLength}
      data-testid={props.testId}
      data-focus-id={props.focusId}
      data-highlighted={props.highlighted ? 'true' : undefined}
      data-dirty={draft !== null ? 'true' : undefined}
      onChange={(e) => {
        if (props.readOnly) return;
        setDraft(props.upper ? e.target.value.toUpperCase() : e.target.value);
        if (error) setError(null);
      }}
      onBlur={() => commit()}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && current() !== null) {
          e.preventDefault();
          e.stopPropagation();
          setDraft(null);
          setError(null);
        } else if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
      }}
    />
  );
  if (variant === 'cell') {
    const message = error ? <CellError id={`${id}-err`} message={error} /> : null;
    // Free text wraps on a face (see faces.tsx); numbers and codes stay as they are.
    if (!props.numeric && !props.upper) {
      return (
        <TextFace text={draft ?? props.value} testId={props.testId} after={message}>
          {input}
        </TextFace>
      );
    }
    return (
      <div className="table-field">
        {input}
        {message}
      </div>
    );
  }
  return (
    <FormField id={id} label={props.label} hint={props.hint} error={error}>
      <FieldControl suffix={props.suffix}>{input}</FieldControl>
    </FormField>
  );
}

export function SelectInput(props: {
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  label?: string;
  ariaLabel?: string;
  testId: string;
  readOnly: boolean;
  hint?: ReactNode;
  variant?: 'cell' | 'form';
  focusId?: string;
  highlighted?: boolean;
}) {
  const id = useId();
  const select = (
    <select
      id={id}
      className={props.variant === 'cell' ? 'table-select' : 'input'}
      value={props.value}
      disabled={props.readOnly}
      aria-label={props.label ? undefined : props.ariaLabel}
      aria-describedby={props.hint ? `${id}-hint` : undefined}
      data-testid={props.testId}
      data-focus-id={props.focusId}
      data-highlighted={props.highlighted ? 'true' : undefined}
      onChange={(e) => props.onChange(e.target.value)}
    >
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  if (props.variant === 'cell') {
    const label = props.options.find((o) => o.value === props.value)?.label ?? props.value;
    return (
      <SelectFace label={label} testId={props.testId}>
        {select}
      </SelectFace>
    );
  }
  return (
    <FormField id={id} label={props.label} hint={props.hint}>
      {select}
    </FormField>
  );
}

/**
 * A form field's frame: the label (for the control `id`), the control, the hint (`id`-hint) and
 * the message after a refused value (`id`-err); the control's aria-describedby names the last two.
 */
export function FormField(props: {
  id: string;
  label?: string;
  hint?: ReactNode;
  error?: string | null;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`field${props.wide ? ' field-wide' : ''}`}>
      {props.label && (
        <label htmlFor={props.id} className="field-label">
          {props.label}
        </label>
      )}
      {props.children}
      {props.hint && (
        <p id={`${props.id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      <FieldError id={`${props.id}-err`} message={props.error ?? null} />
    </div>
  );
}

/** The input with its unit after it ("%"), if any. */
export function FieldControl(props: { suffix?: string; children: ReactNode }) {
  return (
    <div className="field-control">
      {props.children}
      {props.suffix && (
        <span className="suffix" aria-hidden="true">
          {props.suffix}
        </span>
      )}
    </div>
  );
}

/**
 * The commit of a short text field (a name, an organisation): trimmed, at most 200 characters,
 * not empty when `required`, no control or broken characters (src-shared/model/limits.ts);
 * `onChange` only when it differs from `current`.
 */
export function textCommit(
  locale: Locale,
  current: string,
  onChange: (value: string) => void,
  required = true,
): (text: string) => CommitResult {
  return (text) => {
    const v = text.trim();
    if (required && v === '') return { ok: false, message: errorText(locale, 'text.required') };
    if (v.length > 200) return { ok: false, message: errorText(locale, 'text.tooLong') };
    if (hasInvalidCharacters(v, false)) return { ok: false, message: errorText(locale, 'text.invalidCharacters') };
    if (v !== current) onChange(v);
    return { ok: true };
  };
}
