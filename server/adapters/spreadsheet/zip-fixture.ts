/**
 * Hand-built zip archives for the file guard's tests: stored or deflated entries whose central directory
 * may claim sizes other than the real ones (the shape of a crafted zip bomb). Test support only.
 */
import { deflateRawSync } from 'node:zlib';

export interface FixtureEntry {
  name: string;
  data: Buffer;
  deflate?: boolean;
  /** What the central directory claims the entry unpacks to (default: the truth). */
  claimedSize?: number;
  /** Left out of the central directory (a local entry nobody's size check sees). */
  unlisted?: boolean;
  /** Bytes appended after the entry's data, inside what the directory counts as its compressed size. */
  trailing?: Buffer;
}

export function buildZip(entries: readonly FixtureEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = Buffer.concat([e.deflate ? deflateRawSync(e.data) : e.data, e.trailing ?? Buffer.alloc(0)]);
    const method = e.deflate ? 8 : 0;
    const size = e.claimedSize ?? e.data.byteLength;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.byteLength, 18);
    local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
    local.writeUInt16LE(name.byteLength, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(body.byteLength, 20);
    central.writeUInt32LE(Math.min(size, 0xffffffff), 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    if (!e.unlisted) centrals.push(central, name);
    offset += 30 + name.byteLength + body.byteLength;
  }
  const dir = Buffer.concat(centrals);
  const listed = entries.filter((e) => !e.unlisted).length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(listed, 8);
  end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(dir.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
