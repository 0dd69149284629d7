#!/usr/bin/env node
// Browser test of the console's mass-testing page against a running Cordon server (demo accounts), in
// Debian's headless Chromium.
//
//   node cordon-console/e2e/testing.e2e.mjs http://127.0.0.1:8080
//
// Seeds over the API (HTTP Basic, as a script would): three residents of one community, a site, a
// campaign over the community, two of them sampled into one 10-in-1 tube by the community worker, and
// the lab's positive result for it. Then signs in as the command centre and checks on the 核酸筛查 page:
// the round's progress (2 of 3 sampled), the coverage row of the community, the map, the turnaround
// board (the tube, resulted), the missed list (the third resident), the recall list (the two of the
// positive pool, each sent to the site), the key-group compliance of a cold store with its overdue worker
// (masked) and the English labels. Fails on any uncaught page error or
// Content Security Policy violation. Screenshots go to cordon-console/target/e2e/.
import { chromium } from 'playwright-core';
import { CHROMIUM, Failure, api, baseUrl, check, identityNumber, log, shanghaiIso, shotDir, signIn } from './support.mjs';
import fs from 'node:fs';
import path from 'node:path';

const PASSWORD = 'cordon-demo';
const STEP_TIMEOUT_MS = 20_000;
const COMMUNITY = '140105006001';
const CAMPAIGN = `E2E-${Date.now().toString(36)}`;

const base = baseUrl('testing.e2e.mjs');

const idNumber = (sequence) => identityNumber('140105', '19800101', sequence);

const { ok: call } = api(base, PASSWORD);

/** Three residents, a site and a campaign; two sampled into one pool, which the lab reports positive. */
async function seed() {
  const now = Date.now();
  const ids = [1, 2, 3].map((i) => 7_700_000 + (now % 100_000) * 10 + i);
  const persons = ids.map((id, i) => `${id},${id},${COMMUNITY},${idNumber(100 + (now + i) % 900)},`
    + `筛查${i + 1},1390000${String(id % 10000).padStart(4, '0')},37.8,112.56`);
  await call('command', 'POST', '/api/intake/persons',
    `person_id,household_id,home_division,id_number,name,phone,lat,lon\n${persons.join('\n')}\n`, 'text/csv');
  await call('command', 'POST', '/api/testing/sites', {
    siteId: `${CAMPAIGN}-S`, name: '通达街采样点', division: '140105006', lat: 37.8, lon: 112.56,
  });
  await call('command', 'POST', '/api/testing/campaigns', {
    campaignId: CAMPAIGN, name: '浏览器测试轮次', startsAt: shanghaiIso(now - 86_400_000),
    endsAt: shanghaiIso(now + 86_400_000), divisions: [COMMUNITY],
  });
  for (const id of ids.slice(0, 2)) {
    await call('community', 'POST', '/api/testing/samples', {
      campaignId: CAMPAIGN, siteId: `${CAMPAIGN}-S`, tube: `${CAMPAIGN}-T1`, personId: id,
      sampledAt: shanghaiIso(now - 120_000),
    });
  }
  const report = await call('lab', 'POST', '/api/testing/results',
    `tube,result,result_time\n${CAMPAIGN}-T1,positive,${shanghaiIso(now - 60_000)}\n`, 'text/csv');
  check(report.recalled === 2, `the positive pool should recall 2 persons: ${JSON.stringify(report)}`);
  // key groups: the first (sampled) and the third (never tested) resident work in one cold store
  await call('command', 'POST', '/api/testing/key-groups/members', [ids[0], ids[2]].map((personId) => ({
    personId, group: 'cold-chain', workplaceId: `${CAMPAIGN}-W`, workplaceName: '浏览器测试冷库',
    since: shanghaiIso(now - 3 * 86_400_000),
  })));
  log(`seeded campaign ${CAMPAIGN}: persons ${ids.join(', ')}, pool ${CAMPAIGN}-T1 positive`);
  return ids;
}

async function settle(page) {
  await page.waitForFunction(() => !Array.from(document.querySelectorAll('.el-loading-mask'))
    .some((m) => m.offsetParent !== null), null, { timeout: STEP_TIMEOUT_MS }).catch(() => {});
  await page.waitForTimeout(300);
}

async function shot(page, name) {
  await settle(page);
  await page.screenshot({ path: path.join(shotDir, name), fullPage: true });
}

async function rows(page, table) {
  return page.locator(`[data-test=${table}] .el-table__body tr`).evaluateAll(
    (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent.trim())));
}

async function tab(page, label) {
  await page.locator('[data-test=testing-tabs] .el-tabs__item', { hasText: label }).click();
  await settle(page);
}

