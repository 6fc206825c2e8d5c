/**
 * The contract is served completely and exactly:
 * - every contract call has a handler in createHandlers' result (the services both transports use);
 * - the preload exposes exactly the contract's calls, each as one invoke on one channel, and
 *   nothing else (checked on buildApi and on the built out/preload/preload.cjs);
 * - the IPC transport only answers the main frame of our own app:// origin.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../../src-shared/commands';
import { CALL_NAMES, type Command, commandSchema, type Handlers, validateRequest } from '../../src-shared/api';
import {
  defaultLineFields,
  defaultPartnerFields,
  defaultProfileFields,
  defaultSynergyFields,
} from '../../src-shared/model';
import { createHandlers } from '../../src-main/documents/app-service';
import { type ModelState, planCommand } from '../../src-shared/commands';
import { blankModel } from '../../src-main/documents/write-model';
import { electronBindingPath as bindingPathTs } from '../../src-main/transport/environment';
import {
  buildApi,
  createIpcCallHandler,
  EXPOSED_CALL_NAMES,
  EVENT_CHANNEL,
  IPC_CHANNEL,
  isAppUrl,
  type IpcSender,
} from '../../src-main/transport/ipc';

const ROOT = path.resolve(import.meta.dirname, '../..');
const sorted = (names: Iterable<string>): string[] => [...names].sort();

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rcs-contract-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('createHandlers serves the whole contract', () => {
  it('has a function for every call, and no call that is not in the contract', () => {
    const handlers = createHandlers({
      documentsDir: path.join(tmp, 'docs'),
      userDataDir: path.join(tmp, 'user'),
      sampleFile: path.join(ROOT, 'resources', 'sample.rcs'),
      mode: 'browser',
      version: '0.0.0-test',
    });
    try {
      for (const name of CALL_NAMES) expect(typeof handlers[name], name).toBe('function');
      const extra = Object.keys(handlers).filter((k) => !(CALL_NAMES as string[]).includes(k) && k !== 'dispose');
      expect(extra).toEqual([]);
    } finally {
      handlers.dispose();
    }
  });
});

describe('every document command of the contract', () => {
  /** One example of each command type, valid against blankModel() plus a line, two profiles, a currency and a funder. */
  const examples: Record<Command['type'], Command> = {
    'programme.update': { type: 'programme.update', patch: { communities: 4, inflation: '0.02' } },
    'line.add': {
      type: 'line.add',
      id: newId(),
      level: 'community',
      fields: defaultLineFields('community', 36, 'Market'),
    },
    'line.update': { type: 'line.update', id: 'L1', patch: { funding: [{ funderId: 'main-donor', share: '0.5' }] } },
    'line.duplicate': { type: 'line.duplicate', id: 'L1', newId: newId() },
    'line.delete': { type: 'line.delete', id: 'L1' },
    'line.import': {
      type: 'line.import',
      level: 'structural',
      source: 'budget.xlsx',
      lines: [
        { id: newId(), fields: defaultLineFields('structural', 36, 'Training of officers') },
        { id: newId(), fields: defaultLineFields('structural', 36, 'Study tour') },
      ],
    },
    'line.move': { type: 'line.move', id: 'L1', level: 'support', index: 0 },
    'profile.add': { type: 'profile.add', id: newId(), fields: defaultProfileFields('child', 'Children', 36) },
    'profile.update': { type: 'profile.update', id: 'P1', patch: { arrivals: 12 } },
    'profile.delete': { type: 'profile.delete', id: 'P1' },
    'profile.move': { type: 'profile.move', id: 'P1', index: 3 },
    'currency.put': { type: 'currency.put', currency: { code: 'XOF', rates: ['655.957'], inflation: '0.03' } },
    'currency.delete': { type: 'currency.delete', code: 'XOF' },
    'funder.add': {
      type: 'funder.add',
      id: newId(),
      fields: { name: 'GIZ', type: 'partner', status: 'pipeline', ceiling: null, conditionalOnMatch: false },
    },
    'funder.update': { type: 'funder.update', id: 'main-donor', patch: { ceiling: 1000 } },
    'funder.delete': { type: 'funder.delete', id: 'main-donor' },
    'funder.move': { type: 'funder.move', id: 'main-donor', index: 1 },
    'partner.add': {
      type: 'partner.add',
      id: newId(),
      fields: defaultPartnerFields('Employment programme', '2026-01', '2028-12'),
    },
    'partner.update': { type: 'partner.update', id: 'PA1', patch: { organisation: 'GIZ' } },
    'partner.delete': { type: 'partner.delete', id: 'PA2' },
    'partner.move': { type: 'partner.move', id: 'PA1', index: 1 },
    'synergy.add': {
      type: 'synergy.add',
      id: newId(),
      fields: { ...defaultSynergyFields('referral', 'PA1', 'Referral to jobs', 36), lineIds: ['L1'] },
    },
    'synergy.update': { type: 'synergy.update', id: 'SY1', patch: { status: 'signed' } },
    'synergy.delete': { type: 'synergy.delete', id: 'SY1' },
    'synergy.move': { type: 'synergy.move', id: 'SY1', index: 1 },
    'scenario.add': { type: 'scenario.add', id: newId(), fields: { name: 'Fewer arrivals', description: '' } },
    'scenario.update': { type: 'scenario.update', id: 'SC1', patch: { description: 'A weaker franc.' } },
    'scenario.delete': { type: 'scenario.delete', id: 'SC1' },
    'scenario.move': { type: 'scenario.move', id: 'SC1', index: 1 },
    'scenario.duplicate': { type: 'scenario.duplicate', id: 'SC1', newId: newId(), name: 'Weak currency 2' },
    'scenario.promote': { type: 'scenario.promote', id: 'SC1' },
    'scenario.edit': {
      type: 'scenario.edit',
      scenario: 'SC1',
      command: { type: 'line.update', id: 'L1', patch: { unitCost: 99_00 } },
    },
    'scenario.setOff': { type: 'scenario.setOff', scenario: 'SC1', kind: 'line', id: 'L1', off: true },
    'scenario.revert': { type: 'scenario.revert', scenario: 'SC1', kind: 'currency', id: 'XOF' },
    'range.put': { type: 'range.put', range: { id: 'arrivals:P1', low: '0.8', likely: '1', high: '1.1' } },
    'range.delete': { type: 'range.delete', id: 'indirectRate:' },
  };

  function state(): ModelState {
    const m = blankModel('T', 'A', new Date(Date.UTC(2026, 0, 1)));
    const line = { ...defaultLineFields('individual', 36, 'Kit'), id: 'L1', level: 'individual' as const, position: 0 };
    const profile = { ...defaultProfileFields('adult', 'Adults', 36), id: 'P1', position: 0 };
    const other = { ...defaultProfileFields('family', 'Families', 36), id: 'P2', position: 1 };
    const funders = [...m.funders, { ...m.funders[0]!, id: 'F2', name: 'Government', position: 1 }];
    const partners = [
      { ...defaultPartnerFields('Jobs', '2026-01', '2028-12'), id: 'PA1', position: 0 },
      { ...defaultPartnerFields('Health', '2026-01', '2028-12'), id: 'PA2', position: 1 },
    ];
    const synergies = [
      { ...defaultSynergyFields('handover', 'PA1', 'Officers', 36), lineIds: ['L1'], id: 'SY1', position: 0 },
      { ...defaultSynergyFields('costSharing', 'PA1', 'Office', 36), id: 'SY2', position: 1 },
    ];
    return {
      programme: m.programme,
      lines: new Map([[line.id, line]]),
      profiles: new Map([
        [profile.id, profile],
        [other.id, other],
      ]),
      currencies: new Map([['XOF', { code: 'XOF', rates: ['655.957'], inflation: '0' }]]),
      funders: new Map(funders.map((f) => [f.id, f])),
      partners: new Map(partners.map((p) => [p.id, p])),
      synergies: new Map(synergies.map((s) => [s.id, s])),
      scenarios: new Map([
        ['SC1', { id: 'SC1', position: 0, name: 'Weak currency', description: '', overlay: scenarioOverlay }],
        ['SC2', { id: 'SC2', position: 1, name: 'Other', description: '', overlay: {} }],
      ]),
      ranges: new Map([['indirectRate:', { id: 'indirectRate:', low: '0.9', likely: '1', high: '1.2' }]]),
    };
  }
  const scenarioOverlay = { currencies: { XOF: { rates: ['721.553'] } } };

  it('has an example here, passes the boundary, and is planned by main', () => {
    const types = commandSchema.options.map((o) => o.shape.type.value);
    expect(Object.keys(examples).sort()).toEqual([...types].sort());
    for (const command of Object.values(examples)) {
      expect(validateRequest('document.command', { command }).ok, command.type).toBe(true);
      const plan = planCommand(state(), command);
      expect(plan.changes.length, command.type).toBeGreaterThan(0);
      expect(plan.summary, command.type).not.toBe('');
    }
  });

  it('refuses bad values at the boundary with paths inside the command', () => {
    const r = validateRequest('document.command', {
      command: { type: 'currency.put', currency: { code: 'xof', rates: ['0'], inflation: '0' } },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.fields).toEqual({
        'command.currency.code': 'currency.invalid',
        'command.currency.rates.0': 'number.positive',
      });
    }
  });
});

