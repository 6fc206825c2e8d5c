/**
 * The typed text of a field that is parsed when it is committed: shared by the budget grid's
 * cells and the inputs of the other screens.
 */
import { useEffect, useRef, useState } from 'react';

export type CommitResult = { ok: true } | { ok: false; message: string };

export interface Draft {
  /** The text being typed, or null when the field shows the saved value. */
  draft: string | null;
  /** The message beside the field after a refused commit. */
  error: string | null;
  setDraft: (d: string | null) => void;
  setError: (message: string | null) => void;
  /** The draft right now (also within the event that set it). */
  current: () => string | null;
  /** Commits the draft through `commit`; false when it was refused (the draft and message stay). */
  commit: () => boolean;
}

/**
 * `value` is the text of the saved value; `commit` parses and sends a typed text. An invalid
 * draft is kept while the value changes underneath (undo...); a valid value from outside simply
 * shows.
 */
export function useDraft(value: string, commit: (text: string) => CommitResult): Draft {
  const draftRef = useRef<string | null>(null);
  const [draft, setDraftState] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const setDraft = (d: string | null) => {
    draftRef.current = d;
    setDraftState(d);
  };

  useEffect(() => {
    if (draftRef.current === null) setError(null);
  }, [value]);

  return {
    draft,
    error,
    setDraft,
    setError,
    current: () => draftRef.current,
    commit: () => {
      const d = draftRef.current;
      if (d === null) return true;
      if (d === value) {
        setDraft(null);
        setError(null);
        return true;
      }
      const r = commit(d);
      if (!r.ok) {
        setError(r.message);
        return false;
      }
      setDraft(null);
      setError(null);
      return true;
    },
  };
}
