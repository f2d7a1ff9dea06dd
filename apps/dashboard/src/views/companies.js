// Entreprises: top recruiters with their roles, places and skills.
import { h, empty } from '../dom.js';
import { get } from '../api.js';
import { apiFilters, href } from '../state.js';
import { fmtInt, fmtPct } from '../format.js';
import { figure, describe, render as draw, hbarOption } from '../charts.js';
import { viewHead } from './common.js';

export const fetches = (ctx) => get('companies', { ...apiFilters(ctx.filters), size: 20, detail_size: 5 });

export async function render(root, ctx) {
  const chart = figure({ testid: 'chart-recruiters', title: 'Les 20 premiers recruteurs', subtitle: 'Nombre d’offres par entreprise', height: 560 });
  const list = h('section', { class: 'wide', 'aria-labelledby': 'comp-title' }, h('h3', { id: 'comp-title', class: 'sr-only' }, 'Fiches des recruteurs'),
    h('div', { class: 'loading' }, 'Chargement…'));
  const note = h('p', { class: 'sub', dataset: { testid: 'companies-coverage' } });
  root.append(viewHead('Entreprises', 'Qui recrute, pour quels métiers, où et avec quelles compétences.'), note, chart.el, list);

  const res = await fetches(ctx);
  if (!ctx.alive()) return;
  note.textContent = res.offers
    ? `${fmtInt(res.offers_with_company)} offres sur ${fmtInt(res.offers)} (${fmtPct(res.offers_with_company / res.offers)}) nomment l’entreprise qui recrute ; les autres sont anonymes ou publiées par un intermédiaire.`
    : '';
  const items = res.companies.map((c) => ({ label: c.name, value: c.offers, share: c.share }));
  describe(chart, `Barres : nombre d’offres des ${items.length} premiers recruteurs ; en tête ${items.slice(0, 3).map((x) => `${x.label} ${fmtInt(x.value)}`).join(', ')}.`, {
    columns: ['Entreprise', 'Offres', 'Part des offres', 'Métiers', 'Lieux', 'Compétences'],
    rows: res.companies.map((c) => [c.name, fmtInt(c.offers), fmtPct(c.share),
      c.roles.map((x) => x.label).join(', '), c.departments.map((x) => x.label).join(', '), c.skills.map((x) => x.label).join(', ')]),
    numeric: [1, 2],
  });
  if (!items.length) {
    chart.chart.replaceWith(empty('Aucune entreprise nommée dans ces offres.'));
    list.replaceChildren();
    return;
  }
  chart.chart.style.height = `${items.length * 26 + 24}px`;
  const done = draw(chart.chart, hbarOption(items, { format: fmtInt, labelWidth: Math.min(200, chart.chart.clientWidth * 0.42) }));

  const tags = (arr, key) => h('ul', { class: 'tags' }, arr.map((x) => h('li', { class: 'tag' }, x.label || x.key, h('b', null, fmtInt(x.count)))));
  list.replaceChildren(h('div', { class: 'companies', dataset: { testid: 'company-cards' } }, res.companies.map((c, i) =>
    h('article', { class: 'card company', dataset: { testid: 'company-card', company: c.key } },
      h('h3', null, `${i + 1}. `, c.name),
      h('p', { class: 'meta' }, `${fmtInt(c.offers)} offres · ${fmtPct(c.share)} du total`),
      h('dl', null,
        h('dt', null, 'Métiers'), h('dd', null, tags(c.roles)),
        h('dt', null, 'Lieux'), h('dd', null, c.departments.length ? tags(c.departments) : 'Non précisé'),
        h('dt', null, 'Compétences'), h('dd', null, tags(c.skills))),
      h('p', null, h('a', { class: 'btn secondary', href: href('offres', { company: c.key, page: null, offer: null }) }, 'Voir ses offres'))))));
  await done;
}
