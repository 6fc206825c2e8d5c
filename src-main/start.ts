/**
 * `npm start`: the desktop app where the Electron runtime is installed; browser mode, said in one
 * plain sentence, where it is not (or where it cannot open a window). Options as for serve.
 */
import { spawn } from 'node:child_process';
import { runBrowserMode } from './transport/browser-mode';
import {
  browserModeSentence,
  desktopUnavailableReason,
  findAppRoot,
  findElectronRuntime,
  parsePort,
} from './transport/environment';

function launchDesktop(electronExe: string, appRoot: string): void {
  const env = { ...process.env };
  delete env['ELECTRON_RUN_AS_NODE'];
  const child = spawn(electronExe, [appRoot], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  child.on('error', (err) => {
    console.error(`The desktop app could not be started: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main(): Promise<void> {
  const appRoot = findAppRoot(import.meta.dirname);
  const port = parsePort(process.argv.slice(2));
  const electronExe = findElectronRuntime(appRoot);
  const reason = desktopUnavailableReason(appRoot, electronExe);
  if (electronExe && reason === null) {
    launchDesktop(electronExe, appRoot);
    return;
  }
  await runBrowserMode({
    appRoot,
    port,
    announce: (url) => browserModeSentence(reason ?? 'The desktop app is not available', url),
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
