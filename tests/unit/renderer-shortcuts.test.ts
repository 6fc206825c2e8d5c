import { describe, expect, it } from 'vitest';
import {
  formatCombo,
  globalShortcut,
  gridShortcut,
  isMacPlatform,
  type KeyInput,
  SHORTCUT_HELP,
} from '../../src-renderer/shared/keyboard/shortcuts';
import { isMessageKey } from '../../src-renderer/i18n';

function key(k: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput {
  return { key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe('undo / redo', () => {
  it('Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y on Windows and Linux', () => {
    expect(globalShortcut(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(globalShortcut(key('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(globalShortcut(key('y', { ctrlKey: true }), false)).toBe('redo');
    expect(globalShortcut(key('z', { metaKey: true }), false)).toBeNull();
    expect(globalShortcut(key('z'), false)).toBeNull();
  });

  it('Cmd+Z and Cmd+Shift+Z on macOS, where Ctrl+Z is not undo', () => {
    expect(globalShortcut(key('z', { metaKey: true }), true)).toBe('undo');
    expect(globalShortcut(key('z', { metaKey: true, shiftKey: true }), true)).toBe('redo');
    expect(globalShortcut(key('z', { ctrlKey: true }), true)).toBeNull();
    expect(globalShortcut(key('y', { metaKey: true }), true)).toBeNull();
  });

  it('Alt+Ctrl+Z (AltGr on some keyboards) is not undo', () => {
    expect(globalShortcut(key('z', { ctrlKey: true, altKey: true }), false)).toBeNull();
  });
});

describe('grid keys', () => {
  const nav = (k: KeyInput, mac = false) => gridShortcut(k, 'navigate', mac);
  const edit = (k: KeyInput, mac = false) => gridShortcut(k, 'edit', mac);

  it('navigates with arrows, Home/End and Tab in navigate mode', () => {
    expect(nav(key('ArrowLeft'))).toBe('left');
    expect(nav(key('ArrowRight'))).toBe('right');
    expect(nav(key('ArrowUp'))).toBe('up');
    expect(nav(key('ArrowDown'))).toBe('down');
    expect(nav(key('Home'))).toBe('home');
    expect(nav(key('End'))).toBe('end');
    expect(nav(key('Tab'))).toBe('next');
    expect(nav(key('Tab', { shiftKey: true }))).toBe('prev');
  });

  it('leaves arrows, Home and End to the text field in edit mode', () => {
    for (const k of ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Delete', 'F2']) {
      expect(edit(key(k))).toBeNull();
    }
    expect(edit(key('Tab'))).toBe('next');
  });

  it('Alt+Shift+→/← widen or narrow the column while navigating, not while editing text', () => {
    expect(nav(key('ArrowRight', { altKey: true, shiftKey: true }))).toBe('widen');
    expect(nav(key('ArrowLeft', { altKey: true, shiftKey: true }))).toBe('narrow');
    expect(edit(key('ArrowRight', { altKey: true, shiftKey: true }))).toBeNull();
    expect(nav(key('ArrowRight', { altKey: true, shiftKey: true, ctrlKey: true }))).toBeNull();
    expect(nav(key('ArrowRight', { shiftKey: true }))).toBeNull();
  });

  it('Enter or F2 edits; Enter commits; Escape cancels', () => {
    expect(nav(key('Enter'))).toBe('edit');
    expect(nav(key('F2'))).toBe('edit');
    expect(edit(key('Enter'))).toBe('commit');
    expect(edit(key('Escape'))).toBe('cancel');
    expect(nav(key('Escape'))).toBe('cancel');
  });

  it('row commands, in both modes', () => {
    for (const f of [nav, edit]) {
      expect(f(key('Enter', { ctrlKey: true }))).toBe('newLine');
      expect(f(key('d', { ctrlKey: true }))).toBe('duplicate');
      expect(f(key('ArrowUp', { altKey: true }))).toBe('moveUp');
      expect(f(key('ArrowDown', { altKey: true }))).toBe('moveDown');
      expect(f(key('PageUp', { altKey: true }))).toBe('levelUp');
      expect(f(key('PageDown', { altKey: true }))).toBe('levelDown');
      expect(f(key('Enter', { altKey: true }))).toBe('toggleDetails');
    }
  });

  it('Delete deletes the line only in navigate mode (in edit mode it deletes text)', () => {
    expect(nav(key('Delete'))).toBe('delete');
    expect(edit(key('Delete'))).toBeNull();
    expect(nav(key('Backspace'))).toBeNull();
  });

  it('uses Cmd on macOS', () => {
    expect(nav(key('Enter', { metaKey: true }), true)).toBe('newLine');
    expect(nav(key('d', { metaKey: true }), true)).toBe('duplicate');
    expect(nav(key('Backspace', { metaKey: true }), true)).toBe('delete');
    expect(nav(key('Enter', { ctrlKey: true }), true)).toBeNull();
  });

  it('plain letters are typing, not commands', () => {
    expect(nav(key('a'))).toBeNull();
    expect(nav(key('A', { shiftKey: true }))).toBeNull();
  });
});

describe('shortcut help', () => {
  it('every entry has a translated description', () => {
    for (const s of SHORTCUT_HELP) expect(isMessageKey(s.help)).toBe(true);
  });

  it('formats combos per platform', () => {
    expect(formatCombo(['Mod', 'Shift', 'Z'], false)).toBe('Ctrl+Shift+Z');
    expect(formatCombo(['Mod', 'Shift', 'Z'], true)).toBe('⌘⇧Z');
    expect(formatCombo(['Alt', 'Up'], false)).toBe('Alt+↑');
  });

  it('recognises macOS', () => {
    expect(isMacPlatform('MacIntel')).toBe(true);
    expect(isMacPlatform('Linux x86_64')).toBe(false);
    expect(isMacPlatform('Win32')).toBe(false);
  });
});
