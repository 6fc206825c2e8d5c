/**
 * The engine worker: one engine instance and its own copy of the model, brought forward by the
 * window's messages (engineSync.ts). Nothing here touches the DOM; the window never computes.
 */
import { createEngineCore } from './engineCore';
import type { ModelMessage } from './engineSync';

const core = createEngineCore();

self.onmessage = (event: MessageEvent<ModelMessage>) => {
  self.postMessage(core.handle(event.data));
};
