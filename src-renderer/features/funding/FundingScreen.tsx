/**
 * Funding sources: add, edit, reorder, delete (main refuses to delete a source a line's split
 * names, and says which); what each is asked for (the engine's byFunder, indirect costs and
 * contingency included) against its ceiling.
 */
import { useMemo, useState } from 'react';
import type { Command } from '../../../src-shared/api';
import { formatMinor, formatPercent, parseMoney } from '../../../src-shared/money';
import { type Funder, FUNDER_STATUSES, FUNDER_TYPES, type FunderFields } from '../../../src-shared/model';
import { sendCreating } from '../../document/documentStore';
import { byPosition, mainDonor } from '../../document/order';
import { useDocStore, useLocale, useModel, useModelPart, useReadOnly, useResult, useT } from '../../document/react';
import { useUi } from '../../document/ui';
import { errorText } from '../../i18n';
import { combo, ConfirmDeleteDialog, RowActions, RowTable, highlightProps } from '../../shared/common';
import { funderFocusId } from '../../shared/findings';
import { type CommitResult, SelectInput, TextInput, textCommit } from '../../shared/inputs';

export function FundingScreen() {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const readOnly = useReadOnly();
  const model = useModel();
  const result = useResult();
  const goTo = useUi((s) => s.goTo);
  const [deleting, setDeleting] = useState<string | null>(null);
  const funders = useMemo(() => (model ? byPosition(model.funders) : []), [model]);
  if (!model) return null;
  const cur = model.programme.reportingCurrency;
  const send = (command: Command) => void store.getState().command(command);
  const main = mainDonor(funders);
  const byFunder = result?.byFunder ?? {};
  const unassigned = byFunder[''] ?? 0;
  const total = result?.totals.total ?? 0;

  function add() {
    if (!model) return;
    const fields: FunderFields = {
      name: t('funders.newName'),
      type: main ? 'coFinancier' : 'donor',
      status: 'confirmed',
      ceiling: null,
      conditionalOnMatch: false,
    };
    const created = sendCreating(store, { type: 'funder.add', fields });
    if (created) goTo('funding', funderFocusId(created), false);
  }

  const deletingFunder = funders.find((f) => f.id === deleting) ?? null;

  return (
    <div className="screen funding-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('funders.heading')}</h1>
        <p className="screen-intro">{t('funders.intro')}</p>
      </div>
      <section className="card" aria-labelledby="funders-h" data-testid="funders">
        <h2 id="funders-h" className="card-title">
          {t('funders.table')}
        </h2>
        <RowTable
          rowCount={funders.length}
          empty={{ text: t('funders.empty'), testId: 'funders-empty' }}
          className="funders-table"
          ariaLabel={t('funders.table')}
          colPrefix="fw"
          columns={[
            { key: 'name', label: t('funders.col.name') },
            { key: 'type', label: t('funders.col.type') },
            { key: 'status', label: t('funders.col.status') },
            { key: 'ceiling', label: t('funders.col.ceiling', { currency: cur }), num: true },
            { key: 'total', label: t('funders.col.total', { currency: cur }), num: true },
            { key: 'use', label: t('funders.col.use') },
            { key: 'actions', label: t('funders.col.actions'), hidden: true },
          ]}
          foot={
            <tfoot>
              {unassigned !== 0 && (
                <tr data-testid="funders-unassigned">
                  <th scope="row" colSpan={4}>
                    {t('funders.unassigned')} <span className="hint">{t('funders.unassignedHint')}</span>
                  </th>
                  <td className="num" data-minor={unassigned}>
                    {formatMinor(unassigned, cur, locale)}
                  </td>
                  <td colSpan={2} />
                </tr>
              )}
              <tr className="total">
                <th scope="row" colSpan={4}>
                  {t('funders.total')}
                </th>
                <td className="num" data-testid="funders-total" data-minor={total}>
                  {formatMinor(total, cur, locale)}
                </td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          }
        >
          {funders.map((f, i) => (
            <FunderRow
              key={f.id}
              funder={f}
              index={i}
              count={funders.length}
              isMain={main?.id === f.id}
              amount={byFunder[f.id] ?? 0}
              readOnly={readOnly}
              send={send}
              onDelete={() => setDeleting(f.id)}
            />
          ))}
        </RowTable>
        {!readOnly && (
          <div className="add-row">
            <button type="button" className="btn btn-primary" data-testid="funder-add" onClick={add}>
              + {t('funders.add')}
            </button>
          </div>
        )}
      </section>
      {deletingFunder && (
        <ConfirmDeleteDialog
          title={t('funders.deleteTitle')}
          body={t('funders.deleteBody', { name: deletingFunder.name, shortcut: combo(['Mod', 'Z']) })}
          testId="confirm-delete-funder"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            setDeleting(null);
            send({ type: 'funder.delete', id: deletingFunder.id });
          }}
        />
      )}
    </div>
  );
}

