/**
 * Sensitivity & uncertainty (DESIGN §6, issue 10 items 4–5), on the model shown (the baseline, or
 * the scenario the switcher shows: the ranges, factors of each value, serve both): a tornado of how the
 * total (and the net cost, where partners cover part of it) moves when each key parameter moves by
 * ± x %, and a seeded Monte-Carlo run over the ranges the parameters carry. Both are computed in
 * the analysis worker (analysisCore.ts); the ranges are kept in the programme (range.put /
 * range.delete), as factors of each parameter's value.
 */
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { currencyExponent, formatDecimal, formatMinor, type Locale } from '../../../src-shared/money';
import type { Model } from '../../../src-shared/model';
import type { TornadoOutcome } from '../../document/analysisCore';
import { useAnalysis, useAnalysisStore } from '../../document/analysisStart';
import { useActiveScenario, useLocale, useModel, useT } from '../../document/react';
import type { Translate } from '../../i18n';
import { ChartCard, compact } from '../../shared/ChartCard';
import { signedMinor } from '../../shared/signed';
import { CheckedField } from './CheckedField';
import { checkMove, parameterLabel, percentText, tornadoBars } from './parameters';
import { useSensitivityUi } from './sensitivityUi';
import { UncertaintyCard } from './UncertaintyCard';

const DOWN_COLOR = '#2f6690';
const UP_COLOR = '#c08a2d';

export function SensitivityScreen() {
  const t = useT();
  // The model shown: the baseline, or the scenario the switcher shows.
  const model = useModel();
  const scenario = useActiveScenario();
  if (!model) return null;
  return (
    <div className="screen sensitivity-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('sensitivity.heading')}</h1>
        <p className="screen-intro">{t('sensitivity.intro')}</p>
        <p className="screen-intro" data-testid="sensitivity-on" data-scenario={scenario?.id ?? ''}>
          {scenario ? t('sensitivity.onScenario', { name: scenario.name }) : t('sensitivity.onBaseline')}
        </p>
      </div>
      <TornadoCard model={model} />
      <UncertaintyCard model={model} />
    </div>
  );
}

function TornadoCard(props: { model: Model }) {
  const t = useT();
  const locale = useLocale();
  const analysis = useAnalysisStore();
  const move = useSensitivityUi((s) => s.move);
  const setMove = useSensitivityUi((s) => s.setMove);
  const [text, setText] = useState(() => formatDecimal(move, locale));
  const [error, setError] = useState<string | null>(null);
  const lane = useAnalysis((s) => s.tornado);
  const { model } = props;

  useEffect(() => {
    analysis.getState().run('tornado', { model, percent: move });
  }, [analysis, model, move]);

  const commit = () => {
    const r = checkMove(text, locale, t);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setError(null);
    setMove(r.value);
  };

  const value = lane.value;
  return (
    <section className="card" aria-labelledby="tornado-h" data-testid="tornado">
      <h2 id="tornado-h" className="card-title">
        {t('sensitivity.tornado', { pct: percentText(value?.percent ?? move, locale) })}
      </h2>
      <div className="analysis-fields">
        <CheckedField
          label={t('sensitivity.move')}
          hint={t('sensitivity.moveHint')}
          text={text}
          error={error}
          testId="tornado-move"
          suffix="%"
          onText={(v) => {
            setText(v);
            if (error) setError(null);
          }}
          onCommit={commit}
        />
      </div>
      <p className="hint" role="status" aria-live="polite" data-testid="tornado-status" data-state={lane.status}>
        {lane.status === 'running'
          ? t('sensitivity.computing')
          : lane.status === 'failed'
            ? t('sensitivity.failed', { message: lane.message ?? '' })
            : ''}
      </p>
      {value && <TornadoResults value={value} model={model} />}
    </section>
  );
}

