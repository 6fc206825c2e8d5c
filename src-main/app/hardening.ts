/**
 * Electron's security checklist, applied once for the whole app: no navigation, no new windows,
 * no webviews, no permissions, no network. Electron only.
 */
import { app, session, type Session } from 'electron';
import { isAppUrl } from '../transport/ipc';

export function hardenSession(ses: Session = session.defaultSession): void {
  // Every permission (camera, notifications, clipboard-read, ...) is refused; the app needs none.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The app works offline: only its own app:// files (and DevTools, when opened) may be loaded.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    const allowed = isAppUrl(url) || url.startsWith('devtools:') || url.startsWith('data:');
    callback({ cancel: !allowed });
  });
}

export function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
