/**
 * The change log in the user's language: what each structured row (src-shared/model ChangeLogEntry,
 * schema v3) says, put into words: the command ("Editing “Cash grant”"), undone or redone, and each
 * field from its old value to its new one, formatted as the screens format them (money in its
 * currency, rates in percent, yes/no, level names). Rows written before v3 have only main's English
 * sentence, which is shown as it is. Pure: tested in Node.
 */
import {
  type ChangeLogEntry,
  type FieldChange,
  type Model,
  STATUS_CONFIDENCE,
  SYNERGY_STATUSES,
  type SynergyStatus,
} from '../../../src-shared/model';
import {
  formatDecimal,
  formatMinor,
  type Locale,
  shareToPercentString,
  shareToPercentText,
} from '../../../src-shared/money';
import { isMessageKey, translateCount, type Translate } from '../../i18n';
import { COMMAND_PHRASES, isCommandType } from '../../shared/commandLabels';

export interface EntryView {
  title: string;
  details: string[];
}

/** Fields held in minor units of a currency: which currency (the line's own, else the reporting one). */
const MONEY_FIELDS = new Set(['line.unitCost', 'funder.ceiling']);
/** Decimal shares shown in percent, as they are entered. */
const PERCENT_FIELDS = new Set([
  'programme.indirectRate',
  'programme.contingencyRate',
  'programme.inflation',
  'currency.inflation',
  'line.nonMigrantShare',
  'synergy.confidence',
]);
/** Enumerations with a translated name, by the key prefix of their values. */
const ENUM_PREFIXES: Readonly<Record<string, string>> = {
  'line.level': 'level',
  'line.category': 'category',
  'line.dimension': 'dimension',
  'line.modality': 'modality',
  'profile.kind': 'profile.kind',
  'profile.pattern': 'profile.pattern',
  'funder.type': 'funders.type',
  'funder.status': 'funders.status',
  'programme.indirectBase': 'indirectBase',
  'programme.euAgreement': 'euAgreement',
  'line.mtdcExclusion': 'mtdcExclusion',
  'partner.type': 'partners.type',
  'synergy.commitment': 'synergies.commitment',
  'synergy.status': 'synergies.status',
};

/** Fields that hold the key of another row: shown by that row's name (as it is now). */
const ROW_NAMES: Readonly<Record<string, (model: Model, id: string) => string | undefined>> = {
  'synergy.partnerId': (m, id) => m.partners.find((p) => p.id === id)?.name,
  'synergy.funderId': (m, id) => m.funders.find((f) => f.id === id)?.name,
};

function isSynergyStatus(v: string): v is SynergyStatus {
  return (SYNERGY_STATUSES as readonly string[]).includes(v);
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

export function describeEntry(entry: ChangeLogEntry, t: Translate, locale: Locale, model: Model | null): EntryView {
  if (entry.kind === null) return { title: entry.summary, details: [] };
  if (entry.kind === 'create') return { title: t('history.log.created'), details: [] };
  const what =
    entry.command !== null && isCommandType(entry.command)
      ? t(COMMAND_PHRASES[entry.command], { name: entry.target ?? '' })
      : entry.summary;
  const title =
    entry.kind === 'undo'
      ? t('history.log.undo', { what })
      : entry.kind === 'redo'
        ? t('history.log.redo', { what })
        : capitalise(what);
  const rows = new Set(entry.fields.map((f) => `${f.table}/${f.id ?? ''}`));
  const details = entry.fields.map((f) => describeField(f, rows.size > 1, t, locale, model));
  if (entry.omitted > 0) details.push(translateCount(locale, 'history.log.omitted', entry.omitted));
  return { title, details };
}

function describeField(f: FieldChange, nameRow: boolean, t: Translate, locale: Locale, model: Model | null): string {
  const row = f.row !== null ? t('history.log.quoted', { text: f.row }) : '';
  if (f.field === null) return t(f.after === null ? 'history.log.deleted' : 'history.log.added', { row });
  const key = `${f.table}.${f.field}`;
  const labelKey = `log.field.${key}`;
  const field = isMessageKey(labelKey) ? t(labelKey) : f.field;
  if (isStructured(f.before) || isStructured(f.after)) {
    return nameRow && row
      ? t('history.log.changedOf', { row, field })
      : t('history.log.changedField', { field: capitalise(field) });
  }
  const before = formatValue(key, f, f.before, t, locale, model);
  const after = formatValue(key, f, f.after, t, locale, model);
  return nameRow && row
    ? t('history.log.fieldOf', { row, field, before, after })
    : t('history.log.field', { field: capitalise(field), before, after });
}

function isStructured(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

function formatValue(
  key: string,
  f: FieldChange,
  v: unknown,
  t: Translate,
  locale: Locale,
  model: Model | null,
): string {
  if (v === null || v === undefined || v === '') return t('history.log.empty.value');
  if (typeof v === 'boolean') return t(v ? 'history.log.yes' : 'history.log.no');
  if (typeof v === 'number') {
    if (MONEY_FIELDS.has(key) && Number.isSafeInteger(v)) {
      const currency = currencyOf(f, model);
      return formatMinor(v, currency, locale, true);
    }
    return formatDecimal(String(v), locale);
  }
  if (typeof v !== 'string') return String(v);
  if (PERCENT_FIELDS.has(key) && /^-?\d+(\.\d+)?$/.test(v)) return shareToPercentText(v, locale);
  const rowName = ROW_NAMES[key];
  if (rowName) return t('history.log.quoted', { text: (model && rowName(model, v)) ?? v });
  const prefix = ENUM_PREFIXES[key];
  if (prefix) {
    const named = `${prefix}.${v}`;
    // A synergy's status names its default confidence ("Signed agreement (90 %)").
    const pct =
      key === 'synergy.status' && isSynergyStatus(v) ? shareToPercentString(STATUS_CONFIDENCE[v], locale) : '';
    if (isMessageKey(named)) return t(named, { pct });
  }
  if (/^-?\d+(\.\d+)?$/.test(v)) return formatDecimal(v, locale);
  return t('history.log.quoted', { text: v });
}

/** The currency an amount of `f` is in: the line's own (as it is now), else the reporting currency. */
function currencyOf(f: FieldChange, model: Model | null): string {
  const reporting = model?.programme.reportingCurrency ?? 'EUR';
  if (f.table !== 'line' || f.id === null || !model) return reporting;
  return model.lines.find((l) => l.id === f.id)?.currency ?? reporting;
}
