/** Key figures of the programme (DESIGN §4 metrics), from the engine's result for the model on screen. */
import type { ReactNode } from 'react';
import { formatDecimal, formatMinor, formatPercent } from '../../../src-shared/money';
import { LEVELS, monthLabel } from '../../../src-shared/model';
import { useDeferredResult, useLocale, useModelPart, useT } from '../../document/react';
import { formatMonth } from '../../i18n';
import { LEVEL_COLORS } from '../../shared/BudgetCharts';

function Metric(props: { id: string; label: string; value: string; raw: number | null; sub?: ReactNode }) {
  return (
    <div className="metric">
      <dt className="metric-label">{props.label}</dt>
      <dd className="metric-value num" data-testid={`metric-${props.id}`} data-value={props.raw ?? ''}>
        {props.value}
      </dd>
      {props.sub && <dd className="metric-sub">{props.sub}</dd>}
    </div>
  );
}

export function MetricsPanel() {
  const t = useT();
  const locale = useLocale();
  const result = useDeferredResult();
  const startMonth = useModelPart((m) => m?.programme.startMonth ?? '2025-01');
  if (!result) return null;
  const m = result.metrics;
  const o = result.outcomes;
  const sy = result.synergies.totals;
  const cur = result.currency;
  const money = (v: number | null) => (v === null ? t('metrics.none') : `${formatMinor(v, cur, locale)} ${cur}`);
  const count = (v: number) => formatDecimal(String(Math.round(v)), locale);
  return (
    <section className="card metrics" aria-labelledby="metrics-h" data-testid="metrics-panel">
      <h2 id="metrics-h" className="card-title">
        {t('metrics.heading')}
      </h2>
      <dl className="metrics-grid">
        <Metric
          id="returnees"
          label={t('metrics.returnees')}
          value={count(m.returneesAssisted)}
          raw={m.returneesAssisted}
          sub={m.returneesAssisted === 0 ? t('metrics.noReturnees') : undefined}
        />
        <Metric
          id="costPerReturneeIndividual"
          label={t('metrics.costPerReturneeIndividual')}
          value={money(m.costPerReturneeIndividual)}
          raw={m.costPerReturneeIndividual}
        />
        <Metric
          id="costPerReturneeAllIn"
          label={t('metrics.costPerReturneeAllIn')}
          value={money(m.costPerReturneeAllIn)}
          raw={m.costPerReturneeAllIn}
        />
        <Metric
          id="costPerBeneficiary"
          label={t('metrics.costPerBeneficiary')}
          value={money(m.costPerBeneficiary)}
          raw={m.costPerBeneficiary}
          sub={t('metrics.directBeneficiaries', { n: count(m.directBeneficiaries) })}
        />
        <Metric
          id="nonMigrantShare"
          label={t('metrics.nonMigrantShare')}
          value={m.nonMigrantShare === null ? t('metrics.none') : formatPercent(m.nonMigrantShare, locale)}
          raw={m.nonMigrantShare}
          sub={
            m.communityBeneficiaries > 0
              ? t('metrics.nonMigrantOf', {
                  n: count(m.nonMigrantBeneficiaries),
                  total: count(m.communityBeneficiaries),
                })
              : t('metrics.noBeneficiaries')
          }
        />
        <Metric
          id="peakActiveCases"
          label={t('metrics.peak')}
          value={count(m.peakActiveCases)}
          raw={m.peakActiveCases}
          sub={
            m.peakMonth > 0
              ? t('metrics.peakIn', { month: formatMonth(monthLabel(startMonth, m.peakMonth), locale) })
              : undefined
          }
        />
        <Metric
          id="staffMonths"
          label={t('metrics.staffMonths')}
          value={formatDecimal(String(Math.round(m.staffMonths * 10) / 10), locale)}
          raw={m.staffMonths}
        />
        {(o.totals.businesses > 0 || o.totals.jobs > 0 || o.totals.people > 0) && (
          <>
            {(['business', 'job'] as const).map((k) => {
              const cost = k === 'business' ? o.costPerBusiness : o.costPerJob;
              const n = k === 'business' ? o.totals.businesses : o.totals.jobs;
              return (
                <Metric
                  key={k}
                  id={k === 'business' ? 'costPerBusiness' : 'costPerJob'}
                  label={t(k === 'business' ? 'metrics.costPerBusiness' : 'metrics.costPerJob')}
                  value={money(cost)}
                  raw={cost}
                  sub={t(k === 'business' ? 'metrics.businesses' : 'metrics.jobs', { n: count(n) })}
                />
              );
            })}
            <Metric
              id="peopleReached"
              label={t('metrics.peopleReached')}
              value={count(o.totals.people)}
              raw={o.totals.people}
              sub={LEVELS.filter((l) => o.byLevel[l].people > 0)
                .map((l) => `${t(`level.${l}`)} ${count(o.byLevel[l].people)}`)
                .join(' · ')}
            />
          </>
        )}
        {result.synergies.synergies.length > 0 && (
          <>
            <Metric
              id="partnerCovered"
              label={t('metrics.partnerCovered')}
              value={money(sy.covered)}
              raw={sy.covered}
              sub={t('metrics.leverage', { pct: sy.leverage === null ? '—' : formatPercent(sy.leverage, locale, 0) })}
            />
            <Metric
              id="netCost"
              label={t('synergies.figure.net')}
              value={money(sy.net)}
              raw={sy.net}
              sub={t('metrics.directCosts')}
            />
            <Metric
              id="expectedCost"
              label={t('synergies.figure.expected')}
              value={money(sy.expected)}
              raw={sy.expected}
              sub={t('metrics.worstCase', { amount: money(sy.worstCase) })}
            />
          </>
        )}
        <div className="metric metric-wide">
          <dt className="metric-label">{t('metrics.levelShare')}</dt>
          <dd className="level-share" data-testid="metric-levelShare">
            <span className="level-share-bar" aria-hidden="true">
              {LEVELS.map((l) => (
                <span
                  key={l}
                  style={{ width: `${(result.levelShare[l] * 100).toFixed(2)}%`, background: LEVEL_COLORS[l] }}
                />
              ))}
            </span>
            <span className="level-share-legend">
              {LEVELS.map((l) => (
                <span key={l} data-testid={`metric-levelShare-${l}`} data-value={result.levelShare[l]}>
                  <span className="swatch" style={{ background: LEVEL_COLORS[l] }} aria-hidden="true" />
                  {t(`level.${l}`)} {formatPercent(result.levelShare[l], locale, 0)}
                </span>
              ))}
            </span>
          </dd>
        </div>
      </dl>
    </section>
  );
}
