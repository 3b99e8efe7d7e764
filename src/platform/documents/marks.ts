/**
 * The two marks of a document: the QR code of its verification address, drawn as vector
 * squares from qrcode's module matrix, and the seal block — the issuing department's name
 * and the date, under a red circle with the name on its arc, a star and the seal text.
 * The seal is a drawing, not an electronic signature.
 */
import QRCode from 'qrcode';
import { degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export interface SealSpec {
  /** The issuing department; written as the signature line and around the seal. */
  department: string;
  /** The seal's own text under the star, e.g. 行政审批专用章; may be empty. */
  sealText?: string;
  /** The date line under the department's name. */
  date: string;
}

interface Measure {
  width(text: string, size: number): number;
  wrap(text: string, maxWidth: number, size: number): string[];
}

const RED = rgb(0.82, 0.08, 0.08);
const INK = rgb(0.1, 0.1, 0.1);

/**
 * Draws the QR code of `text` with its top-left corner at (x, top), `side` points wide.
 * Returns false (and draws nothing) when the text does not fit in a QR code.
 */
export function drawQr(page: PDFPage, text: string, x: number, top: number, side: number): boolean {
  let matrix: { size: number; get(row: number, col: number): number | boolean };
  try {
    matrix = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  } catch {
    return false;
  }
  const n = matrix.size;
  let path = '';
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!matrix.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && matrix.get(r, c)) c++;
      path += `M${start} ${r}h${c - start}v1h${start - c}z`;
    }
  }
  page.drawSvgPath(path, { x, y: top, scale: side / n, color: rgb(0, 0, 0) });
  return true;
}

/** A five-pointed star path centred on the origin (SVG coordinates, y down). */
function starPath(radius: number): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? radius : radius * 0.38;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push(`${(r * Math.cos(a)).toFixed(2)} ${(r * Math.sin(a)).toFixed(2)}`);
  }
  return `M${points.join('L')}Z`;
}

/**
 * The signature block, right-aligned at `at.right` with its top at `at.top`: the
 * department's name and the date, centred, and the seal pressed over them.
 */
export function drawSeal(page: PDFPage, font: PDFFont, m: Measure, spec: SealSpec, at: { right: number; top: number }): void {
  const blockWidth = 220;
  const cx = at.right - blockWidth / 2;
  const cy = at.top - 62;
  const R = 46;

  // The signature lines: department name (wrapped, up to 3 lines) and the date, the date
  // in the lower half of the seal (GB/T 9704: the seal presses on the signature and date).
  const size = 11;
  const names = m.wrap(spec.department, blockWidth, size).slice(0, 3);
  const lines = [...names, spec.date];
  let y = cy - 21 + (lines.length - 1) * 16;
  for (const line of lines) {
    page.drawText(line, { x: cx - m.width(line, size) / 2, y, size, font, color: INK });
    y -= 16;
  }

  // The seal, drawn over the signature as a pressed seal is.
  const opacity = 0.85;
  page.drawCircle({ x: cx, y: cy, size: R, borderColor: RED, borderWidth: 2.2, borderOpacity: opacity });
  page.drawSvgPath(starPath(9), { x: cx, y: cy + 12, color: RED, opacity });

  const name = spec.department.replace(/\s+/g, ' ').trim().slice(0, 30);
  if (name) {
    const span = (250 * Math.PI) / 180;
    const unit = Math.max(m.width(name, 1), 0.01);
    let fontSize = 12;
    let radius = R - 4 - fontSize * 0.9;
    fontSize = Math.max(5, Math.min(12, (radius * span) / unit / 1.08));
    radius = R - 4 - fontSize * 0.9;
    const used = unit * fontSize;
    const extra = Math.max(0, radius * span - used) / Math.max(1, [...name].length);
    const start = Math.PI / 2 + span / 2; // the arc runs clockwise over the top
    let s = extra / 2;
    for (const ch of name) {
      const w = m.width(ch, fontSize);
      const theta = start - (s + w / 2) / radius;
      s += w + extra;
      // Up points outward; the baseline runs along the tangent.
      const ux = Math.cos(theta);
      const uy = Math.sin(theta);
      const tx = Math.sin(theta);
      const ty = -Math.cos(theta);
      const px = cx + radius * ux - tx * (w / 2) - ux * fontSize * 0.38;
      const py = cy + radius * uy - ty * (w / 2) - uy * fontSize * 0.38;
      page.drawText(ch, { x: px, y: py, size: fontSize, font, color: RED, opacity, rotate: degrees((theta * 180) / Math.PI - 90) });
    }
  }

  const text = (spec.sealText ?? '').replace(/\s+/g, ' ').trim();
  if (text) {
    const maxWidth = R * 1.2;
    const textSize = Math.max(4, Math.min(7.5, maxWidth / Math.max(m.width(text, 1), 0.01)));
    page.drawText(text, { x: cx - m.width(text, textSize) / 2, y: cy - 33, size: textSize, font, color: RED, opacity });
  }
}
