/**
 * Main's refusals follow the user's language (settings.locale): a file it cannot open, and a
 * command the planner refuses, come back in French with their details, marked `lang: 'fr'`, and
 * the window shows them as they are (issue 12).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiError, type AppEvent, dispatch } from '../../src-shared/api';
import { driverProfiles } from '../../src-shared/model';
import { CURRENT_SCHEMA_VERSION, openWritable } from '../../src-main/db';
import { type AppHandlers, createHandlers, writeModelToFile } from '../../src-main/documents';
import { sampleModel } from '../../src-main/sample/sample-model';
import { apiErrorText, jobFailureText } from '../../src-renderer/i18n';
import { smallModel, tempDir } from './helpers';

const made: AppHandlers[] = [];
afterEach(() => {
  for (const h of made.splice(0)) h.dispose();
});

function french(): { h: AppHandlers; dir: string; events: AppEvent[] } {
  const root = tempDir();
  const dir = path.join(root, 'Documents');
  const sampleFile = path.join(root, 'sample.rcs');
  const events: AppEvent[] = [];
  writeModelToFile(sampleFile, smallModel());
  const h = createHandlers({
    documentsDir: dir,
    userDataDir: path.join(root, 'userData'),
    sampleFile,
    mode: 'browser',
    version: '0.1.0-test',
    emit: (e) => events.push(e),
  });
  made.push(h);
  h['settings.update']({ locale: 'fr' });
  fs.mkdirSync(dir, { recursive: true });
  return { h, dir, events };
}

async function refused(h: AppHandlers, name: string, request: unknown): Promise<ApiError> {
  const reply = await dispatch(h, name, request);
  if (reply.ok) throw new Error(`${name} was expected to be refused`);
  return reply.error;
}

const NB = '\u00a0';

describe('a French user', () => {
  it('reads why a file from a newer version cannot be opened, in French, with the versions', async () => {
    const { h, dir } = french();
    const file = path.join(dir, 'Plus récent.rcs');
    writeModelToFile(file, smallModel());
    const db = new Database(file);
    db.exec('ALTER TABLE budget_line RENAME TO budget_line_v9');
    db.pragma(`user_version = ${CURRENT_SCHEMA_VERSION + 5}`);
    db.close();
    const error = await refused(h, 'document.open', { path: file, readOnly: false });
    expect(error).toMatchObject({ code: 'newerVersion', lang: 'fr' });
    expect(error.message).toBe(
      `«${NB}Plus récent.rcs${NB}» a été enregistré par une version plus récente de Reintegration Costing Studio ` +
        `(format de fichier ${CURRENT_SCHEMA_VERSION + 5}${NB}; cette version lit jusqu’au format ${CURRENT_SCHEMA_VERSION})${NB}: ` +
        'son contenu ne peut pas être lu ici. Mettez l’application à jour pour l’ouvrir. Le fichier n’a pas été modifié.',
    );
    expect(apiErrorText('fr', error)).toBe(error.message);
  });

  it('reads why a damaged (empty) file cannot be opened, in French', async () => {
    const { h, dir } = french();
    const file = path.join(dir, 'Vide.rcs');
    fs.writeFileSync(file, '');
    const error = await refused(h, 'document.open', { path: file, readOnly: true });
    expect(error).toMatchObject({ code: 'damaged', lang: 'fr' });
    expect(error.message).toMatch(new RegExp(`^«${NB}Vide\\.rcs${NB}» est vide \\(0${NB}octet\\)${NB}:`));
    expect(apiErrorText('fr', error)).toBe(error.message);
    // An English window does not show a French sentence: it says it in its own words.
    expect(apiErrorText('en', error)).toMatch(/damaged or incomplete/);
  });

  it('reads why a profile, a currency or a too short duration is refused, in French, with counts and names', async () => {
    const { h, dir } = french();
    const file = path.join(dir, 'Exemple.rcs');
    const model = writeModelToFile(file, sampleModel());
    await dispatch(h, 'document.open', { path: file, readOnly: false });

    const profile = model.profiles.find((p) =>
      model.lines.some((l) => (driverProfiles(l.driver) ?? []).includes(p.id)),
    );
    if (!profile) throw new Error('the sample has a profile that lines follow');
    const users = model.lines.filter((l) => (driverProfiles(l.driver) ?? []).includes(profile.id));
    const inUse = await refused(h, 'document.command', { command: { type: 'profile.delete', id: profile.id } });
    expect(inUse).toMatchObject({ code: 'validation', fields: { id: 'profile.inUse' }, lang: 'fr' });
    const count =
      users.length === 1
        ? `1${NB}ligne budgétaire l’utilise («${NB}`
        : `${users.length}${NB}lignes budgétaires l’utilisent, la première étant «${NB}`;
    expect(inUse.message).toContain(`Le profil «${NB}${profile.name}${NB}» ne peut pas être supprimé${NB}: ${count}`);
    expect(inUse.message).toMatch(
      /Retirez-le d’abord de l’inducteur de quantité de ce(tte ligne|s lignes)\. Rien n’a été modifié\.$/,
    );
    expect(apiErrorText('fr', inUse)).toBe(inUse.message);

    const local = model.currencies[0];
    if (!local) throw new Error('the sample has a local currency');
    const currency = await refused(h, 'document.command', { command: { type: 'currency.delete', code: local.code } });
    expect(currency.message).toMatch(
      new RegExp(
        `^La devise locale ${local.code} ne peut pas être supprimée${NB}: \\d+${NB}lignes? budgétaires? l’utilise`,
      ),
    );

    const shorter = await refused(h, 'document.command', {
      command: { type: 'programme.update', patch: { durationMonths: 6 } },
    });
    expect(shorter).toMatchObject({ lang: 'fr' });
    expect(shorter.message).toMatch(
      new RegExp(
        `^Le programme ne peut pas être ramené à 6${NB}mois${NB}: \\d+${NB}lignes budgétaires vont au-delà du mois 6 \\(«${NB}`,
      ),
    );
    expect(shorter.message).toMatch(/Rien n’a été enregistré\.$/);
    expect(apiErrorText('fr', shorter)).toBe(shorter.message);
  });

  it('reads why "Open anyway" has nothing to take over, and why a row out of its domain is refused, in French', async () => {
    const { h, dir } = french();
    const file = path.join(dir, 'Libre.rcs');
    writeModelToFile(file, smallModel());
    await dispatch(h, 'document.open', { path: file, readOnly: false });
    const free = await refused(h, 'document.openAnyway', {});
    expect(free).toMatchObject({ code: 'validation', lang: 'fr' });
    expect(free.message).toBe(`«${NB}Libre.rcs${NB}» n’est verrouillé par personne${NB}: il n’y a rien à reprendre.`);
    await dispatch(h, 'document.close', {});

    const bad = path.join(dir, 'Booléen.rcs');
    writeModelToFile(bad, smallModel());
    const db = openWritable(bad);
    db.pragma('ignore_check_constraints = ON');
    db.prepare(`UPDATE budget_line SET eligible_indirect = 2 WHERE id = 'ind-a'`).run();
    db.close();
    const error = await refused(h, 'document.open', { path: bad, readOnly: true });
    expect(error).toMatchObject({ code: 'damaged', lang: 'fr' });
    expect(error.message).toMatch(
      new RegExp(
        `^«${NB}Booléen\\.rcs${NB}» contient des valeurs que cette version ne sait pas lire \\(line ind-a eligibleIndirect`,
      ),
    );
  });

  it('reads why the file check failed, in French, on the History screen', async () => {
    const { h, dir, events } = french();
    const file = path.join(dir, 'Programme.rcs');
    writeModelToFile(file, smallModel());
    await dispatch(h, 'document.open', { path: file, readOnly: false });
    const db = openWritable(file);
    db.prepare(`UPDATE budget_line SET unit_cost = 1 WHERE id = 'ind-a'`).run();
    db.close();
    h['job.start']({ kind: 'verify' });
    let done: Extract<AppEvent, { type: 'job.finished' }> | undefined;
    for (let i = 0; i < 2000 && !done; i++) {
      done = events.find((e): e is Extract<AppEvent, { type: 'job.finished' }> => e.type === 'job.finished');
      if (!done) await new Promise((r) => setTimeout(r, 5));
    }
    expect(done).toMatchObject({ outcome: 'failed', error: { code: 'damaged', lang: 'fr' } });
    expect(done?.message).toBe(
      `«${NB}Programme.rcs${NB}» sur le disque ne correspond plus à ce qui est à l’écran${NB}: un autre programme l’a modifié. Fermez-le et rouvrez-le avant de l’envoyer.`,
    );
    expect(jobFailureText('fr', done?.error ?? null, done?.message ?? null)).toBe(done?.message);
    // Never English in a French window, even from a job with no error of its own.
    expect(jobFailureText('fr', null, 'Something went wrong')).not.toContain('Something');
  });

  it('an English user still gets the English sentences', async () => {
    const { h, dir } = french();
    h['settings.update']({ locale: 'en' });
    const file = path.join(dir, 'Empty.rcs');
    fs.writeFileSync(file, '');
    const error = await refused(h, 'document.open', { path: file, readOnly: true });
    expect(error).toMatchObject({ code: 'damaged', lang: 'en' });
    expect(error.message).toMatch(/^"Empty\.rcs" is empty \(0 bytes\)/);
    expect(apiErrorText('en', error)).toBe(error.message);
  });
});
