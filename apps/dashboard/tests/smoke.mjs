// Smoke tests in a real browser against a `jobmarket serve` (dashboard and API on one origin):
// every view reaches data-ready, each chart's figures match the API, a filter change updates
// every view and the URL, a shared URL restores the view, offer text cannot inject HTML,
// no accessibility violation found by axe-core, screenshots of every view, and the first
// view's time to interactive.
// Run by `cargo test -p jobmarket --test dashboard` (cli/tests/dashboard.rs).
// Usage: node tests/smoke.mjs <base-url> <screenshot-dir>
//   env: XSS_OFFER_ID  id of an offer whose title and description hold HTML to render as text
//        CHROMIUM       browser binary (default /usr/bin/chromium)
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launch, newPage as newBrowserPage, timeToInteractive, CONTEXT_OPTIONS } from './browser.mjs';

/** axe-core (npm), the accessibility checker run on every view. */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const [base0, shots] = process.argv.slice(2);
if (!base0 || !shots) {
  console.error('usage: node tests/smoke.mjs <base-url> <screenshot-dir>');
  process.exit(2);
}
const base = base0.replace(/\/+$/, '');
mkdirSync(shots, { recursive: true });
const VIEWS = ['apercu', 'carte', 'competences', 'salaires', 'entreprises', 'offres'];

const apiJson = async (path, params = {}) => {
  const q = new URLSearchParams(params).toString();
  const res = await fetch(`${base}/api/v1/${path}${q ? `?${q}` : ''}`);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return res.json();
};
const digits = (s) => String(s).replace(/[^\d-]/g, '');
const fr = (n) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(n);

let passed = 0; let failed = 0;
async function test(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); } catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}
const assert = (c, msg) => { if (!c) throw new Error(msg); };

const browser = await launch();
const consoleErrors = [];
const newPage = () => newBrowserPage(browser, (e) => consoleErrors.push(e));

/** Waits for `view` to be ready (not in error). */
async function ready(page, view) {
  await page.waitForFunction((v) => document.body.dataset.ready === v, view, { timeout: 15000 });
  assert(!(await page.evaluate(() => document.body.dataset.error)), `${view}: view in error state`);
}
/** Runs `action` (a click, a selection) and waits for `view` to be ready again with `hashPart` in the URL. */
async function act(page, action, view, hashPart = '') {
  await page.evaluate(() => { delete document.body.dataset.ready; });
  await action();
  await page.waitForFunction(([v, part]) => document.body.dataset.ready === v && location.hash.includes(part), [view, hashPart], { timeout: 15000 });
  assert(!(await page.evaluate(() => document.body.dataset.error)), `${view}: view in error state`);
}
async function open(page, hash, view) {
  await page.goto('about:blank');
  await page.goto(`${base}/${hash}`);
  await ready(page, view);
}

