/**
 * The analysis worker: compares scenarios, runs a tornado or a seeded Monte-Carlo run
 * (analysisCore.ts), one request at a time, posting progress and then the outcome; or, as one of
 * the Monte-Carlo pool's workers (montecarloPool.ts), warms up, computes a chunk of a run's draws,
 * or summarises a run. The window cancels a run by terminating its workers (analysisClient.ts).
 * Nothing here touches the DOM.
 */
import { type AnalysisRequest, handleAnalysis, handlePool, isPoolRequest, type PoolRequest } from './analysisCore';

self.onmessage = (event: MessageEvent<AnalysisRequest | PoolRequest>) => {
  const message = event.data;
  if (isPoolRequest(message)) handlePool(message, (reply, transfer) => self.postMessage(reply, { transfer }));
  else handleAnalysis(message, (reply) => self.postMessage(reply));
};
