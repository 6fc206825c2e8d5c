/**
 * Browser mode's HTTP transport, against a real server on 127.0.0.1 (random port), as a hostile
 * page in the same browser would probe it: token, Host (DNS rebinding), Origin, method, body size,
 * malformed JSON, unknown calls, path traversal; and the page it serves (token meta, CSP).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiFailure, CALL_NAMES, type Handlers } from '../../src-shared/api';
import { createHandlers } from '../../src-main/documents/app-service';
import {
  CONNECTION_LIMITS,
  injectToken,
  MAX_BODY_BYTES,
  type RunningHttpServer,
  startHttpServer,
  tokenMatches,
} from '../../src-main/transport/http';
import { CONTENT_SECURITY_POLICY } from '../../src-main/transport/security-headers';

interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request with full control of the headers (fetch would not let us forge Host). */
function send(
  server: RunningHttpServer,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function api(
  server: RunningHttpServer,
  name: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return send(server, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { 'Content-Type': 'application/json', 'X-RCS-Token': server.token, ...headers },
    body: JSON.stringify(body),
  });
}

const json = (r: Response): unknown => JSON.parse(r.body);

const calls: { name: string; request: unknown }[] = [];
const fakeHandlers = Object.fromEntries(
  CALL_NAMES.map((name) => [
    name,
    (request: unknown) => {
      calls.push({ name, request });
      if (name === 'document.current') throw new ApiFailure('noDocument', 'No programme is open.');
      if (name === 'document.close') throw new Error('secret internal detail');
      return { echo: request };
    },
  ]),
) as unknown as Handlers;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rcs-http-'));
const rendererDir = path.join(tmp, 'renderer');
let server: RunningHttpServer;
const internalErrors: unknown[] = [];

