/**
 * Export (issue 11; Ctrl+E): the open programme as an XLSX workbook (live formulas or values only,
 * in a donor's layout, one sheet per chosen scenario) or a CSV (of the lines, or of the monthly
 * amounts). It runs as a main-side `export` job with a progress bar and a Stop button. The desktop
 * app asks where to save first and can show the file in its folder afterwards; browser mode
 * downloads the file when it is ready.
 */
import { useEffect, useState } from 'react';
import {
  type CsvContent,
  exportFileName,
  type ExportFormat,
  type ExportRequest,
  LAYOUT_IDS,
  LAYOUTS,
  type LayoutId,
  layoutOfProfile,
  MAX_EXPORT_SCENARIOS,
} from '../../../src-shared/export';
import type { ExportDownload } from '../../../src-shared/api';
import type { JobView } from '../../document/documentStore';
import { useBaseline, useDoc, useDocStore, useLocale, useReadOnly, useT } from '../../document/react';
import { jobFailureText } from '../../i18n';
import { SelectInput } from '../../shared/inputs';
import type { Locale } from '../../../src-shared/money';

type Separator = ExportRequest['csvSeparator'];
const SEPARATORS: readonly Separator[] = [',', ';', '\t'];
const BASELINE = '';

/** The newest export job this window knows of. */
function useLatestExport(): JobView | null {
  return useDoc((s) => {
    let latest: JobView | null = null;
    for (const job of Object.values(s.jobs)) {
      if (job.kind === 'export' && (!latest || job.seq > latest.seq)) latest = job;
    }
    return latest;
  });
}

/** Saves a download's bytes through the browser (browser mode). */
export function saveDownload(d: ExportDownload): void {
  const bin = atob(d.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: d.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = d.fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Export jobs this window started, until their file is downloaded: another window on the same
 * programme hears of the job too (its events go to every window) but leaves the file to this one.
 */
const toDownload = new Set<string>();

const sizeText = (bytes: number, locale: string): string =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale)} KB`
    : `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;

export function ExportScreen() {
  const t = useT();
  return (
    <div className="screen export-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('export.heading')}</h1>
        <p className="screen-intro">{t('export.intro')}</p>
      </div>
      <ExportCard />
    </div>
  );
}

