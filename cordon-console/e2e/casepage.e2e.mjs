#!/usr/bin/env node
// Browser test of the case page against a running Cordon server, in Debian's headless Chromium.
//
//   node cordon-console/e2e/casepage.e2e.mjs http://127.0.0.1:8080
//
// Signs in as the demo investigator, stores a small neighbourhood through the intake API (seven
// persons, a restaurant and a supermarket, scans, a bus ride, phone dwells), confirms a case on the
// cases page and opens its page from the case list. Checks the case facts, the itinerary (four stays in
// time order), the map (three positioned places drawn as markers on the county shapes), the
// transmission graph (the case, six contacts, the secondary contact linked to its close contact), then
// clicks the secondary contact's node in the graph and checks the evidence drawer (the restaurant, the
// overlap that meets the rule), opens a trip link's evidence from the contact table (seat rows) and
// filters the table. Fails on any Content Security Policy violation or uncaught page error.
// Screenshots go to cordon-console/target/e2e/. Exits non-zero with a message on any failure.
import { chromium } from 'playwright-core';
import { CHROMIUM, Failure, baseUrl, check, identityNumber, log, shanghaiIso, shotDir, signIn } from './support.mjs';
import fs from 'node:fs';
import path from 'node:path';

const USER = process.env.CORDON_E2E_CASE_USER || 'investigator';
const PASSWORD = process.env.CORDON_E2E_PASSWORD || 'cordon-demo';
const STEP_TIMEOUT_MS = 20_000;

const base = baseUrl('casepage.e2e.mjs');

// ---- test data -----------------------------------------------------------------------------------

const iso = shanghaiIso;

/**
 * P0 the case (onset one hour ago), P1 its household; P2 meets it in the restaurant two days ago
 * (close) and P3 meets P2 there yesterday (secondary); P4 meets it in the supermarket (key); P5 sits
 * two rows from it on a bus (close); P6 dwells in its grid cell for 40 minutes (companion).
 */
function neighbourhood() {
  const tag = Date.now();
  const area = '140105';
  const rnd = (n) => Math.floor(Math.random() * n);
  const names = ['赵志强', '赵丽华', '孙明', '周敏', '吴刚', '郑洁', '王磊'];
  const persons = names.map((name, i) => ({
    id: tag * 10 + i,
    household: tag * 10 + (i < 2 ? 0 : i),
    idNumber: identityNumber(area, `${1960 + rnd(40)}0${1 + rnd(9)}${10 + rnd(18)}`, (tag + i * 13) % 1000),
    name,
    phone: `137${String(10_000_000 + rnd(89_999_999))}`,
  }));
  const suffix = tag.toString(36).toUpperCase();
  const restaurant = { id: `E2E-R-${suffix}`, name: `E2E 晋味饭店 ${suffix}` };
  const market = { id: `E2E-M-${suffix}`, name: `E2E 便民超市 ${suffix}` };
  const trip = `E2E-BUS-${suffix}`;
  // an 800 m grid cell near G5100_7066 (37.8405 N 112.5638 E, 小店区), another one on each run, so a
  // run does not meet the dwells of the runs before it on the same server
  const cell = `G${5096 + Math.floor(tag / 7) % 9}_${7062 + tag % 9}`;
  const now = Date.now();
  const hour = 3600_000;
  const at = (hoursAgo) => iso(now - hoursAgo * hour);
  const p = persons.map((x) => x.id);
  const csv = {
    persons: ['person_id,household_id,home_division,id_number,name,phone,lat,lon',
      ...persons.map((x) => [x.id, x.household, `${area}006001`, x.idNumber, x.name, x.phone, '37.8405', '112.5638'].join(','))],
    venues: ['venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class',
      `${restaurant.id},${restaurant.name},restaurant,${area}006,37.8451,112.5702,60,close`,
      `${market.id},${market.name},supermarket,${area}006,37.8302,112.5521,30,key`],
    scans: ['person_id,venue_id,time,exit_time',
      `${p[0]},${restaurant.id},${at(50)},${at(49)}`,
      `${p[2]},${restaurant.id},${at(49.5)},${at(48.5)}`,
      `${p[0]},${market.id},${at(30)},${at(29.5)}`,
      `${p[4]},${market.id},${at(29.8)},${at(29.2)}`,
      `${p[2]},${restaurant.id},${at(20)},${at(19)}`,
      `${p[3]},${restaurant.id},${at(19.5)},${at(18.5)}`],
    trips: ['person_id,trip_id,seat_row,board_time,alight_time',
      `${p[0]},${trip},6,${at(40)},${at(39.5)}`,
      `${p[5]},${trip},4,${at(40)},${at(39.5)}`],
    dwells: ['person_id,cell_id,start_time,end_time',
      `${p[0]},${cell},${at(60)},${at(58)}`,
      `${p[6]},${cell},${at(59)},${at(58 + 1 / 3)}`],
  };
  return { persons, restaurant, market, trip, cell, csv, onset: at(1) };
}

