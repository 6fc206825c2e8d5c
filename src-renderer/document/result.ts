/**
 * The engine's result for the model on screen, computed in the renderer with the very function
 * main, the exports and the CLI use. Memoised on the model object: the store replaces the model on
 * every edit (keeping every row the edit did not touch), and only then is the programme computed
 * again (once, whichever screens show it).
 */
import { runChecks } from '../../src-shared/checks';
import type { Finding } from '../../src-shared/checks/types';
import { compute, type ComputeResult, type LineResult } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';

let lastModel: Model | null = null;
let lastResult: ComputeResult | null = null;

/** The result for `model`, or null if the engine failed (it should not: it reports diagnostics). */
export function resultFor(model: Model): ComputeResult | null {
  if (model === lastModel) return lastResult;
  let result: ComputeResult | null;
  try {
    result = reuseLineResults(lastResult, compute(model));
  } catch (err) {
    console.error('compute failed', err);
    result = null;
  }
  lastModel = model;
  lastResult = result;
  return result;
}

/**
 * The grid's rows are memoised on their line's result: a line whose result did not change keeps
 * the previous result object, so an edit re-renders the rows it changed, not every row in view.
 */
function reuseLineResults(prev: ComputeResult | null, next: ComputeResult): ComputeResult {
  if (!prev) return next;
  const before = new Map(prev.lines.map((l) => [l.lineId, l]));
  let reused = 0;
  const lines = next.lines.map((l) => {
    const old = before.get(l.lineId);
    if (old && sameLineResult(old, l)) {
      reused++;
      return old;
    }
    return l;
  });
  return reused === 0 ? next : { ...next, lines };
}

function sameLineResult(a: LineResult, b: LineResult): boolean {
  return (
    a.level === b.level &&
    a.total === b.total &&
    a.beneficiaries === b.beneficiaries &&
    a.nonMigrantBeneficiaries === b.nonMigrantBeneficiaries &&
    sameNumbers(a.months, b.months) &&
    sameNumbers(a.quantities, b.quantities) &&
    JSON.stringify(a.derivation) === JSON.stringify(b.derivation) &&
    JSON.stringify(a.byFunder) === JSON.stringify(b.byFunder)
  );
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
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
