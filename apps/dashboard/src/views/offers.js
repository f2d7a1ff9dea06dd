// Offres: full-text search with every filter, paged results, offer detail with the
// link(s) to the original offer(s). Offer text is untrusted: textContent only.
import { h, empty } from '../dom.js';
import { get, ApiError } from '../api.js';
import { apiFilters, go, href, setFilter } from '../state.js';
import { fmtInt, fmtEur, fmtDate } from '../format.js';
import { viewHead } from './common.js';

const PAGE_SIZE = 20;
const SORTS = [
  { key: 'relevance', label: 'Pertinence' },
  { key: 'newest', label: 'Plus récentes' },
  { key: 'salary_desc', label: 'Salaire décroissant' },
];

/** Only http(s) links are rendered (no javascript: or data: URLs from the API). */
export function safeUrl(u) {
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch { return null; }
}

function salary(o) {
  const a = o.salary_min_eur;
  const b = o.salary_max_eur;
  if (a == null && b == null) return null;
  if (a != null && b != null && Math.round(a) !== Math.round(b)) return `${fmtEur(a)} – ${fmtEur(b)}`;
  return fmtEur(a ?? b);
}
const place = (o) => [o.city, o.department ? `${o.department_name || ''} (${o.department})`.trim() : o.region_name].filter(Boolean).join(', ');

function listOptions(ctx) {
  const { params } = ctx;
  const f = apiFilters(ctx.filters);
  const sort = SORTS.some((s) => s.key === params.get('sort')) ? params.get('sort') : (f.q ? 'relevance' : 'newest');
  const page = Math.max(1, Math.min(10000, parseInt(params.get('page') || '1', 10) || 1));
  return { f, sort, page };
}

export function fetches(ctx) {
  const id = ctx.params.get('offer');
  if (id) return get(`offers/${encodeURIComponent(id)}`).catch(() => null);
  const { f, sort, page } = listOptions(ctx);
  return get('offers', { ...f, sort, page, page_size: PAGE_SIZE });
}

export async function render(root, ctx) {
  const { params, label } = ctx;
  const id = params.get('offer');
  if (id) return detail(root, ctx, id);
  const { f, sort, page } = listOptions(ctx);

  const q = h('input', { id: 'offer-q', type: 'search', value: ctx.filters.q || '', placeholder: 'Intitulé, compétence, entreprise, ville…', autocomplete: 'off' });
  const search = h('form', { class: 'card offer-search', role: 'search', onsubmit: (e) => { e.preventDefault(); setFilter({ q: q.value.trim() }); } },
    h('label', { for: 'offer-q', class: 'control' }, 'Rechercher dans les offres (tous les filtres s’appliquent)',
      h('span', { class: 'search-row' }, q, h('button', { class: 'btn', type: 'submit' }, 'Rechercher'))));
  const total = h('p', { class: 'total', dataset: { testid: 'offers-total' }, 'aria-live': 'polite' }, 'Recherche…');
  const sortSel = h('select', { id: 'offer-sort', onchange: (e) => go('offres', { sort: e.target.value, page: null }, { keepViewParams: true }) },
    SORTS.map((s) => h('option', { value: s.key, selected: s.key === sort }, s.label)));
  const list = h('div', null, h('div', { class: 'loading', role: 'status' }, 'Chargement des offres…'));
  root.append(viewHead('Offres', 'Les offres d’emploi correspondant aux filtres, avec un lien vers l’annonce d’origine.'), search,
    h('div', { class: 'offer-toolbar' }, total, h('label', { class: 'control', for: 'offer-sort' }, 'Trier par', sortSel)), list);

  const res = await get('offers', { ...f, sort, page, page_size: PAGE_SIZE });
  if (!ctx.alive()) return;
  const pages = Math.max(1, Math.ceil(res.total / PAGE_SIZE));
  total.dataset.value = res.total;
  total.textContent = res.total
    ? `${fmtInt(res.total)} offre${res.total > 1 ? 's' : ''} · page ${fmtInt(res.page)} sur ${fmtInt(pages)}`
    : 'Aucune offre';
  if (!res.offers.length) {
    list.replaceChildren(h('div', { class: 'card' }, empty(res.total ? 'Cette page est vide.' : 'Aucune offre ne correspond à cette recherche et à ces filtres.')));
    return;
  }
  const skillLabel = (k) => label.skill.get(k) || k;
  list.replaceChildren(
    h('ol', { class: 'offer-list', dataset: { testid: 'offer-list' }, start: (res.page - 1) * res.page_size + 1 }, res.offers.map((o) => {
      const sal = salary(o);
      return h('li', { class: 'card offer-item', dataset: { testid: 'offer-item', id: o.id } },
        h('a', { class: 'title', href: href('offres', { offer: o.id }, { keepViewParams: true }) }, o.title || 'Sans titre'),
        h('div', { class: 'line' },
          o.company_name ? h('span', null, o.company_name) : h('span', null, 'Entreprise non précisée'),
          place(o) ? h('span', null, place(o)) : null,
          h('span', null, o.contract_label || label.contract.get(o.contract) || ''),
          o.remote && o.remote !== 'unknown' ? h('span', null, label.remote.get(o.remote) || o.remote) : null,
          sal ? h('span', { class: 'salary' }, sal) : null,
          o.posted_at ? h('span', null, `publiée le ${fmtDate(o.posted_at)}`) : null),
        h('ul', { class: 'tags', 'aria-label': 'Métier et compétences' },
          o.role_label ? h('li', { class: 'tag role' }, o.role_label) : null,
          (o.skills || []).slice(0, 8).map((k) => h('li', { class: 'tag' }, skillLabel(k)))));
    })),
    pager(res.page, pages));
}

