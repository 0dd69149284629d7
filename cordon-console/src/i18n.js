import { createI18n } from 'vue-i18n';

const STORAGE_KEY = 'cordon.locale';
export const LOCALES = ['zh-CN', 'en'];

const messages = {
  'zh-CN': {
    app: { title: 'Cordon 防控指挥平台', short: 'Cordon' },
    lang: { switchTo: 'English', name: '中文' },
    nav: { dashboard: '态势总览', intake: '数据导入', jurisdiction: '辖区' },
    header: { user: '用户', role: '角色', jurisdiction: '辖区', logout: '退出登录' },
    role: {
      COMMAND_CENTRE: '指挥中心',
      INVESTIGATOR: '流调人员',
      COMMUNITY_WORKER: '社区工作者',
      FACILITY_MANAGER: '场所管理员',
      LAB: '检测机构',
      VENUE_DEVICE: '场所设备',
    },
    login: {
      title: '登录',
      subtitle: '疫情防控指挥与数据平台',
      username: '用户名',
      password: '密码',
      submit: '登录',
      required: '请输入用户名和密码',
      failed: '登录失败',
    },
    dashboard: {
      title: '态势总览',
      persons: '登记人员',
      venues: '场所',
      scansToday: '今日扫码',
      children: '下级辖区',
      byChild: '按下级辖区统计',
      metric: '指标',
      noChildren: '该辖区没有下级辖区',
      map: '辖区地图',
      mapLegend: '按{metric}着色',
      noMap: '该辖区暂无边界数据',
      refresh: '刷新',
      division: '辖区',
      code: '代码',
      drill: '点击柱形进入下级辖区',
      up: '返回上级',
    },
    tree: { title: '辖区', loadFailed: '辖区加载失败', search: '按名称查找辖区' },
    intake: {
      title: '数据导入',
      kind: '数据类型',
      kinds: {
        persons: '人员',
        venues: '场所',
        scans: '场所扫码',
        trips: '交通出行',
        dwells: '位置停留',
      },
      file: '文件',
      drop: '将 CSV 或 NDJSON 文件拖到此处，或',
      browse: '点击选择',
      fileTip: '支持 .csv（首行为表头）与 .ndjson / .jsonl；文件以流式上传。',
      expectedHeader: 'CSV 表头',
      ndjsonHint: 'NDJSON：每行一个 JSON 对象，字段名与表头相同；时间为带时区偏移的 ISO-8601（如 2022-04-01T08:00:00+08:00）。',
      partial: '部分导入（保留正确的行，仅报告错误行）',
      partialHint: '默认严格模式：任一行有错则整批拒绝，不写入任何数据。',
      upload: '上传',
      uploading: '上传中…',
      processing: '服务器处理中…',
      noFile: '请先选择文件',
      badType: '只接受 .csv、.ndjson 或 .jsonl 文件',
      report: '导入报告',
      lines: '数据行',
      accepted: '已接收',
      duplicates: '重复（已跳过）',
      rejected: '已拒绝',
      errors: '错误明细',
      line: '行号',
      reason: '原因',
      truncated: '错误过多，仅显示前 {n} 条',
      okAll: '导入完成：已接收 {accepted} 行，重复 {duplicates} 行',
      okPartial: '部分导入完成：已接收 {accepted} 行，重复 {duplicates} 行，拒绝 {rejected} 行',
      rejectedWhole: '整批被拒绝，未写入任何数据',
      rejectedWholeDetail: '严格模式下有 {rejected} 行有错误。修正后重新上传，或勾选“部分导入”只保留正确的行。',
      failed: '上传失败',
      noErrors: '没有错误',
      fileChosen: '已选择',
    },
    common: { loading: '加载中…', retry: '重试' },
  },
  en: {
    app: { title: 'Cordon Command Platform', short: 'Cordon' },
    lang: { switchTo: '中文', name: 'English' },
    nav: { dashboard: 'Dashboard', intake: 'Data intake', jurisdiction: 'Jurisdiction' },
    header: { user: 'User', role: 'Role', jurisdiction: 'Jurisdiction', logout: 'Sign out' },
    role: {
      COMMAND_CENTRE: 'Command centre',
      INVESTIGATOR: 'Investigator',
      COMMUNITY_WORKER: 'Community worker',
      FACILITY_MANAGER: 'Facility manager',
      LAB: 'Laboratory',
      VENUE_DEVICE: 'Venue device',
    },
    login: {
      title: 'Sign in',
      subtitle: 'Outbreak prevention and control command platform',
      username: 'Username',
      password: 'Password',
      submit: 'Sign in',
      required: 'Enter user name and password',
      failed: 'Sign-in failed',
    },
    dashboard: {
      title: 'Dashboard',
      persons: 'Persons',
      venues: 'Venues',
      scansToday: 'Scans today',
      children: 'Sub-divisions',
      byChild: 'By sub-division',
      metric: 'Metric',
      noChildren: 'This division has no sub-divisions',
      map: 'Map',
      mapLegend: 'Coloured by {metric}',
      noMap: 'No boundaries for this division',
      refresh: 'Refresh',
      division: 'Division',
      code: 'Code',
      drill: 'Click a bar to open that sub-division',
      up: 'Up one level',
    },
    tree: { title: 'Jurisdiction', loadFailed: 'Could not load divisions', search: 'Find a division by name' },
    intake: {
      title: 'Data intake',
      kind: 'Data kind',
      kinds: {
        persons: 'Persons',
        venues: 'Venues',
        scans: 'Scans',
        trips: 'Trips',
        dwells: 'Dwells',
      },
      file: 'File',
      drop: 'Drop a CSV or NDJSON file here, or',
      browse: 'browse',
      fileTip: '.csv (header line first) and .ndjson / .jsonl; the file is streamed to the server.',
      expectedHeader: 'CSV header',
      ndjsonHint: 'NDJSON: one JSON object per line with the same field names; times are ISO-8601 with an offset (e.g. 2022-04-01T08:00:00+08:00).',
      partial: 'Partial (keep the good rows, report the bad ones)',
      partialHint: 'Strict by default: one bad row rejects the whole batch and nothing is stored.',
      upload: 'Upload',
      uploading: 'Uploading…',
      processing: 'Server is processing…',
      noFile: 'Choose a file first',
      badType: 'Only .csv, .ndjson or .jsonl files are accepted',
      report: 'Intake report',
      lines: 'Lines',
      accepted: 'Accepted',
      duplicates: 'Duplicates (skipped)',
      rejected: 'Rejected',
      errors: 'Errors',
      line: 'Line',
      reason: 'Reason',
      truncated: 'Too many errors, showing the first {n}',
      okAll: 'Done: {accepted} rows accepted, {duplicates} duplicates',
      okPartial: 'Partially done: {accepted} rows accepted, {duplicates} duplicates, {rejected} rejected',
      rejectedWhole: 'Batch rejected as a whole, nothing stored',
      rejectedWholeDetail: '{rejected} rows are bad in strict mode. Fix them and upload again, or tick "Partial" to keep only the good rows.',
      failed: 'Upload failed',
      noErrors: 'No errors',
      fileChosen: 'Chosen',
    },
    common: { loading: 'Loading…', retry: 'Retry' },
  },
};

function initialLocale() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (LOCALES.includes(saved)) return saved;
  } catch {
    // storage may be unavailable (private mode); fall back to Chinese
  }
  return 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages,
});

export function setLocale(locale) {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  document.title = i18n.global.t('app.title');
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not remembered, still switched
  }
}
