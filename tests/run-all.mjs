#!/usr/bin/env node
// Runs every test suite (unit + integration with vitest, end-to-end with Playwright) and ends
// with one line over all suites: "N passed, N failed, N skipped". Exit code 1 if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const out = 'test-results';
mkdirSync(out, { recursive: true });
const only = process.argv[2]; // optional: "vitest" or "e2e"

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

if (!only || only === 'vitest') {
  rmSync(`${out}/vitest.json`, { force: true });
  const code = run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}/vitest.json`,
  ]);
  if (existsSync(`${out}/vitest.json`)) {
    const j = JSON.parse(readFileSync(`${out}/vitest.json`, 'utf8'));
    totals.passed += j.numPassedTests ?? 0;
    totals.failed += j.numFailedTests ?? 0;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    if (code !== 0 && (j.numFailedTests ?? 0) === 0) broken = true; // e.g. a suite failed to load
  } else {
    broken = true;
  }
}

if (!only || only === 'e2e') {
  rmSync(`${out}/e2e.json`, { force: true });
  const code = run('npx', ['playwright', 'test']);
  if (existsSync(`${out}/e2e.json`)) {
    const j = JSON.parse(readFileSync(`${out}/e2e.json`, 'utf8'));
    const s = j.stats ?? {};
    totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
    totals.failed += s.unexpected ?? 0;
    totals.skipped += s.skipped ?? 0;
    if (code !== 0 && (s.unexpected ?? 0) === 0) broken = true;
  } else {
    broken = true;
  }
}

if (broken) totals.failed += 1; // a suite that could not run counts as a failure, never as silence
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
