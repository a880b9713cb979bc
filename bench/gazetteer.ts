// Load and per-call timings of the gazetteer: `npx tsx bench/gazetteer.ts [file.jsonl]`.
// With a JSONL file of `{ "text": ... }` lines it times those texts; otherwise a built-in sample.
import { readFile } from 'node:fs/promises';
import { loadGazetteer } from '../src/geo/load-gazetteer.js';

const sample = [
  'tambang ilegal di gampong kami, sungai jadi keruh',
  'PT Sungai Hitam Makmur tdk pernah siram jalan, debu pekat di Tenggarong Seberang',
  'nikel di Konut',
  'kab. kutai timur',
  'desa Sangasanga, kukar',
];

const file = process.argv[2];
const texts = file
  ? (await readFile(file, 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line): string => {
        const parsed: unknown = JSON.parse(line);
        return typeof parsed === 'object' &&
          parsed !== null &&
          'text' in parsed &&
          typeof parsed.text === 'string'
          ? parsed.text
          : '';
      })
  : sample;

const loadStart = performance.now();
const gazetteer = await loadGazetteer();
const loadMs = performance.now() - loadStart;

const rounds = 20;
const start = performance.now();
let located = 0;
for (let round = 0; round < rounds; round += 1) {
  for (const text of texts) if (gazetteer.resolveLocation(text).province && round === 0) located += 1;
}
const perCallMs = (performance.now() - start) / (rounds * texts.length);
const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
console.log(
  JSON.stringify({
    loadMs: Math.round(loadMs),
    perCallMs: Number(perCallMs.toFixed(3)),
    texts: texts.length,
    located,
    heapMb: Math.round(heapMb),
  }),
);
