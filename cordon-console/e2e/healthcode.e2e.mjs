#!/usr/bin/env node
// Browser test of the console's health-code page against a running Cordon server (demo accounts), in
// Debian's headless Chromium.
//
//   node cordon-console/e2e/healthcode.e2e.mjs http://127.0.0.1:8080
//
// Seeds over the API (HTTP Basic): a case, its close contact (a restaurant two days ago) and the close
// contact's secondary contact (another restaurant a day ago), and confirms the case. Then signs in as the
// command centre, opens 健康码, looks up the secondary contact (yellow under the 9th edition), switches
// the policy to the 8th edition through the confirmation dialog (the code turns red, the page names who
// switched) and back to the 9th (yellow again), and reads the page in English. Checks that an
// investigator may not switch. Fails on any uncaught page error or Content Security Policy violation.
// Screenshots go to cordon-console/target/e2e/healthcode-*.png. Exits non-zero on any failure.
import { chromium } from 'playwright-core';
import { CHROMIUM, Failure, api, baseUrl, check, identityNumber, log, shotDir, signIn } from './support.mjs';
import fs from 'node:fs';
import path from 'node:path';

const PASSWORD = 'cordon-demo';
const STEP_TIMEOUT_MS = 20_000;
const STREET = '140105006001';
const base = baseUrl('healthcode.e2e.mjs');

const { call, ok } = api(base, PASSWORD);

/** A case, its close contact and the close contact's secondary contact; the case confirmed. */
async function seed() {
  const salt = Date.now() % 100_000;
  const [caseId, close, secondary] = [0, 1, 2].map((i) => 9_300_000 + salt * 3 + i);
  const idOf = (n) => identityNumber('140105', '19790321', n % 1000);
  await ok('command', 'POST', '/api/intake/persons',
    'person_id,household_id,home_division,id_number,name,phone,lat,lon\n'
    + [caseId, close, secondary].map((id, i) => `${id},${id},${STREET},${idOf(id)},码测${i},1380000${String(id % 10000).padStart(4, '0')},37.8,112.5`).join('\n')
    + '\n', 'text/csv');
  const venue = `E2E-HC-${salt}`;
  await ok('command', 'POST', '/api/intake/venues',
    'venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class\n'
    + `${venue}-A,小店饭馆,restaurant,140105006,37.8,112.5,60,close\n`
    + `${venue}-B,小店茶馆,restaurant,140105006,37.8,112.5,60,close\n`, 'text/csv');
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const twoDaysAgo = Date.now() - 2 * 86_400_000;
  const oneDayAgo = Date.now() - 86_400_000;
  await ok('command', 'POST', '/api/intake/scans',
    'person_id,venue_id,time,exit_time\n'
    + `${caseId},${venue}-A,${iso(twoDaysAgo)},${iso(twoDaysAgo + 3_600_000)}\n`
    + `${close},${venue}-A,${iso(twoDaysAgo + 600_000)},${iso(twoDaysAgo + 4_200_000)}\n`
    + `${close},${venue}-B,${iso(oneDayAgo)},${iso(oneDayAgo + 3_600_000)}\n`
    + `${secondary},${venue}-B,${iso(oneDayAgo + 600_000)},${iso(oneDayAgo + 4_200_000)}\n`, 'text/csv');
  const onset = iso(Date.now() - 36 * 3_600_000);
  const confirmed = await ok('investigator', 'POST', '/api/cases', { personId: caseId, onsetTime: onset });
  check(confirmed.contacts.close >= 1 && confirmed.contacts.secondary >= 1,
    `the case should have a close and a secondary contact: ${JSON.stringify(confirmed)}`);
  log(`case ${caseId}: close contact ${close}, secondary contact ${secondary}`);
  return { caseId, close, secondary };
}

async function shot(page, name) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(shotDir, name), fullPage: true });
}

async function colourOfCode(page, colour) {
  await page.waitForFunction((c) => document.querySelector('[data-test=code-result]')?.dataset.colour === c,
    colour, { timeout: STEP_TIMEOUT_MS }).catch(async () => {
    const now = await page.locator('[data-test=code-result]').getAttribute('data-colour').catch(() => 'none');
    throw new Failure(`the looked-up code should be ${colour}, is ${now}`);
  });
}

