/**
 * Runs the engine and the checks off the UI thread. The client follows the document store: each
 * time the model on screen is another object, it sends the engine worker what changed since the
 * model it last sent (engineSync.ts), one message at a time: while the worker computes, edits pile
 * up in the store and go as one message when the answer comes, so typing never waits for a compute
 * and the worker never computes a model that is already out of date. Answers land in the results
 * store (results.ts), which keeps the last result on screen and drops stale ones.
 *
 * Where a Worker cannot be made (vitest in Node) or fails to start, the same engine core runs in
 * this thread, in a task of its own (never during a React render). The Worker itself is made in
 * engineStart.ts (DOM types; this file is also compiled and tested for Node).
 */
import type { Model } from '../../src-shared/model';
import { type DocState, type DocStore, viewModelOf } from './documentStore';
import type { EngineCore } from './engineCore';
import { createResultReceiver, createSyncClient, type EngineReply, type ModelMessage } from './engineSync';
import type { ResultsStore } from './results';

/** Where the client's messages go and its replies come from, in order. */
export interface EngineTransport {
  post(message: ModelMessage): void;
  close(): void;
}

/** Makes a transport that calls `onReply` with each reply, or `onBroken` if it cannot go on. */
export type TransportFactory = (onReply: (reply: EngineReply) => void, onBroken: () => void) => EngineTransport;

/** The engine core in this thread, each message handled in a task of its own, in order. */
export const inProcessTransport: TransportFactory = (onReply) => {
  let core: Promise<EngineCore> | null = null;
  let closed = false;
  return {
    post(message) {
      core ??= import('./engineCore').then((m) => m.createEngineCore());
      void core.then(
        (c) =>
          new Promise<void>((resolve) => {
            setTimeout(() => {
              if (!closed) onReply(c.handle(message));
              resolve();
            }, 0);
          }),
      );
    },
    close() {
      closed = true;
    },
  };
};

/**
 * Keeps `results` computed for the model on screen in `doc`. Returns a function that stops it.
 */
export function connectEngine(doc: DocStore, results: ResultsStore, transport: TransportFactory): () => void {
  const sync = createSyncClient();
  const receiver = createResultReceiver();
  /** The model on screen and its document's path (undefined: nothing seen yet). */
  let model: Model | null = null;
  let path: string | null | undefined;
  /** The version the engine is working on (null: it is idle). */
  let inFlight: number | null = null;
  let channel: EngineTransport;

  function onReply(reply: EngineReply): void {
    mark('rcs:engine-reply');
    if (reply.version === inFlight) inFlight = null;
    if (reply.kind === 'result') {
      try {
        const { result, findings } = receiver.unpack(reply);
        results.getState().accept(reply.version, result, findings);
      } catch (err) {
        console.error('engine result not understood; sending the whole model', err);
        sync.reset();
      }
    } else if (reply.kind === 'failed') {
      results.getState().fail(reply.version);
    } else {
      sync.reset();
    }
    pump();
  }

  function onBroken(): void {
    channel = inProcessTransport(onReply, onBroken);
    inFlight = null;
    sync.reset();
    receiver.reset();
    pump();
  }

  /** Sends the engine the model on screen, unless it has it or is busy (then the answer sends it). */
  function pump(): void {
    if (inFlight !== null || !model || model === sync.sent) return;
    const message = sync.next(model);
    inFlight = message.version;
    mark('rcs:engine-post');
    channel.post(message);
  }

  function follow(state: DocState): void {
    const snapshot = state.snapshot;
    const nextPath = snapshot?.info.path ?? null;
    if (nextPath !== path) {
      if (path !== undefined) {
        // Another document, or none: nothing of the old one is shown, even if it arrives late.
        results.getState().clear(sync.version);
      }
      path = nextPath;
      sync.reset();
    }
    // The baseline, or the active scenario's model (the same rows where it does not differ).
    model = viewModelOf(state);
    pump();
  }

  channel = transport(onReply, onBroken);
  const unsubscribe = doc.subscribe(follow);
  follow(doc.getState());
  return () => {
    unsubscribe();
    channel.close();
  };
}

/** The last time a message went to the engine and an answer came back, for npm run bench:ui (one mark of each name). */
function mark(name: string): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  performance.clearMarks(name);
  performance.mark(name);
}
