// The resident's health-code page: sign in with identity number + one-time code, then the code with
// its QR (drawn by the server as SVG), colour, reasons in plain words and what to do to turn green.
// Chinese by default, English by a switch (kept in localStorage). Refreshes the QR token before it
// expires and follows code changes over Server-Sent Events. No inline script or style (strict CSP).

const TEXT = {
  zh: {
    title: '健康码', switch: 'English', signinTitle: '登录查看本人健康码', idNumber: '身份证号',
    sendCode: '获取验证码', otp: '短信验证码', signIn: '登录', since: '赋码时间', until: '预计转码',
    reasons: '赋码原因', toGreen: '如何转为绿码', refresh: '刷新', signOut: '退出登录',
    green: '绿码', yellow: '黄码', red: '红码', noReasons: '无', allGreen: '保持绿码：做好个人防护',
    codeSent: '验证码已发送，5分钟内有效', demo: '演示验证码：', badLogin: '身份证号或验证码不正确，或验证码已过期',
    badId: '身份证号格式不正确', validUntil: '二维码有效至 ', waits: '待相关情况变化',
    antigenTitle: '自测抗原上报', antigenAt: '检测时间（北京时间）', antigenResult: '结果', negative: '阴性',
    positive: '阳性', invalid: '无效', antigenSend: '上报', antigenDone: '已上报，健康码已按最新情况更新',
    antigenPositive: '已上报阳性结果：请留在家中，联系社区并尽快做核酸检测', antigenMissing: '请填写检测时间',
  },
  en: {
    title: 'Health code', switch: '中文', signinTitle: 'Sign in to see your health code', idNumber: 'Identity number',
    sendCode: 'Send code', otp: 'Code from SMS', signIn: 'Sign in', since: 'Since', until: 'Expected change',
    reasons: 'Why', toGreen: 'How to turn green', refresh: 'Refresh', signOut: 'Sign out',
    green: 'Green', yellow: 'Yellow', red: 'Red', noReasons: 'none', allGreen: 'Stay green: keep protecting yourself',
    codeSent: 'Code sent; valid for 5 minutes', demo: 'Demo code: ', badLogin: 'Identity number or code is wrong, or the code has expired',
    badId: 'Not a valid identity number', validUntil: 'QR valid until ', waits: 'when circumstances change',
    antigenTitle: 'Report a self-test (antigen)', antigenAt: 'Tested at (Beijing time)', antigenResult: 'Result',
    negative: 'Negative', positive: 'Positive', invalid: 'Invalid', antigenSend: 'Report',
    antigenDone: 'Reported; your code reflects it', antigenPositive: 'Positive result reported: stay at home, call your community and get a PCR test soon',
    antigenMissing: 'Enter when you tested',
  },
};

let lang = localStorage.getItem('cordon.resident.lang') === 'en' ? 'en' : 'zh';
let current = null;
let refreshTimer = null;
let stream = null;
const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[lang][key];

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `${t('title')} · Cordon`;
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  if (current) render(current);
}

function localTime(iso) {
  if (!iso) return null;
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB',
    { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

function list(el, items) {
  el.replaceChildren(...items.map((text) => {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  }));
}

function render(data) {
  const code = data.code;
  $('name').textContent = data.name;
  $('band').className = `band ${code.colour}`;
  $('band').dataset.colour = code.colour;
  $('colourText').textContent = t(code.colour);
  const svg = new DOMParser().parseFromString(data.qrSvg, 'image/svg+xml').documentElement;
  $('qr').replaceChildren(document.importNode(svg, true));
  $('tokenNote').textContent = t('validUntil') + localTime(data.tokenExpiresAt);
  $('since').textContent = localTime(code.since) || '—';
  $('until').textContent = localTime(code.until) || (code.colour === 'green' ? '—' : t('waits'));
  const reasons = code.reasons.map((r) => (lang === 'zh' ? r.textZh : r.textEn));
  list($('reasons'), reasons.length ? reasons : [t('noReasons')]);
  const steps = lang === 'zh' ? code.toGreenZh : code.toGreenEn;
  list($('toGreen'), steps.length ? steps : [t('allGreen')]);
}

async function loadCode() {
  const res = await fetch('/api/resident/code', { headers: { Accept: 'application/json' } });
  if (res.status === 401 || res.status === 403) {
    showSignIn();
    return;
  }
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  current = await res.json();
  $('signin').hidden = true;
  $('code').hidden = false;
  render(current);
  // a fresh token well before this one expires
  clearTimeout(refreshTimer);
  const msLeft = new Date(current.tokenExpiresAt).getTime() - Date.now();
  refreshTimer = setTimeout(loadCode, Math.max(15_000, Math.min(60_000, msLeft / 2)));
  follow();
}

function follow() {
  if (stream) return;
  stream = new EventSource('/api/health-codes/stream');
  stream.addEventListener('code', (e) => {
    const code = JSON.parse(e.data);
    if (current && (code.colour !== current.code.colour
        || JSON.stringify(code.reasons) !== JSON.stringify(current.code.reasons))) {
      loadCode(); // new colour: a new token with it
    }
  });
}

function showSignIn() {
  clearTimeout(refreshTimer);
  if (stream) { stream.close(); stream = null; }
  current = null;
  $('code').hidden = true;
  $('signin').hidden = false;
}

function error(message) {
  $('signinError').textContent = message;
  $('signinError').hidden = !message;
}

async function post(url, body) {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body) });
}

$('lang').addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('cordon.resident.lang', lang);
  applyLanguage();
});

$('sendCode').addEventListener('click', async () => {
  error('');
  const res = await post('/api/resident/login/code', { idNumber: $('idNumber').value.trim() });
  if (!res.ok) { error(t('badId')); return; }
  const body = await res.json();
  $('demoCode').hidden = false;
  $('demoCode').textContent = body.demoCode ? t('demo') + body.demoCode : t('codeSent');
  if (body.demoCode) $('demoCode').dataset.code = body.demoCode;
});

$('signInButton').addEventListener('click', async () => {
  error('');
  const res = await post('/api/resident/login', { idNumber: $('idNumber').value.trim(), code: $('otp').value.trim() });
  if (!res.ok) { error(t('badLogin')); return; }
  await loadCode();
});

// a self-tested antigen result: the time picked is Beijing time, sent with its offset
$('antigenSend').addEventListener('click', async () => {
  const note = $('antigenNote');
  note.hidden = false;
  const at = $('antigenAt').value;
  if (!at) { note.textContent = t('antigenMissing'); return; }
  const result = $('antigenResult').value;
  const res = await post('/api/resident/antigen-tests', { testedAt: `${at.length === 16 ? `${at}:00` : at}+08:00`, result });
  if (res.status === 401 || res.status === 403) { showSignIn(); return; }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) { note.textContent = body.detail || `HTTP ${res.status}`; return; }
  note.textContent = t(result === 'positive' ? 'antigenPositive' : 'antigenDone');
  note.dataset.recorded = String(body.recorded);
  await loadCode();
});

$('refresh').addEventListener('click', loadCode);
$('signOut').addEventListener('click', async () => {
  await fetch('/api/auth/logout', { method: 'POST' });
  showSignIn();
});

applyLanguage();
loadCode().catch((e) => error(String(e)));
