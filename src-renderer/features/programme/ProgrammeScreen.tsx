/** Programme settings: title, currency, start, duration, overhead rates, donor profile, author, notes. */
import { type KeyboardEvent, useId, useState } from 'react';
import {
  DONOR_PROFILES,
  durationEffects,
  EU_AGREEMENTS,
  INDIRECT_BASES,
  monthLabel,
  NICRA_BASES,
  type Programme,
} from '../../../src-shared/model';
import { useDocStore, useLocale, useModelPart, useReadOnly, useT } from '../../document/react';
import { useUi } from '../../document/ui';
import { errorText, formatMonth, type MessageKey } from '../../i18n';
import { IS_MAC } from '../../shared/common';
import { type CommitResult, useDraft } from '../../shared/draft';
import { programmeFocusId } from '../../shared/findings';
import { FieldControl, FormField } from '../../shared/inputs';
import { CurrenciesSection } from './CurrenciesSection';
import { type ProgrammeField, parseProgrammeField, programmeFieldText } from './programmeFields';
import { type Shortening, ShortenDialog } from './ShortenDialog';
import { OverrideMark } from '../../shared/OverrideMark';

export function ProgrammeScreen() {
  const t = useT();
  const locale = useLocale();
  const programme = useModelPart((m) => m?.programme ?? null);
  if (!programme) return null;
  const end = formatMonth(monthLabel(programme.startMonth, programme.durationMonths), locale);
  return (
    <div className="screen programme-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('prog.heading')}</h1>
        <p className="screen-intro">{t('prog.intro')}</p>
      </div>
      <section className="card form-card" aria-labelledby="prog-general">
        <h2 id="prog-general" className="card-title">
          {t('prog.section.general')}
        </h2>
        <div className="form-grid">
          <TextField field="title" wide />
          <TextField field="startMonth" hint="prog.hint.startMonth" placeholder="YYYY-MM" />
          <TextField field="durationMonths" hint="prog.hint.durationMonths" hintParams={{ end }} numeric />
          <TextField field="author" />
          <TextField field="communities" hint="prog.hint.communities" numeric />
        </div>
      </section>
      <section className="card form-card" aria-labelledby="prog-money">
        <h2 id="prog-money" className="card-title">
          {t('prog.section.money')}
        </h2>
        <div className="form-grid">
          <TextField field="reportingCurrency" hint="prog.hint.reportingCurrency" upper />
          <TextField field="inflation" hint="prog.hint.inflation" numeric suffix="%" />
          <TextField field="indirectRate" hint="prog.hint.indirectRate" numeric suffix="%" />
          <TextField field="contingencyRate" hint="prog.hint.contingencyRate" numeric suffix="%" />
          <DonorField />
          <ChoiceField
            field="indirectBase"
            options={INDIRECT_BASES}
            labels="indirectBase"
            hint="prog.hint.indirectBase"
          />
          {programme.donorProfile === 'EU' && (
            <ChoiceField
              field="euAgreement"
              options={EU_AGREEMENTS}
              labels="euAgreement"
              hint="prog.hint.euAgreement"
            />
          )}
          {programme.donorProfile === 'US' && (
            <>
              <TextField field="usAwardDate" hint="prog.hint.usAwardDate" placeholder="YYYY-MM-DD" />
              <TextField field="usNicra" hint="prog.hint.usNicra" numeric suffix="%" />
              {programme.usNicra !== null && <NicraBaseField />}
            </>
          )}
        </div>
        <p className="hint" data-testid="donor-help">
          {t(`prog.help.donor.${programme.donorProfile}`)}
        </p>
      </section>
      <CurrenciesSection />
      <section className="card form-card" aria-labelledby="prog-notes">
        <h2 id="prog-notes" className="card-title">
          {t('prog.section.notes')}
        </h2>
        <TextField field="notes" multiline wide />
      </section>
    </div>
  );
}

type TextProgrammeField = Exclude<ProgrammeField, 'donorProfile' | 'indirectBase' | 'euAgreement'>;

