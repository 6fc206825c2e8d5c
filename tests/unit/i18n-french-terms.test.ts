/**
 * The French of the app keeps one term per concept and French typography (src-renderer/i18n/glossaire-fr.md).
 *
 * Every French text of the scanned modules is searched for the rejected variants of the glossary
 * and for typographic slips: a plain space (or none) where French wants a no-break space (U+00A0,
 * or the narrow U+202F) before : ; ? ! % and », and after «; English quotes “ ” or "; a straight
 * apostrophe (the app writes ’); thousands grouped with a plain space.
 *
 * Decision: what is between « and » is a name (a line's, a scenario's, an English document title)
 * or a label shown elsewhere, so only the quotes themselves are checked there, not the words inside.
 *
 * To scan another module, add an entry to SCANNED: a name and a function returning its French
 * texts by key. The checks' findings (src-shared/checks/text/fr.ts) are scanned through fr.ts, which
 * spreads them under `checks.`.
 */
import { describe, expect, it } from 'vitest';
import * as messages from '../../src-main/documents/messages';
import { sampleModel } from '../../src-main/sample/sample-model';
import { fr } from '../../src-renderer/i18n/fr';
import { runChecks } from '../../src-shared/checks';
import { compute } from '../../src-shared/engine';
import {
  CATEGORY_NAMES,
  DIMENSION_NAMES,
  DRIVER_NAMES,
  LEVEL_NAMES,
  MODALITY_NAMES,
  SCHEDULE_NAMES,
} from '../../src-shared/export/csv-labels';
import { CSV_HEADINGS } from '../../src-shared/export/csv';
import { FUNDER_STATUS_TEXT, FUNDER_TYPE_TEXT, LABELS } from '../../src-shared/export/labels';
import { LAYOUTS, UNMAPPED_LABEL } from '../../src-shared/export/layouts';
import { DOCUMENTS } from '../../src-shared/model/citations';
import type { Model } from '../../src-shared/model';
import { writeSummary } from '../../src-shared/report/summary';

/** A concept of the glossary: the term chosen and the variants refused in French text. */
interface Term {
  concept: string;
  chosen: string;
  rejected: readonly RegExp[];
}

