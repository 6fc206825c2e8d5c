/**
 * `npm run serve`: browser mode on purpose. Options: --port N (or $RCS_PORT; default 5178,
 * 0 = any free port).
 */
import { findAppRoot, parsePort, PRODUCT_NAME } from './transport/environment';
import { runBrowserMode } from './transport/browser-mode';

async function main(): Promise<void> {
  const appRoot = findAppRoot(import.meta.dirname);
  await runBrowserMode({
    appRoot,
    port: parsePort(process.argv.slice(2)),
    announce: (url) => `${PRODUCT_NAME} is running in browser mode: open ${url} in your browser (Ctrl+C stops it).`,
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
