// JobMarket dashboard: header, shared filter bar, router and view lifecycle.
import { h, clear } from './dom.js';
import { get, onMeta, ApiError } from './api.js';
import { fmtDateTime } from './format.js';
import { VIEWS, PERIODS, current, filters, go, setFilter, href, setAsOf, valuesOf } from './state.js';
import { disposeAll, loadEcharts } from './charts.js';
import * as overview from './views/overview.js';
import * as carte from './views/map.js';
import * as competences from './views/skills.js';
import * as salaires from './views/salaries.js';
import * as entreprises from './views/companies.js';
import * as offres from './views/offers.js';

const RENDERERS = { apercu: overview, carte, competences, salaires, entreprises, offres };

export const SKILL_GROUPS = {
  language: 'Langages', database: 'Bases de données', ml: 'Machine learning', etl: 'ETL / intégration',
  bi: 'BI / visualisation', cloud: 'Cloud', devops: 'DevOps', big_data: 'Big data',
  data_quality_governance: 'Qualité et gouvernance', genai: 'IA générative', stats: 'Statistiques',
  method: 'Méthodes', crm_erp: 'CRM / ERP', web_analytics: 'Web analytics', geo: 'Géomatique',
  orchestration: 'Orchestration', spreadsheet: 'Tableurs',
};

const els = {
  banner: document.getElementById('demo-banner'),
  lastRun: document.getElementById('last-run'),
  tabs: document.getElementById('tabs'),
  filterForm: document.getElementById('filters'),
  filterToggle: document.getElementById('filters-toggle'),
  chips: document.getElementById('chips'),
  main: document.getElementById('main'),
};

// ---- demo banner + last collection ---------------------------------------
let demoShown = false;
function showDemo(demo) {
  if (!demo || demoShown) return;
  demoShown = true;
  els.banner.hidden = false;
}
function showLastRun(iso) {
  if (!iso) { els.lastRun.textContent = 'Aucune collecte réussie'; return; }
  els.lastRun.replaceChildren('Dernière collecte : ', h('time', { datetime: iso }, fmtDateTime(iso)));
}
onMeta((meta) => {
  showDemo(meta.demo);
  setAsOf(meta.as_of);
});

// ---- vocabularies -----------------------------------------------------------
export const vocab = { roles: [], seniorities: [], contracts: [], remote: [], regions: [], departments: [], skills: [], sources: [] };
export const label = {}; // label.role.get('data_engineer') → 'Data engineer'
function indexVocab() {
  const m = (list) => new Map(list.map((x) => [x.key, x.label]));
  Object.assign(label, {
    role: m(vocab.roles), seniority: m(vocab.seniorities), contract: m(vocab.contracts), remote: m(vocab.remote),
    region: m(vocab.regions), department: m(vocab.departments), skill: m(vocab.skills), source: m(vocab.sources),
  });
}

// ---- filter bar ---------------------------------------------------------------
// Each filter takes several values (comma-separated in the URL, OR within a filter, AND
// between filters): its select adds one, each value's chip removes it.
const FILTER_FIELDS = [
  { key: 'role', label: 'Métier', list: () => vocab.roles, all: 'Tous les métiers' },
  { key: 'seniority', label: 'Séniorité', list: () => vocab.seniorities, all: 'Toutes' },
  { key: 'region', label: 'Région', list: () => vocab.regions, all: 'Toutes les régions' },
  { key: 'department', label: 'Département', list: () => departmentsIn(valuesOf(filters(), 'region')), all: 'Tous' },
  { key: 'contract', label: 'Contrat', list: () => vocab.contracts, all: 'Tous' },
  { key: 'remote', label: 'Télétravail', list: () => vocab.remote, all: 'Indifférent' },
  { key: 'skill', label: 'Compétence', list: () => vocab.skills, all: 'Toutes', grouped: true },
  { key: 'source', label: 'Source', list: () => vocab.sources, all: 'Toutes' },
];
/** The option of a select that clears its filter (when values are chosen). */
const CLEAR = '*';
const deptLabel = (d) => `${d.key} · ${d.label}`;
function departmentsIn(regions) {
  const list = regions.length ? vocab.departments.filter((d) => regions.includes(d.group)) : vocab.departments;
  return list.map((d) => ({ key: d.key, label: deptLabel(d), group: d.group }));
}

function field(id, text, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, text), control);
}

/**
 * The options of a filter's select: with nothing chosen, "all" then every value; with values
 * chosen, their labels (shown), "all" to clear, then the other values marked "+" (added).
 */