/** The glossary's refusals (src-renderer/i18n/glossaire-fr.md): keep the two in step. */
export const GLOSSARY: readonly Term[] = [
  {
    concept: 'returnee',
    chosen: 'personne de retour',
    rejected: [/\bmigrants? de retour/i, /rapatrié/i, /\bretourné(e)?s\b/i, /\breturnees?\b/i],
  },
  {
    concept: 'staffing ratio',
    chosen: 'ratio d’encadrement',
    rejected: [/ratio d[’']agents?/i, /ratio de personnel/i, /taux d[’']encadrement/i, /dotation en personnel/i],
  },
  {
    concept: 'indirect costs',
    chosen: 'coûts indirects',
    rejected: [/frais généraux/i, /frais de gestion/i, /\boverheads?\b/i, /coûts de structure/i],
  },
  {
    concept: 'contingency',
    chosen: 'imprévus, réserve pour imprévus, taux d’imprévus',
    rejected: [/provision pour imprévus/i, /\baléas\b/i, /contingence/i, /éligibles? à la réserve/i],
  },
  { concept: 'donor', chosen: 'bailleur', rejected: [/\bdonateurs?\b/i, /\bdonneurs?\b/i, /\bfinanceurs?\b/i] },
  { concept: 'co-financing', chosen: 'cofinancement, cofinanceur', rejected: [/co-financ/i] },
  {
    concept: 'monitoring and evaluation',
    chosen: 'suivi et évaluation (S&E)',
    rejected: [/suivi-évaluation/i, /\bM&E\b/, /\bmonitoring\b/i],
  },
  {
    concept: 'reporting currency',
    chosen: 'devise de présentation',
    rejected: [/devise de (rapport|reporting|compte)/i, /\bmonnaies?\b/i],
  },
  { concept: 'caseload', chosen: 'cohorte', rejected: [/charge de cas/i, /nombre de cas/i, /file active/i] },
  { concept: 'budget level', chosen: 'niveau', rejected: [/\bsections?\b/i] },
  {
    concept: 'support (to returnees, communities, structures)',
    chosen: 'soutien',
    rejected: [/appui (individuel|communautaire|structurel)/i, /\bassistance\b/i],
  },
  { concept: 'individual package', chosen: 'paquet individuel', rejected: [/\bpackages?\b/i] },
  { concept: 'people reached', chosen: 'personnes touchées', rejected: [/\batteint(e)?s\b/i] },
  { concept: 'equipment and supplies', chosen: 'Équipements et fournitures', rejected: [/équipement et fournitures/i] },
  { concept: 'programme year', chosen: 'année du programme', rejected: [/années? de programme/i] },
  { concept: 'key figures', chosen: 'chiffres clés', rejected: [/indicateurs clés/i] },
  { concept: 'confidence of a synergy', chosen: 'probabilité', rejected: [/\bconfiance\b/i] },
  { concept: 'uncertainty range', chosen: 'fourchette', rejected: [/\bplages?\b/i] },
  { concept: 'referral', chosen: 'orientation', rejected: [/référencement/i] },
  { concept: 'take-up', chosen: 'taux de recours', rejected: [/taux d[’']adoption/i] },
  {
    concept: 'EU-IOM Joint Initiative, its Knowledge Paper #2',
    chosen: 'initiative conjointe UE-OIM, document de connaissances n° 2',
    rejected: [/joint initiative/i, /knowledge paper/i],
  },
  { concept: 'government (a funding source)', chosen: 'État', rejected: [/\bgouvernement\b/i] },
  { concept: 'Monte Carlo', chosen: 'simulation de Monte-Carlo', rejected: [/tirage de Monte-Carlo/i] },
  { concept: 'for example', chosen: 'par ex.', rejected: [/\bp\. ?ex\./i, /\be\.g\./i] },
  { concept: 'number', chosen: 'n°', rejected: [/#\s?\d/] },
];

const NB = '[\\u00a0\\u202f]';

/** The typography rules, each a pattern that finds the slip. */
const TYPOGRAPHY: readonly { rule: string; pattern: RegExp }[] = [
  { rule: 'a no-break space after «', pattern: new RegExp(`«(?!${NB})`) },
  { rule: 'a no-break space before »', pattern: new RegExp(`(?<!${NB})»`) },
  { rule: 'a no-break space, not a plain one, before : ; ? ! %', pattern: /[ \t][:;?!%]/ },
  { rule: 'a no-break space before ; ? !', pattern: /[^\s\u00a0\u202f][;?!]/ },
  // (Not a time of day: "09:30".)
  { rule: 'a no-break space before :', pattern: /(?:\p{L}|[)\]}…]|\p{N}(?!:\d\d\b)):(?!\/\/)/u },
  { rule: 'a no-break space before %', pattern: /[\p{N}}]%/u },
  { rule: 'French quotes « », not “ ” or "', pattern: /[“”"]/ },
  { rule: "the apostrophe ’, not '", pattern: /\p{L}'\p{L}/u },
  { rule: 'a no-break space between thousands', pattern: /\d \d{3}(?!\d)/ },
];

/** What is wrong with one French text, in words (empty: nothing). */
export function frenchProblems(text: string): string[] {
  const problems: string[] = [];
  for (const { rule, pattern } of TYPOGRAPHY.slice(0, 2)) if (pattern.test(text)) problems.push(rule);
  // The words inside « » are names or labels checked where they are defined.
  // Placeholders ({returnees}) are not words.
  const outside = text.replace(/«[^»]*»/g, '«»').replace(/\{\w+\}/g, '{}');
  for (const { rule, pattern } of TYPOGRAPHY.slice(2)) if (pattern.test(outside)) problems.push(rule);
  for (const { concept, chosen, rejected } of GLOSSARY) {
    for (const r of rejected) {
      const m = r.exec(outside);
      if (m) problems.push(`“${m[0]}” for ${concept}: write “${chosen}”`);
    }
  }
  return problems;
}

/** The French of a Record<string, { en, fr }> or Record<Locale, Record<string, string>>. */
const frOf = (table: Readonly<Record<string, Readonly<Record<string, string>>>>) =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v.fr ?? '']));
const prefixed = (prefix: string, table: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [`${prefix}.${k}`, v]));

function summarySentences(model: Model, name: string): Record<string, string> {
  const result = compute(model);
  const paragraphs = writeSummary({ model, result, findings: runChecks(model, result), locale: 'fr', scenario: name });
  return Object.fromEntries(paragraphs.flatMap((p) => p.sentences.map((s, i) => [`${name}.${p.id}.${i}`, s])));
}

