// What every browser test script shares: its command line, the Chromium check, logging and failing,
// and the test data helpers (GB 11643 identity numbers, Asia/Shanghai times).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.CORDON_CHROMIUM || '/usr/bin/chromium';
export const shotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'target', 'e2e');

/** The server's base URL from the command line; exits 2 without one, 3 without Chromium. */
export function baseUrl(script) {
  const base = (process.argv[2] || '').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base)) {
    console.error(`usage: node ${script} <base-url>   e.g. http://127.0.0.1:8080`);
    process.exit(2);
  }
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`e2e: ${CHROMIUM} is missing; run bin/ensure-test-services (installs Debian's chromium)`);
    process.exit(3);
  }
  return base;
}

export const log = (msg) => console.log(`e2e: ${msg}`);

export class Failure extends Error {}
export function check(condition, message) {
  if (!condition) throw new Failure(message);
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export const CHECK = '10X98765432';

/** GB 11643-1999: the check character of the first 17 digits. */
export function checkCharacter(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** A valid identity number: 6-digit area, 8-digit birth date, 3-digit sequence, check character. */
export function identityNumber(area, birth, sequence) {
  const first17 = `${area}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** ISO-8601 in Asia/Shanghai (+08:00, no daylight saving), second precision. */
export function shanghaiIso(ms) {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

/**
 * Signs in on the console's login page and waits for the dashboard; returns the login page's response
 * (a script may check its headers).
 */
export async function signIn(page, base, user, password, timeout) {
  const response = await page.goto(`${base}/#/login`, { waitUntil: 'domcontentloaded' });
  await page.locator('input[name=username]').fill(user);
  await page.locator('input[name=password]').fill(password);
  await page.locator('[data-test=login-submit]').click();
  await page.waitForURL(/#\/dashboard/, { timeout });
  return response;
}

/**
 * The server's API for test data, with HTTP Basic: {@code call} answers {status, body, text};
 * {@code ok} answers the body and fails the script on anything but 2xx.
 */
export function api(base, password) {
  async function call(user, method, url, body, type = 'application/json') {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': type }),
      },
      body: body === undefined ? undefined : (type === 'application/json' ? JSON.stringify(body) : body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, text };
  }
  async function ok(user, method, url, body, type) {
    const r = await call(user, method, url, body, type);
    check(r.status >= 200 && r.status < 300, `${method} ${url} as ${user} answered ${r.status}: ${r.text.slice(0, 400)}`);
    return r.body;
  }
  return { call, ok };
}
