/** One returnee profile in the caseload table. */
import type { Command } from '../../../src-shared/api';
import type { CaseloadSeries } from '../../../src-shared/engine';
import { formatDecimal } from '../../../src-shared/money';
import {
  ARRIVAL_PATTERNS,
  citationText,
  type ArrivalPattern,
  type Profile,
  PROFILE_KINDS,
  type ProfileKind,
} from '../../../src-shared/model';
import { useLocale, useModelPart, useT } from '../../document/react';
import { useUi } from '../../document/ui';
import { errorText } from '../../i18n';
import { RowActions, highlightProps } from '../../shared/common';
import { profileFocusId } from '../../shared/findings';
import { type CommitResult, SelectInput, TextInput } from '../../shared/inputs';
import {
  kindPatch,
  minDuration,
  parseProfileField,
  patternPatch,
  profileFieldText,
  type ProfileTextField,
} from './profiles';
import { OverrideMark } from '../../shared/OverrideMark';

type Column = ProfileTextField | 'kind' | 'unit' | 'pattern';

export function ProfileRow(props: {
  profile: Profile;
  index: number;
  count: number;
  series: CaseloadSeries | null;
  readOnly: boolean;
  send: (command: Command) => void;
  onEditMonthly: () => void;
  onDelete: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const { profile: p, readOnly } = props;
  const programme = useModelPart((m) => m?.programme ?? null);
  const focusId = profileFocusId(p.id);
  const highlighted = useUi((s) => s.highlight === focusId);
  if (!programme) return null;
  const name = p.name;
  const update = (patch: Partial<Profile>) => {
    if (Object.keys(patch).length > 0) props.send({ type: 'profile.update', id: p.id, patch });
  };
  const label = (field: Column) => t('profile.fieldLabel', { field: t(`profile.col.${field}`), name });
  const commit =
    (field: ProfileTextField) =>
    (text: string): CommitResult => {
      const r = parseProfileField(p, field, text, locale, programme);
      if (!r.ok) return { ok: false, message: errorText(locale, r.code, r.params ?? {}, r.context) };
      update(r.value);
      return { ok: true };
    };
  const text = (field: ProfileTextField) => profileFieldText(p, field, locale);
  const explicit = p.pattern === 'explicit';
  const min = minDuration(p.kind);
  const belowMin = min !== null && p.durationMonths < min.months;
  const persons = props.series?.persons ?? null;
  const explicitTotal = p.monthly.reduce((s, n) => s + n, 0);

  return (
    <tr data-testid={`profile-row-${p.id}`} {...highlightProps(highlighted)}>
      <td>
        <TextInput
          variant="cell"
          ariaLabel={label('name')}
          value={text('name')}
          commit={commit('name')}
          testId={`profile-name-${p.id}`}
          title={p.name}
          focusId={focusId}
          readOnly={readOnly}
        />
      </td>
      <td>
        <SelectInput
          variant="cell"
          ariaLabel={label('kind')}
          value={p.kind}
          testId={`profile-kind-${p.id}`}
          readOnly={readOnly}
          options={PROFILE_KINDS.map((k) => ({ value: k, label: t(`profile.kind.${k}`) }))}
          onChange={(v) => update(kindPatch(p, v as ProfileKind, programme.durationMonths))}
        />
      </td>
      <td>
        <SelectInput
          variant="cell"
          ariaLabel={label('unit')}
          value={p.unit}
          testId={`profile-unit-${p.id}`}
          readOnly={readOnly}
          options={(['person', 'household'] as const).map((u) => ({ value: u, label: t(`profile.unit.${u}`) }))}
          onChange={(v) => update({ unit: v as Profile['unit'] })}
        />
      </td>
      <td className="num">
        <TextInput
          variant="cell"
          numeric
          ariaLabel={label('personsPerUnit')}
          value={text('personsPerUnit')}
          commit={commit('personsPerUnit')}
          testId={`profile-personsPerUnit-${p.id}`}
          readOnly={readOnly}
        />
      </td>
      <td className="num">
        {explicit ? (
          <span
            className="cell-plain muted"
            title={t('profile.explicitHint')}
            data-testid={`profile-arrivals-${p.id}`}
            data-explicit="true"
          >
            {formatDecimal(String(explicitTotal), locale)}
          </span>
        ) : (
          <TextInput
            variant="cell"
            numeric
            ariaLabel={label('arrivals')}
            value={text('arrivals')}
            commit={commit('arrivals')}
            testId={`profile-arrivals-${p.id}`}
            readOnly={readOnly}
          />
        )}
        <OverrideMark kind="profile" id={p.id} field={explicit ? 'monthly' : 'arrivals'} />
      </td>
      <td>
        <div className="pattern-cell">
          <SelectInput
            variant="cell"
            ariaLabel={label('pattern')}
            value={p.pattern}
            testId={`profile-pattern-${p.id}`}
            readOnly={readOnly}
            options={ARRIVAL_PATTERNS.map((k) => ({ value: k, label: t(`profile.pattern.${k}`) }))}
            onChange={(v) => update(patternPatch(p, v as ArrivalPattern, props.series?.arrivals ?? null))}
          />
          <button
            type="button"
            className="btn btn-small"
            aria-label={t('profile.editMonthsLabel', { name })}
            title={t('profile.editMonthsLabel', { name })}
            data-testid={`profile-monthly-${p.id}`}
            onClick={props.onEditMonthly}
          >
            {t('profile.editMonths')}
          </button>
        </div>
      </td>
      <td className="num">
        <TextInput
          variant="cell"
          numeric
          ariaLabel={label('arrivalStart')}
          value={text('arrivalStart')}
          commit={commit('arrivalStart')}
          testId={`profile-arrivalStart-${p.id}`}
          readOnly={readOnly || explicit}
          title={explicit ? t('profile.explicitHint') : undefined}
        />
      </td>
      <td className="num">
        <TextInput
          variant="cell"
          numeric
          ariaLabel={label('arrivalEnd')}
          value={text('arrivalEnd')}
          commit={commit('arrivalEnd')}
          testId={`profile-arrivalEnd-${p.id}`}
          readOnly={readOnly || explicit}
          title={explicit ? t('profile.explicitHint') : undefined}
        />
      </td>
      <td className="num">
        <div className="duration-cell">
          <TextInput
            variant="cell"
            numeric
            ariaLabel={label('durationMonths')}
            value={text('durationMonths')}
            commit={commit('durationMonths')}
            testId={`profile-durationMonths-${p.id}`}
            readOnly={readOnly}
            title={min ? t('profile.minHint', { min: min.months, source: citationText(min.cite, locale) }) : undefined}
            describedBy={belowMin ? `profile-min-${p.id}` : undefined}
          />
          {belowMin && min && (
            <span
              id={`profile-min-${p.id}`}
              className="warn-badge"
              role="img"
              aria-label={t('profile.belowMin', { min: min.months, source: citationText(min.cite, locale) })}
              title={t('profile.belowMin', { min: min.months, source: citationText(min.cite, locale) })}
              data-testid={`profile-below-min-${p.id}`}
            >
              ⚠ ≥ {min.months}
            </span>
          )}
          <OverrideMark kind="profile" id={p.id} field="durationMonths" />
        </div>
      </td>
      <td className="num muted" data-testid={`profile-persons-${p.id}`}>
        {persons === null ? '…' : formatDecimal(String(Math.round(persons)), locale)}
      </td>
      <RowActions
        ns="profile"
        testPrefix="profile"
        id={p.id}
        name={name}
        index={props.index}
        count={props.count}
        readOnly={readOnly}
        onMove={(index) => props.send({ type: 'profile.move', id: p.id, index })}
        onDelete={props.onDelete}
      />
    </tr>
  );
}
