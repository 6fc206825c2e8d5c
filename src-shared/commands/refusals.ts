/**
 * The planner's whole-sentence refusals (a delete that other rows depend on, a programme shortened
 * past its lines or arrivals), in English and French, with their details: how many, which first,
 * what to do.
 *
 * Decision (issue 12): the planner writes the sentence in the language it is asked for (main: the
 * settings' language; the renderer's own planner: the window's) and marks the ApiFailure with it
 * (`lang`), so the UI shows it as it is, with its details, in Electron and in browser mode alike.
 * Each sentence has one copy per language, here; what to do first for each reference is with the
 * reference in model/entities.ts (`fix`). The UI's `errors.<code>` texts stay the short fallback.
 */
import type { EntityName } from '../model/entities';
import type { Locale } from '../money';

/** A name in a sentence, cut to 60 characters: "Adults" / « Adults ». */
export function quoteName(name: string, locale: Locale): string {
  const short = name.length > 60 ? `${name.slice(0, 59)}…` : name;
  return locale === 'fr' ? `«\u00a0${short}\u00a0»` : `"${short}"`;
}

/** How French names one row, with the article, and whether the noun is feminine (for agreement). */
const FR_NOUNS: Readonly<Record<EntityName, { the: string; one: string; many: string; feminine: boolean }>> = {
  profile: { the: 'Le profil', one: 'profil', many: 'profils', feminine: false },
  currency: { the: 'La devise locale', one: 'devise locale', many: 'devises locales', feminine: true },
  funder: {
    the: 'La source de financement',
    one: 'source de financement',
    many: 'sources de financement',
    feminine: true,
  },
  line: { the: 'La ligne budgétaire', one: 'ligne budgétaire', many: 'lignes budgétaires', feminine: true },
  partner: {
    the: 'Le programme partenaire',
    one: 'programme partenaire',
    many: 'programmes partenaires',
    feminine: false,
  },
  synergy: { the: 'La synergie', one: 'synergie', many: 'synergies', feminine: true },
  scenario: { the: 'Le scénario', one: 'scénario', many: 'scénarios', feminine: false },
  range: { the: 'La plage d’incertitude', one: 'plage d’incertitude', many: 'plages d’incertitude', feminine: true },
};

/** English: the entity's own words (model/entities.ts `what`), plural with an s except these. */
const EN_PLURALS: Readonly<Partial<Record<string, string>>> = { synergy: 'synergies' };

export interface InUse {
  /** The row refused deletion: its entity, its English noun ("returnee profile"), its label. */
  entity: EntityName;
  what: string;
  label: string;
  /** The rows that use it: their entity and English noun, how many, the first one's label. */
  by: EntityName;
  byWhat: string;
  count: number;
  first: string | null;
  /** What to do first, in `locale` (the reference's `fix`). */
  fix: string;
}

export function inUseSentence(locale: Locale, r: InUse): string {
  const one = r.count === 1;
  if (locale === 'fr') {
    const noun = FR_NOUNS[r.entity];
    const by = FR_NOUNS[r.by];
    const subject = r.entity === 'currency' ? `${noun.the} ${r.label}` : `${noun.the} ${quoteName(r.label, 'fr')}`;
    const deleted = noun.feminine ? 'supprimée' : 'supprimé';
    const users = one ? `1\u00a0${by.one} l’utilise` : `${r.count}\u00a0${by.many} l’utilisent`;
    const first = r.first
      ? one
        ? ` (${quoteName(r.first, 'fr')})`
        : `, ${by.feminine ? 'la première' : 'le premier'} étant ${quoteName(r.first, 'fr')}`
      : '';
    return `${subject} ne peut pas être ${deleted}\u00a0: ${users}${first}. ${r.fix} Rien n’a été modifié.`;
  }
  const subject = r.entity === 'currency' ? `The ${r.what} ${r.label}` : `The ${r.what} ${quoteName(r.label, 'en')}`;
  const users = one ? `1 ${r.byWhat} uses it` : `${r.count} ${EN_PLURALS[r.byWhat] ?? `${r.byWhat}s`} use it`;
  const first = r.first
    ? one
      ? ` (${quoteName(r.first, 'en')})`
      : `, the first being ${quoteName(r.first, 'en')}`
    : '';
  return `${subject} cannot be deleted: ${users}${first}. ${r.fix} Nothing was changed.`;
}

export interface ShortenedPast {
  months: number;
  /** How many lines run past the new end, and the names of the first three. */
  lines: number;
  names: readonly string[];
  /** How many returnee profiles have arrivals past the new end. */
  profiles: number;
}

export function shortenedSentence(locale: Locale, r: ShortenedPast): string {
  const m = r.months;
  const more = r.lines - r.names.length;
  const parts: string[] = [];
  if (locale === 'fr') {
    if (r.lines > 0) {
      const named = ` (${r.names.map((n) => quoteName(n, 'fr')).join(', ')}${more > 0 ? ` et ${more} autre${more > 1 ? 's' : ''}` : ''})`;
      parts.push(
        r.lines === 1
          ? `1\u00a0ligne budgétaire va au-delà du mois ${m}${named}`
          : `${r.lines}\u00a0lignes budgétaires vont au-delà du mois ${m}${named}`,
      );
    }
    if (r.profiles > 0) {
      parts.push(
        r.profiles === 1
          ? `1\u00a0profil a des arrivées après le mois ${m}`
          : `${r.profiles}\u00a0profils ont des arrivées après le mois ${m}`,
      );
    }
    const those =
      r.lines > 0 && r.profiles > 0
        ? 'ces lignes et ces profils'
        : r.lines > 0
          ? r.lines === 1
            ? 'cette ligne'
            : 'ces lignes'
          : r.profiles === 1
            ? 'ce profil'
            : 'ces profils';
    return `Le programme ne peut pas être ramené à ${m}\u00a0mois\u00a0: ${parts.join(' et ')}. Raccourcissez ou déplacez d’abord ${those}. Rien n’a été enregistré.`;
  }
  if (r.lines > 0) {
    const named = ` (${r.names.map((n) => quoteName(n, 'en')).join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
    parts.push(
      r.lines === 1
        ? `1 budget line runs past month ${m}${named}`
        : `${r.lines} budget lines run past month ${m}${named}`,
    );
  }
  if (r.profiles > 0) {
    parts.push(
      r.profiles === 1
        ? `1 returnee profile has arrivals past month ${m}`
        : `${r.profiles} returnee profiles have arrivals past month ${m}`,
    );
  }
  const those =
    r.lines > 0 && r.profiles > 0 ? 'those lines and profiles' : r.lines > 0 ? 'those lines' : 'those profiles';
  return `The programme cannot be shortened to ${m} months: ${parts.join(' and ')}. Shorten or move ${those} first. Nothing was saved.`;
}
