import { loadClassifier } from '../src/classifier/load-classifier.js';
import { createNormalizer } from '../src/classifier/normalize-text.js';

// Messages of the shapes the gateway sees: short SMS, slang, code-mixed, long WhatsApp paragraphs.
const MESSAGES = [
  'tlg pak sunge kmi kruh gr2 tmbg nikel',
  'dana desa dr perusahaan gk prnh smp',
  'izin bertanya ini nomor pengaduan?',
  'bukan soal limbah, tapi izinnya yg kami pertanyakan',
  'DEBU!!! tiap hari debu truk batubara masuk rumah 😷😷',
  'Assalamualaikum pak. Sy warga Kec. Muara Badak. Tiap thn katanya dana bagi hasil batubara sampai triliunan, tp jalan desa kami msh tanah merah. Kemana uang itu? Mohon dibuka rinciannya',
  'Illegal gold mining along the river, nobody there has a permit. Please send officers.',
  'banyu di lubang tambang tu hijau kaya racun, kambing ulun mati habis minum',
  'ok',
  'PT Bumi Hijau Sentosa msh operasi padahal IUP nya sdh habis masa berlaku',
];
const ROUNDS = 20_000;

const loaded = await loadClassifier();
// Baseline: the normalization pass alone (slang, stemming, negation), the floor any classifier pays.
const normalize = createNormalizer(loaded.slang, new Set(loaded.slang.roots));

function rate(label: string, work: (text: string) => unknown): number {
  for (let i = 0; i < 2_000; i += 1) work(MESSAGES[i % MESSAGES.length] ?? '');
  const started = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i += 1) work(MESSAGES[i % MESSAGES.length] ?? '');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perSecond = ROUNDS / seconds;
  console.log(`${label.padEnd(28)} ${Math.round(perSecond).toLocaleString('en-US').padStart(10)} /s`);
  return perSecond;
}

const baseline = rate('normalization only', normalize);
const full = rate('classify (full pipeline)', loaded.classify);
console.log(`classify / normalization ratio: ${(full / baseline).toFixed(2)}`);
console.log(
  `classifications per second: ${Math.round(full)} (target >= 10000: ${full >= 10_000 ? 'met' : 'NOT met'})`,
);
