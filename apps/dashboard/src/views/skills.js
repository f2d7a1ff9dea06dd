// Compétences: top skills, rising/falling skills, role × skill heat map, co-occurrences.
import { h, empty } from '../dom.js';
import { get } from '../api.js';
import { apiFilters, go } from '../state.js';
import { fmtInt, fmtPct, fmtPoints, fmtDay, fmtDec } from '../format.js';
import { figure, describe, render as draw, hbarOption, axisStyle, esc, FONT } from '../charts.js';
import { viewHead } from './common.js';

const UP = '#1d7a4f';
const DOWN = '#b42318';

export async function render(root, ctx) {
  const { params, filters: fl, vocab } = ctx;
  const withSkill = chosenSkill(ctx);

  const top = figure({ testid: 'chart-top-skills', title: 'Compétences les plus demandées', subtitle: 'Part des offres qui citent chaque compétence', height: 520 });
  const rising = figure({ testid: 'chart-rising', title: 'En hausse', height: 300 });
  const falling = figure({ testid: 'chart-falling', title: 'En baisse', height: 300 });
  const heat = figure({ testid: 'chart-heatmap', title: 'Compétences par métier', subtitle: 'Part des offres de chaque métier qui citent la compétence, en % (les 12 compétences les plus demandées ; case vide : compétence rare pour ce métier)', height: 460, wide: true });
  const co = figure({ testid: 'chart-cooccurrence', title: 'Ce qui va avec une compétence', height: 420 });
  const skillSelect = h('select', { id: 'co-skill', onchange: (e) => go('competences', { with: e.target.value }, { keepViewParams: true }) },
    [...vocab.skills].sort((a, b) => a.label.localeCompare(b.label, 'fr')).map((x) => h('option', { value: x.key, selected: x.key === withSkill }, x.label)));
  co.el.querySelector('figcaption').append(h('label', { class: 'control', for: 'co-skill' }, 'Compétence choisie', skillSelect));
  const trendsHead = h('p', { class: 'sub', dataset: { testid: 'trends-periods' } }, '…');
  const trendsBox = h('section', { class: 'card wide', 'aria-labelledby': 'trends-title' },
    h('h3', { id: 'trends-title' }, 'Compétences en hausse et en baisse'), trendsHead,
    h('div', { class: 'grid' }, rising.el, falling.el));
  rising.el.classList.remove('card'); falling.el.classList.remove('card');
  root.append(viewHead('Compétences', 'Les compétences citées dans les offres, pour les filtres choisis.'),
    h('div', { class: 'grid' }, top.el, co.el, trendsBox, heat.el));

  const [tops, trends, byRole, cooc] = await fetches(ctx);
  if (!ctx.alive()) return;
  return renderData(ctx, { top, rising, falling, heat, co, trendsHead }, { tops, trends, byRole, cooc });
}

const chosenSkill = (ctx) => ctx.params.get('with') || (ctx.filters.skill ? ctx.filters.skill.split(',')[0] : 'python');

export function fetches(ctx) {
  const f = apiFilters(ctx.filters);
  const withSkill = chosenSkill(ctx);
  return Promise.all([
    get('breakdowns/skill', { ...f, size: 20 }),
    get('skills/trends', { ...f, size: 10 }),
    get('skills/by-role', { ...f, size: 100 }),
    get(`skills/${encodeURIComponent(withSkill)}/cooccurrence`, { ...f, size: 15 }).catch((e) => ({ error: e })),
  ]);
}

