import type { EChartsCoreOption } from 'echarts';

/**
 * Server-rendered charts (DESIGN §2: ECharts to SVG, `ssr: true`, no
 * animation). The SVG is inlined in the page, so it is made fit for the strict
 * CSP and for assistive technology: ECharts' `<style>` block (hover effects
 * only) and inline `style` attributes become nothing and presentation
 * attributes; ids get the chart's own prefix (two charts on a page must not
 * share a clip path); the `<svg>` gets `role="img"` and `aria-labelledby`. It
 * keeps its width, height and viewBox: the stylesheet's `svg { max-width: 100%;
 * height: auto }` scales it down on a 360 px screen. Every chart is shown next
 * to a table of the same figures.
 */

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11); the meaning is always in the legend text and the table too. */
export const COLOURS = { yellow: '#9a6700', red: '#c62828', green: '#2e7d32', paused: '#5c6770' } as const;

export interface BarChartInput {
  id: string;
  labelledBy: string;
  categories: string[];
  series: { name: string; colour: string; values: number[] }[];
}

export interface LineChartInput {
  id: string;
  labelledBy: string;
  categories: string[];
  series: { name: string; colour: string; values: number[] }[];
}

const FONT = { fontSize: 14, fontFamily: 'sans-serif', color: '#1f2328' };
/** Drawn 480 px wide, the size it shows at on wider screens; on a 360 px screen it scales to about two thirds, so its 14 px text stays legible. */
const WIDTH = 480;

/** Horizontal stacked bars, one row per category (departments), legend on top. */
export function barChartSvg(c: BarChartInput): Promise<string> {
  const height = Math.max(140, 70 + c.categories.length * 26);
  return render(c.id, c.labelledBy, WIDTH, height, {
    legend: { top: 4, textStyle: FONT },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: FONT },
    yAxis: { type: 'category', inverse: true, data: c.categories, axisLabel: { ...FONT, width: 130, overflow: 'truncate' } },
    series: c.series.map((s) => ({ name: s.name, type: 'bar', stack: 'signals', data: s.values, itemStyle: { color: s.colour }, barMaxWidth: 18 })),
  });
}

/** Lines over days, with round markers (a shape, not only a colour). */
export function lineChartSvg(c: LineChartInput): Promise<string> {
  return render(c.id, c.labelledBy, WIDTH, 280, {
    legend: { top: 4, textStyle: FONT },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: c.categories, axisLabel: { ...FONT, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: FONT },
    series: c.series.map((s, i) => ({
      name: s.name,
      type: 'line',
      data: s.values,
      symbol: i === 0 ? 'circle' : 'rect',
      symbolSize: 6,
      lineStyle: { color: s.colour, width: 2, type: i === 0 ? 'solid' : 'dashed' },
      itemStyle: { color: s.colour },
    })),
  });
}

/** ECharts (~45 MB) loads with the first chart: processes that never draw one never hold it. */
async function render(id: string, labelledBy: string, width: number, height: number, option: EChartsCoreOption): Promise<string> {
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    return fitForPage(chart.renderToSVGString(), id, labelledBy);
  } finally {
    chart.dispose();
  }
}

const esc = (v: string) => v.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The post-processing described at the top of this file. */
export function fitForPage(svg: string, id: string, labelledBy: string): string {
  const prefix = id.replace(/[^A-Za-z0-9_-]/g, '');
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, css: string) =>
      css
        .split(';')
        .map((d) => d.split(':').map((x) => x.trim()))
        .filter(([k, v]) => k && v && /^(font-size|font-family|font-weight|font-style)$/.test(k))
        .map(([k, v]) => ` ${k}="${esc(v!)}"`)
        .join(''),
    )
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/zr\d+-/g, `${prefix}-`)
    .replace(/<svg /, `<svg id="${prefix}" role="img" aria-labelledby="${esc(labelledBy)}" focusable="false" `);
}
