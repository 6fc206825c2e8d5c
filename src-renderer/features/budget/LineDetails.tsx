/**
 * The details panel of a budget line: its quantity driver with every parameter of its kind, its
 * funding split, its community reach, its classification and eligibility, and its justification.
 */
import { useId, useState } from 'react';
import type { LineResult } from '../../../src-shared/engine';
import {
  formatDecimal,
  formatMinor,
  type Locale,
  shareToPercentString,
  shareToPercentText,
} from '../../../src-shared/money';
import {
  type BudgetLine,
  DIMENSIONS,
  type Driver,
  DRIVER_KINDS,
  type DriverKind,
  type LineFields,
  lineFieldsSchema,
  LEVELS,
  type Level,
  MODALITIES,
  type Model,
  MTDC_EXCLUSIONS,
  type Schedule,
} from '../../../src-shared/model';
import { byPosition, linesOfLevel, mainDonor } from '../../document/order';
import { errorText, type Translate } from '../../i18n';
import { FieldError, IS_MAC } from '../../shared/common';
import { type CommitResult, SelectInput, TextInput } from '../../shared/inputs';
import {
  convertDriver,
  derivationText,
  DRIVER_FIELDS,
  type DriverTextField,
  driverFieldText,
  parseDriverField,
  profilesOf,
  schedulesOf,
  withProfiles,
  withSchedule,
} from './drivers';
import {
  addShare,
  duplicateFunders,
  fundingComplete,
  fundingSum,
  removeShare,
  setShareFunder,
  setSharePercent,
  shareText,
} from './fundingSplit';
import { parseLineDetail, parseOutput } from './lineFields';
import { useResults } from '../../document/react';

interface DetailsProps {
  line: BudgetLine;
  result: LineResult | null;
  model: Model;
  readOnly: boolean;
  t: Translate;
  locale: Locale;
  update: (patch: Partial<LineFields>) => void;
  onClose: () => void;
  onOpenMonths: () => void;
}