function emptyModel(): Model {
  const m = sampleModel();
  return { ...m, lines: [], funders: [], profiles: [], synergies: [], partners: [] };
}

/** Main's refusals and notices in French, each made by its own function (messages.ts). */
function mainMessagesFr(): Record<string, string> {
  const f = 'Programme.rcs';
  const owner = { app: 'x', pid: 1, hostname: 'poste-1', user: 'awa', since: '2026-12-01T09:30:00Z' };
  const out: Record<string, string> = {};
  for (const status of ['missing', 'empty', 'notSqlite', 'hotJournal'] as const) {
    out[`inspection.${status}`] = messages.inspectionFailure(f, { status }, 'fr').message;
  }
  out['inspection.unreadable'] = messages.inspectionFailure(
    f,
    { status: 'unreadable', detail: 'EACCES' },
    'fr',
  ).message;
  out['inspection.foreignSqlite'] = messages.inspectionFailure(
    f,
    { status: 'foreignSqlite', applicationId: 7 },
    'fr',
  ).message;
  out['inspection.damaged'] = messages.inspectionFailure(f, { status: 'damaged', detail: 'x' }, 'fr').message;
  out.schemaDamaged = messages.schemaDamaged(f, 6, ['a', 'b', 'c', 'd'], 'fr').message;
  out.storedData = messages.storedDataFailure(f, 'line L1 eligibleIndirect: 2 is not 0 or 1', 'fr').message;
  out.changeLog = messages.changeLogDamaged(f, 'entry 3', 'fr').message;
  out.newerNotice = messages.newerVersionNotice(f, 9, 6, 'fr');
  out.newerRefused = messages.newerVersionRefused(f, 9, 6, 'fr').message;
  out.migration = messages.migrationFailed(f, 2, 'fr').message;
  out.restore = messages.restoreFailed(f, 'Programme.backup.rcs', 'fr').message;
  for (const reason of ['requested', 'locked', 'newerVersion'] as const) {
    out[`readOnly.${reason}`] = messages.readOnlyRefusal(f, reason, owner, 'fr').message;
  }
  out.write = messages.writeFailed('ENOSPC', 'fr').message;
  out.exists = messages.fileExists(f, 'fr').message;
  out.protected = messages.writeProtected(f, 'fr').message;
  out.notLocked = messages.notLocked(f, 'fr').message;
  out.elsewhere = messages.openHereElsewhere(f, 'fr').message;
  return out;
}

/** Each module with French text, and its texts by key. */
const SCANNED: readonly { module: string; texts: () => Record<string, string> }[] = [
  { module: 'src-renderer/i18n/fr.ts', texts: () => ({ ...fr }) },
  {
    module: 'src-shared/export/labels.ts',
    texts: () => ({
      ...frOf(LABELS),
      ...prefixed('funderType', frOf(FUNDER_TYPE_TEXT)),
      ...prefixed('funderStatus', frOf(FUNDER_STATUS_TEXT)),
    }),
  },
  {
    module: 'src-shared/export/csv-labels.ts',
    texts: () => ({
      ...prefixed('level', LEVEL_NAMES.fr),
      ...prefixed('category', CATEGORY_NAMES.fr),
      ...prefixed('dimension', DIMENSION_NAMES.fr),
      ...prefixed('modality', MODALITY_NAMES.fr),
      ...prefixed('schedule', SCHEDULE_NAMES.fr),
      ...prefixed('driver', DRIVER_NAMES.fr),
    }),
  },
  {
    module: 'src-shared/export/csv.ts',
    texts: () => ({ ...prefixed('lines', CSV_HEADINGS.lines.fr), ...prefixed('monthly', CSV_HEADINGS.monthly.fr) }),
  },
  {
    module: 'src-shared/export/layouts.ts',
    texts: () => ({
      unmapped: UNMAPPED_LABEL.fr,
      ...Object.fromEntries(
        Object.values(LAYOUTS).flatMap((l) => [
          [`${l.id}.name`, l.name.fr],
          [`${l.id}.contingency`, l.contingency.fr],
          [`${l.id}.indirect`, l.indirect.fr],
          ...l.headings.map((h) => [`${l.id}.${h.id}`, h.label.fr]),
        ]),
      ),
    }),
  },
  { module: 'src-shared/model/citations.ts', texts: () => frOf(DOCUMENTS) },
  { module: 'src-main/documents/messages.ts', texts: mainMessagesFr },
  {
    module: 'src-shared/report/summary.ts',
    texts: () => ({ ...summarySentences(sampleModel(), 'sample'), ...summarySentences(emptyModel(), 'empty') }),
  },
];