describe('the preload API (buildApi)', () => {
  it('exposes exactly the contract calls', () => {
    const api = buildApi(() => Promise.resolve(null));
    expect(sorted(Object.keys(api))).toEqual(sorted(CALL_NAMES));
    expect(sorted(EXPOSED_CALL_NAMES)).toEqual(sorted(CALL_NAMES));
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each call as (name, request) and an omitted request as {}', async () => {
    const seen: [string, unknown][] = [];
    const api = buildApi((name, request) => {
      seen.push([name, request]);
      return Promise.resolve({ ok: true, value: name });
    });
    await expect(api['document.open']({ path: '/x.rcs', readOnly: true })).resolves.toEqual({
      ok: true,
      value: 'document.open',
    });
    const info = api['app.info'] as unknown as () => Promise<unknown>;
    await info();
    expect(seen).toEqual([
      ['document.open', { path: '/x.rcs', readOnly: true }],
      ['app.info', {}],
    ]);
  });
});

interface Exposed {
  key: string;
  value: Record<string, unknown>;
}

describe('the built preload (out/preload/preload.cjs)', () => {
  const built = path.join(ROOT, 'out', 'preload', 'preload.cjs');
  const present = existsSync(built);

  // Skipped only before `electron-vite build` has made the file (CI builds before it tests).
  it.skipIf(!present)('requires only electron and exposes exactly the contract and its events', async () => {
    const required: string[] = [];
    const exposed: Exposed[] = [];
    const invoked: unknown[][] = [];
    let listeners: [string, (event: unknown, payload: unknown) => void][] = [];
    const ipcRenderer = {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve({ ok: true, value: null });
      },
      send: () => undefined,
      on: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
        listeners.push([channel, fn]);
      },
      removeListener: (channel: string, fn: unknown) => {
        listeners = listeners.filter(([c, f]) => c !== channel || f !== fn);
      },
    };
    const fakeElectron = {
      contextBridge: {
        exposeInMainWorld: (key: string, value: Record<string, unknown>) => exposed.push({ key, value }),
      },
      ipcRenderer,
    };
    const module = { exports: {} };
    const sandbox = {
      module,
      exports: module.exports,
      require: (id: string) => {
        required.push(id);
        if (id === 'electron') return fakeElectron;
        throw new Error(`a sandboxed preload cannot require ${id}`);
      },
    };
    vm.runInNewContext(readFileSync(built, 'utf8'), sandbox, { filename: built });

    expect([...new Set(required)]).toEqual(['electron']);
    expect(exposed.map((e) => e.key)).toEqual(['api', 'rcsEvents']);
    const api = exposed[0]!.value;
    expect(sorted(Object.keys(api))).toEqual(sorted(CALL_NAMES));
    for (const name of CALL_NAMES) {
      const fn = api[name];
      expect(typeof fn, name).toBe('function');
      expect(fn).not.toBe(ipcRenderer.invoke);
      await (fn as (r: unknown) => Promise<unknown>)({ probe: name });
    }
    expect(invoked).toEqual(CALL_NAMES.map((name) => [IPC_CHANNEL, name, { probe: name }]));
    // Nothing exposed is, or holds, ipcRenderer itself.
    expect(Object.values(api)).not.toContain(ipcRenderer);

    // The events bridge: only `subscribe`; it hears EVENT_CHANNEL, passes only well-formed events
    // (never the IPC event object), and its unsubscribe removes the listener.
    const events = exposed[1]!.value as { subscribe(l: (e: unknown) => void): () => void };
    expect(Object.keys(events)).toEqual(['subscribe']);
    const heard: unknown[] = [];
    const stop = events.subscribe((e) => heard.push(e));
    expect(listeners.map(([c]) => c)).toEqual([EVENT_CHANNEL]);
    const ipcEvent = { sender: ipcRenderer };
    const event = { type: 'document.replaced', path: null, origin: null };
    listeners[0]![1](ipcEvent, event);
    listeners[0]![1](ipcEvent, { type: 'not.an.event' });
    expect(heard).toEqual([event]);
    stop();
    expect(listeners).toEqual([]);
  });
});

