// ECharts helpers (ECharts itself is /vendor/echarts.min.js, a classic script loaded by
// loadEcharts() once the page's first requests are out).
// Every chart: a <figure data-testid> with an aria-label summary on the chart and a
// data table (the exact figures it shows) that tests and screen readers can read.
import { h } from './dom.js';

export const ACCENT = '#1f5fbf';
// Calm categorical palette, the accent first.
export const PALETTE = ['#1f5fbf', '#6aa2e8', '#2f8f83', '#98c7b8', '#b9770e', '#e5c07b', '#8e5ea2', '#c9a7d8', '#7a8899', '#c3ccd6'];
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
const TEXT = '#334155';
const GRID = '#e5e9f0';

let live = [];
let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => live.forEach((c) => !c.isDisposed() && c.resize()), 150);
});

/** Disposes every chart of the previous view. */
export function disposeAll() {
  live.forEach((c) => !c.isDisposed() && c.dispose());
  live = [];
}

/**
 * A chart card. Returns {el, chart, table} where `chart` is the ECharts container.
 * table: {caption, columns: [..], rows: [[..]]} — the figures shown, already formatted.
 */
export function figure({ testid, title, subtitle, height = 300, wide = false }) {
  const chart = h('div', { class: 'chart', role: 'img', style: `height:${height}px`, dataset: { testid: `${testid}-chart` } });
  const tableBox = h('div', { class: 'table-box' });
  const details = h('details', { class: 'data' }, h('summary', null, 'Voir les données'), tableBox);
  const el = h('figure', { class: `card chart-card${wide ? ' wide' : ''}`, dataset: { testid } },
    h('figcaption', null, h('h3', null, title), subtitle ? h('p', { class: 'sub' }, subtitle) : null),
    chart, details);
  return { el, chart, tableBox, details, testid };
}

/** Fills a figure's data table and the chart's aria-label. */
export function describe(fig, summary, { columns, rows, numeric = [] }) {
  fig.chart.setAttribute('aria-label', summary);
  fig.tableBox.replaceChildren(dataTable(`${fig.testid}-table`, summary, columns, rows, numeric));
}

export function dataTable(testid, caption, columns, rows, numeric = []) {
  return h('table', { class: 'data-table', dataset: { testid } },
    caption ? h('caption', { class: 'sr-only' }, caption) : null,
    h('thead', null, h('tr', null, columns.map((c, i) => h('th', { scope: 'col', class: numeric.includes(i) ? 'num' : null }, c)))),
    h('tbody', null, rows.map((r) => h('tr', null, r.map((c, i) =>
      i === 0 ? h('th', { scope: 'row' }, c) : h('td', { class: numeric.includes(i) ? 'num' : null }, c))))));
}

let loading = null;
/**
 * Loads ECharts once. Parsing its megabyte takes a while: the page fires its API requests
 * first, then calls this, so both overlap (index.html preloads the file).
 */
export function loadEcharts() {
  loading ??= new Promise((resolve, reject) => {
    const script = h('script', { src: '/vendor/echarts.min.js' });
    script.onload = () => resolve(window.echarts);
    script.onerror = () => { loading = null; reject(new Error('ECharts could not be loaded')); };
    document.head.append(script);
  });
  return loading;
}

/** Renders an option; resolves when ECharts reports `finished` (or after 3 s). */
export async function render(container, option) {
  const echarts = await loadEcharts();
  if (!container.isConnected) return null; // the view was left meanwhile
  const chart = echarts.init(container, null, { renderer: 'svg' });
  live.push(chart);
  return new Promise((resolve) => {
    const t0 = performance.now();
    const done = () => { clearTimeout(t); if (window.__chartTimes) window.__chartTimes.push([container.parentElement?.dataset.testid, Math.round(t0), Math.round(performance.now() - t0)]); resolve(chart); };
    const t = setTimeout(done, 3000);
    chart.on('finished', done);
    chart.setOption({
      color: PALETTE,
      animation: false, // instant and calm; `finished` comes right after the first render
      textStyle: { fontFamily: FONT, color: TEXT },
      tooltip: { confine: true, textStyle: { fontFamily: FONT } },
      ...option,
    });
  });
}

export const axisStyle = {
  axisLine: { lineStyle: { color: '#cbd5e1' } },
  axisTick: { show: false },
  axisLabel: { color: TEXT, hideOverlap: true },
  splitLine: { lineStyle: { color: GRID } },
  nameTextStyle: { color: '#64748b' },
};

/** Truncates long category labels on axes. */
export const short = (s, n = 22) => (s && s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Escapes text for ECharts rich tooltips (they are HTML strings). */
export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** Horizontal bar chart for a list of {label, value}. */
export function hbarOption(items, { format = (v) => v, color = ACCENT, name = '', labelWidth = 170 } = {}) {
  const data = [...items].reverse();
  return {
    grid: { left: labelWidth + 14, right: 64, top: 8, bottom: 8, containLabel: false },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps) => `${esc(ps[0].name)}<br><b>${esc(format(ps[0].value))}</b>` },
    xAxis: { type: 'value', ...axisStyle, axisLabel: { ...axisStyle.axisLabel, formatter: (v) => format(v) }, name, show: false },
    yAxis: { type: 'category', data: data.map((d) => d.label), ...axisStyle, axisLabel: { ...axisStyle.axisLabel, width: labelWidth, overflow: 'truncate' } },
    series: [{ type: 'bar', data: data.map((d) => d.value), itemStyle: { color, borderRadius: [0, 3, 3, 0] }, barMaxWidth: 18,
      label: { show: true, position: 'right', color: TEXT, formatter: (p) => format(p.value) } }],
  };
}
