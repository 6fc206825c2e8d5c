/**
 * What a level's budget holds for referrals to partner programmes: their coordination cost, one
 * row per referral synergy with a cost (the engine's coordination lines, src-shared/engine/
 * outside.ts). A partner delivers the referred service itself, beside the budget; the budget holds
 * only this. The rows sit under the level's grid (not in it: they are computed, not typed) and
 * count in the level's total, so that the grid and its rows add up to it.
 */
import { formatDecimal, formatMinor } from '../../../src-shared/money';
import type { LineResult } from '../../../src-shared/engine';
import type { Level, Model } from '../../../src-shared/model';
import { useLocale, useResult, useT } from '../../document/react';
import { useUi } from '../../document/ui';
import { synergyFocusId } from '../../shared/findings';

export function CoordinationRows({ level, model }: { level: Level; model: Model }) {
  const t = useT();
  const locale = useLocale();
  const result = useResult();
  const goTo = useUi((s) => s.goTo);
  const rows = (result?.lines ?? []).filter(
    (l): l is LineResult & { coordinationOf: string } => l.coordinationOf !== null && l.level === level,
  );
  if (!result || rows.length === 0) return null;
  const currency = result.currency;
  return (
    <div className="coordination" data-testid={`coordination-${level}`}>
      <table className="mini-table coordination-table">
        <caption>{t('coordination.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('coordination.synergy')}</th>
            <th scope="col" className="num">
              {t('coordination.referrals')}
            </th>
            <th scope="col" className="num">
              {t('coordination.cost')}
            </th>
            <th scope="col" className="num">
              {t('col.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const synergy = model.synergies.find((s) => s.id === r.coordinationOf);
            const partner = model.partners.find((p) => p.id === synergy?.partnerId);
            const referrals = Number(r.derivation.params.referrals ?? 0);
            const cost = Number(r.derivation.params.cost ?? 0);
            return (
              <tr key={r.lineId} data-testid={`coordination-row-${r.coordinationOf}`}>
                <th scope="row">
                  <button
                    type="button"
                    className="btn-link"
                    onClick={() => goTo('partners', synergyFocusId(r.coordinationOf))}
                  >
                    {synergy?.name || t('coordination.unnamed')}
                  </button>
                  {partner && <span className="muted"> · {partner.name}</span>}
                </th>
                <td className="num">{formatDecimal(String(referrals), locale)}</td>
                <td className="num">{formatMinor(cost, currency, locale)}</td>
                <td className="num" data-minor={r.total} data-testid={`coordination-total-${r.coordinationOf}`}>
                  {formatMinor(r.total, currency, locale)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="coordination-help muted">{t('coordination.help')}</p>
    </div>
  );
}
