// Salaires: share of offers stating a salary (prominent), p25/median/p75 by role ×
// seniority, by role, by region, trend and distribution. Suppressed groups show no figure.
import { h, empty } from '../dom.js';
import { get } from '../api.js';
import { apiFilters, go } from '../state.js';
import { fmtInt, fmtEur, fmtKEur, fmtPct, fmtMonth, fmtDayShort, fmtDay } from '../format.js';
import { figure, describe, render as draw, axisStyle, esc, ACCENT, dataTable } from '../charts.js';
import { viewHead, segmented } from './common.js';

const INTERVALS = [{ key: 'month', label: 'Par mois' }, { key: 'week', label: 'Par semaine' }];

export async function render(root, ctx) {
  const { params, filters: fl, vocab } = ctx;
  const interval = intervalOf(params);

  const share = h('section', { class: 'card salary-share', dataset: { testid: 'salary-share' }, 'aria-live': 'polite' }, '…');
  const gridCard = h('section', { class: 'card wide', dataset: { testid: 'salary-grid' }, 'aria-labelledby': 'sal-grid-title' },
    h('h3', { id: 'sal-grid-title' }, 'Salaire annoncé par métier et séniorité'),
    h('p', { class: 'sub' }, 'Médiane en gras, puis 1er – 3e quartile, puis le nombre d’offres avec salaire. Salaires bruts annuels.'),
    // scrolls sideways on a phone: focusable so the keyboard can scroll it too
    h('div', { class: 'scroll-x', tabindex: '0', role: 'region', 'aria-labelledby': 'sal-grid-title' }, h('div', { class: 'loading' }, 'Chargement…')));
  const byRole = figure({ testid: 'chart-salary-role', title: 'Par métier', subtitle: 'Du 1er au 3e quartile, point : médiane', height: 420 });
  const byRegion = figure({ testid: 'chart-salary-region', title: 'Par région', subtitle: 'Du 1er au 3e quartile, point : médiane', height: 420 });
  const trend = figure({ testid: 'chart-salary-trend', title: 'Évolution du salaire annoncé', subtitle: 'Médiane et quartiles des offres publiées sur la période', height: 300, wide: true });
  trend.el.querySelector('figcaption').append(segmented('Pas de temps', INTERVALS, interval, (v) => go('salaires', { interval: v }, { keepViewParams: true }), 'salary-interval'));
  const hist = figure({ testid: 'chart-salary-histogram', title: 'Distribution des salaires annoncés', subtitle: 'Nombre d’offres par tranche de 5 000 € (milieu de la fourchette)', height: 280, wide: true });
  root.append(viewHead('Salaires', 'Salaires bruts annuels tels qu’annoncés dans les offres.'), share,
    h('div', { class: 'grid' }, gridCard, byRole.el, byRegion.el, trend.el, hist.el));

  const [rs, r, g, t, hi] = await fetches(ctx);
  if (!ctx.alive()) return;
  return renderData(ctx, { share, gridCard, byRole, byRegion, trend, hist, interval }, { rs, r, g, t, hi });
}

const intervalOf = (params) => (params.get('interval') === 'week' ? 'week' : 'month');

export function fetches(ctx) {
  const f = apiFilters(ctx.filters);
  const interval = intervalOf(ctx.params);
  return Promise.all([
    get('salaries', { ...f, group_by: 'role,seniority' }),
    get('salaries', { ...f, group_by: 'role' }),
    get('salaries', { ...f, group_by: 'region' }),
    get('salaries/trend', { ...f, interval }),
    get('salaries/histogram', { ...f, band: 5000 }),
  ]);
}