// ---- browser steps -------------------------------------------------------------------------------

function checkPolicy(response) {
  const policy = response.headers()['content-security-policy'] || '';
  check(/script-src 'self'(;|$)/.test(policy) && /style-src 'self'(;|$)/.test(policy)
    && !/unsafe-inline|unsafe-eval|data:/.test(policy), `the console should get the strict policy, got "${policy}"`);
}

async function signInChecked(page) {
  checkPolicy(await signIn(page, base, USER, PASSWORD, STEP_TIMEOUT_MS));
  log(`signed in as ${USER}`);
}

/** Stores a CSV through the intake API, from the page (same origin, the session cookie goes along). */
async function store(page, kind, lines) {
  const result = await page.evaluate(async ({ kind, body }) => {
    const r = await fetch(`/api/intake/${kind}`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body });
    return { status: r.status, body: await r.text() };
  }, { kind, body: `${lines.join('\n')}\n` });
  check(result.status === 200, `storing ${kind} should answer 200, answered ${result.status}: ${result.body}`);
  const report = JSON.parse(result.body);
  check(report.accepted === lines.length - 1, `all ${lines.length - 1} ${kind} should be stored: ${result.body}`);
}

async function confirmCase(page, hood) {
  await page.locator('[data-test=menu-cases]').click();
  await page.locator('[data-test=cases-title]').waitFor();
  await page.locator('input[name=case-person]').fill(String(hood.persons[0].id));
  await page.locator('input[name=case-onset]').fill(hood.onset);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST');
  await page.locator('[data-test=case-submit]').click();
  const response = await answer;
  const body = await response.json();
  check(response.status() === 201, `confirming should answer 201, answered ${response.status()}: ${JSON.stringify(body)}`);
  const c = body.contacts;
  check(c.close === 3 && c.secondary === 1 && c.key === 1 && c.companion === 1,
    `the case should have 3 close, 1 secondary, 1 key, 1 companion: ${JSON.stringify(body)}`);
  log(`confirmed case ${body.caseId}: ${JSON.stringify(c)}`);
  return body.caseId;
}

async function openCasePage(page, caseId, hood) {
  // newest first: the new case is the first row of the list
  const link = page.locator('[data-test=cases-table] [data-test=case-page-link]').first();
  await link.waitFor();
  await link.click();
  await page.waitForURL(new RegExp(`#/cases/${caseId}$`));
  const name = page.locator('[data-test=case-name]');
  await name.waitFor();
  check((await name.textContent()).trim() === hood.persons[0].name,
    `the case page should name ${hood.persons[0].name}, names "${(await name.textContent()).trim()}"`);
  const close = (await page.locator('[data-test=count-close] strong').textContent()).trim();
  check(close === '3', `the header should count 3 close contacts, counts ${close}`);
}

