#!/usr/bin/env node
// Browser test of the console against a running Cordon server, in Debian's headless Chromium.
//
//   node cordon-console/e2e/intake.e2e.mjs http://127.0.0.1:8080
//
// Signs in as the demo command-centre user (after a refused wrong password), reads the dashboard
// counts, uploads a venue (NDJSON), a strict persons batch with one bad identity number (must be
// rejected whole, line 3 named), a good persons batch, a scans batch, a scans file with a wrong header
// (refused whole) and the first scans batch again (all duplicates), then checks on the dashboard that
// persons, venues and scans today went up by exactly what was stored. Switches to English and checks
// that the labels change and the choice survives a reload.
// Runs under the server's Content Security Policy: checks that the page got one without 'unsafe-inline'
// or 'unsafe-eval', hovers the chart (its tooltip) and the map (drawn shapes, their tooltip), and fails
// on any CSP violation the browser reports (securitypolicyviolation events and console messages).
// Screenshots go to cordon-console/target/e2e/. Exits non-zero with a message on any failure.
import { chromium } from 'playwright-core';
import { CHECK, CHROMIUM, Failure, baseUrl, check, identityNumber, log, shanghaiIso, shotDir } from './support.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const USER = process.env.CORDON_E2E_USER || 'command';
const PASSWORD = process.env.CORDON_E2E_PASSWORD || 'cordon-demo';
const STEP_TIMEOUT_MS = 20_000;
const PERSONS = 5;
const SCANS = 7;

const base = baseUrl('intake.e2e.mjs');

// ---- test data -----------------------------------------------------------------------------------

function wrongCheck(id) {
  const right = id[17];
  const other = CHECK.split('').find((c) => c !== right);
  return id.slice(0, 17) + other;
}

function shanghaiDayStart(ms) {
  const shifted = ms + 8 * 3600_000;
  return shifted - (shifted % 86_400_000) - 8 * 3600_000;
}

/**
 * "Scans today" restarts at Shanghai midnight: a run spanning it would see the count drop, and the
 * scans must lie within today. They span the last ten minutes so that the case's presence, cut at the
 * moment it is traced, overlaps the others' by more than the policy's minimum (a run two minutes after
 * midnight squeezed them into 107 s, and one key person met the case for only 52 s). Runs that start
 * in the two minutes before midnight or the eleven after wait until it is safely past.
 */
async function awayFromMidnight() {
  const now = Date.now();
  const sinceStart = now - shanghaiDayStart(now);
  const wait = sinceStart < 660_000 ? 660_000 - sinceStart
    : sinceStart > 86_400_000 - 120_000 ? 86_400_000 - sinceStart + 660_000 : 0;
  if (wait > 0) {
    log(`waiting ${Math.ceil(wait / 1000)} s until it is safely past midnight in Shanghai`);
    await new Promise((r) => setTimeout(r, wait));
  }
}

