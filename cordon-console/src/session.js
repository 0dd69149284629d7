import { reactive } from 'vue';
import { api, ApiError } from './api.js';

/** The signed-in user as GET /api/auth/me reports it, or null. */
export const session = reactive({
  user: null,
  jurisdictionName: '',
});

/** The user's jurisdiction code, whether /me gives it as a code or as a division object. */
export function jurisdictionCode(user = session.user) {
  if (!user || user.jurisdiction == null) return null;
  return typeof user.jurisdiction === 'object' ? user.jurisdiction.code : String(user.jurisdiction);
}

/** The role without Spring's ROLE_ prefix, e.g. COMMAND_CENTRE. */
export function roleKey(user = session.user) {
  const role = user && (user.role || (Array.isArray(user.roles) ? user.roles[0] : null));
  return role ? String(role).replace(/^ROLE_/, '') : '';
}

export async function loadMe() {
  try {
    session.user = await api('/api/auth/me', { quiet401: true });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      session.user = null;
      return null;
    }
    throw e;
  }
  session.jurisdictionName = '';
  const code = jurisdictionCode();
  if (code) {
    if (session.user.jurisdictionName) {
      session.jurisdictionName = session.user.jurisdictionName;
    } else if (typeof session.user.jurisdiction === 'object' && session.user.jurisdiction.name) {
      session.jurisdictionName = session.user.jurisdiction.name;
    } else {
      api(`/api/divisions/${encodeURIComponent(code)}`)
        .then((d) => { session.jurisdictionName = d && d.name ? d.name : code; })
        .catch(() => { session.jurisdictionName = code; });
    }
  }
  return session.user;
}

export async function login(username, password) {
  await api('/api/auth/login', { method: 'POST', body: { username, password }, quiet401: true });
  return loadMe();
}

export async function logout() {
  try {
    await api('/api/auth/logout', { method: 'POST', quiet401: true });
  } finally {
    session.user = null;
    session.jurisdictionName = '';
  }
}
