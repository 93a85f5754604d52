// The search page in a real browser (Debian's Chromium driven by playwright-core): a search, a
// facet that filters and shows its chip, Back to the unfiltered results, completion from the
// keyboard, and the timeline. The server and its index are set up by ./run, which passes
// DATELINE_URL. Any console error (a Content-Security-Policy violation among them) fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.DATELINE_URL;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
assert.ok(base, 'DATELINE_URL must name the running server');

let context;
let page;
let profile;
const consoleErrors = [];

before(async () => {
  profile = mkdtempSync(join(tmpdir(), 'dateline-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1200, height: 900 },
  });
  page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(10000);
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// What the page should show, asked of the API directly: the samples grow, the test need not.
async function api(path) {
  const response = await fetch(`${base}${path}`);
  assert.equal(response.status, 200, path);
  return response.json();
}
const articles = (n) => new RegExp(`^${n} ${n === 1 ? 'article' : 'articles'}\\b`);

const statusText = () => page.locator('#status').innerText();
const resultCount = () => page.locator('#result-list > li').count();

async function waitForStatus(pattern) {
  try {
    await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('status').textContent),
      pattern.source);
  } catch (error) {
    throw new Error(`the status never matched ${pattern}: it says "${await statusText()}" at ${page.url()}`);
  }
}

test('search, filter by a facet, go back', async () => {
  const all = await api('/api/search?q=said');
  const reutersCount = all.facets.sources.find((f) => f.value === 'Reuters').count;
  assert.ok(all.total > 10 && reutersCount < all.total, 'the samples should give a second page and a narrower facet');

  await page.goto(base);
  assert.equal(await page.locator('#intro').isVisible(), true);

  await page.locator('#q').fill('said');
  await page.locator('#q').press('Enter');
  await waitForStatus(articles(all.total));
  assert.equal(await resultCount(), 10);
  assert.match(page.url(), /\?q=said$/);
  // Snippets keep Xapian's highlighting and nothing else.
  assert.ok(await page.locator('#result-list .snippet b').count() > 0);
  assert.equal(await page.locator('#result-list .snippet *:not(b)').count(), 0);
  const unfiltered = await statusText();

  const reuters = page.locator('#facets section', { hasText: 'Sources' }).getByRole('button', { name: /Reuters/ });
  await reuters.click();
  await waitForStatus(articles(reutersCount));
  assert.equal(await resultCount(), reutersCount);
  assert.match(page.url(), /source=Reuters/);
  const chip = page.locator('#chips .chip');
  assert.equal(await chip.count(), 1);
  assert.match(await chip.innerText(), /Source: Reuters/);
  for (const source of await page.locator('#result-list .source').allInnerTexts()) assert.equal(source, 'Reuters');
  assert.equal(await reuters.getAttribute('aria-pressed'), 'true');

  await page.goBack();
  await waitForStatus(articles(all.total));
  assert.equal(await statusText(), unfiltered);
  assert.equal(await page.locator('#chips .chip').count(), 0);
  assert.equal(await page.locator('#chips-bar').isVisible(), false);
  assert.equal(await page.locator('#q').inputValue(), 'said');

  await page.goForward();
  await waitForStatus(articles(reutersCount));
  await page.locator('#chips .chip button').click();  // removing the chip filters no more
  await waitForStatus(articles(all.total));

  await page.locator('#next').click();
  await waitForStatus(/showing 11–/);
  assert.match(page.url(), /offset=10/);
});

test('completion works from the keyboard and adds a filter', async () => {
  await page.goto(base);
  await page.locator('#q').click();
  await page.keyboard.type('heg');
  const option = page.locator('#suggestions [role=option]', { hasText: 'Pete Hegseth' });
  await option.waitFor();
  assert.equal(await page.locator('#q').getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#suggestions [aria-selected=true]').count(), 1);
  await page.keyboard.press('Enter');
  await waitForStatus(/^1 article\b/);
  assert.match(await page.locator('#chips .chip').innerText(), /Person: Pete Hegseth/);
  assert.match(page.url(), /person=Pete\+Hegseth/);
});

test('a timeline bar narrows the dates; an article opens', async () => {
  const all = await api('/api/search?q=said');
  const bucket = all.histogram.buckets.find((b) => b.count > 0 && b.count < all.total);
  await page.goto(`${base}/?q=said`);
  await waitForStatus(articles(all.total));
  await page.locator(`#timeline button[aria-label^="${bucket.value}:"]`).click();
  await waitForStatus(articles(bucket.count));
  assert.match(page.url(), new RegExp(`since=${bucket.value}&until=${bucket.value}`));
  assert.match(await page.locator('#chips .chip').innerText(), new RegExp(`Date: ${bucket.value}`));

  await page.locator('#result-list .headline button').first().click();
  await page.locator('#article-view[open]').waitFor();
  await page.waitForFunction(() => document.getElementById('article-body').childElementCount > 0);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#article-view[open]').count(), 0);
});

test('a query error points at the problem', async () => {
  await page.goto(`${base}/?q=${encodeURIComponent('nato "ukraine')}`);
  await page.locator('#error').waitFor();
  assert.match(await page.locator('#error').innerText(), /never closed/);
  // The browser reports the 400 itself; that one is expected.
  const expected = consoleErrors.findIndex((e) => /status of 400/.test(e));
  if (expected >= 0) consoleErrors.splice(expected, 1);
});

test('on a phone-sized screen the page still works', async () => {
  const all = await api('/api/search?q=said');
  await page.setViewportSize({ width: 380, height: 800 });
  await page.goto(`${base}/?q=said`);
  await waitForStatus(articles(all.total));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 380, `the page is ${width}px wide on a 380px screen`);
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
