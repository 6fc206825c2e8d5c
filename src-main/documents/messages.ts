/**
 * The sentences a person reads when a file cannot be opened or edited. Each says what happened,
 * that nothing was changed, and what to do next.
 *
 * Decision (issue 12): main writes them in the user's language. Each sentence is written once per
 * language below (EN, FR: the same keys, the type refuses a missing one); each function takes the
 * `locale` of the moment (DocumentService passes settings.locale; the CLI and tests default to
 * English) and marks the ApiFailure with it (`lang`), so the renderer shows the sentence as it is,
 * with its details (file name, versions, who holds the lock), in Electron and in browser mode
 * alike. Main holds the only copy; the renderer's `apiError.<code>` texts stay the short fallback
 * for errors without a `lang` (or in another language than the window's).
 *
 * To add a message: add its sentence to `Sentences`, EN and FR, and a function that picks it.
 */
import path from 'node:path';
import { ApiFailure, type ReadOnlyReason } from '../../src-shared/api';
import type { Locale } from '../../src-shared/money';
import type { InspectionFailure } from '../db';
import type { LockOwner } from './lock';

const APP = 'Reintegration Costing Studio';

/** Every sentence of this file, in one language; `name` is the file's name already quoted. */
interface Sentences {
  quote: (name: string) => string;
  missing: (name: string) => string;
  unreadable: (name: string, detail: string) => string;
  notSqlite: (name: string) => string;
  foreignSqlite: (name: string) => string;
  empty: (name: string) => string;
  damaged: (name: string) => string;
  hotJournal: (name: string) => string;
  storedData: (name: string, where: string) => string;
  wrongSchema: (name: string, version: number, problems: string) => string;
  andMore: (n: number) => string;
  /** Between the items of a list of problems. */
  listSeparator: string;
  changeLogDamaged: (name: string, detail: string) => string;
  newerVersionNotice: (name: string, version: number, supported: number) => string;
  notLocked: (name: string) => string;
  openHereElsewhere: (name: string) => string;
  newerVersion: (name: string, version: number, supported: number) => string;
  migrationFailed: (name: string, version: number) => string;
  restoreFailed: (name: string, backup: string) => string;
  readOnlyRequested: (name: string) => string;
  readOnlyLocked: (name: string, owner: string) => string;
  readOnlyNewer: (name: string) => string;
  ownerUnknown: string;
  owner: (who: string | null, hostname: string, since: string | null) => string;
  writeFailed: (detail: string) => string;
  fileExists: (name: string) => string;
  writeProtected: (name: string) => string;
}

const EN: Sentences = {
  quote: (name) => `"${name}"`,
  missing: (name) => `${name} could not be found. It may have been moved, renamed or deleted.`,
  unreadable: (name, detail) =>
    `${name} could not be read: the system refused access (${detail}). Check that the file is not locked by another program and that you are allowed to read it.`,
  notSqlite: (name) => `${name} is not a ${APP} programme file, so it was not opened. It was not changed.`,
  foreignSqlite: (name) =>
    `${name} is a database made by another program, not a ${APP} programme, so it was not opened. It was not changed.`,
  empty: (name) =>
    `${name} is empty (0 bytes): a copy or download was probably interrupted. It was not changed; open an earlier copy or a backup instead.`,
  damaged: (name) =>
    `${name} is damaged (it looks truncated or partly overwritten), so it cannot be opened safely. It was left exactly as it was; open an earlier copy or a backup instead.`,
  hotJournal: (name) =>
    `${name} was interrupted while a change was being saved. Open it once without "read-only" so the unfinished change can be rolled back; nothing was changed.`,
  storedData: (name, where) =>
    `${name} contains values this version cannot read${where}; it may have been edited by another tool or damaged. It was left exactly as it was; open an earlier copy or a backup instead.`,
  wrongSchema: (name, version, problems) =>
    `${name} is damaged: its tables do not match file format ${version}, the one it says it has (${problems}). It may have been changed by another tool. It was left exactly as it was; open an earlier copy or a backup instead.`,
  andMore: (n) => `; and ${n} more`,
  listSeparator: '; ',
  changeLogDamaged: (name, detail) =>
    `The history of ${name} holds an entry this version cannot read (${detail}); it may have been edited by another tool or damaged. The history cannot be shown, but the programme itself opened normally, and nothing was changed. Keep an earlier copy or a backup if you need that history.`,
  newerVersionNotice: (name, version, supported) =>
    `${name} was saved by a newer version of ${APP} (file format ${version}; this version reads up to ${supported}), so it was opened read-only and read as far as this version understands it: the results below may leave out what the newer version added. The file was not changed. Update the app to be sure of them.`,
  notLocked: (name) => `${name} is not locked by anyone, so there is nothing to take over.`,
  openHereElsewhere: (name) =>
    `${name} is open for editing in another window of this app. Close it there, then open it here again.`,
  newerVersion: (name, version, supported) =>
    `${name} was saved by a newer version of ${APP} (file format ${version}; this version reads up to ${supported}), and its contents cannot be read here. Update the app to open it. The file was not changed.`,
  migrationFailed: (name, version) =>
    `${name} (file format ${version}) could not be upgraded to this version's format, so it was not opened. It was left exactly as it was.`,
  restoreFailed: (name, backup) =>
    `${name} could not be upgraded to this version's format, and it may now be incomplete. The original is safe in ${backup} beside it; open that copy instead.`,
  readOnlyRequested: (name) =>
    `${name} is open read-only, as requested. To edit it, open it again without "read-only", or use "Save as" to edit a copy.`,
  readOnlyLocked: (name, owner) =>
    `${name} is already open ${owner}, so it is read-only here. Close it there and open it again, or use "Save as" to edit a copy.`,
  readOnlyNewer: (name) =>
    `${name} was saved by a newer version of ${APP}, so this version can only show it. Update the app to edit it.`,
  ownerUnknown: 'in another window or on another computer',
  owner: (who, hostname, since) => `${who ? `by ${who} ` : ''}on ${hostname}${since ? ` since ${since} UTC` : ''}`,
  writeFailed: (detail) =>
    `The change could not be saved because the disk refused it (${detail}). Nothing was changed; check the free space and that the file is not on a disconnected drive.`,
  fileExists: (name) => `A file named ${name} already exists in that folder. Choose another name.`,
  writeProtected: (name) =>
    `${name} or its folder is write-protected, so it cannot be edited there. Open it read-only, or copy it to your documents folder first. It was not changed.`,
};

