/**
 * Files read for an import, kept in main's memory only, by a random token, between `import.read`
 * and the person's confirmation: the window never sends the rows back, it sends the token and its
 * choice of columns (`import.check`), then the lines to add as one `line.import` command.
 *
 * Decision: a read file is dropped when the window says it is done (`import.discard`, after the
 * confirmation or a cancel), 30 minutes after it was last used, or when a fifth file is read (the
 * oldest goes): at most 4 files, each at most MAX_ROWS rows, are ever held.
 */
import { randomUUID } from 'node:crypto';
import { ApiFailure } from '../../src-shared/api';
import type { ImportFile } from './read';

export const SESSION_TTL_MS = 30 * 60 * 1000;
export const MAX_SESSIONS = 4;

interface Session {
  file: ImportFile;
  usedAt: number;
}

export class ImportSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps `file`; its token. */
  put(file: ImportFile): string {
    this.expire();
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = [...this.sessions.entries()].sort((a, b) => a[1].usedAt - b[1].usedAt)[0];
      if (!oldest) break;
      this.sessions.delete(oldest[0]);
    }
    const token = randomUUID();
    this.sessions.set(token, { file, usedAt: this.now() });
    return token;
  }

  /** The file kept under `token`; refused when it was dropped or never read. */
  get(token: string): ImportFile {
    this.expire();
    const s = this.sessions.get(token);
    if (!s) {
      throw new ApiFailure(
        'notFound',
        'The file read for this import is no longer kept (it is dropped 30 minutes after its last use, or once the import is done). Choose the file again.',
        { token: 'import.expired' },
      );
    }
    s.usedAt = this.now();
    return s.file;
  }

  drop(token: string): void {
    this.sessions.delete(token);
  }

  get size(): number {
    return this.sessions.size;
  }

  private expire(): void {
    const limit = this.now() - SESSION_TTL_MS;
    for (const [token, s] of this.sessions) if (s.usedAt < limit) this.sessions.delete(token);
  }
}
