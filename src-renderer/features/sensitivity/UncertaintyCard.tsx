/**
 * Uncertainty (issue 10, item 5): the key parameters with their ranges (low / likely / high, typed
 * in percent of the value, kept as factors through range.put / range.delete), the draws and the
 * seed, a Run that shows its progress and can be cancelled (the run is in the analysis worker: the
 * window never waits), and P10 / P50 / P90 of the total and the net cost with a histogram.
 */
import { useEffect, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { KeyParameter } from '../../../src-shared/engine';
import { currencyExponent, formatDecimal, formatMinor } from '../../../src-shared/money';
import type { Model, ParameterRange } from '../../../src-shared/model';
import type { Bin, MonteCarloOutcome, MonteCarloRequest } from '../../document/analysisCore';
import { MAX_DRAWS, MAX_SEED } from '../../document/analysisLimits';
import { sameComputed } from '../../document/analysisClient';
import { useAnalysis, useAnalysisStore } from '../../document/analysisStart';
import { useDocStore, useLocale, useReadOnly, useT } from '../../document/react';
import { translateCount } from '../../i18n';
import { ChartCard } from '../../shared/ChartCard';
import { TextInput } from '../../shared/inputs';
import { CheckedField } from './CheckedField';
import {
  checkDraws,
  checkSeed,
  editRange,
  factorToPercentText,
  parameterLabel,
  parameterOf,
  parameterValue,
  type RangeField,
  rangeOf,
} from './parameters';
import { useSensitivityUi } from './sensitivityUi';

const RANGE_FIELDS: readonly RangeField[] = ['low', 'likely', 'high'];

export function UncertaintyCard(props: { model: Model }) {
  const t = useT();
  const { model } = props;
  const params = useAnalysis((s) => s.tornado.value?.params ?? null);
  const keyIds = new Set((params ?? []).map((p) => p.id));
  const orphans = model.ranges
    .filter((r) => !keyIds.has(r.id))
    .map((r) => parameterOf(r.id))
    .filter((p): p is KeyParameter => p !== null);
  return (
    <section className="card" aria-labelledby="uncertainty-h" data-testid="uncertainty">
      <h2 id="uncertainty-h" className="card-title">
        {t('uncertainty.heading')}
      </h2>
      <p className="hint">{t('uncertainty.intro')}</p>
      {params === null ? (
        <p className="hint">{t('sensitivity.computing')}</p>
      ) : (
        <RangesTable model={model} params={params} testId="ranges" />
      )}
      {params !== null && orphans.length > 0 && (
        <>
          <h3 className="card-subtitle">{t('uncertainty.orphans')}</h3>
          <RangesTable model={model} params={orphans} testId="ranges-orphans" />
        </>
      )}
      <RunPanel model={model} keyIds={keyIds} />
      <p className="hint method" data-testid="uncertainty-method">
        {t('uncertainty.method')}
      </p>
    </section>
  );
}

function RangesTable(props: { model: Model; params: readonly KeyParameter[]; testId: string }) {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const readOnly = useReadOnly();
  const { model, params } = props;
  const send = (range: ParameterRange | null, id: string) => {
    if (range) void store.getState().command({ type: 'range.put', range });
    else if (model.ranges.some((r) => r.id === id)) void store.getState().command({ type: 'range.delete', id });
  };
  return (
    <div className="table-wrap">
      <table className="data-table ranges-table" data-testid={props.testId}>
        <thead>
          <tr>
            <th scope="col">{t('uncertainty.col.parameter')}</th>
            <th scope="col" className="num">
              {t('uncertainty.col.value')}
            </th>
            {RANGE_FIELDS.map((f) => (
              <th scope="col" className="num" key={f}>
                {t(`uncertainty.col.${f}`)}
              </th>
            ))}
            <th scope="col">
              <span className="sr-only">{t('partners.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {params.map((p) => {
            const name = parameterLabel(p, model, t);
            const range = rangeOf(model, p.id);
            const has = model.ranges.some((r) => r.id === p.id);
            return (
              <tr key={p.id} data-testid={`range-row-${p.id}`} className={has ? 'has-range' : undefined}>
                <th scope="row">{name}</th>
                <td className="num">{parameterValue(p, model, locale, t)}</td>
                {RANGE_FIELDS.map((field) => (
                  <td key={field} className="num range-cell">
                    <TextInput
                      variant="cell"
                      numeric
                      ariaLabel={t('uncertainty.fieldLabel', { field: t(`uncertainty.col.${field}`), name })}
                      value={factorToPercentText(range[field], locale)}
                      testId={`range-${field}-${p.id}`}
                      readOnly={readOnly}
                      commit={(text) => {
                        const r = editRange(range, field, text, locale, t);
                        if (!r.ok) return r;
                        send(r.range, p.id);
                        return { ok: true };
                      }}
                    />
                  </td>
                ))}
                <td className="row-actions">
                  {has && (
                    <button
                      type="button"
                      className="btn btn-small btn-quiet"
                      disabled={readOnly}
                      aria-label={t('uncertainty.clear', { name })}
                      title={t('uncertainty.clear', { name })}
                      data-testid={`range-clear-${p.id}`}
                      onClick={() => send(null, p.id)}
                    >
                      ✕
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RunPanel(props: { model: Model; keyIds: ReadonlySet<string> }) {
  const t = useT();
  const locale = useLocale();
  const analysis = useAnalysisStore();
  const lane = useAnalysis((s) => s.montecarlo);
  const draws = useSensitivityUi((s) => s.draws);
  const seed = useSensitivityUi((s) => s.seed);
  const setRun = useSensitivityUi((s) => s.setRun);
  const [drawsText, setDrawsText] = useState(() => formatDecimal(String(draws), locale));
  const [seedText, setSeedText] = useState(() => String(seed));
  const [drawsError, setDrawsError] = useState<string | null>(null);
  const [seedError, setSeedError] = useState<string | null>(null);
  const { model, keyIds } = props;
  const ranged = model.ranges.filter((r) => keyIds.has(r.id));
  const running = lane.status === 'running';

  /** Checks both fields; the values to run with, or null (the messages stand beside the fields). */
  const checked = (): { draws: number; seed: number } | null => {
    const d = checkDraws(drawsText, locale, MAX_DRAWS, t);
    const s = checkSeed(seedText, locale, MAX_SEED, t);
    setDrawsError(d.ok ? null : d.message);
    setSeedError(s.ok ? null : s.message);
    if (!d.ok || !s.ok) return null;
    setRun(d.value, s.value);
    return { draws: d.value, seed: s.value };
  };
  // The run's workers start and warm up on this model while the person chooses (montecarloPool.ts);
  // once a programme: the lane keeps its workers, and a later call does nothing.
  const warmWith = useRef<MonteCarloRequest | null>(null);
  warmWith.current = ranged.length > 0 ? { model, ranges: ranged, draws, seed } : null;
  const canWarm = ranged.length > 0;
  useEffect(() => {
    if (canWarm && warmWith.current) analysis.getState().warmMonteCarlo(warmWith.current);
  }, [analysis, canWarm]);
  const run = () => {
    const v = checked();
    if (v) analysis.getState().run('montecarlo', { model, ranges: ranged, draws: v.draws, seed: v.seed });
  };

  const total = lane.total > 0 ? lane.total : (lane.request?.draws ?? 0);
  return (
    <div className="mc-panel" data-testid="mc">
      <div className="analysis-fields">
        <CheckedField
          label={t('uncertainty.draws')}
          hint={t('uncertainty.drawsHint')}
          text={drawsText}
          error={drawsError}
          testId="mc-draws"
          onText={(v) => {
            setDrawsText(v);
            setDrawsError(null);
          }}
          onCommit={() => {
            const d = checkDraws(drawsText, locale, MAX_DRAWS, t);
            setDrawsError(d.ok ? null : d.message);
          }}
        />
        <CheckedField
          label={t('uncertainty.seed')}
          hint={t('uncertainty.seedHint')}
          text={seedText}
          error={seedError}
          testId="mc-seed"
          onText={(v) => {
            setSeedText(v);
            setSeedError(null);
          }}
          onCommit={() => {
            const s = checkSeed(seedText, locale, MAX_SEED, t);
            setSeedError(s.ok ? null : s.message);
          }}
        />
      </div>
      {ranged.length === 0 && (
        <p className="hint" data-testid="mc-no-ranges">
          {t('uncertainty.noRanges')}
        </p>
      )}
      <div className="verify-actions mc-actions">
        {running ? (
          <button
            type="button"
            className="btn"
            data-testid="mc-cancel"
            onClick={() => analysis.getState().cancel('montecarlo')}
          >
            {t('uncertainty.cancel')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="mc-run"
            disabled={ranged.length === 0}
            onClick={run}
          >
            {t('uncertainty.run')}
          </button>
        )}
        {running && (
          <div
            className="progress"
            role="progressbar"
            aria-label={t('uncertainty.progress')}
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={lane.done}
            aria-valuetext={t('uncertainty.progressText', {
              done: formatDecimal(String(lane.done), locale),
              total: formatDecimal(String(total), locale),
            })}
            data-testid="mc-progress"
          >
            <div className="progress-fill" style={{ width: `${total > 0 ? (100 * lane.done) / total : 0}%` }} />
          </div>
        )}
      </div>
      <p className="hint" role="status" aria-live="polite" data-testid="mc-status" data-state={lane.status}>
        {running
          ? t('uncertainty.progressText', {
              done: formatDecimal(String(lane.done), locale),
              total: formatDecimal(String(total), locale),
            })
          : lane.status === 'cancelled'
            ? t('uncertainty.cancelled')
            : lane.status === 'failed'
              ? t('uncertainty.failed', { message: lane.message ?? '' })
              : ''}
      </p>
      {lane.value && lane.valueFor && (
        <McResults
          value={lane.value}
          stale={
            !sameComputed(lane.valueFor.model, model) || JSON.stringify(lane.valueFor.ranges) !== JSON.stringify(ranged)
          }
        />
      )}
    </div>
  );
}

function McResults(props: { value: MonteCarloOutcome; stale: boolean }) {
  const t = useT();
  const locale = useLocale();
  const { value } = props;
  const cur = value.currency;
  const fmt = (v: number) => formatMinor(v, cur, locale);
  const rows = [
    { key: 'total', label: t('uncertainty.total'), p: value.total },
    { key: 'net', label: t('uncertainty.net'), p: value.net },
  ] as const;
  return (
    <div className="mc-results" data-testid="mc-results">
      <h3 className="card-subtitle">
        {t('uncertainty.results', {
          draws: formatDecimal(String(value.draws), locale),
          seed: String(value.seed),
        })}{' '}
        <span className="muted">({translateCount(locale, 'uncertainty.ranged', value.ranged)})</span>
      </h3>
      {props.stale && (
        <p className="hint warn" data-testid="mc-stale">
          {t('uncertainty.stale')}
        </p>
      )}
      <table className="data-table mc-table" data-testid="mc-table">
        <thead>
          <tr>
            <th scope="col">
              {t('uncertainty.figure')} <span className="muted">({cur})</span>
            </th>
            <th scope="col" className="num">
              P10
            </th>
            <th scope="col" className="num">
              P50
            </th>
            <th scope="col" className="num">
              P90
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {(['p10', 'p50', 'p90'] as const).map((q) => (
                <td className="num" key={q} data-minor={r.p[q]} data-testid={`mc-${r.key}-${q}`}>
                  {fmt(r.p[q])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('uncertainty.percentilesHint')}</p>
      <div className={value.hasSynergies ? 'charts' : undefined}>
        <Histogram
          id="mc-hist-total"
          bins={value.totalBins}
          caption={t('uncertainty.histTotal', { currency: cur })}
          currency={cur}
        />
        {value.hasSynergies && (
          <Histogram
            id="mc-hist-net"
            bins={value.netBins}
            caption={t('uncertainty.histNet', { currency: cur })}
            currency={cur}
          />
        )}
      </div>
    </div>
  );
}

function Histogram(props: { id: string; bins: Bin[]; caption: string; currency: string }) {
  const t = useT();
  const locale = useLocale();
  const { bins, currency } = props;
  const scale = 10 ** currencyExponent(currency);
  const fmt = (v: number) => formatMinor(v, currency, locale);
  // Three significant digits: neighbouring bars' starts stay apart ("5.45m", "5.52m").
  const tick = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    notation: 'compact',
    maximumSignificantDigits: 3,
  });
  const data = bins.map((b) => ({ name: tick.format(b.from / scale), count: b.count, from: b.from, to: b.to }));
  return (
    <ChartCard
      id={props.id}
      height={200}
      empty={bins.length === 0 ? t('chart.empty') : null}
      caption={props.caption}
      table={
        <table className="sr-only" data-testid={`${props.id}-table`}>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('uncertainty.col.from', { currency })}</th>
              <th scope="col">{t('uncertainty.col.to', { currency })}</th>
              <th scope="col">{t('uncertainty.col.count')}</th>
            </tr>
          </thead>
          <tbody>
            {bins.map((b) => (
              <tr key={b.from}>
                <td data-minor={b.from}>{fmt(b.from)}</td>
                <td data-minor={b.to}>{fmt(b.to)}</td>
                <td>{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <BarChart data={data} margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barCategoryGap={1}>
        <CartesianGrid vertical={false} stroke="#e5e7eb" />
        <XAxis dataKey="name" fontSize={11} stroke="#6b7280" minTickGap={12} />
        <YAxis allowDecimals={false} fontSize={11} stroke="#6b7280" width={48} />
        <Tooltip
          labelFormatter={(_, items) => {
            const p = items[0]?.payload as { from: number; to: number } | undefined;
            return p ? `${fmt(p.from)} – ${fmt(p.to)}` : '';
          }}
          separator=": "
          cursor={{ fill: 'rgba(0,0,0,0.04)' }}
        />
        <Bar dataKey="count" name={t('uncertainty.col.count')} fill="#2f6690" isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}