/** French: a no-break space before : ; ? ! % and inside « ». */
const FR: Sentences = {
  quote: (name) => `«\u00a0${name}\u00a0»`,
  missing: (name) => `${name} est introuvable. Il a peut-être été déplacé, renommé ou supprimé.`,
  unreadable: (name, detail) =>
    `${name} n’a pas pu être lu\u00a0: le système en a refusé l’accès (${detail}). Vérifiez que le fichier n’est pas verrouillé par un autre programme et que vous avez le droit de le lire.`,
  notSqlite: (name) =>
    `${name} n’est pas un fichier de programme ${APP}\u00a0; il n’a donc pas été ouvert. Il n’a pas été modifié.`,
  foreignSqlite: (name) =>
    `${name} est une base de données créée par un autre programme, pas un programme ${APP}\u00a0; il n’a donc pas été ouvert. Il n’a pas été modifié.`,
  empty: (name) =>
    `${name} est vide (0\u00a0octet)\u00a0: une copie ou un téléchargement a sans doute été interrompu. Il n’a pas été modifié\u00a0; ouvrez plutôt une copie antérieure ou une sauvegarde.`,
  damaged: (name) =>
    `${name} est endommagé (il semble tronqué ou en partie écrasé)\u00a0; il ne peut donc pas être ouvert sans risque. Il a été laissé tel quel\u00a0; ouvrez plutôt une copie antérieure ou une sauvegarde.`,
  hotJournal: (name) =>
    `${name} a été interrompu pendant l’enregistrement d’une modification. Ouvrez-le une fois sans «\u00a0lecture seule\u00a0» pour que la modification inachevée soit annulée\u00a0; rien n’a été modifié.`,
  storedData: (name, where) =>
    `${name} contient des valeurs que cette version ne sait pas lire${where}\u00a0; il a peut-être été modifié par un autre outil, ou endommagé. Il a été laissé tel quel\u00a0; ouvrez plutôt une copie antérieure ou une sauvegarde.`,
  wrongSchema: (name, version, problems) =>
    `${name} est endommagé\u00a0: ses tables ne correspondent pas au format de fichier ${version}, celui qu’il annonce (${problems}). Il a peut-être été modifié par un autre outil. Il a été laissé tel quel\u00a0; ouvrez plutôt une copie antérieure ou une sauvegarde.`,
  andMore: (n) => `\u00a0; et ${n} de plus`,
  listSeparator: '\u00a0; ',
  changeLogDamaged: (name, detail) =>
    `L’historique de ${name} contient une entrée que cette version ne sait pas lire (${detail})\u00a0; il a peut-être été modifié par un autre outil, ou endommagé. L’historique ne peut pas être affiché, mais le programme lui-même s’est ouvert normalement et rien n’a été modifié. Gardez une copie antérieure ou une sauvegarde si vous avez besoin de cet historique.`,
  newerVersionNotice: (name, version, supported) =>
    `${name} a été enregistré par une version plus récente de ${APP} (format de fichier ${version}\u00a0; cette version lit jusqu’au format ${supported})\u00a0: il a été ouvert en lecture seule et lu aussi loin que cette version le comprend. Les résultats ci-dessous peuvent omettre ce que la version plus récente a ajouté. Le fichier n’a pas été modifié. Mettez l’application à jour pour en être sûr.`,
  notLocked: (name) => `${name} n’est verrouillé par personne\u00a0: il n’y a rien à reprendre.`,
  openHereElsewhere: (name) =>
    `${name} est ouvert pour modification dans une autre fenêtre de cette application. Fermez-le là-bas, puis rouvrez-le ici.`,
  newerVersion: (name, version, supported) =>
    `${name} a été enregistré par une version plus récente de ${APP} (format de fichier ${version}\u00a0; cette version lit jusqu’au format ${supported})\u00a0: son contenu ne peut pas être lu ici. Mettez l’application à jour pour l’ouvrir. Le fichier n’a pas été modifié.`,
  migrationFailed: (name, version) =>
    `${name} (format de fichier ${version}) n’a pas pu être mis au format de cette version\u00a0; il n’a donc pas été ouvert. Il a été laissé tel quel.`,
  restoreFailed: (name, backup) =>
    `${name} n’a pas pu être mis au format de cette version et il est peut-être incomplet. L’original est en sûreté dans ${backup}, à côté\u00a0; ouvrez plutôt cette copie.`,
  readOnlyRequested: (name) =>
    `${name} est ouvert en lecture seule, comme demandé. Pour le modifier, rouvrez-le sans «\u00a0lecture seule\u00a0», ou utilisez «\u00a0Enregistrer sous\u00a0» pour modifier une copie.`,
  readOnlyLocked: (name, owner) =>
    `${name} est déjà ouvert ${owner}\u00a0; il est donc en lecture seule ici. Fermez-le là-bas puis rouvrez-le, ou utilisez «\u00a0Enregistrer sous\u00a0» pour modifier une copie.`,
  readOnlyNewer: (name) =>
    `${name} a été enregistré par une version plus récente de ${APP}\u00a0; cette version peut seulement l’afficher. Mettez l’application à jour pour le modifier.`,
  ownerUnknown: 'dans une autre fenêtre ou sur un autre ordinateur',
  owner: (who, hostname, since) =>
    `${who ? `par ${who} ` : ''}sur ${hostname}${since ? ` depuis le ${since} UTC` : ''}`,
  writeFailed: (detail) =>
    `La modification n’a pas pu être enregistrée, car le disque l’a refusée (${detail}). Rien n’a été modifié\u00a0; vérifiez l’espace libre et que le fichier n’est pas sur un disque déconnecté.`,
  fileExists: (name) => `Un fichier nommé ${name} existe déjà dans ce dossier. Choisissez un autre nom.`,
  writeProtected: (name) =>
    `${name} ou son dossier est protégé en écriture\u00a0: il ne peut pas être modifié à cet endroit. Ouvrez-le en lecture seule, ou copiez-le d’abord dans votre dossier de documents. Il n’a pas été modifié.`,
};

