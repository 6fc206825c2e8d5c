/** Messages above the content: the last error (with rollback notice), read-only and migration notices. */
import { useDoc, useDocStore, useLocale, useT } from '../document/react';
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

export function DocumentNotices() {
  const t = useT();
  const reason = useDoc((s) => s.snapshot?.info.readOnlyReason ?? null);
  const readOnly = useDoc((s) => s.snapshot?.info.readOnly ?? false);
  const migrated = useDoc((s) => s.snapshot?.info.migratedFrom ?? null);
  return (
    <>
      {readOnly && (
        <div className="banner banner-info" role="status" data-testid="readonly-banner">
          {t(`banner.readOnly.${reason ?? 'requested'}`)}
        </div>
      )}
      {migrated && (
        <div className="banner banner-info" role="status" data-testid="migrated-banner">
          {t('banner.migrated', { path: migrated.backupPath })}
        </div>
      )}
    </>
  );
}
