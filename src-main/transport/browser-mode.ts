/**
 * Runs the app in browser mode: the same services as the desktop app (createHandlers) behind the
 * HTTP transport on 127.0.0.1. Used by `npm run serve` and by `npm start` when the Electron runtime
 * is not there.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AppEvent } from '../../src-shared/api';
import { createHandlers } from '../documents/app-service';
import { appVersion, type PortChoice, resolveAppPaths } from './environment';
import { DEFAULT_PORT, type RunningHttpServer, startHttpServer } from './http';

export interface BrowserModeOptions {
  appRoot: string;
  port: PortChoice;
  /** The line printed once the server listens; gets the URL to open. */
  announce: (url: string) => string;
}

function isAddressInUse(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'EADDRINUSE';
}

/** Starts browser mode and keeps it running until SIGINT/SIGTERM. */
export async function runBrowserMode(options: BrowserModeOptions): Promise<RunningHttpServer> {
  const paths = resolveAppPaths(options.appRoot);
  if (!existsSync(path.join(paths.rendererDir, 'index.html'))) {
    throw new Error(`The app is not built (${paths.rendererDir} has no index.html); run "npm run build" first.`);
  }
  // Events go to the server's streams once it runs (nothing can happen before: no call has come).
  let broadcast: (event: AppEvent) => void = () => undefined;
  const handlers = createHandlers({
    documentsDir: paths.documentsDir,
    userDataDir: paths.userDataDir,
    sampleFile: paths.sampleFile,
    mode: 'browser',
    version: appVersion(options.appRoot),
    emit: (event) => broadcast(event),
    engineThread: path.join(paths.appRoot, 'out', 'main', 'engine-thread.js'),
  });
  const onInternalError = (err: unknown): void => console.error('Internal error in a call:', err);

  let running: RunningHttpServer;
  try {
    try {
      running = await startHttpServer({
        handlers,
        rendererDir: paths.rendererDir,
        port: options.port.port,
        onInternalError,
      });
    } catch (err) {
      // The default port is taken (another copy running?): take any free port rather than fail.
      if (!options.port.explicit && options.port.port === DEFAULT_PORT && isAddressInUse(err)) {
        running = await startHttpServer({ handlers, rendererDir: paths.rendererDir, port: 0, onInternalError });
      } else if (isAddressInUse(err)) {
        throw new Error(
          `Port ${options.port.port} is already in use; choose another with --port (0 picks a free one).`,
        );
      } else {
        throw err;
      }
    }
  } catch (err) {
    handlers.dispose();
    throw err;
  }

  broadcast = running.broadcast;
  console.log(options.announce(running.url));

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void running.close().finally(() => {
      handlers.dispose();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return running;
}
