/**
 * Main's events (the contract's AppEvent) as one subscription, over whichever transport exists:
 * - desktop: the preload's `window.rcsEvents.subscribe`;
 * - browser mode: a Server-Sent Events stream on GET /api/events, read with fetch (so it carries
 *   the session's token header like every call), reconnected after a pause when it drops.
 * No DOM here (tested in Node); detect.ts makes the choice.
 */
import { APP_EVENT_TYPES, type AppEvent } from '../../src-shared/api';
import { TOKEN_HEADER } from './transport';

export type Subscribe = (listener: (event: AppEvent) => void) => () => void;

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

function isAppEvent(value: unknown): value is AppEvent {
  if (typeof value !== 'object' || value === null || !('type' in value)) return false;
  return (APP_EVENT_TYPES as readonly unknown[]).includes((value as { type: unknown }).type);
}

/**
 * Splits a Server-Sent Events text stream into the `data` of each event (the part of the spec we
 * use: `data:` lines, events separated by a blank line, comment lines starting with ':').
 */
export class SseParser {
  private buffer = '';

  /** Feeds a chunk of text; returns the data of every event it completed. */
  push(chunk: string): string[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const out: string[] = [];
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
      if (data.length > 0) out.push(data.join('\n'));
      end = this.buffer.indexOf('\n\n');
    }
    return out;
  }
}

/** The event stream of browser mode. `retryMs`: the pause before reconnecting after a drop. */
export function httpEvents(
  token: string,
  fetchImpl: Fetch = (i, init) => fetch(i, init),
  base = '',
  retryMs = 2000,
): Subscribe {
  return (listener) => {
    let stopped = false;
    const controller = new AbortController();
    const run = async (): Promise<void> => {
      while (!stopped) {
        try {
          const res = await fetchImpl(`${base}/api/events`, {
            method: 'GET',
            headers: { [TOKEN_HEADER]: token, Accept: 'text/event-stream' },
            credentials: 'same-origin',
            signal: controller.signal,
          });
          if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
          const reader = res.body.getReader();
          const decoder = new TextDecoder();
          const parser = new SseParser();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            for (const data of parser.push(decoder.decode(value, { stream: true }))) {
              let event: unknown;
              try {
                event = JSON.parse(data) as unknown;
              } catch {
                continue;
              }
              if (isAppEvent(event)) listener(event);
            }
          }
        } catch {
          // Dropped or refused: try again after a pause (the page may be closing, or main restarting).
        }
        if (!stopped) await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    };
    void run();
    return () => {
      stopped = true;
      controller.abort();
    };
  };
}

/** The desktop app's events, from the preload's bridge (only well-formed events get through). */
export function preloadEvents(bridge: { subscribe(listener: (event: unknown) => void): () => void }): Subscribe {
  return (listener) =>
    bridge.subscribe((event) => {
      if (isAppEvent(event)) listener(event);
    });
}