function options(list, all, grouped, chosen, labelOf) {
  const head = chosen.length
    ? [h('option', { value: '' }, chosen.map(labelOf).join(', ')), h('option', { value: CLEAR }, `${all} (effacer)`)]
    : [h('option', { value: '' }, all)];
  const rest = list.filter((x) => !chosen.includes(x.key));
  const opt = (x) => h('option', { value: x.key }, chosen.length ? `+ ${x.label}` : x.label);
  if (!grouped) return head.concat(rest.map(opt));
  const groups = new Map();
  for (const x of [...rest].sort((a, b) => a.label.localeCompare(b.label, 'fr'))) {
    if (!groups.has(x.group)) groups.set(x.group, []);
    groups.get(x.group).push(x);
  }
  const sorted = [...groups.keys()].sort((a, b) => (SKILL_GROUPS[a] || a).localeCompare(SKILL_GROUPS[b] || b, 'fr'));
  return head.concat(sorted.map((g) => h('optgroup', { label: SKILL_GROUPS[g] || g }, groups.get(g).map(opt))));
}

/** The change to the URL when `value` is picked in the select of filter `key`. */
function pickValue(key, value) {
  const f = filters();
  if (value === CLEAR) return { [key]: null };
  const chosen = valuesOf(f, key);
  if (chosen.includes(value)) return {};
  const set = { [key]: [...chosen, value].join(',') };
  const regionOf = (dep) => vocab.departments.find((x) => x.key === dep)?.group;
  if (key === 'region') {
    // departments outside the chosen regions would give nothing
    const regions = [...chosen, value];
    const kept = valuesOf(f, 'department').filter((d) => regions.includes(regionOf(d)));
    set.department = kept.join(',') || null;
  }
  if (key === 'department') {
    const regions = valuesOf(f, 'region');
    if (regions.length && !regions.includes(regionOf(value))) set.region = null;
  }
  return set;
}

function buildFilterBar() {
  const f = els.filterForm;
  clear(f);
  const q = h('input', { id: 'f-q', type: 'search', name: 'q', placeholder: 'Mot-clé, ex. dbt, Airflow…', autocomplete: 'off' });
  f.append(field('f-q', 'Recherche', q));
  const period = h('select', { id: 'f-period', name: 'period' }, PERIODS.map((p) => h('option', { value: p.key }, p.label)));
  f.append(field('f-period', 'Période', period));
  const dates = h('div', { class: 'dates', id: 'f-dates' },
    field('f-from', 'Du', h('input', { id: 'f-from', type: 'date', name: 'from' })),
    field('f-to', 'Au', h('input', { id: 'f-to', type: 'date', name: 'to' })));
  f.append(dates);
  for (const fd of FILTER_FIELDS) {
    f.append(field(`f-${fd.key}`, fd.label, h('select', { id: `f-${fd.key}`, name: fd.key })));
  }
  f.addEventListener('change', (e) => {
    const name = e.target.name;
    if (!name) return;
    const value = e.target.value;
    if (FILTER_FIELDS.some((fd) => fd.key === name)) {
      if (value) setFilter(pickValue(name, value));
      return;
    }
    const set = { [name]: value };
    if (name === 'period' && value !== 'custom') { set.from = null; set.to = null; }
    if (name === 'period' && value === 'custom') {
      set.from = f.elements.from.value || null;
      set.to = f.elements.to.value || null;
    }
    setFilter(set);
  });
  f.addEventListener('submit', (e) => { e.preventDefault(); setFilter({ q: q.value.trim() }); });
  els.filterToggle.addEventListener('click', () => {
    const open = els.filterToggle.getAttribute('aria-expanded') !== 'true';
    els.filterToggle.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('filters-open', open);
  });
}

function syncFilterBar() {
  const f = filters();
  const form = els.filterForm;
  for (const fd of FILTER_FIELDS) {
    const sel = form.elements[fd.key];
    const chosen = valuesOf(f, fd.key);
    // values from a shared URL that are not in the vocabulary show as they are
    const labelOf = (v) => label[fd.key]?.get(v) || v;
    clear(sel).append(...options(fd.list(), fd.all, fd.grouped, chosen, labelOf));
    sel.value = '';
    sel.title = chosen.map(labelOf).join(', ');
    sel.closest('.field').classList.toggle('active', chosen.length > 0);
  }
  form.elements.q.value = f.q || '';
  form.elements.period.value = f.period || '';
  form.elements.from.value = f.from || '';
  form.elements.to.value = f.to || '';
  document.getElementById('f-dates').hidden = f.period !== 'custom';
  // active filter chips (also the mobile toggle count)
  const active = Object.entries(f).filter(([k]) => !['from', 'to'].includes(k));
  els.filterToggle.querySelector('.count').textContent = active.length ? ` (${active.length})` : '';
  clear(els.chips);
  if (!active.length) { els.chips.hidden = true; return; }
  els.chips.hidden = false;
  els.chips.append(h('span', { class: 'chips-label' }, 'Filtres actifs :'));
  const chip = (text, set) => els.chips.append(h('button', {
    type: 'button', class: 'chip', 'aria-label': `Retirer le filtre ${text}`, onclick: () => setFilter(set),
  }, text, h('span', { 'aria-hidden': 'true', class: 'x' }, '×')));
  for (const [k, v] of active) {
    if (k === 'period') { chip(chipText(k, v, f), { period: null, from: null, to: null }); continue; }
    if (!label[k]) { chip(chipText(k, v, f), { [k]: null }); continue; }
    // one chip per value of a filter that takes several
    const values = valuesOf(f, k);
    for (const x of values) chip(chipText(k, x, f), { [k]: values.filter((y) => y !== x).join(',') || null });
  }
  els.chips.append(h('a', { class: 'chip-clear', href: href(current().view, Object.fromEntries(Object.keys(f).map((k) => [k, null]))) }, 'Tout effacer'));
}

