/**
 * The Compare screen's charts (recharts, each in a ChartCard with the same figures as a table for
 * screen readers): direct cost by level (grouped bars), funding sources (stacked), spending per
 * month (lines), and the bridge from the reference to another scenario by cause (a waterfall whose
 * numbers are shown beside it). Amounts reach the charts in major units (drawing only); tables
 * and tooltips format the engine's minor units.
 */
import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { currencyExponent, formatMinor } from '../../../src-shared/money';
import { LEVELS, type Model, monthLabel } from '../../../src-shared/model';
import type { CompareOutcome } from '../../document/analysisCore';
import { useLocale, useT } from '../../document/react';
import { ChartCard, compact } from '../../shared/ChartCard';
import { signedMinor } from '../../shared/signed';
import { useCompareUi } from './compareUi';
import { rowLabel, stepWords, waterfall } from './compareView';

/** One colour per compared scenario, in the order picked. */
export const SCENARIO_COLORS = ['#2f6690', '#c08a2d', '#3a7d44', '#8a5a9e'] as const;
const FUNDER_COLORS = ['#2f6690', '#3a7d44', '#c08a2d', '#8a5a9e', '#b5523b', '#4b8f9c', '#a0763d', '#5c6bc0'];
const UNFUNDED_COLOR = '#9ca3af';
const STEP_COLORS = { total: '#6b7280', up: '#b5523b', down: '#3a7d44' } as const;

