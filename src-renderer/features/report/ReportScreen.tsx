/**
 * The printable report (DESIGN §8, issue 11): the scenario shown (the switcher's choice), laid out
 * on screen as it prints — its header, a plain-language summary (src-shared/report/summary.ts),
 * the key figures, the charts, the lines by level with subtotals, and the checks' findings. Every
 * amount is the engine's, formatted as the rest of the app formats it; nothing is computed here.
 *
 * The desktop app saves it as a PDF (main prints the window with its print styles and asks where
 * to save it); in the browser, "Print…" opens the browser's print dialog (styles.css, @media print).
 */
import { useEffect, useMemo, useState } from 'react';
import { sourceText } from '../../../src-shared/checks/sources';
import type { Finding } from '../../../src-shared/checks/types';
import type { ComputeResult } from '../../../src-shared/engine';
import { formatDecimal, formatMinor, formatPercent } from '../../../src-shared/money';
import { LEVELS, type Level, type Model, monthLabel } from '../../../src-shared/model';
import { longMonth, writeSummary } from '../../../src-shared/report/summary';
import { linesOfLevel } from '../../document/order';
import {
  useActiveScenario,
  useComputeFailed,
  useDoc,
  useDocStore,
  useFindings,
  useLocale,
  useModel,
  useResult,
  useT,
} from '../../document/react';
import { formatDate, translateCount } from '../../i18n';
import { Charts } from '../../shared/BudgetCharts';
import { derivationText } from '../../shared/derivation';
import { countFindings, countsText, findingText } from '../../shared/findings';
import { FundingChart } from './FundingChart';

export function ReportScreen() {
  const t = useT();
  const model = useModel();
  const result = useResult();
  const failed = useComputeFailed();
  if (!model) return null;
  return (
    <div className="screen report-screen" data-testid="report-screen">
      <ReportToolbar />
      {result ? (
        <ReportDocument model={model} result={result} />
      ) : failed ? (
        <p className="hint warn" role="alert">
          {t('banner.computeFailed')}
        </p>
      ) : (
        <p className="hint" role="status">
          {t('report.computing')}
        </p>
      )}
    </div>
  );
}

/**
 * Above the report, never printed: what it is, and how to keep it. The desktop app saves it as a
 * PDF (main prints this window and asks where to save it); a browser prints it through its own
 * print dialog, whose "Save as PDF" printer gives the same file.
 */
