/**
 * The page count of an uploaded PDF, for upload checks and the submission copy.
 * Never throws: anything that is not a readable PDF gives undefined. An encrypted PDF is
 * read without decrypting (the page tree is not encrypted), so its count is known when
 * its structure can be parsed at all.
 */

const HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

function hasHeader(bytes: Uint8Array): boolean {
  // PDF readers accept the header anywhere in the first 1024 bytes.
  const end = Math.min(bytes.length - HEADER.length, 1024);
  outer: for (let i = 0; i <= end; i++) {
    for (let k = 0; k < HEADER.length; k++) if (bytes[i + k] !== HEADER[k]) continue outer;
    return true;
  }
  return false;
}

export async function pdfPageCount(bytes: Uint8Array): Promise<number | undefined> {
  if (!(bytes instanceof Uint8Array) || bytes.length < 16 || !hasHeader(bytes)) return undefined;
  try {
    // Loaded on first use, like the rest of pdf-lib (see index.ts).
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    const count = doc.getPageCount();
    return Number.isInteger(count) && count > 0 ? count : undefined;
  } catch {
    return undefined;
  }
}
