/**
 * The analysis worker: compares scenarios, runs a tornado or a seeded Monte-Carlo run
 * (analysisCore.ts), one request at a time, posting progress and then the outcome. The window
 * cancels a run by terminating this worker (analysisClient.ts). Nothing here touches the DOM.
 */
import { type AnalysisRequest, handleAnalysis } from './analysisCore';

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  handleAnalysis(event.data, (reply) => self.postMessage(reply));
};