function TextField(props: {
  field: TextProgrammeField;
  hint?: MessageKey;
  hintParams?: Record<string, string>;
  placeholder?: string;
  numeric?: boolean;
  upper?: boolean;
  multiline?: boolean;
  wide?: boolean;
  suffix?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const readOnly = useReadOnly();
  const programme = useModelPart((m) => m?.programme) as Programme;
  const lines = useModelPart((m) => m?.lines ?? []);
  const value = programmeFieldText(programme, props.field, locale);
  const [shortening, setShortening] = useState<Shortening | null>(null);
  const { draft, error, setDraft, setError, current, commit } = useDraft(value, (text): CommitResult => {
    const r = parseProgrammeField(props.field, text, locale, programme);
    if (!r.ok) return { ok: false, message: errorText(locale, r.code, r.params ?? {}, r.context) };
    const patch = r.value;
    if (patch.durationMonths !== undefined && patch.durationMonths < programme.durationMonths) {
      // Lines past the new end: list them and offer to clip them (lines that ran to the end follow).
      const e = durationEffects(lines, programme.durationMonths, patch.durationMonths);
      if (e.clip.length > 0 || e.blocked.length > 0) {
        setShortening({ months: patch.durationMonths, clip: e.clip, blocked: e.blocked });
        return { ok: true };
      }
    }
    const changed = (Object.keys(patch) as (keyof Programme)[]).some((k) =>
      k === 'usNicra' ? JSON.stringify(patch.usNicra) !== JSON.stringify(programme.usNicra) : patch[k] !== programme[k],
    );
    if (changed) void store.getState().command({ type: 'programme.update', patch });
    return { ok: true };
  });
  const id = useId();
  const focusId = programmeFocusId(props.field);
  const highlighted = useUi((s) => s.highlight === focusId);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) {
    if (e.key === 'Escape' && current() !== null) {
      e.preventDefault();
      setDraft(null);
      setError(null);
    } else if (e.key === 'Enter' && (!props.multiline || (IS_MAC ? e.metaKey : e.ctrlKey))) {
      e.preventDefault();
      commit();
    }
  }

  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    className: `input${props.numeric ? ' num' : ''}`,
    value: draft ?? value,
    readOnly,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'data-testid': `field-${props.field}`,
    'data-focus-id': focusId,
    'data-highlighted': highlighted ? 'true' : undefined,
    'data-dirty': draft !== null ? 'true' : undefined,
    onBlur: () => void commit(),
    onKeyDown,
  } as const;
  return (
    <FormField
      id={id}
      label={t(`prog.field.${props.field}`)}
      hint={props.hint ? t(props.hint, props.hintParams) : undefined}
      error={error}
      wide={props.wide}
    >
      <FieldControl suffix={props.suffix}>
        {props.multiline ? (
          <textarea {...common} rows={6} className="input textarea" onChange={(e) => setDraft(e.target.value)} />
        ) : (
          <input
            {...common}
            placeholder={props.placeholder}
            spellCheck={props.numeric || props.upper ? false : undefined}
            autoComplete="off"
            maxLength={props.upper ? 3 : undefined}
            onChange={(e) => {
              setDraft(props.upper ? e.target.value.toUpperCase() : e.target.value);
              if (error) setError(null);
            }}
          />
        )}
        <OverrideMark kind="programme" id="" field={props.field} />
      </FieldControl>
      {shortening && (
        <ShortenDialog
          shortening={shortening}
          onClose={() => setShortening(null)}
          onClip={() =>
            void store
              .getState()
              .command({ type: 'programme.update', patch: { durationMonths: shortening.months }, clip: true })
          }
        />
      )}
    </FormField>
  );
}

function DonorField() {
  const t = useT();
  const store = useDocStore();
  const readOnly = useReadOnly();
  const value = useModelPart((m) => m?.programme.donorProfile ?? 'none');
  const id = useId();
  const focusId = programmeFocusId('donorProfile');
  const highlighted = useUi((s) => s.highlight === focusId);
  return (
    <FormField id={id} label={t('prog.field.donorProfile')} hint={t('prog.hint.donorProfile')}>
      <select
        id={id}
        className="input"
        value={value}
        disabled={readOnly}
        aria-describedby={`${id}-hint`}
        data-testid="field-donorProfile"
        data-focus-id={focusId}
        data-highlighted={highlighted ? 'true' : undefined}
        onChange={(e) => {
          const r = parseProgrammeField('donorProfile', e.target.value, 'en');
          if (r.ok) void store.getState().command({ type: 'programme.update', patch: r.value });
        }}
      >
        {DONOR_PROFILES.map((d) => (
          <option key={d} value={d}>
            {t(`donor.${d}`)}
          </option>
        ))}
      </select>
    </FormField>
  );
}

/** A programme setting chosen from a list (indirect base, EU agreement), sent as soon as it changes. */
function ChoiceField<F extends 'indirectBase' | 'euAgreement'>(props: {
  field: F;
  options: readonly Programme[F][];
  labels: F;
  hint: MessageKey;
}) {
  const t = useT();
  const store = useDocStore();
  const readOnly = useReadOnly();
  const value = useModelPart((m) => m?.programme[props.field]);
  const id = useId();
  const focusId = programmeFocusId(props.field);
  const highlighted = useUi((s) => s.highlight === focusId);
  return (
    <FormField id={id} label={t(`prog.field.${props.field}`)} hint={t(props.hint)} wide>
      <select
        id={id}
        className="input"
        value={value}
        disabled={readOnly}
        aria-describedby={`${id}-hint`}
        data-testid={`field-${props.field}`}
        data-focus-id={focusId}
        data-highlighted={highlighted ? 'true' : undefined}
        onChange={(e) => {
          const r = parseProgrammeField(props.field, e.target.value, 'en');
          if (r.ok) void store.getState().command({ type: 'programme.update', patch: r.value });
        }}
      >
        {props.options.map((o) => (
          <option key={o} value={o}>
            {t(`${props.labels}.${o}` as MessageKey)}
          </option>
        ))}
      </select>
    </FormField>
  );
}

/** The base of a declared NICRA (shown once a negotiated rate is entered). */
function NicraBaseField() {
  const t = useT();
  const store = useDocStore();
  const readOnly = useReadOnly();
  const nicra = useModelPart((m) => m?.programme.usNicra ?? null);
  const id = useId();
  if (!nicra) return null;
  return (
    <FormField id={id} label={t('prog.field.usNicraBase')}>
      <select
        id={id}
        className="input"
        value={nicra.base}
        disabled={readOnly}
        data-testid="field-usNicraBase"
        onChange={(e) => {
          const base = NICRA_BASES.find((b) => b === e.target.value);
          if (base && base !== nicra.base) {
            void store.getState().command({ type: 'programme.update', patch: { usNicra: { ...nicra, base } } });
          }
        }}
      >
        {NICRA_BASES.map((b) => (
          <option key={b} value={b}>
            {t(`nicraBase.${b}`)}
          </option>
        ))}
      </select>
    </FormField>
  );
}
