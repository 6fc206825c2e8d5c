/**
 * Ids are made by whoever creates the row (the renderer, the CLI, a test), never by main, so a new
 * row has its final id from the first frame on screen and nothing has to be remapped when main
 * answers. UUIDv7 (RFC 9562): 48 bits of Unix time in milliseconds, then 74 random bits, so ids
 * sort by creation time and two clients cannot realistically collide (main still refuses an id
 * that is taken: 'id.taken').
 */

interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/** Web Crypto: in the browser, in Electron's renderer and in Node 20 alike. */
function webCrypto(): RandomSource {
  const c = (globalThis as { crypto?: RandomSource }).crypto;
  if (!c) throw new Error('No Web Crypto random source in this environment.');
  return c;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A new UUIDv7, e.g. "0193a5b2-7c1e-7d3f-9a4b-1c2d3e4f5a6b". `now` and `random` are for tests. */
export function newId(now: number = Date.now(), random: RandomSource = webCrypto()): string {
  const b = random.getRandomValues(new Uint8Array(16));
  let ms = Math.max(0, Math.floor(now));
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = 0x70 | ((b[6] as number) & 0x0f); // version 7
  b[8] = 0x80 | ((b[8] as number) & 0x3f); // variant 10
  const h = Array.from(b, (x) => HEX[x] as string).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
