// Time to interactive of the dashboard's first view (Vue d'ensemble, no filter), measured
// `runs` times, each in a new browser context (empty HTTP cache): navigation start → every
// chart drawn with its data. Prints each run and the median as JSON on the last line.
// Run by the ignored test `first_view_with_a_million_offers` (cli/tests/dashboard.rs).
// Usage: node tests/first-view.mjs <base-url> [runs]
import { launch, newPage, timeToInteractive } from './browser.mjs';

const [base0, runs0 = '7'] = process.argv.slice(2);
if (!base0) {
  console.error('usage: node tests/first-view.mjs <base-url> [runs]');
  process.exit(2);
}
const base = base0.replace(/\/+$/, '');
const runs = Number(runs0);
const browser = await launch();
const errors = [];
const times = [];
for (let i = 0; i < runs; i++) {
  const page = await newPage(browser, (e) => errors.push(e));
  const ms = await timeToInteractive(page, `${base}/#/apercu`, 'apercu');
  const api = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((r) => r.name.includes('/api/v1/'))
    .reduce((slowest, r) => Math.max(slowest, r.responseEnd - r.startTime), 0));
  if (await page.evaluate(() => document.body.dataset.error)) errors.push(`run ${i + 1}: the view is in error`);
  console.log(`run ${i + 1}: ${Math.round(ms)} ms (slowest API answer ${Math.round(api)} ms)`);
  times.push(ms);
  await page.context().close();
}
await browser.close();
const sorted = [...times].sort((a, b) => a - b);
const mid = sorted.length >> 1;
const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
console.log(JSON.stringify({ runs: times.map(Math.round), first_ms: Math.round(times[0]), median_ms: Math.round(median), errors }));
process.exit(errors.length ? 1 : 0);
