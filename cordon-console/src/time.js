// Instants from the API are shown as local time of the command centre's zone (Asia/Shanghai):
// "2026-11-19 22:05", which is what an investigator reads off a venue scan or a phone record.
const ZONE = 'Asia/Shanghai';
const fmt = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

export function formatInstant(value) {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : fmt.format(d);
}

// el-table-column :formatter signature: (row, column, cellValue)
export function instantColumn(_row, _column, value) {
  return formatInstant(value);
}
