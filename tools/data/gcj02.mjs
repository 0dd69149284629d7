// GCJ-02, the obfuscated coordinates of Chinese web maps, as commonly published: an offset of a few hundred
// metres computed on the Krasovsky ellipsoid from polynomial-and-sine terms of the WGS-84 position.
// wgsToGcj applies it; gcjToWgs removes it by fixed-point iteration (to well under a millimetre, far below
// the 1/1024° quantisation of the shapes it is used on).
const KA = 6378245.0;
const KEE = 0.00669342162296594323;

export function gcjOffset(lon, lat) {
  const x = lon - 105, y = lat - 35, PI = Math.PI;
  const common = (20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2 / 3;
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x)) + common
    + (20 * Math.sin(y * PI) + 40 * Math.sin(y / 3 * PI)) * 2 / 3
    + (160 * Math.sin(y / 12 * PI) + 320 * Math.sin(y * PI / 30)) * 2 / 3;
  let dLon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x)) + common
    + (20 * Math.sin(x * PI) + 40 * Math.sin(x / 3 * PI)) * 2 / 3
    + (150 * Math.sin(x / 12 * PI) + 300 * Math.sin(x / 30 * PI)) * 2 / 3;
  const rad = lat / 180 * PI;
  const magic = 1 - KEE * Math.sin(rad) ** 2;
  const sq = Math.sqrt(magic);
  dLat = dLat * 180 / ((KA * (1 - KEE)) / (magic * sq) * PI);
  dLon = dLon * 180 / (KA / sq * Math.cos(rad) * PI);
  return [dLon, dLat];
}

export const wgsToGcj = ([lon, lat]) => {
  const [a, b] = gcjOffset(lon, lat);
  return [lon + a, lat + b];
};

export function gcjToWgs([lon, lat]) {
  let w = [lon, lat];
  for (let i = 0; i < 30; i++) {
    const g = wgsToGcj(w);
    const next = [w[0] - (g[0] - lon), w[1] - (g[1] - lat)];
    const moved = Math.abs(next[0] - w[0]) + Math.abs(next[1] - w[1]);
    w = next;
    if (moved < 1e-12) break;
  }
  return w;
}
