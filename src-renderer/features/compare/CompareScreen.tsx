/**
 * Compare (DESIGN §6, issue 10 item 3): 2–4 of the baseline and the scenarios side by side, the
 * first picked being the reference: totals and differences (amount and %) for the whole
 * programme, by level, year, funding source and category, and the key figures in money; the lines
 * that differ and why; charts; and a bridge from the reference to another by cause. Everything is
 * computed in the analysis worker (analysisCore.ts), never during a render.
 *
 * Decision: the comparison is of the baseline and the scenarios' overlays on it, whichever
 *   scenario the switcher shows (that one is picked by default, beside the baseline).
 */
import { type ReactNode, useEffect, useMemo } from 'react';
import type { Finding } from '../../../src-shared/checks';
import type { CompareRow } from '../../../src-shared/engine';
import { formatMinor, type Locale } from '../../../src-shared/money';
import type { Model, Overlay } from '../../../src-shared/model';
import type { CompareOutcome } from '../../document/analysisCore';
import { useAnalysis, useAnalysisStore } from '../../document/analysisStart';
import { byPosition } from '../../document/order';
import { useActiveScenario, useBaseline, useLocale, useT } from '../../document/react';
import { translateCount, type Translate } from '../../i18n';
import { findingText } from '../../shared/findings';
import { formatDeltaPercent, signedMinor } from '../../shared/signed';
import { CompareCharts } from './CompareCharts';
import { useCompareUi } from './compareUi';
import {
  BASELINE,
  causeWords,
  defaultPicks,
  existingPicks,
  lineName,
  makeReference,
  MAX_PICKED,
  MIN_PICKED,
  type RowGroup,
  rowLabel,
  rowsOf,
  scenarioName,
  togglePick,
} from './compareView';

const GROUPS: readonly RowGroup[] = ['summary', 'level', 'year', 'funder', 'category', 'metric'];

export function CompareScreen() {
  const t = useT();
  // The baseline itself, not the scenario the switcher shows: every overlay applies to it.
  const model = useBaseline();
  const shown = useActiveScenario()?.id ?? null;
  const analysis = useAnalysisStore();
  const stored = useCompareUi((s) => s.picked);
  const picked = useMemo(
    () => (model ? existingPicks(stored ?? defaultPicks(model, shown), model) : []),
    [model, stored, shown],
  );
  const scenarios = model?.scenarios;
  const overlays = useMemo(
    () => picked.map((id): Overlay | null => scenarios?.find((s) => s.id === id)?.overlay ?? null),
    [picked, scenarios],
  );

  useEffect(() => {
    if (!model || picked.length < MIN_PICKED) return;
    analysis.getState().run('compare', {
      baseline: model,
      overlays,
      keys: picked,
      bridges: picked.slice(1).map((_, i): [number, number] => [0, i + 1]),
    });
  }, [analysis, model, overlays, picked]);

  if (!model) return null;
  return (
    <div className="screen compare-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('compare.heading')}</h1>
        <p className="screen-intro">{t('compare.intro')}</p>
      </div>
      <PickCard model={model} picked={picked} />
      {picked.length >= MIN_PICKED && <Results model={model} />}
    </div>
  );
}

function PickCard(props: { model: Model; picked: string[] }) {
  const t = useT();
  const setPicked = useCompareUi((s) => s.setPicked);
  const { model, picked } = props;
  const choices = [BASELINE, ...byPosition(model.scenarios).map((s) => s.id)];
  const full = picked.length >= MAX_PICKED;
  return (
    <section className="card" aria-labelledby="compare-pick-h" data-testid="compare-pick">
      <h2 id="compare-pick-h" className="card-title">
        {t('compare.pick')}
      </h2>
      {model.scenarios.length === 0 ? (
        <p className="empty" data-testid="compare-no-scenarios">
          {t('compare.noScenarios')}
        </p>
      ) : (
        <fieldset className="compare-picks">
          <legend className="hint" id="compare-pick-hint">
            {t('compare.pickHint')}
          </legend>
          {choices.map((id) => {
            const name = scenarioName(model, id, t);
            const order = picked.indexOf(id);
            const testId = id === BASELINE ? 'baseline' : id;
            return (
              <div className="compare-pick" key={id || 'baseline'}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={order >= 0}
                    disabled={order < 0 && full}
                    data-testid={`compare-pick-${testId}`}
                    onChange={() => setPicked(togglePick(picked, id))}
                  />{' '}
                  {order >= 0 && (
                    <span className="compare-order" aria-hidden="true">
                      {order + 1}
                    </span>
                  )}{' '}
                  {name}
                  {order === 0 && <span className="badge compare-reference">{t('compare.referenceBadge')}</span>}
                </label>
                {order > 0 && (
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    data-testid={`compare-reference-${testId}`}
                    onClick={() => setPicked(makeReference(picked, id))}
                  >
                    {t('compare.makeReference', { name })}
                  </button>
                )}
              </div>
            );
          })}
        </fieldset>
      )}
      {model.scenarios.length > 0 && picked.length < MIN_PICKED && (
        <p className="hint" data-testid="compare-pick-more">
          {t('compare.pickMore')}
        </p>
      )}
      {full && choices.length > MAX_PICKED && <p className="hint">{t('compare.maxPicked')}</p>}
    </section>
  );
}

