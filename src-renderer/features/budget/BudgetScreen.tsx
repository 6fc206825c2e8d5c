/** Budget: key figures, charts, the four level sections, the line checks, and the month-by-month view. */
import { useMemo } from 'react';
import { LEVELS } from '../../../src-shared/model';
import { useFindings, useLocale, useModel, useT } from '../../document/react';
import { NAME_COL, useUi } from '../../document/ui';
import { findingText, opensDetails } from '../../shared/findings';
import { ShortcutStrip } from '../../shared/keyboard/ShortcutHelp';
import { Charts } from '../../shared/BudgetCharts';
import { ImportButton } from './ImportDialog';
import { LevelSection } from './LevelSection';
import { MetricsPanel } from './MetricsPanel';
import { MonthsDialog } from './MonthsDialog';

export function BudgetScreen() {
  const t = useT();
  return (
    <div className="screen budget-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('budget.heading')}</h1>
        <p className="screen-intro">{t('budget.intro')}</p>
        <ShortcutStrip />
        <div className="screen-actions">
          <ImportButton />
        </div>
      </div>
      <MetricsPanel />
      <Charts />
      {LEVELS.map((level) => (
        <LevelSection key={level} level={level} />
      ))}
      <LineChecks />
      <MonthsDialog />
    </div>
  );
}

/** The model-integrity findings that concern a line, under the grids (the checks panel has them all). */
function LineChecks() {
  const t = useT();
  const locale = useLocale();
  const findings = useFindings();
  const model = useModel();
  const goToLine = useUi((s) => s.goToLine);
  const items = useMemo(() => {
    if (!model) return [];
    return findings
      .filter((f) => f.group === 'integrity' && f.target?.kind === 'line')
      .map((f) => ({ f, text: findingText(f, model, locale) }));
  }, [findings, model, locale]);
  if (items.length === 0) return null;
  return (
    <section className="card diagnostics" aria-labelledby="diag-h" data-testid="diagnostics">
      <h2 id="diag-h" className="card-title">
        {t('budget.diagnostics')}
      </h2>
      <ul>
        {items.map(({ f, text }) => (
          <li key={f.id} className={`diag diag-${f.severity}`}>
            <button
              type="button"
              className="link"
              onClick={() => {
                if (f.target?.kind !== 'line') return;
                const id = f.target.lineId;
                goToLine(id, NAME_COL, opensDetails(f));
              }}
            >
              {text}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