async function checkItinerary(page, hood) {
  const entries = page.locator('[data-test=itinerary-entry]');
  await entries.nth(3).waitFor();
  const texts = (await entries.allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
  log(`itinerary: ${JSON.stringify(texts)}`);
  check(texts.length === 4, `the itinerary should hold 4 stays, holds ${texts.length}`);
  // dwell 60 h ago, restaurant 50 h, bus 40 h, supermarket 30 h
  check(texts[0].includes(hood.cell), `the first stay should be the dwell in ${hood.cell}: ${texts[0]}`);
  check(texts[1].includes(hood.restaurant.name), `the second stay should be the restaurant: ${texts[1]}`);
  check(texts[2].includes(hood.trip), `the third stay should be the bus ride: ${texts[2]}`);
  check(texts[3].includes(hood.market.name), `the fourth stay should be the supermarket: ${texts[3]}`);
}

async function checkMap(page) {
  const map = page.locator('[data-test=case-map]');
  await page.waitForFunction(() => document.querySelector('[data-test=case-map]')?.dataset.markers === '3',
    null, { timeout: STEP_TIMEOUT_MS }).catch(() => {});
  const markers = await map.getAttribute('data-markers');
  check(markers === '3', `the map should mark 3 places (2 venues, 1 cell; a ride has no position), marks ${markers}`);
  const circles = await page.locator('[data-test=case-map] path.leaflet-interactive').count();
  check(circles === 3, `the map should draw 3 clickable markers, draws ${circles}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-test=case-map] .leaflet-overlay-pane path').length > 3,
    null, { timeout: STEP_TIMEOUT_MS }).catch(() => {});
  const shapes = await page.locator('[data-test=case-map] .leaflet-overlay-pane path').count() - circles - 1;
  log(`map: ${circles} markers, ${shapes} county shapes`);
  // a click on a marker picks its itinerary entry
  await page.locator('[data-test=case-map] path.leaflet-interactive').first().click({ force: true });
  await page.locator('[data-test=itinerary-entry].chosen').waitFor();
  await page.locator('[data-test=case-map] .leaflet-tooltip').first().waitFor();
  await map.screenshot({ path: path.join(shotDir, 'case-map.png') });
}

async function graphNodes(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-test=case-graph]');
    return el && el.dataset.nodes && Object.keys(JSON.parse(el.dataset.nodes)).length > 0;
  }, null, { timeout: STEP_TIMEOUT_MS });
  return JSON.parse(await page.locator('[data-test=case-graph]').getAttribute('data-nodes'));
}

async function checkGraphAndEvidence(page, hood) {
  const nodes = await graphNodes(page);
  const ids = Object.keys(nodes);
  log(`graph: ${ids.length} nodes`);
  check(ids.length === 7, `the graph should show the case and its 6 contacts, shows ${ids.length} nodes`);
  for (const p of hood.persons) check(nodes[p.id], `the graph should show person ${p.id} (${p.name})`);
  const shown = (await page.locator('[data-test=graph-shown]').textContent()).trim();
  log(`graph caption: ${shown}`);

  const graph = page.locator('[data-test=case-graph]');
  await graph.scrollIntoViewIfNeeded();
  const box = await graph.boundingBox();
  const [x, y] = (await graphNodes(page))[hood.persons[3].id];
  const evidence = page.waitForResponse((r) => r.url().includes(`/contacts/${hood.persons[3].id}/evidence`));
  await page.mouse.click(box.x + x, box.y + y);
  const response = await evidence;
  check(response.status() === 200, `the evidence should answer 200, answered ${response.status()}`);
  await page.locator('[data-test=evidence-place]').waitFor();
  const drawer = page.locator('.el-drawer').filter({ has: page.locator('[data-test=evidence-place]') });
  const place = (await page.locator('[data-test=evidence-place]').textContent()).trim();
  check(place.includes(hood.restaurant.name), `the secondary contact's evidence should be the restaurant, is "${place}"`);
  const title = (await drawer.locator('.el-drawer__title, .el-drawer__header').first().textContent()).trim();
  check(title.includes(hood.persons[3].name), `the drawer should be about ${hood.persons[3].name}: "${title}"`);
  const overlaps = page.locator('[data-test=evidence-overlaps] .el-table__body tr');
  await overlaps.first().waitFor();
  check(await overlaps.count() === 1, `one overlap should link ${hood.persons[3].name} to ${hood.persons[2].name}, ${await overlaps.count()} shown`);
  const row = (await overlaps.first().textContent()).replace(/\s+/g, ' ');
  check(row.includes('30') && row.includes('满足'), `the overlap should last 30 minutes and meet the rule: "${row}"`);
  const sources = await page.locator('[data-test=evidence-source] .el-table__body tr').count();
  check(sources === 2, `the close contact's two restaurant visits should be listed, ${sources} are`);
  const descr = (await drawer.textContent()).replace(/\s+/g, ' ');
  check(descr.includes(hood.persons[2].name), `the source should be ${hood.persons[2].name}`);
  log(`evidence of ${hood.persons[3].name}: ${place}; overlap ${row.trim()}`);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(shotDir, 'case-evidence.png') });
  await page.keyboard.press('Escape');
  await page.locator('[data-test=evidence-place]').waitFor({ state: 'detached' }).catch(() => {});
}