function ReportToolbar() {
  const t = useT();
  const store = useDocStore();
  const desktop = useDoc((s) => s.appInfo?.mode === 'desktop' && s.appInfo.nativeDialogs);
  const busy = useDoc((s) => s.busy);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const savePdf = async () => {
    setSaving(true);
    setSaved(null);
    try {
      setSaved(await store.getState().savePdf());
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="report-toolbar" data-testid="report-toolbar">
      <p className="screen-intro">{t('report.intro')}</p>
      <div className="report-actions">
        {desktop && (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="report-save-pdf"
            disabled={busy}
            title={t('report.savePdfHint')}
            onClick={() => void savePdf()}
          >
            {t('report.savePdf')}
          </button>
        )}
        <button type="button" className="btn" data-testid="report-print" onClick={() => window.print()}>
          {t('report.print')}
        </button>
        {!desktop && (
          <span className="hint" data-testid="report-print-hint">
            {t('report.printHint')}
          </span>
        )}
      </div>
      <p className="hint report-status" role="status" data-testid="report-status">
        {saving ? t('report.saving') : saved ? t('report.saved', { path: saved }) : ''}
      </p>
    </div>
  );
}

function ReportDocument({ model, result }: { model: Model; result: ComputeResult }) {
  const t = useT();
  const locale = useLocale();
  const findings = useFindings();
  const scenario = useActiveScenario();
  const file = useDoc((s) => s.snapshot?.info.name ?? '');
  const [today, setToday] = useState(() => new Date().toISOString());
  // The date the report is printed on: refreshed when the window prints (beforeprint).
  useEffect(() => {
    const refresh = () => setToday(new Date().toISOString());
    window.addEventListener('beforeprint', refresh);
    return () => window.removeEventListener('beforeprint', refresh);
  }, []);
  const p = model.programme;
  const summary = useMemo(
    () => writeSummary({ model, result, findings, locale, scenario: scenario?.name ?? null }),
    [model, result, findings, locale, scenario],
  );
  const months = result.durationMonths;
  const period = t('report.periodValue', {
    from: longMonth(p.startMonth, locale),
    to: longMonth(monthLabel(p.startMonth, Math.max(1, months)), locale),
    months: translateCount(locale, 'report.months', months),
  });

  return (
    <article className="report" aria-labelledby="report-title" data-testid="report">
      <header className="report-head">
        <p className="report-kind">{t('report.kind')}</p>
        <h1 id="report-title" className="report-title" data-testid="report-title">
          {p.title}
        </h1>
        <p className="report-scenario" data-testid="report-scenario" data-scenario={scenario?.id ?? ''}>
          {scenario ? t('report.scenario', { name: scenario.name }) : t('report.baseline')}
        </p>
        {scenario?.description && <p className="report-scenario-description">{scenario.description}</p>}
        <dl className="report-meta" aria-label={t('report.meta')}>
          <Meta label={t('report.period')} value={period} id="period" />
          <Meta label={t('report.currency')} value={result.currency} id="currency" />
          <Meta label={t('report.donor')} value={t(`donor.${p.donorProfile}`)} id="donor" />
          <Meta label={t('report.author')} value={p.author.trim() || t('report.noAuthor')} id="author" />
          <Meta label={t('report.date')} value={formatDate(today, locale)} id="date" />
          <Meta label={t('report.file')} value={file} id="file" />
        </dl>
      </header>

      <section className="report-section report-summary" aria-labelledby="report-summary-h">
        <h2 id="report-summary-h">{t('report.summary')}</h2>
        {summary.map((para) => (
          <p key={para.id} data-testid={`report-summary-${para.id}`}>
            {para.sentences.join(' ')}
          </p>
        ))}
      </section>

      <KeyFigures result={result} />

      <section className="report-section report-charts" aria-labelledby="report-charts-h">
        <h2 id="report-charts-h">{t('report.charts')}</h2>
        <Charts />
        <FundingChart model={model} result={result} />
      </section>

      <LinesByLevel model={model} result={result} />

      <ReportFindings model={model} findings={findings} />
    </article>
  );
}

function Meta(props: { id: string; label: string; value: string }) {
  return (
    <div className="report-meta-item">
      <dt>{props.label}</dt>
      <dd data-testid={`report-meta-${props.id}`}>{props.value}</dd>
    </div>
  );
}

/** The engine's figures for the scenario: totals, per returnee and per beneficiary, partners. */
function KeyFigures({ result }: { result: ComputeResult }) {
  const t = useT();
  const locale = useLocale();
  const cur = result.currency;
  const m = result.metrics;
  const sy = result.synergies.totals;
  const money = (v: number | null) => (v === null ? t('metrics.none') : `${formatMinor(v, cur, locale)} ${cur}`);
  const count = (v: number) => formatDecimal(String(Math.round(v)), locale);
  const unfunded = result.byFunder[''] ?? 0;
  const figures: { id: string; label: string; value: string; minor?: number | null }[] = [
    { id: 'total', label: t('totals.total'), value: money(result.totals.total), minor: result.totals.total },
    { id: 'direct', label: t('totals.direct'), value: money(result.totals.direct), minor: result.totals.direct },
    {
      id: 'indirect',
      label: t('chart.indirect'),
      value: money(result.totals.indirect),
      minor: result.totals.indirect,
    },
    {
      id: 'contingency',
      label: t('chart.contingency'),
      value: money(result.totals.contingency),
      minor: result.totals.contingency,
    },
    { id: 'returnees', label: t('metrics.returnees'), value: count(m.returneesAssisted) },
    {
      id: 'costPerReturneeAllIn',
      label: t('metrics.costPerReturneeAllIn'),
      value: money(m.costPerReturneeAllIn),
      minor: m.costPerReturneeAllIn,
    },
    {
      id: 'costPerReturneeIndividual',
      label: t('metrics.costPerReturneeIndividual'),
      value: money(m.costPerReturneeIndividual),
      minor: m.costPerReturneeIndividual,
    },
    {
      id: 'costPerBeneficiary',
      label: t('metrics.costPerBeneficiary'),
      value: money(m.costPerBeneficiary),
      minor: m.costPerBeneficiary,
    },
    { id: 'directBeneficiaries', label: t('report.figure.directBeneficiaries'), value: count(m.directBeneficiaries) },
  ];
  if (result.synergies.synergies.length > 0) {
    figures.push(
      { id: 'partnerCovered', label: t('metrics.partnerCovered'), value: money(sy.covered), minor: sy.covered },
      { id: 'netCost', label: t('synergies.figure.net'), value: money(sy.net), minor: sy.net },
      {
        id: 'leverage',
        label: t('synergies.figure.leverage'),
        value: sy.leverage === null ? t('metrics.none') : formatPercent(sy.leverage, locale, 0),
      },
      { id: 'expectedCost', label: t('synergies.figure.expected'), value: money(sy.expected), minor: sy.expected },
      { id: 'worstCase', label: t('synergies.figure.worstCase'), value: money(sy.worstCase), minor: sy.worstCase },
    );
    if (sy.leveraged > 0) {
      figures.push({
        id: 'leveraged',
        label: t('report.figure.leveraged'),
        value: money(sy.leveraged),
        minor: sy.leveraged,
      });
    }
  }
  if (unfunded !== 0) {
    figures.push({ id: 'unfunded', label: t('report.figure.unfunded'), value: money(unfunded), minor: unfunded });
  }
  return (
    <section className="report-section report-figures" aria-labelledby="report-figures-h">
      <h2 id="report-figures-h">{t('report.figures')}</h2>
      <dl className="report-figures-grid">
        {figures.map((f) => (
          <div className="report-figure" key={f.id}>
            <dt>{f.label}</dt>
            <dd className="num" data-testid={`report-figure-${f.id}`} data-minor={f.minor ?? ''}>
              {f.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Every line of the scenario, level by level, with the engine's totals and the level's subtotal. */
function LinesByLevel({ model, result }: { model: Model; result: ComputeResult }) {
  const t = useT();
  const locale = useLocale();
  const cur = result.currency;
  const fmt = (v: number) => formatMinor(v, cur, locale);
  const byId = useMemo(() => new Map(result.lines.map((l) => [l.lineId, l])), [result]);
  const synergyName = (id: string) => model.synergies.find((s) => s.id === id)?.name ?? '';
  return (
    <section className="report-section report-lines" aria-labelledby="report-lines-h">
      <h2 id="report-lines-h">{t('report.lines')}</h2>
      <p className="report-note">{t('report.linesIntro', { currency: cur })}</p>
      {LEVELS.map((level: Level) => {
        const lines = linesOfLevel(model, level);
        const coordination = result.lines.filter((l) => l.level === level && l.coordinationOf !== null);
        const headingId = `report-level-${level}-h`;
        return (
          <div className="report-level" key={level} data-testid={`report-level-${level}`}>
            <h3 id={headingId}>
              {t(`level.${level}`)}{' '}
              <span className="muted">({translateCount(locale, 'level.lines', lines.length)})</span>
            </h3>
            <table className="data-table report-table" aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">{t('report.col.name')}</th>
                  <th scope="col">{t('report.col.category')}</th>
                  <th scope="col" className="num">
                    {t('report.col.unitCost')}
                  </th>
                  <th scope="col">{t('report.col.quantity')}</th>
                  <th scope="col" className="num">
                    {t('report.col.total', { currency: cur })}
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.length === 0 && coordination.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">
                      {t('report.noLines')}
                    </td>
                  </tr>
                )}
                {lines.map((l) => {
                  const r = byId.get(l.id);
                  return (
                    <tr key={l.id} data-testid={`report-line-${l.id}`}>
                      <th scope="row">{l.name}</th>
                      <td>{t(`category.${l.category}`)}</td>
                      <td className="num nowrap">
                        {l.driver.kind === 'percentage'
                          ? '—'
                          : `${formatMinor(l.unitCost, l.currency, locale)} ${l.currency}${l.unitLabel ? ` / ${l.unitLabel}` : ''}`}
                      </td>
                      <td>{derivationText(r?.derivation, t, locale, cur)}</td>
                      <td className="num nowrap" data-minor={r?.total ?? ''}>
                        {r ? fmt(r.total) : '…'}
                      </td>
                    </tr>
                  );
                })}
                {coordination.map((r) => (
                  <tr key={r.lineId} data-testid={`report-line-${r.lineId}`}>
                    <th scope="row">{t('report.coordination', { name: synergyName(r.coordinationOf ?? '') })}</th>
                    <td>—</td>
                    <td className="num">—</td>
                    <td>{derivationText(r.derivation, t, locale, cur)}</td>
                    <td className="num nowrap" data-minor={r.total}>
                      {fmt(r.total)}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={4}>
                    {t('report.subtotal', { level: t(`level.${level}`) })}
                  </th>
                  <td
                    className="num nowrap"
                    data-testid={`report-subtotal-${level}`}
                    data-minor={result.byLevel[level]}
                  >
                    {fmt(result.byLevel[level])}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        );
      })}
      <table className="data-table report-table report-totals" data-testid="report-totals">
        <caption className="sr-only">{t('totals.label')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('totals.direct')}</th>
            <td className="num nowrap">{fmt(result.totals.direct)}</td>
          </tr>
          <tr>
            <th scope="row">{t('chart.indirect')}</th>
            <td className="num nowrap">{fmt(result.totals.indirect)}</td>
          </tr>
          <tr>
            <th scope="row">{t('chart.contingency')}</th>
            <td className="num nowrap">{fmt(result.totals.contingency)}</td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('report.grandTotal')}</th>
            <td className="num nowrap" data-testid="report-grand-total" data-minor={result.totals.total}>
              {fmt(result.totals.total)}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

/** The checks panel's findings, in a list: severity, sentence, source. */
function ReportFindings({ model, findings }: { model: Model; findings: readonly Finding[] }) {
  const t = useT();
  const locale = useLocale();
  const counts = countFindings(findings);
  return (
    <section className="report-section report-findings" aria-labelledby="report-checks-h">
      <h2 id="report-checks-h">{t('report.checks')}</h2>
      <p data-testid="report-checks-summary">
        {counts.total === 0 ? t('checks.allClear') : countsText(counts, locale)}
      </p>
      {findings.length > 0 && (
        <ul className="report-finding-list">
          {findings.map((f) => (
            <li key={f.id} className={`report-finding finding-${f.severity}`} data-severity={f.severity}>
              <strong>{t('report.severity', { severity: t(`checks.severity.${f.severity}`) })}</strong>{' '}
              {findingText(f, model, locale)}{' '}
              <span className="report-source">{t('checks.source', { source: sourceText(f.sourceKey, locale) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
