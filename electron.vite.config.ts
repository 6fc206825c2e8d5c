/**
 * `electron-vite build` writes everything to out/:
 * - out/main: the Electron main process (index.js, package.json "main") and the plain-Node
 *   entries that share its code: serve.js (browser mode), start.js (`npm start` launcher),
 *   cli.js (command line), engine-thread.js (the engine's worker thread for main's long jobs) and
 *   montecarlo-thread.js (a Monte-Carlo worker thread).
 *   ES modules; dependencies (better-sqlite3, zod) stay external.
 * - out/preload/preload.cjs: the sandboxed preload. Sandboxed preloads cannot be ES modules and
 *   can require nothing but electron, so it is CommonJS with every dependency bundled in.
 * - out/renderer: the React UI (src-renderer), served by app:// (desktop) or by browser mode.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type MainViteConfig, type PreloadViteConfig, type RendererViteConfig } from 'electron-vite';

const root = import.meta.dirname;

/** Vite 8 builds with Rolldown alone: entries and output options live in `build.rolldownOptions`. */
const mainBuild: NonNullable<MainViteConfig['build']> = {
  outDir: resolve(root, 'out/main'),
  externalizeDeps: true,
  rolldownOptions: {
    input: {
      index: resolve(root, 'src-main/app/main.ts'),
      serve: resolve(root, 'src-main/serve.ts'),
      start: resolve(root, 'src-main/start.ts'),
      cli: resolve(root, 'src-main/cli/index.ts'),
      // The engine's worker thread for main's long jobs (src-main/documents/engine-pool.ts).
      'engine-thread': resolve(root, 'src-main/documents/engine-thread.ts'),
      // Monte-Carlo's worker threads, one chunk of draws each (src-main/documents/montecarlo-pool.ts).
      'montecarlo-thread': resolve(root, 'src-main/documents/montecarlo-thread.ts'),
    },
    external: ['better-sqlite3'],
  },
};

const preloadBuild: NonNullable<PreloadViteConfig['build']> = {
  outDir: resolve(root, 'out/preload'),
  externalizeDeps: false,
  rolldownOptions: {
    input: { preload: resolve(root, 'src-main/app/preload.ts') },
    output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
  },
};

const rendererBuild: NonNullable<RendererViteConfig['build']> = {
  outDir: resolve(root, 'out/renderer'),
  emptyOutDir: true,
  // One local bundle read from disk, never downloaded: its size does not matter.
  chunkSizeWarningLimit: 8192,
  rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
};

export default defineConfig({
  main: { build: mainBuild },
  preload: { build: preloadBuild },
  renderer: {
    root: resolve(root, 'src-renderer'),
    base: './',
    plugins: [react()],
    build: rendererBuild,
    // The engine worker (src-renderer/document/engine.worker.ts) is a module worker: an ES bundle
    // of its own, loaded from the app's origin (the CSP's worker-src 'self').
    worker: { format: 'es' },
  },
});