function pager(page, pages) {
  const link = (p, text, rel) => (p >= 1 && p <= pages && p !== page
    ? h('a', { class: 'btn secondary', href: href('offres', { page: p === 1 ? null : p }, { keepViewParams: true }), rel }, text)
    : h('span', { class: 'btn secondary', 'aria-disabled': 'true', disabled: true }, text));
  return h('nav', { class: 'pager', 'aria-label': 'Pages de résultats', dataset: { testid: 'pager' } },
    link(1, '« Première'), link(page - 1, '‹ Précédente', 'prev'),
    h('span', { class: 'pos' }, `Page ${fmtInt(page)} / ${fmtInt(pages)}`),
    link(page + 1, 'Suivante ›', 'next'), link(pages, 'Dernière »'));
}

async function detail(root, ctx, id) {
  const { label } = ctx;
  const back = h('a', { class: 'btn secondary', href: href('offres', { offer: null }, { keepViewParams: true }) }, '‹ Retour aux résultats');
  const box = h('article', { class: 'card offer-detail', dataset: { testid: 'offer-detail' } }, h('div', { class: 'loading' }, 'Chargement de l’offre…'));
  root.append(h('div', null, back), box);
  let o;
  try {
    o = await get(`offers/${encodeURIComponent(id)}`);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    if (ctx.alive()) box.replaceChildren(empty('Cette offre n’existe pas ou plus.'));
    return;
  }
  if (!ctx.alive()) return;
  document.title = `${o.title || 'Offre'} · JobMarket`;
  const links = [];
  const seen = new Set();
  for (const l of [...(o.links || []), o.url ? { name: 'Annonce d’origine', url: o.url } : null].filter(Boolean)) {
    const u = safeUrl(l.url);
    if (u && !seen.has(u)) { seen.add(u); links.push({ name: l.name || new URL(u).hostname, url: u }); }
  }
  const sal = salary(o);
  const fact = (dt, dd) => (dd ? [h('dt', null, dt), h('dd', null, dd)] : null);
  box.replaceChildren(
    h('h2', { dataset: { testid: 'offer-title' } }, o.title || 'Sans titre'),
    h('p', { class: 'sub' }, [o.company_name || 'Entreprise non précisée', place(o)].filter(Boolean).join(' · ')),
    h('div', { class: 'links', dataset: { testid: 'offer-links' } },
      links.length ? links.map((l, i) => h('a', { class: i ? 'btn secondary' : 'btn', href: l.url, target: '_blank', rel: 'noopener noreferrer nofollow' }, `Voir l’offre sur ${l.name}`, h('span', { class: 'sr-only' }, ' (nouvel onglet)')))
        : h('span', { class: 'sub' }, 'Pas de lien vers l’annonce d’origine.')),
    h('dl', null,
      fact('Métier', o.role_label),
      fact('Séniorité', label.seniority.get(o.seniority)),
      fact('Contrat', [o.contract_label, o.contract_duration_months ? `${fmtInt(o.contract_duration_months)} mois` : null].filter(Boolean).join(', ')),
      fact('Télétravail', label.remote.get(o.remote)),
      fact('Salaire', sal ? `${sal} brut annuel${o.salary_text ? ` (annonce : « ${o.salary_text} »)` : ''}` : (o.salary_text || 'Non indiqué')),
      fact('Lieu', o.location_label || place(o)),
      fact('Publiée le', o.posted_at ? fmtDate(o.posted_at) : null),
      fact('Code ROME', o.rome_code ? `${o.rome_code}${o.rome_label ? ` · ${o.rome_label}` : ''}` : null),
      fact('Source', label.source.get(o.source) || o.source),
      fact('Statut', o.active ? 'Active' : 'Expirée')),
    (o.skills || []).length ? h('ul', { class: 'tags', 'aria-label': 'Compétences' }, o.skills.map((k) => h('li', { class: 'tag' }, label.skill.get(k) || k))) : null,
    h('h3', { class: 'desc-title' }, 'Description'),
    h('div', { class: 'desc', dataset: { testid: 'offer-description' } }, o.description || 'Pas de description.'));
  back.focus({ preventScroll: true });
}
