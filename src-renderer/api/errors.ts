/** Errors the renderer makes itself, when main cannot be reached at all. Pure. */
import type { ApiError } from '../../src-shared/api';

const NETWORK_PREFIX = 'network: ';

/** Main did not answer (fetch failed, IPC threw, the reply was not a Reply). */
export function networkError(cause: unknown): ApiError {
  return { code: 'internal', message: NETWORK_PREFIX + (cause instanceof Error ? cause.message : String(cause)) };
}

export function isNetworkError(error: ApiError): boolean {
  return error.code === 'internal' && error.message.startsWith(NETWORK_PREFIX);
}
