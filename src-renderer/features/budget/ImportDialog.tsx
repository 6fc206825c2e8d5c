/**
 * Import budget lines from a CSV or XLSX file (issue 11, item 5), in three steps in one dialog:
 * pick a file (main reads it and refuses what is too large, not UTF-8, a zip bomb, with formulas…);
 * choose the level and which column gives which field (guessed from the headings in English and
 * French); read the row-by-row report (row, column, field, what is wrong) and import the rows that
 * are ready as ONE undoable command. Nothing is written before that. The file main keeps for the
 * import is dropped when the dialog closes.
 *
 * Decision: the report follows every change of the level, the columns or the decimal separator (the
 *   newest answer only), so what the Import button says is always what it adds.
 * Decision: lines are imported into the baseline (a scenario holds overrides, not new lines of a
 *   file): while a scenario is shown the dialog says so and offers to show the baseline.
 */
import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import type { ImportCheck, ImportPreview } from '../../../src-shared/api';
import { newId } from '../../../src-shared/commands';
import {
  type DecimalSeparator,
  IMPORT_FIELDS,
  type ImportField,
  type ImportMapping,
  MAX_FILE_BYTES,
} from '../../../src-shared/import';
import { type Level, LEVELS } from '../../../src-shared/model';
import { useDoc, useDocStore, useLocale, useT } from '../../document/react';
import { errorText } from '../../i18n';
import { Dialog, takeLastError } from '../../shared/common';
import { SelectInput } from '../../shared/inputs';

/** Base64 of a file's bytes, in chunks (a large file would overflow one String.fromCharCode call). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/** A column's name in the selects: its letter and its heading. */
function columnName(headers: readonly string[], i: number): string {
  let letters = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  const heading = headers[i]?.trim();
  return heading ? `${letters} – ${heading}` : letters;
}

const REQUIRED: readonly ImportField[] = ['name', 'unitCost'];

