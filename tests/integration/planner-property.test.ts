/**
 * One planner, two places: random command sequences go through the renderer's store (planned and
 * shown at once, then sent to a real DocumentService over the contract's dispatch) and, command by
 * command, straight to a twin DocumentService on a copy of the same file. After every command the
 * two agree on whether it was accepted; at the end the screen, the store's confirmed state, main's
 * state and the twin are the same model. A second property: on main, undo after each command gives
 * back exactly the model before it, and redo the model after it.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Api, ApiFailure, CALL_NAMES, type Command, dispatch, type Handlers } from '../../src-shared/api';
import { newId } from '../../src-shared/commands';
import { type Driver, LEVELS, type Model } from '../../src-shared/model';
import { type AppHandlers, createHandlers, writeModelToFile } from '../../src-main/documents';
import type { DocumentService } from '../../src-main/documents/document-service';
import { createDocumentStore } from '../../src-renderer/document/documentStore';
import { fields, fullModel, profileFields, service, tempDir } from './helpers';

/** What a random step wants to do; turned into a concrete command against the current model. */
type Intent = { kind: number; a: number; b: number; c: number };

const intent: fc.Arbitrary<Intent> = fc.record({
  kind: fc.nat(18),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.integer({ min: -50, max: 5000 }),
});

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

/** A concrete command for `i` on `m` (some are refused on purpose: in use, out of range, unknown id). */
function commandFor(m: Model, i: Intent): Command {
  const line = pick(m.lines, i.a);
  const lineId = line?.id ?? 'no-such-line';
  const profile = pick(m.profiles, i.b);
  const funder = pick(m.funders, i.b);
  const level = LEVELS[i.b % LEVELS.length] ?? 'individual';
  switch (i.kind) {
    case 0:
      return { type: 'line.update', id: lineId, patch: { unitCost: i.c } };
    case 1:
      return { type: 'line.update', id: lineId, patch: { name: `Line ${i.c}` } };
    case 2:
      return {
        type: 'line.add',
        id: newId(),
        level,
        afterId: i.c % 2 === 0 ? null : (line?.id ?? null),
        fields: fields({ name: `New ${i.c}` }),
      };
    case 3:
      return { type: 'line.duplicate', id: lineId, newId: newId() };
    case 4:
      return { type: 'line.delete', id: lineId };
    case 5:
      return { type: 'line.move', id: lineId, level, index: i.c % 7 < 0 ? 0 : i.c % 7 };
    case 6: {
      // A percentage line over another line: deleting that line must drop it from the base.
      const other = pick(m.lines, i.b);
      const driver: Driver = {
        kind: 'percentage',
        rate: '0.05',
        levels: [],
        lineIds: other && other.id !== lineId ? [other.id] : [],
        start: 1,
        end: 24,
      };
      return { type: 'line.update', id: lineId, patch: { driver } };
    }
    case 7: {
      const driver: Driver = {
        kind: 'perActiveCase',
        quantity: '1',
        profileIds: profile ? [profile.id] : [],
        start: 1,
        end: 24,
      };
      return { type: 'line.update', id: lineId, patch: { driver } };
    }
    case 8:
      return {
        type: 'line.update',
        id: lineId,
        patch: { funding: funder ? [{ funderId: funder.id, share: '1' }] : [] },
      };
    case 9:
      return {
        type: 'profile.add',
        id: newId(),
        fields: profileFields({ name: `Profile ${i.c}`, arrivals: Math.abs(i.c) }),
      };
    case 10:
      return { type: 'profile.update', id: profile?.id ?? 'nope', patch: { arrivals: i.c } };
    case 11:
      return { type: 'profile.delete', id: profile?.id ?? 'nope' };
    case 12:
      return { type: 'profile.move', id: profile?.id ?? 'nope', index: Math.abs(i.c) % 5 };
    case 13:
      return {
        type: 'funder.add',
        id: newId(),
        fields: {
          name: `Funder ${i.c}`,
          type: 'partner',
          status: 'pipeline',
          ceiling: null,
          conditionalOnMatch: false,
        },
      };
    case 14:
      return { type: 'funder.delete', id: funder?.id ?? 'nope' };
    case 15:
      return { type: 'funder.move', id: funder?.id ?? 'nope', index: Math.abs(i.c) % 5 };
    case 16:
      return i.c % 2 === 0
        ? { type: 'currency.put', currency: { code: 'GHS', rates: ['16.5'], inflation: '0.1' } }
        : { type: 'currency.delete', code: i.c % 3 === 0 ? 'XOF' : 'USD' };
    case 17:
      return { type: 'programme.update', patch: { durationMonths: 24 + (Math.abs(i.c) % 24) } };
    default:
      return { type: 'programme.update', patch: { reportingCurrency: i.c % 2 === 0 ? 'EUR' : 'CHF' } };
  }
}

