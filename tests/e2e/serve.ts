/**
 * Starts the built app in browser mode (`node out/main/serve.js --port 0`) with throw-away documents
 * and settings folders under `root`, and resolves with its address once it prints it. Used by the
 * end-to-end tests' global setup and by `npm run bench:ui`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export async function startServe(root: string): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(process.execPath, ['out/main/serve.js', '--port', '0'], {
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
  return { url, server };
}
