/**
 * Printing (Ctrl+P in the browser; File › Print… in the desktop app): the screen's own content on
 * A4 landscape, with this header on top instead of the app's bars (see styles.css, @media print,
 * which also numbers the pages). While the print is laid out, windowed lists render every row.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useActiveScenario, useDoc, useLocale, useModelPart, useT } from '../document/react';
import { useUi } from '../document/ui';
import { formatDateTime } from '../i18n';

/** Follows the browser's print events, so that a print holds every line, not the rows in view. */
export function usePrintLayout(): void {
  const setPrinting = useUi((s) => s.setPrinting);
  useEffect(() => {
    // Rendered synchronously: the print is laid out right after beforeprint returns.
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, [setPrinting]);
}

/** Hidden on screen; on paper: the programme, the scenario, the screen, the file and when. */
export function PrintHeader() {
  const t = useT();
  const locale = useLocale();
  const title = useModelPart((m) => m?.programme.title ?? '');
  const currency = useModelPart((m) => m?.programme.reportingCurrency ?? '');
  const file = useDoc((s) => s.snapshot?.info.name ?? '');
  const scenario = useActiveScenario();
  const screen = useUi((s) => s.screen);
  const printing = useUi((s) => s.printing);
  const [printedAt, setPrintedAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    if (printing) setPrintedAt(new Date().toISOString());
  }, [printing]);
  return (
    <header className="print-header" data-testid="print-header">
      <h1 className="print-title">{title}</h1>
      <p className="print-meta">
        <span data-testid="print-scenario">{t('print.scenario', { name: scenario?.name ?? t('print.baseline') })}</span>
        {' · '}
        <span>{t(`nav.${screen}`)}</span>
        {' · '}
        <span>{t('totals.currency', { currency })}</span>
        {' · '}
        <span>{file}</span>
        {' · '}
        <span>{t('print.printed', { date: formatDateTime(printedAt, locale) })}</span>
      </p>
    </header>
  );
}