async function checkContactsTable(page, hood) {
  const rows = page.locator('[data-test=case-contacts-table] .el-table__body tr');
  await rows.nth(5).waitFor();
  check(await rows.count() === 6, `the contact list should hold 6 rows, holds ${await rows.count()}`);
  // a trip link's evidence, from the table
  await rows.filter({ hasText: hood.persons[5].name }).first().click();
  await page.locator('[data-test=evidence-overlaps] .el-table__body tr').first().waitFor();
  const trip = (await page.locator('[data-test=evidence-overlaps] .el-table__body tr').first().textContent()).replace(/\s+/g, ' ');
  check(trip.includes('相距 2 排'), `the bus ride's evidence should say the seats were 2 rows apart: "${trip}"`);
  await page.keyboard.press('Escape');
  await page.locator('[data-test=evidence-overlaps]').waitFor({ state: 'detached' }).catch(() => {});

  await page.locator('input[name=filter-q]').fill(hood.persons[4].name);
  const filtered = page.waitForResponse((r) => r.url().includes('/contacts?') && r.url().includes('q='));
  await page.locator('[data-test=filter-submit]').click();
  await filtered;
  await page.waitForFunction(() => document.querySelectorAll('[data-test=case-contacts-table] .el-table__body tr').length === 1,
    null, { timeout: STEP_TIMEOUT_MS }).catch(() => {});
  check(await rows.count() === 1, `filtering by ${hood.persons[4].name} should leave 1 row, leaves ${await rows.count()}`);
  const href = await page.locator('[data-test=case-export-xlsx]').getAttribute('href');
  check(href.includes('contacts.xlsx?') && href.includes('q='), `the xlsx export should carry the filter: ${href}`);
  log(`contact list filtered to ${hood.persons[4].name}; export ${href}`);
}

// ---- run -----------------------------------------------------------------------------------------

async function main() {
  fs.mkdirSync(shotDir, { recursive: true });
  const hood = neighbourhood();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const pageErrors = [];
  const cspViolations = [];
  let page;
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') log(`browser console: ${m.text()}`);
      if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
    });
    await page.exposeFunction('cordonCspViolation', (v) => cspViolations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => window.cordonCspViolation(
        `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
    });

    await signInChecked(page);
    for (const kind of ['persons', 'venues', 'scans', 'trips', 'dwells']) await store(page, kind, hood.csv[kind]);
    log(`stored ${hood.persons.length} persons, 2 venues, 6 scans, 2 rides, 2 dwells`);
    const caseId = await confirmCase(page, hood);
    await openCasePage(page, caseId, hood);
    await checkItinerary(page, hood);
    await checkMap(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shotDir, 'case-page.png'), fullPage: true });
    await checkGraphAndEvidence(page, hood);
    await checkContactsTable(page, hood);

    check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(' | ')}`);
    check(cspViolations.length === 0, `Content Security Policy violations: ${cspViolations.join(' | ')}`);
    log(`PASS (screenshots in ${shotDir})`);
  } catch (e) {
    if (page) await page.screenshot({ path: path.join(shotDir, 'case-failure.png'), fullPage: true }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(`e2e: FAIL: ${e instanceof Failure ? e.message : e.stack || e}`);
  console.error(`e2e: screenshot of the failure in ${path.join(shotDir, 'case-failure.png')}`);
  process.exit(1);
});
