// Regenerates src/assets/tab/*.png (81×81 outline house / bell / person, grey and selected blue) without any image tool:
//   node config/make-tab-icons.cjs src/assets/tab
const { Buffer } = require('node:buffer');
const zlib = require('node:zlib');
const fs = require('node:fs');
const S = 81, SS = 4;
function crc32(buf) { let c, crc = 0xffffffff; for (let n = 0; n < buf.length; n++) { c = (crc ^ buf[n]) & 0xff; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; crc = (crc >>> 8) ^ c; } return (crc ^ 0xffffffff) >>> 0; }
function chunk(type, data) { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td)); return Buffer.concat([len, td, crc]); }
function png(cov, [r, g, b]) {
  const raw = Buffer.alloc((S * 4 + 1) * S);
  for (let y = 0; y < S; y++) { raw[y * (S * 4 + 1)] = 0; for (let x = 0; x < S; x++) { const o = y * (S * 4 + 1) + 1 + x * 4; raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = Math.round(255 * cov[y * S + x]); } }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(S, 0); ihdr.writeUInt32BE(S, 4); ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
function render(inside) {
  const cov = new Float32Array(S * S);
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) { let n = 0; for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) if (inside(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS)) n++; cov[y * S + x] = n / (SS * SS); }
  return cov;
}
const W = 6; // stroke width
function distSeg(px, py, ax, ay, bx, by) { const dx = bx - ax, dy = by - ay; const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy))); return Math.hypot(px - ax - t * dx, py - ay - t * dy); }
function poly(pts) { return (x, y) => pts.some((p, i) => i < pts.length - 1 && distSeg(x, y, p[0], p[1], pts[i + 1][0], pts[i + 1][1]) <= W / 2); }
const house = poly([[14, 38], [40.5, 14], [67, 38]]);
const body = poly([[22, 33], [22, 67], [59, 67], [59, 33]]);
const door = poly([[34, 67], [34, 50], [47, 50], [47, 67]]);
const houseShape = (x, y) => house(x, y) || body(x, y) || door(x, y);
const head = (x, y) => Math.abs(Math.hypot(x - 40.5, y - 27) - 12) <= W / 2;
const shoulders = (x, y) => { const d = Math.hypot(x - 40.5, y - 70); return y <= 70 && Math.abs(d - 26) <= W / 2; };
const base = (x, y) => y >= 67 && y <= 73 && x >= 14.5 && x <= 66.5;
const personShape = (x, y) => head(x, y) || shoulders(x, y) || base(x, y);
// 通知: a bell — dome, straight sides flaring onto a base line, a knob on top and the clapper below.
const dome = (x, y) => y <= 36 && Math.abs(Math.hypot(x - 40.5, y - 36) - 17) <= W / 2;
const sides = poly([[23.5, 36], [23.5, 49], [15, 58], [66, 58], [57.5, 49], [57.5, 36]]);
const knob = (x, y) => Math.hypot(x - 40.5, y - 14) <= 3.5;
const clapper = (x, y) => y >= 61 && Math.hypot(x - 40.5, y - 61) <= 7;
const bellShape = (x, y) => dome(x, y) || sides(x, y) || knob(x, y) || clapper(x, y);
const grey = [0x86, 0x90, 0x9c], blue = [0x1a, 0x5f, 0xd1];
const out = process.argv[2];
fs.writeFileSync(`${out}/home.png`, png(render(houseShape), grey));
fs.writeFileSync(`${out}/home-active.png`, png(render(houseShape), blue));
fs.writeFileSync(`${out}/notice.png`, png(render(bellShape), grey));
fs.writeFileSync(`${out}/notice-active.png`, png(render(bellShape), blue));
fs.writeFileSync(`${out}/mine.png`, png(render(personShape), grey));
fs.writeFileSync(`${out}/mine-active.png`, png(render(personShape), blue));
