/**
 * The preload of the sandboxed renderer. It exposes exactly the contract's calls as `window.api`
 * (see buildApi in ../transport/ipc.ts) and never ipcRenderer itself. Bundled to CommonJS
 * (out/preload/preload.cjs) because sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, IPC_CHANNEL } from '../transport/ipc';

contextBridge.exposeInMainWorld(
  'api',
  buildApi((name, request) => ipcRenderer.invoke(IPC_CHANNEL, name, request)),
);