beforeAll(async () => {
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html>\n<html>\n  <head>\n    <meta name="rcs-token" content="" />\n    <title>RCS</title>\n  </head>\n  <body><div id="root"></div></body>\n</html>\n',
  );
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log("app");\n');
  writeFileSync(path.join(tmp, 'secret.txt'), 'outside the renderer folder\n');
  server = await startHttpServer({
    handlers: fakeHandlers,
    rendererDir,
    port: 0,
    onInternalError: (err) => internalErrors.push(err),
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the server', () => {
  it('listens on 127.0.0.1 only, on the port it reports, with a 64-hex-digit token', () => {
    const address = server.server.address();
    expect(address).toMatchObject({ address: '127.0.0.1', port: server.port });
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('makes a new token at every start', async () => {
    const other = await startHttpServer({ handlers: fakeHandlers, rendererDir, port: 0 });
    try {
      expect(other.token).not.toBe(server.token);
      expect(other.port).not.toBe(server.port);
    } finally {
      await other.close();
    }
  });
});

describe('the page', () => {
  it('serves index.html with this start’s token in the meta tag and the strict CSP', async () => {
    const r = await send(server, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain(`<meta name="rcs-token" content="${server.token}" />`);
    expect(r.body.match(/rcs-token/g)).toHaveLength(1);
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const again = await send(server, { path: '/index.html' });
    expect(again.body).toBe(r.body);
  });

  it('serves built assets with their type and the same headers', async () => {
    const r = await send(server, { path: '/assets/index-abc.js' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.body).toContain('console.log');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/missing.js'])(
    'serves nothing outside the renderer folder: %s',
    async (p) => {
      const r = await send(server, { path: p });
      expect([400, 404]).toContain(r.status);
      expect(r.body).not.toContain('outside the renderer folder');
    },
  );

  it('refuses the page to a foreign Host (DNS rebinding), so the token cannot be read', async () => {
    const r = await send(server, { path: '/', headers: { Host: `evil.example:${server.port}` } });
    expect(r.status).toBe(403);
    expect(r.body).not.toContain(server.token);
  });
});

describe('API calls', () => {
  it('answers a valid call with an ok Reply', async () => {
    calls.length = 0;
    const r = await api(server, 'document.open', { path: '/tmp/x.rcs', readOnly: true });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(json(r)).toEqual({ ok: true, value: { echo: { path: '/tmp/x.rcs', readOnly: true } } });
    expect(calls).toEqual([{ name: 'document.open', request: { path: '/tmp/x.rcs', readOnly: true } }]);
  });

  it('accepts our own Origin, in both spellings of the host', async () => {
    const a = await api(server, 'app.info', {}, { Origin: `http://127.0.0.1:${server.port}` });
    expect(a.status).toBe(200);
    const b = await api(
      server,
      'app.info',
      {},
      { Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` },
    );
    expect(b.status).toBe(200);
  });

  it('treats an empty body as {}', async () => {
    calls.length = 0;
    const r = await send(server, {
      method: 'POST',
      path: '/api/settings.get',
      headers: { 'X-RCS-Token': server.token },
    });
    expect(json(r)).toEqual({ ok: true, value: { echo: {} } });
  });

  it('refuses a call without the token: 401', async () => {
    calls.length = 0;
    const r = await send(server, {
      method: 'POST',
      path: '/api/app.info',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(401);
    expect(json(r)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(calls).toEqual([]);
  });

  it('refuses a call with a wrong token: 401', async () => {
    const wrong = server.token.slice(0, -1) + (server.token.endsWith('0') ? '1' : '0');
    for (const token of [wrong, server.token.toUpperCase(), `${server.token}0`, server.token.slice(1), 'x']) {
      const r = await api(server, 'app.info', {}, { 'X-RCS-Token': token });
      expect(r.status, token).toBe(401);
      expect(json(r)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('refuses a foreign Origin even with the token: 403', async () => {
    for (const origin of [
      'https://evil.example',
      `http://127.0.0.1:${server.port + 1}`,
      `https://127.0.0.1:${server.port}`,
      'null',
    ]) {
      const r = await api(server, 'app.info', {}, { Origin: origin });
      expect(r.status, origin).toBe(403);
      expect(json(r)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('refuses a cross-site fetch (Sec-Fetch-Site): 403', async () => {
    const r = await api(server, 'app.info', {}, { 'Sec-Fetch-Site': 'cross-site' });
    expect(r.status).toBe(403);
  });

  it('refuses a bad Host even with the token: 403', async () => {
    for (const host of [
      `evil.example:${server.port}`,
      '127.0.0.1',
      `127.0.0.1:${server.port + 1}`,
      `[::1]:${server.port}`,
    ]) {
      const r = await api(server, 'app.info', {}, { Host: host });
      expect(r.status, host).toBe(403);
      expect(json(r)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('refuses GET on the API: 405', async () => {
    for (const p of ['/api', '/api/app.info']) {
      const r = await send(server, { path: p, headers: { 'X-RCS-Token': server.token } });
      expect(r.status, p).toBe(405);
      expect(r.headers['allow']).toBe('POST');
      expect(json(r)).toMatchObject({ ok: false });
    }
    const options = await send(server, { method: 'OPTIONS', path: '/api/app.info' });
    expect(options.status).toBe(405);
    expect(options.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers malformed JSON with 400 and a clear Reply', async () => {
    const r = await send(server, {
      method: 'POST',
      path: '/api/app.info',
      headers: { 'Content-Type': 'application/json', 'X-RCS-Token': server.token },
      body: '{"not json',
    });
    expect(r.status).toBe(400);
    expect(json(r)).toEqual({
      ok: false,
      error: { code: 'validation', message: 'The request body is not valid JSON.' },
    });
  });

  it('refuses a body that is not JSON by type: 415', async () => {
    const r = await api(server, 'app.info', {}, { 'Content-Type': 'text/plain' });
    expect(r.status).toBe(415);
  });

  it('refuses a body over 1 MB: 413, without calling the handler', async () => {
    calls.length = 0;
    const big = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) });
    const r = await send(server, {
      method: 'POST',
      path: '/api/settings.update',
      headers: { 'Content-Type': 'application/json', 'X-RCS-Token': server.token },
      body: big,
    });
    expect(r.status).toBe(413);
    expect(json(r)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(calls).toEqual([]);
  });

  it('lifts the cap for one call only: each call has its own body limit', async () => {
    const limited = await startHttpServer({
      handlers: fakeHandlers,
      rendererDir,
      port: 0,
      bodyLimits: { 'settings.update': 64, 'document.open': 4 * MAX_BODY_BYTES },
    });
    try {
      calls.length = 0;
      const body = JSON.stringify({ author: 'x'.repeat(100) });
      const small = await send(limited, {
        method: 'POST',
        path: '/api/settings.update',
        headers: { 'Content-Type': 'application/json', 'X-RCS-Token': limited.token },
        body,
      });
      expect(small.status).toBe(413);
      expect(json(small)).toMatchObject({ error: { message: 'The request is too large (64 bytes at most).' } });
      // Two megabytes pass where the limit was raised, and nowhere else.
      const big = JSON.stringify({ path: 'x'.repeat(2 * MAX_BODY_BYTES), readOnly: false });
      const raised = await send(limited, {
        method: 'POST',
        path: '/api/document.open',
        headers: { 'Content-Type': 'application/json', 'X-RCS-Token': limited.token },
        body: big,
      });
      expect(raised.status).toBe(200);
      expect(json(raised)).toMatchObject({ ok: false, error: { code: 'validation' } }); // the path is too long
      const other = await send(limited, {
        method: 'POST',
        path: '/api/library.list',
        headers: { 'Content-Type': 'application/json', 'X-RCS-Token': limited.token },
        body: big,
      });
      expect(other.status).toBe(413);
      expect(json(other)).toMatchObject({ error: { message: 'The request is too large (1 MB at most).' } });
      expect(calls).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('refuses a declared huge body at once, without reading it: 413', async () => {
    calls.length = 0;
    const r = await send(server, {
      method: 'POST',
      path: '/api/settings.update',
      headers: { 'Content-Type': 'application/json', 'X-RCS-Token': server.token, 'Content-Length': '500000000' },
    });
    expect(r.status).toBe(413);
    expect(calls).toEqual([]);
  });

  it('answers an unknown call with 404', async () => {
    for (const name of ['fs.readFile', 'constructor', '__proto__', '']) {
      const r = await api(server, name, {});
      expect(r.status, name).toBe(404);
      expect(json(r)).toMatchObject({ ok: false, error: { code: 'notFound' } });
    }
  });

  it('validates the request against the contract', async () => {
    calls.length = 0;
    const r = await api(server, 'document.open', { path: 7 });
    expect(r.status).toBe(200);
    expect(json(r)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(calls).toEqual([]);
  });

  it('passes the app’s own errors through as data, and hides internal ones', async () => {
    const a = await api(server, 'document.current', {});
    expect(json(a)).toEqual({ ok: false, error: { code: 'noDocument', message: 'No programme is open.' } });
    const b = await api(server, 'document.close', {});
    expect(b.status).toBe(200);
    expect(json(b)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(b.body).not.toContain('secret internal detail');
    expect(internalErrors.length).toBeGreaterThan(0);
  });
});

describe('with the real services', () => {
  it('answers app.info in browser mode', async () => {
    const handlers = createHandlers({
      documentsDir: path.join(tmp, 'docs'),
      userDataDir: path.join(tmp, 'user'),
      sampleFile: path.join(tmp, 'no-sample.rcs'),
      mode: 'browser',
      version: '9.9.9',
    });
    const real = await startHttpServer({ handlers, rendererDir, port: 0 });
    try {
      const r = await api(real, 'app.info', {});
      expect(r.status).toBe(200);
      expect(json(r)).toMatchObject({ ok: true, value: { mode: 'browser', version: '9.9.9', nativeDialogs: false } });
      const dialog = await api(real, 'document.openDialog', { readOnly: false });
      expect(json(dialog)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      await real.close();
      handlers.dispose();
    }
  });
});

describe('helpers', () => {
  it('injectToken replaces the meta tag, or adds one to the head', () => {
    expect(injectToken('<head><meta name="rcs-token" content="old"></head>', 'abc')).toBe(
      '<head><meta name="rcs-token" content="abc" /></head>',
    );
    expect(injectToken('<html><head><title>x</title></head></html>', 'abc')).toContain(
      '<meta name="rcs-token" content="abc" />\n  </head>',
    );
  });

  it('tokenMatches compares exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('', '')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
  });
});

/** A raw TCP connection to the server that sends nothing; resolves once connected. */
function silentSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

/** The page's event stream (/api/events), open; `events` collects what arrives on it. */
async function openEvents(s: {
  port: number;
  token: string;
}): Promise<{ events: string[]; stream: ReturnType<typeof httpRequest> }> {
  const events: string[] = [];
  const stream = httpRequest({
    host: '127.0.0.1',
    port: s.port,
    path: '/api/events',
    headers: { Host: `127.0.0.1:${s.port}`, 'X-RCS-Token': s.token },
  });
  await new Promise<void>((resolve, reject) => {
    stream.on('response', (res) => {
      res.on('data', (d: Buffer) => events.push(d.toString()));
      resolve();
    });
    stream.on('error', reject);
    stream.end();
  });
  return { events, stream };
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
}

describe('connections that send nothing (issue 13)', () => {
  it('a socket that never sends a byte is closed after the idle time', async () => {
    const s = await startHttpServer({
      handlers: fakeHandlers,
      rendererDir,
      port: 0,
      connectionLimits: { idleMs: 300 },
    });
    try {
      const socket = await silentSocket(s.port);
      const t0 = Date.now();
      await closed(socket);
      expect(Date.now() - t0).toBeLessThan(5_000);
      await expect.poll(() => s.connectionCount()).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('the defaults set header, request, keep-alive and connection limits', () => {
    expect(server.server.headersTimeout).toBe(CONNECTION_LIMITS.headersMs);
    expect(server.server.requestTimeout).toBe(CONNECTION_LIMITS.requestMs);
    expect(server.server.keepAliveTimeout).toBe(CONNECTION_LIMITS.keepAliveMs);
    expect(server.server.maxRequestsPerSocket).toBe(CONNECTION_LIMITS.maxRequestsPerSocket);
    expect(CONNECTION_LIMITS.maxConnections).toBeLessThan(1000);
  });

  it('under a flood of 1,200 silent sockets the page’s calls are still answered, and its event stream stays', async () => {
    const s = await startHttpServer({ handlers: fakeHandlers, rendererDir, port: 0 });
    const sockets: Socket[] = [];
    try {
      // The page's event stream, opened first (the oldest connection).
      const { events, stream } = await openEvents(s);

      for (let i = 0; i < 1200; i++) sockets.push(await silentSocket(s.port));
      expect(s.connectionCount()).toBeLessThanOrEqual(CONNECTION_LIMITS.maxConnections);
      for (let i = 0; i < 5; i++) {
        const r = await api(s, 'settings.get', {});
        expect(r.status).toBe(200);
      }
      // Most silent sockets were closed to make room; the stream was not.
      await Promise.all(sockets.slice(0, 900).map(closed));
      s.broadcast({ type: 'document.replaced', path: null, origin: null });
      await expect.poll(() => events.join('')).toContain('event: document.replaced');
      stream.destroy();
    } finally {
      for (const socket of sockets) socket.destroy();
      await s.close();
    }
  });

  it('a quiet event stream outlives the idle time', async () => {
    const s = await startHttpServer({
      handlers: fakeHandlers,
      rendererDir,
      port: 0,
      connectionLimits: { idleMs: 200 },
    });
    try {
      const { events, stream } = await openEvents(s);
      await new Promise((r) => setTimeout(r, 800));
      s.broadcast({ type: 'document.replaced', path: null, origin: null });
      await expect.poll(() => events.join('')).toContain('event: document.replaced');
      stream.destroy();
    } finally {
      await s.close();
    }
  });
});

describe('an oversize chunked upload (issue 13)', () => {
  it.each([
    ['a client that stops sending once answered', true],
    ['a client that sends all 50 MB regardless', false],
  ])('50 MB sent chunked is answered 413, not reset: %s', async (_, stopOnAnswer) => {
    calls.length = 0;
    const r = await new Promise<Response>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/api/settings.update',
        headers: {
          Host: `127.0.0.1:${server.port}`,
          'Content-Type': 'application/json',
          'X-RCS-Token': server.token,
          'Transfer-Encoding': 'chunked',
        },
      });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = (): void => {
        while (!(stopOnAnswer && answered) && sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
    expect(json(r)).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringMatching(/too large/) },
    });
    expect(calls).toEqual([]);
  });
});
