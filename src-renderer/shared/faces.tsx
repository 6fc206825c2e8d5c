/**
 * Faces for table cells whose text may be longer than the column: the control stays where it is
 * (focus, typing, the native list) and a face over it shows the text on up to two lines, so that
 * a long name, unit, category or choice reads in full instead of ending in "…".
 */
import type { ReactElement } from 'react';

/** A free-text input under a wrapping face; focused, the input shows its text and the face hides. */
export function TextFace(props: { text: string; testId: string; children: ReactElement; after?: ReactElement | null }) {
  return (
    <div className="wrap-cell">
      {props.children}
      <span className="cell-face" aria-hidden="true" data-testid={`face-${props.testId}`}>
        {props.text}
      </span>
      {props.after}
    </div>
  );
}

/** A select under a face that shows the chosen label (the select's own text is transparent). */
export function SelectFace(props: { label: string; testId: string; children: ReactElement }) {
  return (
    <div className="select-wrap">
      <span className="select-face" aria-hidden="true" data-testid={`face-${props.testId}`}>
        {props.label}
      </span>
      {props.children}
    </div>
  );
}
