// Vue d'ensemble: headline figures, weekly new offers by role, role/contract mix, top recruiters.
import { h, empty } from '../dom.js';
import { get } from '../api.js';
import { apiFilters } from '../state.js';
import { fmtInt, fmtEur, fmtPct, fmtChangePct, fmtDay, fmtDayShort, parisDay } from '../format.js';
import { figure, describe, render as draw, hbarOption, axisStyle, esc, PALETTE } from '../charts.js';
import { kpi, viewHead } from './common.js';

export async function render(root, ctx) {
  const kpis = h('div', { class: 'kpis', dataset: { testid: 'kpis' } },
    ['kpi-active', 'kpi-new', 'kpi-salary', 'kpi-remote', 'kpi-salary-share'].map((id) => kpi(id, '…', '…')));
  const weekly = figure({ testid: 'chart-weekly', title: 'Nouvelles offres par semaine et par métier', subtitle: 'Offres publiées chaque semaine (semaines du lundi au dimanche)', height: 320, wide: true });
  const roles = figure({ testid: 'chart-roles', title: 'Répartition par métier', height: 340 });
  const contracts = figure({ testid: 'chart-contracts', title: 'Types de contrat', height: 340 });
  const companies = figure({ testid: 'chart-companies', title: 'Principaux recruteurs', subtitle: 'Nombre d’offres par entreprise', height: 340, wide: true });
  const grid = h('div', { class: 'grid' }, weekly.el, roles.el, contracts.el, companies.el);
  root.append(viewHead("Vue d'ensemble", 'Les offres d’emploi des métiers de la data en France, pour les filtres choisis.'), kpis, grid);

  const [ov, ts, br, bc, bco] = await fetches(ctx);
  if (!ctx.alive()) return;
  return Promise.all(renderData(kpis, grid, { weekly, roles, contracts, companies }, { ov, ts, br, bc, bco }));
}

/** The view's requests, fired in parallel (also called early, before the vocabularies arrive). */
export function fetches(ctx) {
  const f = apiFilters(ctx.filters);
  return Promise.all([
    get('overview', f),
    get('timeseries', { ...f, interval: 'week', metric: 'new', by: 'role', top: 6 }),
    get('breakdowns/role', { ...f, size: 20 }),
    get('breakdowns/contract', { ...f, size: 20 }),
    get('breakdowns/company', { ...f, size: 10 }),
  ]);
}

/** Fills the figures; returns the charts' `finished` promises. */
function renderData(kpis, grid, { weekly, roles, contracts, companies }, { ov, ts, br, bc, bco }) {
  // headline figures
  const change = ov.new_change_pct;
  const changeNote = change === null || change === undefined
    ? `aucune la semaine précédente`
    : h('span', null, h('span', { class: change >= 0 ? 'delta-up' : 'delta-down', dataset: { testid: 'kpi-new-change', value: change } },
      `${fmtChangePct(change)}`), ` vs semaine précédente (${fmtInt(ov.new_previous_7_days)})`);
  kpis.replaceChildren(
    kpi('kpi-active', 'Offres actives', fmtInt(ov.active_offers), ov.active_offers, `${fmtInt(ov.offers)} offres au total`),
    kpi('kpi-new', `Nouvelles cette semaine`, fmtInt(ov.new_last_7_days), ov.new_last_7_days, changeNote),
    kpi('kpi-salary', 'Salaire médian annoncé', ov.median_salary_eur == null ? '—' : fmtEur(ov.median_salary_eur), ov.median_salary_eur,
      ov.median_salary_eur == null ? `moins de ${fmtInt(ov.salary_min_count)} offres avec salaire` : `sur ${fmtInt(ov.with_salary)} offres avec salaire, brut annuel`),
    kpi('kpi-remote', 'Télétravail possible', fmtPct(ov.remote_share), ov.remote_share, `${fmtInt(ov.remote_offers)} offres`),
    kpi('kpi-salary-share', 'Offres avec salaire', fmtPct(ov.with_salary_share), ov.with_salary_share, `${fmtInt(ov.with_salary)} offres sur ${fmtInt(ov.offers)}`),
  );
  kpis.querySelector('[data-testid="kpi-new"]').title = `Du ${fmtDay(ov.last_7_days?.from)} au ${fmtDay(ov.last_7_days?.to)}`;

  if (!ov.offers) {
    grid.replaceChildren(h('div', { class: 'card wide' }, empty()));
    return [];
  }
  return [
    weeklyChart(weekly, ts),
    barChart(roles, br, 'métier'),
    contractChart(contracts, bc),
    barChart(companies, { buckets: bco.buckets.map((c) => ({ ...c, label: c.label || c.key })) }, 'entreprise', 'Aucune entreprise renseignée pour ces offres.'),
  ];
}

