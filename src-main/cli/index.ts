/**
 * `npm run cli -- <command> <file.rcs> [options]` (or `node out/main/cli.js ...` after a build).
 * See run.ts for the commands and exit codes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './run';
import { terminalSafe } from './terminal';

// Output piped into a program that stops reading early (`rcs compare … | head`): stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// The built CLI (out/main/cli.js) has the Monte-Carlo thread's script beside it; from the
// TypeScript source (npm run cli) there is none, and draws are computed in this thread.
const thread = path.join(import.meta.dirname, 'montecarlo-thread.js');

runCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  monteCarloThreads: fs.existsSync(thread) ? { script: thread } : null,
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    console.error(
      terminalSafe(`rcs stopped on an unexpected error: ${err instanceof Error ? err.message : String(err)}`),
    );
    process.exitCode = 1;
  });
