/**
 * Caseload: returnee profiles (add by kind with the sources' defaults, edit, reorder, delete),
 * the sources the durations come from, and the arrivals and active cases per month.
 */
import { useMemo, useState } from 'react';
import type { Command } from '../../../src-shared/api';
import {
  citationText,
  FOLLOW_UP_MONTHS,
  MIN_DURATION,
  defaultProfileFields,
  PROFILE_KINDS,
  type ProfileKind,
  type SourcedMonths,
} from '../../../src-shared/model';
import { sendCreating } from '../../document/documentStore';
import { byPosition } from '../../document/order';
import { useDocStore, useLocale, useModel, useReadOnly, useResult, useT } from '../../document/react';
import { useUi } from '../../document/ui';
import { combo, ConfirmDeleteDialog, RowTable } from '../../shared/common';
import { profileFocusId } from '../../shared/findings';
import { CaseloadCharts } from './CaseloadCharts';
import { MonthlyDialog } from './MonthlyDialog';
import { ProfileRow } from './ProfileRow';

const PROFILE_COLUMNS = [
  'name',
  'kind',
  'unit',
  'personsPerUnit',
  'arrivals',
  'pattern',
  'arrivalStart',
  'arrivalEnd',
  'durationMonths',
  'persons',
  'actions',
] as const;

const NUMERIC_COLUMNS: ReadonlySet<string> = new Set([
  'personsPerUnit',
  'arrivals',
  'arrivalStart',
  'arrivalEnd',
  'durationMonths',
  'persons',
]);

export function CaseloadScreen() {
  const t = useT();
  return (
    <div className="screen caseload-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('caseload.heading')}</h1>
        <p className="screen-intro">{t('caseload.intro')}</p>
      </div>
      <Sources />
      <ProfilesCard />
      <CaseloadCharts />
    </div>
  );
}

function Sources() {
  const t = useT();
  const locale = useLocale();
  // The documents by title and line, in the user's language.
  const cited = (s: SourcedMonths | undefined): string => (s ? citationText(s.cite, locale) : '');
  return (
    <aside className="card sources" aria-labelledby="sources-h" data-testid="caseload-sources">
      <h2 id="sources-h" className="card-title">
        {t('caseload.sources')}
      </h2>
      <ul>
        <li>{t('caseload.source.child', { source: cited(MIN_DURATION.child) })}</li>
        <li>{t('caseload.source.trafficking', { source: cited(MIN_DURATION.trafficking) })}</li>
        <li>{t('caseload.source.followUp', { source: cited(FOLLOW_UP_MONTHS) })}</li>
      </ul>
    </aside>
  );
}

function ProfilesCard() {
  const t = useT();
  const store = useDocStore();
  const readOnly = useReadOnly();
  const model = useModel();
  const result = useResult();
  const goTo = useUi((s) => s.goTo);
  const [kind, setKind] = useState<ProfileKind>('adult');
  const [monthlyOf, setMonthlyOf] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const profiles = useMemo(() => (model ? byPosition(model.profiles) : []), [model]);
  const series = useMemo(() => new Map((result?.caseload.profiles ?? []).map((p) => [p.profileId, p])), [result]);
  if (!model) return null;
  const send = (command: Command) => void store.getState().command(command);

  function add() {
    if (!model) return;
    const base = t(`profile.kind.${kind}`);
    const names = new Set(model.profiles.map((p) => p.name));
    let name = base;
    for (let i = 2; names.has(name); i++) name = `${base} ${i}`;
    const created = sendCreating(store, {
      type: 'profile.add',
      fields: defaultProfileFields(kind, name, model.programme.durationMonths),
    });
    if (created) goTo('caseload', profileFocusId(created), false);
  }

  const monthlyProfile = profiles.find((p) => p.id === monthlyOf) ?? null;
  const deletingProfile = profiles.find((p) => p.id === deleting) ?? null;

  return (
    <section className="card" aria-labelledby="profiles-h" data-testid="profiles">
      <h2 id="profiles-h" className="card-title">
        {t('caseload.profiles')}
      </h2>
      <RowTable
        rowCount={profiles.length}
        empty={{ text: t('caseload.empty'), testId: 'profiles-empty' }}
        className="profiles-table"
        ariaLabel={t('caseload.table')}
        colPrefix="pw"
        columns={PROFILE_COLUMNS.map((c) => ({
          key: c,
          label: t(`profile.col.${c}`),
          num: NUMERIC_COLUMNS.has(c),
          hidden: c === 'actions',
        }))}
      >
        {profiles.map((p, i) => (
          <ProfileRow
            key={p.id}
            profile={p}
            index={i}
            count={profiles.length}
            series={series.get(p.id) ?? null}
            readOnly={readOnly}
            send={send}
            onEditMonthly={() => setMonthlyOf(p.id)}
            onDelete={() => setDeleting(p.id)}
          />
        ))}
      </RowTable>
      {!readOnly && (
        <div className="add-row">
          <div className="field">
            <label htmlFor="profile-add-kind" className="field-label">
              {t('profile.addKind')}
            </label>
            <select
              id="profile-add-kind"
              className="input"
              value={kind}
              data-testid="profile-add-kind"
              onChange={(e) => setKind(e.target.value as ProfileKind)}
            >
              {PROFILE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`profile.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="btn btn-primary" data-testid="profile-add" onClick={add}>
            + {t('profile.add')}
          </button>
        </div>
      )}
      {monthlyProfile && (
        <MonthlyDialog
          profile={monthlyProfile}
          onSave={(monthly) =>
            send({ type: 'profile.update', id: monthlyProfile.id, patch: { pattern: 'explicit', monthly } })
          }
          onClose={() => setMonthlyOf(null)}
        />
      )}
      {deletingProfile && (
        <ConfirmDeleteDialog
          title={t('profile.deleteTitle')}
          body={t('profile.deleteBody', { name: deletingProfile.name, shortcut: combo(['Mod', 'Z']) })}
          testId="confirm-delete-profile"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            setDeleting(null);
            send({ type: 'profile.delete', id: deletingProfile.id });
          }}
        />
      )}
    </section>
  );
}