/** The contract served by `handlers`, called in-process through dispatch (as IPC and HTTP do). */
function inProcessApi(handlers: AppHandlers): Api {
  return Object.fromEntries(
    CALL_NAMES.map((name) => [name, (request: unknown) => dispatch(handlers as unknown as Handlers, name, request)]),
  ) as unknown as Api;
}

function accepted(s: DocumentService, command: Command): boolean {
  try {
    s.command(command);
    return true;
  } catch (err) {
    if (err instanceof ApiFailure) return false;
    throw err;
  }
}

describe('the renderer and main plan every command the same way', () => {
  it('random command sequences: same acceptance, same model on screen, in the store and in main', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(intent, { minLength: 1, maxLength: 25 }), async (intents) => {
        const root = tempDir();
        const documentsDir = path.join(root, 'docs');
        fs.mkdirSync(documentsDir);
        const file = path.join(documentsDir, 'P.rcs');
        writeModelToFile(file, fullModel());
        const twinFile = path.join(root, 'twin.rcs');
        fs.copyFileSync(file, twinFile);
        const handlers = createHandlers({
          documentsDir,
          userDataDir: path.join(root, 'user'),
          sampleFile: file,
          mode: 'browser',
          version: '0-test',
        });
        const twin = service();
        try {
          handlers['document.open']({ path: file, readOnly: false });
          twin.open(twinFile);
          const store = createDocumentStore(inProcessApi(handlers));
          await store.getState().init();
          for (const i of intents) {
            const command = commandFor(store.getState().snapshot!.model, i);
            const viaStore = await store.getState().command(command);
            expect(viaStore, JSON.stringify(command)).toBe(accepted(twin, command));
          }
          const main = handlers['document.current']({})!.model;
          expect(store.getState().snapshot!.model).toEqual(main);
          expect(store.getState().confirmed!.model).toEqual(main);
          expect(twin.snapshot().model).toEqual(main);
        } finally {
          handlers.dispose();
          twin.close();
        }
      }),
      { numRuns: 100, seed: 20261201 },
    );
  }, 120_000);

  it('undo after each command gives back the model before it, and redo the model after it', () => {
    fc.assert(
      fc.property(fc.array(intent, { minLength: 1, maxLength: 30 }), (intents) => {
        const root = tempDir();
        const file = path.join(root, 'P.rcs');
        writeModelToFile(file, fullModel());
        const s = service();
        try {
          s.open(file);
          for (const i of intents) {
            const before = s.snapshot().model;
            if (!accepted(s, commandFor(before, i))) {
              expect(s.snapshot().model).toBe(before); // a refusal changes nothing
              continue;
            }
            const after = s.snapshot().model;
            if (after === before) continue; // a command that changed nothing records no undo step
            s.undo();
            expect(s.snapshot().model).toEqual(before);
            s.redo();
            expect(s.snapshot().model).toEqual(after);
          }
          // And on disk: the file reopens as the model in memory.
          const last = s.snapshot().model;
          s.close();
          expect(service().open(file).model).toEqual(last);
        } finally {
          s.close();
        }
      }),
      { numRuns: 100, seed: 1201 },
    );
  }, 120_000);
});