export function CompareCharts(props: { value: CompareOutcome; names: string[]; keys: string[]; model: Model }) {
  const t = useT();
  const locale = useLocale();
  const { value, names, keys, model } = props;
  const cur = value.currency;
  const scale = 10 ** currencyExponent(cur);
  const major = (minor: number) => minor / scale;
  const fmt = (minor: number) => formatMinor(minor, cur, locale);
  const fmtMajor = (v: number) => formatMinor(Math.round(v * scale), cur, locale);
  const tick = compact(locale);
  const series = names.map((name, i) => ({ key: `s${i}`, name, color: SCENARIO_COLORS[i] ?? '#6b7280' }));

  const byLevel = useMemo(
    () =>
      LEVELS.map((level) => {
        const row: Record<string, string | number> = { name: t(`level.${level}`) };
        value.figures.forEach((f, i) => (row[`s${i}`] = major(f.byLevel[level])));
        return row;
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- major follows value.currency
    [value, t],
  );

  const funders = useMemo(() => {
    const ids = [...new Set(value.figures.flatMap((f) => Object.keys(f.byFunder)))].sort((a, b) =>
      a === '' ? 1 : b === '' ? -1 : 0,
    );
    return ids.map((id, i) => ({
      id,
      key: `f${i}`,
      name: rowLabel(`funder:${id}`, model, t),
      color: id === '' ? UNFUNDED_COLOR : (FUNDER_COLORS[i % FUNDER_COLORS.length] as string),
    }));
  }, [value, model, t]);
  const byFunder = useMemo(
    () =>
      value.figures.map((f, i) => {
        const row: Record<string, string | number> = { name: names[i] ?? '' };
        for (const fu of funders) row[fu.key] = major(f.byFunder[fu.id] ?? 0);
        return row;
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- major follows value.currency
    [value, funders, names],
  );

  const months = Math.max(...value.figures.map((f) => f.monthly.length));
  const monthly = useMemo(
    () =>
      Array.from({ length: months }, (_, m) => {
        const row: Record<string, string | number> = { name: monthLabel(value.startMonth, m + 1) };
        value.figures.forEach((f, i) => (row[`s${i}`] = major(f.monthly[m] ?? 0)));
        return row;
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- major follows value.currency
    [value, months],
  );

  const empty = value.figures.every((f) => f.total === 0) ? t('chart.empty') : null;

  return (
    <>
      <div className="charts">
        <ChartCard
          id="compare-chart-levels"
          height={220}
          empty={empty}
          caption={
            <>
              {t('compare.chart.byLevel')} <span className="muted">({cur})</span>
            </>
          }
          table={
            <ScenarioTable
              testId="compare-chart-levels-table"
              caption={t('compare.chart.byLevel')}
              corner={t('chart.item')}
              names={names}
              rows={LEVELS.map((level) => ({
                key: level,
                label: t(`level.${level}`),
                values: value.figures.map((f) => f.byLevel[level]),
              }))}
              fmt={fmt}
            />
          }
        >
          <BarChart data={byLevel} margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid vertical={false} stroke="#e5e7eb" />
            <XAxis dataKey="name" fontSize={11} stroke="#6b7280" interval={0} />
            <YAxis tickFormatter={tick} fontSize={11} stroke="#6b7280" width={56} />
            <Tooltip formatter={(v) => fmtMajor(Number(v))} separator=": " cursor={{ fill: 'rgba(0,0,0,0.04)' }} />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ChartCard>
        <ChartCard
          id="compare-chart-funders"
          height={220}
          empty={empty}
          caption={
            <>
              {t('compare.chart.funders')} <span className="muted">({cur})</span>
            </>
          }
          table={
            <ScenarioTable
              testId="compare-chart-funders-table"
              caption={t('compare.chart.funders')}
              corner={t('chart.item')}
              names={names}
              rows={funders.map((fu) => ({
                key: fu.key,
                label: fu.name,
                values: value.figures.map((f) => f.byFunder[fu.id] ?? 0),
              }))}
              fmt={fmt}
            />
          }
        >
          <BarChart data={byFunder} margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid vertical={false} stroke="#e5e7eb" />
            <XAxis dataKey="name" fontSize={11} stroke="#6b7280" interval={0} />
            <YAxis tickFormatter={tick} fontSize={11} stroke="#6b7280" width={56} />
            <Tooltip formatter={(v) => fmtMajor(Number(v))} separator=": " cursor={{ fill: 'rgba(0,0,0,0.04)' }} />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
            {funders.map((fu) => (
              <Bar key={fu.key} dataKey={fu.key} name={fu.name} stackId="f" fill={fu.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ChartCard>
      </div>
      <ChartCard
        id="compare-chart-monthly"
        height={240}
        empty={empty}
        caption={
          <>
            {t('compare.chart.monthly')} <span className="muted">({cur})</span>
          </>
        }
        table={
          <ScenarioTable
            testId="compare-chart-monthly-table"
            caption={t('compare.chart.monthly')}
            corner={t('compare.chart.month')}
            names={names}
            rows={Array.from({ length: months }, (_, m) => ({
              key: String(m),
              label: monthLabel(value.startMonth, m + 1),
              values: value.figures.map((f) => f.monthly[m] ?? 0),
            }))}
            fmt={fmt}
          />
        }
      >
        <LineChart data={monthly} margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid vertical={false} stroke="#e5e7eb" />
          <XAxis dataKey="name" fontSize={11} stroke="#6b7280" minTickGap={24} />
          <YAxis tickFormatter={tick} fontSize={11} stroke="#6b7280" width={56} />
          <Tooltip formatter={(v) => fmtMajor(Number(v))} separator=": " />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {series.map((s) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.name}
              stroke={s.color}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ChartCard>
      <BridgeCard value={value} names={names} keys={keys} />
    </>
  );
}

/** A chart's table for screen readers: a row per item, a column per scenario (amounts in minor units). */
function ScenarioTable(props: {
  testId: string;
  caption: string;
  corner: string;
  names: readonly string[];
  rows: readonly { key: string; label: string; values: readonly number[] }[];
  fmt: (minor: number) => string;
}) {
  return (
    <table className="sr-only" data-testid={props.testId}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.corner}</th>
          {props.names.map((n, i) => (
            <th scope="col" key={i}>
              {n}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {r.values.map((v, i) => (
              <td key={i} data-minor={v}>
                {props.fmt(v)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BridgeCard(props: { value: CompareOutcome; names: string[]; keys: string[] }) {
  const t = useT();
  const locale = useLocale();
  const stored = useCompareUi((s) => s.bridgeTo);
  const setBridgeTo = useCompareUi((s) => s.setBridgeTo);
  const { value, names, keys } = props;
  const cur = value.currency;
  const scale = 10 ** currencyExponent(cur);
  const fmt = (minor: number) => formatMinor(minor, cur, locale);
  const fmtMajor = (v: number) => formatMinor(Math.round(v * scale), cur, locale);
  // The bridges are from the reference (index 0) to each other one, in order.
  const chosen = stored !== null && keys.indexOf(stored) > 0 ? keys.indexOf(stored) : 1;
  const b = value.bridges[chosen - 1];
  const bars = useMemo(() => (b ? waterfall(b) : []), [b]);
  if (!b) return null;
  const from = names[0] ?? '';
  const to = names[chosen] ?? '';
  const label = (key: string) =>
    key === 'from' ? from : key === 'to' ? to : stepWords(key as Parameters<typeof stepWords>[0], t);
  const data = bars.map((bar) => ({
    name: label(bar.key),
    base: bar.base / scale,
    size: bar.size / scale,
    kind: bar.kind,
    amount: bar.amount,
  }));
  const sum = b.steps.reduce((s, x) => s + x.amount, 0);
  return (
    <section className="card chart" aria-labelledby="compare-bridge-h" data-testid="compare-bridge">
      <div className="card-head">
        <h2 id="compare-bridge-h" className="card-title">
          {t('compare.bridge', { from, to })} <span className="muted">({cur})</span>
        </h2>
        {names.length > 2 && (
          <label className="compare-bridge-to">
            {t('compare.bridgeTo')}{' '}
            <select
              className="input"
              value={keys[chosen] ?? ''}
              data-testid="compare-bridge-target"
              onChange={(e) => setBridgeTo(e.target.value)}
            >
              {keys.slice(1).map((k, i) => (
                <option key={k || 'baseline'} value={k}>
                  {names[i + 1]}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="hint">{t('compare.bridgeHint')}</p>
      <div className="bridge-layout">
        <div className="chart-area" aria-hidden="true" style={{ height: 40 + 30 * data.length }}>
          <ResponsiveContainer width="100%" height={40 + 30 * data.length}>
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
              <CartesianGrid horizontal={false} stroke="#e5e7eb" />
              <XAxis type="number" tickFormatter={compact(locale)} fontSize={11} stroke="#6b7280" />
              <YAxis type="category" dataKey="name" width={140} fontSize={11} stroke="#6b7280" interval={0} />
              <ReferenceLine x={0} stroke="#9ca3af" />
              <Tooltip
                formatter={(v, name, item) =>
                  name === 'size' ? fmtMajor((item.payload as { amount: number }).amount / scale) : null
                }
                separator=": "
                cursor={{ fill: 'rgba(0,0,0,0.04)' }}
              />
              <Bar dataKey="base" stackId="w" fill="transparent" isAnimationActive={false} legendType="none" />
              <Bar dataKey="size" stackId="w" isAnimationActive={false}>
                {data.map((d) => (
                  <Cell key={d.name} fill={STEP_COLORS[d.kind]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        <table className="data-table bridge-table" data-testid="compare-bridge-table">
          <thead>
            <tr>
              <th scope="col">{t('compare.bridgeCol.step')}</th>
              <th scope="col" className="num">
                {t('compare.bridgeCol.amount', { currency: cur })}
              </th>
              <th scope="col" className="num">
                {t('compare.bridgeCol.running', { currency: cur })}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.key} data-testid={`compare-bridge-${bar.key}`} data-minor={bar.amount}>
                <th scope="row">{label(bar.key)}</th>
                <td className="num">{bar.kind === 'total' ? fmt(bar.amount) : signedMinor(bar.amount, cur, locale)}</td>
                <td className="num">{fmt(bar.end)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint" data-testid="compare-bridge-sum" data-minor={sum}>
        {t('compare.bridgeSum', { sum: signedMinor(sum, cur, locale) })}
      </p>
    </section>
  );
}
