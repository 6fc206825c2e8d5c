/** Messages above the content: the last error (with rollback notice), read-only and migration notices. */
import { useEffect, useState } from 'react';
import { useDoc, useDocStore, useLocale, useT } from '../document/react';
import { useUi } from '../document/ui';
import { apiErrorText } from '../i18n';

export function ErrorBanner() {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const failure = useDoc((s) => s.lastError);
  if (!failure) return null;
  const reason = apiErrorText(locale, failure.error);
  const text =
    failure.rolledBack && failure.action === 'command'
      ? t('banner.commandRefused', { reason })
      : t('banner.actionFailed', { reason });
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner" key={failure.id}>
      <span className="banner-text">{text}</span>
      <button
        type="button"
        className="btn btn-quiet"
        data-testid="error-banner-dismiss"
        onClick={() => store.getState().dismissError()}
      >
        {t('common.dismiss')}
      </button>
    </div>
  );
}

/** How long the read-only notice says why an edit did nothing (ms). */
const NUDGE_MS = 6000;

/**
 * The read-only notice, kept in view while the page scrolls (it sits in the sticky header). When
 * an edit is tried (typing, Ctrl+D, Delete…), it says that nothing was changed and why.
 */
export function ReadOnlyNotice() {
  const t = useT();
  const store = useDocStore();
  const busy = useDoc((s) => s.busy);
  const [confirming, setConfirming] = useState(false);
  const reason = useDoc((s) => s.snapshot?.info.readOnlyReason ?? null);
  const readOnly = useDoc((s) => s.snapshot?.info.readOnly ?? false);
  const nudge = useUi((s) => s.readOnlyNudge);
  const [shownFor, setShownFor] = useState(0);
  useEffect(() => {
    if (nudge === 0) return;
    setShownFor(nudge);
    const timer = window.setTimeout(() => setShownFor(0), NUDGE_MS);
    return () => window.clearTimeout(timer);
  }, [nudge]);
  if (!readOnly) return null;
  const nudged = shownFor !== 0;
  const locked = reason === 'locked';
  return (
    <div
      className={`banner banner-info banner-readonly${nudged ? ' banner-nudged' : ''}${confirming && locked ? ' banner-wrap' : ''}`}
      role="status"
      data-testid="readonly-banner"
    >
      <span className="banner-text">{t(`banner.readOnly.${reason ?? 'requested'}`)}</span>
      {locked && !confirming && (
        <button
          type="button"
          className="btn btn-small btn-quiet"
          data-testid="open-anyway"
          onClick={() => setConfirming(true)}
        >
          {t('banner.openAnyway')}
        </button>
      )}
      {locked && confirming && (
        <div className="banner-confirm" role="group" aria-label={t('banner.openAnyway')}>
          <strong className="banner-warning" data-testid="open-anyway-warning">
            {t('banner.openAnyway.warning')}
          </strong>
          <button
            type="button"
            className="btn btn-small btn-danger"
            data-testid="open-anyway-confirm"
            disabled={busy}
            onClick={() => {
              void store
                .getState()
                .openAnyway()
                .then(() => setConfirming(false));
            }}
          >
            {t('banner.openAnyway.confirm')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-quiet"
            data-testid="open-anyway-cancel"
            onClick={() => setConfirming(false)}
          >
            {t('common.cancel')}
          </button>
        </div>
      )}
      {nudged && (
        <strong key={shownFor} className="banner-nudge" role="alert" data-testid="readonly-nudge">
          {t('readOnly.nudge')}
        </strong>
      )}
    </div>
  );
}

export function DocumentNotices() {
  const t = useT();
  const migrated = useDoc((s) => s.snapshot?.info.migratedFrom ?? null);
  return (
    <>
      {migrated && (
        <div className="banner banner-info" role="status" data-testid="migrated-banner">
          {t('banner.migrated', { path: migrated.backupPath })}
        </div>
      )}
    </>
  );
}
