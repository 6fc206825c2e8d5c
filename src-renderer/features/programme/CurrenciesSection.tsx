/**
 * Local currencies on the Programme screen: code, annual inflation, one exchange rate per programme
 * year ("655.957 XOF per 1 EUR"), the lines entered in each; add and delete (main refuses to
 * delete a currency lines still use, and says which).
 */
import { useId, useRef, useState } from 'react';
import type { Currency } from '../../../src-shared/model';
import { formatDecimal } from '../../../src-shared/money';
import { useDocStore, useLocale, useModel, useReadOnly, useT } from '../../document/react';
import { useUi } from '../../document/ui';
import { errorText, translateCount } from '../../i18n';
import { FieldError } from '../../shared/common';
import { rateForYear } from '../../shared/exchange';
import { currencyFocusId } from '../../shared/findings';
import { type CommitResult, TextInput } from '../../shared/inputs';
import {
  newCurrency,
  parseCurrencyCode,
  parseRate,
  programmeYears,
  rateText,
  rateWarning,
  withInflation,
  withRate,
} from './currencies';
import { signedPercentText } from './programmeFields';
import { OverrideMark } from '../../shared/OverrideMark';

/**
 * A warning that asks for confirmation (a rate that is probably a slip): shown the first time a
 * text is committed; the same text committed again (Enter again) is kept. Returns the message to
 * show, or null when the value may be saved.
 */
function useConfirmation(): (key: string, text: string, warning: string | null) => string | null {
  const warned = useRef(new Map<string, string>());
  return (key, text, warning) => {
    if (warning === null || warned.current.get(key) === text.trim()) {
      warned.current.delete(key);
      return null;
    }
    warned.current.set(key, text.trim());
    return warning;
  };
}