const CHIP_NAMES = { q: 'Recherche', role: 'Métier', seniority: 'Séniorité', region: 'Région', department: 'Département',
  contract: 'Contrat', remote: 'Télétravail', skill: 'Compétence', source: 'Source', company: 'Entreprise', period: 'Période' };
function chipText(k, v, f) {
  let shown = v;
  if (k === 'period') {
    shown = v === 'custom' ? `${f.from || '…'} → ${f.to || '…'}` : PERIODS.find((p) => p.key === v)?.label || v;
  } else if (label[k]) {
    shown = v.split(',').map((x) => label[k].get(x) || x).join(', ');
  }
  return `${CHIP_NAMES[k] || k} : ${shown}`;
}

function buildTabs() {
  clear(els.tabs);
  for (const v of VIEWS) {
    els.tabs.append(h('a', { href: `#/${v.id}`, dataset: { view: v.id, testid: `tab-${v.id}` } }, v.label));
  }
}
function syncTabs(view) {
  for (const a of els.tabs.querySelectorAll('a')) {
    a.href = href(a.dataset.view);
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

// ---- routing ------------------------------------------------------------------
let seq = 0;
let lastView = null;
let vocabReady = null;
async function route() {
  const { view, params } = current();
  const token = ++seq;
  const ctx = { view, params, filters: filters(params), vocab, label, alive: () => token === seq, setFilter, go, href };
  // Fire the view's requests now (in parallel with the vocabularies on the first load);
  // the view's own calls then hit the same cached promises.
  RENDERERS[view].fetches?.(ctx)?.catch?.(() => {});
  await vocabReady;
  if (token !== seq) return;
  delete document.body.dataset.ready;
  delete document.body.dataset.error;
  disposeAll();
  syncTabs(view);
  syncFilterBar();
  const title = VIEWS.find((v) => v.id === view).label;
  document.title = `${title} · JobMarket`;
  const root = h('div', { class: 'view', dataset: { view } });
  els.main.replaceChildren(root);
  try {
    await RENDERERS[view].render(root, ctx);
  } catch (err) {
    if (token !== seq) return;
    console.warn(err);
    document.body.dataset.error = err instanceof ApiError ? err.code || String(err.status) : 'render';
    root.replaceChildren(h('div', { class: 'card error', role: 'alert' },
      h('h2', null, 'Impossible d’afficher cette vue'),
      h('p', null, err instanceof ApiError ? err.message : 'Une erreur inattendue est survenue.'),
      err.parameter ? h('p', null, `Paramètre en cause : ${err.parameter}`) : null));
  }
  if (token !== seq) return;
  document.body.dataset.ready = view;
  if (lastView && lastView !== view) els.main.focus({ preventScroll: true });
  lastView = view;
}

async function start() {
  buildTabs();
  buildFilterBar();
  get('status').then((status) => {
    showDemo(status.data?.demo);
    showLastRun(status.data?.last_success_at);
  }).catch(() => { els.lastRun.textContent = 'État de la collecte indisponible'; });
  vocabReady = Promise.all([
    get('vocabularies'),
    get('breakdowns/source', { size: 50 }).catch(() => null),
  ]).then(([voc, sources]) => {
    Object.assign(vocab, voc);
    vocab.sources = sources ? sources.buckets.map((b) => ({ key: b.key, label: b.label })) : [];
    indexVocab();
  });
  window.addEventListener('hashchange', route);
  const routing = route(); // fires the view's requests before ECharts is parsed
  loadEcharts().catch(() => {}); // a failure shows in the view that needs it
  await Promise.all([vocabReady, routing]);
}

start().catch((err) => {
  console.warn(err);
  document.body.dataset.error = 'start';
  els.main.replaceChildren(h('div', { class: 'card error', role: 'alert' },
    h('h2', null, 'L’API JobMarket ne répond pas'),
    h('p', null, err.message || String(err))));
  document.body.dataset.ready = 'error';
});