async function main() {
  fs.mkdirSync(shotDir, { recursive: true });
  const ids = await seed();
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
    await page.locator('[data-test=menu-testing]').click();
    await page.locator('[data-test=testing-title]').waitFor();
    check((await page.locator('[data-test=testing-title]').textContent()).includes('核酸筛查'),
      'the page title should read 核酸筛查');
    // pick the campaign seeded above
    await page.locator('[data-test=campaign-select]').click();
    await page.locator('.el-select-dropdown__item', { hasText: CAMPAIGN }).click();
    await settle(page);

    // the round: drill from the jurisdiction down to the community's street
    await page.waitForFunction(() => document.querySelector('[data-test=coverage-table] .el-table__body tr'));
    let coverage = await rows(page, 'coverage-table');
    const progress = (await page.locator('[data-test=round-progress]').textContent()).replace(/\s+/g, ' ');
    check(/已采样 2 \/ 应检 3/.test(progress), `the round should show 2 of 3 sampled: "${progress}"`);
    for (const name of ['小店区', '小店街道']) {
      const row = page.locator('[data-test=coverage-table] .el-table__body tr', { hasText: name });
      await row.first().click();
      await settle(page);
    }
    coverage = await rows(page, 'coverage-table');
    const community = coverage.find((r) => r[0].includes('通达街'));
    check(community && community[1] === '3' && community[2] === '2' && community[3] === '2'
      && community[4] === '1' && community[5] === '2', `the community row should read 3 targeted, 2 sampled, `
      + `2 resulted, 1 missed, 2 recalled: ${JSON.stringify(community)}`);
    check(await page.locator('[data-test=division-map]').count() === 1, 'the board should draw the map');
    await shot(page, 'testing-board.png');

    await tab(page, '实验室时效');
    const tubes = await rows(page, 'turnaround-table');
    const tube = tubes.find((r) => r[0] === `${CAMPAIGN}-T1`);
    check(tube && tube[2] === '2/10' && tube[6].includes('阳性'), `the turnaround board should list the resulted tube: ${JSON.stringify(tubes)}`);
    await shot(page, 'testing-turnaround.png');

    await tab(page, '未检名单');
    // the community itself: drill once more from the board, then come back
    await tab(page, '轮次进度');
    await page.locator('[data-test=coverage-table] .el-table__body tr', { hasText: '通达街' }).first().click();
    await settle(page);
    await tab(page, '未检名单');
    const missed = await rows(page, 'missed-table');
    check(missed.length === 1 && missed[0][0] === String(ids[2]),
      `the missed list should hold the third resident ${ids[2]}: ${JSON.stringify(missed)}`);
    check(missed[0][3].includes('*'), 'the command centre sees masked identity numbers');
    const href = await page.locator('[data-test=missed-xlsx]').getAttribute('href');
    check(href.includes('/missed.xlsx?division=' + COMMUNITY), `the export should be of the community: ${href}`);
    await shot(page, 'testing-missed.png');

    await tab(page, '召回名单');
    const recalls = await rows(page, 'recall-table');
    check(recalls.length === 2 && recalls.every((r) => r[5] === '通达街采样点'),
      `the recall list should send both pool members to the site: ${JSON.stringify(recalls)}`);
    await shot(page, 'testing-recalls.png');

    // key groups: the cold store's compliance, and its overdue worker (masked)
    await tab(page, '重点人群');
    await page.waitForFunction(() => document.querySelector('[data-test=workplace-table] .el-table__body tr'));
    const workplaces = await rows(page, 'workplace-table');
    const store = workplaces.find((r) => r[0] === '浏览器测试冷库');
    check(store && store[1] === '2' && store[2] === '1' && store[3] === '1',
      `the cold store should read 2 members, 1 compliant, 1 overdue: ${JSON.stringify(workplaces)}`);
    await page.locator('[data-test=workplace-table] .el-table__body tr', { hasText: '浏览器测试冷库' }).click();
    await settle(page);
    const late = await rows(page, 'overdue-table');
    check(late.length === 1 && late[0][0] === String(ids[2]) && late[0][2].includes('*')
      && late[0][4] === '冷链从业' && late[0][6].includes('核酸 0/1'),
      `the overdue list should hold the third resident, masked: ${JSON.stringify(late)}`);
    await shot(page, 'testing-key-groups.png');

    await page.locator('[data-test=lang-switch]').first().click();
    await page.locator('[data-test=testing-title]', { hasText: 'Mass testing' }).waitFor();
    check(await page.locator('[data-test=testing-tabs] .el-tabs__item', { hasText: 'Key groups' }).count() === 1,
      'the key-group tab should read Key groups');
    log('English labels shown');
    await shot(page, 'testing-en.png');

    check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(' | ')}`);
    check(cspViolations.length === 0, `Content Security Policy violations: ${cspViolations.join(' | ')}`);
    log(`PASS (screenshots in ${shotDir})`);
  } catch (e) {
    if (page) {
      await page.screenshot({ path: path.join(shotDir, 'testing-failure.png'), fullPage: true }).catch(() => {});
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
