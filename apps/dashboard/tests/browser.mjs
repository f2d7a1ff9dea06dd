// Headless Debian Chromium through playwright-core, shared by the browser tests.
import { chromium } from 'playwright-core';

/** Starts the browser (`CHROMIUM` or /usr/bin/chromium) with the flags this project uses. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const CONTEXT_OPTIONS = { viewport: { width: 1280, height: 800 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' };

/**
 * A page in a new context (empty HTTP cache) that records in `window.__readyAt` the instant
 * (ms since navigation start) `data-ready` is first set on <body>; `onError` receives console
 * errors and uncaught exceptions.
 */
export async function newPage(browser, onError = () => {}) {
  const context = await browser.newContext(CONTEXT_OPTIONS);
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && onError(m.text()));
  page.on('pageerror', (e) => onError(e.message));
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.body?.dataset.ready && window.__readyAt === undefined) { window.__readyAt = performance.now(); obs.disconnect(); }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  });
  return page;
}

/**
 * Opens `url` in `page` and returns the time to interactive of its first view: from navigation
 * start to `data-ready` on <body> (every chart of the view drawn with its data).
 */
export async function timeToInteractive(page, url, view) {
  await page.goto(url);
  await page.waitForFunction((v) => document.body.dataset.ready === v, view, { timeout: 60000 });
  const ms = await page.evaluate(() => window.__readyAt);
  if (typeof ms !== 'number') throw new Error('data-ready never observed');
  return ms;
}
