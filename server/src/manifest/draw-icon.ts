import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function computeCrc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function encodeChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(computeCrc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** Encodes 8-bit RGBA pixels (row-major) as a PNG (filter 0 on every row). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    encodeChunk('IHDR', header),
    encodeChunk('IDAT', deflateSync(raw)),
    encodeChunk('IEND', Buffer.alloc(0)),
  ]);
}

type Rgb = readonly [number, number, number];
const BRAND: Rgb = [15, 108, 189];
const WHITE: Rgb = [255, 255, 255];

/** Share of a pixel covered by a shape, sampled 4×4 so small sizes stay smooth. */
function measureCoverage(x: number, y: number, inside: (px: number, py: number) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++;
  return hits / 16;
}

/** The Tandem mark: two linked rings on a rounded blue square. */
export function drawTandemIcon(size: number): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const radius = size * 0.2;
  const inSquare = (px: number, py: number): boolean => {
    const dx = Math.max(radius - px, 0, px - (size - radius));
    const dy = Math.max(radius - py, 0, py - (size - radius));
    return dx * dx + dy * dy <= radius * radius;
  };
  const ring = (cx: number) => (px: number, py: number): boolean => {
    const d = Math.hypot(px - cx, py - size / 2);
    return d <= size * 0.24 && d >= size * 0.24 - Math.max(1.2, size * 0.08);
  };
  const left = ring(size * 0.38);
  const right = ring(size * 0.62);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = measureCoverage(x, y, inSquare);
      const mark = measureCoverage(x, y, (px, py) => left(px, py) || right(px, py));
      const colour = BRAND.map((c, i) => Math.round(c * (1 - mark) + (WHITE[i] ?? 255) * mark));
      rgba.set([...colour, Math.round(alpha * 255)], (y * size + x) * 4);
    }
  }
  return encodePng(size, size, rgba);
}
