/**
 * UI-only state: which screen, which line details are open, where focus should go next (and the
 * budget grid's columns, which a focus request points into).
 */
import { create } from 'zustand';
import type { Level } from '../../src-shared/model';

export const SCREENS = [
  'programme',
  'caseload',
  'budget',
  'funding',
  'partners',
  'scenarios',
  'compare',
  'sensitivity',
  'checks',
  'export',
  'history',
  'report',
] as const;
export type Screen = (typeof SCREENS)[number];

/** The budget grid's columns, in order: a focus request's `col` is an index in this list. */
export const COLUMNS = [
  'details',
  'name',
  'category',
  'unitLabel',
  'currency',
  'unitCost',
  'driver',
  'quantity',
  'schedule',
  'start',
  'end',
  'derivation',
  'total',
] as const;
export type Column = (typeof COLUMNS)[number];
export const NAME_COL = COLUMNS.indexOf('name');

export interface FocusRequest {
  /** Stable row key (temporary id or real id; see DocState.aliases). */
  key: string;
  /** Index in COLUMNS. */
  col: number;
  seq: number;
  /** Scroll the row to the middle of the window (a jump from elsewhere), not just into view. */
  reveal: boolean;
}

/** A place outside the budget grid to land on: the element with this `data-focus-id`. */
export interface RevealRequest {
  focusId: string;
  seq: number;
}

interface UiState {
  screen: Screen;
  helpOpen: boolean;
  /** Row keys whose details panel is open. */
  expanded: Readonly<Record<string, boolean>>;
  focus: FocusRequest | null;
  reveal: RevealRequest | null;
  /**
   * What a jump (from the checks panel) landed on: `line:<row key>` or a `data-focus-id`. It stays
   * highlighted until the next jump or until the person moves elsewhere.
   */
  highlight: string | null;
  /** The line whose month-by-month view is open (row key and line id). */
  monthsOf: { key: string; lineId: string } | null;
  /**
   * Counts the edits tried on a read-only programme (typing, Ctrl+D, Delete…): the read-only
   * notice says why nothing happened each time it moves.
   */
  readOnlyNudge: number;
  nudgeReadOnly(): void;
  /** The budget section holding the selected line: one selected line for the whole budget. */
  selectedLevel: Level | null;
  /** A print is being laid out (beforeprint → afterprint): windowed lists render every row. */
  printing: boolean;
  setPrinting(printing: boolean): void;
  selectLevel(level: Level): void;
  setScreen(screen: Screen): void;
  setHelpOpen(open: boolean): void;
  toggleExpanded(key: string): void;
  setExpanded(key: string, open: boolean): void;
  requestFocus(key: string, col: number, reveal?: boolean): void;
  clearFocus(seq: number): void;
  /** Switches to the budget, focuses the line's row and highlights it. */
  goToLine(key: string, col: number, openDetails?: boolean): void;
  /**
   * Switches to `screen` and focuses the element with `data-focus-id` = focusId, highlighting it
   * (a jump from the checks panel) or not (focus on a row just added).
   */
  goTo(screen: Screen, focusId: string, highlight?: boolean): void;
  clearReveal(seq: number): void;
  clearHighlight(): void;
  openMonths(key: string, lineId: string): void;
  closeMonths(): void;
}

let seq = 0;

export const useUi = create<UiState>()((set, get) => ({
  screen: 'budget',
  helpOpen: false,
  expanded: {},
  focus: null,
  reveal: null,
  highlight: null,
  monthsOf: null,
  readOnlyNudge: 0,
  selectedLevel: null,
  printing: false,
  setPrinting: (printing) => set({ printing }),
  selectLevel: (level) => {
    if (get().selectedLevel !== level) set({ selectedLevel: level });
  },
  nudgeReadOnly: () => set((s) => ({ readOnlyNudge: s.readOnlyNudge + 1 })),
  setScreen: (screen) => set({ screen }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  toggleExpanded: (key) => set({ expanded: { ...get().expanded, [key]: !get().expanded[key] } }),
  setExpanded: (key, open) => {
    if ((get().expanded[key] === true) !== open) set({ expanded: { ...get().expanded, [key]: open } });
  },
  requestFocus: (key, col, reveal = false) => {
    seq += 1;
    set({ focus: { key, col, seq, reveal } });
  },
  clearFocus: (s) => {
    if (get().focus?.seq === s) set({ focus: null });
  },
  goToLine: (key, col, openDetails = false) => {
    seq += 1;
    set({
      screen: 'budget',
      focus: { key, col, seq, reveal: true },
      highlight: `line:${key}`,
      expanded: openDetails ? { ...get().expanded, [key]: true } : get().expanded,
    });
  },
  goTo: (screen, focusId, highlight = true) => {
    seq += 1;
    set({ screen, reveal: { focusId, seq }, highlight: highlight ? focusId : null });
  },
  clearReveal: (s) => {
    if (get().reveal?.seq === s) set({ reveal: null });
  },
  clearHighlight: () => {
    if (get().highlight !== null) set({ highlight: null });
  },
  openMonths: (key, lineId) => set({ monthsOf: { key, lineId } }),
  closeMonths: () => set({ monthsOf: null }),
}));
