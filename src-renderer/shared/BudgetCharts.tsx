/**
 * The budget's charts (cost by level, by year), from the engine's result for the model on screen:
 * on the Budget screen and in the report.
 */
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { currencyExponent, formatMinor } from '../../src-shared/money';
import { LEVELS } from '../../src-shared/model';
import { useDeferredResult, useLocale, useModelPart, useT } from '../document/react';
import { ChartCard, compact } from './ChartCard';

export const LEVEL_COLORS: Record<string, string> = {
  individual: '#2f6690',
  community: '#3a7d44',
  structural: '#8a5a9e',
  support: '#6b7280',
  indirect: '#c08a2d',
  contingency: '#b5523b',
};

function major(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}

interface LevelDatum {
  key: string;
  name: string;
  value: number;
  minor: number;
}

export function Charts() {
  const t = useT();
  const locale = useLocale();
  const result = useDeferredResult();
  const startMonth = useModelPart((m) => m?.programme.startMonth ?? '');

  const byLevel = useMemo<LevelDatum[]>(() => {
    if (!result) return [];
    const rows: LevelDatum[] = LEVELS.map((l) => ({
      key: l,
      name: t(`level.${l}`),
      minor: result.byLevel[l],
      value: major(result.byLevel[l], result.currency),
    }));
    rows.push({
      key: 'indirect',
      name: t('chart.indirect'),
      minor: result.totals.indirect,
      value: major(result.totals.indirect, result.currency),
    });
    rows.push({
      key: 'contingency',
      name: t('chart.contingency'),
      minor: result.totals.contingency,
      value: major(result.totals.contingency, result.currency),
    });
    return rows;
  }, [result, t]);

  const byYear = useMemo(() => {
    if (!result) return [];
    const years = result.byYear.length;
    const sum = (xs: number[], y: number) => xs.slice(y * 12, y * 12 + 12).reduce((s, x) => s + x, 0);
    return Array.from({ length: years }, (_, y) => {
      const direct = sum(result.monthly.direct, y);
      const indirect = sum(result.monthly.indirect, y);
      const contingency = sum(result.monthly.contingency, y);
      return {
        name: t('chart.year', { n: y + 1 }),
        direct: major(direct, result.currency),
        indirect: major(indirect, result.currency),
        contingency: major(contingency, result.currency),
        minor: { direct, indirect, contingency, total: result.byYear[y] ?? 0 },
      };
    });
  }, [result, t]);

  if (!result) return null;
  const cur = result.currency;
  const fmtMinor = (v: number) => formatMinor(v, cur, locale);
  const fmtMajor = (v: number) => formatMinor(Math.round(v * 10 ** currencyExponent(cur)), cur, locale);
  const tick = compact(locale);
  const yearSeries = [
    { key: 'direct', label: t('chart.direct'), color: '#2f6690' },
    { key: 'indirect', label: t('chart.indirect'), color: LEVEL_COLORS.indirect },
    { key: 'contingency', label: t('chart.contingency'), color: LEVEL_COLORS.contingency },
  ] as const;

  const empty = result.totals.total === 0 ? t('chart.empty') : null;
  const byLevelTable = (
    <table className="sr-only" data-testid="chart-by-level-table">
      <caption>{t('chart.byLevel')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('chart.item')}</th>
          <th scope="col">{t('chart.amount', { currency: cur })}</th>
        </tr>
      </thead>
      <tbody>
        {byLevel.map((d) => (
          <tr key={d.key} data-key={d.key}>
            <th scope="row">{d.name}</th>
            <td data-minor={d.minor}>{fmtMinor(d.minor)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const byYearTable = (
    <table className="sr-only" data-testid="chart-by-year-table">
      <caption>{t('chart.byYear')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('chart.item')}</th>
          {yearSeries.map((s) => (
            <th scope="col" key={s.key}>
              {s.label}
            </th>
          ))}
          <th scope="col">{t('totals.total')}</th>
        </tr>
      </thead>
      <tbody>
        {byYear.map((d) => (
          <tr key={d.name}>
            <th scope="row">{d.name}</th>
            {yearSeries.map((s) => (
              <td key={s.key} data-minor={d.minor[s.key]}>
                {fmtMinor(d.minor[s.key])}
              </td>
            ))}
            <td data-minor={d.minor.total}>{fmtMinor(d.minor.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <div className="charts" data-start={startMonth}>
      <ChartCard
        id="chart-by-level"
        height={200}
        empty={empty}
        table={byLevelTable}
        caption={
          <>
            {t('chart.byLevel')} <span className="muted">({cur})</span>
          </>
        }
      >
        <BarChart data={byLevel} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#e5e7eb" />
          <XAxis type="number" tickFormatter={tick} fontSize={11} stroke="#6b7280" />
          <YAxis type="category" dataKey="name" width={130} fontSize={12} stroke="#6b7280" />
          <Tooltip formatter={(v) => fmtMajor(Number(v))} separator=": " cursor={{ fill: 'rgba(0,0,0,0.04)' }} />
          <Bar dataKey="value" name={t('chart.amount', { currency: cur })} isAnimationActive={false}>
            {byLevel.map((d) => (
              <Cell key={d.key} fill={LEVEL_COLORS[d.key] ?? '#6b7280'} />
            ))}
          </Bar>
        </BarChart>
      </ChartCard>
      <ChartCard
        id="chart-by-year"
        height={200}
        empty={empty}
        table={byYearTable}
        caption={
          <>
            {t('chart.byYear')} <span className="muted">({cur})</span>
          </>
        }
      >
        <BarChart data={byYear} margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid vertical={false} stroke="#e5e7eb" />
          <XAxis dataKey="name" fontSize={12} stroke="#6b7280" />
          <YAxis tickFormatter={tick} fontSize={11} stroke="#6b7280" width={56} />
          <Tooltip
            formatter={(v) => fmtMajor(Number(v))}
            separator=": "
            itemSorter={(item) => yearSeries.findIndex((s) => s.key === item.dataKey)}
            cursor={{ fill: 'rgba(0,0,0,0.04)' }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {yearSeries.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="y" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ChartCard>
    </div>
  );
}
