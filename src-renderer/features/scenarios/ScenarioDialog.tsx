/**
 * A scenario's name and description, for a new scenario, a copy, or a rename. The name is checked
 * beside the field before anything is sent (required, not "Baseline", not another scenario's), with
 * the same rules main applies (src-shared/model/scenarios.ts, commands/scenarios.ts).
 */
import { type FormEvent, useId, useState } from 'react';
import { type Scenario, scenarioFieldsSchema } from '../../../src-shared/model';
import { useDocStore, useLocale, useModelPart, useT } from '../../document/react';
import { errorText } from '../../i18n';
import { Dialog, FieldError, takeLastError } from '../../shared/common';

const NO_SCENARIOS: readonly Scenario[] = [];

export function ScenarioDialog(props: {
  title: string;
  submitLabel: string;
  initialName: string;
  initialDescription: string;
  /** The scenario being renamed (its own name is not "taken"); null for a new one or a copy. */
  selfId: string | null;
  testId: string;
  onSubmit: (name: string, description: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const names = useModelPart((m) => m?.scenarios ?? NO_SCENARIOS);
  const [name, setName] = useState(props.initialName);
  const [description, setDescription] = useState(props.initialDescription);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const nameId = useId();
  const descriptionId = useId();
  const errorId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = scenarioFieldsSchema.safeParse({ name, description });
    if (!r.success) {
      setError(errorText(locale, r.error.issues[0]?.message ?? 'value.invalid'));
      return;
    }
    const wanted = r.data.name.trim().toLowerCase();
    if (names.some((s) => s.id !== props.selfId && s.name.trim().toLowerCase() === wanted)) {
      setError(errorText(locale, 'scenario.nameTaken'));
      return;
    }
    setWorking(true);
    const ok = await props.onSubmit(r.data.name.trim(), r.data.description);
    setWorking(false);
    if (ok) {
      props.onClose();
      return;
    }
    const refused = takeLastError(store, locale);
    if (refused) setError(refused);
  }

  return (
    <Dialog open title={props.title} onClose={props.onClose} testId={props.testId}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p className="dialog-help">{t('scenario.dialogHelp')}</p>
        <label htmlFor={nameId} className="field-label">
          {t('scenario.name')}
        </label>
        <input
          id={nameId}
          className="input"
          value={name}
          data-autofocus
          maxLength={200}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          data-testid={`${props.testId}-name`}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        <FieldError id={errorId} message={error} />
        <label htmlFor={descriptionId} className="field-label">
          {t('scenario.description')}
        </label>
        <textarea
          id={descriptionId}
          className="input"
          rows={3}
          maxLength={2000}
          value={description}
          placeholder={t('scenario.descriptionPlaceholder')}
          data-testid={`${props.testId}-description`}
          onChange={(e) => setDescription(e.target.value)}
        />
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
