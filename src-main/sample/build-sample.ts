/**
 * npm run build:sample — (re)builds resources/sample.rcs from sampleModel().
 *
 * The .rcs file is committed so that the app can open it on first start without building it; the
 * integration test tests/integration/sample-file.test.ts fails if the committed file and
 * sampleModel() ever disagree, so run this after every change to sample-model.ts.
 */
import { fileURLToPath } from 'node:url';
import { writeModelToFile } from '../documents/write-model';
import { sampleModel } from './sample-model';

export const SAMPLE_FILE = fileURLToPath(new URL('../../resources/sample.rcs', import.meta.url));

export function buildSample(path: string = SAMPLE_FILE): void {
  writeModelToFile(path, sampleModel(), { overwrite: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildSample();
  const m = sampleModel();
  console.log(
    `wrote ${SAMPLE_FILE}: "${m.programme.title}", ${m.lines.length} lines, ${m.profiles.length} profiles, ` +
      `${1 + m.currencies.length} currencies, ${m.funders.length} funding sources, ${m.scenarios.length} scenarios, ` +
      `${m.ranges.length} uncertainty ranges`,
  );
}
