/**
 * The checks panel (DESIGN §7): findings grouped as donor rules, reintegration principles and
 * model integrity, each with its severity, a sentence, the rule's source, and a button that takes
 * the person to the line or setting concerned.
 */
import { sourceText } from '../../../src-shared/checks/sources';
import type { Finding } from '../../../src-shared/checks/types';
import type { Model } from '../../../src-shared/model';
import { useFindings, useLocale, useModel, useT } from '../../document/react';
import { NAME_COL, useUi } from '../../document/ui';
import { isMessageKey } from '../../i18n';
import {
  countFindings,
  countsText,
  destination,
  FINDING_GROUPS,
  findingText,
  groupFindings,
  opensDetails,
  targetName,
} from '../../shared/findings';

const ICONS: Record<Finding['severity'], string> = { error: '✖', warning: '⚠', note: 'ℹ' };

export function ChecksScreen() {
  const t = useT();
  const locale = useLocale();
  const findings = useFindings();
  const model = useModel();
  if (!model) return null;
  const groups = groupFindings(findings);
  const counts = countFindings(findings);
  return (
    <div className="screen checks-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('checks.heading')}</h1>
        <p className="screen-intro">{t('checks.intro')}</p>
        <p className="checks-summary" data-testid="checks-summary" role="status">
          {counts.total === 0 ? t('checks.allClear') : countsText(counts, locale)}
        </p>
      </div>
      {FINDING_GROUPS.map((g) => (
        <section
          key={g}
          className="card checks-group"
          aria-labelledby={`checks-${g}-h`}
          data-testid={`checks-group-${g}`}
        >
          <h2 id={`checks-${g}-h`} className="card-title">
            {g === 'donor'
              ? t('checks.group.donor', { profile: t(`donor.${model.programme.donorProfile}`) })
              : t(`checks.group.${g}`)}{' '}
            <span className="muted">({groups[g].length})</span>
          </h2>
          {groups[g].length === 0 ? (
            <p className="empty">{t('checks.groupEmpty')}</p>
          ) : (
            <ul className="findings">
              {groups[g].map((f) => (
                <FindingItem key={f.id} finding={f} model={model} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}

function FindingItem({ finding: f, model }: { finding: Finding; model: Model }) {
  const t = useT();
  const locale = useLocale();
  const goToLine = useUi((s) => s.goToLine);
  const goTo = useUi((s) => s.goTo);
  const text = findingText(f, model, locale);
  const dest = destination(f.target);
  const name = targetName(f.target, model);
  const place = (() => {
    if (!f.target) return '';
    switch (f.target.kind) {
      case 'programme': {
        const key = `prog.field.${f.target.field}`;
        return t('checks.place.programme', { name: isMessageKey(key) ? t(key) : f.target.field });
      }
      default:
        return t(`checks.place.${f.target.kind}`, { name });
    }
  })();
  const severity = t(`checks.severity.${f.severity}`);
  return (
    <li
      className={`finding finding-${f.severity}`}
      data-testid={`finding-${f.id}`}
      data-code={f.code}
      data-severity={f.severity}
    >
      <span className={`severity severity-${f.severity}`}>
        <span aria-hidden="true">{ICONS[f.severity]}</span> {severity}
      </span>
      <div className="finding-body">
        <p className="finding-text">{text}</p>
        <p className="finding-source">{t('checks.source', { source: sourceText(f.sourceKey, locale) })}</p>
      </div>
      {dest && (
        <button
          type="button"
          className="btn btn-small"
          aria-label={t('checks.goToLabel', { place })}
          title={t('checks.goToLabel', { place })}
          data-testid={`finding-go-${f.id}`}
          onClick={() => {
            if (dest.screen === 'budget') goToLine(dest.lineId, NAME_COL, opensDetails(f));
            else goTo(dest.screen, dest.focusId);
          }}
        >
          {t('checks.goTo')} →
        </button>
      )}
    </li>
  );
}
