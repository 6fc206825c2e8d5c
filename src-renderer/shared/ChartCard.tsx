/**
 * A chart in a card: its caption, the chart (hidden from screen readers, which read `table` instead),
 * or, when there is nothing to draw, a sentence that says so and what to do, instead of empty axes.
 */
import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import type { Locale } from '../../src-shared/money';

export function ChartCard(props: {
  id: string;
  caption: ReactNode;
  /** The empty state's sentence, or null when there is something to draw. */
  empty: string | null;
  height: number;
  children: ReactElement;
  /** The same figures as a table, for screen readers (omitted when empty). */
  table?: ReactNode;
}) {
  return (
    <figure className="chart card" data-testid={props.id} aria-labelledby={`${props.id}-h`}>
      <figcaption id={`${props.id}-h`} className="card-title">
        {props.caption}
      </figcaption>
      {props.empty !== null ? (
        <p className="chart-empty" data-testid={`${props.id}-empty`} style={{ minHeight: props.height }}>
          {props.empty}
        </p>
      ) : (
        <>
          <div className="chart-area" aria-hidden="true" style={{ height: props.height }}>
            <ResponsiveContainer width="100%" height={props.height}>
              {props.children}
            </ResponsiveContainer>
          </div>
          {props.table}
        </>
      )}
    </figure>
  );
}

/** Axis ticks: 1.4m, 700k (1,4 M, 700 k in French). */
export function compact(locale: Locale): (v: number) => string {
  const f = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  return (v) => f.format(v);
}
