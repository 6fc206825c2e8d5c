/**
 * What the engine worker does with each message, without the Worker around it (so that the
 * in-process fallback and the tests run exactly this): bring its copy of the model forward
 * (engineSync.ts), compute it with its ONE engine instance (whose per-line caches hit for every
 * line the edit did not touch, since the copy keeps its objects), run the checks, and answer with
 * the result, a failure, or a request for the whole model.
 */
import { runChecks } from '../../src-shared/checks';
import { createEngine } from '../../src-shared/engine';
import { createResultSender, createSyncReplica, type EngineReply, type ModelMessage } from './engineSync';

export interface EngineCore {
  handle(message: ModelMessage): EngineReply;
}

export function createEngineCore(): EngineCore {
  const engine = createEngine();
  const replica = createSyncReplica();
  const sender = createResultSender();
  return {
    handle(message) {
      // A whole model: the window forgot the line results it had, so post them all again.
      if (message.base === null) sender.reset();
      let model;
      try {
        model = replica.receive(message);
      } catch (err) {
        console.error('engine sync failed', err);
        model = null;
      }
      if (!model) {
        // A whole model follows; the window forgets the line results too, so post them all again.
        sender.reset();
        return { kind: 'resync', version: message.version };
      }
      try {
        const result = engine.compute(model);
        const findings = runChecks(model, result);
        return sender.pack(message.version, result, findings);
      } catch (err) {
        console.error('compute failed', err);
        return { kind: 'failed', version: message.version, message: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
