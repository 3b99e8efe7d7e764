#!/usr/bin/env node
// Extracts one face of a TrueType collection (.ttc) into a standalone .ttf (ADR 0020).
// A .ttc can't be embedded in a PDF as is; pdf-lib/fontkit want one sfnt font.
//
//   node scripts/extract-ttc.mjs [in.ttc] [out.ttf] [faceIndex]
//
// Defaults: /usr/share/fonts/truetype/wqy/wqy-microhei.ttc (Debian's fonts-wqy-microhei),
// assets/fonts/wqy-microhei.ttf, face 0. Plain Node, no dependencies.
//
// How: read the TTC header ('ttcf', version, numFonts, offsets[]), then the chosen face's
// offset table and table directory (offsets there are relative to the start of the .ttc).
// Write a new offset table, copy every table 4-byte aligned with zero padding, rewrite the
// offsets, recompute each table checksum and finally head.checkSumAdjustment
// (0xB1B0AFBA minus the checksum of the whole file).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const input = process.argv[2] ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const output = process.argv[3] ?? join(root, 'assets/fonts/wqy-microhei.ttf');
const faceIndex = Number(process.argv[4] ?? 0);

function fail(message) {
  console.error(`extract-ttc: ${message}`);
  process.exit(1);
}

/** The OpenType checksum: the sum of big-endian uint32 words, the last one zero-padded. */
function checksum(buf) {
  let sum = 0;
  const whole = buf.length - (buf.length % 4);
  for (let i = 0; i < whole; i += 4) sum = (sum + buf.readUInt32BE(i)) >>> 0;
  if (whole < buf.length) {
    const tail = Buffer.alloc(4);
    buf.copy(tail, 0, whole);
    sum = (sum + tail.readUInt32BE(0)) >>> 0;
  }
  return sum;
}

const align4 = (n) => (n + 3) & ~3;

function extractFace(ttc, index) {
  if (ttc.length < 12 || ttc.toString('latin1', 0, 4) !== 'ttcf') fail('not a TrueType collection (no "ttcf" tag)');
  const numFonts = ttc.readUInt32BE(8);
  if (!Number.isInteger(index) || index < 0 || index >= numFonts) fail(`face ${index} out of range (the collection has ${numFonts})`);
  if (12 + numFonts * 4 > ttc.length) fail('truncated TTC header');
  const faceOffset = ttc.readUInt32BE(12 + index * 4);
  if (faceOffset + 12 > ttc.length) fail('face offset beyond the end of the file');

  const sfntVersion = ttc.readUInt32BE(faceOffset);
  const numTables = ttc.readUInt16BE(faceOffset + 4);
  if (faceOffset + 12 + numTables * 16 > ttc.length) fail('truncated table directory');
  const tables = [];
  for (let i = 0; i < numTables; i++) {
    const rec = faceOffset + 12 + i * 16;
    const tag = ttc.toString('latin1', rec, rec + 4);
    const offset = ttc.readUInt32BE(rec + 8);
    const length = ttc.readUInt32BE(rec + 12);
    if (offset + length > ttc.length) fail(`table ${tag} lies beyond the end of the file`);
    tables.push({ tag, data: Buffer.from(ttc.subarray(offset, offset + length)) });
  }
  // The directory must be sorted by tag (byte order).
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));

  const head = tables.find((t) => t.tag === 'head');
  if (!head || head.data.length < 12) fail('the face has no head table');
  head.data.writeUInt32BE(0, 8); // checkSumAdjustment is computed over the finished file

  const headerSize = 12 + numTables * 16;
  let size = headerSize;
  for (const t of tables) size += align4(t.data.length);
  const out = Buffer.alloc(size); // zero-filled: the padding is zeros

  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  out.writeUInt32BE(sfntVersion, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);

  let offset = headerSize;
  tables.forEach((t, i) => {
    const rec = 12 + i * 16;
    out.write(t.tag, rec, 4, 'latin1');
    out.writeUInt32BE(checksum(t.data), rec + 4);
    out.writeUInt32BE(offset, rec + 8);
    out.writeUInt32BE(t.data.length, rec + 12);
    t.data.copy(out, offset);
    t.offset = offset;
    offset += align4(t.data.length);
  });

  const adjustment = (0xb1b0afba - checksum(out)) >>> 0;
  out.writeUInt32BE(adjustment, head.offset + 8);
  return { font: out, numFonts, numTables, tags: tables.map((t) => t.tag) };
}

const ttc = readFileSync(input);
const { font, numFonts, numTables, tags } = extractFace(ttc, faceIndex);
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, font);
console.log(`extract-ttc: face ${faceIndex} of ${numFonts} from ${input}: ${numTables} tables (${tags.join(' ')}), ${font.length} bytes -> ${output}`);
