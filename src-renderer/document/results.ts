/**
 * The engine's result on screen, with the checks' findings and the model version they belong to.
 * Pure zustand (vanilla), tested in Node. The engine client (engineClient.ts) fills it as results
 * come back from the worker: the last result stays on screen while the next is computed, and only
 * a result for a newer version than the one shown replaces it (a late, stale one is dropped).
 * The result may be for a slightly older model than the one on screen (a line just added has no
 * result yet): screens show "…" for what it lacks.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Finding } from '../../src-shared/checks/types';
import type { ComputeResult } from '../../src-shared/engine';

export interface ResultsState {
  /** The model version of what is shown (or, after `clear`, the last version that must not be shown). */
  version: number;
  result: ComputeResult | null;
  findings: Finding[];
  /** The engine could not compute the newest version it was given (the totals bar says so). */
  failed: boolean;
  /** Shows `result` for `version` unless something newer is shown; true when it was taken. */
  accept(version: number, result: ComputeResult, findings: Finding[]): boolean;
  /** The engine failed on `version`: no totals are shown until a newer version computes. */
  fail(version: number): boolean;
  /** Another document (or none): show nothing, and take no result for a version up to `version`. */
  clear(version: number): void;
}

export type ResultsStore = StoreApi<ResultsState>;

const NO_FINDINGS: Finding[] = [];

export function createResultsStore(): ResultsStore {
  return createStore<ResultsState>()((set, get) => ({
    version: 0,
    result: null,
    findings: NO_FINDINGS,
    failed: false,
    accept(version, result, findings) {
      if (version <= get().version) return false;
      set({ version, result, findings, failed: false });
      return true;
    },
    fail(version) {
      if (version <= get().version) return false;
      set({ version, result: null, findings: NO_FINDINGS, failed: true });
      return true;
    },
    clear(version) {
      set({ version: Math.max(version, get().version), result: null, findings: NO_FINDINGS, failed: false });
    },
  }));
}
