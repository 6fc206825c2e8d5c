/**
 * The error message of a field inside a table cell, as a popover anchored to the field. It is
 * placed with `position: fixed` from the field's box, so no scrolling container clips it (the last
 * row of a section, a one-row table, the caseload table), and it flips above the field when the
 * window has no room below. It stays in the DOM right after the field (announced as an alert and
 * referenced by the field's aria-describedby), and follows the field while the page scrolls.
 */
import { type CSSProperties, useLayoutEffect, useRef, useState } from 'react';

const GAP = 2;
const MIN_WIDTH = 280;

export function CellError(props: { id: string; message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [style, setStyle] = useState<CSSProperties>({ visibility: 'hidden' });

  useLayoutEffect(() => {
    const el = ref.current;
    const anchor = el?.previousElementSibling;
    if (!el || !anchor) return;
    const place = () => {
      const a = anchor.getBoundingClientRect();
      const width = Math.min(Math.max(a.width, MIN_WIDTH), window.innerWidth - 8);
      const left = Math.max(4, Math.min(a.left, window.innerWidth - width - 4));
      const h = el.offsetHeight;
      const below = a.bottom + GAP;
      const top = below + h > window.innerHeight && a.top - GAP - h >= 0 ? a.top - GAP - h : below;
      setStyle({ top, left, width });
    };
    place();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [props.message]);

  return (
    <div ref={ref} id={props.id} className="cell-error" role="alert" data-testid="field-error" style={style}>
      {props.message}
    </div>
  );
}
