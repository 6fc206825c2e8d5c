/** Arrivals and active cases per month, stacked by profile, from the engine's caseload series. */
import { useMemo } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { CaseloadSeries } from '../../../src-shared/engine';
import { formatDecimal, type Locale } from '../../../src-shared/money';
import { monthLabel, type Profile } from '../../../src-shared/model';
import { byPosition } from '../../document/order';
import { useLocale, useModel, useResult, useT } from '../../document/react';
import { formatMonth } from '../../i18n';
import { ChartCard } from '../../shared/ChartCard';

export const PROFILE_COLORS = ['#2f6690', '#3a7d44', '#c08a2d', '#8a5a9e', '#b5523b', '#3c9d9b', '#6b7280', '#a05195'];

interface Datum {
  month: number;
  label: string;
  [profileId: string]: number | string;
}

function count(v: number, locale: Locale): string {
  return formatDecimal(String(Math.round(v)), locale);
}

export function CaseloadCharts() {
  const t = useT();
  const locale = useLocale();
  const result = useResult();
  const model = useModel();
  const profiles: Profile[] = useMemo(() => (model ? byPosition(model.profiles) : []), [model]);
  const startMonth = model?.programme.startMonth ?? '2025-01';

  const { arrivals, active, series } = useMemo(() => {
    const series = new Map<string, CaseloadSeries>((result?.caseload.profiles ?? []).map((p) => [p.profileId, p]));
    const n = result?.durationMonths ?? 0;
    const arrivals: Datum[] = [];
    const active: Datum[] = [];
    for (let m = 1; m <= n; m++) {
      const label = formatMonth(monthLabel(startMonth, m), locale);
      const a: Datum = { month: m, label };
      const c: Datum = { month: m, label };
      for (const p of profiles) {
        const s = series.get(p.id);
        a[p.id] = s?.arrivals[m - 1] ?? 0;
        c[p.id] = s?.active[m - 1] ?? 0;
      }
      arrivals.push(a);
      active.push(c);
    }
    return { arrivals, active, series };
  }, [result, profiles, startMonth, locale]);

  if (!result || !model) return null;
  const totalArrivals = result.caseload.arrivals.reduce((s, x) => s + x, 0);
  const peak = result.metrics.peakActiveCases;
  const peakMonth = result.metrics.peakMonth;
  const colorOf = (i: number) => PROFILE_COLORS[i % PROFILE_COLORS.length] ?? '#6b7280';
  const tooltipFormatter = (v: unknown) => count(Number(v), locale);

  return (
    <>
      <div className="charts">
        <ChartCard
          id="chart-arrivals"
          empty={totalArrivals === 0 ? t('caseload.noArrivals') : null}
          height={220}
          caption={
            <>
              {t('caseload.chartArrivals')} <span className="muted">({t('caseload.chartUnit')})</span>
            </>
          }
        >
          <BarChart data={arrivals} margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#e5e7eb" />
            <XAxis dataKey="label" fontSize={11} stroke="#6b7280" minTickGap={16} />
            <YAxis fontSize={11} stroke="#6b7280" width={44} allowDecimals={false} />
            <Tooltip formatter={tooltipFormatter} separator=": " cursor={{ fill: 'rgba(0,0,0,0.04)' }} />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
            {profiles.map((p, i) => (
              <Bar key={p.id} dataKey={p.id} name={p.name} stackId="a" fill={colorOf(i)} isAnimationActive={false} />
            ))}
          </BarChart>
        </ChartCard>
        <ChartCard
          id="chart-active"
          empty={totalArrivals === 0 ? t('caseload.noArrivals') : null}
          height={220}
          caption={
            <>
              {t('caseload.chartActive')}{' '}
              {peakMonth > 0 && (
                <span className="muted">
                  ·{' '}
                  {t('caseload.peak', {
                    n: count(peak, locale),
                    month: formatMonth(monthLabel(startMonth, peakMonth), locale),
                  })}
                </span>
              )}
            </>
          }
        >
          <AreaChart data={active} margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#e5e7eb" />
            <XAxis dataKey="label" fontSize={11} stroke="#6b7280" minTickGap={16} />
            <YAxis fontSize={11} stroke="#6b7280" width={44} allowDecimals={false} />
            <Tooltip formatter={tooltipFormatter} separator=": " />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
            {profiles.map((p, i) => (
              <Area
                key={p.id}
                type="stepAfter"
                dataKey={p.id}
                name={p.name}
                stackId="c"
                stroke={colorOf(i)}
                fill={colorOf(i)}
                fillOpacity={0.55}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </ChartCard>
      </div>
      <section className="card" aria-labelledby="caseload-summary-h">
        <h2 id="caseload-summary-h" className="card-title">
          {t('caseload.summary')}
        </h2>
        <table className="data-table summary-table" data-testid="caseload-summary">
          <thead>
            <tr>
              <th scope="col">{t('profile.col.name')}</th>
              <th scope="col" className="num">
                {t('caseload.arrivalsTotal')}
              </th>
              <th scope="col" className="num">
                {t('caseload.persons')}
              </th>
              <th scope="col" className="num">
                {t('caseload.peakActive')}
              </th>
            </tr>
          </thead>
          <tbody>
            {profiles.map((p, i) => {
              const s = series.get(p.id);
              const peakActive = s ? Math.max(0, ...s.active) : 0;
              return (
                <tr key={p.id} data-testid={`caseload-summary-${p.id}`}>
                  <th scope="row">
                    <span className="swatch" style={{ background: colorOf(i) }} aria-hidden="true" /> {p.name}
                  </th>
                  <td className="num" data-value={s?.totalArrivals ?? 0}>
                    {count(s?.totalArrivals ?? 0, locale)}
                  </td>
                  <td className="num" data-value={s?.persons ?? 0}>
                    {count(s?.persons ?? 0, locale)}
                  </td>
                  <td className="num">{count(peakActive, locale)}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr className="total">
              <th scope="row">{t('caseload.total')}</th>
              <td className="num" data-testid="caseload-total-arrivals" data-value={totalArrivals}>
                {count(totalArrivals, locale)}
              </td>
              <td className="num" data-testid="caseload-total-persons" data-value={result.metrics.returneesAssisted}>
                {count(result.metrics.returneesAssisted, locale)}
              </td>
              <td className="num">{count(peak, locale)}</td>
            </tr>
          </tfoot>
        </table>
      </section>
    </>
  );
}
