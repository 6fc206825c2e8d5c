/**
 * The preload of the sandboxed renderer. It exposes exactly the contract's calls as `window.api`
 * (see buildApi in ../transport/ipc.ts) and a subscription to main's events as `window.rcsEvents`
 * (buildEvents), and never ipcRenderer itself. Bundled to CommonJS
 * (out/preload/preload.cjs) because sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, buildEvents, EVENT_CHANNEL, IPC_CHANNEL } from '../transport/ipc';

contextBridge.exposeInMainWorld(
  'api',
  buildApi((name, request) => ipcRenderer.invoke(IPC_CHANNEL, name, request)),
);

contextBridge.exposeInMainWorld(
  'rcsEvents',
  buildEvents((listener) => {
    const onEvent = (_event: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, onEvent);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, onEvent);
    };
  }),
);