describe('the IPC transport checks every sender', () => {
  const fake = Object.fromEntries(CALL_NAMES.map((n) => [n, () => `handled ${n}`])) as unknown as Handlers;
  const call = createIpcCallHandler(fake);
  const ours: IpcSender = { url: 'app://rcs/index.html', isMainFrame: true };

  it('answers the main frame of app://rcs', async () => {
    await expect(call(ours, 'app.info', {})).resolves.toEqual({ ok: true, value: 'handled app.info' });
    await expect(call({ url: 'app://rcs/', isMainFrame: true }, 'settings.get', undefined)).resolves.toMatchObject({
      ok: true,
    });
  });

  it.each([
    ['a sub-frame of our page', { url: 'app://rcs/index.html', isMainFrame: false }],
    ['a file:// page', { url: 'file:///work/main/out/renderer/index.html', isMainFrame: true }],
    ['a web page', { url: 'https://evil.example/', isMainFrame: true }],
    ['another app:// host', { url: 'app://evil/index.html', isMainFrame: true }],
    ['app:// with credentials', { url: 'app://user:pw@rcs/index.html', isMainFrame: true }],
    ['a destroyed frame', { url: undefined, isMainFrame: true }],
    ['a dev server', { url: 'http://localhost:5173/', isMainFrame: true }],
  ])('refuses %s', async (_label, sender: IpcSender) => {
    const reply = await call(sender, 'app.info', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('refuses unknown calls and invalid requests with a Reply', async () => {
    await expect(call(ours, 'fs.readFile', {})).resolves.toMatchObject({ ok: false, error: { code: 'notFound' } });
    await expect(call(ours, 42, {})).resolves.toMatchObject({ ok: false, error: { code: 'notFound' } });
    await expect(call(ours, 'document.open', { path: 7 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('recognises app URLs exactly', () => {
    expect(isAppUrl('app://rcs/assets/index.js')).toBe(true);
    expect(isAppUrl('app://rcs.evil/')).toBe(false);
    expect(isAppUrl('apps://rcs/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(null)).toBe(false);
  });
});

describe('the Electron window keeps its security settings', () => {
  const main = readFileSync(path.join(ROOT, 'src-main', 'app', 'main.ts'), 'utf8');
  it.each([
    'contextIsolation: true',
    'sandbox: true',
    'nodeIntegration: false',
    'webSecurity: true',
    'webviewTag: false',
    'app.enableSandbox()',
  ])('main.ts sets %s', (setting) => {
    expect(main).toContain(setting);
  });

  it('loads the renderer from app://, never file://', () => {
    expect(main).toContain('loadURL(APP_ENTRY_URL)');
    expect(main).not.toMatch(/loadFile\(|file:\/\//);
  });
});

describe('the Electron build of better-sqlite3', () => {
  it('is looked for where the installer puts it', async () => {
    const installer = (await import('../../src-main/install-electron.mjs')) as {
      electronBindingPath: (root: string, abi: string, platform?: string, arch?: string) => string;
    };
    expect(installer.electronBindingPath(ROOT, '140', 'linux', 'x64')).toBe(bindingPathTs(ROOT, '140', 'linux', 'x64'));
    expect(bindingPathTs(ROOT, '140', 'linux', 'x64')).toBe(
      path.join(ROOT, 'resources', 'native', 'electron-v140-linux-x64', 'better_sqlite3.node'),
    );
  });
});