// ---- each chart's figures against the API ----------------------------------------------
// For every chart: the API request the view makes (params on top of the shared filters) and
// the rows it must show, as [label or null, count] pairs read from the figure's data table.
const pairs = (items, label, count) => items.map((x) => [label(x), count(x)]);
const median = (g) => (g.suppressed || g.median == null ? 0 : Math.round(g.median));
const bucketRows = (j) => pairs(j.buckets, (b) => b.label, (b) => b.count);
const CHARTS = {
  apercu: [
    ['chart-weekly', 'timeseries', { interval: 'week', metric: 'new', by: 'role', top: 6 }, (j) => pairs(j.series[0].points, () => null, (p) => p.count), -1],
    ['chart-roles', 'breakdowns/role', { size: 20 }, bucketRows, 1],
    ['chart-contracts', 'breakdowns/contract', { size: 20 }, bucketRows, 1],
    ['chart-companies', 'breakdowns/company', { size: 10 }, (j) => pairs(j.buckets, (c) => c.label || c.key, (c) => c.count), 1],
  ],
  competences: [
    ['chart-top-skills', 'breakdowns/skill', { size: 20 }, bucketRows, 1],
    ['chart-rising', 'skills/trends', { size: 10 }, (j) => pairs(j.rising, (x) => x.label, (x) => x.current_count), 4],
    ['chart-falling', 'skills/trends', { size: 10 }, (j) => pairs(j.falling, (x) => x.label, (x) => x.current_count), 4],
    ['chart-cooccurrence', 'skills/python/cooccurrence', { size: 15 }, (j) => pairs(j.related, (x) => x.label, (x) => x.count), 1],
  ],
  salaires: [
    ['chart-salary-role', 'salaries', { group_by: 'role' }, (j) => pairs(j.groups, () => null, (g) => g.count), 4],
    ['chart-salary-region', 'salaries', { group_by: 'region' }, (j) => pairs(j.groups, () => null, (g) => g.count), 4],
    ['chart-salary-trend', 'salaries/trend', { interval: 'month' }, (j) => pairs(j.points, () => null, (p) => p.count), 4],
    // the medians shown (0 where a group is too small to show one)
    ['chart-salary-role', 'salaries', { group_by: 'role' }, (j) => pairs(j.groups, () => null, median), 2],
    ['chart-salary-region', 'salaries', { group_by: 'region' }, (j) => pairs(j.groups, () => null, median), 2],
    ['chart-salary-trend', 'salaries/trend', { interval: 'month' }, (j) => pairs(j.points, () => null, median), 2],
    ['chart-salary-histogram', 'salaries/histogram', { band: 5000 }, (j) => pairs(j.bands, () => null, (b) => b.count), 1],
  ],
  entreprises: [
    ['chart-recruiters', 'companies', { size: 20, detail_size: 5 }, (j) => pairs(j.companies, (c) => c.name, (c) => c.offers), 1],
  ],
};
const sortPairs = (ps) => ps.map(([l, c]) => `${l ?? ''}=${c}`).sort();