function makeFiles(dir) {
  const runTag = Date.now();
  const rnd = (n) => Math.floor(Math.random() * n);
  const area = '140105'; // 小店区, 太原市
  const venueId = `E2E-${runTag.toString(36).toUpperCase()}`;
  const persons = [];
  for (let i = 0; i < PERSONS; i++) {
    const year = 1950 + rnd(55);
    const birth = `${year}${String(1 + rnd(12)).padStart(2, '0')}${String(1 + rnd(28)).padStart(2, '0')}`;
    persons.push({
      id: runTag * 10 + i,
      household: runTag * 10 + (i < 3 ? 0 : 1),
      idNumber: identityNumber(area, birth, (runTag + i * 7) % 1000),
      name: ['王建国', '李秀英', '张伟', '刘芳', '陈静', '杨磊'][i % 6],
      phone: `139${String(10_000_000 + rnd(89_999_999))}`,
      lat: (37.72 + rnd(400) / 10_000).toFixed(6),
      lon: (112.55 + rnd(400) / 10_000).toFixed(6),
    });
  }
  const personsCsv = ['person_id,household_id,home_division,id_number,name,phone,lat,lon',
    ...persons.map((p) => [p.id, p.household, area, p.idNumber, p.name, p.phone, p.lat, p.lon].join(','))].join('\n') + '\n';

  // Same persons under fresh ids, with the third row carrying a wrong check character: strict mode must
  // store none of them.
  const badPersonsCsv = ['person_id,household_id,home_division,id_number,name,phone,lat,lon',
    ...persons.slice(0, 3).map((p, i) => {
      const idNumber = identityNumber(area, '19800101', (runTag + 500 + i) % 1000);
      return [p.id + 5, p.household, area, i === 1 ? wrongCheck(idNumber) : idNumber, p.name, p.phone, p.lat, p.lon].join(',');
    })].join('\n') + '\n';

  // The venue goes in as NDJSON, the rest as CSV, so both content types are exercised.
  const venuesNdjson = `${JSON.stringify({
    venue_id: venueId, name: 'E2E 测试超市', kind: 'supermarket', division: area,
    lat: 37.7361, lon: 112.5652, dwell_minutes: 30, contact_class: 'key',
  })}\n`;

  // Scans at distinct seconds within the last ten minutes of today (Shanghai), none in the future.
  const now = Date.now();
  const from = Math.max(shanghaiDayStart(now), now - 600_000);
  const scans = [];
  for (let i = 0; i < SCANS; i++) {
    const t = from + Math.floor(((now - 5_000 - from) * (i + 1)) / (SCANS + 1));
    scans.push(`${persons[i % PERSONS].id},${venueId},${shanghaiIso(t)}`);
  }
  const scansCsv = `person_id,venue_id,time\n${scans.join('\n')}\n`;
  const badHeaderCsv = `person,venue,when\n${scans[0]}\n`;

  const files = {
    venues: path.join(dir, 'venues.ndjson'),
    badHeader: path.join(dir, 'scans-bad-header.csv'),
    badPersons: path.join(dir, 'persons-bad.csv'),
    persons: path.join(dir, 'persons.csv'),
    scans: path.join(dir, 'scans.csv'),
    // persons 0..2 share a household, all five scanned at the key venue in the last ten minutes
    casePerson: persons[0].id,
  };
  fs.writeFileSync(files.venues, venuesNdjson);
  fs.writeFileSync(files.badHeader, badHeaderCsv);
  fs.writeFileSync(files.badPersons, badPersonsCsv);
  fs.writeFileSync(files.persons, personsCsv);
  fs.writeFileSync(files.scans, scansCsv);
  return files;
}

// ---- browser steps -------------------------------------------------------------------------------

/**
 * Confirms a case for the first person on the cases page: its two household members are close
 * contacts, the two others who scanned at the key venue with it are key persons.
 */
async function confirmCase(page, personId) {
  await page.locator('[data-test=menu-cases]').click();
  await page.locator('[data-test=cases-title]').waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.locator('input[name=case-person]').fill(String(personId));
  await page.locator('input[name=case-onset]').fill(shanghaiIso(Date.now() - 3_600_000));
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST',
    { timeout: STEP_TIMEOUT_MS });
  await page.locator('[data-test=case-submit]').click();
  const response = await answer;
  const body = await response.json();
  check(response.status() === 201, `confirming a case should answer 201, answered ${response.status()}: ${JSON.stringify(body)}`);
  const c = body.contacts;
  check(c.close === 2 && c.secondary === 0 && c.key === 2 && c.companion === 0,
    `the case should have 2 close contacts and 2 key persons: ${JSON.stringify(body)}`);
  const rows = page.locator('[data-test=contacts-table] .el-table__body tr');
  await rows.nth(3).waitFor({ timeout: STEP_TIMEOUT_MS });
  check(await rows.count() === 4, `the contacts table should list 4 contacts, lists ${await rows.count()}`);
  log(`confirmed case ${body.caseId} for person ${personId}: ${JSON.stringify(c)}, traced in ${body.tracedInMs} ms`);
}

/** The policy must be there and strict, or a run without violations would prove nothing. */
function checkPolicy(response) {
  const policy = response.headers()['content-security-policy'] || '';
  const directive = (name) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) || '';
  check(directive('script-src') === "script-src 'self'", `the console should be served with script-src 'self', policy: "${policy}"`);
  check(directive('style-src') === "style-src 'self'", `the console should be served with style-src 'self', policy: "${policy}"`);
  check(!/unsafe-inline|unsafe-eval|data:/.test(policy), `the console's policy should allow nothing inline, evaluated or data:, policy: "${policy}"`);
  log(`Content-Security-Policy: ${policy}`);
}