/**
 * Texts left as they are for a reason: the key and why.
 * The checks' findings and diagnostics (`checks.<code>`) are being moved to src-shared by another
 * change; those still in fr.ts that break the glossary are listed until that change applies it.
 */
const EXEMPT: Readonly<Record<string, string>> = {
  'src-main/documents/messages.ts:storedData':
    'names the row and field in the file reader’s own words (“line L1 eligibleIndirect: …”), as stored',
  'errors.file.badName': 'lists the characters a file name cannot hold, " and : among them',
};

/** Every problem of a module's texts, "key: problem — text", leaving out the exempted keys. */
function scan(module: string, texts: Readonly<Record<string, string>>): string[] {
  return Object.entries(texts)
    .filter(([key]) => EXEMPT[module === 'src-renderer/i18n/fr.ts' ? key : `${module}:${key}`] === undefined)
    .flatMap(([key, text]) => frenchProblems(text).map((p) => `${key}: ${p} — ${text}`));
}

describe('the French scanner', () => {
  it('finds a rejected term and each typographic slip in a planted bad string', () => {
    const bad = "Les migrants de retour : 5% du budget ; « Nom» et “X” ou l'autre, 10 000 USD";
    const problems = frenchProblems(bad);
    expect(problems).toContain('“migrants de retour” for returnee: write “personne de retour”');
    expect(problems).toContain('a no-break space, not a plain one, before : ; ? ! %');
    expect(problems).toContain('a no-break space before %');
    expect(problems).toContain('a no-break space after «');
    expect(problems).toContain('a no-break space before »');
    expect(problems).toContain('French quotes « », not “ ” or "');
    expect(problems).toContain("the apostrophe ’, not '");
    expect(problems).toContain('a no-break space between thousands');
    expect(frenchProblems('Ratio d’agents')).toEqual([
      '“Ratio d’agents” for staffing ratio: write “ratio d’encadrement”',
    ]);
    expect(frenchProblems('Rien?')).toEqual(['a no-break space before ; ? !']);
    expect(frenchProblems('Rien:')).toEqual(['a no-break space before :']);
    expect(frenchProblems('à 12:')).toEqual(['a no-break space before :']);
    expect(frenchProblems('depuis le 2026-12-01 09:30 UTC')).toEqual([]);
  });

  it('fails a module with a planted bad text, and passes it without', () => {
    const texts = { good: 'Ratio d’encadrement\u00a0: 60 cas par agent', bad: 'Taux de provision pour imprévus' };
    expect(scan('planted', texts)).toEqual([
      'bad: “provision pour imprévus” for contingency: write “imprévus, réserve pour imprévus, taux d’imprévus” — Taux de provision pour imprévus',
    ]);
    expect(scan('planted', { good: texts.good })).toEqual([]);
  });

  it('passes well-written sentences', () => {
    expect(frenchProblems('Le taux d’imprévus de «\u00a0{name}\u00a0» est de 5\u00a0%.')).toEqual([]);
    expect(frenchProblems('Rien\u00a0? Non\u00a0! Oui\u00a0; «\u00a0A: b\u00a0» 1\u00a0250 et 1\u202f250')).toEqual([]);
    expect(frenchProblems('arrondi({returnees} personnes ÷ {returneesPerProject})')).toEqual([]);
  });
});

describe('French texts keep the glossary and French typography', () => {
  for (const { module, texts } of SCANNED) {
    it(module, () => {
      expect(scan(module, texts()).join('\n')).toBe('');
    });
  }

  it('every exemption is still needed (remove it once the text is fixed or gone)', () => {
    const textOf = (exempt: string): string | undefined => {
      const [module, key] = exempt.includes(':') ? exempt.split(':') : ['src-renderer/i18n/fr.ts', exempt];
      return key === undefined ? undefined : SCANNED.find((s) => s.module === module)?.texts()[key];
    };
    const stale = Object.keys(EXEMPT).filter((key) => {
      const text = textOf(key);
      return text === undefined || frenchProblems(text).length === 0;
    });
    expect(stale).toEqual([]);
  });
});
