/**
 * The one place a call crosses from a transport (IPC, HTTP) into the app: validate the request
 * with its contract schema, run the handler, and wrap the outcome as a Reply. Handlers throw
 * ApiFailure for errors a person can act on; anything else becomes an 'internal' error whose
 * message does not leak internals.
 */
import {
  type ApiError,
  type CallName,
  type ErrorCode,
  isCallName,
  type Reply,
  type ReplyOf,
  type RequestOf,
  validateRequest,
} from './contract';
import type { FieldCode } from './codes';
import type { Locale } from '../money';

export type Handler<K extends CallName> = (request: RequestOf<K>) => ReplyOf<K> | Promise<ReplyOf<K>>;
export type Handlers = { [K in CallName]: Handler<K> };

export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, FieldCode>,
    /** The language `message` is written in for the user (see ApiError.lang); none: English, for logs. */
    readonly lang?: Locale,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.lang ? { lang: this.lang } : {}),
    };
  }
}

export async function dispatch(
  handlers: Handlers,
  name: string,
  request: unknown,
  onInternalError?: (err: unknown) => void,
): Promise<Reply<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'notFound', message: `There is no call named "${name}".` } };
  }
  const valid = validateRequest(name, request);
  if (!valid.ok) return valid;
  try {
    const handler = handlers[name] as Handler<CallName>;
    const value = await handler(valid.value as never);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ApiFailure) return { ok: false, error: err.toApiError() };
    onInternalError?.(err);
    return {
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong inside the app; nothing was changed. Please try again.',
      },
    };
  }
}