async function renderData(ctx, { top, rising, falling, heat, co, trendsHead }, { tops, trends, byRole, cooc }) {
  const jobs = [];
  // top skills
  const items = tops.buckets.map((b) => ({ label: b.label, value: b.share, count: b.count }));
  describe(top, `Barres : part des ${fmtInt(tops.offers)} offres qui citent chaque compétence ; en tête ${items.slice(0, 3).map((x) => `${x.label} ${fmtPct(x.value)}`).join(', ')}.`, {
    columns: ['Compétence', 'Offres', 'Part des offres'], rows: items.map((x) => [x.label, fmtInt(x.count), fmtPct(x.value)]), numeric: [1, 2],
  });
  if (items.length) jobs.push(draw(top.chart, hbarOption(items, { format: fmtPct, labelWidth: Math.min(170, top.chart.clientWidth * 0.4) })));
  else top.chart.replaceWith(empty());

  // trends
  trendsHead.textContent = `Part des offres citant la compétence du ${fmtDay(trends.current.from)} au ${fmtDay(trends.current.to)} (${fmtInt(trends.current.offers)} offres), comparée au ${fmtDay(trends.previous.from)} – ${fmtDay(trends.previous.to)} (${fmtInt(trends.previous.offers)} offres). Évolution en points de pourcentage.`;
  for (const [fig, list, color] of [[rising, trends.rising, UP], [falling, trends.falling, DOWN]]) {
    describe(fig, `${fig === rising ? 'Compétences en hausse' : 'Compétences en baisse'} : ${list.slice(0, 3).map((x) => `${x.label} ${fmtPoints(x.change_points)}`).join(', ') || 'aucune'}.`, {
      columns: ['Compétence', 'Part avant', 'Part maintenant', 'Évolution', 'Offres maintenant'],
      rows: list.map((x) => [x.label, fmtPct(x.previous_share), fmtPct(x.current_share), fmtPoints(x.change_points), fmtInt(x.current_count)]),
      numeric: [1, 2, 3, 4],
    });
    if (!list.length) { fig.chart.replaceWith(empty('Pas assez d’offres sur ces deux périodes pour comparer.')); continue; }
    fig.chart.style.height = `${Math.max(120, list.length * 28 + 20)}px`;
    jobs.push(draw(fig.chart, hbarOption(list.map((x) => ({ label: x.label, value: Math.abs(x.change_points), raw: x.change_points })),
      { format: (v) => fmtPoints(fig === rising ? v : -v), color, labelWidth: Math.min(150, fig.chart.clientWidth * 0.4) })));
  }

  // heat map role × skill
  const cols = tops.buckets.slice(0, 12);
  const roles = byRole.roles.filter((r) => r.offers > 0);
  const cell = (r, k) => r.top.find((t) => t.key === k);
  const data = [];
  roles.forEach((r, y) => cols.forEach((c, x) => { const t = cell(r, c.key); const v = t ? Math.round(t.share * 1000) / 10 : null;
    data.push({ value: [x, y, v], label: { color: v !== null && v > 55 ? '#fff' : '#0f172a' } }); }));
  describe(heat, `Carte de chaleur : ${roles.length} métiers × ${cols.length} compétences, part des offres du métier qui citent la compétence.`, {
    columns: ['Métier (offres)', ...cols.map((c) => c.label)],
    rows: roles.map((r) => [`${r.label} (${fmtInt(r.offers)})`, ...cols.map((c) => { const t = cell(r, c.key); return t ? fmtPct(t.share) : 'rare'; })]),
    numeric: cols.map((_, i) => i + 1),
  });
  if (roles.length && cols.length) {
    const narrow = heat.chart.clientWidth < 600;
    heat.chart.style.height = `${Math.max(200, roles.length * 30 + (narrow ? 150 : 110))}px`;
    jobs.push(draw(heat.chart, {
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { formatter: (p) => `${esc(roles[p.value[1]].label)} · ${esc(cols[p.value[0]].label)}<br>${p.value[2] === null ? 'trop rare pour être comptée' : `<b>${esc(fmtDec(p.value[2]))} %</b> des offres du métier`}` },
      xAxis: { type: 'category', data: cols.map((c) => c.label), position: 'top', ...axisStyle, splitArea: { show: false },
        axisLabel: { ...axisStyle.axisLabel, rotate: narrow ? 60 : 30, width: 110, overflow: 'truncate' } },
      yAxis: { type: 'category', data: roles.map((r) => r.label), inverse: true, ...axisStyle,
        axisLabel: { ...axisStyle.axisLabel, width: narrow ? 110 : 200, overflow: 'truncate' } },
      visualMap: { show: false, min: 0, max: 100, inRange: { color: ['#f1f6fd', '#9cc0ec', '#1f5fbf', '#123e80'] } },
      series: [{ type: 'heatmap', data, label: { show: !narrow, fontFamily: FONT, fontSize: 11, formatter: (p) => (p.value[2] === null ? '' : `${Math.round(p.value[2])}`),
        color: '#0f172a' }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
    }));
  } else heat.chart.replaceWith(empty());

  // co-occurrence
  const coSub = h('p', { class: 'sub', dataset: { testid: 'cooccurrence-summary' } });
  co.el.querySelector('figcaption').append(coSub);
  if (cooc.error) {
    coSub.textContent = cooc.error.message;
    co.chart.replaceWith(empty('Compétence inconnue.'));
    describe(co, 'Aucune donnée', { columns: ['Compétence'], rows: [] });
  } else {
    coSub.textContent = `${fmtInt(cooc.offers_with_skill)} offres citent ${cooc.label} (${fmtPct(cooc.offers ? cooc.offers_with_skill / cooc.offers : 0)}). Parmi elles, part qui cite aussi :`;
    const rel = cooc.related;
    describe(co, `Barres : compétences citées avec ${cooc.label} ; ${rel.slice(0, 3).map((x) => `${x.label} ${fmtPct(x.share)}`).join(', ')}.`, {
      columns: ['Compétence', 'Offres', `Part des offres ${cooc.label}`, 'Lift'],
      rows: rel.map((x) => [x.label, fmtInt(x.count), fmtPct(x.share), fmtDec(x.lift)]), numeric: [1, 2, 3],
    });
    if (rel.length) jobs.push(draw(co.chart, hbarOption(rel.map((x) => ({ label: x.label, value: x.share })), { format: fmtPct, color: '#2f8f83', labelWidth: Math.min(160, co.chart.clientWidth * 0.4) })));
    else co.chart.replaceWith(empty(`Aucune offre ne cite ${cooc.label} avec ces filtres.`));
  }
  await Promise.all(jobs);
}
