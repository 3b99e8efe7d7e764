/**
 * File types recognised by their magic bytes. The declared type and the file
 * name's extension are ignored: what the bytes say is what the file is.
 */
export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  ofd: 'application/ofd',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
} as const;

export type FileKind = keyof typeof MEDIA_TYPES;

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** What the bytes are, or undefined when no allowed kind matches. Zip containers are told apart by their entries' names. */
export function sniff(bytes: Uint8Array): FileKind | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, OLE)) return 'doc';
  if (startsWith(bytes, ZIP)) {
    const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 64 * 1024))).toString('latin1');
    if (head.includes('OFD.xml')) return 'ofd';
    if (head.includes('word/')) return 'docx';
    if (head.includes('xl/')) return 'xlsx';
  }
  return undefined;
}
