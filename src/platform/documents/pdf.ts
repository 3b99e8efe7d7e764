/**
 * A small layout engine over pdf-lib for official documents (ADR 0020): A4 pages with
 * margins, a header with the document number, a footer "第 x 页 共 y 页" / "Page x of y",
 * a title and subtitle, paragraphs and numbered lists with Chinese line breaking, a
 * key–value table and a multi-column table whose rows continue on the next page, and a
 * closing block with a QR code and a seal. Every text goes through `cleanText` and is
 * capped, so hostile or huge input gives more pages, never an exception.
 */
import { randomInt } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, TextRenderingMode, rgb, setLineWidth, setStrokingColor, setTextRenderingMode, type Color, type PDFFont, type PDFPage } from 'pdf-lib';
import { documentFont, type FontData } from './font.js';
import { drawQr, drawSeal, type SealSpec } from './marks.js';
import { cleanText, textWidth, wrapText } from './text.js';

export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = { left: 62, right: 62, top: 78, bottom: 66 } as const;
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
/** The lowest point a closing block may reach: the footer's baseline is at 34. */
const FOOTER_CLEARANCE = 48;

/** One text (a paragraph, a cell) keeps at most this many characters. */
export const MAX_TEXT_CHARS = 20_000;
/** The whole document draws at most this many characters; beyond it texts are cut. */
export const MAX_DOCUMENT_CHARS = 250_000;
/** A table shows at most this many rows, then says how many were left out. */
export const MAX_TABLE_ROWS = 2_000;
const MAX_CELL_CHARS = 4_000;

export const BLACK = rgb(0.1, 0.1, 0.1);
export const GREY = rgb(0.38, 0.38, 0.38);
const RULE = rgb(0.62, 0.62, 0.62);
const SHADE = rgb(0.93, 0.93, 0.93);

export interface ComposerOptions {
  /** The document title, also written into the PDF metadata. */
  title: string;
  /** BCP 47 language of the document (`zh-CN`, `en`), for the metadata. */
  language: string;
  /** Drawn at the top right of every page, e.g. "文书编号：青审受〔2026〕1号". */
  header: string;
  /** The footer of page `page` of `total`. */
  footer: (page: number, total: number) => string;
  /** Appended where a text was cut. */
  truncatedNote: string;
  /** Said under a table that had more than MAX_TABLE_ROWS rows. */
  rowsOmitted: (count: number) => string;
}

export interface Column {
  label: string;
  /** Relative width; the columns share the content width in proportion. */
  width: number;
}

export interface ClosingSpec {
  qr?: { url: string; caption: string; note: string };
  seal?: SealSpec;
}

/** A random six-letter subset tag (PDF 32000-1 §9.6.4): `ABCDEF+FontName`. */
function subsetTag(): string {
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + randomInt(26));
  return tag;
}