function Results(props: { model: Model }) {
  const t = useT();
  const locale = useLocale();
  const lane = useAnalysis((s) => s.compare);
  const { model } = props;
  const value = lane.value;
  const keys = lane.valueFor?.keys ?? [];
  const names = keys.map((id) => scenarioName(model, id, t));
  return (
    <>
      <p
        className="hint compare-status"
        role="status"
        aria-live="polite"
        data-testid="compare-status"
        data-state={lane.status}
      >
        {lane.status === 'running'
          ? t('compare.computing')
          : lane.status === 'failed'
            ? t('compare.failed', { message: lane.message ?? '' })
            : ''}
      </p>
      {value && names.length === value.figures.length && (
        <div
          className={lane.status === 'running' ? 'compare-results stale' : 'compare-results'}
          data-testid="compare-results"
        >
          <MissingNotes value={value} names={names} locale={locale} t={t} />
          <TotalsTable value={value} names={names} model={model} />
          <LinesTable value={value} names={names} model={model} />
          <FindingsTable value={value} names={names} model={model} />
          <CompareCharts value={value} names={names} keys={keys} model={model} />
        </div>
      )}
    </>
  );
}

function MissingNotes(props: { value: CompareOutcome; names: string[]; locale: Locale; t: Translate }) {
  const { value, names, locale } = props;
  const notes = value.missing
    .map((m, i) => ({ n: m.length, name: names[i] ?? '' }))
    .filter((x) => x.n > 0)
    .map((x) => translateCount(locale, 'compare.missing', x.n, { name: x.name }));
  if (notes.length === 0) return null;
  return (
    <div className="card compare-missing" data-testid="compare-missing">
      {notes.map((n) => (
        <p className="hint" key={n}>
          {n}
        </p>
      ))}
    </div>
  );
}

function TotalsTable(props: { value: CompareOutcome; names: string[]; model: Model }) {
  const t = useT();
  const locale = useLocale();
  const { value, names, model } = props;
  const cur = value.currency;
  const others = names.slice(1);
  const columns = 1 + names.length + 2 * others.length;
  return (
    <section className="card" aria-labelledby="compare-totals-h" data-testid="compare-totals">
      <h2 id="compare-totals-h" className="card-title">
        {t('compare.totals')} <span className="muted">({cur})</span>
      </h2>
      <p className="hint">{t('compare.totalsHint')}</p>
      <div className="table-wrap">
        <table className="data-table compare-table">
          <thead>
            <tr>
              <th scope="col">{t('compare.col.item')}</th>
              <th scope="col" className="num">
                {names[0]}
              </th>
              {others.map((name, i) => (
                <Headers key={i} name={name} t={t} />
              ))}
            </tr>
          </thead>
          {GROUPS.map((group) => {
            const rows = rowsOf(value.rows, group);
            if (rows.length === 0) return null;
            return (
              <tbody key={group}>
                <tr className="compare-group">
                  <th scope="colgroup" colSpan={columns}>
                    {t(`compare.group.${group}`)}
                  </th>
                </tr>
                {rows.map((row) => (
                  <TotalsRow
                    key={row.key}
                    row={row}
                    label={rowLabel(row.key, model, t)}
                    currency={cur}
                    locale={locale}
                  />
                ))}
              </tbody>
            );
          })}
        </table>
      </div>
    </section>
  );
}

function Headers(props: { name: string; t: Translate }) {
  const { name, t } = props;
  return (
    <>
      <th scope="col" className="num">
        {name}
      </th>
      <th scope="col" className="num" title={t('compare.deltaOf', { name })}>
        <span aria-hidden="true">{t('compare.col.delta')}</span>
        <span className="sr-only">{t('compare.deltaOf', { name })}</span>
      </th>
      <th scope="col" className="num" title={t('compare.deltaPctOf', { name })}>
        <span aria-hidden="true">{t('compare.col.deltaPct')}</span>
        <span className="sr-only">{t('compare.deltaPctOf', { name })}</span>
      </th>
    </>
  );
}

