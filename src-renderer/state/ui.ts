/** UI-only state: which screen, which line details are open, where focus should go next. */
import { create } from 'zustand';

export type Screen = 'programme' | 'budget';

export interface FocusRequest {
  /** Stable row key (temporary id or real id; see DocState.aliases). */
  key: string;
  col: number;
  seq: number;
}

interface UiState {
  screen: Screen;
  helpOpen: boolean;
  /** Row keys whose details panel is open. */
  expanded: Readonly<Record<string, boolean>>;
  focus: FocusRequest | null;
  setScreen(screen: Screen): void;
  setHelpOpen(open: boolean): void;
  toggleExpanded(key: string): void;
  requestFocus(key: string, col: number): void;
  clearFocus(seq: number): void;
}

let seq = 0;

export const useUi = create<UiState>()((set, get) => ({
  screen: 'budget',
  helpOpen: false,
  expanded: {},
  focus: null,
  setScreen: (screen) => set({ screen }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  toggleExpanded: (key) => set({ expanded: { ...get().expanded, [key]: !get().expanded[key] } }),
  requestFocus: (key, col) => {
    seq += 1;
    set({ focus: { key, col, seq } });
  },
  clearFocus: (s) => {
    if (get().focus?.seq === s) set({ focus: null });
  },
}));