async function renderData(ctx, { share, gridCard, byRole, byRegion, trend, hist, interval }, { rs, r, g, t, hi }) {
  const { vocab } = ctx;
  // the share of offers with a salary, prominently
  share.replaceChildren(
    h('span', { class: 'big', dataset: { testid: 'salary-share-value', value: rs.with_salary_share ?? '' } }, fmtPct(rs.with_salary_share)),
    h('div', null,
      h('p', null, h('strong', null, `Seules ${fmtInt(rs.with_salary)} offres sur ${fmtInt(rs.offers)} indiquent un salaire.`)),
      h('p', null, 'Tous les chiffres de cette page portent sur ces offres uniquement : ce ne sont pas les salaires de l’ensemble du marché. ',
        `Aucun chiffre n’est affiché pour un groupe de moins de ${fmtInt(rs.min_count)} offres.`),
      rs.overall && !rs.overall.suppressed
        ? h('p', { dataset: { testid: 'salary-overall' } }, `Ensemble : médiane ${fmtEur(rs.overall.median)} (1er quartile ${fmtEur(rs.overall.p25)}, 3e quartile ${fmtEur(rs.overall.p75)}), sur ${fmtInt(rs.overall.count)} offres.`)
        : null));

  // role × seniority grid
  const cells = new Map(rs.groups.map((x) => [`${x.keys.role}|${x.keys.seniority}`, x]));
  const roles = vocab.roles.filter((x) => rs.groups.some((gg) => gg.keys.role === x.key));
  const sens = vocab.seniorities.filter((x) => rs.groups.some((gg) => gg.keys.seniority === x.key));
  const cellEl = (x) => {
    if (!x) return h('td', null, h('span', { class: 'suppressed' }, '·'));
    if (x.suppressed) return h('td', { dataset: { suppressed: '1', count: x.count } }, h('span', { class: 'suppressed' }, '—'), h('span', { class: 'n' }, `n = ${fmtInt(x.count)}`));
    return h('td', { dataset: { median: x.median, count: x.count } },
      h('span', { class: 'median' }, fmtEur(x.median)),
      h('span', { class: 'range' }, `${fmtKEur(x.p25)} – ${fmtKEur(x.p75)}`),
      h('span', { class: 'n' }, `n = ${fmtInt(x.count)}`));
  };
  const scroll = gridCard.querySelector('.scroll-x');
  if (!roles.length) scroll.replaceChildren(empty('Aucune offre avec salaire pour ces filtres.'));
  else {
    scroll.replaceChildren(h('table', { class: 'sal-grid', dataset: { testid: 'salary-grid-table' } },
      h('caption', { class: 'sr-only' }, 'Salaire médian, quartiles et nombre d’offres par métier (lignes) et séniorité (colonnes)'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Métier'), sens.map((x) => h('th', { scope: 'col', class: 'num' }, x.label)))),
      h('tbody', null, roles.map((ro) => h('tr', null, h('th', { scope: 'row' }, ro.label),
        sens.map((se) => cellEl(cells.get(`${ro.key}|${se.key}`))))))));
  }

  await Promise.all([
    rangeChart(byRole, r.groups.map((x) => ({ ...x, label: x.labels.role })), 'Métier'),
    rangeChart(byRegion, g.groups.map((x) => ({ ...x, label: x.labels.region })), 'Région'),
    trendChart(trend, t, interval),
    histChart(hist, hi),
  ]);
}

function rangeChart(fig, groups, what) {
  const shown = groups.filter((x) => !x.suppressed).sort((a, b) => b.median - a.median);
  const hidden = groups.filter((x) => x.suppressed);
  describe(fig, `${what} : salaire médian de ${shown.length} groupes, de ${fmtEur(shown.at(-1)?.median)} à ${fmtEur(shown[0]?.median)}${hidden.length ? ` ; ${hidden.length} groupe(s) trop petits non affichés` : ''}.`, {
    columns: [what, '1er quartile', 'Médiane', '3e quartile', 'Offres avec salaire'],
    rows: groups.map((x) => [x.label, x.suppressed ? '—' : fmtEur(x.p25), x.suppressed ? '—' : fmtEur(x.median), x.suppressed ? '—' : fmtEur(x.p75), fmtInt(x.count)]),
    numeric: [1, 2, 3, 4],
  });
  if (!shown.length) { fig.chart.replaceWith(empty('Pas assez d’offres avec salaire.')); return null; }
  const data = [...shown].reverse();
  const labelWidth = Math.min(200, fig.chart.clientWidth * 0.42);
  fig.chart.style.height = `${data.length * 34 + 40}px`;
  return draw(fig.chart, {
    grid: { left: labelWidth + 14, right: 64, top: 8, bottom: 28 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps) => {
      const x = data[ps[0].dataIndex];
      return `${esc(x.label)}<br>Médiane : <b>${esc(fmtEur(x.median))}</b><br>Quartiles : ${esc(fmtEur(x.p25))} – ${esc(fmtEur(x.p75))}<br>${esc(fmtInt(x.count))} offres avec salaire`;
    } },
    xAxis: { type: 'value', scale: true, splitNumber: fig.chart.clientWidth < 500 ? 3 : 6, ...axisStyle, axisLabel: { ...axisStyle.axisLabel, formatter: fmtKEur } },
    yAxis: { type: 'category', data: data.map((x) => x.label), ...axisStyle,
      axisLabel: { ...axisStyle.axisLabel, width: labelWidth, overflow: 'truncate' } },
    series: [
      { type: 'bar', stack: 'q', data: data.map((x) => x.p25), itemStyle: { color: 'transparent' }, silent: true, barWidth: 12 },
      { type: 'bar', stack: 'q', data: data.map((x) => x.p75 - x.p25), itemStyle: { color: '#b3cdee', borderRadius: 6 }, barWidth: 12,
        label: { show: true, position: 'right', color: '#64748b', fontSize: 11, formatter: (p) => `n = ${fmtInt(data[p.dataIndex].count)}` } },
      { type: 'scatter', data: data.map((x) => x.median), symbolSize: 11, itemStyle: { color: ACCENT, borderColor: '#fff', borderWidth: 1.5 }, z: 5 },
    ],
  });
}

