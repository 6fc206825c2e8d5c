/** The month-by-month view of one line (opened from its total, or its details panel). */
import { useMemo } from 'react';
import { formatDecimal, formatMinor, type Locale } from '../../../src-shared/money';
import { useLocale, useModelPart, useResult, useT } from '../../document/react';
import { useUi } from '../../document/ui';
import { formatMonth } from '../../i18n';
import { Dialog } from '../../shared/common';
import { monthTable } from './months';

function quantityText(q: number, locale: Locale): string {
  if (q === 0) return '–';
  const s = Number.isInteger(q) ? String(q) : q.toFixed(2).replace(/\.?0+$/, '');
  return formatDecimal(s, locale);
}

export function MonthsDialog() {
  const t = useT();
  const locale = useLocale();
  const monthsOf = useUi((s) => s.monthsOf);
  const close = useUi((s) => s.closeMonths);
  const line = useModelPart((m) => m?.lines.find((l) => l.id === monthsOf?.lineId) ?? null);
  const startMonth = useModelPart((m) => m?.programme.startMonth ?? '2025-01');
  const result = useResult();
  const lineResult = result?.lines.find((l) => l.lineId === monthsOf?.lineId) ?? null;
  // What partners pay of this line and deliver beside it, month by month (none: no synergy targets it).
  const synergyLine = result?.synergies.lines.find((l) => l.lineId === monthsOf?.lineId) ?? null;
  const table = useMemo(
    () =>
      lineResult
        ? monthTable(lineResult, startMonth, synergyLine?.coveredInside ?? [], synergyLine?.coveredOutside ?? [])
        : null,
    [lineResult, startMonth, synergyLine],
  );
  if (!monthsOf || !line || !table || !result) return null;
  const cur = result.currency;
  const name = line.name || t('line.unnamed');
  const partners = synergyLine !== null;
  const money = (v: number, zeroDash: boolean) => (v === 0 && zeroDash ? '–' : formatMinor(v, cur, locale));
  type Cells = { amount: number; covered: number; delivered: number };
  /** Gross and delivered (beside the budget) cells, before the budget's amount, when partners work on the line. */
  const outside = (r: Cells, zeroDash: boolean, testId?: string) =>
    partners && (
      <>
        <td className="num" data-minor={r.amount + r.delivered} data-testid={testId && `${testId}-gross`}>
          {money(r.amount + r.delivered, zeroDash)}
        </td>
        <td className="num" data-minor={r.delivered} data-testid={testId && `${testId}-delivered`}>
          {money(r.delivered, zeroDash)}
        </td>
      </>
    );
  /** Paid by partners (inside the budget) and net cells, after the budget's amount. */
  const inside = (r: Cells, zeroDash: boolean, testId?: string) =>
    partners && (
      <>
        <td className="num" data-minor={r.covered} data-testid={testId && `${testId}-covered`}>
          {money(r.covered, zeroDash)}
        </td>
        <td className="num" data-minor={r.amount - r.covered} data-testid={testId && `${testId}-net`}>
          {money(r.amount - r.covered, zeroDash)}
        </td>
      </>
    );
  // Closing gives focus back to where the view was opened from (the total, or the details panel).
  return (
    <Dialog open wide title={t('line.monthsTitle', { name })} onClose={close} testId="line-months-dialog">
      <p className="dialog-help">{t('line.monthsHelp', { currency: cur })}</p>
      <div className="months-scroll">
        <table className="mini-table months-table" data-testid="line-months-table">
          <caption className="sr-only">{t('line.monthsTable', { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('line.monthsMonth')}</th>
              <th scope="col" className="num">
                {t('line.monthsQuantity')}
              </th>
              {partners && (
                <>
                  <th scope="col" className="num">
                    {t('line.monthsGross')} ({cur})
                  </th>
                  <th scope="col" className="num">
                    {t('line.monthsDelivered')}
                  </th>
                </>
              )}
              <th scope="col" className="num">
                {partners ? t('line.monthsInBudget') : `${t('line.monthsAmount')} (${cur})`}
              </th>
              {partners && (
                <>
                  <th scope="col" className="num">
                    {t('line.monthsCovered')}
                  </th>
                  <th scope="col" className="num">
                    {t('line.monthsNet')}
                  </th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) =>
              r.kind === 'month' ? (
                <tr key={`m${r.month}`} className={r.amount === 0 && r.quantity === 0 ? 'zero' : undefined}>
                  <th scope="row">
                    {t('line.monthShort', { n: r.month })}{' '}
                    <span className="muted">{formatMonth(r.calendar, locale)}</span>
                  </th>
                  <td className="num">{quantityText(r.quantity, locale)}</td>
                  {outside(r, true)}
                  <td className="num" data-minor={r.amount}>
                    {r.amount === 0 ? '–' : formatMinor(r.amount, cur, locale)}
                  </td>
                  {inside(r, true)}
                </tr>
              ) : (
                <tr key={`y${r.year}`} className="subtotal" data-testid={`line-months-year-${r.year}`}>
                  <th scope="row">{t('line.monthsYear', { n: r.year })}</th>
                  <td className="num">{quantityText(r.quantity, locale)}</td>
                  {outside(r, false)}
                  <td className="num" data-minor={r.amount}>
                    {formatMinor(r.amount, cur, locale)}
                  </td>
                  {inside(r, false)}
                </tr>
              ),
            )}
          </tbody>
          <tfoot>
            <tr className="total">
              <th scope="row">{t('line.monthsTotal')}</th>
              <td className="num">{quantityText(table.total.quantity, locale)}</td>
              {outside(table.total, false, 'line-months-total')}
              <td className="num" data-minor={table.total.amount} data-testid="line-months-total">
                {formatMinor(table.total.amount, cur, locale)}
              </td>
              {inside(table.total, false, 'line-months-total')}
            </tr>
          </tfoot>
        </table>
      </div>
      <div className="dialog-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-autofocus
          data-testid="line-months-close"
          onClick={close}
        >
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