const SENTENCES: Readonly<Record<Locale, Sentences>> = { en: EN, fr: FR };

/** The file's name, quoted as `locale` quotes. */
function named(file: string, locale: Locale): string {
  return SENTENCES[locale].quote(path.basename(file));
}

export function inspectionFailure(file: string, f: InspectionFailure, locale: Locale = 'en'): ApiFailure {
  const s = SENTENCES[locale];
  const name = named(file, locale);
  const fail = (code: ConstructorParameters<typeof ApiFailure>[0], message: string) =>
    new ApiFailure(code, message, undefined, locale);
  switch (f.status) {
    case 'missing':
      return fail('notFound', s.missing(name));
    case 'unreadable':
      return fail('io', s.unreadable(name, f.detail));
    case 'notSqlite':
      return fail('notOurs', s.notSqlite(name));
    case 'foreignSqlite':
      return fail('notOurs', s.foreignSqlite(name));
    case 'empty':
      return fail('damaged', s.empty(name));
    case 'damaged':
      return fail('damaged', s.damaged(name));
    case 'wrongSchema':
      return schemaDamaged(file, f.version, f.problems, locale);
    case 'hotJournal':
      return fail('damaged', s.hotJournal(name));
  }
}

/**
 * A file whose tables or columns are not those of the format it claims (one renamed or dropped by
 * another tool): which ones, at most three, so that whoever edited it can put them back.
 */
