/**
 * A look inside an XLSX (a zip) before any spreadsheet library opens it: its central directory is
 * read here, byte by byte, and every entry is inflated here with a cap on its output, so a zip bomb
 * (an entry that expands to gigabytes, or one that says it is small and is not) is refused before
 * exceljs would expand it in memory.
 *
 * Decisions:
 * - At most MAX_ENTRIES entries; at most MAX_UNZIPPED bytes in all once expanded; no entry above
 *   1 MB that expands more than MAX_RATIO times (spreadsheets' XML expands 5 to 30 times; a bomb
 *   thousands of times).
 * - Each entry is inflated with `maxOutputLength` set to the size the directory declares: an entry
 *   that expands to more is a lie, and the file is refused as a bomb; to less, as damaged.
 * - Zip64, encryption and compression methods other than stored and deflate are refused: no
 *   spreadsheet of at most 20 MB needs them.
 */
import zlib from 'node:zlib';

export const MAX_ENTRIES = 1000;
export const MAX_UNZIPPED = 100 * 1024 * 1024;
export const MAX_RATIO = 200;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export type ZipProblem = 'damaged' | 'bomb' | 'unsupported';

export class ZipRefusal extends Error {
  constructor(
    readonly problem: ZipProblem,
    detail: string,
  ) {
    super(detail);
    this.name = 'ZipRefusal';
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The entries of the central directory, after the limits above (sizes as declared). */
export function zipEntries(buf: Buffer): ZipEntry[] {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefusal('damaged', 'no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new ZipRefusal('unsupported', 'zip64');
  }
  if (count > MAX_ENTRIES) throw new ZipRefusal('bomb', `${count} entries`);
  if (cdOffset + cdSize > eocd) throw new ZipRefusal('damaged', 'central directory out of bounds');
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipRefusal('damaged', 'bad central entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLength > buf.length) throw new ZipRefusal('damaged', 'entry name out of bounds');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      throw new ZipRefusal('unsupported', 'zip64 entry');
    }
    if (flags & 0x1) throw new ZipRefusal('unsupported', 'encrypted entry');
    if (method !== 0 && method !== 8) throw new ZipRefusal('unsupported', `compression method ${method}`);
    total += size;
    if (total > MAX_UNZIPPED)
      throw new ZipRefusal('bomb', `more than ${MAX_UNZIPPED / (1024 * 1024)} MB once expanded`);
    if (size > 1024 * 1024 && size > MAX_RATIO * Math.max(1, compressedSize)) {
      throw new ZipRefusal('bomb', `${name} expands ${Math.round(size / Math.max(1, compressedSize))} times`);
    }
    entries.push({ name, method, flags, compressedSize, size, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's bytes, expanded, never beyond the size the directory declares. */
export function inflateEntry(buf: Buffer, entry: ZipEntry): Buffer {
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw new ZipRefusal('damaged', 'bad local header');
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipRefusal('damaged', 'entry data out of bounds');
  const data = buf.subarray(start, end);
  let out: Buffer;
  if (entry.method === 0) out = Buffer.from(data);
  else {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    } catch (err) {
      if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ZipRefusal('bomb', `${entry.name} expands beyond its declared size`);
      }
      throw new ZipRefusal('damaged', `${entry.name} cannot be expanded`);
    }
  }
  if (out.length !== entry.size) throw new ZipRefusal('damaged', `${entry.name} is not the size it declares`);
  return out;
}