export function LineDetails(props: DetailsProps) {
  const { line, t } = props;
  const showReach = line.level === 'community' || line.beneficiariesPerUnit !== '0' || line.nonMigrantShare !== '0';
  return (
    <div
      className="line-details"
      aria-label={t('line.detailsOf', { name: line.name })}
      role="group"
      onKeyDown={(e) => {
        // Escape in a field that holds no edit closes the panel (the field handles its own edit first).
        if (e.key === 'Escape' && !e.defaultPrevented && (e.target as HTMLElement).dataset.dirty !== 'true') {
          e.preventDefault();
          props.onClose();
        }
      }}
    >
      <DriverEditor {...props} />
      <div className="details-col">
        <FundingEditor {...props} />
        {showReach && <ReachFields {...props} />}
        <OutputFields {...props} />
      </div>
      <div className="details-col">
        <Classification {...props} />
        <button
          type="button"
          className="btn btn-small"
          data-testid={`line-months-open-${line.id}`}
          onClick={props.onOpenMonths}
        >
          {t('line.months')}
        </button>
      </div>
      <Justification {...props} />
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Quantity driver

function DriverEditor(props: DetailsProps) {
  const { line, model, t, locale, readOnly } = props;
  const d = line.driver;
  const programme = model.programme;
  const setDriver = (driver: Driver) => props.update({ driver });
  const commit =
    (field: DriverTextField) =>
    (text: string): CommitResult => {
      const r = parseDriverField(d, field, text, locale, programme);
      if (!r.ok) return { ok: false, message: errorText(locale, r.code, r.params ?? {}, r.context) };
      if (r.value !== d) setDriver(r.value);
      return { ok: true };
    };
  const label = (field: DriverTextField): string => {
    if (field === 'quantity')
      return t(`driver.field.quantity.${d.kind as 'fixed' | 'perArrival' | 'perActiveCase' | 'perCommunity'}`);
    return t(`driver.field.${field}`);
  };
  const schedules = schedulesOf(d.kind);
  const profiles = profilesOf(d);
  const derivation = derivationText(props.result?.derivation, t, locale, programme.reportingCurrency);
  const suffix = (field: DriverTextField) => (field === 'takeUp' || field === 'rate' ? '%' : undefined);

  return (
    <section className="details-section" aria-labelledby={`drv-h-${line.id}`}>
      <h3 id={`drv-h-${line.id}`} className="details-title">
        {t('line.section.driver')}
      </h3>
      <SelectInput
        label={t('col.driver')}
        value={d.kind}
        testId={`driver-kind-${line.id}`}
        readOnly={readOnly}
        options={DRIVER_KINDS.map((k) => ({ value: k, label: t(`driver.${k}`) }))}
        hint={t(`driver.help.${d.kind}`, { n: programme.communities })}
        onChange={(v) => setDriver(convertDriver(d, v as DriverKind, programme.durationMonths, line.level))}
      />
      <div className="details-fields">
        {DRIVER_FIELDS[d.kind].map((field) => (
          <TextInput
            key={`${d.kind}-${field}`}
            label={label(field)}
            value={driverFieldText(d, field, locale)}
            commit={commit(field)}
            testId={`driver-${field}-${line.id}`}
            readOnly={readOnly || (field === 'end' && 'schedule' in d && d.schedule === 'once')}
            numeric
            suffix={suffix(field)}
            placeholder={field === 'max' ? '—' : undefined}
            hint={field === 'max' ? t('driver.field.maxHint') : undefined}
          />
        ))}
        {schedules && 'schedule' in d && (
          <SelectInput
            label={t('driver.field.schedule')}
            value={d.schedule}
            testId={`driver-schedule-${line.id}`}
            readOnly={readOnly}
            options={schedules.map((s) => ({ value: s, label: t(`schedule.${s}`) }))}
            onChange={(v) => setDriver(withSchedule(d, v as Schedule, programme.durationMonths))}
          />
        )}
      </div>
      {profiles && <ProfilePicker {...props} selected={profiles} onChange={(ids) => setDriver(withProfiles(d, ids))} />}
      {d.kind === 'percentage' && <BasePicker {...props} driver={d} onChange={setDriver} />}
      {derivation && (
        <p className="derivation-note" data-testid={`driver-derivation-${line.id}`}>
          = {derivation}
        </p>
      )}
    </section>
  );
}

function ProfilePicker(props: DetailsProps & { selected: readonly string[]; onChange: (ids: string[]) => void }) {
  const { model, t, line, readOnly } = props;
  const profiles = byPosition(model.profiles);
  const selected = new Set(props.selected);
  return (
    <fieldset className="checklist">
      <legend className="field-label">{t('driver.field.profiles')}</legend>
      {profiles.length === 0 ? (
        <p className="hint">{t('driver.field.noProfiles')}</p>
      ) : (
        <>
          {profiles.map((p) => (
            <label key={p.id} className="check">
              <input
                type="checkbox"
                checked={selected.has(p.id)}
                disabled={readOnly}
                data-testid={`driver-profile-${line.id}-${p.id}`}
                onChange={(e) => {
                  const next = profiles
                    .map((x) => x.id)
                    .filter((id) => (id === p.id ? e.target.checked : selected.has(id)));
                  props.onChange(next);
                }}
              />
              {p.name}
            </label>
          ))}
          <p className="hint">{t('driver.field.profilesHint')}</p>
        </>
      )}
    </fieldset>
  );
}

function BasePicker(
  props: DetailsProps & { driver: Extract<Driver, { kind: 'percentage' }>; onChange: (d: Driver) => void },
) {
  const { model, t, line, readOnly, driver } = props;
  const levels = new Set<Level>(driver.levels);
  const lineIds = new Set(driver.lineIds);
  return (
    <div className="base-picker">
      <fieldset className="checklist checklist-inline">
        <legend className="field-label">{t('driver.field.levels')}</legend>
        {LEVELS.map((l) => (
          <label key={l} className="check">
            <input
              type="checkbox"
              checked={levels.has(l)}
              disabled={readOnly}
              data-testid={`driver-level-${line.id}-${l}`}
              onChange={(e) =>
                props.onChange({
                  ...driver,
                  levels: LEVELS.filter((x) => (x === l ? e.target.checked : levels.has(x))),
                })
              }
            />
            {t(`level.${l}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="checklist checklist-scroll">
        <legend className="field-label">{t('driver.field.lines')}</legend>
        {LEVELS.map((level) => {
          const lines = linesOfLevel(model, level).filter((l) => l.id !== line.id);
          if (lines.length === 0) return null;
          return (
            <div key={level} role="group" aria-label={t(`level.${level}`)}>
              <div className="checklist-group">{t(`level.${level}`)}</div>
              {lines.map((l) => (
                <label key={l.id} className="check">
                  <input
                    type="checkbox"
                    checked={lineIds.has(l.id) || levels.has(l.level)}
                    disabled={readOnly || levels.has(l.level)}
                    data-testid={`driver-line-${line.id}-${l.id}`}
                    onChange={(e) => {
                      const next = new Set(lineIds);
                      if (e.target.checked) next.add(l.id);
                      else next.delete(l.id);
                      props.onChange({ ...driver, lineIds: model.lines.map((x) => x.id).filter((id) => next.has(id)) });
                    }}
                  />
                  {l.name || t('line.unnamed')}
                </label>
              ))}
            </div>
          );
        })}
      </fieldset>
      <p className="hint">{t('driver.field.baseHint')}</p>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Funding split

function FundingEditor(props: DetailsProps) {
  const { line, model, t, locale, readOnly, result } = props;
  const funders = byPosition(model.funders);
  const names = new Map(funders.map((f) => [f.id, f.name]));
  const main = mainDonor(funders);
  const funding = line.funding;
  const setFunding = (next: typeof funding) => props.update({ funding: next });
  const next = addShare(funding, funders);
  const reporting = model.programme.reportingCurrency;
  const sum = fundingSum(funding);
  const complete = fundingComplete(funding);
  const dups = duplicateFunders(funding);
  const amounts = Object.entries(result?.byFunder ?? {}).filter(([, v]) => v !== 0);

  return (
    <section
      className="details-section"
      aria-labelledby={`fund-h-${line.id}`}
      data-testid={`funding-editor-${line.id}`}
    >
      <h3 id={`fund-h-${line.id}`} className="details-title">
        {t('line.section.funding')}
      </h3>
      {funders.length === 0 && <p className="hint">{t('funding.noSources')}</p>}
      {funding.length === 0 ? (
        <p className="funding-default" data-testid={`funding-default-${line.id}`}>
          {main ? t('funding.default', { name: main.name }) : t('funding.defaultNone')}
        </p>
      ) : (
        <table className="mini-table funding-table">
          <thead>
            <tr>
              <th scope="col">{t('funding.source')}</th>
              <th scope="col" className="num">
                {t('funding.share')}
              </th>
              <th scope="col">
                <span className="sr-only">{t('funding.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {funding.map((f, i) => {
              const name = names.get(f.funderId) ?? f.funderId;
              return (
                <tr key={`${i}-${f.funderId}`}>
                  <td>
                    <SelectInput
                      variant="cell"
                      ariaLabel={t('funding.sourceLabel', { n: i + 1 })}
                      value={f.funderId}
                      testId={`funding-funder-${line.id}-${i}`}
                      readOnly={readOnly}
                      options={[
                        ...funders.map((x) => ({ value: x.id, label: x.name })),
                        ...(names.has(f.funderId) ? [] : [{ value: f.funderId, label: f.funderId }]),
                      ]}
                      onChange={(v) => setFunding(setShareFunder(funding, i, v))}
                    />
                  </td>
                  <td className="num">
                    <TextInput
                      variant="cell"
                      numeric
                      ariaLabel={t('funding.shareLabel', { name })}
                      value={shareText(f.share, locale)}
                      testId={`funding-share-${line.id}-${i}`}
                      readOnly={readOnly}
                      commit={(text) => {
                        const r = setSharePercent(funding, i, text, locale);
                        if (!r.ok) return { ok: false, message: errorText(locale, r.code, r.params ?? {}, r.context) };
                        setFunding(r.value);
                        return { ok: true };
                      }}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small btn-quiet"
                      disabled={readOnly}
                      aria-label={t('funding.removeLabel', { name })}
                      title={t('funding.removeLabel', { name })}
                      data-testid={`funding-remove-${line.id}-${i}`}
                      onClick={() => setFunding(removeShare(funding, i))}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {funding.length > 0 && (
        <p
          className={`funding-sum${complete ? '' : ' warn'}`}
          role="status"
          data-testid={`funding-sum-${line.id}`}
          data-complete={complete ? 'true' : 'false'}
        >
          {complete
            ? t('funding.sum', { sum: shareToPercentText(sum, locale) })
            : t('funding.sumWarn', { sum: shareToPercentText(sum, locale) })}
        </p>
      )}
      {dups.map((id) => (
        <p key={id} className="funding-sum warn">
          {t('funding.duplicate', { name: names.get(id) ?? id })}
        </p>
      ))}
      <div className="button-row">
        <button
          type="button"
          className="btn btn-small"
          disabled={readOnly || next === null}
          data-testid={`funding-add-${line.id}`}
          onClick={() => next && setFunding(next)}
        >
          + {funding.length === 0 ? t('funding.split') : t('funding.add')}
        </button>
        {funding.length > 0 && (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            disabled={readOnly}
            data-testid={`funding-reset-${line.id}`}
            onClick={() => setFunding([])}
          >
            {t('funding.reset')}
          </button>
        )}
      </div>
      {amounts.length > 0 && (
        <dl className="funding-amounts" aria-label={t('funding.amounts')}>
          {amounts.map(([id, v]) => (
            <div key={id || 'none'}>
              <dt>{id === '' ? t('funding.unassigned') : (names.get(id) ?? id)}</dt>
              <dd className="num" data-testid={`funding-amount-${line.id}-${id || 'unfunded'}`} data-minor={v}>
                {formatMinor(v, reporting, locale)} {reporting}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Community reach

function ReachFields(props: DetailsProps) {
  const { line, t, locale, readOnly, result } = props;
  const commit =
    (field: 'beneficiariesPerUnit' | 'nonMigrantShare') =>
    (text: string): CommitResult => {
      const r = parseLineDetail(field, text, locale);
      if (!r.ok) return { ok: false, message: errorText(locale, r.code, r.params ?? {}, r.context) };
      if (r.value[field] !== line[field]) props.update(r.value);
      return { ok: true };
    };
  const count = (n: number) => formatDecimal(String(Math.round(n)), locale);
  return (
    <section className="details-section" aria-labelledby={`reach-h-${line.id}`}>
      <h3 id={`reach-h-${line.id}`} className="details-title">
        {t('line.section.reach')}
      </h3>
      <div className="details-fields">
        <TextInput
          label={t('reach.beneficiariesPerUnit')}
          value={formatDecimal(line.beneficiariesPerUnit, locale)}
          commit={commit('beneficiariesPerUnit')}
          testId={`field-beneficiariesPerUnit-${line.id}`}
          readOnly={readOnly}
          numeric
        />
        <TextInput
          label={t('reach.nonMigrantShare')}
          value={shareToPercentString(line.nonMigrantShare, locale)}
          commit={commit('nonMigrantShare')}
          testId={`field-nonMigrantShare-${line.id}`}
          readOnly={readOnly}
          numeric
          suffix="%"
        />
      </div>
      {result && (
        <p className="hint" data-testid={`reach-result-${line.id}`}>
          {t('reach.result', {
            people: count(result.beneficiaries),
            nonMigrants: count(result.nonMigrantBeneficiaries),
          })}
        </p>
      )}
      <p className="hint">{t('reach.hint')}</p>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Outcomes: what each unit yields (any level)

function OutputFields(props: DetailsProps) {
  const { line, t, locale, readOnly } = props;
  const outcome = useResults((s) => s.result?.outcomes.byLine[line.id] ?? null);
  const count = (n: number) => formatDecimal(String(Math.round(n * 10) / 10), locale);
  return (
    <section className="details-section" aria-labelledby={`outputs-h-${line.id}`}>
      <h3 id={`outputs-h-${line.id}`} className="details-title">
        {t('line.section.outputs')}
      </h3>
      <div className="details-fields">
        {(['businesses', 'jobs', 'people'] as const).map((field) => (
          <TextInput
            key={field}
            label={t(`outputs.${field}`)}
            value={formatDecimal(line.outputs[field], locale)}
            commit={(text): CommitResult => {
              const r = parseOutput(line, field, text, locale);
              if (!r.ok) return { ok: false, message: errorText(locale, r.code, r.params ?? {}, r.context) };
              if (r.value.outputs?.[field] !== line.outputs[field]) props.update(r.value);
              return { ok: true };
            }}
            testId={`field-output-${field}-${line.id}`}
            readOnly={readOnly}
            numeric
          />
        ))}
      </div>
      {outcome && (
        <p className="hint" data-testid={`outputs-result-${line.id}`}>
          {t('outputs.result', {
            businesses: count(outcome.businesses),
            jobs: count(outcome.jobs),
            people: count(outcome.people),
          })}
        </p>
      )}
      <p className="hint">{t('outputs.hint', { unit: line.unitLabel || t('outputs.unit') })}</p>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Classification, eligibility, justification

function Classification(props: DetailsProps) {
  const { line, t, readOnly, model } = props;
  return (
    <section className="details-section" aria-labelledby={`cls-h-${line.id}`}>
      <h3 id={`cls-h-${line.id}`} className="details-title">
        {t('line.section.other')}
      </h3>
      <div className="details-fields">
        <SelectInput
          label={t('col.dimension')}
          value={line.dimension}
          testId={`field-dimension-${line.id}`}
          readOnly={readOnly}
          options={DIMENSIONS.map((v) => ({ value: v, label: t(`dimension.${v}`) }))}
          onChange={(v) => props.update({ dimension: v as LineFields['dimension'] })}
        />
        <SelectInput
          label={t('col.modality')}
          value={line.modality}
          testId={`field-modality-${line.id}`}
          readOnly={readOnly}
          options={MODALITIES.map((v) => ({ value: v, label: t(`modality.${v}`) }))}
          onChange={(v) => props.update({ modality: v as LineFields['modality'] })}
        />
        {/* What the US modified total direct costs leave out: shown for the US profile, or when set. */}
        {(model.programme.donorProfile === 'US' || line.mtdcExclusion !== 'none') && (
          <SelectInput
            label={t('line.mtdcExclusion')}
            value={line.mtdcExclusion}
            testId={`field-mtdcExclusion-${line.id}`}
            readOnly={readOnly}
            options={MTDC_EXCLUSIONS.map((v) => ({ value: v, label: t(`mtdcExclusion.${v}`) }))}
            onChange={(v) => {
              const next = MTDC_EXCLUSIONS.find((x) => x === v);
              if (next) props.update({ mtdcExclusion: next });
            }}
          />
        )}
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={line.eligibleIndirect}
          disabled={readOnly}
          data-testid={`field-eligibleIndirect-${line.id}`}
          onChange={(e) => props.update({ eligibleIndirect: e.target.checked })}
        />
        {t('line.eligibleIndirect')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={line.eligibleContingency}
          disabled={readOnly}
          data-testid={`field-eligibleContingency-${line.id}`}
          onChange={(e) => props.update({ eligibleContingency: e.target.checked })}
        />
        {t('line.eligibleContingency')}
      </label>
      {line.currency !== model.programme.reportingCurrency && (
        <p className="hint">{t('line.currencyHint', { reporting: model.programme.reportingCurrency })}</p>
      )}
    </section>
  );
}

function Justification(props: DetailsProps) {
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
          if (e.key === 'Escape' && draft !== null) {
            e.preventDefault();
            setDraft(null);
            setError(null);
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
  );
}