function TornadoResults(props: { value: TornadoOutcome; model: Model }) {
  const t = useT();
  const locale = useLocale();
  const { value, model } = props;
  const cur = value.currency;
  const pct = percentText(value.percent, locale);
  const fmt = (v: number) => formatMinor(v, cur, locale);
  if (value.params.length === 0) {
    return (
      <p className="empty" data-testid="tornado-empty">
        {t('sensitivity.noParams')}
      </p>
    );
  }
  const net = value.hasSynergies;
  return (
    <>
      <p className="hint" data-testid="tornado-base" data-minor={value.base.total}>
        {t('sensitivity.base', { total: fmt(value.base.total), net: fmt(value.base.net), currency: cur })}
      </p>
      <TornadoChart value={value} model={model} which="total" />
      {net && <TornadoChart value={value} model={model} which="net" />}
      <div className="table-wrap">
        <table className="data-table tornado-table" data-testid="tornado-table">
          <thead>
            <tr>
              <th scope="col">{t('sensitivity.col.parameter')}</th>
              <th scope="col" className="num">
                {t('sensitivity.col.low', { pct })}
              </th>
              <th scope="col" className="num">
                {t('compare.col.delta')}
              </th>
              <th scope="col" className="num">
                {t('sensitivity.col.high', { pct })}
              </th>
              <th scope="col" className="num">
                {t('compare.col.delta')}
              </th>
              {net && (
                <>
                  <th scope="col" className="num">
                    {t('sensitivity.col.netLow', { pct })}
                  </th>
                  <th scope="col" className="num">
                    {t('sensitivity.col.netHigh', { pct })}
                  </th>
                </>
              )}
              <th scope="col" className="num">
                {t('sensitivity.col.swing')}
              </th>
            </tr>
          </thead>
          <tbody>
            {value.rows.map((r) => (
              <tr key={r.parameter.id} data-testid={`tornado-row-${r.parameter.id}`}>
                <th scope="row">{parameterLabel(r.parameter, model, t)}</th>
                <td className="num" data-minor={r.low.total}>
                  {fmt(r.low.total)}
                </td>
                <td className="num">{signedMinor(r.low.total - value.base.total, cur, locale)}</td>
                <td className="num" data-minor={r.high.total}>
                  {fmt(r.high.total)}
                </td>
                <td className="num">{signedMinor(r.high.total - value.base.total, cur, locale)}</td>
                {net && (
                  <>
                    <td className="num" data-minor={r.low.net}>
                      {fmt(r.low.net)}
                    </td>
                    <td className="num" data-minor={r.high.net}>
                      {fmt(r.high.net)}
                    </td>
                  </>
                )}
                <td className="num" data-minor={r.swing}>
                  {fmt(r.swing)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function TornadoChart(props: { value: TornadoOutcome; model: Model; which: 'total' | 'net' }) {
  const t = useT();
  const locale = useLocale();
  const { value, model, which } = props;
  const cur = value.currency;
  const scale = 10 ** currencyExponent(cur);
  const pct = percentText(value.percent, locale);
  const bars = tornadoBars(value, which, (r) => parameterLabel(r.parameter, model, t));
  const data = bars.map((b) => ({ name: b.name, down: b.down / scale, up: b.up / scale }));
  const caption = which === 'total' ? 'sensitivity.chartTotal' : 'sensitivity.chartNet';
  const id = `tornado-chart-${which}`;
  return (
    <ChartCard
      id={id}
      height={Math.max(120, 50 + bars.length * 24)}
      empty={bars.length === 0 ? t('chart.empty') : null}
      caption={t(caption, { currency: cur })}
      table={
        <TornadoTable
          id={id}
          bars={bars}
          pct={pct}
          currency={cur}
          locale={locale}
          t={t}
          caption={t(caption, { currency: cur })}
        />
      }
    >
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barGap={0}>
        <CartesianGrid horizontal={false} stroke="#e5e7eb" />
        <XAxis type="number" tickFormatter={compact(locale)} fontSize={11} stroke="#6b7280" />
        <YAxis type="category" dataKey="name" width={300} fontSize={11} stroke="#6b7280" interval={0} />
        <ReferenceLine x={0} stroke="#6b7280" />
        <Tooltip
          formatter={(v) => signedMinor(Math.round(Number(v) * scale), cur, locale)}
          separator=": "
          cursor={{ fill: 'rgba(0,0,0,0.04)' }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        <Bar dataKey="down" name={t('sensitivity.down', { pct })} fill={DOWN_COLOR} isAnimationActive={false} />
        <Bar dataKey="up" name={t('sensitivity.up', { pct })} fill={UP_COLOR} isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}

function TornadoTable(props: {
  id: string;
  bars: ReturnType<typeof tornadoBars>;
  pct: string;
  currency: string;
  locale: Locale;
  t: Translate;
  caption: string;
}) {
  const { bars, pct, currency, locale, t } = props;
  return (
    <table className="sr-only" data-testid={`${props.id}-table`}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('sensitivity.col.parameter')}</th>
          <th scope="col">{t('sensitivity.down', { pct })}</th>
          <th scope="col">{t('sensitivity.up', { pct })}</th>
        </tr>
      </thead>
      <tbody>
        {bars.map((b) => (
          <tr key={b.id}>
            <th scope="row">{b.name}</th>
            <td data-minor={b.down}>{signedMinor(b.down, currency, locale)}</td>
            <td data-minor={b.up}>{signedMinor(b.up, currency, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
