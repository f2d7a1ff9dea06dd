// Smoke tests in a real browser: every view reaches data-ready, its figures match the
// API, the URL restores the filters, a map click filters, offer text cannot inject HTML.
// Usage: node tests/smoke.mjs [pageURL] [apiURL]
//   defaults: http://127.0.0.1:18401/?api=http://127.0.0.1:18400 and http://127.0.0.1:18400
import { chromium } from 'playwright-core';

const page0 = process.argv[2] || 'http://127.0.0.1:18401/?api=http://127.0.0.1:18400';
const api = process.argv[3] || 'http://127.0.0.1:18400';
const apiJson = async (path) => (await fetch(`${api}/api/v1/${path}`)).json();
const digits = (s) => String(s).replace(/[^\d,-]/g, '');
const fr = (n) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(n);

let passed = 0; let failed = 0;
async function test(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); } catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}
const assert = (c, msg) => { if (!c) throw new Error(msg); };

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
const consoleErrors = [];
page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
page.on('pageerror', (e) => consoleErrors.push(e.message));
async function open(hash, view) {
  await page.goto('about:blank');
  await page.goto(page0 + hash);
  await page.waitForFunction((v) => document.body.dataset.ready === v, view, { timeout: 15000 });
  assert(!(await page.evaluate(() => document.body.dataset.error)), 'view in error state');
}

for (const view of ['apercu', 'carte', 'competences', 'salaires', 'entreprises', 'offres']) {
  await test(`${view}: ready, every chart has its data table`, async () => {
    await open(`#/${view}`, view);
    const bad = await page.evaluate(() => [...document.querySelectorAll('figure[data-testid]')]
      .filter((f) => !f.querySelector('table tbody tr') && !f.querySelector('[data-empty]')).map((f) => f.dataset.testid));
    assert(!bad.length, `figures without data: ${bad.join(', ')}`);
  });
}

await test('apercu: headline figures and role chart match the API', async () => {
  await open('#/apercu', 'apercu');
  const ov = await apiJson('overview');
  const v = await page.getAttribute('[data-testid="kpi-active-value"]', 'data-value');
  assert(Number(v) === ov.active_offers, `active ${v} vs ${ov.active_offers}`);
  const shown = await page.textContent('[data-testid="kpi-active-value"]');
  assert(shown === fr(ov.active_offers), `formatted ${JSON.stringify(shown)}`);
  const roles = await apiJson('breakdowns/role?size=20');
  const rows = await page.$$eval('[data-testid="chart-roles-table"] tbody tr', (trs) => trs.map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent]));
  assert(rows.length === roles.buckets.length, 'row count');
  roles.buckets.forEach((b, i) => assert(rows[i][0] === b.label && digits(rows[i][1]) === String(b.count), `row ${i}: ${rows[i]} vs ${b.label} ${b.count}`));
});

await test('salaires: share with salary and suppressed groups', async () => {
  await open('#/salaires', 'salaires');
  const s = await apiJson('salaries?group_by=role,seniority');
  const v = Number(await page.getAttribute('[data-testid="salary-share-value"]', 'data-value'));
  assert(Math.abs(v - s.with_salary_share) < 1e-9, 'share');
  const sup = s.groups.filter((g) => g.suppressed).length;
  const cells = await page.$$eval('[data-testid="salary-grid-table"] td[data-suppressed]', (tds) => tds.map((t) => t.textContent));
  assert(cells.length === sup, `suppressed ${cells.length} vs ${sup}`);
  assert(cells.every((t) => !/€/.test(t)), 'a suppressed cell shows a figure');
});

await test('URL restores filters (#/carte?role=data_engineer&region=11)', async () => {
  await open('#/carte?role=data_engineer&region=11', 'carte');
  assert(await page.inputValue('#f-role') === 'data_engineer', 'role select');
  assert(await page.inputValue('#f-region') === '11', 'region select');
  assert((await page.textContent('#chips')).includes('Data engineer'), 'chip');
});

await test('map click filters the other views', async () => {
  await open('#/carte', 'carte');
  await page.click('path[data-dep="69"]');
  await page.waitForFunction(() => location.hash.includes('department=69') && document.body.dataset.ready === 'carte');
  await page.click('[data-testid="tab-apercu"]');
  await page.waitForFunction(() => document.body.dataset.ready === 'apercu');
  const ov = await apiJson('overview?department=69');
  const v = Number(await page.getAttribute('[data-testid="kpi-active-value"]', 'data-value'));
  assert(v === ov.active_offers, `active in 69: ${v} vs ${ov.active_offers}`);
});

await test('demo banner and last collection', async () => {
  await open('#/apercu', 'apercu');
  const st = await apiJson('status');
  assert(await page.isVisible('[data-testid="demo-banner"]') === Boolean(st.data.demo), 'banner');
  assert((await page.textContent('[data-testid="last-run"]')).includes('Dernière collecte'), 'last run');
});

await test('offer text is rendered as text (no XSS), unsafe links dropped', async () => {
  const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';
  const offer = { id: 'x:1', title: evil, company_name: evil, city: evil, department: '75', department_name: 'Paris', contract: 'cdi', contract_label: 'CDI',
    role: 'data_engineer', role_label: evil, remote: 'hybrid', salary_min_eur: 40000, salary_max_eur: 50000, posted_at: '2026-11-01T10:00:00Z', active: true,
    skills: ['python', evil], source: 'francetravail', url: 'javascript:window.__xss=1', description: evil, links: [{ name: evil, url: 'javascript:window.__xss=1' }, { name: 'ok', url: 'https://example.org/o' }] };
  const meta = { demo: true, as_of: new Date().toISOString(), last_success_at: null };
  await page.route('**/api/v1/offers?**', (r) => r.fulfill({ json: { meta, total: 1, page: 1, page_size: 20, offers: [offer] } }));
  await page.route('**/api/v1/offers/x%3A1', (r) => r.fulfill({ json: { meta, ...offer } }));
  await open('#/offres?q=xss', 'offres');
  assert(await page.textContent('.offer-item a.title') === evil, 'title not literal');
  await page.click('.offer-item a.title');
  await page.waitForFunction(() => document.querySelector('[data-testid="offer-detail"] h2'));
  assert(await page.textContent('[data-testid="offer-description"]') === evil, 'description not literal');
  const hrefs = await page.$$eval('[data-testid="offer-links"] a', (as) => as.map((a) => a.getAttribute('href')));
  assert(hrefs.length === 1 && hrefs[0] === 'https://example.org/o', `links ${hrefs}`);
  assert(!(await page.evaluate(() => window.__xss)) && !(await page.$('[data-testid="offer-detail"] img, .offer-item img')), 'injected');
  await page.unrouteAll();
});

await test('no console errors', async () => assert(!consoleErrors.length, consoleErrors.join(' | ')));
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
