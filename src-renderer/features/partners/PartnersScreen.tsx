/**
 * Partners & synergies (DESIGN §5): the partner programmes the programme works with, the synergies
 * agreed or hoped for with each, and what they are worth: covered by partners, net to the
 * programme (what the donor is asked for), expected and worst case, and what each partner's
 * drop-out would cost. The numbers come from the engine's synergies phase
 * (src-shared/engine/synergies.ts, where each type's semantics are written).
 */
import { useMemo, useState } from 'react';
import type { Command } from '../../../src-shared/api';
import { formatMinor } from '../../../src-shared/money';
import {
  defaultPartnerFields,
  defaultSynergyFields,
  monthLabel,
  type Partner,
  type PartnerFields,
  PARTNER_TYPES,
  type Synergy,
  SYNERGY_TYPES,
  type SynergyType,
} from '../../../src-shared/model';
import { sendCreating } from '../../document/documentStore';
import { byPosition } from '../../document/order';
import { useDocStore, useLocale, useModel, useReadOnly, useResult, useT } from '../../document/react';
import { useUi } from '../../document/ui';
import { errorText } from '../../i18n';
import { combo, ConfirmDeleteDialog, RowActions, RowTable, highlightProps } from '../../shared/common';
import { partnerFocusId, synergyFocusId } from '../../shared/findings';
import { type CommitResult, SelectInput, TextInput, textCommit } from '../../shared/inputs';
import { SynergyRow } from './SynergyRow';
import { SynergySummary } from './SynergySummary';

export function PartnersScreen() {
  const t = useT();
  const store = useDocStore();
  const readOnly = useReadOnly();
  const model = useModel();
  const goTo = useUi((s) => s.goTo);
  const [deleting, setDeleting] = useState<{ kind: 'partner' | 'synergy'; id: string } | null>(null);
  const partners = useMemo(() => (model ? byPosition(model.partners) : []), [model]);
  const synergies = useMemo(() => (model ? byPosition(model.synergies) : []), [model]);
  if (!model) return null;
  const send = (command: Command) => void store.getState().command(command);
  const { startMonth, durationMonths } = model.programme;

  function addPartner() {
    const fields = defaultPartnerFields(t('partners.newName'), startMonth, monthLabel(startMonth, durationMonths));
    const created = sendCreating(store, { type: 'partner.add', fields });
    if (created) goTo('partners', partnerFocusId(created), false);
  }

  const deletingRow =
    deleting?.kind === 'partner'
      ? partners.find((p) => p.id === deleting.id)
      : synergies.find((s) => s.id === deleting?.id);

  return (
    <div className="screen partners-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('partners.heading')}</h1>
        <p className="screen-intro">{t('partners.intro')}</p>
      </div>
      {synergies.length > 0 && <SynergySummary partners={partners} />}
      <section className="card" aria-labelledby="partners-h" data-testid="partners">
        <h2 id="partners-h" className="card-title">
          {t('partners.table')}
        </h2>
        <RowTable
          rowCount={partners.length}
          empty={{ text: t('partners.empty'), testId: 'partners-empty' }}
          className="partners-table"
          ariaLabel={t('partners.table')}
          colPrefix="paw"
          columns={[
            { key: 'name', label: t('partners.col.name') },
            { key: 'organisation', label: t('partners.col.organisation') },
            { key: 'type', label: t('partners.col.type') },
            { key: 'startMonth', label: t('partners.col.startMonth') },
            { key: 'endMonth', label: t('partners.col.endMonth') },
            { key: 'actions', label: t('partners.col.actions'), hidden: true },
          ]}
        >
          {partners.map((p, i) => (
            <PartnerRow
              key={p.id}
              partner={p}
              index={i}
              count={partners.length}
              readOnly={readOnly}
              send={send}
              onDelete={() => setDeleting({ kind: 'partner', id: p.id })}
            />
          ))}
        </RowTable>
        {!readOnly && (
          <div className="add-row">
            <button type="button" className="btn btn-primary" data-testid="partner-add" onClick={addPartner}>
              + {t('partners.add')}
            </button>
          </div>
        )}
      </section>
      {partners.map((p) => (
        <PartnerSynergies
          key={p.id}
          partner={p}
          synergies={synergies.filter((s) => s.partnerId === p.id)}
          all={synergies}
          readOnly={readOnly}
          send={send}
          onDelete={(id) => setDeleting({ kind: 'synergy', id })}
        />
      ))}
      {deleting && deletingRow && (
        <ConfirmDeleteDialog
          title={t(deleting.kind === 'partner' ? 'partners.deleteTitle' : 'synergies.deleteTitle')}
          body={t(deleting.kind === 'partner' ? 'partners.deleteBody' : 'synergies.deleteBody', {
            name: deletingRow.name,
            shortcut: combo(['Mod', 'Z']),
          })}
          testId="confirm-delete-partner"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            setDeleting(null);
            send({ type: deleting.kind === 'partner' ? 'partner.delete' : 'synergy.delete', id: deleting.id });
          }}
        />
      )}
    </div>
  );
}