function weeklyChart(fig, ts) {
  const all = ts.series[0];
  const parts = ts.series.slice(1);
  const weeks = all.points.map((p) => p.start);
  const byWeek = (s) => new Map(s.points.map((p) => [p.start, p.count]));
  const maps = parts.map(byWeek);
  const other = weeks.map((w, i) => all.points[i].count - maps.reduce((a, m) => a + (m.get(w) || 0), 0));
  const series = parts.map((s, i) => ({ name: s.label, data: weeks.map((w) => maps[i].get(w) || 0) }));
  if (other.some((v) => v > 0)) series.push({ name: 'Autres métiers', data: other });
  const total = all.total;
  // the current week is not over: say so, so that its shorter bar is not read as a fall
  const lastWeek = weeks.at(-1);
  if (lastWeek && parisDay(0) <= parisDay(6, new Date(`${lastWeek}T12:00:00Z`))) {
    fig.el.querySelector('.sub')?.append(` ; la semaine du ${fmtDayShort(lastWeek)} est en cours`);
  }
  describe(fig, `Histogramme empilé : ${fmtInt(total)} nouvelles offres sur ${weeks.length} semaines, du ${fmtDay(weeks[0])} au ${fmtDay(weeks.at(-1))}, réparties entre ${series.map((s) => s.name).join(', ')}.`, {
    columns: ['Semaine du', ...series.map((s) => s.name), 'Total'],
    rows: weeks.map((w, i) => [fmtDay(w), ...series.map((s) => fmtInt(s.data[i])), fmtInt(all.points[i].count)]),
    numeric: series.map((_, i) => i + 1).concat(series.length + 1),
  });
  if (!weeks.length) { fig.chart.replaceWith(empty()); return null; }
  return draw(fig.chart, {
    legend: { bottom: 0, type: 'scroll', icon: 'roundRect', itemWidth: 12, itemHeight: 10 },
    grid: { left: 8, right: 16, top: 28, bottom: 40, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (ps) => `Semaine du ${esc(fmtDay(weeks[ps[0].dataIndex]))}<br>${ps.filter((p) => p.value).map((p) => `${p.marker}${esc(p.seriesName)} : <b>${esc(fmtInt(p.value))}</b>`).join('<br>')}<br>Total : <b>${esc(fmtInt(all.points[ps[0].dataIndex].count))}</b>` },
    xAxis: { type: 'category', data: weeks.map(fmtDayShort), ...axisStyle },
    yAxis: { type: 'value', ...axisStyle, axisLabel: { ...axisStyle.axisLabel, formatter: (v) => fmtInt(v) }, name: 'offres', nameLocation: 'end' },
    series: series.map((s, i) => ({ type: 'bar', stack: 'roles', name: s.name, data: s.data, barMaxWidth: 36, itemStyle: { color: PALETTE[i % PALETTE.length] } })),
  });
}

function barChart(fig, b, what, emptyText) {
  const items = b.buckets.map((x) => ({ label: x.label, value: x.count, share: x.share }));
  describe(fig, `Barres horizontales : nombre d’offres par ${what}, ${items.slice(0, 3).map((x) => `${x.label} ${fmtInt(x.value)}`).join(', ')}${items.length > 3 ? '…' : ''}`, {
    columns: [what[0].toUpperCase() + what.slice(1), 'Offres', 'Part'],
    rows: items.map((x) => [x.label, fmtInt(x.value), fmtPct(x.share)]),
    numeric: [1, 2],
  });
  if (!items.length) { fig.chart.replaceWith(empty(emptyText)); return null; }
  fig.chart.style.height = `${Math.max(140, items.length * 26 + 24)}px`;
  return draw(fig.chart, hbarOption(items, { format: fmtInt, labelWidth: Math.min(190, fig.chart.clientWidth * 0.42) }));
}

function contractChart(fig, b) {
  const items = b.buckets;
  describe(fig, `Anneau : répartition des offres par type de contrat, ${items.map((x) => `${x.label} ${fmtPct(x.share)}`).join(', ')}.`, {
    columns: ['Contrat', 'Offres', 'Part'],
    rows: items.map((x) => [x.label, fmtInt(x.count), fmtPct(x.share)]),
    numeric: [1, 2],
  });
  if (!items.length) { fig.chart.replaceWith(empty()); return null; }
  const narrow = fig.chart.clientWidth < 520;
  if (narrow) fig.chart.style.height = '400px';
  return draw(fig.chart, {
    tooltip: { trigger: 'item', formatter: (p) => `${esc(p.name)}<br><b>${esc(fmtInt(p.value))}</b> offres (${esc(fmtPct(items[p.dataIndex].share))})` },
    legend: { ...(narrow ? { orient: 'horizontal', bottom: 0, left: 'center' } : { orient: 'vertical', right: 4, top: 'middle' }), icon: 'roundRect', itemWidth: 12, itemHeight: 10,
      formatter: (name) => { const x = items.find((i) => i.label === name); return `${name}  ${fmtPct(x?.share)}`; } },
    series: [{ type: 'pie', radius: narrow ? ['32%', '56%'] : ['45%', '72%'], center: narrow ? ['50%', '36%'] : ['30%', '50%'], avoidLabelOverlap: true, label: { show: false },
      itemStyle: { borderColor: '#fff', borderWidth: 2 },
      data: items.map((x) => ({ name: x.label, value: x.count })) }],
  });
}
