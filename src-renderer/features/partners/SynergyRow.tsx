/**
 * One synergy on the Partners screen: its name and type, the lines (or profiles) it targets, the
 * months it operates, its parameters, how sure it is (commitment, status, confidence) and what it
 * covers. Each typed value is checked before it is sent; a refused one stays with its message.
 */
import { useState } from 'react';
import type { Command } from '../../../src-shared/api';
import type { SynergyOutcome } from '../../../src-shared/engine';
import {
  formatDecimal,
  formatMinor,
  parseInteger,
  parsePercent,
  shareToPercentString,
} from '../../../src-shared/money';
import {
  COMMITMENTS,
  defaultEffect,
  LEVELS,
  STATUS_CONFIDENCE,
  SYNERGY_STATUSES,
  SYNERGY_TYPES,
  type Synergy,
  type SynergyEffect,
  type SynergyFields,
  type SynergyType,
} from '../../../src-shared/model';
import { byPosition, linesOfLevel } from '../../document/order';
import { useLocale, useModel, useT } from '../../document/react';
import { useUi } from '../../document/ui';
import { errorText, translateCount } from '../../i18n';
import { Dialog, RowActions, highlightProps } from '../../shared/common';
import { type CommitResult, SelectInput, TextInput, textCommit } from '../../shared/inputs';
import { synergyFocusId } from '../../shared/findings';
import { isMoneyField, isOptionalField, isPercentField, paramFields, paramText, parseParam } from './synergyFields';
import { OverrideMark } from '../../shared/OverrideMark';