export function ImportDialog(props: { onClose: () => void; initialLevel: Level }) {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const desktop = useDoc((s) => s.appInfo?.mode === 'desktop');
  const inScenario = useDoc((s) => s.scenarioId !== null);
  const fileId = useId();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [level, setLevel] = useState<Level>(props.initialLevel);
  const [decimal, setDecimal] = useState<DecimalSeparator | null>(null);
  const [check, setCheck] = useState<ImportCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const token = useRef<string | null>(null);
  const asked = useRef(0);

  // The file main keeps is dropped when the dialog goes.
  useEffect(
    () => () => {
      if (token.current) void store.getState().discardImport(token.current);
    },
    [store],
  );

  const took = (p: ImportPreview | null) => {
    if (!p) {
      setError(takeLastError(store, locale));
      return;
    }
    if (token.current) void store.getState().discardImport(token.current);
    token.current = p.token;
    setPreview(p);
    setMapping(p.mapping);
    setDecimal(p.decimal);
    setCheck(null);
    setError(null);
  };

  const pickFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setError(errorText(locale, 'import.tooLarge'));
      return;
    }
    setWorking(true);
    try {
      took(await store.getState().readImport(file.name, await base64Of(file)));
    } finally {
      setWorking(false);
    }
  };

  const chooseOnDesktop = async () => {
    setWorking(true);
    try {
      const p = await store.getState().readImport('', null);
      if (p || store.getState().lastError) took(p);
    } finally {
      setWorking(false);
    }
  };

  // The report follows the choices (the newest answer only).
  const missing = REQUIRED.filter((f) => mapping[f] === undefined);
  useEffect(() => {
    if (!preview || missing.length > 0) {
      setCheck(null);
      return;
    }
    const n = ++asked.current;
    void store
      .getState()
      .checkImport(preview.token, mapping, level, decimal)
      .then((c) => {
        if (n !== asked.current) return;
        setCheck(c);
        setError(c ? null : takeLastError(store, locale));
      });
    // `missing` follows from `mapping`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preview, mapping, level, decimal, store, locale]);

  const confirm = async () => {
    if (!preview || !check || check.ready.length === 0) return;
    setWorking(true);
    const ok = await store.getState().command({
      type: 'line.import',
      level,
      source: preview.name,
      lines: check.ready.map((r) => ({ id: newId(), fields: r.fields })),
    });
    setWorking(false);
    if (ok) props.onClose();
    else setError(takeLastError(store, locale));
  };

  const used = new Map<number, ImportField>();
  for (const f of IMPORT_FIELDS) {
    const c = mapping[f];
    if (c !== undefined) used.set(c, f);
  }
  const headers = preview?.headers ?? [];

  return (
    <Dialog open wide title={t('import.title')} onClose={props.onClose} testId="import-dialog">
      <p className="dialog-help">{t('import.help')}</p>
      {inScenario && (
        <p className="hint warn" data-testid="import-in-scenario">
          {t('import.inScenario')}{' '}
          <button type="button" className="btn btn-small" onClick={() => store.getState().setScenario(null)}>
            {t('import.showBaseline')}
          </button>
        </p>
      )}
      <div className="import-pick">
        {desktop ? (
          <button
            type="button"
            className="btn"
            data-autofocus
            disabled={working}
            data-testid="import-choose"
            onClick={() => void chooseOnDesktop()}
          >
            {t('import.choose')}
          </button>
        ) : (
          <>
            <label htmlFor={fileId} className="field-label">
              {t('import.file')}
            </label>
            <input
              id={fileId}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-autofocus
              disabled={working}
              data-testid="import-file"
              onChange={(e) => void pickFile(e)}
            />
          </>
        )}
        {preview && (
          <p className="hint" data-testid="import-read">
            {t('import.read', { name: preview.name, rows: preview.rowCount, columns: headers.length })}
          </p>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}

      {preview && (
        <>
          <div className="import-choices">
            <div className="export-field">
              <SelectInput
                label={t('import.level')}
                value={level}
                options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
                testId="import-level"
                readOnly={false}
                onChange={(v) => setLevel(v as Level)}
              />
            </div>
            <div className="export-field">
              <SelectInput
                label={t('import.decimal')}
                value={decimal ?? ''}
                options={[
                  { value: '', label: t('import.decimal.auto') },
                  { value: '.', label: t('import.decimal.point') },
                  { value: ',', label: t('import.decimal.comma') },
                ]}
                testId="import-decimal"
                readOnly={false}
                onChange={(v) => setDecimal(v === '' ? null : (v as DecimalSeparator))}
              />
            </div>
          </div>
          <table className="data-table import-mapping" data-testid="import-mapping">
            <caption className="sr-only">{t('import.mapping')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.col.field')}</th>
                <th scope="col">{t('import.col.column')}</th>
              </tr>
            </thead>
            <tbody>
              {IMPORT_FIELDS.map((f) => {
                const value = mapping[f];
                return (
                  <tr key={f}>
                    <th scope="row">
                      {t(`import.field.${f}`)}
                      {REQUIRED.includes(f) && <span className="required"> *</span>}
                    </th>
                    <td>
                      <select
                        className="input"
                        aria-label={t(`import.field.${f}`)}
                        value={value === undefined ? '' : String(value)}
                        data-testid={`import-map-${f}`}
                        onChange={(e) => {
                          const next = { ...mapping };
                          if (e.target.value === '') delete next[f];
                          else {
                            const c = Number(e.target.value);
                            // A column gives one field: the field that had it lets it go.
                            for (const g of IMPORT_FIELDS) if (next[g] === c) delete next[g];
                            next[f] = c;
                          }
                          setMapping(next);
                        }}
                      >
                        <option value="">{t('import.notImported')}</option>
                        {headers.map((_, i) => (
                          <option key={i} value={i}>
                            {columnName(headers, i)}
                            {used.has(i) && used.get(i) !== f
                              ? ` (${t(`import.field.${used.get(i) as ImportField}`)})`
                              : ''}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {missing.length > 0 && (
            <p className="field-error" data-testid="import-missing">
              {t('import.missing', { fields: missing.map((f) => t(`import.field.${f}`)).join(', ') })}
            </p>
          )}
        </>
      )}

      {preview && check && (
        <div className="import-report" data-testid="import-report">
          <p role="status" data-testid="import-summary">
            {t('import.summary', { rows: check.rows, ready: check.ready.length, problems: check.rowsWithIssues })}
          </p>
          {check.issues.length > 0 && (
            <div className="import-issues-wrap">
              <table className="data-table import-issues" data-testid="import-issues">
                <caption className="sr-only">{t('import.issues')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('import.col.row')}</th>
                    <th scope="col">{t('import.col.column')}</th>
                    <th scope="col">{t('import.col.field')}</th>
                    <th scope="col">{t('import.col.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {check.issues.map((issue, i) => (
                    <tr key={i} data-testid={`import-issue-${issue.row}`}>
                      <td className="num">{issue.row}</td>
                      <td>{issue.column === null ? '' : columnName(headers, issue.column)}</td>
                      <td>{t(`import.field.${issue.field}`)}</td>
                      <td>{errorText(locale, issue.code, issue.params ?? {})}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {check.issueCount > check.issues.length && (
                <p className="hint">{t('import.moreIssues', { n: check.issueCount - check.issues.length })}</p>
              )}
            </div>
          )}
        </div>
      )}

      <div className="dialog-actions">
        <button type="button" className="btn" data-testid="import-cancel" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="import-confirm"
          disabled={working || inScenario || !check || check.ready.length === 0}
          onClick={() => void confirm()}
        >
          {t('import.confirm', { n: check?.ready.length ?? 0, level: t(`level.${level}`) })}
        </button>
      </div>
    </Dialog>
  );
}

/** "Import lines…" on the Budget screen: opens the import dialog (not on a read-only programme). */
export function ImportButton() {
  const t = useT();
  const readOnly = useDoc((s) => s.snapshot?.info.readOnly ?? true);
  const [open, setOpen] = useState(false);
  if (readOnly) return null;
  return (
    <>
      <button type="button" className="btn" data-testid="import-open" onClick={() => setOpen(true)}>
        {t('import.open')}
      </button>
      {open && <ImportDialog initialLevel="individual" onClose={() => setOpen(false)} />}
    </>
  );
}
