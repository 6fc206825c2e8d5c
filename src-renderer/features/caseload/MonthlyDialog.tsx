/** The explicit monthly arrivals of a profile: one whole number per programme month, year by year. */
import { useState } from 'react';
import { formatDecimal } from '../../../src-shared/money';
import { monthLabel, type Profile } from '../../../src-shared/model';
import { useLocale, useModelPart, useReadOnly, useT } from '../../document/react';
import { errorText, formatMonth } from '../../i18n';
import { Dialog } from '../../shared/common';
import { monthlyTexts, parseMonthly } from './profiles';

export function MonthlyDialog(props: { profile: Profile; onSave: (monthly: number[]) => void; onClose: () => void }) {
  const t = useT();
  const locale = useLocale();
  const readOnly = useReadOnly();
  const programme = useModelPart((m) => m?.programme ?? null);
  const months = programme?.durationMonths ?? 0;
  const [texts, setTexts] = useState<string[]>(() => monthlyTexts(props.profile, months, locale));
  const [errors, setErrors] = useState<Record<number, string>>({});
  if (!programme) return null;
  const parsed = parseMonthly(texts, locale);
  const total = parsed.ok ? parsed.value.reduce((s, n) => s + n, 0) : null;
  const years = Math.ceil(months / 12);

  function save() {
    const r = parseMonthly(texts, locale);
    if (!r.ok) {
      const out: Record<number, string> = {};
      for (const [i, e] of Object.entries(r.errors)) out[Number(i)] = errorText(locale, e.code, e.params);
      setErrors(out);
      return;
    }
    props.onSave(r.value);
    props.onClose();
  }

  const unit = t(`profile.unit.${props.profile.unit}`).toLowerCase();
  return (
    <Dialog
      open
      wide
      title={t('profile.monthsTitle', { name: props.profile.name })}
      onClose={props.onClose}
      testId="profile-monthly-dialog"
    >
      <p className="dialog-help">{t('profile.monthsHelp', { unit })}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="months-scroll">
          {Array.from({ length: years }, (_, y) => (
            <fieldset key={y} className="monthly-year">
              <legend>{t('profile.monthsYear', { n: y + 1 })}</legend>
              <div className="monthly-grid">
                {Array.from({ length: Math.min(12, months - y * 12) }, (_, k) => {
                  const i = y * 12 + k;
                  const m = i + 1;
                  const err = errors[i];
                  return (
                    <label key={m} className="monthly-cell">
                      <span className="monthly-label" aria-hidden="true">
                        {formatMonth(monthLabel(programme.startMonth, m), locale)}
                      </span>
                      <input
                        className="input num"
                        value={texts[i] ?? ''}
                        readOnly={readOnly}
                        inputMode="numeric"
                        placeholder="0"
                        autoComplete="off"
                        aria-label={t('profile.monthLabel', {
                          n: m,
                          month: formatMonth(monthLabel(programme.startMonth, m), locale),
                        })}
                        aria-invalid={err ? true : undefined}
                        title={err}
                        data-testid={`monthly-input-${m}`}
                        data-autofocus={i === 0 ? '' : undefined}
                        onChange={(e) => {
                          const next = [...texts];
                          next[i] = e.target.value;
                          setTexts(next);
                          if (err) {
                            const rest = { ...errors };
                            delete rest[i];
                            setErrors(rest);
                          }
                        }}
                      />
                    </label>
                  );
                })}
              </div>
            </fieldset>
          ))}
        </div>
        <p className="monthly-total" role="status" data-testid="monthly-total">
          {total === null
            ? t('profile.monthsInvalid')
            : t('profile.monthsTotal', { n: formatDecimal(String(total), locale) })}
        </p>
        {Object.keys(errors).length > 0 && (
          <div className="field-error" role="alert" data-testid="field-error">
            {Object.values(errors)[0]}
          </div>
        )}
        <div className="dialog-actions">
          {!readOnly && (
            <button
              type="button"
              className="btn btn-quiet"
              data-testid="monthly-fill"
              onClick={() => {
                setTexts(monthlyTexts(props.profile, months, locale));
                setErrors({});
              }}
            >
              {t('profile.monthsFill')}
            </button>
          )}
          <button type="button" className="btn" data-testid="monthly-cancel" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          {!readOnly && (
            <button type="submit" className="btn btn-primary" data-testid="monthly-save">
              {t('common.save')}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
