/**
 * The `verify` job: what a person runs before sending a file to a donor. It re-reads the open
 * programme's file from disk on a separate read-only connection and checks, step by step, that
 * SQLite finds it sound, that every row still satisfies the model and matches what is on screen,
 * and that the programme computes. It never writes.
 */
import { ApiFailure } from '../../src-shared/api';
import { formatMinor } from '../../src-shared/money';
import type { Model } from '../../src-shared/model';
import { DocumentRepository, MIGRATIONS, openReadOnly, StoredDataError } from '../db';
import type { DocumentService } from './document-service';
import type { EngineThread } from './engine-pool';
import type { JobPlan } from './jobs';

export function verifyPlan(docs: DocumentService, engine: EngineThread): JobPlan {
  const snapshot = docs.current();
  if (!snapshot) throw new ApiFailure('noDocument', 'No programme is open. Open one first, then verify it.');
  const { path, name, schemaVersion } = snapshot.info;
  const onScreen = snapshot.model;
  let fromDisk: Model | null = null;
  let total = '';

  const withFile = <T>(fn: (repo: DocumentRepository) => T): T => {
    let db;
    try {
      db = openReadOnly(path);
    } catch (err) {
      throw new ApiFailure(
        'io',
        `"${name}" could not be read again (${err instanceof Error ? err.message : String(err)}). Check that it is still there.`,
      );
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
          throw new ApiFailure(
            'damaged',
            `"${name}" is damaged: SQLite's integrity check found ${problems.length} problem(s), the first being "${problems[0] ?? ''}". Keep working in a copy made with "Save as", and send that copy.`,
          );
        }
      },
      () => {
        // A file migrated in memory only (opened read-only from an older version) has older tables.
        if (schemaVersion !== MIGRATIONS.length || snapshot.info.readOnlyReason === 'newerVersion') return;
        try {
          fromDisk = withFile((repo) => repo.readModel());
        } catch (err) {
          if (err instanceof StoredDataError) {
            throw new ApiFailure(
              'damaged',
              `"${name}" holds a value the app cannot use (${err.message}). It was probably edited outside the app; restore a backup or fix that value.`,
            );
          }
          throw err;
        }
        if (snapshot.info.migratedFrom === null && snapshot.info.readOnlyReason === null) {
          if (JSON.stringify(fromDisk) !== JSON.stringify(docs.current()?.model ?? onScreen)) {
            throw new ApiFailure(
              'damaged',
              `"${name}" on disk no longer matches what is on screen: another program changed it. Close it and open it again before sending it.`,
            );
          }
        }
      },
      async () => {
        // In the engine's own thread: a large programme does not hold up main's calls meanwhile.
        const model = fromDisk ?? onScreen;
        const result = await engine.compute(model);
        total = formatMinor(result.totals.total, model.programme.reportingCurrency, 'en', true);
      },
    ],
    done: () =>
      `"${name}" is sound: SQLite's integrity check passed, every row satisfies the model, and the programme computes to ${total}.`,
  };
}
