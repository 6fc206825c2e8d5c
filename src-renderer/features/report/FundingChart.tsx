/**
 * The report's funding chart: what each funding source pays (indirect costs and contingency
 * included, as the engine splits them), and what no source covers, with the same figures as a
 * table for screen readers.
 */
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { ComputeResult } from '../../../src-shared/engine';
import { currencyExponent, formatMinor } from '../../../src-shared/money';
import type { FunderStatus, Model } from '../../../src-shared/model';
import { byPosition } from '../../document/order';
import { useLocale, useT } from '../../document/react';
import { ChartCard, compact } from '../../shared/ChartCard';

const STATUS_COLORS: Record<FunderStatus | 'unfunded', string> = {
  confirmed: '#2f6690',
  pipeline: '#c08a2d',
  hypothetical: '#8a5a9e',
  unfunded: '#b5523b',
};

interface FunderDatum {
  key: string;
  name: string;
  status: FunderStatus | 'unfunded';
  minor: number;
  value: number;
}

export function FundingChart({ model, result }: { model: Model; result: ComputeResult }) {
  const t = useT();
  const locale = useLocale();
  const cur = result.currency;
  const scale = 10 ** currencyExponent(cur);
  const rows: FunderDatum[] = byPosition(model.funders).map((f) => {
    const minor = result.byFunder[f.id] ?? 0;
    return { key: f.id, name: f.name, status: f.status, minor, value: minor / scale };
  });
  const unfunded = result.byFunder[''] ?? 0;
  if (unfunded !== 0) {
    rows.push({
      key: '',
      name: t('report.figure.unfunded'),
      status: 'unfunded',
      minor: unfunded,
      value: unfunded / scale,
    });
  }
  const fmt = (v: number) => formatMinor(v, cur, locale);
  const statusText = (s: FunderDatum['status']) =>
    s === 'unfunded' ? t('report.figure.unfunded') : t(`funders.status.${s}`);
  const empty = rows.every((r) => r.minor === 0) ? t('chart.empty') : null;
  return (
    <div className="charts">
      <ChartCard
        id="chart-by-funder"
        height={Math.max(120, 44 * rows.length + 24)}
        empty={empty}
        caption={
          <>
            {t('report.byFunder')} <span className="muted">({cur})</span>
          </>
        }
        table={
          <table className="sr-only" data-testid="chart-by-funder-table">
            <caption>{t('report.byFunder')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('chart.item')}</th>
                <th scope="col">{t('funders.col.status')}</th>
                <th scope="col">{t('chart.amount', { currency: cur })}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-key={r.key}>
                  <th scope="row">{r.name}</th>
                  <td>{statusText(r.status)}</td>
                  <td data-minor={r.minor}>{fmt(r.minor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#e5e7eb" />
          <XAxis type="number" tickFormatter={compact(locale)} fontSize={11} stroke="#6b7280" />
          <YAxis type="category" dataKey="name" width={220} fontSize={11} stroke="#6b7280" />
          <Tooltip
            formatter={(v) => fmt(Math.round(Number(v) * scale))}
            separator=": "
            cursor={{ fill: 'rgba(0,0,0,0.04)' }}
          />
          <Bar dataKey="value" name={t('chart.amount', { currency: cur })} isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.key} fill={STATUS_COLORS[r.status]} />
            ))}
          </Bar>
        </BarChart>
      </ChartCard>
    </div>
  );
}
