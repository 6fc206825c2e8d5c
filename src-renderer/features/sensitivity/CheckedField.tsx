/**
 * A number field of the analysis settings (± x %, draws, seed): what is typed stays in the field
 * and is checked when it is committed (Enter, leaving the field) or used (Run); a refused value
 * keeps its message beside the field and is not used.
 */
import { useId } from 'react';
import { FieldControl, FormField } from '../../shared/inputs';

export function CheckedField(props: {
  label: string;
  hint: string;
  text: string;
  error: string | null;
  testId: string;
  suffix?: string;
  onText: (text: string) => void;
  onCommit: () => void;
}) {
  const id = useId();
  return (
    <FormField id={id} label={props.label} hint={props.hint} error={props.error}>
      <FieldControl suffix={props.suffix}>
        <input
          id={id}
          className="input num"
          value={props.text}
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${id}-hint ${id}-err` : `${id}-hint`}
          data-testid={props.testId}
          onChange={(e) => props.onText(e.target.value)}
          onBlur={props.onCommit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              props.onCommit();
            }
          }}
        />
      </FieldControl>
    </FormField>
  );
}