function ExportCard() {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const model = useBaseline();
  const readOnly = useReadOnly();
  const desktop = useDoc((s) => s.appInfo?.mode === 'desktop');
  const active = useDoc((s) => s.scenarioId);
  const job = useLatestExport();
  const running = job?.status === 'running';

  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [layout, setLayout] = useState<LayoutId>(() =>
    model ? (layoutOfProfile(model.programme.donorProfile) ?? 'plain') : 'plain',
  );
  const [picked, setPicked] = useState<string[]>(() => [active ?? BASELINE]);
  const [valuesOnly, setValuesOnly] = useState(false);
  const [monthlyColumns, setMonthlyColumns] = useState(false);
  const [csvContent, setCsvContent] = useState<CsvContent>('lines');
  const [separator, setSeparator] = useState<Separator>(locale === 'fr' ? ';' : ',');
  const [starting, setStarting] = useState(false);

  // Browser mode: a done export's file is downloaded once, by the window that started it, as soon
  // as it is ready (the job's last event may come before or after job.start's reply: `started`).
  const [started, setStarted] = useState<string | null>(null);
  const ready = job?.status === 'done' && job.output !== null && job.output.path === null ? job.jobId : null;
  useEffect(() => {
    if (ready === null || !toDownload.has(ready)) return;
    toDownload.delete(ready);
    void store
      .getState()
      .takeExport(ready)
      .then((d) => {
        if (d) saveDownload(d);
      });
  }, [ready, started, store]);

  if (!model) return null;
  const choices = [BASELINE, ...model.scenarios.map((s) => s.id)];
  const nameOf = (id: string): string =>
    id === BASELINE ? t('export.baseline') : (model.scenarios.find((s) => s.id === id)?.name ?? id);
  // Scenarios deleted meanwhile drop out of the choice.
  const chosen = picked.filter((id) => choices.includes(id));
  const forCsv = chosen[0] ?? BASELINE;
  const scenarioIds = format === 'csv' ? [forCsv] : chosen;
  const nothing = scenarioIds.length === 0;

  const start = async () => {
    if (nothing) return;
    setStarting(true);
    try {
      const ids = scenarioIds.map((id) => (id === BASELINE ? null : id));
      const single = ids.length === 1 ? nameOf(scenarioIds[0] as string) : null;
      const fileName = exportFileName(
        model.programme.title,
        format,
        layout,
        csvContent,
        single !== null && scenarioIds[0] !== BASELINE ? single : null,
      );
      let destination: ExportRequest['destination'] = { kind: 'download' };
      if (desktop) {
        const file = await store.getState().chooseExportFile(fileName, format);
        if (!file) return;
        destination = { kind: 'file', token: file.token };
      }
      const jobId = await store.getState().startJob({
        kind: 'export',
        export: {
          format,
          layout,
          scenarioIds: ids,
          valuesOnly,
          monthlyColumns,
          csvContent,
          csvSeparator: separator,
          language: locale,
          destination,
        },
      });
      if (jobId !== null) {
        toDownload.add(jobId);
        setStarted(jobId);
      }
    } finally {
      setStarting(false);
    }
  };

  return (
    <section className="card export-card" aria-labelledby="export-h" data-testid="export">
      <h2 id="export-h" className="card-title">
        {t('export.what')}
      </h2>
      {readOnly && <p className="hint">{t('export.readOnlyOk')}</p>}
      <fieldset className="export-options" disabled={running}>
        <legend className="field-label">{t('export.format')}</legend>
        {(['xlsx', 'csv'] as const).map((f) => (
          <label className="check" key={f}>
            <input
              type="radio"
              name="export-format"
              value={f}
              checked={format === f}
              data-testid={`export-format-${f}`}
              onChange={() => setFormat(f)}
            />{' '}
            {t(`export.format.${f}`)}
          </label>
        ))}
      </fieldset>

      {format === 'xlsx' ? (
        <>
          <div className="export-field">
            <SelectInput
              label={t('export.layout')}
              value={layout}
              options={LAYOUT_IDS.map((id) => ({ value: id, label: LAYOUTS[id].name[locale] }))}
              testId="export-layout"
              readOnly={running}
              onChange={(v) => setLayout(v as LayoutId)}
            />
          </div>
          <fieldset className="export-options" disabled={running}>
            <legend className="field-label">{t('export.scenarios', { n: MAX_EXPORT_SCENARIOS })}</legend>
            {choices.map((id) => {
              const on = chosen.includes(id);
              return (
                <label className="check" key={id || 'baseline'}>
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={!on && chosen.length >= MAX_EXPORT_SCENARIOS}
                    data-testid={`export-scenario-${id || 'baseline'}`}
                    onChange={() => setPicked(on ? chosen.filter((x) => x !== id) : [...chosen, id])}
                  />{' '}
                  {nameOf(id)}
                </label>
              );
            })}
          </fieldset>
          {nothing && (
            <p className="field-error" role="alert" data-testid="export-none">
              {t('export.noScenario')}
            </p>
          )}
          <fieldset className="export-options" disabled={running}>
            <legend className="field-label">{t('export.options')}</legend>
            <label className="check">
              <input
                type="checkbox"
                checked={valuesOnly}
                data-testid="export-values-only"
                onChange={(e) => setValuesOnly(e.target.checked)}
              />{' '}
              {t('export.valuesOnly')}
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={monthlyColumns}
                data-testid="export-monthly"
                onChange={(e) => setMonthlyColumns(e.target.checked)}
              />{' '}
              {t('export.monthlyColumns')}
            </label>
          </fieldset>
        </>
      ) : (
        <>
          <div className="export-field">
            <SelectInput
              label={t('export.scenario')}
              value={forCsv}
              options={choices.map((id) => ({ value: id, label: nameOf(id) }))}
              testId="export-csv-scenario"
              readOnly={running}
              onChange={(v) => setPicked([v])}
            />
          </div>
          <fieldset className="export-options" disabled={running}>
            <legend className="field-label">{t('export.csvContent')}</legend>
            {(['lines', 'monthly'] as const).map((c) => (
              <label className="check" key={c}>
                <input
                  type="radio"
                  name="export-csv-content"
                  checked={csvContent === c}
                  data-testid={`export-csv-${c}`}
                  onChange={() => setCsvContent(c)}
                />{' '}
                {t(`export.csv.${c}`)}
              </label>
            ))}
          </fieldset>
          <div className="export-field">
            <SelectInput
              label={t('export.separator')}
              value={separator}
              options={SEPARATORS.map((sep) => ({
                value: sep,
                label: t(`export.separator.${sep === ',' ? 'comma' : sep === ';' ? 'semicolon' : 'tab'}`),
              }))}
              testId="export-separator"
              readOnly={running}
              onChange={(v) => setSeparator(v as Separator)}
            />
          </div>
          <p className="hint">{t('export.csvHint')}</p>
        </>
      )}

      <div className="verify-actions">
        {running ? (
          <button
            type="button"
            className="btn"
            data-testid="export-cancel"
            onClick={() => void store.getState().cancelJob(job.jobId)}
          >
            {t('export.cancel')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="export-start"
            disabled={starting || nothing}
            onClick={() => void start()}
          >
            {desktop ? t('export.startDesktop') : t('export.startBrowser')}
          </button>
        )}
        {running && (
          <progress
            data-testid="export-progress"
            aria-label={t('export.progress')}
            max={Math.max(job.total, 1)}
            value={job.done}
          />
        )}
      </div>
      <p role="status" aria-live="polite" data-testid="export-status" data-state={job?.status ?? 'idle'}>
        {job ? statusText(job, t, locale) : ''}
      </p>
      {desktop && job?.status === 'done' && job.output?.path && (
        <button
          type="button"
          className="btn btn-small"
          data-testid="export-show"
          onClick={() => void store.getState().showExportInFolder(job.jobId)}
        >
          {t('export.showInFolder')}
        </button>
      )}
      {!desktop && job?.status === 'done' && job.output && <p className="hint">{t('export.downloadHint')}</p>}
    </section>
  );
}

function statusText(job: JobView, t: ReturnType<typeof useT>, locale: Locale): string {
  switch (job.status) {
    case 'running':
      return t('export.running');
    case 'done':
      return job.output
        ? job.output.path
          ? t('export.saved', {
              name: job.output.fileName,
              size: sizeText(job.output.bytes, locale),
              path: job.output.path,
            })
          : t('export.ready', { name: job.output.fileName, size: sizeText(job.output.bytes, locale) })
        : t('export.running');
    case 'cancelled':
      return t('export.cancelled');
    case 'failed':
      return t('export.failed', { message: jobFailureText(locale, job.error, job.message) });
  }
}
