/** The whole window: the start screen, or the open programme's screens. */
import { useEffect } from 'react';
import { useDoc, useDocStore, useLocale, useModel, useModelPart, useT } from '../document/react';
import { type Screen, useUi } from '../document/ui';
import { BudgetScreen } from '../features/budget/BudgetScreen';
import { CaseloadScreen } from '../features/caseload/CaseloadScreen';
import { ChecksScreen } from '../features/checks/ChecksScreen';
import { CompareScreen } from '../features/compare/CompareScreen';
import { ExportScreen } from '../features/export/ExportScreen';
import { FundingScreen } from '../features/funding/FundingScreen';
import { HistoryScreen } from '../features/history/HistoryScreen';
import { PartnersScreen } from '../features/partners/PartnersScreen';
import { ProgrammeScreen } from '../features/programme/ProgrammeScreen';
import { ReportScreen } from '../features/report/ReportScreen';
import { ScenariosScreen } from '../features/scenarios/ScenariosScreen';
import { ScenarioNotice } from '../features/scenarios/ScenarioSwitcher';
import { SensitivityScreen } from '../features/sensitivity/SensitivityScreen';
import { IS_MAC } from '../shared/common';
import { ShortcutHelp } from '../shared/keyboard/ShortcutHelp';
import { globalShortcut } from '../shared/keyboard/shortcuts';
import { DocumentNotices, ErrorBanner, ReadOnlyNotice } from './Banners';
import { PrintHeader, usePrintLayout } from './Print';
import { StartScreen } from './StartScreen';
import { ScreenNav, TopBar } from './TopBar';
import { TotalsBar } from './Totals';

export function App() {
  const t = useT();
  const locale = useLocale();
  const ready = useDoc((s) => s.ready);
  const hasDocument = useDoc((s) => s.snapshot !== null);
  const title = useModelPart((m) => m?.programme.title ?? null);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    document.title = title ? `${title} — ${t('app.name')}` : t('app.name');
  }, [title, t]);

  if (!ready) {
    return (
      <div className="loading" role="status">
        {t('app.loading')}
      </div>
    );
  }
  return hasDocument ? <DocumentView /> : <StartScreen />;
}

function DocumentView() {
  const t = useT();
  const store = useDocStore();
  const screen = useUi((s) => s.screen);
  usePrintLayout();

  // Undo / redo from the keyboard, unless a field holds an unsaved edit (then the field's own
  // undo applies) or a dialog is open.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const action = globalShortcut(e, IS_MAC);
      if (!action || e.defaultPrevented) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (target?.dataset.dirty === 'true' || target?.closest('dialog')) return;
      e.preventDefault();
      if (action === 'export') {
        // Export works on a read-only programme too (it changes nothing).
        useUi.getState().setScreen('export');
        window.scrollTo(0, 0);
        return;
      }
      const s = store.getState();
      if (!s.snapshot || s.snapshot.info.readOnly) return;
      void (action === 'undo' ? s.undo() : s.redo());
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  return (
    <div className="app" data-screen={screen}>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <TopBar />
      <div className="sticky-head">
        <div className="subbar">
          <ScreenNav />
          <TotalsBar />
        </div>
        <ReadOnlyNotice />
        <ScenarioNotice />
      </div>
      <ErrorBanner />
      <DocumentNotices />
      <main id="main" className="main" tabIndex={-1}>
        <PrintHeader />
        <ShortcutHelp />
        <CurrentScreen screen={screen} />
        <RevealTarget />
      </main>
    </div>
  );
}

function CurrentScreen({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'programme':
      return <ProgrammeScreen />;
    case 'export':
      return <ExportScreen />;
    case 'caseload':
      return <CaseloadScreen />;
    case 'budget':
      return <BudgetScreen />;
    case 'funding':
      return <FundingScreen />;
    case 'partners':
      return <PartnersScreen />;
    case 'scenarios':
      return <ScenariosScreen />;
    case 'compare':
      return <CompareScreen />;
    case 'sensitivity':
      return <SensitivityScreen />;
    case 'checks':
      return <ChecksScreen />;
    case 'history':
      return <HistoryScreen />;
    case 'report':
      return <ReportScreen />;
  }
}

/**
 * Lands a jump (from the checks panel, or a row just added) on the element with the requested
 * `data-focus-id`: focused, and scrolled to the middle of the window, clear of the sticky bars.
 * Runs after every render that could have brought the element (screen change, model change).
 */
function RevealTarget() {
  const reveal = useUi((s) => s.reveal);
  const clearReveal = useUi((s) => s.clearReveal);
  const model = useModel();
  const screen = useUi((s) => s.screen);
  useEffect(() => {
    if (!reveal) return;
    const el = document.querySelector<HTMLElement>(`[data-focus-id="${CSS.escape(reveal.focusId)}"]`);
    if (!el) return;
    clearReveal(reveal.seq);
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'center' });
  }, [reveal, clearReveal, model, screen]);
  return null;
}