function FunderRow(props: {
  funder: Funder;
  index: number;
  count: number;
  isMain: boolean;
  amount: number;
  readOnly: boolean;
  send: (command: Command) => void;
  onDelete: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const cur = useModelPart((m) => m?.programme.reportingCurrency ?? 'EUR');
  const { funder: f, readOnly } = props;
  const focusId = funderFocusId(f.id);
  const highlighted = useUi((s) => s.highlight === focusId);
  const name = f.name;
  const update = (patch: Partial<FunderFields>) => props.send({ type: 'funder.update', id: f.id, patch });
  const label = (field: 'name' | 'type' | 'status' | 'ceiling') =>
    t('funders.fieldLabel', { field: t(`funders.col.${field}`, { currency: cur }), name });
  const over = f.ceiling !== null && props.amount > f.ceiling;
  const use = f.ceiling !== null && f.ceiling > 0 ? props.amount / f.ceiling : null;

  return (
    <tr data-testid={`funder-row-${f.id}`} {...highlightProps(highlighted)}>
      <td>
        <div className="name-cell">
          <TextInput
            variant="cell"
            ariaLabel={label('name')}
            value={f.name}
            testId={`funder-name-${f.id}`}
            title={f.name}
            focusId={focusId}
            readOnly={readOnly}
            commit={textCommit(locale, f.name, (name) => update({ name }))}
          />
          {props.isMain && (
            <span className="badge badge-main" data-testid={`funder-main-${f.id}`}>
              {t('funders.main')}
            </span>
          )}
        </div>
        <label className="check" title={t('funders.conditionalOnMatchHint')}>
          <input
            type="checkbox"
            checked={f.conditionalOnMatch}
            disabled={readOnly}
            data-testid={`funder-conditionalOnMatch-${f.id}`}
            onChange={(e) => update({ conditionalOnMatch: e.target.checked })}
          />
          {t('funders.conditionalOnMatch')}
        </label>
      </td>
      <td>
        <SelectInput
          variant="cell"
          ariaLabel={label('type')}
          value={f.type}
          testId={`funder-type-${f.id}`}
          readOnly={readOnly}
          options={FUNDER_TYPES.map((v) => ({ value: v, label: t(`funders.type.${v}`) }))}
          onChange={(v) => update({ type: v as Funder['type'] })}
        />
      </td>
      <td>
        <SelectInput
          variant="cell"
          ariaLabel={label('status')}
          value={f.status}
          testId={`funder-status-${f.id}`}
          readOnly={readOnly}
          options={FUNDER_STATUSES.map((v) => ({ value: v, label: t(`funders.status.${v}`) }))}
          onChange={(v) => update({ status: v as Funder['status'] })}
        />
      </td>
      <td className="num">
        <TextInput
          variant="cell"
          numeric
          ariaLabel={label('ceiling')}
          value={f.ceiling === null ? '' : formatMinor(f.ceiling, cur, locale)}
          placeholder={t('funders.noCeiling')}
          title={t('funders.ceilingHint')}
          testId={`funder-ceiling-${f.id}`}
          readOnly={readOnly}
          commit={(text): CommitResult => {
            if (text.trim() === '') {
              if (f.ceiling !== null) update({ ceiling: null });
              return { ok: true };
            }
            const r = parseMoney(text, locale, cur);
            if (!r.ok) {
              return { ok: false, message: errorText(locale, r.code, r.params) };
            }
            if (r.value !== f.ceiling) update({ ceiling: r.value });
            return { ok: true };
          }}
        />
      </td>
      <td className="num strong" data-testid={`funder-total-${f.id}`} data-minor={props.amount}>
        {formatMinor(props.amount, cur, locale)}
      </td>
      <td>
        {use === null ? (
          <span className="muted">{f.ceiling === null ? t('funders.noCeiling') : '—'}</span>
        ) : (
          <div
            className={`use${over ? ' over' : ''}`}
            data-testid={`funder-use-${f.id}`}
            data-over={over ? 'true' : 'false'}
          >
            <span className="use-bar" aria-hidden="true">
              <span style={{ width: `${Math.min(100, use * 100).toFixed(1)}%` }} />
            </span>
            <span className="use-text">
              {over
                ? t('funders.over', { amount: `${formatMinor(props.amount - (f.ceiling ?? 0), cur, locale)} ${cur}` })
                : t('funders.useOf', { pct: formatPercent(use, locale, 0) })}
            </span>
          </div>
        )}
      </td>
      <RowActions
        ns="funders"
        testPrefix="funder"
        id={f.id}
        name={name}
        index={props.index}
        count={props.count}
        readOnly={readOnly}
        onMove={(index) => props.send({ type: 'funder.move', id: f.id, index })}
        onDelete={props.onDelete}
      />
    </tr>
  );
}