async function signIn(page) {
  checkPolicy(await page.goto(`${base}/#/login`, { waitUntil: 'domcontentloaded' }));
  const name = page.locator('[data-test=product-name]').first();
  await name.waitFor({ timeout: STEP_TIMEOUT_MS });
  check((await name.textContent()).includes('Cordon 防控指挥平台'),
    `sign-in page should show the Chinese product name, shows "${await name.textContent()}"`);

  await page.locator('input[name=username]').fill(USER);
  await page.locator('input[name=password]').fill('wrong-password');
  await page.locator('[data-test=login-submit]').click();
  const error = page.locator('[data-test=login-error]');
  await error.waitFor({ timeout: STEP_TIMEOUT_MS });
  log(`wrong password refused: ${(await error.textContent()).trim()}`);

  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('[data-test=login-submit]').click();
  await page.waitForURL(/#\/dashboard/, { timeout: STEP_TIMEOUT_MS });
  const user = (await page.locator('[data-test=header-user]').textContent()).trim();
  const role = (await page.locator('[data-test=header-role]').textContent()).trim();
  const area = (await page.locator('[data-test=header-jurisdiction]').textContent()).trim();
  log(`signed in: user "${user}", role "${role}", jurisdiction "${area}"`);
}

async function readCounts(page) {
  const read = async (key) => {
    const value = page.locator(`[data-test=stat-${key}] [data-test=stat-value]`);
    await value.waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.waitForFunction(
      (k) => /^\d+$/.test(document.querySelector(`[data-test=stat-${k}] [data-test=stat-value]`)?.dataset.value || ''),
      key, { timeout: STEP_TIMEOUT_MS });
    return Number(await value.getAttribute('data-value'));
  };
  return { persons: await read('persons'), venues: await read('venues'), scansToday: await read('scansToday') };
}

async function openDashboard(page) {
  await page.locator('[data-test=menu-dashboard]').click();
  await page.waitForURL(/#\/dashboard/, { timeout: STEP_TIMEOUT_MS });
  // the menu opens the user's own jurisdiction (a division chosen in the tree lives in the URL)
  await page.locator('[data-test=dashboard-refresh]').click();
  await page.waitForLoadState('networkidle', { timeout: STEP_TIMEOUT_MS }).catch(() => {});
  const counts = await readCounts(page);
  const title = await page.locator('[data-test=dashboard-title]').textContent();
  log(`dashboard of ${title.trim().replace(/\s+/g, ' ')}`);
  return counts;
}

/** Uploads one file and returns the report tiles; `expect` is 'ok', 'rejected' or 'unreadable'. */
async function upload(page, kind, file, expect) {
  await page.locator('[data-test=menu-intake]').click();
  await page.waitForURL(/#\/intake/, { timeout: STEP_TIMEOUT_MS });
  await page.locator(`[data-test=kind-${kind}]`).click();
  await page.locator('[data-test=intake-file] input[type=file]').setInputFiles(file);
  const chosen = page.locator('[data-test=chosen-file]');
  await chosen.waitFor({ timeout: STEP_TIMEOUT_MS });
  check((await chosen.textContent()).includes(path.basename(file)), `chosen file should be ${path.basename(file)}`);

  const responded = page.waitForResponse((r) => r.url().includes(`/api/intake/${kind}`) && r.request().method() === 'POST',
    { timeout: STEP_TIMEOUT_MS * 3 });
  await page.locator('[data-test=intake-submit]').click();
  const response = await responded;
  const report = page.locator('[data-test=intake-report]');
  await page.waitForFunction((name) => {
    const card = document.querySelector('[data-test=intake-report]');
    const submit = document.querySelector('[data-test=intake-submit]');
    return card && card.dataset.outcome && submit && !submit.classList.contains('is-loading')
      && card.textContent.includes(name);
  }, path.basename(file), { timeout: STEP_TIMEOUT_MS * 3 });
  const outcome = await report.getAttribute('data-outcome');
  const progress = await page.locator('[data-test=intake-progress] [role=progressbar]').getAttribute('aria-valuenow');
  check(progress === '100', `the upload progress bar should stand at 100 after the upload, stands at ${progress}`);
  const tile = async (key) => Number(await page.locator(`[data-test=report-${key}] .tile-value`).getAttribute('data-value'));
  if (outcome === 'failed' || outcome === 'unreadable') {
    const why = (await page.locator(`[data-test=outcome-${outcome}]`).textContent()).trim();
    if (outcome === expect) {
      log(`uploaded ${kind} ${path.basename(file)}: HTTP ${response.status()}, ${outcome}: ${why}`);
      return { outcome, status: response.status(), why };
    }
    throw new Failure(`upload of ${kind} ${path.basename(file)} failed (HTTP ${response.status()}): ${why}`);
  }
  const result = {
    outcome, status: response.status(),
    lines: await tile('lines'), accepted: await tile('accepted'),
    duplicates: await tile('duplicates'), rejected: await tile('rejected'),
  };
  const errors = await page.locator('[data-test=intake-errors] .el-table__body tr').evaluateAll(
    (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent.trim())));
  result.errors = errors;
  log(`uploaded ${kind} ${path.basename(file)}: HTTP ${result.status}, ${outcome}, lines ${result.lines}, accepted ${result.accepted}, `
    + `duplicates ${result.duplicates}, rejected ${result.rejected}${errors.length ? `, errors ${JSON.stringify(errors)}` : ''}`);
  check(outcome === expect, `upload of ${kind} should end "${expect}", ended "${outcome}" (HTTP ${result.status})`);
  return result;
}

async function waitForCounts(page, expected) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let counts;
  for (;;) {
    counts = await readCounts(page);
    const same = Object.keys(expected).every((k) => counts[k] === expected[k]);
    if (same || Date.now() > deadline) return counts;
    await page.locator('[data-test=dashboard-refresh]').click();
    await page.waitForTimeout(500);
  }
}

/** Hovers the chart and the map so their tooltips render (under the policy), and shoots the map. */
async function exerciseCharts(page) {
  const chart = page.locator('[data-test=child-chart]');
  await chart.waitFor({ timeout: STEP_TIMEOUT_MS });
  const c = await chart.boundingBox();
  await page.mouse.move(c.x + c.width / 3, c.y + c.height / 2);
  await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-test=child-chart] .chart-tip-name'))
    .some((e) => e.offsetParent !== null && e.textContent.trim().length > 0), null, { timeout: STEP_TIMEOUT_MS });
  log(`chart tooltip: ${(await page.locator('[data-test=child-chart] .chart-tip-name').first().textContent()).trim()}`);
  await chart.screenshot({ path: path.join(shotDir, 'dashboard-chart-tooltip.png') });

  const map = page.locator('[data-test=division-map]');
  await map.waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.waitForFunction(() => document.querySelectorAll('[data-test=division-map] .leaflet-overlay-pane path').length > 0,
    null, { timeout: STEP_TIMEOUT_MS });
  const shapes = await page.locator('[data-test=division-map] .leaflet-overlay-pane path').count();
  const filled = await page.locator('[data-test=division-map] .leaflet-overlay-pane path').first().getAttribute('fill');
  check(filled && filled !== 'none', `the map's shapes should be filled, first has fill="${filled}"`);
  const m = await map.boundingBox();
  await page.mouse.move(m.x + m.width / 2, m.y + m.height / 2);
  await page.locator('[data-test=division-map] .leaflet-tooltip').first().waitFor({ timeout: STEP_TIMEOUT_MS }).catch(() => {});
  const tip = await page.locator('[data-test=division-map] .leaflet-tooltip').count();
  log(`map: ${shapes} shapes drawn${tip ? `, tooltip "${(await page.locator('[data-test=division-map] .leaflet-tooltip').first().textContent()).trim()}"` : ''}`);
  await map.screenshot({ path: path.join(shotDir, 'dashboard-map.png') });
  await page.mouse.move(0, 0);
}

