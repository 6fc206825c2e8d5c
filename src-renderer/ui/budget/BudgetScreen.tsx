/** Budget: charts, the four level sections, and the checks on the lines. */
import { useMemo } from 'react';
import { LEVELS } from '../../../src-shared/model';
import { useDoc, useResult, useT } from '../../state/react';
import { useUi } from '../../state/ui';
import { ShortcutStrip } from '../ShortcutHelp';
import { Charts } from '../Totals';
import { LevelSection } from './LevelSection';
import { NAME_COL } from './LineRow';

export function BudgetScreen() {
  const t = useT();
  return (
    <div className="screen budget-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('budget.heading')}</h1>
        <p className="screen-intro">{t('budget.intro')}</p>
        <ShortcutStrip />
      </div>
      <Charts />
      {LEVELS.map((level) => (
        <LevelSection key={level} level={level} />
      ))}
      <Diagnostics />
    </div>
  );
}

function Diagnostics() {
  const t = useT();
  const result = useResult();
  const lines = useDoc((s) => s.snapshot?.model.lines ?? []);
  const duration = useDoc((s) => s.snapshot?.model.programme.durationMonths ?? 0);
  const aliases = useDoc((s) => s.aliases);
  const requestFocus = useUi((s) => s.requestFocus);
  const items = useMemo(() => {
    const byId = new Map(lines.map((l) => [l.id, l]));
    return (result?.diagnostics ?? []).map((d, i) => {
      const line = d.lineId ? byId.get(d.lineId) : undefined;
      const params = { ...(d.params ?? {}), name: line?.name ?? '', duration, code: d.code };
      const text =
        d.code === 'line.zeroCost' || d.code === 'window.outside' || d.code === 'window.endBeforeStart'
          ? t(`diagnostics.${d.code}`, params)
          : t('diagnostics.unknown', params);
      return { key: `${d.code}-${d.lineId ?? ''}-${i}`, severity: d.severity, text, line };
    });
  }, [result, lines, duration, t]);
  if (items.length === 0) return null;
  return (
    <section className="card diagnostics" aria-labelledby="diag-h" data-testid="diagnostics">
      <h2 id="diag-h" className="card-title">
        {t('budget.diagnostics')}
      </h2>
      <ul>
        {items.map((d) => (
          <li key={d.key} className={`diag diag-${d.severity}`}>
            {d.line ? (
              <button
                type="button"
                className="link"
                onClick={() => d.line && requestFocus(aliases[d.line.id] ?? d.line.id, NAME_COL)}
              >
                {d.text}
              </button>
            ) : (
              d.text
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
