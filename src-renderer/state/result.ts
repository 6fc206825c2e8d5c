/**
 * The engine's result for the model on screen, computed in the renderer with the very function
 * main, the exports and the CLI use. Memoised on the model object: the store replaces the model on
 * every edit, and only then is the programme computed again (once, whichever screens show it).
 */
import { runChecks } from '../../src-shared/checks';
import type { Finding } from '../../src-shared/checks/types';
import { compute, type ComputeResult } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';
import { share, sharedMemo } from './share';

/**
 * The model on screen with structural sharing (see share.ts): main's reply to a command equal to
 * what was guessed on screen gives back the very same model object, so nothing is computed or
 * rendered again; otherwise only the lines that changed are new objects.
 */
export const sharedModel = sharedMemo<Model>();

let lastModel: Model | null = null;
let lastResult: ComputeResult | null = null;

/** The result for `model`, or null if the engine failed (it should not: it reports diagnostics). */
export function resultFor(model: Model): ComputeResult | null {
  if (model === lastModel) return lastResult;
  let result: ComputeResult | null;
  try {
    // Line results that did not change keep their identity (the grid's rows are memoised on them).
    result = share(lastResult, compute(model));
  } catch (err) {
    console.error('compute failed', err);
    result = null;
  }
  lastModel = model;
  lastResult = result;
  return result;
}

let lastChecked: ComputeResult | null = null;
let lastFindings: Finding[] = [];

/** The checks for `model` and its result (memoised on the result; [] if the checks failed). */
export function findingsFor(model: Model, result: ComputeResult): Finding[] {
  if (result === lastChecked) return lastFindings;
  let findings: Finding[];
  try {
    findings = runChecks(model, result);
  } catch (err) {
    console.error('checks failed', err);
    findings = [];
  }
  lastChecked = result;
  lastFindings = findings;
  return findings;
}
