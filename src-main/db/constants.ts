/**
 * Identity of a Costing Studio file. `PRAGMA application_id` is written into every .rcs file we
 * create and checked on open, so a SQLite database made by another program is refused.
 */

/** 0x52435331: the ASCII bytes "RCS1". Never change it: every file ever written carries it. */
export const APPLICATION_ID = 0x52435331;

export const FILE_EXTENSION = '.rcs';

/** The 16 bytes every SQLite 3 database file starts with. */
export const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');

/** Size of the SQLite database header at the start of page 1. */
export const SQLITE_HEADER_SIZE = 100;
