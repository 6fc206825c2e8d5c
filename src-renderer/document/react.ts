/** React bindings of the stores: the document store comes from context (tests and app alike). */
import { createContext, useContext, useDeferredValue, useMemo } from 'react';
import { useStore } from 'zustand';
import type { Finding } from '../../src-shared/checks/types';
import type { ComputeResult } from '../../src-shared/engine';
import type { Locale } from '../../src-shared/money';
import type { Model, Scenario } from '../../src-shared/model';
import { translator, type Translate } from '../i18n';
import { activeScenario, type DocState, type DocStore, viewModelOf } from './documentStore';
import { resultsOf } from './engineStart';
import type { ResultsState } from './results';

export const DocStoreContext = createContext<DocStore | null>(null);

export function useDocStore(): DocStore {
  const store = useContext(DocStoreContext);
  if (!store) throw new Error('DocStoreContext is missing');
  return store;
}

export function useDoc<T>(selector: (s: DocState) => T): T {
  return useStore(useDocStore(), selector);
}

export function useLocale(): Locale {
  return useDoc((s) => s.settings.locale);
}

export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}

/**
 * The model on screen: the baseline, or the active scenario's model (viewModelOf). Commands,
 * replies and other windows' changes replace only the rows they touch (src-shared/commands/apply.ts),
 * and a scenario only the rows it overrides, so the identity of every other part is kept.
 */
export function useModel(): Model | null {
  return useDoc(viewModelOf);
}

/** A part of the model on screen (re-renders only when that part changes). */
export function useModelPart<T>(select: (model: Model | null) => T): T {
  return useDoc((s) => select(viewModelOf(s)));
}

/** The baseline itself, whichever scenario is shown (what a scenario's overrides are compared with). */
export function useBaseline(): Model | null {
  return useDoc((s) => s.snapshot?.model ?? null);
}

/** The scenario shown (null: the baseline). */
export function useActiveScenario(): Scenario | null {
  return useDoc(activeScenario);
}

/**
 * A part of the engine's results for the open document. They are computed in a Web Worker
 * (engineClient.ts), never during a render; the last result stays on screen while the next one is
 * computed, so it may be for a slightly older model than the one on screen.
 */
export function useResults<T>(select: (s: ResultsState) => T): T {
  return useStore(resultsOf(useDocStore()), select);
}

/**
 * The engine's latest result for the open document (null until the first one arrives, or when the
 * engine failed: see useComputeFailed). A line just added may not be in it yet.
 */
export function useResult(): ComputeResult | null {
  return useResults((s) => s.result);
}

/**
 * The latest result for what can wait a frame (charts, the metrics panel): React draws the totals
 * first and these after, in a render that a keystroke may interrupt.
 */
export function useDeferredResult(): ComputeResult | null {
  return useDeferredValue(useResult());
}

/** The checks' findings that go with useResult(). */
export function useFindings(): Finding[] {
  return useResults((s) => s.findings);
}

/** True when the engine could not compute the newest model it was given. */
export function useComputeFailed(): boolean {
  return useResults((s) => s.failed);
}

/** True when the open document cannot be edited. */
export function useReadOnly(): boolean {
  return useDoc((s) => s.snapshot?.info.readOnly ?? true);
}
