/**
 * The engine in a worker thread, for main's long jobs (the file check now; export, import and
 * Monte-Carlo later): one engine instance of its own, so that a job's computes never hold up the
 * calls main answers meanwhile. Messages: { id, model } in, { id, ok, result | message } out.
 * Bundled as out/main/engine-thread.js (electron.vite.config.ts); the tests use that file.
 */
import { parentPort } from 'node:worker_threads';
import { createEngine } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';

const engine = createEngine();

parentPort?.on('message', (message: { id: number; model: Model }) => {
  try {
    parentPort?.postMessage({ id: message.id, ok: true, result: engine.compute(message.model) });
  } catch (err) {
    parentPort?.postMessage({ id: message.id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
