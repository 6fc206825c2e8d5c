/**
 * LibreOffice's headless Calc as the spreadsheet that checks the exported workbooks (issue 11).
 *
 * LibreOffice does not recalculate an XLSX on load by default: it shows the cached values. The
 * helper therefore runs it with a user profile of its own (`-env:UserInstallation`) whose
 * registrymodifications.xcu sets Calc's "recalculation on file load" for Excel 2007 and newer to
 * "Always" (org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode = 0); the export test proves it
 * recalculates by breaking cached values and changing a unit cost.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** soffice: $SOFFICE, else /usr/bin/soffice, else the first on PATH; null when there is none. */
export function findSoffice(): string | null {
  const candidates = [process.env.SOFFICE, '/usr/bin/soffice', '/usr/local/bin/soffice'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'soffice');
    if (dir && existsSync(p)) return p;
  }
  return null;
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** A fresh LibreOffice user profile that recalculates every formula of an XLSX it opens. */
export function recalcProfile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rcs-lo-profile-'));
  mkdirSync(path.join(dir, 'user'), { recursive: true });
  writeFileSync(path.join(dir, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  return dir;
}

/**
 * Opens each file in LibreOffice (one soffice process for all of them), recalculates it and saves
 * it again as XLSX into `outDir` (same base names). Throws with soffice's output when a file is
 * not written.
 */
export function recalculate(
  soffice: string,
  files: readonly string[],
  outDir: string,
  profile = recalcProfile(),
  timeoutMs = 180_000,
): string[] {
  mkdirSync(outDir, { recursive: true });
  let output = '';
  try {
    output = execFileSync(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        outDir,
        ...files,
      ],
      { timeout: timeoutMs, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (err) {
    throw new Error(`LibreOffice did not finish converting ${files.length} file(s): ${String(err)}`);
  }
  const out = files.map((f) => path.join(outDir, path.basename(f)));
  const missing = out.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(`LibreOffice wrote no ${missing.join(', ')}. Its output:\n${output}`);
  }
  return out;
}