export function schemaDamaged(
  file: string,
  version: number,
  problems: readonly string[],
  locale: Locale = 'en',
): ApiFailure {
  const s = SENTENCES[locale];
  const shown =
    problems.slice(0, 3).join(s.listSeparator) + (problems.length > 3 ? s.andMore(problems.length - 3) : '');
  return new ApiFailure('damaged', s.wrongSchema(named(file, locale), version, shown), undefined, locale);
}

/**
 * A row holding a value this version cannot read as it is stored (out of its column's range, not
 * in the form the app writes, or naming a row that does not exist). `detail` names the row and the
 * field ("line L1 eligibleIndirect: 2 is not 0 or 1"); without one, the sentence stays general.
 */
export function storedDataFailure(file: string, detail?: string, locale: Locale = 'en'): ApiFailure {
  const where = detail ? ` (${clipDetail(detail)})` : '';
  return new ApiFailure('damaged', SENTENCES[locale].storedData(named(file, locale), where), undefined, locale);
}

/**
 * The change log (history) holds a row this version cannot read. The programme itself opened; only
 * its history cannot be shown.
 */
export function changeLogDamaged(file: string, detail: string, locale: Locale = 'en'): ApiFailure {
  const message = SENTENCES[locale].changeLogDamaged(named(file, locale), clipDetail(detail));
  return new ApiFailure('damaged', message, undefined, locale);
}

/** A detail from the file, cut to a length a sentence can carry. */
function clipDetail(detail: string, max = 300): string {
  return detail.length > max ? `${detail.slice(0, max - 1)}…` : detail;
}

/**
 * The command line read a file saved by a newer version (as the app shows one: read-only). A
 * notice, not a refusal: the results follow it, and may leave out what the newer version added.
 */
export function newerVersionNotice(file: string, version: number, supported: number, locale: Locale = 'en'): string {
  return SENTENCES[locale].newerVersionNotice(named(file, locale), version, supported);
}

export function newerVersionRefused(
  file: string,
  version: number,
  supported: number,
  locale: Locale = 'en',
): ApiFailure {
  const message = SENTENCES[locale].newerVersion(named(file, locale), version, supported);
  return new ApiFailure('newerVersion', message, undefined, locale);
}

export function migrationFailed(file: string, version: number, locale: Locale = 'en'): ApiFailure {
  return new ApiFailure('damaged', SENTENCES[locale].migrationFailed(named(file, locale), version), undefined, locale);
}

export function restoreFailed(file: string, backupPath: string, locale: Locale = 'en'): ApiFailure {
  const message = SENTENCES[locale].restoreFailed(named(file, locale), named(backupPath, locale));
  return new ApiFailure('damaged', message, undefined, locale);
}

export function readOnlyRefusal(
  file: string,
  reason: ReadOnlyReason,
  owner: LockOwner | null,
  locale: Locale = 'en',
): ApiFailure {
  const s = SENTENCES[locale];
  const name = named(file, locale);
  switch (reason) {
    case 'requested':
      return new ApiFailure('readOnly', s.readOnlyRequested(name), undefined, locale);
    case 'locked':
      return new ApiFailure('readOnly', s.readOnlyLocked(name, describeOwner(owner, locale)), undefined, locale);
    case 'newerVersion':
      return new ApiFailure('readOnly', s.readOnlyNewer(name), undefined, locale);
  }
}

export function describeOwner(owner: LockOwner | null, locale: Locale = 'en'): string {
  const s = SENTENCES[locale];
  if (!owner) return s.ownerUnknown;
  return s.owner(owner.user || null, owner.hostname, owner.since ? owner.since.slice(0, 16).replace('T', ' ') : null);
}

export function writeFailed(detail: string, locale: Locale = 'en'): ApiFailure {
  return new ApiFailure('io', SENTENCES[locale].writeFailed(detail), undefined, locale);
}

export function fileExists(file: string, locale: Locale = 'en'): ApiFailure {
  return new ApiFailure('exists', SENTENCES[locale].fileExists(named(file, locale)), undefined, locale);
}

export function writeProtected(file: string, locale: Locale = 'en'): ApiFailure {
  return new ApiFailure('io', SENTENCES[locale].writeProtected(named(file, locale)), undefined, locale);
}

/** "Open anyway" on a programme no lock keeps read-only. */
export function notLocked(file: string, locale: Locale = 'en'): ApiFailure {
  return new ApiFailure('validation', SENTENCES[locale].notLocked(named(file, locale)), undefined, locale);
}

/** "Open anyway" on a programme this app has open for editing in another window. */
export function openHereElsewhere(file: string, locale: Locale = 'en'): ApiFailure {
  return new ApiFailure('readOnly', SENTENCES[locale].openHereElsewhere(named(file, locale)), undefined, locale);
}
