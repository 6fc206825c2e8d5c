/**
 * Starts the engine of a document store: a module worker bundled by Vite (engine.worker.ts),
 * connected to the store by engineClient.ts; the in-process fallback where there is no Worker.
 */
import type { DocStore } from './documentStore';
import { connectEngine, inProcessTransport, type TransportFactory } from './engineClient';
import type { EngineReply } from './engineSync';
import { createResultsStore, type ResultsStore } from './results';

/** The engine in a module worker of its own (bundled by Vite); in this thread where there is no Worker. */
export const workerTransport: TransportFactory = (onReply, onBroken) => {
  if (typeof Worker === 'undefined') return inProcessTransport(onReply, onBroken);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  } catch (err) {
    console.warn('the engine worker could not start; computing in the window', err);
    return inProcessTransport(onReply, onBroken);
  }
  let closed = false;
  worker.onmessage = (event: MessageEvent<EngineReply>) => {
    if (!closed) onReply(event.data);
  };
  const broken = (event: Event) => {
    if (closed) return;
    console.warn('the engine worker stopped; computing in the window', event);
    closed = true;
    worker.terminate();
    onBroken();
  };
  worker.onerror = broken;
  worker.onmessageerror = broken;
  return {
    post(message) {
      if (!closed) worker.postMessage(message);
    },
    close() {
      closed = true;
      worker.terminate();
    },
  };
};

const connected = new WeakMap<DocStore, ResultsStore>();

/** The results for `doc`, computed by an engine started the first time they are asked for. */
export function resultsOf(doc: DocStore): ResultsStore {
  let results = connected.get(doc);
  if (!results) {
    results = createResultsStore();
    connected.set(doc, results);
    connectEngine(doc, results, workerTransport);
  }
  return results;
}
