/**
 * Pieces of citizens' complaints as they arrive by SMS near mines in Aceh, Kalimantan Timur and
 * Sulawesi Tenggara. Reports are assembled from them (plus real place names and company names), so
 * a word such as "sungai" matches a realistic share of reports. "kolam" and "jebol" come from one fragment,
 * so each matches the same 3 % of reports: a pair of words that always appear together.
 */
export const FRAGMENTS = {
  environmental: [
    'air sungai keruh sejak ada tambang',
    'sungai jadi coklat pekat tiap hujan',
    'ikan di sungai mati semua, nelayan tidak bisa cari makan',
    'debu batubara masuk rumah tiap hari',
    'debu truk tambang bikin anak-anak batuk',
    'jalan desa tidak pernah disiram, debunya tebal sekali',
    'lubang tambang ditinggal tanpa reklamasi',
    'anak tenggelam di lubang bekas tambang',
    'banjir lumpur masuk kampung setelah hujan deras',
    'sawah kami terendam lumpur dari tambang',
    'kolam pengendapan jebol, limbahnya mengalir ke sungai',
    'air sumur berbau dan berwarna kuning',
    'kebun warga tertimbun longsoran dari timbunan tanah',
    'suara peledakan siang malam, dinding rumah retak',
    'hutan mangrove ditimbun untuk jetty',
    'laut keruh dekat jetty nikel, nelayan susah dapat ikan',
    'asap dari cerobong smelter bikin sesak napas',
    'air bersih warga tercemar limbah',
    'muara dangkal karena sedimentasi, perahu tidak bisa lewat',
    'penambang emas pakai merkuri di hulu sungai',
    'kebun sawit kena limpasan air asam tambang',
  ],
  licensing: [
    'perusahaan masih menambang padahal izin IUP sudah habis',
    'IUP sudah dicabut tapi alat berat masih bekerja',
    'tambang ilegal beroperasi malam hari',
    'tidak ada papan izin di lokasi tambang',
    'menambang di luar wilayah konsesi',
    'lahan warga diserobot tanpa ganti rugi',
    'tidak pernah ada sosialisasi AMDAL ke warga',
    'tambang tanpa izin di kawasan hutan lindung',
    'dokumen izin lingkungan tidak pernah ditunjukkan',
    'perusahaan membuka hutan tanpa IPPKH',
    'jalan hauling lewat tengah kampung tanpa izin',
    'tanah adat masuk konsesi tanpa persetujuan warga',
  ],
  revenue: [
    'dana CSR tidak pernah sampai ke desa',
    'royalti batubara kemana, jalan desa masih rusak',
    'dana bagi hasil tidak jelas penggunaannya',
    'program CSR hanya untuk keluarga kepala desa',
    'janji beasiswa dari perusahaan tidak ditepati',
    'ganti rugi lahan belum dibayar sampai sekarang',
    'dana PPM tidak transparan',
    'uang kompensasi debu dipotong oknum',
    'mohon dibuka rincian royalti dan DBH untuk kabupaten kami',
    'pajak daerah dari tambang tidak kelihatan hasilnya',
  ],
  other: [
    'pekerja lokal tidak diterima, semua dari luar daerah',
    'kecelakaan truk tambang di jalan umum',
    'gaji buruh tambang telat tiga bulan',
    'ada intimidasi ke warga yang protes',
    'listrik padam terus sejak smelter beroperasi',
    'jalan rusak parah dilewati truk bermuatan',
    'apakah nomor pengaduan ini resmi',
    'kapan pertemuan forum berikutnya',
  ],
} as const;

export type SeedCategory = keyof typeof FRAGMENTS;

export const OPENERS = [
  '',
  '',
  'tolong pak',
  'assalamualaikum',
  'selamat siang',
  'mohon bantuan',
  'lapor',
  'pak bu',
  'maaf mengganggu',
  'sy mau lapor',
];

export const CLOSERS = [
  '',
  '',
  'mohon ditindaklanjuti',
  'terima kasih',
  'tolong dicek ke lapangan',
  'sudah lapor ke desa tapi tidak ada tanggapan',
  'kami butuh bantuan secepatnya',
  'sudah berbulan-bulan begini',
  'warga sudah resah',
];

export const FOLLOW_UP_TURNS = [
  'ada foto nanti sy kirim',
  'kejadiannya minggu lalu',
  'sudah lama, sejak tahun lalu',
  'tiap malam truknya lewat',
  'yang kena sekitar dua puluh rumah',
  'kepala desa sudah tahu',
];

const COMPANY_WORDS = [
  'Bumi',
  'Hijau',
  'Sentosa',
  'Makmur',
  'Jaya',
  'Borneo',
  'Mahakam',
  'Nusantara',
  'Anugrah',
  'Mineral',
  'Sejahtera',
  'Kaltim',
  'Konawe',
  'Nikel',
  'Batubara',
  'Prima',
  'Abadi',
  'Energi',
  'Lestari',
  'Mandiri',
];

export function companyName(rng: () => number): string {
  return `PT ${pick(rng, COMPANY_WORDS)} ${pick(rng, COMPANY_WORDS)}`;
}

/** SMS spelling: each word is abbreviated the way many senders do, some of the time. */
const SMS_SPELLING: Readonly<Record<string, string>> = {
  tidak: 'tdk',
  sudah: 'sdh',
  yang: 'yg',
  sungai: 'sunge',
  tolong: 'tlg',
  dengan: 'dgn',
  warga: 'wrg',
  sekali: 'skali',
  kami: 'kmi',
  tambang: 'tmbg',
  rumah: 'rmh',
  perusahaan: 'prshn',
};

export function smsSpelling(rng: () => number, text: string): string {
  return text
    .split(' ')
    .map((word) => {
      const short = SMS_SPELLING[word];
      return short && rng() < 0.3 ? short : word;
    })
    .join(' ');
}

export function pick<T>(rng: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
