/**
 * The totals bar shown on every screen, from the engine's latest result (computed in a worker: "…"
 * until the first result of the document arrives).
 */
import { formatMinor, shareToPercentText } from '../../src-shared/money';
import { useComputeFailed, useLocale, useModelPart, useResult, useT } from '../document/react';

export function TotalsBar() {
  const t = useT();
  const locale = useLocale();
  const result = useResult();
  const failed = useComputeFailed();
  const programme = useModelPart((m) => m?.programme ?? null);
  if (!programme) return null;
  if (!result && failed) {
    return (
      <div className="banner banner-error" role="alert">
        {t('banner.computeFailed')}
      </div>
    );
  }
  const cur = result?.currency ?? programme.reportingCurrency;
  const fmt = (v: number | undefined) => (v === undefined ? '…' : formatMinor(v, cur, locale));
  const pct = (share: string) => shareToPercentText(share, locale);
  // What no funding source covers (a split under 100 %): shown, never spread over the sources.
  const unfunded = result?.byFunder[''] ?? 0;
  // What partner programmes cover of the lines (Partners & synergies screen).
  const covered = result?.synergies.totals.covered ?? 0;
  return (
    <section className="totals-bar" aria-label={t('totals.label')}>
      <dl className="totals">
        <div className="total-item">
          <dt>{t('totals.direct')}</dt>
          <dd data-testid="totals-direct">{fmt(result?.totals.direct)}</dd>
        </div>
        <div className="total-item">
          <dt>{t('totals.indirect', { rate: pct(programme.indirectRate) })}</dt>
          <dd data-testid="totals-indirect">{fmt(result?.totals.indirect)}</dd>
        </div>
        <div className="total-item">
          <dt>{t('totals.contingency', { rate: pct(programme.contingencyRate) })}</dt>
          <dd data-testid="totals-contingency">{fmt(result?.totals.contingency)}</dd>
        </div>
        <div className="total-item total-grand">
          <dt>{t('totals.total')}</dt>
          <dd data-testid="totals-total">{fmt(result?.totals.total)}</dd>
        </div>
        {unfunded !== 0 && (
          <div className="total-item total-unfunded">
            <dt>{t('totals.unfunded')}</dt>
            <dd data-testid="totals-unfunded">{fmt(unfunded)}</dd>
          </div>
        )}
        {covered !== 0 && (
          <div className="total-item total-covered" title={t('totals.coveredHint')}>
            <dt>{t('totals.covered')}</dt>
            <dd data-testid="totals-covered">{fmt(covered)}</dd>
          </div>
        )}
      </dl>
      <span className="totals-currency">{t('totals.currency', { currency: cur })}</span>
    </section>
  );
}
