/**
 * The renderer's typed client of THE contract, over whichever transport exists:
 * - desktop: the preload exposes `window.api`, one async function per contract call;
 * - browser mode: POST /api/<callName> with the JSON request and the per-start token that the
 *   server injects into index.html (`<meta name="rcs-token">`).
 * Both give the same `Api` type, built from CALL_NAMES, so every call is typed and no call
 * outside the contract can be made. No DOM here (tested in Node); see detect.ts for the choice.
 */
import { type Api, CALL_NAMES, type CallName, type Reply, type RequestOf, type ReplyOf } from '../../src-shared/api';
import { networkError } from './errors';

export const TOKEN_HEADER = 'X-RCS-Token';

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

function isReply(value: unknown): value is Reply<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  return v.ok === true ? 'value' in v : v.ok === false && typeof v.error === 'object' && v.error !== null;
}

/** The contract over HTTP (browser mode). */
export function createHttpApi(token: string, fetchImpl: Fetch = (i, init) => fetch(i, init), base = ''): Api {
  async function post<K extends CallName>(name: K, request: RequestOf<K>): Promise<Reply<ReplyOf<K>>> {
    try {
      const res = await fetchImpl(`${base}/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(request ?? {}),
        credentials: 'same-origin',
      });
      const body: unknown = await res.json().catch(() => null);
      if (isReply(body)) return body as Reply<ReplyOf<K>>;
      return { ok: false, error: networkError(new Error(`HTTP ${res.status}`)) };
    } catch (err) {
      return { ok: false, error: networkError(err) };
    }
  }
  return buildApi(post);
}

/** Wraps the preload's functions so a thrown error becomes a Reply like any other failure. */
export function wrapPreloadApi(raw: Api): Api {
  async function invoke<K extends CallName>(name: K, request: RequestOf<K>): Promise<Reply<ReplyOf<K>>> {
    try {
      const fn = raw[name] as (r: RequestOf<K>) => Promise<Reply<ReplyOf<K>>>;
      const reply: unknown = await fn(request);
      if (isReply(reply)) return reply as Reply<ReplyOf<K>>;
      return { ok: false, error: networkError(new Error('malformed reply')) };
    } catch (err) {
      return { ok: false, error: networkError(err) };
    }
  }
  return buildApi(invoke);
}

function buildApi(send: <K extends CallName>(name: K, request: RequestOf<K>) => Promise<Reply<ReplyOf<K>>>): Api {
  const entries = CALL_NAMES.map((name) => [name, (request: RequestOf<typeof name>) => send(name, request)] as const);
  return Object.fromEntries(entries) as unknown as Api;
}