export function SynergyRow(props: {
  synergy: Synergy;
  /** Its place among its partner's synergies, and how many there are. */
  index: number;
  count: number;
  onMove: (index: number) => void;
  outcome: SynergyOutcome | null;
  readOnly: boolean;
  send: (command: Command) => void;
  onDelete: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const model = useModel();
  const [targeting, setTargeting] = useState(false);
  const { synergy: s, readOnly } = props;
  const focusId = synergyFocusId(s.id);
  const highlighted = useUi((u) => u.highlight === focusId);
  if (!model) return null;
  const cur = model.programme.reportingCurrency;
  const D = model.programme.durationMonths;
  const update = (patch: Partial<SynergyFields>) => props.send({ type: 'synergy.update', id: s.id, patch });
  const label = (field: string) => t('synergies.fieldLabel', { field, name: s.name });
  const e = s.effect;
  const o = props.outcome;

  const monthCommit =
    (field: 'firstMonth' | 'lastMonth') =>
    (text: string): CommitResult => {
      const r = parseInteger(text, locale, 1, D);
      if (!r.ok) return { ok: false, message: errorText(locale, r.code, r.params, 'month') };
      const next = { ...s, [field]: r.value };
      if (next.lastMonth < next.firstMonth) {
        return { ok: false, message: errorText(locale, 'window.endBeforeStart') };
      }
      if (r.value !== s[field]) update({ [field]: r.value });
      return { ok: true };
    };

  const targets =
    s.lineIds.length === 0
      ? t('synergies.noTarget')
      : translateCount(locale, 'synergies.lines', s.lineIds.length, {
          first: model.lines.find((l) => l.id === s.lineIds[0])?.name ?? '',
        });

  return (
    <tr data-testid={`synergy-row-${s.id}`} {...highlightProps(highlighted)}>
      <td>
        <TextInput
          variant="cell"
          ariaLabel={label(t('synergies.col.name'))}
          value={s.name}
          testId={`synergy-name-${s.id}`}
          focusId={focusId}
          readOnly={readOnly}
          commit={textCommit(locale, s.name, (name) => update({ name }))}
        />
        {model.partners.length > 1 && (
          <SelectInput
            variant="cell"
            ariaLabel={label(t('synergies.partner'))}
            value={s.partnerId}
            testId={`synergy-partner-${s.id}`}
            readOnly={readOnly}
            options={byPosition(model.partners).map((p) => ({ value: p.id, label: p.name }))}
            onChange={(partnerId) => update({ partnerId })}
          />
        )}
      </td>
      <td>
        <SelectInput
          variant="cell"
          ariaLabel={label(t('synergies.col.type'))}
          value={e.type}
          testId={`synergy-type-${s.id}`}
          readOnly={readOnly}
          options={SYNERGY_TYPES.map((v) => ({ value: v, label: t(`synergies.type.${v}`) }))}
          onChange={(v) => update({ effect: defaultEffect(v as SynergyType) })}
        />
        <span className="hint synergy-placement">{t(`synergies.placement.${e.type}`)}</span>
      </td>
      <td>
        <button
          type="button"
          className="btn btn-small"
          data-testid={`synergy-targets-${s.id}`}
          disabled={readOnly}
          title={t('synergies.targetsHint')}
          onClick={() => setTargeting(true)}
        >
          {targets}
        </button>
        {e.type === 'publicService' && (
          <span className="hint">
            {s.profileIds.length === 0
              ? t('synergies.allProfiles')
              : translateCount(locale, 'synergies.profiles', s.profileIds.length)}
          </span>
        )}
        {targeting && <TargetsDialog synergy={s} onClose={() => setTargeting(false)} onSave={(p) => update(p)} />}
      </td>
      <td>
        <div className="month-pair">
          <TextInput
            variant="cell"
            numeric
            ariaLabel={label(t('synergies.firstMonth'))}
            value={String(s.firstMonth)}
            testId={`synergy-firstMonth-${s.id}`}
            readOnly={readOnly}
            commit={monthCommit('firstMonth')}
          />
          <span aria-hidden="true">–</span>
          <TextInput
            variant="cell"
            numeric
            ariaLabel={label(t('synergies.lastMonth'))}
            value={String(s.lastMonth)}
            testId={`synergy-lastMonth-${s.id}`}
            readOnly={readOnly}
            commit={monthCommit('lastMonth')}
          />
        </div>
        {o && o.window === null && (
          <span className="hint warn" data-testid={`synergy-nowindow-${s.id}`}>
            {t('synergies.noWindow')}
          </span>
        )}
      </td>
      <td>
        <EffectFields
          synergy={s}
          readOnly={readOnly}
          currency={cur}
          label={label}
          onEffect={(effect) => update({ effect })}
        />
      </td>
      <td>
        <div className="stack">
          <SelectInput
            variant="cell"
            ariaLabel={label(t('synergies.commitment'))}
            value={s.commitment}
            testId={`synergy-commitment-${s.id}`}
            readOnly={readOnly}
            options={COMMITMENTS.map((v) => ({ value: v, label: t(`synergies.commitment.${v}`) }))}
            onChange={(v) => update({ commitment: v as Synergy['commitment'] })}
          />
          <SelectInput
            variant="cell"
            ariaLabel={label(t('synergies.status'))}
            value={s.status}
            testId={`synergy-status-${s.id}`}
            readOnly={readOnly}
            options={SYNERGY_STATUSES.map((v) => ({
              value: v,
              label: t(`synergies.status.${v}`, { pct: shareToPercentString(STATUS_CONFIDENCE[v], locale) }),
            }))}
            onChange={(v) => update({ status: v as Synergy['status'] })}
          />
          <label className="param">
            <span className="param-label">{t('synergies.confidence')}</span>
            <TextInput
              variant="cell"
              numeric
              ariaLabel={label(t('synergies.confidence'))}
              value={s.confidence === null ? '' : shareToPercentString(s.confidence, locale)}
              placeholder={t('synergies.confidenceDefault', {
                pct: shareToPercentString(STATUS_CONFIDENCE[s.status], locale),
              })}
              title={t('synergies.confidenceHint')}
              testId={`synergy-confidence-${s.id}`}
              readOnly={readOnly}
              commit={(text): CommitResult => {
                if (text.trim() === '') {
                  if (s.confidence !== null) update({ confidence: null });
                  return { ok: true };
                }
                const r = parsePercent(text, locale);
                if (!r.ok) return { ok: false, message: errorText(locale, r.code, r.params) };
                if (r.value !== s.confidence) update({ confidence: r.value });
                return { ok: true };
              }}
            />
            <span className="suffix" aria-hidden="true">
              %
            </span>
            <OverrideMark kind="synergy" id={s.id} field="confidence" />
          </label>
          <OverrideMark kind="synergy" id={s.id} field="effect" />
        </div>
      </td>
      <td className="num" data-testid={`synergy-covered-${s.id}`} data-minor={o?.coveredTotal ?? 0}>
        <strong>{formatMinor(o?.coveredTotal ?? 0, cur, locale)}</strong>
        {o && o.leveraged > 0 && (
          <span className="hint">{t('synergies.leveraged', { amount: formatMinor(o.leveraged, cur, locale) })}</span>
        )}
        {o && e.type === 'referral' && (
          <span className="hint" data-testid={`synergy-referrals-${s.id}`}>
            {t('synergies.referrals', {
              referred: formatDecimal(String(o.referred), locale),
              taken: formatDecimal(String(o.takenUp), locale),
            })}
          </span>
        )}
        {o && o.addedBeneficiaries > 0 && (
          <span className="hint">
            {t('synergies.addedBeneficiaries', { n: formatDecimal(String(o.addedBeneficiaries), locale) })}
          </span>
        )}
      </td>
      <RowActions
        ns="synergies"
        testPrefix="synergy"
        id={s.id}
        name={s.name}
        index={props.index}
        count={props.count}
        readOnly={readOnly}
        onMove={props.onMove}
        onDelete={props.onDelete}
      />
    </tr>
  );
}

/** The typed parameters of a synergy's effect, with the choices some types have. */
function EffectFields(props: {
  synergy: Synergy;
  readOnly: boolean;
  currency: string;
  label: (field: string) => string;
  onEffect: (e: SynergyEffect) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const { synergy: s, readOnly, currency } = props;
  const e = s.effect;
  return (
    <div className="params">
      {e.type === 'coFinancing' && (
        <SelectInput
          variant="cell"
          ariaLabel={props.label(t('synergies.param.basis'))}
          value={e.basis}
          testId={`synergy-basis-${s.id}`}
          readOnly={readOnly}
          options={(['share', 'amount'] as const).map((v) => ({ value: v, label: t(`synergies.basis.${v}`) }))}
          onChange={(v) => props.onEffect({ ...e, basis: v as 'share' | 'amount' })}
        />
      )}
      {e.type === 'matching' && (
        <SelectInput
          variant="cell"
          ariaLabel={props.label(t('synergies.param.mode'))}
          value={e.mode}
          testId={`synergy-mode-${s.id}`}
          readOnly={readOnly}
          options={(['share', 'leverage'] as const).map((v) => ({ value: v, label: t(`synergies.mode.${v}`) }))}
          onChange={(v) => props.onEffect({ ...e, mode: v as 'share' | 'leverage' })}
        />
      )}
      {paramFields(e).map((f) => (
        <label className="param" key={f}>
          <span className="param-label">{t(`synergies.param.${f}`, { currency })}</span>
          <TextInput
            variant="cell"
            numeric
            ariaLabel={props.label(t(`synergies.param.${f}`, { currency }))}
            value={paramText(e, f, locale, currency)}
            placeholder={isOptionalField(f) ? t('synergies.noLimit') : undefined}
            title={t(`synergies.hint.${f}`)}
            testId={`synergy-${f}-${s.id}`}
            readOnly={readOnly}
            commit={(text): CommitResult => {
              const r = parseParam(e, f, text, locale, currency);
              if (!r.ok) return { ok: false, message: errorText(locale, r.code, r.params) };
              if (JSON.stringify(r.effect) !== JSON.stringify(e)) props.onEffect(r.effect);
              return { ok: true };
            }}
          />
          {(isPercentField(f) || isMoneyField(f)) && (
            <span className="suffix" aria-hidden="true">
              {isPercentField(f) ? '%' : currency}
            </span>
          )}
        </label>
      ))}
    </div>
  );
}

/** Which lines a synergy acts on (and, for a public service, which profiles), ticked in a dialog. */
function TargetsDialog(props: {
  synergy: Synergy;
  onClose: () => void;
  onSave: (patch: Pick<SynergyFields, 'lineIds' | 'profileIds'>) => void;
}) {
  const t = useT();
  const model = useModel();
  const [lines, setLines] = useState(() => new Set(props.synergy.lineIds));
  const [profiles, setProfiles] = useState(() => new Set(props.synergy.profileIds));
  if (!model) return null;
  const toggle = (set: Set<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };
  return (
    <Dialog
      open
      wide
      title={t('synergies.targetsTitle', { name: props.synergy.name })}
      onClose={props.onClose}
      testId="synergy-targets-dialog"
    >
      <div className="targets">
        {LEVELS.map((level) => {
          const levelLines = linesOfLevel(model, level);
          if (levelLines.length === 0) return null;
          return (
            <fieldset key={level} className="targets-level">
              <legend>{t(`level.${level}`)}</legend>
              {levelLines.map((l) => (
                <label key={l.id} className="check">
                  <input
                    type="checkbox"
                    checked={lines.has(l.id)}
                    data-testid={`target-line-${l.id}`}
                    onChange={(ev) => setLines((cur) => toggle(cur, l.id, ev.target.checked))}
                  />{' '}
                  {l.name || t('line.unnamed')}
                </label>
              ))}
            </fieldset>
          );
        })}
        {props.synergy.effect.type === 'publicService' && (
          <fieldset className="targets-level">
            <legend>{t('synergies.targetProfiles')}</legend>
            <p className="hint">{t('synergies.targetProfilesHint')}</p>
            {byPosition(model.profiles).map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  checked={profiles.has(p.id)}
                  data-testid={`target-profile-${p.id}`}
                  onChange={(ev) => setProfiles((cur) => toggle(cur, p.id, ev.target.checked))}
                />{' '}
                {p.name}
              </label>
            ))}
          </fieldset>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-autofocus
          data-testid="synergy-targets-save"
          onClick={() => {
            // In the model's order, so that the same choice is the same list.
            const lineIds = model.lines.filter((l) => lines.has(l.id)).map((l) => l.id);
            const profileIds = byPosition(model.profiles)
              .filter((p) => profiles.has(p.id))
              .map((p) => p.id);
            props.onSave({ lineIds, profileIds });
            props.onClose();
          }}
        >
          {t('common.save')}
        </button>
      </div>
    </Dialog>
  );
}
