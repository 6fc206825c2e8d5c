/**
 * A new programme: the file name and the settings a programme starts from (title, start month,
 * duration, reporting currency, donor profile), each checked before anything is sent. After an
 * error, focus returns to the field at fault. The new programme opens on its Programme screen.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { fileNameSchema, type NewProgramme } from '../../src-shared/api';
import {
  DONOR_PROFILES,
  type DonorProfile,
  MAX_DURATION,
  monthOf,
  NEW_PROGRAMME_DEFAULTS,
  programmeSchema,
} from '../../src-shared/model';
import { parseInteger } from '../../src-shared/money';
import { useDocStore, useLocale, useT } from '../document/react';
import { useUi } from '../document/ui';
import { errorText } from '../i18n';
import { Dialog, FieldError, takeLastError } from '../shared/common';

type Field = 'name' | 'title' | 'startMonth' | 'durationMonths' | 'reportingCurrency';

export function NewProgrammeDialog(props: { help: string; onClose: () => void }) {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const setScreen = useUi((s) => s.setScreen);
  const [values, setValues] = useState<Record<Field, string>>({
    name: '',
    title: '',
    startMonth: monthOf(new Date()),
    durationMonths: String(NEW_PROGRAMME_DEFAULTS.durationMonths),
    reportingCurrency: NEW_PROGRAMME_DEFAULTS.reportingCurrency,
  });
  const [donor, setDonor] = useState<DonorProfile>('none');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [working, setWorking] = useState(false);
  const refs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const id = useId();

  /** Checks every field; returns the settings, or null after showing the errors and focusing the first. */
  function check(): { name: string; programme: NewProgramme } | null {
    const out: Partial<Record<Field, string>> = {};
    const message = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
      errorText(locale, r.error?.issues[0]?.message ?? 'value.invalid');
    const name = fileNameSchema.safeParse(values.name);
    if (!name.success) out.name = message(name);
    const title = values.title.trim() === '' ? null : programmeSchema.shape.title.safeParse(values.title);
    if (title && !title.success) out.title = message(title);
    const start = programmeSchema.shape.startMonth.safeParse(values.startMonth.trim());
    if (!start.success) out.startMonth = message(start);
    const duration = parseInteger(values.durationMonths, locale, 1, MAX_DURATION);
    if (!duration.ok) {
      out.durationMonths = errorText(locale, duration.code, { ...duration.params }, 'durationMonths');
    }
    const currency = programmeSchema.shape.reportingCurrency.safeParse(values.reportingCurrency.trim().toUpperCase());
    if (!currency.success) out.reportingCurrency = message(currency);
    setErrors(out);
    const first = (Object.keys(values) as Field[]).find((f) => out[f] !== undefined);
    if (first) {
      refs.current[first]?.focus();
      return null;
    }
    if (!name.success || !start.success || !duration.ok || !currency.success) return null;
    return {
      name: name.data,
      programme: {
        title: title?.success ? title.data : name.data.replace(/\.rcs$/i, ''),
        startMonth: start.data,
        durationMonths: duration.value,
        reportingCurrency: currency.data,
        donorProfile: donor,
      },
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = check();
    if (!ok) return;
    setWorking(true);
    const created = await store.getState().create(ok.name, ok.programme);
    setWorking(false);
    if (created) {
      setScreen('programme');
      props.onClose();
      return;
    }
    const refused = takeLastError(store, locale);
    if (refused) {
      setErrors({ name: refused });
      refs.current.name?.focus();
    }
  }

  const field = (f: Field, label: string, extra: { placeholder?: string; hint?: string; suffix?: string } = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${f}`} className="field-label">
        {label}
      </label>
      <div className={extra.suffix ? 'name-input' : undefined}>
        <input
          id={`${id}-${f}`}
          ref={(el) => {
            refs.current[f] = el;
          }}
          className="input"
          value={values[f]}
          placeholder={extra.placeholder}
          autoComplete="off"
          data-autofocus={f === 'name' ? true : undefined}
          aria-invalid={errors[f] ? true : undefined}
          aria-describedby={errors[f] ? `${id}-${f}-err` : undefined}
          data-testid={`new-dialog-${f === 'name' ? 'name' : f}`}
          onChange={(e) => {
            setValues((v) => ({ ...v, [f]: e.target.value }));
            if (errors[f]) setErrors((x) => ({ ...x, [f]: undefined }));
          }}
        />
        {extra.suffix && (
          <span className="suffix" aria-hidden="true">
            {extra.suffix}
          </span>
        )}
      </div>
      {extra.hint && <p className="hint">{extra.hint}</p>}
      <FieldError id={`${id}-${f}-err`} message={errors[f] ?? null} />
    </div>
  );

  return (
    <Dialog open title={t('start.newTitle')} onClose={props.onClose} testId="new-dialog" describedBy={`${id}-help`}>
      <form onSubmit={(e) => void submit(e)} noValidate className="new-programme-form">
        <p id={`${id}-help`} className="dialog-help">
          {props.help}
        </p>
        {field('name', t('start.nameLabel'), { suffix: '.rcs' })}
        {field('title', t('prog.field.title'), { placeholder: t('start.titlePlaceholder') })}
        {field('startMonth', t('prog.field.startMonth'), { placeholder: 'YYYY-MM', hint: t('prog.hint.startMonth') })}
        {field('durationMonths', t('prog.field.durationMonths'))}
        {field('reportingCurrency', t('prog.field.reportingCurrency'), { hint: t('prog.hint.reportingCurrency') })}
        <div className="field">
          <label htmlFor={`${id}-donor`} className="field-label">
            {t('prog.field.donorProfile')}
          </label>
          <select
            id={`${id}-donor`}
            className="input"
            value={donor}
            data-testid="new-dialog-donor"
            onChange={(e) => setDonor(e.target.value as DonorProfile)}
          >
            {DONOR_PROFILES.map((d) => (
              <option key={d} value={d}>
                {t(`donor.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={working} data-testid="new-dialog-submit">
            {t('common.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
