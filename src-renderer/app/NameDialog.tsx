/** Asks for a file name (new programme, save as), validated before it is sent. */
import { type FormEvent, useId, useState } from 'react';
import { fileNameSchema } from '../../src-shared/api';
import { useDocStore, useLocale, useT } from '../document/react';
import { errorText } from '../i18n';
import { Dialog, FieldError, takeLastError } from '../shared/common';

export function NameDialog(props: {
  open: boolean;
  title: string;
  help: string;
  label: string;
  initial: string;
  submitLabel: string;
  testId: string;
  onSubmit: (name: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const [name, setName] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const inputId = useId();
  const errorId = useId();
  const helpId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = fileNameSchema.safeParse(name);
    if (!r.success) {
      setError(errorText(locale, r.error.issues[0]?.message ?? 'value.invalid'));
      return;
    }
    setWorking(true);
    const ok = await props.onSubmit(r.data);
    setWorking(false);
    if (ok) {
      props.onClose();
      return;
    }
    const refused = takeLastError(store, locale);
    if (refused) setError(refused);
  }

  return (
    <Dialog open={props.open} title={props.title} onClose={props.onClose} testId={props.testId} describedBy={helpId}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p id={helpId} className="dialog-help">
          {props.help}
        </p>
        <label htmlFor={inputId} className="field-label">
          {props.label}
        </label>
        <div className="name-input">
          <input
            id={inputId}
            className="input"
            value={name}
            data-autofocus
            maxLength={120}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            data-testid={`${props.testId}-name`}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
          />
          <span className="suffix" aria-hidden="true">
            .rcs
          </span>
        </div>
        <FieldError id={errorId} message={error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={working} data-testid={`${props.testId}-submit`}>
            {props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