function trendChart(fig, t, interval) {
  const pts = t.points;
  const fmtX = interval === 'month' ? fmtMonth : fmtDayShort;
  describe(fig, `Courbes : salaire médian annoncé ${interval === 'month' ? 'par mois' : 'par semaine'} sur ${pts.length} périodes${pts.length ? `, de ${fmtEur(pts.find((p) => !p.suppressed)?.median)} à ${fmtEur([...pts].reverse().find((p) => !p.suppressed)?.median)}` : ''}.`, {
    columns: [interval === 'month' ? 'Mois' : 'Semaine du', '1er quartile', 'Médiane', '3e quartile', 'Offres avec salaire'],
    rows: pts.map((p) => [interval === 'month' ? fmtMonth(p.start) : fmtDay(p.start), p.suppressed ? '—' : fmtEur(p.p25), p.suppressed ? '—' : fmtEur(p.median), p.suppressed ? '—' : fmtEur(p.p75), fmtInt(p.count)]),
    numeric: [1, 2, 3, 4],
  });
  if (!pts.some((p) => !p.suppressed)) { fig.chart.replaceWith(empty('Pas assez d’offres avec salaire.')); return null; }
  const v = (k) => pts.map((p) => (p.suppressed ? null : p[k]));
  return draw(fig.chart, {
    grid: { left: 8, right: 24, top: 24, bottom: 40, containLabel: true },
    legend: { bottom: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 10 },
    tooltip: { trigger: 'axis', formatter: (ps) => {
      const p = pts[ps[0].dataIndex];
      return `${esc(fmtX(p.start))}<br>${p.suppressed ? `Moins de ${esc(fmtInt(t.min_count))} offres : non affiché` : `Médiane <b>${esc(fmtEur(p.median))}</b><br>Quartiles ${esc(fmtEur(p.p25))} – ${esc(fmtEur(p.p75))}`}<br>${esc(fmtInt(p.count))} offres avec salaire`;
    } },
    xAxis: { type: 'category', data: pts.map((p) => fmtX(p.start)), ...axisStyle },
    yAxis: { type: 'value', scale: true, ...axisStyle, axisLabel: { ...axisStyle.axisLabel, formatter: fmtKEur } },
    series: [
      { type: 'line', name: '3e quartile', data: v('p75'), lineStyle: { type: 'dashed', width: 1.5 }, itemStyle: { color: '#7fa9e0' }, symbolSize: 5 },
      { type: 'line', name: 'Médiane', data: v('median'), lineStyle: { width: 2.5 }, itemStyle: { color: ACCENT }, symbolSize: 6 },
      { type: 'line', name: '1er quartile', data: v('p25'), lineStyle: { type: 'dashed', width: 1.5 }, itemStyle: { color: '#7fa9e0' }, symbolSize: 5 },
    ],
  });
}

function histChart(fig, hi) {
  const bands = hi.bands;
  const name = (b) => `${fmtKEur(b.from_eur)} – ${fmtKEur(b.to_eur)}`;
  describe(fig, `Histogramme : ${fmtInt(hi.with_salary)} offres avec salaire réparties en ${bands.length} tranches.`, {
    columns: ['Tranche', 'Offres'], rows: bands.map((b) => [`${fmtEur(b.from_eur)} – ${fmtEur(b.to_eur)}`, fmtInt(b.count)]), numeric: [1],
  });
  if (!bands.length) { fig.chart.replaceWith(empty('Pas d’offre avec salaire.')); return null; }
  return draw(fig.chart, {
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps) => `${esc(name(bands[ps[0].dataIndex]))}<br><b>${esc(fmtInt(ps[0].value))}</b> offres` },
    xAxis: { type: 'category', data: bands.map((b) => fmtKEur(b.from_eur)), ...axisStyle, name: 'k€ bruts annuels' , nameLocation: 'middle', nameGap: 28, show: true },
    yAxis: { type: 'value', ...axisStyle, axisLabel: { ...axisStyle.axisLabel, formatter: (x) => fmtInt(x) } },
    series: [{ type: 'bar', data: bands.map((b) => b.count), itemStyle: { color: ACCENT, borderRadius: [3, 3, 0, 0] }, barCategoryGap: '12%' }],
  });
}
