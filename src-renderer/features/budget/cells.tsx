/**
 * Cells of the budget grid. Every cell is one focusable element (roving tabindex). A cell is in
 * "navigate" mode (arrows move between cells, the text is selected so typing replaces it) or in
 * "edit" mode (arrows move the caret); see shared/keyboard/shortcuts.ts. A typed value is parsed when
 * the edit is committed (Enter, Tab, leaving the cell); an invalid value stays in the cell with a
 * specific message beside it and is not sent.
 */
import { type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { useT } from '../../document/react';
import { useUi } from '../../document/ui';
import { CellError } from '../../shared/CellError';
import { IS_MAC } from '../../shared/common';
import { type CommitResult, useDraft } from '../../shared/draft';
import { SelectFace, TextFace } from '../../shared/faces';
import type { Option } from '../../shared/inputs';
import { type GridAction, gridShortcut } from '../../shared/keyboard/shortcuts';

export type { CommitResult } from '../../shared/draft';
export type { Option };

/** Handles a grid action for the cell's row; returns true when it was handled. */
export type ActionHandler = (action: GridAction) => boolean;

/** A key that would type or erase text (not a shortcut). */
function typesText(e: KeyboardEvent<HTMLInputElement>): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  return e.key.length === 1 || e.key === 'Backspace' || e.key === 'Delete';
}

/** Actions that leave the cell or act on the row: an edit in progress is committed first. */
const COMMIT_FIRST: ReadonlySet<GridAction> = new Set([
  'next',
  'prev',
  'newLine',
  'duplicate',
  'moveUp',
  'moveDown',
  'levelUp',
  'levelDown',
  'toggleDetails',
]);

export interface CellCommon {
  col: number;
  tabStop: boolean;
  label: string;
  testId: string;
  readOnly: boolean;
  onAction: ActionHandler;
  onFocusCell: (col: number) => void;
}

export function TextCell(
  props: CellCommon & {
    /** Text of the committed value. */
    value: string;
    numeric?: boolean;
    /** Free text that shows on up to two lines while the cell is not focused (name, unit). */
    wrap?: boolean;
    title?: string;
    placeholder?: string;
    disabled?: boolean;
    /** Parses and sends `text`; returns the error message when it is not acceptable. */
    commit: (text: string) => CommitResult;
  },
) {
  const t = useT();
  const ref = useRef<HTMLInputElement>(null);
  const errorId = useId();
  // An invalid draft is kept while the cell's value changes underneath (undo...).
  const { draft, error, setDraft, setError, commit: doCommit } = useDraft(props.value, props.commit);
  const [editing, setEditing] = useState(false);
  const wasFocused = useRef(false);
  const locked = props.readOnly || props.disabled === true;
  // After Esc or Enter the cell's content is selected again, in the render that shows it: before
  // the next key is handled. (A later frame would select what was typed meanwhile, and the next
  // key would replace it: keys typed at full speed after Esc were lost.)
  const selectAfterRender = useRef(false);
  useLayoutEffect(() => {
    if (!selectAfterRender.current) return;
    selectAfterRender.current = false;
    if (document.activeElement === ref.current) ref.current?.select();
  });

  function revert() {
    // Nothing to undo: no render follows, so select now.
    if (draft === null && !editing && !error) ref.current?.select();
    setDraft(null);
    setError(null);
    setEditing(false);
    selectAfterRender.current = true;
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const action = gridShortcut(e, editing ? 'edit' : 'navigate', IS_MAC);
    if (props.readOnly && (action === 'edit' || (!action && typesText(e)))) {
      // Typing into a read-only programme: say why nothing appears, at the field and in the notice.
      e.preventDefault();
      setError(t('readOnly.nudge'));
      useUi.getState().nudgeReadOnly();
      return;
    }
    if (!action) return;
    switch (action) {
      case 'edit': {
        e.preventDefault();
        if (locked) return;
        setEditing(true);
        const el = ref.current;
        if (el) el.setSelectionRange(el.value.length, el.value.length);
        return;
      }
      case 'commit':
        e.preventDefault();
        if (doCommit()) {
          setEditing(false);
          selectAfterRender.current = true;
        }
        return;
      case 'cancel':
        e.preventDefault();
        revert();
        return;
      default:
        if (COMMIT_FIRST.has(action)) {
          if (!doCommit()) {
            e.preventDefault();
            return;
          }
          setEditing(false);
        }
        if (props.onAction(action)) e.preventDefault();
    }
  }

  const shown = draft ?? props.value;
  const input = (
    <input
      ref={ref}
      className={`cell-input${props.numeric ? ' num' : ''}${editing ? ' editing' : ''}`}
      value={shown}
      readOnly={locked}
      aria-readonly={locked || undefined}
      aria-disabled={props.disabled || undefined}
      tabIndex={props.tabStop ? 0 : -1}
      aria-label={props.label}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
      title={props.title}
      placeholder={props.placeholder}
      spellCheck={false}
      autoComplete="off"
      data-col={props.col}
      data-testid={props.testId}
      data-dirty={draft !== null ? 'true' : undefined}
      onFocus={(e) => {
        props.onFocusCell(props.col);
        if (!editing) e.currentTarget.select();
      }}
      onMouseDown={(e) => {
        wasFocused.current = document.activeElement === e.currentTarget;
      }}
      onMouseUp={(e) => {
        // The first click on a cell selects its content, so typing replaces it (as spreadsheets
        // do); the browser would otherwise drop the selection for a caret on mouse-up.
        if (!wasFocused.current && !editing) e.preventDefault();
      }}
      onClick={() => {
        if (wasFocused.current && !locked) setEditing(true);
      }}
      onDoubleClick={() => !locked && setEditing(true)}
      onChange={(e) => {
        if (locked) return;
        setDraft(e.target.value);
        setEditing(true);
        if (error) setError(null);
      }}
      onBlur={() => {
        doCommit();
        setEditing(false);
        if (props.readOnly) setError(null);
      }}
      onKeyDown={onKeyDown}
    />
  );
  if (!props.wrap) {
    return (
      <>
        {input}
        {error && <CellError id={errorId} message={error} />}
      </>
    );
  }
  // The input lies under a face that wraps the text; focused, the input shows and the face hides.
  return (
    <TextFace
      text={shown || (props.placeholder ?? '')}
      testId={props.testId}
      after={error ? <CellError id={errorId} message={error} /> : null}
    >
      {input}
    </TextFace>
  );
}

