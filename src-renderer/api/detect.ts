/** Chooses the transport once, at start: the Electron preload's `window.api`, else HTTP. */
import type { Api } from '../../src-shared/api';
import { createHttpApi, wrapPreloadApi } from './transport';

declare global {
  interface Window {
    /** Exposed by the Electron preload (desktop only): one async function per contract call. */
    api?: Api;
  }
}

export const TOKEN_META = 'rcs-token';

/** Picks the transport once, at start. */
export function detectApi(): Api {
  if (typeof window !== 'undefined' && window.api) return wrapPreloadApi(window.api);
  const token = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`)?.content ?? '';
  return createHttpApi(token);
}
