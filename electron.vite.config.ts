/**
 * `electron-vite build` writes everything to out/:
 * - out/main: the Electron main process (index.js, package.json "main") and the plain-Node
 *   entries that share its code: serve.js (browser mode), start.js (`npm start` launcher),
 *   cli.js (command line). ES modules; dependencies (better-sqlite3, zod) stay external.
 * - out/preload/preload.cjs: the sandboxed preload. Sandboxed preloads cannot be ES modules and
 *   can require nothing but electron, so it is CommonJS with every dependency bundled in.
 * - out/renderer: the React UI (src-renderer), served by app:// (desktop) or by browser mode.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type MainViteConfig, type PreloadViteConfig, type RendererViteConfig } from 'electron-vite';
import type { Rollup } from 'vite';

const root = import.meta.dirname;

/**
 * electron-vite 6 reads entries and output options from `build.rolldownOptions` (and copies them to
 * `rollupOptions` when running on Vite 7, whose types do not know the field yet).
 */
type WithRolldown<T> = T & { rolldownOptions?: Rollup.RollupOptions };

/** zod's sources carry comments Rollup cannot place: harmless, not ours to fix, and noisy in CI. */
const quietDependencyAnnotations: NonNullable<Rollup.RollupOptions['onwarn']> = (warning, warn) => {
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
  warn(warning);
};

const mainBuild: WithRolldown<NonNullable<MainViteConfig['build']>> = {
  outDir: resolve(root, 'out/main'),
  externalizeDeps: true,
  rolldownOptions: {
    input: {
      index: resolve(root, 'src-main/app/main.ts'),
      serve: resolve(root, 'src-main/serve.ts'),
      start: resolve(root, 'src-main/start.ts'),
      cli: resolve(root, 'src-main/cli/index.ts'),
    },
    external: ['better-sqlite3'],
  },
};

const preloadBuild: WithRolldown<NonNullable<PreloadViteConfig['build']>> = {
  outDir: resolve(root, 'out/preload'),
  externalizeDeps: false,
  rolldownOptions: {
    input: { preload: resolve(root, 'src-main/app/preload.ts') },
    output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
    onwarn: quietDependencyAnnotations,
  },
};

const rendererBuild: WithRolldown<NonNullable<RendererViteConfig['build']>> = {
  outDir: resolve(root, 'out/renderer'),
  emptyOutDir: true,
  // One local bundle read from disk, never downloaded: its size does not matter.
  chunkSizeWarningLimit: 8192,
  rolldownOptions: { input: resolve(root, 'src-renderer/index.html'), onwarn: quietDependencyAnnotations },
};

export default defineConfig({
  main: { build: mainBuild },
  preload: { build: preloadBuild },
  renderer: {
    root: resolve(root, 'src-renderer'),
    base: './',
    plugins: [react()],
    build: rendererBuild,
  },
});
