/**
 * Per-user app state kept as small JSON files in the user-data folder: settings (author, locale, the
 * budget grid's column widths) and the recent-files list. Every write is atomic (temporary file + rename), so a crash leaves
 * either the old or the new file, never half of one. A missing or unreadable file means defaults.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { type Settings, settingsSchema } from '../../src-shared/api';
import { fsyncFile, moveIntoPlaceReplacing, removeQuietly, tempPathBeside } from './files';

export const MAX_RECENT = 12;

export interface RecentEntry {
  path: string;
  name: string;
  openedAt: string;
}

const recentSchema = z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() }));

export function writeJsonAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tempPathBeside(file);
  try {
    fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8', flag: 'wx' });
    fsyncFile(tmp);
    moveIntoPlaceReplacing(tmp, file);
  } finally {
    removeQuietly(tmp);
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function defaultAuthor(): string {
  try {
    return os.userInfo().username.slice(0, 200);
  } catch {
    return '';
  }
}

export class SettingsStore {
  private readonly settingsFile: string;
  private readonly recentFile: string;

  constructor(userDataDir: string) {
    this.settingsFile = path.join(userDataDir, 'settings.json');
    this.recentFile = path.join(userDataDir, 'recent-files.json');
  }

  /** The stored settings; a field that is missing or not valid gets its default (the others are kept). */
  getSettings(): Settings {
    const settings: Settings = { author: defaultAuthor(), locale: 'en', columnWidths: {} };
    const stored = readJson(this.settingsFile);
    if (typeof stored !== 'object' || stored === null) return settings;
    const fields = settingsSchema.shape;
    for (const key of Object.keys(fields) as (keyof Settings)[]) {
      const value = fields[key].safeParse((stored as Record<string, unknown>)[key]);
      if (value.success && value.data !== undefined) Object.assign(settings, { [key]: value.data });
    }
    return settings;
  }

  saveSettings(settings: Settings): void {
    writeJsonAtomic(this.settingsFile, settingsSchema.parse(settings));
  }

  getRecent(): RecentEntry[] {
    const stored = recentSchema.safeParse(readJson(this.recentFile));
    return stored.success ? stored.data.slice(0, MAX_RECENT) : [];
  }

  /** Puts `filePath` at the top of the recent list. */
  touchRecent(filePath: string, openedAt: string): void {
    const abs = path.resolve(filePath);
    const rest = this.getRecent().filter((r) => r.path !== abs);
    writeJsonAtomic(this.recentFile, [{ path: abs, name: path.basename(abs), openedAt }, ...rest].slice(0, MAX_RECENT));
  }
}