async function switchToEnglish(page) {
  await page.locator('[data-test=lang-switch]').first().click();
  const label = page.locator('[data-test=stat-persons] [data-test=stat-label]');
  await page.waitForFunction(() => document.querySelector('[data-test=stat-persons] [data-test=stat-label]')?.textContent.trim() === 'Persons',
    null, { timeout: STEP_TIMEOUT_MS }).catch(() => {});
  check((await label.textContent()).trim() === 'Persons',
    `after switching to English the persons card should read "Persons", reads "${(await label.textContent()).trim()}"`);
  check((await page.locator('[data-test=menu-intake]').textContent()).trim() === 'Data intake', 'menu should read "Data intake"');
  await page.reload({ waitUntil: 'domcontentloaded' });
  await label.waitFor({ timeout: STEP_TIMEOUT_MS });
  check((await label.textContent()).trim() === 'Persons', 'the English choice should survive a reload (localStorage)');
  check((await page.locator('[data-test=product-name]').textContent()).trim() === 'Cordon Command Platform',
    'the header should read "Cordon Command Platform" in English');
  log('English labels shown and remembered across a reload');
}

/** Waits until no loading mask is shown, so screenshots show the page, not a spinner. */
async function settle(page) {
  await page.waitForFunction(() => !Array.from(document.querySelectorAll('.el-loading-mask'))
    .some((m) => m.offsetParent !== null), null, { timeout: STEP_TIMEOUT_MS }).catch(() => {});
  await page.waitForTimeout(300);
}

