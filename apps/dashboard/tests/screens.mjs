// Full-page screenshots of every view and a few filtered cases, at laptop and phone sizes,
// for looking at the dashboard (not a test: smoke.mjs is); fails on console errors.
// Usage: node tests/screens.mjs <base-url of a jobmarket serve> [out-dir]   (ONLY=<prefix>,
// OPEN_DETAIL=1 opens the first offer's detail)
import { mkdirSync } from 'node:fs';
import { launch } from './browser.mjs';

const [base0, out = '/tmp/jobmarket-screens'] = process.argv.slice(2);
if (!base0) {
  console.error('usage: node tests/screens.mjs <base-url> [out-dir]');
  process.exit(2);
}
const base = base0.replace(/\/+$/, '') + '/';
mkdirSync(out, { recursive: true });

const routes = [
  ['apercu', '#/apercu'],
  ['carte', '#/carte'],
  ['competences', '#/competences'],
  ['salaires', '#/salaires'],
  ['entreprises', '#/entreprises'],
  ['offres', '#/offres'],
  ['carte', '#/carte?role=data_engineer&level=region&metric=per100k', 'carte-region'],
  ['offres', '#/offres?q=python&sort=newest', 'offres-q'],
  ['apercu', '#/apercu?role=dba&region=94&contract=freelance&period=7', 'apercu-empty'],
  ['salaires', '#/salaires?period=30&role=data_engineer', 'salaires-filtered'],
  ['apercu', '#/apercu?role=data_engineer,data_scientist&region=11,84', 'apercu-multi'],
];
const sizes = [['desktop', 1280, 800], ['mobile', 390, 844]];
const only = process.env.ONLY;

const browser = await launch();
let errors = 0;
for (const [size, width, height] of sizes) {
  const page = await browser.newPage({ viewport: { width, height }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') { errors += m.type() === 'error'; console.log(`[${size}] console.${m.type()}: ${m.text()}`); } });
  page.on('pageerror', (e) => { errors++; console.log(`[${size}] page error: ${e.message}`); });
  for (const [view, hash, name = view] of routes) {
    if (only && !name.startsWith(only)) continue;
    const t0 = Date.now();
    await page.evaluate(() => { if (document.body) delete document.body.dataset.ready; }).catch(() => {});
    await page.goto(base + hash);
    await page.waitForFunction((v) => document.body.dataset.ready === v, view, { timeout: 15000 });
    const ms = Date.now() - t0;
    if (process.env.OPEN_DETAIL && view === 'offres') {
      await page.click('.offer-item a.title');
      await page.waitForFunction(() => document.body.dataset.ready === 'offres' && document.querySelector('[data-testid="offer-detail"]'));
    }
    const file = `${out}/${name}-${size}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(`${file} ready in ${ms} ms${await page.evaluate(() => document.body.dataset.error || '') ? ' (error state)' : ''}`);
  }
  await page.close();
}
await browser.close();
console.log(errors ? `${errors} console error(s)` : 'no console errors');
process.exit(errors ? 1 : 0);
