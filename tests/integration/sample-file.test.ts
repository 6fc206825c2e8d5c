import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src-main/db';
import { DocumentService } from '../../src-main/documents';
import { buildSample, SAMPLE_FILE } from '../../src-main/sample/build-sample';
import { sampleModel } from '../../src-main/sample/sample-model';
import { runChecks } from '../../src-shared/checks';
import { compute, resolveScenario } from '../../src-shared/engine';

const dir = mkdtempSync(join(tmpdir(), 'rcs-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resources/sample.rcs', () => {
  it('opens, and holds exactly sampleModel() (run `npm run build:sample` after changing the sample)', () => {
    const service = new DocumentService();
    try {
      const snapshot = service.open(SAMPLE_FILE, { readOnly: true });
      expect(snapshot.info.readOnly).toBe(true);
      // At the current schema: a first start must not migrate (and back up) the shipped sample.
      expect(snapshot.info.schemaVersion).toBe(MIGRATIONS.length);
      expect(snapshot.model).toEqual(sampleModel());
    } finally {
      service.close();
    }
  });

  it('is left byte-for-byte unchanged by opening it read-only', () => {
    const before = readFileSync(SAMPLE_FILE);
    const service = new DocumentService();
    service.open(SAMPLE_FILE, { readOnly: true });
    service.close();
    expect(readFileSync(SAMPLE_FILE).equals(before)).toBe(true);
  });

  it('a copy opens writable and computes the same totals, funders, metrics and checks as the source model', () => {
    const copy = join(dir, 'sample-copy.rcs');
    copyFileSync(SAMPLE_FILE, copy);
    const service = new DocumentService();
    try {
      const snapshot = service.open(copy);
      expect(snapshot.info.readOnly).toBe(false);
      const fromFile = compute(snapshot.model);
      const fromSource = compute(sampleModel());
      expect(fromFile.diagnostics).toEqual([]);
      expect(fromFile.totals).toEqual(fromSource.totals);
      expect(fromFile.byLevel).toEqual(fromSource.byLevel);
      expect(fromFile.byFunder).toEqual(fromSource.byFunder);
      expect(fromFile.metrics).toEqual(fromSource.metrics);
      expect(runChecks(snapshot.model, fromFile)).toEqual(runChecks(sampleModel(), fromSource));
    } finally {
      service.close();
    }
  });

  it('opens with its three scenarios and its ranges; each scenario resolves fully and computes as from the source', () => {
    const service = new DocumentService();
    try {
      const m = service.open(SAMPLE_FILE, { readOnly: true }).model;
      expect(m.scenarios.map((s) => s.name)).toEqual([
        '20 % fewer arrivals',
        'Main partner drops out',
        'Weaker CFA franc, higher inflation',
      ]);
      expect(m.ranges.length).toBeGreaterThan(0);
      const source = sampleModel();
      const base = compute(m);
      for (const s of m.scenarios) {
        const fromFile = resolveScenario(m, s.overlay);
        expect(fromFile.missing, s.name).toEqual([]);
        const r = compute(fromFile.model);
        const fromSource = compute(resolveScenario(source, source.scenarios[s.position]!.overlay).model);
        expect(r.totals, s.name).toEqual(fromSource.totals);
        expect(r.synergies.totals, s.name).toEqual(fromSource.synergies.totals);
        // Every scenario moves the total or the net cost.
        expect([r.totals.total, r.synergies.totals.net], s.name).not.toEqual([
          base.totals.total,
          base.synergies.totals.net,
        ]);
      }
    } finally {
      service.close();
    }
  });

  it('the builder writes a file that round-trips too', () => {
    const built = join(dir, 'built.rcs');
    buildSample(built);
    const service = new DocumentService();
    try {
      expect(service.open(built, { readOnly: true }).model).toEqual(sampleModel());
    } finally {
      service.close();
    }
  });
});
