/**
 * Reads a generated PDF back the way a viewer does, for the tests: the fonts, the
 * ToUnicode map (inflated with node:zlib) and the text of each page (the hex strings of
 * the `Tj` operators mapped through ToUnicode).
 */
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';

export interface Inspected {
  doc: PDFDocument;
  fonts: Array<{ baseFont: string; subtype: string; fontFileCompressed: number; fontFileBytes: Uint8Array; toUnicode: Map<string, string> }>;
  /** Each page's text, one drawn string per line. */
  pages: string[];
}

function streamBytes(obj: PDFObject | undefined): Uint8Array {
  if (!(obj instanceof PDFRawStream)) throw new Error('not a stream');
  const filter = obj.dict.get(PDFName.of('Filter'));
  return filter === undefined ? obj.contents : new Uint8Array(inflateSync(obj.contents));
}

function parseToUnicode(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [, code, hex] of text.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>/g)) {
    const units: number[] = [];
    for (let i = 0; i < hex!.length; i += 4) units.push(parseInt(hex!.slice(i, i + 4), 16));
    map.set(code!.toLowerCase(), String.fromCharCode(...units));
  }
  return map;
}

export async function inspectPdf(bytes: Uint8Array): Promise<Inspected> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  const fonts: Inspected['fonts'] = [];
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Subtype'))?.toString() !== '/Type0') continue;
    const descendants = ctx.lookup(obj.get(PDFName.of('DescendantFonts')), PDFArray);
    const cid = ctx.lookup(descendants.get(0), PDFDict);
    const descriptor = ctx.lookup(cid.get(PDFName.of('FontDescriptor')), PDFDict);
    const file = ctx.lookup(descriptor.get(PDFName.of('FontFile2')));
    const toUnicode = new TextDecoder().decode(streamBytes(ctx.lookup(obj.get(PDFName.of('ToUnicode')))));
    fonts.push({
      baseFont: obj.get(PDFName.of('BaseFont'))!.toString().slice(1),
      subtype: cid.get(PDFName.of('Subtype'))!.toString().slice(1),
      fontFileCompressed: file instanceof PDFRawStream ? file.contents.length : -1,
      fontFileBytes: streamBytes(file),
      toUnicode: parseToUnicode(toUnicode),
    });
  }
  const cmap = new Map<string, string>();
  for (const f of fonts) for (const [k, v] of f.toUnicode) cmap.set(k, v);
  const pages = doc.getPages().map((page) => {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs: PDFObject[] = contents instanceof PDFArray ? contents.asArray() : contents instanceof PDFRef ? [contents] : [];
    const ops = refs.map((ref) => new TextDecoder('latin1').decode(streamBytes(ctx.lookup(ref)))).join('\n');
    const lines: string[] = [];
    for (const [, hex] of ops.matchAll(/<([0-9a-fA-F]*)>\s*Tj/g)) {
      let line = '';
      for (let i = 0; i < hex!.length; i += 4) line += cmap.get(hex!.slice(i, i + 4).toLowerCase()) ?? '\uFFFD';
      lines.push(line);
    }
    return lines.join('\n');
  });
  return { doc, fonts, pages };
}

/** All the string values in a data object (deep), for coverage checks. */
export function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object' && !(value instanceof Date)) for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

/**
 * A minimal PDF with an /Encrypt dictionary in its trailer (RC4, arbitrary keys) and two
 * pages: what an upload of a password-protected PDF looks like structurally.
 */
export function encryptedPdf(): Uint8Array {
  const hex32 = 'ab'.repeat(32);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex32}> /U <${hex32}> /P -44 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
