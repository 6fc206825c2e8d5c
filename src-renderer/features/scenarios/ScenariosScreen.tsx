/**
 * Scenarios (issue 10, items 1 and 2): the programme's what-ifs, each storing only its differences
 * from the baseline. Create (blank or as a copy), rename and describe, delete, promote to baseline,
 * show one; and, for the scenario shown, every value it overrides with the baseline's beside it,
 * each taken back in one click, the lines it adds, and what it names that the baseline no longer has.
 */
import { useState } from 'react';
import { newId } from '../../../src-shared/commands';
import { overrideCount, type Scenario } from '../../../src-shared/model';
import { useActiveScenario, useBaseline, useDocStore, useLocale, useReadOnly, useT } from '../../document/react';
import { Dialog, RowTable } from '../../shared/common';
import { overrideRows } from '../../shared/overrides';
import { ScenarioDialog } from './ScenarioDialog';

type Editing =
  | { kind: 'new' }
  | { kind: 'rename'; scenario: Scenario }
  | { kind: 'copy'; scenario: Scenario }
  | { kind: 'delete'; scenario: Scenario }
  | { kind: 'promote'; scenario: Scenario };

export function ScenariosScreen() {
  const t = useT();
  const store = useDocStore();
  const baseline = useBaseline();
  const active = useActiveScenario();
  const readOnly = useReadOnly();
  const [editing, setEditing] = useState<Editing | null>(null);
  if (!baseline) return null;
  const scenarios = baseline.scenarios;
  const send = (command: Parameters<ReturnType<typeof store.getState>['command']>[0]) =>
    store.getState().command(command);
  const close = () => setEditing(null);

  return (
    <section className="screen scenarios-screen" aria-labelledby="scenarios-heading">
      <div className="screen-head">
        <h1 id="scenarios-heading">{t('scenario.heading')}</h1>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="scenarios-add"
          disabled={readOnly}
          onClick={() => setEditing({ kind: 'new' })}
        >
          {t('scenario.new')}
        </button>
      </div>
      <p className="screen-help">{t('scenario.help')}</p>

      <RowTable
        className="scenarios-table"
        ariaLabel={t('scenario.heading')}
        colPrefix="scenarios-col"
        columns={[
          { key: 'name', label: t('scenario.name') },
          { key: 'description', label: t('scenario.description') },
          { key: 'overrides', label: t('scenario.overrides'), num: true },
          { key: 'actions', label: t('scenario.actions'), hidden: true },
        ]}
        rowCount={scenarios.length}
        empty={{ text: t('scenario.empty'), testId: 'scenarios-empty' }}
      >
        <tr className={active === null ? 'active-scenario' : undefined} data-testid="scenario-row-baseline">
          <th scope="row">{t('scenario.baseline')}</th>
          <td className="muted">{t('scenario.baselineHelp')}</td>
          <td className="num">—</td>
          <td className="row-actions">
            <button
              type="button"
              className="btn btn-small"
              disabled={active === null}
              aria-pressed={active === null}
              data-testid="scenario-show-baseline"
              onClick={() => store.getState().setScenario(null)}
            >
              {active === null ? t('scenario.shown') : t('scenario.show')}
            </button>
          </td>
        </tr>
        {scenarios.map((s) => (
          <tr
            key={s.id}
            className={active?.id === s.id ? 'active-scenario' : undefined}
            data-testid={`scenario-row-${s.id}`}
          >
            <th scope="row">{s.name}</th>
            <td>{s.description}</td>
            <td className="num" data-testid={`scenario-count-${s.id}`}>
              {overrideCount(s.overlay)}
            </td>
            <td className="row-actions">
              <button
                type="button"
                className="btn btn-small"
                disabled={active?.id === s.id}
                aria-pressed={active?.id === s.id}
                data-testid={`scenario-show-${s.id}`}
                onClick={() => store.getState().setScenario(s.id)}
              >
                {active?.id === s.id ? t('scenario.shown') : t('scenario.show')}
              </button>
              {(['rename', 'copy', 'promote'] as const).map((kind) => (
                <button
                  key={kind}
                  type="button"
                  className="btn btn-small btn-quiet"
                  disabled={readOnly}
                  data-testid={`scenario-${kind}-${s.id}`}
                  onClick={() => setEditing({ kind, scenario: s })}
                >
                  {t(`scenario.${kind}`)}
                </button>
              ))}
              <button
                type="button"
                className="btn btn-small btn-danger"
                disabled={readOnly}
                aria-label={t('scenario.deleteNamed', { name: s.name })}
                title={t('scenario.deleteNamed', { name: s.name })}
                data-testid={`scenario-delete-${s.id}`}
                onClick={() => setEditing({ kind: 'delete', scenario: s })}
              >
                ✕
              </button>
            </td>
          </tr>
        ))}
      </RowTable>

      {active && <Overrides scenario={active} />}

      {editing?.kind === 'new' && (
        <ScenarioDialog
          title={t('scenario.newTitle')}
          submitLabel={t('scenario.create')}
          initialName=""
          initialDescription=""
          selfId={null}
          testId="scenario-dialog"
          onClose={close}
          onSubmit={async (name, description) => {
            const id = newId();
            const ok = await send({ type: 'scenario.add', id, fields: { name, description } });
            if (ok) store.getState().setScenario(id);
            return ok;
          }}
        />
      )}
      {editing?.kind === 'rename' && (
        <ScenarioDialog
          title={t('scenario.renameTitle', { name: editing.scenario.name })}
          submitLabel={t('common.save')}
          initialName={editing.scenario.name}
          initialDescription={editing.scenario.description}
          selfId={editing.scenario.id}
          testId="scenario-dialog"
          onClose={close}
          onSubmit={(name, description) =>
            send({ type: 'scenario.update', id: editing.scenario.id, patch: { name, description } })
          }
        />
      )}
      {editing?.kind === 'copy' && (
        <ScenarioDialog
          title={t('scenario.copyTitle', { name: editing.scenario.name })}
          submitLabel={t('scenario.copy')}
          initialName={t('scenario.copyName', { name: editing.scenario.name })}
          initialDescription={editing.scenario.description}
          selfId={null}
          testId="scenario-dialog"
          onClose={close}
          onSubmit={async (name, description) => {
            const id = newId();
            const ok = await send({ type: 'scenario.duplicate', id: editing.scenario.id, newId: id, name });
            if (ok && description !== editing.scenario.description) {
              await send({ type: 'scenario.update', id, patch: { description } });
            }
            if (ok) store.getState().setScenario(id);
            return ok;
          }}
        />
      )}
      {(editing?.kind === 'delete' || editing?.kind === 'promote') && (
        <Confirm
          kind={editing.kind}
          scenario={editing.scenario}
          onCancel={close}
          onConfirm={() => {
            const s = editing.scenario;
            close();
            if (editing.kind === 'delete') {
              void send({ type: 'scenario.delete', id: s.id });
            } else {
              void send({ type: 'scenario.promote', id: s.id }).then((ok) => {
                if (ok) store.getState().setScenario(null);
              });
            }
          }}
        />
      )}
    </section>
  );
}

