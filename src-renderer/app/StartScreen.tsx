/** Start: new blank programme, the sample, files from the documents folder and recent files. */
import { useState } from 'react';
import { type LibraryFile, type RecentFile, TEMPLATE_IDS, type TemplateId } from '../../src-shared/api';
import { useDoc, useDocStore, useLocale, useT } from '../document/react';
import { formatDateTime } from '../i18n';
import { LocaleSelect } from '../shared/common';
import { ErrorBanner } from './Banners';
import { NameDialog } from './NameDialog';
import { NewProgrammeDialog } from './NewProgrammeDialog';

export function StartScreen() {
  const t = useT();
  const store = useDocStore();
  const library = useDoc((s) => s.library);
  const appInfo = useDoc((s) => s.appInfo);
  const busy = useDoc((s) => s.busy);
  const [newOpen, setNewOpen] = useState(false);
  const [template, setTemplate] = useState<TemplateId | null>(null);
  const dir = library?.documentsDir ?? appInfo?.documentsDir ?? '';

  return (
    <div className="start" aria-busy={busy}>
      <header className="start-header">
        <div>
          <h1 className="start-title">{t('start.heading')}</h1>
          <p className="start-subtitle">{t('start.subtitle')}</p>
        </div>
        <LocaleSelect />
      </header>
      <ErrorBanner />
      <main id="main" className="start-body">
        <section className="start-actions card" aria-labelledby="start-actions-h">
          <h2 id="start-actions-h" className="card-title">
            {t('start.actions')}
          </h2>
          <button
            type="button"
            className="btn btn-primary btn-block"
            data-testid="start-open-sample"
            disabled={busy}
            onClick={() => void store.getState().openSample()}
          >
            {t('start.openSample')}
          </button>
          <p className="hint">{t('start.openSampleHelp')}</p>
          <button
            type="button"
            className="btn btn-block"
            data-testid="start-new"
            disabled={busy}
            onClick={() => setNewOpen(true)}
          >
            {t('start.new')}
          </button>
          {appInfo?.nativeDialogs && (
            <>
              <button
                type="button"
                className="btn btn-block"
                data-testid="start-open-dialog"
                disabled={busy}
                onClick={() => void store.getState().openDialog(false)}
              >
                {t('start.openDialog')}
              </button>
              <button
                type="button"
                className="btn btn-block"
                data-testid="start-open-dialog-readonly"
                disabled={busy}
                onClick={() => void store.getState().openDialog(true)}
              >
                {t('start.openDialogReadOnly')}
              </button>
            </>
          )}
          <p className="hint">{t('start.readOnlyHint')}</p>
          <h3 className="start-templates-h">{t('templates.heading')}</h3>
          <ul className="start-templates" data-testid="start-templates">
            {TEMPLATE_IDS.map((id) => (
              <li key={id}>
                <button
                  type="button"
                  className="link"
                  data-testid={`start-template-${id}`}
                  disabled={busy}
                  onClick={() => setTemplate(id)}
                >
                  {t(`templates.${id}.title`)}
                </button>
                <p className="hint">{t(`templates.${id}.about`)}</p>
              </li>
            ))}
          </ul>
          {busy && (
            <p className="hint" role="status">
              {t('start.working')}
            </p>
          )}
        </section>

        <div className="start-lists">
          <section className="card" aria-labelledby="start-recent-h">
            <h2 id="start-recent-h" className="card-title">
              {t('start.recent')}
            </h2>
            {library && library.recent.length > 0 ? (
              <ul className="file-list" data-testid="recent-list">
                {library.recent.map((f, i) => (
                  <FileItem key={f.path} file={f} testPrefix="recent" index={i} disabled={busy} />
                ))}
              </ul>
            ) : (
              <p className="empty">{t('start.recentEmpty')}</p>
            )}
          </section>
          <section className="card" aria-labelledby="start-library-h">
            <h2 id="start-library-h" className="card-title">
              {t('start.library')}
            </h2>
            <p className="hint path" title={dir}>
              {dir}
            </p>
            {library && library.files.length > 0 ? (
              <ul className="file-list" data-testid="library-list">
                {library.files.map((f, i) => (
                  <FileItem key={f.path} file={f} testPrefix="library" index={i} disabled={busy} />
                ))}
              </ul>
            ) : (
              <p className="empty">{t('start.libraryEmpty', { dir })}</p>
            )}
          </section>
        </div>
      </main>
      {newOpen && <NewProgrammeDialog help={t('start.newHelp', { dir })} onClose={() => setNewOpen(false)} />}
      {template && (
        <NameDialog
          open
          title={t(`templates.${template}.title`)}
          help={`${t(`templates.${template}.about`)} ${t('templates.help', { dir })}`}
          label={t('templates.nameLabel')}
          initial={t(`templates.${template}.title`).slice(0, 120)}
          submitLabel={t('templates.create')}
          testId="template-dialog"
          onSubmit={(name) => store.getState().create(name, undefined, template)}
          onClose={() => setTemplate(null)}
        />
      )}
    </div>
  );
}

function FileItem(props: { file: LibraryFile | RecentFile; testPrefix: string; index: number; disabled: boolean }) {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const f = props.file;
  const missing = 'exists' in f && !f.exists;
  const meta =
    'openedAt' in f
      ? t('start.openedAt', { date: formatDateTime(f.openedAt, locale) })
      : `${t('start.modifiedAt', { date: formatDateTime(f.modifiedAt, locale) })} · ${t('start.size', {
          size: Math.max(1, Math.round(f.size / 1024)),
        })}`;
  return (
    <li className={`file-item${missing ? ' missing' : ''}`} data-path={f.path}>
      <div className="file-text">
        <span className="file-name">{f.name}</span>
        <span className="file-meta" title={f.path}>
          {missing ? t('start.missing') : meta}
        </span>
      </div>
      <div className="file-actions">
        <button
          type="button"
          className="btn btn-small"
          disabled={props.disabled || missing}
          aria-label={t('start.openNamed', { name: f.name })}
          data-testid={`${props.testPrefix}-open-${props.index}`}
          onClick={() => void store.getState().open(f.path, false)}
        >
          {t('common.open')}
        </button>
        <button
          type="button"
          className="btn btn-small btn-quiet"
          disabled={props.disabled || missing}
          aria-label={t('start.openNamedReadOnly', { name: f.name })}
          data-testid={`${props.testPrefix}-open-readonly-${props.index}`}
          onClick={() => void store.getState().open(f.path, true)}
        >
          {t('common.openReadOnly')}
        </button>
      </div>
    </li>
  );
}
