/**
 * Browser mode: the contract served over a small HTTP server bound to 127.0.0.1 only.
 *
 * Protected as if a hostile web page were open in the same browser:
 * - a random token made at start (32 bytes, hex) is required on every API call, in the
 *   `X-RCS-Token` header; it reaches the app only inside the served index.html
 *   (`<meta name="rcs-token" content="...">`), which another origin cannot read;
 * - the Host header of every request must be 127.0.0.1:<port> or localhost:<port>, so a DNS
 *   rebinding page (evil.example resolving to 127.0.0.1) gets neither the page nor the API;
 * - an Origin header, when present, must be exactly our own origin; no CORS header is ever sent;
 * - API calls are POST with a JSON body of at most 1 MB (more for a few calls: BODY_LIMITS); a body
 *   past its limit is answered 413 as soon as the limit is passed, then drained (within bounds) and
 *   the connection closed, so the client reads the answer rather than a reset.
 * - Connections cannot pile up (CONNECTION_LIMITS): a connection with no request in progress (one
 *   that never sent a byte, or idle between keep-alive requests) is closed after a few seconds;
 *   headers and whole requests have deadlines; at most `maxConnections` are open at once, and when a
 *   new one comes past that, the oldest idle one is closed to make room, so a flood of silent
 *   sockets cannot starve the page's own calls. A call being answered and an event stream are never
 *   closed for being quiet.
 * - Events (AppEvent, src-shared/api) stream to the page as Server-Sent Events on
 *   GET /api/events, behind the same token (in the header: the page reads the stream with fetch,
 *   not EventSource, which cannot send one), Host and Origin checks; at most MAX_EVENT_STREAMS
 *   streams at once, the oldest closed first; a comment line every HEARTBEAT_MS keeps it alive.
 *
 * Protocol: POST /api/<callName>, header `X-RCS-Token: <token>`, `Content-Type: application/json`,
 * body = the call's request as JSON (an empty body means `{}`). The reply body is always a JSON
 * Reply `{ok: true, value}` or `{ok: false, error: {code, message}}`. Status 200 for every call that
 * reached the app (its own errors are data in the Reply); 4xx for refusals by the transport.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  type ApiError,
  type AppEvent,
  BODY_LIMITS,
  bodyLimitOf,
  DEFAULT_BODY_LIMIT,
  dispatch,
  type Handlers,
  isCallName,
  type Reply,
} from '../../src-shared/api';
import { SECURITY_HEADERS } from './security-headers';
import { contentTypeFor, isIndexHtml, resolveStaticPath } from './static-files';

export const LOOPBACK_HOST = '127.0.0.1';
export const DEFAULT_PORT = 5178;
export const MAX_BODY_BYTES = DEFAULT_BODY_LIMIT;
export const TOKEN_HEADER = 'X-RCS-Token';
export const TOKEN_META_NAME = 'rcs-token';
export const API_PREFIX = '/api/';
export const EVENTS_PATH = '/api/events';
export const MAX_EVENT_STREAMS = 16;
const HEARTBEAT_MS = 20_000;

/** A declared body past this many times a call's limit is refused without reading a byte of it. */
const DRAIN_FACTOR = 16;
/** After a 413, at most this much more of the body is read and thrown away before the connection is dropped. */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
const DRAIN_MAX_MS = 10_000;

export interface ConnectionLimits {
  /** A connection with no request in progress is closed after this long without a byte (ms). */
  idleMs: number;
  /** The request line and headers must arrive within this (ms). */
  headersMs: number;
  /** The whole request, body included, must arrive within this (ms). */
  requestMs: number;
  /** An idle keep-alive connection is closed after this (ms). */
  keepAliveMs: number;
  /** Requests served on one keep-alive connection before it is closed. */
  maxRequestsPerSocket: number;
  /** Connections open at once; past it the oldest idle one is closed (or, if none is idle, the new one). */
  maxConnections: number;
}

