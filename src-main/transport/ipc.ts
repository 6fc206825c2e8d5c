/**
 * Desktop mode: the contract served over Electron IPC, on one channel.
 *
 * Renderer side (the preload): `buildApi(invoke)` makes exactly one function per contract call,
 * each sending `ipcRenderer.invoke(IPC_CHANNEL, name, request)`. The preload exposes that object,
 * and nothing else, as `window.api`.
 *
 * Main side: `createIpcCallHandler(handlers)` checks the sender (the main frame of a page of our
 * own app:// origin) and hands the call to `dispatch`, which validates the request against the
 * contract. Neither side imports electron, so both are tested under plain Node.
 */
import {
  type Api,
  APP_EVENT_TYPES,
  type AppEvent,
  CALL_NAMES,
  type CallName,
  dispatch,
  type Handlers,
  type Reply,
} from '../../src-shared/api';

export const IPC_CHANNEL = 'rcs:call';
/** Main -> window: one AppEvent per message (see the contract's AppEvent). */
export const EVENT_CHANNEL = 'rcs:event';

/** The renderer is served from app://rcs/ (a standard, secure scheme registered by main). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rcs';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True when `url` is a page of our own app:// origin. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** What main knows of the frame that sent a message (from `event.senderFrame`). */
export interface IpcSender {
  /** The frame's URL; undefined when the frame is gone. */
  url: string | undefined;
  /** Only the top-level frame of our window may call. */
  isMainFrame: boolean;
}

export function isTrustedSender(sender: IpcSender): boolean {
  return sender.isMainFrame && isAppUrl(sender.url);
}

export type IpcCallHandler = (sender: IpcSender, name: unknown, request: unknown) => Promise<Reply<unknown>>;

export function createIpcCallHandler(
  handlers: Handlers,
  onInternalError?: (err: unknown) => void,
  onRefused?: (sender: IpcSender) => void,
): IpcCallHandler {
  return async (sender, name, request) => {
    if (!isTrustedSender(sender)) {
      onRefused?.(sender);
      return {
        ok: false,
        error: { code: 'unauthorized', message: 'This call did not come from the app window, so it was refused.' },
      };
    }
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'notFound', message: 'A call must be named.' } };
    }
    return dispatch(handlers, name, request, onInternalError);
  };
}

/** How the preload sends one call: `(name, request) => ipcRenderer.invoke(IPC_CHANNEL, name, request)`. */
export type Invoke = (name: CallName, request: unknown) => Promise<unknown>;

/** The names `buildApi` exposes: exactly the contract's calls. */
export const EXPOSED_CALL_NAMES: readonly CallName[] = Object.freeze([...CALL_NAMES]);

/**
 * The object the preload exposes as `window.api`: one function per contract call, taking the
 * call's request (omitted = `{}`) and resolving to its Reply. Frozen, no other members.
 */
export function buildApi(invoke: Invoke): Api {
  const api: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const name of EXPOSED_CALL_NAMES) {
    api[name] = (request?: unknown) => invoke(name, request ?? {});
  }
  return Object.freeze(api) as unknown as Api;
}

/** What the preload exposes as `window.rcsEvents`: a way to hear main's events, and nothing else. */
export interface EventsBridge {
  /** Calls `listener` with every event; returns the function that stops it. */
  subscribe(listener: (event: AppEvent) => void): () => void;
}

/** True for a value shaped like one of the contract's events (what arrives over IPC is not trusted blindly). */
export function isAppEvent(value: unknown): value is AppEvent {
  if (typeof value !== 'object' || value === null || !('type' in value)) return false;
  return (APP_EVENT_TYPES as readonly unknown[]).includes((value as { type: unknown }).type);
}

/**
 * The preload's event bridge: `on(listener)` registers an ipcRenderer listener on EVENT_CHANNEL
 * and returns its removal. Only the event crosses to the page, never the IPC event object.
 */
export function buildEvents(on: (listener: (payload: unknown) => void) => () => void): EventsBridge {
  return Object.freeze({
    subscribe(listener: (event: AppEvent) => void): () => void {
      return on((payload) => {
        if (isAppEvent(payload)) listener(payload);
      });
    },
  });
}
