// Thin client for the Cordon HTTP API. Errors come back as RFC 9457 problem details; ApiError carries
// the problem and uses its `detail` as the message so callers can show it as is.

export class ApiError extends Error {
  constructor(status, problem, fallback) {
    const detail = problem && (problem.detail || problem.title);
    super(detail || fallback || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** The CSRF token Spring Security keeps in the XSRF-TOKEN cookie, if the server uses one. */
export function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : null;
}

export function parseBody(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

let unauthorizedHandler = null;

/** Called when an API call other than sign-in answers 401 (the session has expired). */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

export async function api(path, { method = 'GET', body, quiet401 = false } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = csrfToken();
  if (token && method !== 'GET') headers['X-XSRF-TOKEN'] = token;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, null, `network error: ${e.message}`);
  }
  const text = await res.text();
  const data = parseBody(text);
  if (!res.ok) {
    if (res.status === 401 && !quiet401 && unauthorizedHandler) unauthorizedHandler();
    throw new ApiError(res.status, data, res.statusText);
  }
  return data;
}