function Confirm(props: {
  kind: 'delete' | 'promote';
  scenario: Scenario;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const t = useT();
  const bodyId = `scenario-${props.kind}-body`;
  const name = props.scenario.name;
  return (
    <Dialog
      open
      title={t(props.kind === 'delete' ? 'scenario.deleteTitle' : 'scenario.promoteTitle', { name })}
      onClose={props.onCancel}
      testId={`scenario-${props.kind}-dialog`}
      describedBy={bodyId}
    >
      <p id={bodyId}>{t(props.kind === 'delete' ? 'scenario.deleteBody' : 'scenario.promoteBody', { name })}</p>
      <div className="dialog-actions">
        <button type="button" className="btn" data-testid="confirm-cancel" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className={`btn ${props.kind === 'delete' ? 'btn-danger' : 'btn-primary'}`}
          data-autofocus
          data-testid="confirm-ok"
          onClick={props.onConfirm}
        >
          {t(props.kind === 'delete' ? 'common.delete' : 'scenario.promote')}
        </button>
      </div>
    </Dialog>
  );
}

/** What the scenario shown changes, each with the baseline's value and a way back. */
function Overrides({ scenario }: { scenario: Scenario }) {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const baseline = useBaseline();
  const readOnly = useReadOnly();
  if (!baseline) return null;
  const { rows, added, missing } = overrideRows(baseline, scenario, locale, t);
  const what = (r: (typeof rows)[number]) =>
    r.kind === 'programme' ? t('scenario.programmeSettings') : (r.name ?? r.id);
  return (
    <section className="scenario-overrides" aria-labelledby="scenario-overrides-heading">
      <h2 id="scenario-overrides-heading">{t('scenario.changesOf', { name: scenario.name })}</h2>
      <RowTable
        className=""
        ariaLabel={t('scenario.changesOf', { name: scenario.name })}
        colPrefix="scenario-overrides-col"
        columns={[
          { key: 'what', label: t('scenario.what') },
          { key: 'field', label: t('scenario.field') },
          { key: 'inScenario', label: t('scenario.inScenario') },
          { key: 'inBaseline', label: t('scenario.inBaseline') },
          { key: 'actions', label: t('scenario.actions'), hidden: true },
        ]}
        rowCount={rows.length + added.length}
        empty={{ text: t('scenario.noOverrides'), testId: 'scenario-no-overrides' }}
      >
        {rows.map((r) => (
          <tr key={`${r.kind}:${r.id}:${r.field}`} data-testid={`scenario-override-${r.kind}-${r.id}-${r.field}`}>
            <th scope="row">{what(r)}</th>
            <td>{t(`scenario.fieldName.${r.field}` as 'scenario.fieldName.unitCost')}</td>
            <td>{r.value}</td>
            <td className="muted">{r.baseline}</td>
            <td className="row-actions">
              <button
                type="button"
                className="btn btn-small"
                disabled={readOnly}
                data-testid={`scenario-revert-${r.kind}-${r.id}-${r.field}`}
                onClick={() =>
                  void store.getState().command(
                    r.field === 'off'
                      ? {
                          type: 'scenario.setOff',
                          scenario: scenario.id,
                          kind: r.kind as 'line' | 'synergy',
                          id: r.id,
                          off: false,
                        }
                      : {
                          type: 'scenario.revert',
                          scenario: scenario.id,
                          kind: r.kind,
                          id: r.id,
                          field: r.field,
                        },
                  )
                }
              >
                {r.field === 'off' ? t('scenario.turnOn') : t('scenario.backToBaseline')}
              </button>
            </td>
          </tr>
        ))}
        {added.map((l) => (
          <tr key={`added:${l.id}`} data-testid={`scenario-added-${l.id}`}>
            <th scope="row">{l.name}</th>
            <td colSpan={3}>{t('scenario.addedLine')}</td>
            <td className="row-actions">
              <button
                type="button"
                className="btn btn-small btn-danger"
                disabled={readOnly}
                data-testid={`scenario-remove-added-${l.id}`}
                onClick={() =>
                  void store.getState().command({
                    type: 'scenario.edit',
                    scenario: scenario.id,
                    command: { type: 'line.delete', id: l.id },
                  })
                }
              >
                {t('common.delete')}
              </button>
            </td>
          </tr>
        ))}
      </RowTable>
      {missing.length > 0 && (
        <p className="notice notice-warning" role="note" data-testid="scenario-missing">
          {t('scenario.missing', { n: missing.length, list: missing.join(', ') })}
        </p>
      )}
    </section>
  );
}
