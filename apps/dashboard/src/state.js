// Hash router + shared filters. The whole state lives in the URL:
//   #/<view>?role=data_engineer&region=11&period=30
// so every view is linkable and a shared URL restores it.
import { parisDay } from './format.js';

export const VIEWS = [
  { id: 'apercu', label: "Vue d'ensemble" },
  { id: 'carte', label: 'Carte' },
  { id: 'competences', label: 'Compétences' },
  { id: 'salaires', label: 'Salaires' },
  { id: 'entreprises', label: 'Entreprises' },
  { id: 'offres', label: 'Offres' },
];
export const DEFAULT_VIEW = 'apercu';

/** Filters shared by every view (URL keys). */
export const FILTER_KEYS = ['q', 'period', 'from', 'to', 'role', 'seniority', 'region', 'department',
  'contract', 'remote', 'skill', 'source', 'company'];

export const PERIODS = [
  { key: '', label: 'Toute la période' },
  { key: '7', label: '7 derniers jours' },
  { key: '30', label: '30 derniers jours' },
  { key: '90', label: '90 derniers jours' },
  { key: 'custom', label: 'Dates choisies…' },
];

export function current() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, qs = ''] = raw.split('?');
  const view = VIEWS.some((v) => v.id === path) ? path : DEFAULT_VIEW;
  return { view, params: new URLSearchParams(qs) };
}

/** The shared filters from the URL, as {key: string}. */
export function filters(params = current().params) {
  const f = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f;
}

/** The values of a shared filter that takes several (comma-separated in the URL). */
export const valuesOf = (f, key) => (f[key] ? f[key].split(',').filter(Boolean) : []);

let asOf = new Date();
/** The API's clock (meta.as_of), used for relative periods. */
export const setAsOf = (iso) => { if (iso) asOf = new Date(iso); };

/** Filters → API query params; `omit` drops some (e.g. the map ignores its own place filter). */
export function apiFilters(f = filters(), omit = []) {
  const p = {};
  for (const [k, v] of Object.entries(f)) {
    if (omit.includes(k) || k === 'period') continue;
    if ((k === 'from' || k === 'to') && f.period !== 'custom') continue;
    p[k] = v;
  }
  const n = Number(f.period);
  if (n > 0 && !omit.includes('period')) {
    p.from = parisDay(-(n - 1), asOf);
    p.to = parisDay(0, asOf);
  }
  return p;
}

/** Builds a hash for `view` with the current params changed by `set` (null/'' removes a key). */
export function href(view, set = {}, { keepViewParams = false } = {}) {
  const { view: cur, params } = current();
  const next = new URLSearchParams();
  for (const [k, v] of params) {
    if (FILTER_KEYS.includes(k) || (keepViewParams && view === cur)) next.set(k, v);
  }
  for (const [k, v] of Object.entries(set)) {
    if (v === null || v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
  }
  // commas separate the values of a filter: kept readable in the URL
  const qs = next.toString().replace(/%2C/gi, ',');
  return `#/${view}${qs ? `?${qs}` : ''}`;
}

/** Changes the URL (which re-renders through hashchange). */
export function go(view, set = {}, opts = { keepViewParams: true }) {
  const target = href(view, set, opts);
  if (target !== location.hash) location.hash = target;
}

/** Sets a shared filter from any view (resets the paging of the offer list). */
export function setFilter(set) {
  const { view } = current();
  go(view, { ...set, page: null, offer: null });
}