export const CONNECTION_LIMITS: Readonly<ConnectionLimits> = {
  idleMs: 10_000,
  headersMs: 20_000,
  requestMs: 60_000,
  keepAliveMs: 5_000,
  maxRequestsPerSocket: 1_000,
  maxConnections: 256,
};

/** What a connection is doing, for the choice of which to close first. */
type ConnectionState = 'idle' | 'reading' | 'busy' | 'stream';

export interface HttpServerOptions {
  handlers: Handlers;
  /** The built renderer (out/renderer), with index.html. */
  rendererDir: string;
  /** 0 = a free port chosen by the system. */
  port: number;
  /** Only for tests; a fresh random token is made otherwise. */
  token?: string;
  /** Only for tests: per-call body limits instead of the contract's BODY_LIMITS. */
  bodyLimits?: Readonly<Partial<Record<string, number>>>;
  /** Only for tests: connection limits instead of CONNECTION_LIMITS. */
  connectionLimits?: Readonly<Partial<ConnectionLimits>>;
  /** Told about unexpected errors (handlers that threw something other than ApiFailure). */
  onInternalError?: (err: unknown) => void;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  /** http://127.0.0.1:<port>/ */
  url: string;
  token: string;
  /** Sends an event to every open event stream. */
  broadcast(event: AppEvent): void;
  /** Connections open now (tests). */
  connectionCount(): number;
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/** Constant-time comparison of a presented token with ours (hashing first evens out the lengths). */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** Puts the token into index.html's `<meta name="rcs-token">`, adding the tag if it is missing. */
export function injectToken(html: string, token: string): string {
  const meta = `<meta name="${TOKEN_META_NAME}" content="${token}" />`;
  const existing = /<meta\s+name=["']rcs-token["'][^>]*>/i;
  if (existing.test(html)) return html.replace(existing, () => meta);
  const headEnd = /<\/head>/i;
  if (headEnd.test(html)) return html.replace(headEnd, () => `  ${meta}\n  </head>`);
  return meta + html;
}

/** The two spellings of our own host, for a server on `port`. */
export function allowedHosts(port: number): string[] {
  return [`${LOOPBACK_HOST}:${port}`, `localhost:${port}`];
}

function failure(code: ApiError['code'], message: string): Reply<never> {
  return { ok: false, error: { code, message } };
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(body)),
    ...extra,
  });
  res.end(body);
}

