// The directory at scale: N synthetic places on real communes, then the searches and the export that the
// directory issue sets targets for. Runs on an open, prepared database; removes its places afterwards.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/lib/server/db/database.ts';
import { generateSyntheticPlaces, placesGeoJsonText, removeSyntheticPlaces, searchPlaces } from '../../src/lib/server/places/index.ts';
import { seededRandom, summarize, type Summary } from './stats.ts';

export interface PlacesBench {
  places: number;
  generateMs: number;
  near: Summary;
  fullText: Summary;
  geojsonMs: number;
  geojsonBytes: number;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export async function measurePlaces(db: Db, count: number, queries: number, seed: number): Promise<PlacesBench> {
  const generateMs = await timed(() => generateSyntheticPlaces(db, count, seed));
  try {
    const random = seededRandom(seed);
    const communes = await queryRows<{ code: string; name: string }>(
      db,
      sql`select c.code, c.name from places p join communes c on c.code = p.commune_code where p.synthetic`,
    );
    const pick = () => communes[Math.floor(random() * communes.length)]!;
    const near: number[] = [];
    const fullText: number[] = [];
    for (let i = 0; i < queries; i++) {
      const around = pick();
      near.push(await timed(() => searchPlaces(db, { near: { code: around.code }, radiusKm: 30, includeSynthetic: true })));
      const word = pick().name.split(/[\s'-]+/)[0]!;
      fullText.push(await timed(() => searchPlaces(db, { q: word, includeSynthetic: true })));
    }
    let text = '';
    const geojsonMs = await timed(async () => {
      text = await placesGeoJsonText(db, { includeSynthetic: true });
    });
    return {
      places: count,
      generateMs,
      near: summarize(near),
      fullText: summarize(fullText),
      geojsonMs,
      geojsonBytes: Buffer.byteLength(text),
    };
  } finally {
    await removeSyntheticPlaces(db);
  }
}