export class PdfComposer {
  private page!: PDFPage;
  /** The top of the space still free on the current page. */
  private y = 0;
  private budget = MAX_DOCUMENT_CHARS;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly data: FontData,
    private readonly opts: ComposerOptions,
  ) {
    this.addPage();
  }

  static async create(opts: ComposerOptions): Promise<PdfComposer> {
    const data = await documentFont();
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(data.bytes, { subset: true, customName: `${subsetTag()}+WenQuanYiMicroHei` });
    return new PdfComposer(doc, font, data, opts);
  }

  /** Cleans and caps a text against the document's character budget. */
  clean(input: unknown, max = MAX_TEXT_CHARS): string {
    const { text, truncated } = cleanText(input, Math.min(max, this.budget), (cp) => this.data.has(cp));
    this.budget = Math.max(0, this.budget - text.length);
    if (!truncated) return text;
    return text + (text.endsWith('\n') || text === '' ? '' : ' ') + cleanText(this.opts.truncatedNote, 200, (cp) => this.data.has(cp)).text;
  }

  private advance = (cp: number): number => this.data.advance(cp);

  width(text: string, size: number): number {
    return textWidth(text, size, this.advance);
  }

  wrap(text: string, maxWidth: number, size: number): string[] {
    return wrapText(text, maxWidth, size, this.advance);
  }

  private addPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN.top;
    const header = cleanText(this.opts.header, 120, (cp) => this.data.has(cp)).text.replace(/\n/g, ' ');
    const size = 8.5;
    const lines = this.wrap(header, CONTENT_WIDTH, size).slice(0, 2);
    lines.forEach((line, i) => {
      this.page.drawText(line, { x: A4.width - MARGIN.right - this.width(line, size), y: A4.height - 40 - i * 11, size, font: this.font, color: GREY });
    });
    const ruleY = A4.height - 46 - (lines.length - 1) * 11;
    this.page.drawLine({ start: { x: MARGIN.left, y: ruleY }, end: { x: A4.width - MARGIN.right, y: ruleY }, thickness: 0.5, color: RULE });
  }

  /** Starts a new page unless `height` points still fit on this one. */
  private ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.addPage();
  }

  /** Draws one line whose line box starts at the cursor; `x` is the left edge. */
  private line(text: string, x: number, size: number, lineHeight: number, color: Color, bold = false, move = true): void {
    const baseline = this.y - (lineHeight - (this.data.ascent - this.data.descent) * size) / 2 - this.data.ascent * size;
    if (text !== '') {
      if (bold) this.page.pushOperators(setTextRenderingMode(TextRenderingMode.FillAndOutline), setLineWidth(size * 0.035), setStrokingColor(color));
      this.page.drawText(text, { x, y: baseline, size, font: this.font, color });
      if (bold) this.page.pushOperators(setTextRenderingMode(TextRenderingMode.Fill));
    }
    if (move) this.y -= lineHeight;
  }

  space(points: number): this {
    this.y -= points;
    if (this.y < MARGIN.bottom) this.addPage();
    return this;
  }

  /** Centred lines of text (title, subtitle). */
  centered(input: unknown, size: number, opts: { bold?: boolean; color?: Color; max?: number } = {}): this {
    const lh = size * 1.45;
    for (const line of this.wrap(this.clean(input, opts.max ?? 300), CONTENT_WIDTH, size)) {
      this.ensure(lh);
      this.line(line, MARGIN.left + (CONTENT_WIDTH - this.width(line, size)) / 2, size, lh, opts.color ?? BLACK, opts.bold);
    }
    return this;
  }

  title(text: string): this {
    return this.centered(text, 20, { bold: true }).space(4);
  }

  subtitle(text: string): this {
    return this.centered(text, 10.5, { color: GREY }).space(10);
  }

  /** A short bold heading before a section. */
  heading(input: unknown): this {
    const size = 12;
    const lh = size * 1.6;
    this.space(4).ensure(lh * 2);
    for (const line of this.wrap(this.clean(input, 300), CONTENT_WIDTH, size)) {
      this.ensure(lh);
      this.line(line, MARGIN.left, size, lh, BLACK, true);
    }
    return this;
  }

  /**
   * A paragraph; `indent` indents its first line by two characters (Chinese style),
   * `hanging` draws `hanging` before the first line and indents the rest below it.
   */
  paragraph(input: unknown, opts: { size?: number; indent?: boolean; hanging?: string; color?: Color; align?: 'left' | 'right' } = {}): this {
    const size = opts.size ?? 11;
    const lh = size * 1.7;
    const text = this.clean(input);
    const lead = opts.hanging ?? '';
    const leadWidth = lead ? this.width(lead, size) : 0;
    // Chinese paragraphs indent their first line by two characters; English ones do not.
    const first = opts.indent && this.opts.language !== 'en' ? '\u3000\u3000' : '';
    const lines = this.wrap(first + text, CONTENT_WIDTH - leadWidth, size);
    lines.forEach((line, i) => {
      this.ensure(lh);
      if (i === 0 && lead) this.line(lead, MARGIN.left, size, lh, opts.color ?? BLACK, false, false);
      const x = opts.align === 'right' ? A4.width - MARGIN.right - this.width(line, size) : MARGIN.left + leadWidth;
      this.line(line, x, size, lh, opts.color ?? BLACK);
    });
    return this.space(size * 0.4);
  }

  /** Numbered items, each a paragraph with a hanging number. */
  list(items: readonly unknown[], opts: { size?: number } = {}): this {
    items.slice(0, MAX_TABLE_ROWS).forEach((item, i) => this.paragraph(item, { size: opts.size, hanging: `${i + 1}. ` }));
    if (items.length > MAX_TABLE_ROWS) this.paragraph(this.opts.rowsOmitted(items.length - MAX_TABLE_ROWS), { color: GREY });
    return this;
  }

  /** Label–value rows in two columns, labels shaded. */
  keyValue(rows: ReadonlyArray<readonly [string, unknown]>): this {
    return this.grid([{ label: '', width: 3 }, { label: '', width: 7 }], rows.map(([k, v]) => [k, v]), { header: false, shadeFirst: true });
  }

  /** A table with a header row, repeated on every page it continues on. */
  table(columns: readonly Column[], rows: ReadonlyArray<readonly unknown[]>): this {
    return this.grid(columns, rows, { header: true, shadeFirst: false });
  }

  private grid(columns: readonly Column[], rows: ReadonlyArray<readonly unknown[]>, opts: { header: boolean; shadeFirst: boolean }): this {
    const size = 10;
    const lh = 15;
    const pad = 4;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (CONTENT_WIDTH * c.width) / total);
    const wrapCells = (cells: readonly unknown[], max: number) =>
      widths.map((w, i) => this.wrap(this.clean(cells[i], max), w - 2 * pad, size));
    const headerLines = opts.header ? wrapCells(columns.map((c) => c.label), 200) : undefined;
    const drawChunk = (cells: string[][], from: number, count: number, shadeAll: boolean) => {
      const height = count * lh + 2 * pad;
      let x = MARGIN.left;
      cells.forEach((lines, i) => {
        const w = widths[i]!;
        const shaded = shadeAll || (opts.shadeFirst && i === 0);
        this.page.drawRectangle({ x, y: this.y - height, width: w, height, borderColor: RULE, borderWidth: 0.5, ...(shaded ? { color: SHADE } : {}) });
        const top = this.y;
        this.y -= pad;
        for (let k = from; k < from + count; k++) this.line(lines[k] ?? '', x + pad, size, lh, BLACK);
        this.y = top;
        x += w;
      });
      this.y -= height;
    };
    const drawHeader = () => {
      if (!headerLines) return;
      const n = Math.max(1, ...headerLines.map((l) => l.length));
      drawChunk(headerLines, 0, Math.min(n, 6), true);
    };
    this.ensure(lh * 3 + 4 * pad);
    drawHeader();
    const shown = rows.slice(0, MAX_TABLE_ROWS);
    for (const row of shown) {
      const cells = wrapCells(row, MAX_CELL_CHARS);
      const n = Math.max(1, ...cells.map((l) => l.length));
      let from = 0;
      while (from < n) {
        const fit = Math.floor((this.y - MARGIN.bottom - 2 * pad) / lh);
        const left = n - from;
        // Start a new page when nothing fits, or when only one line of a longer row would.
        if (fit < 1 || (fit < left && fit < 2)) {
          this.addPage();
          drawHeader();
          continue;
        }
        const count = Math.min(fit, left);
        drawChunk(cells, from, count, false);
        from += count;
      }
    }
    if (rows.length > shown.length) this.space(2).paragraph(this.opts.rowsOmitted(rows.length - shown.length), { size: 9, color: GREY });
    return this.space(10);
  }

  /** The QR code (left) and the seal block (right), kept together on one page. */
  closing(spec: ClosingSpec): this {
    const height = 112; // the QR code with its caption (99), or the seal (radius 46, 16 below the top)
    // The block may reach into the bottom margin down to just above the footer, rather than
    // leave the seal alone on a new page (GB/T 9704 tightens the layout instead).
    this.space(8);
    if (this.y - height < FOOTER_CLEARANCE) this.addPage();
    const top = this.y;
    if (spec.qr) {
      const side = 84;
      const drawn = drawQr(this.page, spec.qr.url, MARGIN.left, top, side);
      const size = 8;
      const lh = 11;
      if (drawn) {
        this.y = top - side - 4;
        this.line(this.clean(spec.qr.caption, 40), MARGIN.left + (side - this.width(this.clean(spec.qr.caption, 40), size)) / 2, size, lh, GREY);
      }
      const noteX = MARGIN.left + (drawn ? side + 10 : 0);
      const noteWidth = 170;
      this.y = top - 6;
      const note = `${this.clean(spec.qr.note, 200)}\n${this.clean(spec.qr.url, 400)}`;
      for (const line of this.wrap(note, noteWidth, size).slice(0, 10)) this.line(line, noteX, size, lh, GREY);
    }
    if (spec.seal) {
      drawSeal(this.page, this.font, this, {
        department: this.clean(spec.seal.department, 60).replace(/\n/g, ' '),
        sealText: this.clean(spec.seal.sealText ?? '', 30).replace(/\n/g, ' '),
        date: this.clean(spec.seal.date, 60).replace(/\n/g, ' '),
      }, { right: A4.width - MARGIN.right, top });
    }
    this.y = top - height;
    return this;
  }

  /** Draws the page numbers, writes the metadata and returns the PDF bytes. */
  async finish(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    const size = 9;
    pages.forEach((page, i) => {
      const text = this.opts.footer(i + 1, pages.length);
      page.drawText(text, { x: (A4.width - this.width(text, size)) / 2, y: 34, size, font: this.font, color: GREY });
    });
    this.doc.setTitle(cleanText(this.opts.title, 200, () => true).text.replace(/\n/g, ' '), { showInWindowTitleBar: true });
    this.doc.setLanguage(this.opts.language);
    this.doc.setCreator('OneWindow');
    this.doc.setProducer('OneWindow (pdf-lib)');
    return this.doc.save({ useObjectStreams: true });
  }
}
