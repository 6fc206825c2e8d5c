/**
 * Child process for lock.test.ts: opens the .rcs file given as argv[2] for writing, prints
 * "ready <readOnlyReason>", then exits when its stdin closes (or when killed).
 * Run with: node --import tsx tests/integration/lock-holder.ts <file>
 */
import { DocumentService } from '../../src-main/documents';

const file = process.argv[2];
if (!file) throw new Error('usage: lock-holder.ts <file.rcs>');
const docs = new DocumentService({ author: () => 'Child process' });
const snap = docs.open(file);
process.stdout.write(`ready ${snap.info.readOnlyReason ?? 'writable'}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  docs.close();
  process.exit(0);
});
