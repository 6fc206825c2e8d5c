/**
 * Builds the app, then starts it in browser mode on a free port with throw-away documents and
 * settings folders (so a run never touches a person's files nor the shipped sample). The URL is
 * handed to the tests through RCS_E2E_URL; the server is stopped at the end.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from './serve';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.RCS_E2E_SKIP_BUILD !== '1') {
    const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('electron-vite build failed; the end-to-end tests need the built app.');
  }
  const root = mkdtempSync(join(tmpdir(), 'rcs-e2e-'));
  const { url, server } = await startServe(root);
  process.env.RCS_E2E_URL = url;
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(root, { recursive: true, force: true });
  };
}
