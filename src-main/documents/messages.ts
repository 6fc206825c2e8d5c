/**
 * The sentences a person reads when a file cannot be opened or edited. Each says what happened,
 * that nothing was changed, and what to do next.
 */
import path from 'node:path';
import { ApiFailure, type ReadOnlyReason } from '../../src-shared/api';
import type { InspectionFailure } from '../db';
import type { LockOwner } from './lock';

const APP = 'Reintegration Costing Studio';

export function inspectionFailure(file: string, f: InspectionFailure): ApiFailure {
  const name = `"${path.basename(file)}"`;
  switch (f.status) {
    case 'missing':
      return new ApiFailure('notFound', `${name} could not be found. It may have been moved, renamed or deleted.`);
    case 'unreadable':
      return new ApiFailure(
        'io',
        `${name} could not be read: the system refused access (${f.detail}). Check that the file is not locked by another program and that you are allowed to read it.`,
      );
    case 'notSqlite':
      return new ApiFailure(
        'notOurs',
        `${name} is not a ${APP} programme file, so it was not opened. It was not changed.`,
      );
    case 'foreignSqlite':
      return new ApiFailure(
        'notOurs',
        `${name} is a database made by another program, not a ${APP} programme, so it was not opened. It was not changed.`,
      );
    case 'empty':
      return new ApiFailure(
        'damaged',
        `${name} is empty (0 bytes): a copy or download was probably interrupted. It was not changed; open an earlier copy or a backup instead.`,
      );
    case 'damaged':
      return new ApiFailure(
        'damaged',
        `${name} is damaged (it looks truncated or partly overwritten), so it cannot be opened safely. It was left exactly as it was; open an earlier copy or a backup instead.`,
      );
    case 'wrongSchema':
      return schemaDamaged(file, f.version, f.problems);
    case 'hotJournal':
      return new ApiFailure(
        'damaged',
        `${name} was interrupted while a change was being saved. Open it once without "read-only" so the unfinished change can be rolled back; nothing was changed.`,
      );
  }
}

/**
 * A file whose tables or columns are not those of the format it claims (one renamed or dropped by
 * another tool): which ones, at most three, so that whoever edited it can put them back.
 */
export function schemaDamaged(file: string, version: number, problems: readonly string[]): ApiFailure {
  const shown = problems.slice(0, 3).join('; ');
  const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
  return new ApiFailure(
    'damaged',
    `"${path.basename(file)}" is damaged: its tables do not match file format ${version}, the one it says it has (${shown}${more}). It may have been changed by another tool. It was left exactly as it was; open an earlier copy or a backup instead.`,
  );
}

/**
 * A row holding a value this version cannot read as it is stored (out of its column's range, not
 * in the form the app writes, or naming a row that does not exist). `detail` names the row and the
 * field ("line L1 eligibleIndirect: 2 is not 0 or 1"); without one, the sentence stays general.
 */
export function storedDataFailure(file: string, detail?: string): ApiFailure {
  const where = detail ? ` (${clipDetail(detail)})` : '';
  return new ApiFailure(
    'damaged',
    `"${path.basename(file)}" contains values this version cannot read${where}; it may have been edited by another tool or damaged. It was left exactly as it was; open an earlier copy or a backup instead.`,
  );
}

/**
 * The change log (history) holds a row this version cannot read. The programme itself opened; only
 * its history cannot be shown.
 */
export function changeLogDamaged(file: string, detail: string): ApiFailure {
  return new ApiFailure(
    'damaged',
    `The history of "${path.basename(file)}" holds an entry this version cannot read (${clipDetail(detail)}); it may have been edited by another tool or damaged. The history cannot be shown, but the programme itself opened normally, and nothing was changed. Keep an earlier copy or a backup if you need that history.`,
  );
}

/** A detail from the file, cut to a length a sentence can carry. */
function clipDetail(detail: string, max = 300): string {
  return detail.length > max ? `${detail.slice(0, max - 1)}…` : detail;
}

export function newerVersionRefused(file: string, version: number, supported: number): ApiFailure {
  return new ApiFailure(
    'newerVersion',
    `"${path.basename(file)}" was saved by a newer version of ${APP} (file format ${version}; this version reads up to ${supported}), and its contents cannot be read here. Update the app to open it. The file was not changed.`,
  );
}

/**
 * The command line read a file saved by a newer version (as the app shows one: read-only). A
 * notice, not a refusal: the results follow it, and may leave out what the newer version added.
 */
export function newerVersionNotice(file: string, version: number, supported: number): string {
  return `"${path.basename(file)}" was saved by a newer version of ${APP} (file format ${version}; this version reads up to ${supported}), so it was opened read-only and read as far as this version understands it: the results below may leave out what the newer version added. The file was not changed. Update the app to be sure of them.`;
}

export function migrationFailed(file: string, version: number): ApiFailure {
  return new ApiFailure(
    'damaged',
    `"${path.basename(file)}" (file format ${version}) could not be upgraded to this version's format, so it was not opened. It was left exactly as it was.`,
  );
}

export function restoreFailed(file: string, backupPath: string): ApiFailure {
  return new ApiFailure(
    'damaged',
    `"${path.basename(file)}" could not be upgraded to this version's format, and it may now be incomplete. The original is safe in "${path.basename(backupPath)}" beside it; open that copy instead.`,
  );
}

export function readOnlyRefusal(file: string, reason: ReadOnlyReason, owner: LockOwner | null): ApiFailure {
  const name = `"${path.basename(file)}"`;
  switch (reason) {
    case 'requested':
      return new ApiFailure(
        'readOnly',
        `${name} is open read-only, as requested. To edit it, open it again without "read-only", or use "Save as" to edit a copy.`,
      );
    case 'locked':
      return new ApiFailure(
        'readOnly',
        `${name} is already open ${describeOwner(owner)}, so it is read-only here. Close it there and open it again, or use "Save as" to edit a copy.`,
      );
    case 'newerVersion':
      return new ApiFailure(
        'readOnly',
        `${name} was saved by a newer version of ${APP}, so this version can only show it. Update the app to edit it.`,
      );
  }
}

export function describeOwner(owner: LockOwner | null): string {
  if (!owner) return 'in another window or on another computer';
  const who = owner.user ? `by ${owner.user} ` : '';
  const since = owner.since ? ` since ${owner.since.slice(0, 16).replace('T', ' ')} UTC` : '';
  return `${who}on ${owner.hostname}${since}`;
}

export function writeFailed(detail: string): ApiFailure {
  return new ApiFailure(
    'io',
    `The change could not be saved because the disk refused it (${detail}). Nothing was changed; check the free space and that the file is not on a disconnected drive.`,
  );
}

export function fileExists(file: string): ApiFailure {
  return new ApiFailure(
    'exists',
    `A file named "${path.basename(file)}" already exists in that folder. Choose another name.`,
  );
}

export function writeProtected(file: string): ApiFailure {
  return new ApiFailure(
    'io',
    `"${path.basename(file)}" or its folder is write-protected, so it cannot be edited there. Open it read-only, or copy it to your documents folder first. It was not changed.`,
  );
}
