/**
 * What the synergies are worth (DESIGN §5): gross cost, covered by partners, net to the programme
 * (what the donor is asked for), expected cost and worst case, with a chart; and the drop-out view:
 * for each partner, what the programme would have to add, by year and by funding source, if that
 * partner did not deliver.
 */
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { currencyExponent, formatMinor, formatPercent } from '../../../src-shared/money';
import type { Partner } from '../../../src-shared/model';
import { byPosition, mainDonor } from '../../document/order';
import { useLocale, useModel, useResult, useT } from '../../document/react';
import { ChartCard, compact } from '../../shared/ChartCard';

const COLORS = { gross: '#6b7280', net: '#2f6690', expected: '#c08a2d', worstCase: '#b5523b' } as const;

export function SynergySummary(props: { partners: readonly Partner[] }) {
  const t = useT();
  const locale = useLocale();
  const model = useModel();
  const result = useResult();
  if (!model || !result) return null;
  const cur = result.currency;
  const s = result.synergies.totals;
  const fmt = (v: number) => formatMinor(v, cur, locale);
  const years = Math.ceil(result.durationMonths / 12);
  const funders = byPosition(model.funders);
  const main = mainDonor(funders);
  const funderName = (id: string) =>
    id === '' ? t('totals.unfunded') : (funders.find((f) => f.id === id)?.name ?? t('synergies.goneFunder'));
  const dropOut = new Map(result.synergies.partners.map((d) => [d.partnerId, d]));
  const figures = [
    { key: 'gross', value: s.gross },
    { key: 'covered', value: s.covered },
    { key: 'net', value: s.net },
    { key: 'expected', value: s.expected },
    { key: 'worstCase', value: s.worstCase },
  ] as const;
  const chart = (['gross', 'net', 'expected', 'worstCase'] as const).map((k) => ({
    key: k,
    name: t(`synergies.figure.${k}`),
    value: s[k] / 10 ** currencyExponent(cur),
    minor: s[k],
  }));

  return (
    <>
      <section className="card" aria-labelledby="synergy-figures-h" data-testid="synergy-summary">
        <h2 id="synergy-figures-h" className="card-title">
          {t('synergies.summary')} <span className="muted">({cur})</span>
        </h2>
        <dl className="metrics-grid synergy-figures">
          {figures.map((f) => (
            <div className="metric" key={f.key}>
              <dt className="metric-label">{t(`synergies.figure.${f.key}`)}</dt>
              <dd className="metric-value" data-testid={`synergy-${f.key}`} data-minor={f.value}>
                {fmt(f.value)}
              </dd>
              <dd className="metric-sub">{t(`synergies.figureHint.${f.key}`)}</dd>
            </div>
          ))}
          <div className="metric">
            <dt className="metric-label">{t('synergies.figure.leverage')}</dt>
            <dd className="metric-value" data-testid="synergy-leverage">
              {s.leverage === null ? '—' : formatPercent(s.leverage, locale, 0)}
            </dd>
            <dd className="metric-sub">{t('synergies.figureHint.leverage')}</dd>
          </div>
        </dl>
        {s.coordination > 0 && (
          <p className="hint" data-testid="synergy-coordination">
            {t('synergies.coordination', { amount: `${fmt(s.coordination)} ${cur}` })}
          </p>
        )}
        {s.coveredOutside > 0 && (
          <p className="hint">{t('synergies.outside', { amount: `${fmt(s.coveredOutside)} ${cur}` })}</p>
        )}
        {s.addedBeneficiaries > 0 && (
          <p className="hint">{t('synergies.reach', { n: s.addedBeneficiaries.toLocaleString(locale) })}</p>
        )}
      </section>
      <div className="charts">
        <ChartCard
          id="chart-synergies"
          height={200}
          empty={null}
          caption={
            <>
              {t('synergies.chart')} <span className="muted">({cur})</span>
            </>
          }
          table={
            <table className="sr-only" data-testid="chart-synergies-table">
              <caption>{t('synergies.chart')}</caption>
              <tbody>
                {chart.map((d) => (
                  <tr key={d.key}>
                    <th scope="row">{d.name}</th>
                    <td data-minor={d.minor}>{fmt(d.minor)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          <BarChart data={chart} margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid vertical={false} stroke="#e5e7eb" />
            <XAxis dataKey="name" fontSize={11} stroke="#6b7280" interval={0} />
            <YAxis fontSize={11} stroke="#6b7280" width={56} tickFormatter={compact(locale)} />
            <Tooltip separator=": " cursor={{ fill: 'rgba(0,0,0,0.04)' }} />
            <Bar dataKey="value" isAnimationActive={false}>
              {chart.map((d) => (
                <Cell key={d.key} fill={COLORS[d.key]} />
              ))}
            </Bar>
          </BarChart>
        </ChartCard>
        <section className="card chart" aria-labelledby="dropout-h" data-testid="dropout">
          <h2 id="dropout-h" className="card-title">
            {t('synergies.dropOut')}
          </h2>
          <p className="hint">{t('synergies.dropOutHint', { donor: main?.name ?? t('totals.unfunded') })}</p>
          <div className="table-wrap">
            <table className="data-table dropout-table">
              <thead>
                <tr>
                  <th scope="col">{t('partners.col.name')}</th>
                  {Array.from({ length: years }, (_, y) => (
                    <th scope="col" className="num" key={y}>
                      {t('chart.year', { n: y + 1 })}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('totals.total')}
                  </th>
                  <th scope="col">{t('synergies.dropOutFunders')}</th>
                </tr>
              </thead>
              <tbody>
                {props.partners.map((p) => {
                  const d = dropOut.get(p.id);
                  return (
                    <tr key={p.id} data-testid={`dropout-${p.id}`}>
                      <th scope="row">{p.name}</th>
                      {Array.from({ length: years }, (_, y) => (
                        <td className="num" key={y}>
                          {fmt(d?.byYear[y] ?? 0)}
                        </td>
                      ))}
                      <td className="num strong" data-minor={d?.total ?? 0} data-testid={`dropout-total-${p.id}`}>
                        {fmt(d?.total ?? 0)}
                      </td>
                      <td className="hint">
                        {Object.entries(d?.byFunder ?? {})
                          .filter(([, v]) => v !== 0)
                          .map(([id, v]) => `${funderName(id)}: ${fmt(v)}`)
                          .join(' · ') || '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </>
  );
}
