/** The visible list of keyboard shortcuts (toggled from the top bar). */
import { useT } from '../../document/react';
import { useUi } from '../../document/ui';
import { combo } from '../common';
import { SHORTCUT_HELP } from './shortcuts';

export function ShortcutHelp() {
  const t = useT();
  const open = useUi((s) => s.helpOpen);
  const setOpen = useUi((s) => s.setHelpOpen);
  if (!open) return null;
  return (
    <aside id="shortcut-help" className="help card" aria-labelledby="help-h" data-testid="shortcut-help">
      <div className="help-head">
        <h2 id="help-h" className="card-title">
          {t('help.title')}
        </h2>
        <button type="button" className="btn btn-small btn-quiet" onClick={() => setOpen(false)}>
          {t('common.close')}
        </button>
      </div>
      <p className="hint">{t('help.intro')}</p>
      <dl className="help-list">
        {SHORTCUT_HELP.map((s) => (
          <div key={s.help + s.combos.join()} className="help-item">
            <dt>
              {s.combos.map((c, i) => (
                <span key={i}>
                  {i > 0 && ' / '}
                  <kbd>{combo(c)}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(s.help)}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}

/** The short reminder shown under the budget grids. */
export function ShortcutStrip() {
  const t = useT();
  const items = [
    [combo(['Mod', 'Enter']), t('help.newLine')],
    [combo(['Mod', 'D']), t('help.duplicate')],
    [combo(['Delete']), t('help.delete')],
    [`${combo(['Alt', 'Up'])}/${combo(['Alt', 'Down'])}`, t('help.reorder')],
    [combo(['Alt', 'Enter']), t('help.details')],
  ] as const;
  return (
    <p className="shortcut-strip">
      {items.map(([k, label]) => (
        <span key={k}>
          <kbd>{k}</kbd> {label}
        </span>
      ))}
    </p>
  );
}
