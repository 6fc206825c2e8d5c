/**
 * Starts the analysis lanes of a document store (analysisClient.ts): each lane's work in a module
 * worker of its own, bundled by Vite (analysis.worker.ts) — the Monte-Carlo lane's in one such
 * worker per core (montecarloPool.ts) — or in this thread where there is no Worker. The lanes follow the document: another programme (or none) stops and clears them.
 */
import { useStore } from 'zustand';
import { useDocStore } from './react';
import type { AnalysisReply, PoolReply } from './analysisCore';
import {
  type AnalysisState,
  type AnalysisStore,
  type AnalysisTransportFactory,
  createAnalysisStore,
  inProcessAnalysisTransport,
} from './analysisClient';
import type { DocStore } from './documentStore';
import { inProcessPoolWorker, monteCarloPoolTransport, type PoolWorkerFactory } from './montecarloPool';

/** A lane's work in a module worker (terminated to cancel); in this thread where there is no Worker. */
export const workerAnalysisTransport: AnalysisTransportFactory = (onReply, onBroken) => {
  if (typeof Worker === 'undefined') return inProcessAnalysisTransport(onReply, onBroken);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
  } catch (err) {
    console.warn('the analysis worker could not start; computing in the window', err);
    return inProcessAnalysisTransport(onReply, onBroken);
  }
  let closed = false;
  worker.onmessage = (event: MessageEvent<AnalysisReply>) => {
    if (!closed) onReply(event.data);
  };
  const broken = (event: Event) => {
    if (closed) return;
    console.warn('the analysis worker stopped', event);
    closed = true;
    worker.terminate();
    onBroken(event instanceof ErrorEvent ? event.message : 'the analysis worker stopped');
  };
  worker.onerror = broken;
  worker.onmessageerror = broken;
  return {
    post(request) {
      if (!closed) worker.postMessage(request);
    },
    close() {
      closed = true;
      worker.terminate();
    },
  };
};

/** A Monte-Carlo pool worker: the analysis worker as a module worker; in this thread where there is none. */
export const moduleWorkerForPool: PoolWorkerFactory = (onReply, onBroken) => {
  if (typeof Worker === 'undefined') return inProcessPoolWorker(onReply, onBroken);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'montecarlo' });
  } catch (err) {
    console.warn('a Monte-Carlo worker could not start; computing in the window', err);
    return inProcessPoolWorker(onReply, onBroken);
  }
  let closed = false;
  worker.onmessage = (event: MessageEvent<PoolReply>) => {
    if (!closed) onReply(event.data);
  };
  const broken = (event: Event) => {
    if (closed) return;
    console.warn('a Monte-Carlo worker stopped', event);
    closed = true;
    worker.terminate();
    onBroken(event instanceof ErrorEvent ? event.message : 'a Monte-Carlo worker stopped');
  };
  worker.onerror = broken;
  worker.onmessageerror = broken;
  return {
    post(message, transfer = []) {
      if (!closed) worker.postMessage(message, transfer);
    },
    terminate() {
      closed = true;
      worker.terminate();
    },
  };
};

/** The Monte-Carlo lane: one worker per core (montecarloPool.ts). */
export const workerMonteCarloTransport: AnalysisTransportFactory = (onReply, onBroken) =>
  monteCarloPoolTransport(
    typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 2,
    moduleWorkerForPool,
  )(onReply, onBroken);

const connected = new WeakMap<DocStore, AnalysisStore>();

/** The analysis lanes of `doc`, made the first time they are asked for. */
export function analysisOf(
  doc: DocStore,
  factory: AnalysisTransportFactory = workerAnalysisTransport,
  monteCarloFactory: AnalysisTransportFactory = factory === workerAnalysisTransport
    ? workerMonteCarloTransport
    : factory,
): AnalysisStore {
  let analysis = connected.get(doc);
  if (!analysis) {
    const store = createAnalysisStore(factory, monteCarloFactory);
    analysis = store;
    connected.set(doc, store);
    let path = doc.getState().snapshot?.info.path ?? null;
    doc.subscribe((s) => {
      const next = s.snapshot?.info.path ?? null;
      if (next !== path) {
        path = next;
        store.getState().reset();
      }
    });
  }
  return analysis;
}

/** The analysis lanes of the open document. */
export function useAnalysisStore(): AnalysisStore {
  return analysisOf(useDocStore());
}

/** A part of the analysis lanes' state (re-renders only when it changes). */
export function useAnalysis<T>(select: (s: AnalysisState) => T): T {
  return useStore(useAnalysisStore(), select);
}