function PartnerRow(props: {
  partner: Partner;
  index: number;
  count: number;
  readOnly: boolean;
  send: (command: Command) => void;
  onDelete: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const { partner: p, readOnly } = props;
  const focusId = partnerFocusId(p.id);
  const highlighted = useUi((s) => s.highlight === focusId);
  const update = (patch: Partial<PartnerFields>) => props.send({ type: 'partner.update', id: p.id, patch });
  const label = (field: 'name' | 'organisation' | 'type' | 'startMonth' | 'endMonth') =>
    t('partners.fieldLabel', { field: t(`partners.col.${field}`), name: p.name });
  const text = (field: 'name' | 'organisation', required: boolean) =>
    textCommit(locale, p[field], (v) => update({ [field]: v }), required);
  const month =
    (field: 'startMonth' | 'endMonth') =>
    (value: string): CommitResult => {
      const v = value.trim();
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) return { ok: false, message: errorText(locale, 'month.invalid') };
      const next = { ...p, [field]: v };
      if (next.endMonth < next.startMonth) return { ok: false, message: errorText(locale, 'window.endBeforeStart') };
      if (v !== p[field]) update({ [field]: v });
      return { ok: true };
    };
  return (
    <tr data-testid={`partner-row-${p.id}`} {...highlightProps(highlighted)}>
      <td>
        <TextInput
          variant="cell"
          ariaLabel={label('name')}
          value={p.name}
          testId={`partner-name-${p.id}`}
          focusId={focusId}
          readOnly={readOnly}
          commit={text('name', true)}
        />
      </td>
      <td>
        <TextInput
          variant="cell"
          ariaLabel={label('organisation')}
          value={p.organisation}
          testId={`partner-organisation-${p.id}`}
          readOnly={readOnly}
          commit={text('organisation', false)}
        />
      </td>
      <td>
        <SelectInput
          variant="cell"
          ariaLabel={label('type')}
          value={p.type}
          testId={`partner-type-${p.id}`}
          readOnly={readOnly}
          options={PARTNER_TYPES.map((v) => ({ value: v, label: t(`partners.type.${v}`) }))}
          onChange={(v) => update({ type: v as Partner['type'] })}
        />
      </td>
      {(['startMonth', 'endMonth'] as const).map((field) => (
        <td key={field}>
          <TextInput
            variant="cell"
            numeric
            ariaLabel={label(field)}
            value={p[field]}
            title={t('partners.monthHint')}
            testId={`partner-${field}-${p.id}`}
            readOnly={readOnly}
            commit={month(field)}
          />
        </td>
      ))}
      <RowActions
        ns="partners"
        testPrefix="partner"
        id={p.id}
        name={p.name}
        index={props.index}
        count={props.count}
        readOnly={readOnly}
        onMove={(index) => props.send({ type: 'partner.move', id: p.id, index })}
        onDelete={props.onDelete}
      />
    </tr>
  );
}

/** One partner's synergies: a table of them, and a way to add one of any type. */
function PartnerSynergies(props: {
  partner: Partner;
  synergies: Synergy[];
  all: Synergy[];
  readOnly: boolean;
  send: (command: Command) => void;
  onDelete: (id: string) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const model = useModel();
  const result = useResult();
  const goTo = useUi((s) => s.goTo);
  const [type, setType] = useState<SynergyType>('referral');
  const { partner: p } = props;
  if (!model) return null;
  const cur = model.programme.reportingCurrency;
  const outcome = new Map((result?.synergies.synergies ?? []).map((o) => [o.synergyId, o]));
  const covered = props.synergies.reduce((s, x) => s + (outcome.get(x.id)?.coveredTotal ?? 0), 0);

  function add() {
    const fields = defaultSynergyFields(type, p.id, t(`synergies.type.${type}`), model?.programme.durationMonths ?? 1);
    const created = sendCreating(store, { type: 'synergy.add', fields });
    if (created) goTo('partners', synergyFocusId(created), false);
  }

  return (
    <section className="card" aria-labelledby={`synergies-h-${p.id}`} data-testid={`synergies-${p.id}`}>
      <div className="card-head">
        <h2 id={`synergies-h-${p.id}`} className="card-title">
          {t('synergies.heading', { name: p.name })}
        </h2>
        <span className="muted" data-testid={`partner-covered-${p.id}`} data-minor={covered}>
          {t('synergies.partnerCovered', { amount: `${formatMinor(covered, cur, locale)} ${cur}` })}
        </span>
      </div>
      <RowTable
        rowCount={props.synergies.length}
        empty={{ text: t('synergies.empty'), testId: `synergies-empty-${p.id}` }}
        className="synergies-table"
        ariaLabel={t('synergies.heading', { name: p.name })}
        colPrefix="syw"
        columns={[
          { key: 'name', label: t('synergies.col.name') },
          { key: 'type', label: t('synergies.col.type') },
          { key: 'targets', label: t('synergies.col.targets') },
          { key: 'months', label: t('synergies.col.months') },
          { key: 'params', label: t('synergies.col.params') },
          { key: 'status', label: t('synergies.col.status') },
          { key: 'covered', label: t('synergies.col.covered', { currency: cur }), num: true },
          { key: 'actions', label: t('partners.col.actions'), hidden: true },
        ]}
      >
        {props.synergies.map((s, i) => (
          <SynergyRow
            key={s.id}
            synergy={s}
            index={i}
            count={props.synergies.length}
            // Up and down among this partner's synergies: to the place of the neighbour in the whole list.
            onMove={(to) => {
              const neighbour = props.synergies[to];
              if (neighbour) props.send({ type: 'synergy.move', id: s.id, index: props.all.indexOf(neighbour) });
            }}
            outcome={outcome.get(s.id) ?? null}
            readOnly={props.readOnly}
            send={props.send}
            onDelete={() => props.onDelete(s.id)}
          />
        ))}
      </RowTable>
      {!props.readOnly && (
        <div className="add-row">
          <label className="inline-field">
            <span className="sr-only">{t('synergies.newType')}</span>
            <select
              className="input"
              value={type}
              data-testid={`synergy-add-type-${p.id}`}
              onChange={(e) => setType(e.target.value as SynergyType)}
            >
              {SYNERGY_TYPES.map((v) => (
                <option key={v} value={v}>
                  {t(`synergies.type.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-primary" data-testid={`synergy-add-${p.id}`} onClick={add}>
            + {t('synergies.add')}
          </button>
        </div>
      )}
    </section>
  );
}
