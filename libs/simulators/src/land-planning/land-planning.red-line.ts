import type { Random } from '@oncegate/demo';
import type { RedLineFeature } from './land-planning.records';

/**
 * Approximate centres (longitude, latitude; CGCS2000) of the demo counties'
 * built-up areas, so red lines fall inside the right county on a map.
 * Illustrative, from memory, good to a few kilometres — not survey data.
 */
const COUNTY_CENTRES: Readonly<Record<string, readonly [number, number]>> = {
  '330522': [119.91, 31.03], // 长兴县
  '330523': [119.68, 30.64], // 安吉县
  '330521': [119.98, 30.54], // 德清县
  '330624': [120.9, 29.5], // 新昌县
  '330727': [120.45, 29.05], // 磐安县
  '330327': [120.43, 27.52], // 苍南县
  '330424': [120.95, 30.53], // 海盐县
  '320381': [118.35, 34.37], // 新沂市
  '320585': [121.13, 31.46], // 太仓市
  '320324': [117.94, 33.91], // 睢宁县
  '340123': [117.16, 31.71], // 肥西县
  '341021': [118.43, 29.86], // 歙县
  '350322': [118.69, 25.36], // 仙游县
  '361130': [117.86, 29.25], // 婺源县
};

/** Where a division outside the table is drawn: the 长兴县 centre, so geometry stays plausible. */
const FALLBACK_CENTRE: readonly [number, number] = [119.91, 31.03];

const METRES_PER_DEGREE = 111_320;

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

/**
 * A parcel's red line: a rotated rectangle of about `areaSquareMeters`, one
 * corner sometimes cut off (parcels follow roads), within ~7 km of the
 * county's centre. The exterior ring is counter-clockwise and closed, as
 * RFC 7946 asks; `TXMJ` is the area of the drawn ring.
 */
export function drawRedLine(
  rng: Random,
  divisionCode: string,
  parcelCode: string,
  areaSquareMeters: number,
): RedLineFeature {
  const [lon0, lat0] = COUNTY_CENTRES[divisionCode] ?? FALLBACK_CENTRE;
  const lat = lat0 + (rng.next() - 0.5) * 0.12;
  const lon = lon0 + (rng.next() - 0.5) * 0.14;
  const aspect = 1 + rng.next() * 1.2;
  const width = Math.sqrt(areaSquareMeters * aspect);
  const height = areaSquareMeters / width;
  const angle = ((rng.next() - 0.5) * Math.PI) / 3;
  const corners: [number, number][] = [
    [-width / 2, -height / 2],
    [width / 2, -height / 2],
    [width / 2, height / 2],
    [-width / 2, height / 2],
  ];
  let outline = corners;
  if (rng.chance(0.4)) {
    // Cut the north-east corner: two points along its edges instead of the corner itself.
    const cut = 0.1 + rng.next() * 0.15;
    outline = [
      corners[0],
      corners[1],
      [width / 2, height / 2 - height * cut],
      [width / 2 - width * cut, height / 2],
      corners[3],
    ];
  }
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const metresPerDegreeLon = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const ring = outline.map(([x, y]) => {
    const east = x * cos - y * sin;
    const north = x * sin + y * cos;
    return [round7(lon + east / metresPerDegreeLon), round7(lat + north / METRES_PER_DEGREE)];
  });
  ring.push([ring[0][0], ring[0][1]]);
  return {
    type: 'Feature',
    crs: { type: 'name', properties: { name: 'EPSG:4490' } },
    geometry: { type: 'Polygon', coordinates: [ring] },
    properties: { ZDDM: parcelCode, TXMJ: ringAreaSquareMeters(ring) },
  };
}

/** Area of a closed lon/lat ring in m² (shoelace on a local flat projection around its first point; fine at parcel scale). */
export function ringAreaSquareMeters(ring: readonly (readonly number[])[]): number {
  const [lon0, lat0] = ring[0];
  const kx = METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
  let twice = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const x1 = (ring[i][0] - lon0) * kx;
    const y1 = (ring[i][1] - lat0) * METRES_PER_DEGREE;
    const x2 = (ring[i + 1][0] - lon0) * kx;
    const y2 = (ring[i + 1][1] - lat0) * METRES_PER_DEGREE;
    twice += x1 * y2 - x2 * y1;
  }
  return Math.round(Math.abs(twice / 2) * 100) / 100;
}
