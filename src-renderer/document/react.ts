/** React bindings of the stores: the document store comes from context (tests and app alike). */
import { createContext, useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import type { Finding } from '../../src-shared/checks/types';
import type { ComputeResult } from '../../src-shared/engine';
import type { Locale } from '../../src-shared/money';
import type { Model } from '../../src-shared/model';
import { translator, type Translate } from '../i18n';
import type { DocState, DocStore } from './documentStore';
import { findingsFor, resultFor } from './result';

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
 * The model on screen. Commands, replies and other windows' changes replace only the rows they
 * touch (src-shared/commands/apply.ts), so the identity of every other part is kept.
 */
export function useModel(): Model | null {
  return useDoc((s) => s.snapshot?.model ?? null);
}

/** A part of the model on screen (re-renders only when that part changes). */
export function useModelPart<T>(select: (model: Model | null) => T): T {
  return useDoc((s) => select(s.snapshot?.model ?? null));
}

/** The engine's result for the model on screen (recomputed only when the model changes). */
export function useResult(): ComputeResult | null {
  const model = useModel();
  return useMemo(() => (model ? resultFor(model) : null), [model]);
}

/** The checks panel's findings for the model on screen (recomputed with the result). */
export function useFindings(): Finding[] {
  const model = useModel();
  const result = useResult();
  return useMemo(() => (model && result ? findingsFor(model, result) : []), [model, result]);
}

/** True when the open document cannot be edited. */
export function useReadOnly(): boolean {
  return useDoc((s) => s.snapshot?.info.readOnly ?? true);
}