export function CurrenciesSection() {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const readOnly = useReadOnly();
  const model = useModel();
  const highlight = useUi((s) => s.highlight);
  const confirm = useConfirmation();
  if (!model) return null;
  const reporting = model.programme.reportingCurrency;
  const years = programmeYears(model.programme.durationMonths);
  const put = (currency: Currency) => void store.getState().command({ type: 'currency.put', currency });
  const usedBy = (code: string) => model.lines.filter((l) => l.currency === code).length;

  return (
    <section className="card form-card" aria-labelledby="prog-currencies" data-testid="currencies">
      <h2 id="prog-currencies" className="card-title">
        {t('currency.heading')}
      </h2>
      <p className="hint section-intro">{t('currency.intro', { reporting })}</p>
      {model.currencies.length === 0 ? (
        <p className="empty" data-testid="currencies-empty">
          {t('currency.empty', { reporting })}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data-table currencies-table" aria-label={t('currency.table')}>
            <thead>
              <tr>
                <th scope="col">{t('currency.code')}</th>
                <th scope="col" className="num">
                  {t('currency.inflation')}
                </th>
                {Array.from({ length: years }, (_, i) => (
                  <th scope="col" className="num" key={i}>
                    {t('currency.year', { n: i + 1 })}
                  </th>
                ))}
                <th scope="col">{t('currency.usedBy')}</th>
                <th scope="col">
                  <span className="sr-only">{t('currency.delete')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {model.currencies.map((c) => {
                const focusId = currencyFocusId(c.code);
                const n = usedBy(c.code);
                return (
                  <tr
                    key={c.code}
                    data-testid={`currency-row-${c.code}`}
                    className={highlight === focusId ? 'highlighted' : undefined}
                    data-highlighted={highlight === focusId ? 'true' : undefined}
                  >
                    <th scope="row">
                      <span className="currency-code">{c.code}</span>
                      <OverrideMark kind="currency" id={c.code} field="rates" />
                      <span className="hint block">{t('currency.perReporting', { code: c.code, reporting })}</span>
                    </th>
                    <td className="num">
                      <TextInput
                        variant="cell"
                        numeric
                        ariaLabel={t('currency.inflationLabel', { code: c.code })}
                        value={signedPercentText(c.inflation, locale)}
                        testId={`currency-inflation-${c.code}`}
                        focusId={focusId}
                        readOnly={readOnly}
                        commit={(text): CommitResult => {
                          const r = withInflation(c, text, locale);
                          if (!r.ok)
                            return { ok: false, message: errorText(locale, r.code, r.params ?? {}, r.context) };
                          if (r.value.inflation !== c.inflation) put(r.value);
                          return { ok: true };
                        }}
                      />
                      <OverrideMark kind="currency" id={c.code} field="inflation" />
                    </td>
                    {Array.from({ length: years }, (_, i) => {
                      const year = i + 1;
                      const carried = c.rates[i] === undefined ? rateForYear(c, year) : null;
                      return (
                        <td className="num" key={year}>
                          <TextInput
                            variant="cell"
                            numeric
                            ariaLabel={t('currency.rateLabel', { code: c.code, n: year, reporting })}
                            value={rateText(c, year, locale)}
                            placeholder={carried ? formatDecimal(carried, locale) : undefined}
                            title={carried ? t('currency.carried') : undefined}
                            testId={`currency-rate-${c.code}-${year}`}
                            readOnly={readOnly}
                            commit={(text): CommitResult => {
                              if (text.trim() === '' && c.rates[i] === undefined) return { ok: true };
                              const r = parseRate(text, locale);
                              if (!r.ok) {
                                return { ok: false, message: errorText(locale, r.code, r.params ?? {}, r.context) };
                              }
                              if (r.value === c.rates[i]) return { ok: true };
                              const previous = year > 1 ? rateForYear(c, year - 1) : null;
                              const w = rateWarning(text, r.value, { code: c.code, reporting, previous, locale });
                              const ask = confirm(`${c.code}-${year}`, text, w && t(w.key, w.params));
                              if (ask !== null) return { ok: false, message: ask };
                              put(withRate(c, year, r.value));
                              return { ok: true };
                            }}
                          />
                        </td>
                      );
                    })}
                    <td className="muted">
                      {n === 0 ? t('currency.notUsed') : translateCount(locale, 'currency.lines', n)}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        disabled={readOnly}
                        aria-label={t('currency.deleteLabel', { code: c.code })}
                        data-testid={`currency-delete-${c.code}`}
                        onClick={() => void store.getState().command({ type: 'currency.delete', code: c.code })}
                      >
                        {t('currency.delete')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {!readOnly && <AddCurrency years={years} />}
    </section>
  );
}

function AddCurrency(props: { years: number }) {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const model = useModel();
  const [code, setCode] = useState('');
  const [rate, setRate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const confirm = useConfirmation();
  if (!model) return null;
  const reporting = model.programme.reportingCurrency;

  function add() {
    if (!model) return;
    const c = parseCurrencyCode(code, model);
    if (!c.ok) {
      setError(errorText(locale, c.code, c.params ?? {}, c.context));
      return;
    }
    const r = parseRate(rate, locale);
    if (!r.ok) {
      setError(errorText(locale, r.code, r.params ?? {}, r.context));
      return;
    }
    const w = rateWarning(rate, r.value, { code: c.value, reporting, previous: null, locale });
    const ask = confirm(`new-${c.value}`, rate, w && t(w.key, w.params));
    if (ask !== null) {
      setError(ask);
      return;
    }
    setError(null);
    setCode('');
    setRate('');
    void store.getState().command({ type: 'currency.put', currency: newCurrency(c.value, r.value, props.years) });
  }

  return (
    <form
      className="add-row"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-code`} className="field-label">
          {t('currency.addCode')}
        </label>
        <input
          id={`${id}-code`}
          className="input code-input"
          value={code}
          maxLength={3}
          placeholder="XOF"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}
          aria-invalid={error ? true : undefined}
          data-testid="currency-add-code"
          onChange={(e) => {
            setCode(e.target.value.toUpperCase());
            setError(null);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-rate`} className="field-label">
          {t('currency.addRate', { reporting })}
        </label>
        <input
          id={`${id}-rate`}
          className="input num"
          value={rate}
          placeholder={formatDecimal('655.957', locale)}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}
          aria-invalid={error ? true : undefined}
          data-testid="currency-add-rate"
          onChange={(e) => {
            setRate(e.target.value);
            setError(null);
          }}
        />
      </div>
      <button type="submit" className="btn btn-primary" data-testid="currency-add">
        + {t('currency.add')}
      </button>
      <p id={`${id}-hint`} className="hint add-hint">
        {t('currency.addHint')}
      </p>
      <FieldError id={`${id}-err`} message={error} className="field-error add-error" />
    </form>
  );
}
