/**
 * Keyboard shortcuts as pure functions of a key press (no DOM types), so the mapping is tested in
 * Node and documented from the same table the UI shows. "Mod" is Ctrl, or Cmd on macOS.
 */
import type { MessageKey } from '../../i18n';

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export type GlobalAction = 'undo' | 'redo' | 'export';

export type GridAction =
  | 'edit'
  | 'commit'
  | 'cancel'
  | 'newLine'
  | 'duplicate'
  | 'delete'
  | 'moveUp'
  | 'moveDown'
  | 'levelUp'
  | 'levelDown'
  | 'toggleDetails'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'next'
  | 'prev'
  | 'widen'
  | 'narrow';

/** In `navigate` mode arrows move between cells; in `edit` mode they belong to the text field. */
export type GridMode = 'navigate' | 'edit';

function mod(e: KeyInput, isMac: boolean): boolean {
  return isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
}

function plain(e: KeyInput): boolean {
  return !e.ctrlKey && !e.metaKey && !e.altKey;
}

/** Undo / redo, anywhere in a document screen. */
export function globalShortcut(e: KeyInput, isMac: boolean): GlobalAction | null {
  if (!mod(e, isMac) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey && !isMac) return 'redo';
  if (k === 'e' && !e.shiftKey) return 'export';
  return null;
}

/** What a key press does in a budget grid cell. */
export function gridShortcut(e: KeyInput, mode: GridMode, isMac: boolean): GridAction | null {
  const m = mod(e, isMac);
  // Row commands work in both modes (an edit in progress is saved first).
  if (m && !e.altKey && !e.shiftKey && e.key === 'Enter') return 'newLine';
  if (m && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'd') return 'duplicate';
  if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
    if (e.key === 'Enter') return 'toggleDetails';
    if (e.key === 'ArrowUp') return 'moveUp';
    if (e.key === 'ArrowDown') return 'moveDown';
    if (e.key === 'PageUp') return 'levelUp';
    if (e.key === 'PageDown') return 'levelDown';
  }
  // The active cell's column, wider or narrower (the keyboard's way to drag a header's edge).
  if (mode === 'navigate' && e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey) {
    if (e.key === 'ArrowRight') return 'widen';
    if (e.key === 'ArrowLeft') return 'narrow';
  }
  // macOS keyboards have no Delete key: Cmd+Backspace deletes, as in the Finder.
  if (mode === 'navigate' && m && !e.altKey && !e.shiftKey && e.key === 'Backspace') return 'delete';
  if (e.key === 'Tab' && !e.ctrlKey && !e.metaKey && !e.altKey) return e.shiftKey ? 'prev' : 'next';
  if (!plain(e)) return null;
  if (mode === 'edit') {
    if (e.key === 'Enter' && !e.shiftKey) return 'commit';
    if (e.key === 'Escape') return 'cancel';
    return null;
  }
  if (e.shiftKey) return null;
  switch (e.key) {
    case 'Enter':
    case 'F2':
      return 'edit';
    case 'Escape':
      return 'cancel';
    case 'Delete':
      return 'delete';
    case 'ArrowLeft':
      return 'left';
    case 'ArrowRight':
      return 'right';
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    case 'Home':
      return 'home';
    case 'End':
      return 'end';
    default:
      return null;
  }
}

/** A key in a shortcut: 'Mod' is Ctrl or Cmd. */
export type KeyName =
  | 'Mod'
  | 'Shift'
  | 'Alt'
  | 'Enter'
  | 'Escape'
  | 'Delete'
  | 'Tab'
  | 'F2'
  | 'Up'
  | 'Down'
  | 'Left'
  | 'Right'
  | 'PageUp'
  | 'PageDown'
  | 'Home'
  | 'End'
  | 'Z'
  | 'Y'
  | 'D'
  | 'E';

export interface ShortcutHelp {
  /** Alternative key combinations, each a list of keys pressed together. */
  combos: KeyName[][];
  help: MessageKey;
}

export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { combos: [['Up'], ['Down'], ['Left'], ['Right']], help: 'help.navigate' },
  { combos: [['Tab'], ['Shift', 'Tab']], help: 'help.tab' },
  { combos: [['Home'], ['End']], help: 'help.firstLast' },
  { combos: [['Enter'], ['F2']], help: 'help.edit' },
  { combos: [['Enter']], help: 'help.commit' },
  { combos: [['Escape']], help: 'help.cancel' },
  { combos: [['Mod', 'Enter']], help: 'help.newLine' },
  { combos: [['Mod', 'D']], help: 'help.duplicate' },
  { combos: [['Delete']], help: 'help.delete' },
  {
    combos: [
      ['Alt', 'Up'],
      ['Alt', 'Down'],
    ],
    help: 'help.reorder',
  },
  {
    combos: [
      ['Alt', 'PageUp'],
      ['Alt', 'PageDown'],
    ],
    help: 'help.moveLevel',
  },
  { combos: [['Alt', 'Enter']], help: 'help.details' },
  {
    combos: [
      ['Alt', 'Shift', 'Right'],
      ['Alt', 'Shift', 'Left'],
    ],
    help: 'help.resizeColumn',
  },
  { combos: [['Mod', 'Z']], help: 'help.undo' },
  {
    combos: [
      ['Mod', 'Shift', 'Z'],
      ['Mod', 'Y'],
    ],
    help: 'help.redo',
  },
  { combos: [['Mod', 'E']], help: 'help.export' },
];

const MAC_SYMBOLS: Partial<Record<KeyName, string>> = {
  Mod: '⌘',
  Shift: '⇧',
  Alt: '⌥',
  Enter: '↩',
  Up: '↑',
  Down: '↓',
  Left: '←',
  Right: '→',
  Delete: '⌦',
};
const PC_NAMES: Partial<Record<KeyName, string>> = {
  Mod: 'Ctrl',
  Up: '↑',
  Down: '↓',
  Left: '←',
  Right: '→',
  Escape: 'Esc',
  PageUp: 'PgUp',
  PageDown: 'PgDn',
};

/** "Ctrl+Shift+Z" on Windows/Linux, "⌘⇧Z" on macOS. */
export function formatCombo(combo: readonly KeyName[], isMac: boolean): string {
  if (isMac) return combo.map((k) => MAC_SYMBOLS[k] ?? k).join('');
  return combo.map((k) => PC_NAMES[k] ?? k).join('+');
}

/** Whether a user agent / platform string is macOS (or iOS). */
export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad|ipod/i.test(platform);
}