async function shot(page, name) {
  await settle(page);
  await page.screenshot({ path: path.join(shotDir, name), fullPage: true });
}

// ---- run -----------------------------------------------------------------------------------------

async function main() {
  fs.mkdirSync(shotDir, { recursive: true });
  await awayFromMidnight();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-e2e-'));
  const files = makeFiles(workDir);
  log(`test files in ${workDir}`);

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
    // violations the console does not print (e.g. reported ones) still fire this event
    await page.exposeFunction('cordonCspViolation', (v) => cspViolations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => window.cordonCspViolation(
        `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
    });

    await signIn(page);
    const before = await openDashboard(page);
    log(`before: ${JSON.stringify(before)}`);

    const venues = await upload(page, 'venues', files.venues, 'ok');
    check(venues.accepted === 1 && venues.rejected === 0, `the venue should be accepted: ${JSON.stringify(venues)}`);

    const bad = await upload(page, 'persons', files.badPersons, 'rejected');
    check(bad.status === 422, `a strict batch with a bad row should answer 422, answered ${bad.status}`);
    check(bad.errors.some((row) => row[0] === '3' && row[1].length > 0),
      `the error table should name line 3 (the wrong check character) with a reason: ${JSON.stringify(bad.errors)}`);
    await shot(page, 'intake-rejected.png');

    const persons = await upload(page, 'persons', files.persons, 'ok');
    check(persons.accepted === PERSONS && persons.rejected === 0 && persons.errors.length === 0,
      `all ${PERSONS} persons should be accepted: ${JSON.stringify(persons)}`);

    const scans = await upload(page, 'scans', files.scans, 'ok');
    check(scans.accepted === SCANS && scans.rejected === 0, `all ${SCANS} scans should be accepted: ${JSON.stringify(scans)}`);
    await shot(page, 'intake-report.png');

    const unreadable = await upload(page, 'scans', files.badHeader, 'unreadable');
    check(unreadable.status === 422 && /header/i.test(unreadable.why),
      `a file with a wrong header should be refused whole with a reason naming the header: ${JSON.stringify(unreadable)}`);

    const again = await upload(page, 'scans', files.scans, 'ok');
    check(again.accepted === 0 && again.duplicates === SCANS,
      `re-sending the scans should store nothing and count ${SCANS} duplicates: ${JSON.stringify(again)}`);

    await confirmCase(page, files.casePerson);
    await shot(page, 'case-contacts.png');

    await openDashboard(page);
    const expected = { persons: before.persons + PERSONS, venues: before.venues + 1, scansToday: before.scansToday + SCANS };
    const after = await waitForCounts(page, expected);
    log(`after: ${JSON.stringify(after)}`);
    for (const key of Object.keys(expected)) {
      check(after[key] === expected[key],
        `dashboard ${key} should be ${before[key]} + ${expected[key] - before[key]} = ${expected[key]}, is ${after[key]}`);
    }
    await shot(page, 'dashboard-zh.png');
    await exerciseCharts(page);

    await switchToEnglish(page);
    await shot(page, 'dashboard-en.png');

    check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(' | ')}`);
    check(cspViolations.length === 0, `Content Security Policy violations: ${cspViolations.join(' | ')}`);
    log('no Content Security Policy violation');
    await shot(page, 'final.png');
    log(`PASS (screenshots in ${shotDir})`);
  } catch (e) {
    if (page) {
      await page.screenshot({ path: path.join(shotDir, 'failure.png'), fullPage: true }).catch(() => {});
    }
    throw e;
  } finally {
    await browser.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(`e2e: FAIL: ${e instanceof Failure ? e.message : e.stack || e}`);
  console.error(`e2e: screenshot of the failure in ${path.join(shotDir, 'failure.png')}`);
  process.exit(1);
});
