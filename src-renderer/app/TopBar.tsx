/** The bar on every document screen: title, file, read-only, undo/redo, saved indicator, save as, close. */
import { useState } from 'react';
import type { HistoryLabel } from '../../src-shared/api';
import { useDoc, useDocStore, useFindings, useLocale, useModelPart, useT } from '../document/react';
import { type Screen, SCREENS, useUi } from '../document/ui';
import { formatTime } from '../i18n';
import { COMMAND_PHRASES } from '../shared/commandLabels';
import { combo, LocaleSelect } from '../shared/common';
import { countFindings, countsText } from '../shared/findings';
import { ScenarioSwitcher } from '../features/scenarios/ScenarioSwitcher';
import { NameDialog } from './NameDialog';

export function TopBar() {
  const t = useT();
  const store = useDocStore();
  const info = useDoc((s) => s.snapshot?.info ?? null);
  const title = useModelPart((m) => m?.programme.title ?? '');
  const nativeDialogs = useDoc((s) => s.appInfo?.nativeDialogs ?? false);
  const busy = useDoc((s) => s.busy);
  const helpOpen = useUi((s) => s.helpOpen);
  const setHelpOpen = useUi((s) => s.setHelpOpen);
  const [saveAsOpen, setSaveAsOpen] = useState(false);
  if (!info) return null;
  const readOnly = info.readOnly;
  const undoShortcut = combo(['Mod', 'Z']);
  const redoShortcut = combo(['Mod', 'Shift', 'Z']);
  const baseName = info.name.replace(/\.rcs$/i, '');

  return (
    <header className="topbar" aria-label={t('top.documentBar')}>
      <div className="topbar-doc">
        <div className="doc-title" data-testid="doc-title" title={title}>
          {title}
        </div>
        <div className="doc-file">
          <span data-testid="doc-file-name" title={info.path}>
            {info.name}
          </span>
          {readOnly && (
            <span
              className="badge badge-readonly"
              data-testid="readonly-badge"
              data-reason={info.readOnlyReason ?? 'requested'}
              title={t(`top.readOnly.${info.readOnlyReason ?? 'requested'}`)}
            >
              {t('top.readOnly')}
              <span className="sr-only">: {t(`top.readOnly.${info.readOnlyReason ?? 'requested'}`)}</span>
            </span>
          )}
        </div>
      </div>

      <div className="topbar-actions">
        <ScenarioSwitcher />
        <HistoryButton
          step="undo"
          can={info.canUndo}
          label={info.undoLabel}
          shortcut={undoShortcut}
          readOnly={readOnly}
          onClick={() => void store.getState().undo()}
        />
        <HistoryButton
          step="redo"
          can={info.canRedo}
          label={info.redoLabel}
          shortcut={redoShortcut}
          readOnly={readOnly}
          onClick={() => void store.getState().redo()}
        />
        <SavedIndicator />
        <span className="topbar-sep" aria-hidden="true" />
        <button
          type="button"
          className="btn"
          data-testid="save-as"
          disabled={busy}
          onClick={() => (nativeDialogs ? void store.getState().saveAsDialog() : setSaveAsOpen(true))}
        >
          {t('top.saveAs')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="close-document"
          disabled={busy}
          onClick={() => void store.getState().close()}
        >
          {t('top.close')}
        </button>
        <button
          type="button"
          className="btn btn-icon"
          aria-pressed={helpOpen}
          aria-controls="shortcut-help"
          data-testid="help-toggle"
          title={t('top.help')}
          onClick={() => setHelpOpen(!helpOpen)}
        >
          <span aria-hidden="true">⌨</span>
          <span className="sr-only">{t('top.help')}</span>
        </button>
        <LocaleSelect />
      </div>
      {saveAsOpen && (
        <NameDialog
          open
          title={t('saveAs.title')}
          help={t('saveAs.help')}
          label={t('saveAs.nameLabel')}
          initial={`${baseName} (2)`}
          submitLabel={t('common.save')}
          testId="save-as-dialog"
          onSubmit={(name) => store.getState().saveAs(name)}
          onClose={() => setSaveAsOpen(false)}
        />
      )}
    </header>
  );
}

const HISTORY = {
  undo: { label: 'top.undo', what: 'top.undoWhat', nothing: 'top.nothingToUndo', icon: '↶' },
  redo: { label: 'top.redo', what: 'top.redoWhat', nothing: 'top.nothingToRedo', icon: '↷' },
} as const;

/** Undo or redo: the label says what it would undo (or redo) when there is something. */
function HistoryButton(props: {
  step: keyof typeof HISTORY;
  can: boolean;
  label: HistoryLabel | null | undefined;
  shortcut: string;
  readOnly: boolean;
  onClick: () => void;
}) {
  const t = useT();
  const keys = HISTORY[props.step];
  const { can, shortcut } = props;
  // What would be undone, in the user's language (main's English summary stays in the change log).
  const summary = props.label ? t(COMMAND_PHRASES[props.label.action], { name: props.label.name ?? '' }) : null;
  return (
    <button
      type="button"
      className="btn btn-icon"
      data-testid={props.step}
      disabled={props.readOnly || !can}
      aria-label={can && summary ? t(keys.what, { summary, shortcut }) : t(keys.label)}
      title={can ? t(keys.what, { summary: summary ?? '', shortcut }) : t(keys.nothing)}
      onClick={props.onClick}
    >
      <span aria-hidden="true">{keys.icon}</span> {t(keys.label)}
    </button>
  );
}

export function SavedIndicator() {
  const t = useT();
  const locale = useLocale();
  const pending = useDoc((s) => s.pending);
  const failed = useDoc((s) => s.saveFailed);
  const savedAt = useDoc((s) => s.confirmed?.info.savedAt ?? null);
  const state = pending ? 'saving' : failed ? 'error' : 'saved';
  const text = pending
    ? t('top.saving')
    : failed
      ? t('top.saveFailed')
      : savedAt
        ? t('top.savedAt', { time: formatTime(savedAt, locale) })
        : t('top.savedNoChanges');
  return (
    <span
      className={`saved saved-${state}`}
      role="status"
      aria-live="polite"
      data-testid="saved-indicator"
      data-state={state}
      title={t('top.savedTitle')}
    >
      <span className="saved-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

export function ScreenNav() {
  const t = useT();
  const locale = useLocale();
  const screen = useUi((s) => s.screen);
  const setScreen = useUi((s) => s.setScreen);
  const counts = countFindings(useFindings());
  const worst = counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'note';
  const badgeTitle = countsText(counts, locale);
  return (
    <nav className="screen-nav" aria-label={t('top.screens')}>
      {SCREENS.map((id: Screen) => (
        <button
          key={id}
          type="button"
          className={`nav-tab${screen === id ? ' active' : ''}`}
          aria-current={screen === id ? 'page' : undefined}
          data-testid={`nav-${id}`}
          title={id === 'partners' ? t('partners.heading') : undefined}
          onClick={() => {
            setScreen(id);
            // A new screen starts at its top, not at the previous screen's scroll position.
            window.scrollTo(0, 0);
          }}
        >
          {t(`nav.${id}`)}
          {id === 'checks' && counts.total > 0 && (
            <span
              className={`nav-badge nav-badge-${worst}`}
              data-testid="checks-badge"
              data-count={counts.total}
              title={badgeTitle}
            >
              {counts.total}
              <span className="sr-only"> ({badgeTitle})</span>
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}
