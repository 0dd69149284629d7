#!/usr/bin/env node
// Browser test of the resident health-code page against a running Cordon server (with demo accounts
// and cordon.resident.show-codes=true), in Debian's headless Chromium.
//
//   node cordon-console/e2e/resident.e2e.mjs http://127.0.0.1:8080
//
// Over the API (HTTP Basic, demo accounts): stores two persons, a restaurant and their scans there two
// days ago, and confirms the first person as a case, which traces the second as a close contact. Then,
// in a phone-sized browser: the contact signs in on /resident/ with identity number and one-time code
// and must see a red code whose reason names the case and the venue, with a QR code, and the advice to
// turn green; switches to English; reports a negative self-tested antigen result from the page (the
// code stays red: it does not release a close contact). Fails on any Content Security Policy violation
// or page error.
// Screenshots go to cordon-console/target/e2e/resident-*.png. Exits non-zero on any failure.
import { chromium } from 'playwright-core';
import { CHROMIUM, Failure, api, baseUrl, check, identityNumber, log, shotDir } from './support.mjs';
import fs from 'node:fs';
import path from 'node:path';

const STEP_TIMEOUT_MS = 20_000;
const base = baseUrl('resident.e2e.mjs');

const { ok: call } = api(base, 'cordon-demo');

async function traceAContact() {
  const salt = Date.now() % 100_000;
  const caseId = 9_100_000 + salt * 2;
  const contactId = caseId + 1;
  const venue = `E2E-RES-${salt}`;
  const street = '140105006001';
  const birth = '19850612';
  const idOf = (n) => identityNumber('140105', birth, n % 1000);
  const contactIdNumber = idOf(contactId);
  await call('command', 'POST', '/api/intake/persons',
    'person_id,household_id,home_division,id_number,name,phone,lat,lon\n'
    + `${caseId},${caseId},${street},${idOf(caseId)},病例甲,13800000001,37.8,112.5\n`
    + `${contactId},${contactId},${street},${contactIdNumber},王小明,13800000002,37.8,112.5\n`, 'text/csv');
  await call('command', 'POST', '/api/intake/venues',
    'venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class\n'
    + `${venue},小店饭馆,restaurant,140105006,37.8,112.5,60,close\n`, 'text/csv');
  const twoDaysAgo = Date.now() - 2 * 86_400_000;
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  await call('command', 'POST', '/api/intake/scans',
    'person_id,venue_id,time,exit_time\n'
    + `${caseId},${venue},${iso(twoDaysAgo)},${iso(twoDaysAgo + 3_600_000)}\n`
    + `${contactId},${venue},${iso(twoDaysAgo + 600_000)},${iso(twoDaysAgo + 4_200_000)}\n`, 'text/csv');
  const onset = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const confirmed = await call('investigator', 'POST', '/api/cases', { personId: caseId, onsetTime: onset });
  check(confirmed.contacts.close >= 1, `the case should have a close contact: ${JSON.stringify(confirmed)}`);
  log(`case ${caseId} confirmed, contact ${contactId} traced at ${venue}`);
  return { caseId, contactId, contactIdNumber, venue };
}

async function main() {
  fs.mkdirSync(shotDir, { recursive: true });
  const traced = await traceAContact();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const pageErrors = [];
  const cspViolations = [];
  let page;
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN',
      isMobile: true, hasTouch: true });
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

    const response = await page.goto(`${base}/resident/`);
    const policy = response.headers()['content-security-policy'] || '';
    check(/script-src 'self'/.test(policy) && !/unsafe-inline/.test(policy),
      `the resident page should get the strict policy, got "${policy}"`);
    await page.locator('#signin').waitFor({ state: 'visible' });
    check((await page.locator('#sendCode').textContent()).includes('获取验证码'), 'the page should be in Chinese');

    await page.fill('#idNumber', traced.contactIdNumber);
    await page.click('#sendCode');
    await page.locator('#demoCode[data-code]').waitFor();
    const code = await page.locator('#demoCode').getAttribute('data-code');
    check(/^\d{6}$/.test(code), `a six-digit demo code should be shown, got ${code}`);
    await page.fill('#otp', code);
    await page.screenshot({ path: path.join(shotDir, 'resident-signin.png'), fullPage: true });
    await page.click('#signInButton');

    await page.locator('#code').waitFor({ state: 'visible' });
    const band = page.locator('#band');
    check(await band.getAttribute('data-colour') === 'red', `the code should be red, is ${await band.getAttribute('data-colour')}`);
    check((await page.locator('#colourText').textContent()) === '红码', 'the colour should read 红码');
    const reasons = await page.locator('#reasons').textContent();
    check(reasons.includes('密切接触者') && reasons.includes(String(traced.caseId)) && reasons.includes(traced.venue),
      `the reason should say close contact of case ${traced.caseId} at ${traced.venue}: "${reasons}"`);
    check(await page.locator('#qr svg path').count() === 1, 'the QR code should be drawn');
    check((await page.locator('#toGreen').textContent()).includes('隔离'), 'the advice should speak of isolation');
    await page.screenshot({ path: path.join(shotDir, 'resident-red-zh.png'), fullPage: true });
    log(`red with reason: ${reasons}`);

    await page.click('#lang');
    await page.waitForFunction(() => document.getElementById('colourText').textContent === 'Red');
    const english = await page.locator('#reasons').textContent();
    check(english.includes('close contact') && english.includes(String(traced.caseId)),
      `the English reason should say close contact of case ${traced.caseId}: "${english}"`);
    await page.screenshot({ path: path.join(shotDir, 'resident-red-en.png'), fullPage: true });

    // a self-tested antigen result, reported from the page (Beijing time, an hour ago)
    await page.click('#antigen summary');
    const hourAgo = new Date(Date.now() - 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16);
    await page.fill('#antigenAt', hourAgo);
    await page.selectOption('#antigenResult', 'negative');
    await page.click('#antigenSend');
    await page.locator('#antigenNote[data-recorded="1"]').waitFor();
    const note = await page.locator('#antigenNote').textContent();
    check(note.includes('Reported'), `the report should be confirmed: "${note}"`);
    check(await band.getAttribute('data-colour') === 'red', 'a negative self-test does not release a close contact');
    await page.screenshot({ path: path.join(shotDir, 'resident-antigen-en.png'), fullPage: true });

    check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(' | ')}`);
    check(cspViolations.length === 0, `Content Security Policy violations: ${cspViolations.join(' | ')}`);
    log(`PASS (screenshots in ${shotDir})`);
  } catch (e) {
    if (page) {
      await page.screenshot({ path: path.join(shotDir, 'resident-failure.png'), fullPage: true }).catch(() => {});
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
