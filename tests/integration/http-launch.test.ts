/**
 * Browser mode as `npm run serve` / `npm start` run it: the built entry (out/main), a real process
 * on 127.0.0.1, the real services behind it. Needs `electron-vite build` (CI builds before it tests).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronRuntime } from '../../src-main/transport/environment';

const ROOT = path.resolve(import.meta.dirname, '../..');
const built = ['serve.js', 'start.js'].every((f) => existsSync(path.join(ROOT, 'out', 'main', f)));
const rendererBuilt = existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'));

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts an entry of out/main and resolves with its first line of output (bounded wait). */
function launch(entry: string): Promise<{ child: ChildProcess; line: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rcs-launch-'));
  dirs.push(dir);
  const child = spawn(process.execPath, [path.join(ROOT, 'out', 'main', entry), '--port', '0'], {
    cwd: ROOT,
    env: {
      ...process.env,
      RCS_DOCUMENTS_DIR: path.join(dir, 'docs'),
      RCS_USER_DATA_DIR: path.join(dir, 'user'),
      RCS_PORT: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no output within 15 s; stderr: ${err}`)), 15_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve({ child, line: out.slice(0, nl) });
      }
    });
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}; stderr: ${err}`));
    });
  });
}

async function call(base: string, name: string, token: string | null, body: unknown = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== null) headers['X-RCS-Token'] = token;
  return fetch(`${base}api/${name}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

describe.skipIf(!built || !rendererBuilt)('browser mode, as started by npm', () => {
  it('npm run serve: prints the URL, serves the page with its token, and the real services behind it', async () => {
    const { line } = await launch('serve.js');
    const url = /open (http:\/\/127\.0\.0\.1:\d+\/) in your browser/.exec(line)?.[1];
    expect(url, line).toBeDefined();
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    const token = /<meta name="rcs-token" content="([0-9a-f]{64})"/.exec(html)?.[1];
    expect(token).toBeDefined();
    expect(line).not.toContain(token!);

    expect((await call(url!, 'app.info', null)).status).toBe(401);
    const info = (await (await call(url!, 'app.info', token!)).json()) as { ok: boolean; value: { mode: string } };
    expect(info).toMatchObject({ ok: true, value: { mode: 'browser' } });
    const sample = (await (await call(url!, 'document.openSample', token!)).json()) as {
      ok: boolean;
      value: { model: { lines: unknown[] } };
    };
    expect(sample.ok).toBe(true);
    expect(sample.value.model.lines.length).toBeGreaterThan(0);
  });

  it.skipIf(findElectronRuntime(ROOT) !== null)(
    'npm start without the Electron runtime: says so in one sentence and serves browser mode',
    async () => {
      const { line } = await launch('start.js');
      expect(line).toMatch(
        /^The Electron runtime is not installed on this machine, so the app runs in browser mode: open http:\/\/127\.0\.0\.1:\d+\/ in your browser\.$/,
      );
      const url = /open (\S+) in/.exec(line)![1]!;
      expect((await fetch(url)).status).toBe(200);
    },
  );
});