/** Switches to {@code preset} through the confirmation dialog and waits for the page to show it. */
async function switchTo(page, preset) {
  await page.locator(`[data-test=policy-switch-${preset}]`).click();
  const dialog = page.locator('.policy-confirm');
  await dialog.waitFor({ state: 'visible' });
  const text = await dialog.textContent();
  check(text.includes(preset), `the confirmation should name ${preset}: "${text}"`);
  await dialog.locator('.el-message-box__btns .el-button--primary').click();
  await page.waitForFunction((p) => document.querySelector('[data-test=policy-active]')?.dataset.policy === p,
    preset, { timeout: STEP_TIMEOUT_MS });
}

async function main() {
  fs.mkdirSync(shotDir, { recursive: true });
  const seeded = await seed();
  const before = await ok('command', 'GET', '/api/health-codes/policy');
  check(before.policy === 'healthcode-9th', `the demo runs the 9th edition: ${JSON.stringify(before)}`);
  const investigator = await call('investigator', 'PUT', '/api/health-codes/policy', { policy: 'healthcode-8th' });
  check(investigator.status === 403, `an investigator may not switch: ${investigator.status}`);
  const unknown = await call('command', 'PUT', '/api/health-codes/policy', { policy: 'healthcode-10th' });
  check(unknown.status === 400 && unknown.body.detail.includes('healthcode-10th'),
    `an unknown preset should be 400 with the reason: ${unknown.status} ${unknown.text}`);

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
        `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
    });

    await signIn(page, base, 'command', PASSWORD, STEP_TIMEOUT_MS);
    await page.locator('[data-test=menu-health-codes]').click();
    await page.locator('[data-test=health-codes-title]').waitFor();
    check((await page.locator('[data-test=health-codes-title]').textContent()).includes('健康码'),
      'the page title should read 健康码');
    await page.locator('[data-test=policy-active][data-policy=healthcode-9th]').waitFor();

    await page.locator('input[name=code-person]').fill(String(seeded.secondary));
    await page.locator('[data-test=code-lookup]').click();
    await colourOfCode(page, 'yellow');
    const reasons = await page.locator('[data-test=code-reasons]').textContent();
    check(reasons.includes('次密切接触者') && reasons.includes(String(seeded.close)),
      `the reason should say secondary contact of ${seeded.close}: "${reasons}"`);
    await shot(page, 'healthcode-9th.png');

    await switchTo(page, 'healthcode-8th');
    await colourOfCode(page, 'red');
    check((await page.locator('[data-test=policy-set-by]').textContent()).includes('command'),
      'the page should name who switched');
    await shot(page, 'healthcode-8th.png');

    await switchTo(page, 'healthcode-9th');
    await colourOfCode(page, 'yellow');
    const after = await ok('command', 'GET', '/api/health-codes/policy');
    check(after.policy === 'healthcode-9th' && after.history.length >= 2
      && after.history[1].policy === 'healthcode-8th', `the history should list both switches: ${JSON.stringify(after.history)}`);

    await page.locator('[data-test=lang-switch]').first().click();
    await page.waitForFunction(() => document.querySelector('[data-test=health-codes-title]')?.textContent.includes('Health codes'));
    const english = await page.locator('[data-test=code-reasons]').textContent();
    check(english.includes('secondary contact'), `the English reason should say secondary contact: "${english}"`);
    await shot(page, 'healthcode-en.png');

    check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(' | ')}`);
    check(cspViolations.length === 0, `Content Security Policy violations: ${cspViolations.join(' | ')}`);
    log(`PASS (screenshots in ${shotDir})`);
  } catch (e) {
    if (page) {
      await page.screenshot({ path: path.join(shotDir, 'healthcode-failure.png'), fullPage: true }).catch(() => {});
    }
    throw e;
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(`e2e: FAIL: ${e instanceof Failure ? e.message : e.stack || e}`);
  process.exit(1);
});
