/**
 * Builds the app, then starts it in browser mode on a free port with throw-away documents and
 * settings folders (so a run never touches a person's files nor the shipped sample). The URL is
 * handed to the tests through RCS_E2E_URL; the server is stopped at the end.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.RCS_E2E_SKIP_BUILD !== '1') {
    const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('electron-vite build failed; the end-to-end tests need the built app.');
  }
  const root = mkdtempSync(join(tmpdir(), 'rcs-e2e-'));
  const server: ChildProcess = spawn(process.execPath, ['out/main/serve.js', '--port', '0'], {
    env: {
      ...process.env,
      RCS_DOCUMENTS_DIR: join(root, 'documents'),
      RCS_USER_DATA_DIR: join(root, 'user-data'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the browser-mode server did not start within 30 s')), 30_000);
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browser-mode server exited early (code ${String(code)}): ${out}`));
    });
  });
  process.env.RCS_E2E_URL = url;
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(root, { recursive: true, force: true });
  };
}
