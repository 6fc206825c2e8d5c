/** Chooses the transport once, at start: the Electron preload's `window.api`, else HTTP. */
import type { Api } from '../../src-shared/api';
import { httpEvents, preloadEvents, type Subscribe } from './events';
import { createHttpApi, wrapPreloadApi } from './transport';

declare global {
  interface Window {
    /** Exposed by the Electron preload (desktop only): one async function per contract call. */
    api?: Api;
    /** Exposed by the Electron preload (desktop only): main's events. */
    rcsEvents?: { subscribe(listener: (event: unknown) => void): () => void };
  }
}

export const TOKEN_META = 'rcs-token';

/** Picks the transport once, at start: the calls, and the subscription to main's events. */
export function detectApi(): { api: Api; events: Subscribe } {
  if (typeof window !== 'undefined' && window.api) {
    const bridge = window.rcsEvents;
    return { api: wrapPreloadApi(window.api), events: bridge ? preloadEvents(bridge) : () => () => undefined };
  }
  const token = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`)?.content ?? '';
  return { api: createHttpApi(token), events: httpEvents(token) };
}