/** Every chart of `view` shows what the API answers for `filters`; returns how many rows were compared. */
async function chartsMatchApi(page, view, filters = {}) {
  let rows = 0;
  for (const [testid, path, params, expected, col] of CHARTS[view] || []) {
    const want = sortPairs(expected(await apiJson(path, { ...filters, ...params })));
    const table = await page.$$eval(`[data-testid="${testid}-table"] tbody tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    const got = sortPairs(table.map((cells) => [want.some((w) => !w.startsWith('=')) ? cells[0] : null, Number(digits(cells.at(col)))]));
    assert(JSON.stringify(got) === JSON.stringify(want), `${testid}: table ${JSON.stringify(got.slice(0, 6))}… vs API ${JSON.stringify(want.slice(0, 6))}…`);
    rows += got.length;
  }
  if (view === 'apercu') {
    const ov = await apiJson('overview', filters);
    const kpis = [['kpi-active', ov.active_offers], ['kpi-new', ov.new_last_7_days], ['kpi-salary-share', ov.with_salary_share], ['kpi-remote', ov.remote_share]];
    if (ov.median_salary_eur != null) kpis.push(['kpi-salary', ov.median_salary_eur]);
    for (const [testid, value] of kpis) {
      const v = await page.getAttribute(`[data-testid="${testid}-value"]`, 'data-value');
      assert(Number(v) === Number(value), `${testid}: ${v} vs API ${value}`);
    }
    assert(await page.textContent('[data-testid="kpi-active-value"]') === fr(ov.active_offers), 'kpi-active formatting');
  }
  if (view === 'entreprises') {
    // each company card: its offers, and its roles, places and skills with their counts
    const api = await apiJson('companies', { ...filters, size: 20, detail_size: 5 });
    const cards = await page.$$eval('[data-testid="company-card"]', (els) => els.map((el) => ({
      key: el.dataset.company,
      lists: [...el.querySelectorAll('dd')].map((dd) => [...dd.querySelectorAll('li')].map((li) => `${li.firstChild.textContent}=${li.querySelector('b').textContent}`)),
    })));
    const squash = (t) => t.replace(/[\s\u202f\u00a0]/g, '');
    const want = api.companies.map((c) => ({ key: c.key, lists: [c.roles, c.departments, c.skills].map((l) => l.map((x) => squash(`${x.label || x.key}=${fr(x.count)}`))) }));
    const got = cards.map((c) => ({ key: c.key, lists: c.lists.map((l) => l.map(squash)) }));
    assert(JSON.stringify(got) === JSON.stringify(want), `company cards ${JSON.stringify(got[0])} vs API ${JSON.stringify(want[0])}`);
    rows += got.length;
  }
  if (view === 'competences') {
    // the role × skill heat map: each role's share of offers citing each of the top 12 skills
    const [tops, byRole] = await Promise.all([apiJson('breakdowns/skill', { ...filters, size: 20 }), apiJson('skills/by-role', { ...filters, size: 100 })]);
    const cols = tops.buckets.slice(0, 12);
    const pct = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
    const want = byRole.roles.filter((r) => r.offers > 0).map((r) => [`${r.label} (${fr(r.offers)})`,
      ...cols.map((c) => { const t = r.top.find((x) => x.key === c.key); return t ? digits(pct.format(t.share)) : 'rare'; })]);
    assert(want.length > 0 && cols.length > 0, 'nothing to compare in the heat map');
    const head = await page.$$eval('[data-testid="chart-heatmap-table"] thead th', (ths) => ths.map((t) => t.textContent));
    assert(JSON.stringify(head.slice(1)) === JSON.stringify(cols.map((c) => c.label)), `heat map columns ${head.slice(1, 4)}…`);
    const got = await page.$$eval('[data-testid="chart-heatmap-table"] tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    const norm = (rows) => rows.map(([role, ...cells]) => [role.replace(/[\s\u202f\u00a0]/g, ''), ...cells.map((c) => (c === 'rare' ? c : digits(c)))]);
    assert(JSON.stringify(norm(got)) === JSON.stringify(norm(want)), `heat map ${JSON.stringify(got[0])} vs API ${JSON.stringify(want[0])}`);
    rows += got.length;
  }
  if (view === 'carte') {
    const { department, region, ...rest } = filters;
    const b = await apiJson('breakdowns/department', { ...rest, size: 200 });
    const table = new Map(await page.$$eval('[data-testid="map-table"] tbody tr', (trs) => trs.map((tr) => [tr.cells[0].textContent, tr.cells[2].textContent])));
    for (const x of b.buckets) {
      if (table.has(x.key)) { assert(Number(digits(table.get(x.key))) === x.count, `map ${x.key}: ${table.get(x.key)} vs API ${x.count}`); rows++; }
    }
    assert(rows > 0 || !b.buckets.length, 'map table has no department of the API');
  }
  if (view === 'salaires') {
    const s = await apiJson('salaries', { ...filters, group_by: 'role,seniority' });
    const v = Number(await page.getAttribute('[data-testid="salary-share-value"]', 'data-value'));
    assert(Math.abs(v - s.with_salary_share) < 1e-9, `salary share ${v} vs API ${s.with_salary_share}`);
    const cells = await page.$$eval('[data-testid="salary-grid-table"] td[data-suppressed]', (tds) => tds.map((t) => t.textContent));
    assert(cells.length === s.groups.filter((g) => g.suppressed).length, `suppressed cells ${cells.length}`);
    assert(cells.every((t) => !/€/.test(t)), 'a suppressed cell shows a figure');
  }
  if (view === 'offres') {
    const o = await apiJson('offers', { ...filters, sort: filters.q ? 'relevance' : 'newest', page: 1, page_size: 20 });
    const total = await page.getAttribute('[data-testid="offers-total"]', 'data-value');
    assert(Number(total) === o.total, `offers total ${total} vs API ${o.total}`);
    assert((await page.textContent('[data-testid="offers-total"]')).startsWith(fr(o.total)), 'offers total formatting');
    const ids = await page.$$eval('[data-testid="offer-item"]', (els) => els.map((e) => e.dataset.id));
    assert(JSON.stringify(ids) === JSON.stringify(o.offers.map((x) => x.id)), 'offer list differs from the API');
    rows += ids.length;
  }
  return rows;
}

const page = await newPage();

// ---- time to interactive of the first view (cold: new context, nothing cached) ----------
await test('apercu: time to interactive', async () => {
  const ms = await timeToInteractive(page, `${base}/#/apercu`, 'apercu');
  console.log(`time to interactive (first view, navigation start → data-ready): ${Math.round(ms)} ms`);
});

for (const view of VIEWS) {
  await test(`${view}: ready, every chart has its data table, figures match the API, screenshot`, async () => {
    await open(page, `#/${view}`, view);
    const bad = await page.evaluate(() => [...document.querySelectorAll('figure[data-testid]')]
      .filter((f) => !f.querySelector('table tbody tr') && !f.querySelector('[data-empty]')).map((f) => f.dataset.testid));
    assert(!bad.length, `figures without data: ${bad.join(', ')}`);
    const rows = await chartsMatchApi(page, view);
    assert(rows > 0, 'nothing compared');
    await page.screenshot({ path: join(shots, `${view}.png`), fullPage: true });
  });
}

await test('carte: regions per 100 000 inhabitants and departments by median salary match the API', async () => {
  const dec = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
  const table = async () => new Map((await page.$$eval('[data-testid="map-table"] tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)))).map((r) => [r[0], r]));

  await open(page, '#/carte?level=region&metric=per100k', 'carte');
  const regions = await apiJson('breakdowns/region', { size: 50 });
  let rows = await table();
  let compared = 0;
  for (const b of regions.buckets) {
    const row = rows.get(b.key);
    assert(row, `region ${b.key} missing from the map table`);
    assert(Number(digits(row[2])) === b.count, `region ${b.key}: ${row[2]} vs API ${b.count}`);
    if (b.per_100k_inhabitants != null) {
      assert(digits(row[3]) === digits(dec.format(b.per_100k_inhabitants)), `region ${b.key} per 100 000: ${row[3]} vs API ${b.per_100k_inhabitants}`);
      compared++;
    }
  }
  assert(compared > 5, `only ${compared} regions compared`);

  await open(page, '#/carte?metric=salary', 'carte');
  const salaries = await apiJson('salaries', { group_by: 'department' });
  rows = await table();
  compared = 0;
  for (const g of salaries.groups) {
    const row = rows.get(g.keys.department);
    if (!row) continue;
    assert(Number(digits(row[5])) === g.count, `department ${g.keys.department}: ${row[5]} offers with salary vs API ${g.count}`);
    assert(Number(digits(row[4]) || 0) === median(g), `department ${g.keys.department}: median ${row[4]} vs API ${g.median}`);
    compared++;
  }
  assert(compared > 5, `only ${compared} departments compared`);
});

await test('a filter change updates the URL and every view', async () => {
  await open(page, '#/apercu', 'apercu');
  await act(page, () => page.selectOption('#f-role', 'data_engineer'), 'apercu', 'role=data_engineer');
  const f = { role: 'data_engineer' };
  const all = (await apiJson('overview')).active_offers;
  const some = Number(await page.getAttribute('[data-testid="kpi-active-value"]', 'data-value'));
  assert(some > 0 && some < all, `filtered ${some} of ${all}`);
  await chartsMatchApi(page, 'apercu', f);
  for (const view of VIEWS.slice(1)) {
    await act(page, () => page.click(`[data-testid="tab-${view}"]`), view);
    assert(await page.evaluate(() => location.hash.includes('role=data_engineer')), `${view}: filter lost from the URL`);
    await chartsMatchApi(page, view, f);
  }
});

await test('a shared URL restores the view and its filters', async () => {
  const shared = await newPage();
  await shared.goto(`${base}/#/salaires?role=data_engineer&region=11`);
  await ready(shared, 'salaires');
  const shown = async (id) => shared.$eval(id, (sel) => sel.options[sel.selectedIndex].textContent);
  assert(await shown('#f-role') === 'Data engineer', `role select shows ${await shown('#f-role')}`);
  assert(await shown('#f-region') === 'Île-de-France', `region select shows ${await shown('#f-region')}`);
  assert((await shared.textContent('#chips')).includes('Data engineer'), 'chip');
  assert(await shared.getAttribute('[data-testid="tab-salaires"]', 'aria-current') === 'page', 'tab');
  await chartsMatchApi(shared, 'salaires', { role: 'data_engineer', region: '11' });
  await shared.context().close();
});

await test('a filter takes several values: added by its select, removed by their chips', async () => {
  await open(page, '#/apercu?role=data_engineer,data_scientist', 'apercu');
  const all = (await apiJson('overview')).active_offers;
  const two = (await apiJson('overview', { role: 'data_engineer,data_scientist' })).active_offers;
  const de = (await apiJson('overview', { role: 'data_engineer' })).active_offers;
  assert(de < two && two < all, `data engineers ${de}, with data scientists ${two}, all ${all}`);
  await chartsMatchApi(page, 'apercu', { role: 'data_engineer,data_scientist' });
  await act(page, () => page.selectOption('#f-role', 'data_analyst'), 'apercu', 'role=data_engineer,data_scientist,data_analyst');
  await chartsMatchApi(page, 'apercu', { role: 'data_engineer,data_scientist,data_analyst' });
  await act(page, () => page.click('#chips button.chip:has-text("Data engineer")'), 'apercu', 'role=data_scientist,data_analyst');
  await chartsMatchApi(page, 'apercu', { role: 'data_scientist,data_analyst' });
  await act(page, () => page.selectOption('#f-role', '*'), 'apercu');
  assert(!(await page.evaluate(() => location.hash.includes('role='))), 'role still in the URL');
  const back = Number(await page.getAttribute('[data-testid="kpi-active-value"]', 'data-value'));
  assert(back === all, `all roles again: ${back} vs ${all}`);
});

await test('a map click filters the other views (Ctrl+click: several places)', async () => {
  await open(page, '#/carte', 'carte');
  await act(page, () => page.click('path[data-dep="69"]'), 'carte', 'department=69');
  await act(page, () => page.click('path[data-dep="75"]', { modifiers: ['Control'] }), 'carte', 'department=69,75');
  await act(page, () => page.click('[data-testid="tab-apercu"]'), 'apercu', 'department=69,75');
  await chartsMatchApi(page, 'apercu', { department: '69,75' });
  await act(page, () => page.click('[data-testid="tab-carte"]'), 'carte');
  await act(page, () => page.click('path[data-dep="69"]', { modifiers: ['Control'] }), 'carte', 'department=75');
  await act(page, () => page.click('[data-testid="tab-apercu"]'), 'apercu', 'department=75');
  await chartsMatchApi(page, 'apercu', { department: '75' });
  await act(page, () => page.click('[data-testid="tab-carte"]'), 'carte');
  await act(page, () => page.click('path[data-dep="69"]'), 'carte', 'department=69');
  await act(page, () => page.click('[data-testid="tab-apercu"]'), 'apercu', 'department=69');
  await chartsMatchApi(page, 'apercu', { department: '69' });
});

await test('demo banner and last collection', async () => {
  await open(page, '#/apercu', 'apercu');
  const st = await apiJson('status');
  assert(await page.isVisible('[data-testid="demo-banner"]') === Boolean(st.data.demo), 'banner');
  assert((await page.textContent('[data-testid="last-run"]')).includes('Dernière collecte'), 'last run');
});

await test('a planted offer with HTML in its text renders as text (no XSS)', async () => {
  const id = process.env.XSS_OFFER_ID;
  assert(id, 'XSS_OFFER_ID is not set');
  const offer = await apiJson(`offers/${encodeURIComponent(id)}`);
  assert(offer.title.includes('<script>window.__xss=1</script>'), `planted title: ${offer.title}`);
  await open(page, `#/offres?q=${encodeURIComponent('xss')}`, 'offres');
  const titles = await page.$$eval('.offer-item a.title', (as) => as.map((a) => a.textContent));
  assert(titles.includes(offer.title), `planted offer not listed: ${titles.slice(0, 3)}`);
  await open(page, `#/offres?offer=${encodeURIComponent(id)}`, 'offres');
  await page.waitForSelector('[data-testid="offer-detail"] h2');
  assert(await page.textContent('[data-testid="offer-title"]') === offer.title, 'title not literal');
  assert((await page.textContent('[data-testid="offer-description"]')).includes('<img src=x onerror="window.__xss=2">'), 'description not literal');
  assert(await page.isVisible('text=<script>window.__xss=1</script>'), 'the literal <script> text is not visible');
  assert(await page.evaluate(() => window.__xss) === undefined, 'window.__xss is set');
  assert(!(await page.$('main img, main script')), 'an element was injected');
});

await test('unsafe links of an offer are dropped', async () => {
  const evil = '<img src=x onerror="window.__xss=3">';
  const offer = { id: 'x:1', title: evil, company_name: evil, city: evil, department: '75', department_name: 'Paris', contract: 'cdi', contract_label: 'CDI',
    role: 'data_engineer', role_label: evil, remote: 'hybrid', salary_min_eur: 40000, salary_max_eur: 50000, posted_at: '2026-11-01T10:00:00Z', active: true,
    skills: ['python', evil], source: 'francetravail', url: 'javascript:window.__xss=3', description: evil, links: [{ name: evil, url: 'javascript:window.__xss=3' }, { name: 'ok', url: 'https://example.org/o' }] };
  const meta = { demo: true, as_of: new Date().toISOString(), last_success_at: null };
  await page.route('**/api/v1/offers/x%3A1', (r) => r.fulfill({ json: { meta, ...offer } }));
  await open(page, '#/offres?offer=x%3A1', 'offres');
  await page.waitForSelector('[data-testid="offer-detail"] h2');
  const hrefs = await page.$$eval('[data-testid="offer-links"] a', (as) => as.map((a) => a.getAttribute('href')));
  assert(hrefs.length === 1 && hrefs[0] === 'https://example.org/o', `links ${hrefs}`);
  assert(await page.evaluate(() => window.__xss) === undefined, 'injected');
  await page.unrouteAll();
});

await test('accessibility: axe-core finds no WCAG 2.1 A/AA violation on any view, laptop and phone', async () => {
  const found = [];
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    // axe is injected as a script: this context only lets it past the page's CSP
    const context = await browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width, height }, bypassCSP: true });
    const p = await context.newPage();
    const id = process.env.XSS_OFFER_ID;
    for (const [view, hash] of [...VIEWS.map((v) => [v, `#/${v}`]), ['carte', '#/carte?level=region&metric=per100k'],
      ['offres', `#/offres?offer=${encodeURIComponent(id)}`], ['apercu', '#/apercu?role=dba&contract=freelance&period=7']]) {
      await open(p, hash, view);
      await p.addScriptTag({ path: AXE });
      const result = await p.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
      for (const v of result.violations) found.push(`${width}px ${hash}: ${v.id} (${v.impact}) on ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    }
    await context.close();
  }
  assert(!found.length, found.join(' | '));
});

await test('no console errors (CSP violations included)', async () => assert(!consoleErrors.length, consoleErrors.join(' | ')));
await browser.close();
console.log(`screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
