/**
 * History and file check: the programme's change log in the user's language (newest first: who,
 * when, what, each field from its old value to its new one), and the `verify` job, run from here
 * with a progress bar and a Stop button, whose outcome is said in the user's language.
 */
import { useEffect, useState } from 'react';
import type { ChangeLogEntry } from '../../../src-shared/model';
import type { Locale } from '../../../src-shared/money';
import { type JobView } from '../../document/documentStore';
import { useDoc, useDocStore, useLocale, useModel, useT } from '../../document/react';
import { formatDateTime, jobFailureText } from '../../i18n';
import { describeEntry } from './history';

export function HistoryScreen() {
  const t = useT();
  return (
    <div className="screen history-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('history.heading')}</h1>
        <p className="screen-intro">{t('history.intro')}</p>
      </div>
      <VerifyCard />
      <ChangeLog />
    </div>
  );
}

/** The newest verify job this window knows of. */
function useLatestVerify(): JobView | null {
  return useDoc((s) => {
    let latest: JobView | null = null;
    for (const job of Object.values(s.jobs)) {
      if (job.kind === 'verify' && (!latest || job.seq > latest.seq)) latest = job;
    }
    return latest;
  });
}

function VerifyCard() {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const job = useLatestVerify();
  const running = job?.status === 'running';
  const [starting, setStarting] = useState(false);
  const start = async () => {
    setStarting(true);
    await store.getState().startJob('verify');
    setStarting(false);
  };
  return (
    <section className="card verify-card" aria-labelledby="verify-h" data-testid="verify">
      <h2 id="verify-h" className="card-title">
        {t('history.verify.heading')}
      </h2>
      <p className="muted">{t('history.verify.intro')}</p>
      <div className="verify-actions">
        {running ? (
          <button
            type="button"
            className="btn"
            data-testid="verify-cancel"
            onClick={() => void store.getState().cancelJob(job.jobId)}
          >
            {t('history.verify.cancel')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="verify-start"
            disabled={starting}
            onClick={() => void start()}
          >
            {t('history.verify.start')}
          </button>
        )}
        {running && (
          <progress
            data-testid="verify-progress"
            aria-label={t('history.verify.progress')}
            max={Math.max(job.total, 1)}
            value={job.done}
          />
        )}
      </div>
      <p role="status" aria-live="polite" data-testid="verify-status" data-state={job?.status ?? 'idle'}>
        {job ? verifyText(job, t, locale) : ''}
      </p>
    </section>
  );
}

function verifyText(job: JobView, t: ReturnType<typeof useT>, locale: Locale): string {
  switch (job.status) {
    case 'running':
      return t('history.verify.running', {
        done: Math.min(job.done + 1, Math.max(job.total, 1)),
        total: Math.max(job.total, 1),
      });
    case 'done':
      return t('history.verify.done');
    case 'cancelled':
      return t('history.verify.cancelled');
    case 'failed':
      return t('history.verify.failed', { message: jobFailureText(locale, job.error, job.message) });
  }
}

function ChangeLog() {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const model = useModel();
  const revision = useDoc((s) => s.confirmed?.info.revision ?? 0);
  const path = useDoc((s) => s.confirmed?.info.path ?? null);
  const [entries, setEntries] = useState<ChangeLogEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    void store
      .getState()
      .changeLog()
      .then((log) => {
        if (live) setEntries(log ?? []);
      });
    return () => {
      live = false;
    };
  }, [store, revision, path]);
  return (
    <section className="card" aria-labelledby="log-h" data-testid="change-log">
      <h2 id="log-h" className="card-title">
        {t('history.log.heading')}
      </h2>
      {entries === null ? (
        <p className="muted">{t('history.log.loading')}</p>
      ) : entries.length === 0 ? (
        <p className="empty">{t('history.log.empty')}</p>
      ) : (
        <table className="change-log">
          <caption className="sr-only">{t('history.log.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.log.when')}</th>
              <th scope="col">{t('history.log.who')}</th>
              <th scope="col">{t('history.log.what')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const view = describeEntry(e, t, locale, model);
              return (
                <tr key={e.id} data-testid="change-log-entry" data-kind={e.kind ?? 'legacy'}>
                  <td className="nowrap">{formatDateTime(e.at, locale)}</td>
                  <td>{e.author || t('history.log.unknownAuthor')}</td>
                  <td>
                    <div className="change-title">{view.title}</div>
                    {view.details.length > 0 && (
                      <ul className="change-details">
                        {view.details.map((d, i) => (
                          <li key={i}>{d}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