function sendReply(
  res: ServerResponse,
  status: number,
  reply: Reply<unknown>,
  extra: Record<string, string> = {},
): void {
  send(res, status, JSON.stringify(reply), 'application/json; charset=utf-8', {
    'Cache-Control': 'no-store',
    ...extra,
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

type BodyResult = { kind: 'ok'; body: Buffer } | { kind: 'tooLarge' } | { kind: 'aborted' };

/**
 * Reads at most `limit` bytes. Past the limit it settles 'tooLarge' at once (the caller answers 413
 * then) and keeps reading and dropping the rest: see drainThenClose.
 */
function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (r: BodyResult): void => {
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.off('data', onData);
        settle({ kind: 'tooLarge' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => settle({ kind: 'ok', body: Buffer.concat(chunks) }));
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('close', () => settle({ kind: 'aborted' }));
  });
}

/**
 * Answers a body past its limit: the 413 is sent whole at once (its length is declared, so the
 * client can read it while still sending), the rest of the body is read and dropped, and the
 * connection is closed when the body ends, or after DRAIN_MAX_BYTES / DRAIN_MAX_MS more at most.
 * Closing with the body still arriving would reset the connection, and the client could lose the answer.
 */
function drainThenClose(req: IncomingMessage, res: ServerResponse, body: string): void {
  if (res.headersSent) return;
  res.writeHead(413, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  res.write(body);
  let drained = 0;
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    req.off('data', onData);
    res.end();
  };
  const onData = (chunk: Buffer): void => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) {
      finish();
      req.destroy();
    }
  };
  const timer = setTimeout(() => {
    finish();
    req.destroy();
  }, DRAIN_MAX_MS);
  timer.unref();
  req.on('data', onData);
  req.once('end', finish);
  req.once('close', finish);
  req.resume();
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return true;
  const media = value.split(';')[0]?.trim().toLowerCase();
  return media === 'application/json';
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const token = options.token ?? newToken();
  const limits = options.bodyLimits ?? BODY_LIMITS;
  let port = options.port;

  const streams = new Set<ServerResponse>();
  const connLimits: ConnectionLimits = { ...CONNECTION_LIMITS, ...options.connectionLimits };
  /** Open connections, oldest first (a Map keeps insertion order). */
  const connections = new Map<Socket, { state: ConnectionState }>();

  function setState(req: IncomingMessage, state: ConnectionState): void {
    const conn = connections.get(req.socket);
    if (conn) conn.state = state;
  }

  /** The connection to close to make room: the oldest idle one, else the oldest still sending a request. */
  function leastNeeded(): Socket | null {
    let reading: Socket | null = null;
    for (const [socket, conn] of connections) {
      if (conn.state === 'idle') return socket;
      if (conn.state === 'reading' && reading === null) reading = socket;
    }
    return reading;
  }

  /** Refuses a request from another origin or without our token; true when it may go on. */
  function admitted(req: IncomingMessage, res: ServerResponse, host: string): boolean {
    const origin = header(req, 'origin');
    const fetchSite = header(req, 'sec-fetch-site');
    if (
      (origin !== undefined && origin.toLowerCase() !== `http://${host}`) ||
      (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
    ) {
      sendReply(res, 403, failure('unauthorized', 'This call came from another web page, so it was refused.'));
      return false;
    }
    if (!tokenMatches(header(req, TOKEN_HEADER), token)) {
      sendReply(
        res,
        401,
        failure('unauthorized', 'This call did not carry the key of this session; reload the page and try again.'),
      );
      return false;
    }
    return true;
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, host: string): void {
    if (req.method !== 'GET') {
      sendReply(res, 405, failure('validation', 'The event stream is read with GET.'), { Allow: 'GET' });
      return;
    }
    if (!admitted(req, res, host)) return;
    if (streams.size >= MAX_EVENT_STREAMS) {
      const oldest = streams.values().next().value;
      if (oldest) {
        streams.delete(oldest);
        oldest.end();
      }
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    setState(req, 'stream');
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const drop = (): void => {
      clearInterval(heartbeat);
      streams.delete(res);
    };
    req.on('close', drop);
    res.on('close', drop);
  }

  function broadcast(event: AppEvent): void {
    const frame = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const res of streams) {
      if (!res.writableEnded) res.write(frame);
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string, host: string): Promise<void> {
    if (pathname === EVENTS_PATH) {
      handleEvents(req, res, host);
      return;
    }
    if (req.method !== 'POST') {
      sendReply(res, 405, failure('validation', 'API calls must use POST.'), { Allow: 'POST' });
      return;
    }
    if (!admitted(req, res, host)) return;
    const name = pathname.slice(API_PREFIX.length);
    if (!isCallName(name)) {
      sendReply(res, 404, failure('notFound', `There is no call named "${name.slice(0, 80)}".`));
      return;
    }
    if (!isJsonContentType(header(req, 'content-type'))) {
      sendReply(res, 415, failure('validation', 'The request body must be JSON (Content-Type: application/json).'));
      return;
    }
    const limit = bodyLimitOf(name, limits);
    const tooLarge = `The request is too large (${sizeText(limit)} at most).`;
    const declared = Number(header(req, 'content-length') ?? '0');
    if (Number.isFinite(declared) && declared > DRAIN_FACTOR * limit) {
      sendReply(res, 413, failure('validation', tooLarge), { Connection: 'close' });
      req.destroy();
      return;
    }
    setState(req, 'reading');
    const body = await readBody(req, limit);
    if (body.kind === 'aborted') return;
    if (body.kind === 'tooLarge') {
      drainThenClose(req, res, JSON.stringify(failure('validation', tooLarge)));
      return;
    }
    setState(req, 'busy');
    let request: unknown = undefined;
    const text = body.body.toString('utf8');
    if (text.trim() !== '') {
      try {
        request = JSON.parse(text) as unknown;
      } catch {
        sendReply(res, 400, failure('validation', 'The request body is not valid JSON.'));
        return;
      }
    }
    const reply = await dispatch(options.handlers, name, request, options.onInternalError);
    sendReply(res, 200, reply);
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
      return;
    }
    const file = resolveStaticPath(options.rendererDir, pathname);
    if (!file) {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
    const index = isIndexHtml(options.rendererDir, file);
    const body = index ? Buffer.from(injectToken(content.toString('utf8'), token), 'utf8') : content;
    if (req.method === 'HEAD') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': contentTypeFor(file),
        'Content-Length': String(body.length),
        'Cache-Control': index ? 'no-store' : 'no-cache',
      });
      res.end();
      return;
    }
    send(res, 200, body, contentTypeFor(file), { 'Cache-Control': index ? 'no-store' : 'no-cache' });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (header(req, 'host') ?? '').toLowerCase();
    if (!allowedHosts(port).includes(host)) {
      sendReply(
        res,
        403,
        failure('unauthorized', 'This address is not allowed; open the app at its 127.0.0.1 address.'),
      );
      return;
    }
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', `http://${host}`).pathname;
    } catch {
      send(res, 400, 'Bad request', 'text/plain; charset=utf-8');
      return;
    }
    if (pathname === '/api' || pathname.startsWith(API_PREFIX)) {
      await handleApi(req, res, pathname, host);
    } else {
      await handleStatic(req, res, pathname);
    }
  }

  const server = createServer(
    { connectionsCheckingInterval: Math.min(1_000, connLimits.headersMs / 2) },
    (req, res) => {
      const conn = connections.get(req.socket);
      if (conn) {
        conn.state = 'busy';
        // Back to idle once answered (a keep-alive connection waits for the next request).
        res.once('finish', () => {
          if (conn.state !== 'stream') conn.state = 'idle';
        });
      }
      handle(req, res).catch((err: unknown) => {
        options.onInternalError?.(err);
        sendReply(res, 500, failure('internal', 'Something went wrong inside the app; nothing was changed.'));
      });
    },
  );
  server.headersTimeout = connLimits.headersMs;
  server.requestTimeout = connLimits.requestMs;
  server.keepAliveTimeout = connLimits.keepAliveMs;
  server.maxRequestsPerSocket = connLimits.maxRequestsPerSocket;
  server.on('connection', (socket: Socket) => {
    if (connections.size >= connLimits.maxConnections) {
      const victim = leastNeeded();
      if (!victim) {
        // Every connection is answering a call or streaming events: this one must wait its turn.
        socket.destroy();
        return;
      }
      connections.delete(victim);
      victim.destroy();
    }
    connections.set(socket, { state: 'idle' });
    socket.once('close', () => connections.delete(socket));
    // Node never closes a connection that sends nothing: a quiet one with no request in progress is.
    socket.setTimeout(connLimits.idleMs);
  });
  // Listening here keeps Node from closing every quiet socket itself: quiet calls and streams stay.
  server.on('timeout', (socket: Socket) => {
    const conn = connections.get(socket);
    if (!conn || conn.state === 'idle') socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port: options.port, host: LOOPBACK_HOST, exclusive: true });
  });
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    url: `http://${LOOPBACK_HOST}:${port}/`,
    token,
    broadcast,
    connectionCount: () => connections.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