export function SelectCell(
  props: CellCommon & { value: string; options: readonly Option[]; onChange: (value: string) => void },
) {
  const label = props.options.find((o) => o.value === props.value)?.label ?? props.value;
  if (props.readOnly) {
    return (
      <input
        className="cell-input"
        value={label}
        title={label}
        readOnly
        aria-readonly
        tabIndex={props.tabStop ? 0 : -1}
        aria-label={props.label}
        data-col={props.col}
        data-testid={props.testId}
        onFocus={() => props.onFocusCell(props.col)}
        onKeyDown={(e) => {
          const action = gridShortcut(e, 'navigate', IS_MAC);
          if (action && props.onAction(action)) e.preventDefault();
        }}
      />
    );
  }
  // A face shows the label on up to two lines: a long category or driver reads in full.
  return (
    <SelectFace label={label} testId={props.testId}>
      <select
        className="cell-select"
        value={props.value}
        tabIndex={props.tabStop ? 0 : -1}
        aria-label={props.label}
        data-col={props.col}
        data-testid={props.testId}
        onFocus={() => props.onFocusCell(props.col)}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={(e) => {
          const action = gridShortcut(e, 'navigate', IS_MAC);
          if (!action) return;
          if (action === 'edit') {
            e.preventDefault();
            try {
              e.currentTarget.showPicker();
            } catch {
              // Not supported: Space and typing still change the value.
            }
            return;
          }
          if (action === 'cancel' || action === 'commit') return;
          if (props.onAction(action)) e.preventDefault();
        }}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </SelectFace>
  );
}

/** A cell that is only read (the details toggle, the total): focusable, arrows move on. */
export function onPlainCellKey(e: KeyboardEvent<HTMLElement>, onAction: ActionHandler, allowEnter: boolean): void {
  const action = gridShortcut(e, 'navigate', IS_MAC);
  if (!action) return;
  if (action === 'edit' && allowEnter) return; // a button: Enter activates it
  if (action === 'edit' || action === 'cancel' || action === 'commit') return;
  if (onAction(action)) e.preventDefault();
}
