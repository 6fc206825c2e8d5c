/**
 * The `verify` job: what a person runs before sending a file to a donor. It re-reads the open
 * programme's file from disk on a separate read-only connection and checks, step by step, that
 * SQLite finds it sound, that every row still satisfies the model and matches what is on screen,
 * and that the programme computes. It never writes.
 *
 * Its refusals are written in the user's language (settings.locale) and marked with it (`lang`),
 * as main's other refusals are (see messages.ts): the History screen shows them as they are.
 */
import { ApiFailure } from '../../src-shared/api';
import { formatMinor, type Locale } from '../../src-shared/money';
import type { Model } from '../../src-shared/model';
import { DocumentRepository, MIGRATIONS, openReadOnly, StoredDataError } from '../db';
import type { DocumentService } from './document-service';
import type { EngineThread } from './engine-pool';
import type { JobPlan } from './jobs';

/** The job's sentences in each language; `name` is the file's name already quoted. */
interface VerifySentences {
  quote: (name: string) => string;
  noDocument: string;
  unreadable: (name: string, detail: string) => string;
  integrity: (name: string, count: number, first: string) => string;
  storedData: (name: string, detail: string) => string;
  changedOnDisk: (name: string) => string;
  sound: (name: string, total: string) => string;
}

const SENTENCES: Readonly<Record<Locale, VerifySentences>> = {
  en: {
    quote: (name) => `"${name}"`,
    noDocument: 'No programme is open. Open one first, then verify it.',
    unreadable: (name, detail) => `${name} could not be read again (${detail}). Check that it is still there.`,
    integrity: (name, count, first) =>
      `${name} is damaged: SQLite's integrity check found ${count} problem(s), the first being "${first}". Keep working in a copy made with "Save as", and send that copy.`,
    storedData: (name, detail) =>
      `${name} holds a value the app cannot use (${detail}). It was probably edited outside the app; restore a backup or fix that value.`,
    changedOnDisk: (name) =>
      `${name} on disk no longer matches what is on screen: another program changed it. Close it and open it again before sending it.`,
    sound: (name, total) =>
      `${name} is sound: SQLite's integrity check passed, every row satisfies the model, and the programme computes to ${total}.`,
  },
  fr: {
    quote: (name) => `«\u00a0${name}\u00a0»`,
    noDocument: 'Aucun programme n’est ouvert. Ouvrez-en un, puis vérifiez-le.',
    unreadable: (name, detail) => `${name} n’a pas pu être relu (${detail}). Vérifiez qu’il est toujours à sa place.`,
    integrity: (name, count, first) =>
      `${name} est endommagé\u00a0: le contrôle d’intégrité de SQLite a trouvé ${count}\u00a0problème(s), le premier étant «\u00a0${first}\u00a0». Continuez dans une copie faite avec «\u00a0Enregistrer sous\u00a0» et envoyez cette copie.`,
    storedData: (name, detail) =>
      `${name} contient une valeur que l’application ne peut pas utiliser (${detail}). Il a sans doute été modifié hors de l’application\u00a0; restaurez une sauvegarde ou corrigez cette valeur.`,
    changedOnDisk: (name) =>
      `${name} sur le disque ne correspond plus à ce qui est à l’écran\u00a0: un autre programme l’a modifié. Fermez-le et rouvrez-le avant de l’envoyer.`,
    sound: (name, total) =>
      `${name} est sain\u00a0: le contrôle d’intégrité de SQLite est passé, chaque ligne respecte le modèle et le programme se calcule à ${total}.`,
  },
};

export function verifyPlan(docs: DocumentService, engine: EngineThread, locale: Locale = 'en'): JobPlan {
  const say = SENTENCES[locale];
  const snapshot = docs.current();
  if (!snapshot) throw new ApiFailure('noDocument', say.noDocument, undefined, locale);
  const { path, schemaVersion } = snapshot.info;
  const name = say.quote(snapshot.info.name);
  const onScreen = snapshot.model;
  let fromDisk: Model | null = null;
  let total = '';

  const withFile = <T>(fn: (repo: DocumentRepository) => T): T => {
    let db;
    try {
      db = openReadOnly(path);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new ApiFailure('io', say.unreadable(name, detail), undefined, locale);
    }
    try {
      return fn(new DocumentRepository(db));
    } finally {
      db.close();
    }
  };

  return {
    steps: [
      () => {
        const rows = withFile((repo) => repo.db.pragma('integrity_check') as { integrity_check: string }[]);
        const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
        if (problems.length > 0) {
          const message = say.integrity(name, problems.length, problems[0] ?? '');
          throw new ApiFailure('damaged', message, undefined, locale);
        }
      },
      () => {
        // A file migrated in memory only (opened read-only from an older version) has older tables.
        if (schemaVersion !== MIGRATIONS.length || snapshot.info.readOnlyReason === 'newerVersion') return;
        try {
          fromDisk = withFile((repo) => repo.readModel());
        } catch (err) {
          if (err instanceof StoredDataError) {
            throw new ApiFailure('damaged', say.storedData(name, err.message), undefined, locale);
          }
          throw err;
        }
        if (snapshot.info.migratedFrom === null && snapshot.info.readOnlyReason === null) {
          if (JSON.stringify(fromDisk) !== JSON.stringify(docs.current()?.model ?? onScreen)) {
            throw new ApiFailure('damaged', say.changedOnDisk(name), undefined, locale);
          }
        }
      },
      async () => {
        // In the engine's own thread: a large programme does not hold up main's calls meanwhile.
        const model = fromDisk ?? onScreen;
        const result = await engine.compute(model);
        total = formatMinor(result.totals.total, model.programme.reportingCurrency, locale, true);
      },
    ],
    done: () => say.sound(name, total),
  };
}