function TotalsRow(props: { row: CompareRow; label: string; currency: string; locale: Locale }) {
  const { row, label, currency, locale } = props;
  const tone = (d: number) => (d > 0 ? 'delta-up' : d < 0 ? 'delta-down' : 'delta-zero');
  return (
    <tr data-testid={`compare-row-${row.key}`}>
      <th scope="row">{label}</th>
      {row.values.map((v, i) => (
        <Cells
          key={i}
          index={i}
          value={v}
          delta={row.deltas[i] ?? 0}
          percent={row.percents[i] ?? null}
          rowKey={row.key}
          tone={tone(row.deltas[i] ?? 0)}
          currency={currency}
          locale={locale}
        />
      ))}
    </tr>
  );
}

function Cells(props: {
  index: number;
  value: number;
  delta: number;
  percent: number | null;
  rowKey: string;
  tone: string;
  currency: string;
  locale: Locale;
}) {
  const { index, value, delta, rowKey, currency, locale } = props;
  const cell = (
    <td className="num" data-minor={value} data-testid={`compare-value-${rowKey}-${index}`}>
      {formatMinor(value, currency, locale)}
    </td>
  );
  if (index === 0) return cell;
  return (
    <>
      {cell}
      <td className={`num ${props.tone}`} data-minor={delta} data-testid={`compare-delta-${rowKey}-${index}`}>
        {signedMinor(delta, currency, locale)}
      </td>
      <td className={`num ${props.tone}`}>{formatDeltaPercent(props.percent, locale)}</td>
    </>
  );
}

/**
 * A card of what differs between the scenarios compared: a title, a hint, and a table whose first
 * column names the row and whose next columns are the scenarios' (or a sentence when nothing differs).
 */
function DiffCard(props: {
  id: string;
  title: ReactNode;
  hint: string;
  none: string;
  rowCount: number;
  first: string;
  names: readonly string[];
  /** The scenarios' columns hold amounts (aligned as numbers). */
  numeric?: boolean;
  last?: string;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={`${props.id}-h`} data-testid={props.id}>
      <h2 id={`${props.id}-h`} className="card-title">
        {props.title}
      </h2>
      <p className="hint">{props.hint}</p>
      {props.rowCount === 0 ? (
        <p className="empty" data-testid={`${props.id}-none`}>
          {props.none}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data-table compare-table">
            <thead>
              <tr>
                <th scope="col">{props.first}</th>
                {props.names.map((name, i) => (
                  <th scope="col" className={props.numeric ? 'num' : undefined} key={i}>
                    {name}
                  </th>
                ))}
                {props.last !== undefined && <th scope="col">{props.last}</th>}
              </tr>
            </thead>
            <tbody>{props.children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function LinesTable(props: { value: CompareOutcome; names: string[]; model: Model }) {
  const t = useT();
  const locale = useLocale();
  const { value, names, model } = props;
  const cur = value.currency;
  return (
    <DiffCard
      id="compare-lines"
      title={
        <>
          {t('compare.lines')} <span className="muted">({cur})</span>
        </>
      }
      hint={t('compare.linesHint')}
      none={t('compare.linesNone')}
      rowCount={value.lines.length}
      first={t('compare.col.line')}
      names={names}
      numeric
      last={t('compare.col.cause')}
    >
      {value.lines.map((l) => (
        <tr key={l.lineId} data-testid={`compare-line-${l.lineId}`}>
          <th scope="row">{lineName(model, l.lineId, t)}</th>
          {l.totals.map((v, i) => (
            <td className="num" key={i} data-minor={v}>
              {formatMinor(v, cur, locale)}
            </td>
          ))}
          <td data-testid={`compare-line-cause-${l.lineId}`} data-causes={l.causes.join(' ')}>
            {causeWords(l.causes, t)}
          </td>
        </tr>
      ))}
    </DiffCard>
  );
}

/** The checks' findings that differ between the scenarios compared: in which each is, in words. */
function FindingsTable(props: { value: CompareOutcome; names: string[]; model: Model }) {
  const t = useT();
  const locale = useLocale();
  const { value, names, model } = props;
  return (
    <DiffCard
      id="compare-findings"
      title={t('compare.findings')}
      hint={t('compare.findingsHint')}
      none={t('compare.findingsNone')}
      rowCount={value.findings.length}
      first={t('compare.col.finding')}
      names={names}
    >
      {value.findings.map((d) => (
        <tr key={d.id} data-testid={`compare-finding-${d.id}`}>
          <th scope="row">{t(`checks.severity.${severityOf(d.findings)}`)}</th>
          {d.findings.map((f, i) => (
            <td key={i} data-present={f ? 'true' : 'false'}>
              {f ? findingText(f, model, locale) : <span className="muted">{t('compare.findingAbsent')}</span>}
            </td>
          ))}
        </tr>
      ))}
    </DiffCard>
  );
}

/** The most serious severity a finding has in any of the scenarios. */
function severityOf(findings: readonly (Finding | null)[]): Finding['severity'] {
  const order: Finding['severity'][] = ['error', 'warning', 'note'];
  return order.find((sev) => findings.some((f) => f?.severity === sev)) ?? 'note';
}
