/**
 * The scenario switcher, beside undo and redo on every screen (issue 10, item 1): Baseline and every
 * scenario of the programme; choosing one shows it on every screen, and every edit is then made in
 * it. "New scenario…" creates one (blank: no override yet) and shows it.
 */
import { useId, useState } from 'react';
import { newId } from '../../../src-shared/commands';
import type { Scenario } from '../../../src-shared/model';
import { useActiveScenario, useDoc, useDocStore, useModelPart, useReadOnly, useT } from '../../document/react';
import { useUi } from '../../document/ui';
import { ScenarioDialog } from './ScenarioDialog';

const NO_SCENARIOS: readonly Scenario[] = [];

export function ScenarioSwitcher() {
  const t = useT();
  const store = useDocStore();
  const scenarios = useModelPart((m) => m?.scenarios ?? NO_SCENARIOS);
  const active = useActiveScenario();
  const readOnly = useReadOnly();
  const busy = useDoc((s) => s.busy);
  const setScreen = useUi((s) => s.setScreen);
  const [creating, setCreating] = useState(false);
  const selectId = useId();

  return (
    <div className={`scenario-switcher${active ? ' in-scenario' : ''}`} data-testid="scenario-switcher-box">
      <label htmlFor={selectId} className="sr-only">
        {t('scenario.switcher')}
      </label>
      <select
        id={selectId}
        className="input scenario-select"
        data-testid="scenario-switcher"
        value={active?.id ?? ''}
        title={active?.description || undefined}
        disabled={busy}
        onChange={(e) => store.getState().setScenario(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">{t('scenario.baseline')}</option>
        {scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn btn-icon"
        data-testid="scenario-new"
        disabled={readOnly || busy}
        title={t('scenario.new')}
        aria-label={t('scenario.new')}
        onClick={() => setCreating(true)}
      >
        <span aria-hidden="true">+</span>
      </button>
      <button
        type="button"
        className="btn btn-icon"
        data-testid="scenario-manage"
        title={t('scenario.manage')}
        aria-label={t('scenario.manage')}
        onClick={() => {
          setScreen('scenarios');
          window.scrollTo(0, 0);
        }}
      >
        <span aria-hidden="true">☰</span>
      </button>
      {creating && (
        <ScenarioDialog
          title={t('scenario.newTitle')}
          submitLabel={t('scenario.create')}
          initialName=""
          initialDescription=""
          selfId={null}
          testId="scenario-dialog"
          onClose={() => setCreating(false)}
          onSubmit={async (name, description) => {
            const id = newId();
            const ok = await store.getState().command({ type: 'scenario.add', id, fields: { name, description } });
            if (ok) store.getState().setScenario(id);
            return ok;
          }}
        />
      )}
    </div>
  );
}

/** Under the navigation while a scenario is shown: which one, and that edits are overrides. */
export function ScenarioNotice() {
  const t = useT();
  const store = useDocStore();
  const active = useActiveScenario();
  if (!active) return null;
  return (
    <div className="scenario-notice" role="status" data-testid="scenario-notice">
      <strong>{t('scenario.showing', { name: active.name })}</strong>{' '}
      <span>{active.description || t('scenario.noticeHelp')}</span>{' '}
      <button
        type="button"
        className="btn btn-small"
        data-testid="scenario-notice-baseline"
        onClick={() => store.getState().setScenario(null)}
      >
        {t('scenario.showBaseline')}
      </button>
    </div>
  );
}
