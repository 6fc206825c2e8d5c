/**
 * Shortening the programme past some lines' windows: which lines (each a link to the line), and
 * the offer to clip them to the new end in one undoable step. Lines that start after the new
 * end cannot be clipped: they are listed to move first.
 */
import type { BudgetLine } from '../../../src-shared/model';
import { useT } from '../../document/react';
import { NAME_COL, useUi } from '../../document/ui';
import { Dialog } from '../../shared/common';

export interface Shortening {
  months: number;
  clip: readonly BudgetLine[];
  blocked: readonly BudgetLine[];
}

export function ShortenDialog(props: { shortening: Shortening; onClip: () => void; onClose: () => void }) {
  const t = useT();
  const goToLine = useUi((s) => s.goToLine);
  const { months, clip, blocked } = props.shortening;
  const link = (l: BudgetLine) => (
    <li key={l.id}>
      <button
        type="button"
        className="btn-link"
        data-testid={`shorten-line-${l.id}`}
        onClick={() => {
          props.onClose();
          goToLine(l.id, NAME_COL);
        }}
      >
        {l.name || t('line.unnamed')}
      </button>{' '}
      <span className="muted">{t('shorten.window', { start: l.driver.start, end: l.driver.end })}</span>
    </li>
  );
  return (
    <Dialog open title={t('shorten.title', { months })} onClose={props.onClose} testId="shorten-dialog">
      {clip.length > 0 && (
        <>
          <p>{t('shorten.clipIntro', { months, n: clip.length })}</p>
          <ul className="shorten-list">{clip.map(link)}</ul>
        </>
      )}
      {blocked.length > 0 && (
        <>
          <p className="field-error" role="alert">
            {t('shorten.blockedIntro', { months })}
          </p>
          <ul className="shorten-list">{blocked.map(link)}</ul>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" data-testid="shorten-cancel" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="shorten-clip"
          data-autofocus
          disabled={blocked.length > 0}
          onClick={() => {
            props.onClip();
            props.onClose();
          }}
        >
          {t('shorten.clip', { months })}
        </button>
      </div>
    </Dialog>
  );
}
