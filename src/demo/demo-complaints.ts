/** A demo complaint: what a citizen writes, and the regency to answer with if Suara asks where. */
export interface DemoComplaint {
  text: string;
  regency: string;
  province: '11' | '64' | '74';
}

/** Realistic complaints from the three pilot provinces (Aceh, Kalimantan Timur, Sulawesi Tenggara). */
export const DEMO_COMPLAINTS: readonly DemoComplaint[] = [
  // Kalimantan Timur
  {
    province: '64',
    regency: 'Kutai Kartanegara',
    text: 'air sungai keruh sejak tambang batubara buka di Tenggarong, Kukar',
  },
  {
    province: '64',
    regency: 'Kutai Kartanegara',
    text: 'lubang bekas tambang batubara tidak ditutup di Loa Ipuh, Kutai Kartanegara, anak-anak berenang di sana',
  },
  {
    province: '64',
    regency: 'Kutai Kartanegara',
    text: 'debu batubara dari jalan hauling masuk ke rumah warga di Loa Kulu, Kukar',
  },
  {
    province: '64',
    regency: 'Samarinda',
    text: 'banjir lumpur setiap hujan karena tambang di Makroman, Samarinda',
  },
  {
    province: '64',
    regency: 'Kutai Timur',
    text: 'perusahaan batubara di Sangatta, Kutai Timur tidak bayar ganti rugi lahan kebun warga',
  },
  {
    province: '64',
    regency: 'Kutai Timur',
    text: 'dana CSR perusahaan tambang di Kutai Timur tidak pernah sampai ke desa kami',
  },
  {
    province: '64',
    regency: 'Berau',
    text: 'tambang batubara di Berau beroperasi tanpa izin lingkungan, AMDAL tidak pernah disosialisasikan',
  },
  {
    province: '64',
    regency: 'Paser',
    text: 'ikan mati di sungai Kendilo, Paser, diduga limbah tambang batubara',
  },
  {
    province: '64',
    regency: 'Samarinda',
    text: 'mining pit near houses in Samarinda has no fence and no warning signs',
  },
  {
    province: '64',
    regency: 'Kutai Kartanegara',
    text: 'coal trucks use the village road in Kutai Kartanegara and damage it, company refuses to repair',
  },
  // Sulawesi Tenggara
  { province: '74', regency: 'Konawe Utara', text: 'ada pungli dana CSR perusahaan nikel di Konawe Utara' },
  {
    province: '74',
    regency: 'Konawe Utara',
    text: 'laut jadi merah karena lumpur tambang nikel di Molawe, Konawe Utara, nelayan tidak bisa melaut',
  },
  {
    province: '74',
    regency: 'Kolaka Utara',
    text: 'IUP perusahaan sudah habis tapi masih menambang di Kolaka Utara',
  },
  {
    province: '74',
    regency: 'Kolaka',
    text: 'smelter nikel di Pomalaa, Kolaka, asapnya bikin warga sesak napas',
  },
  {
    province: '74',
    regency: 'Konawe Selatan',
    text: 'perusahaan tambang di Konawe Selatan menyerobot lahan warga tanpa izin',
  },
  {
    province: '74',
    regency: 'Bombana',
    text: 'tambang emas di Bombana pakai merkuri, air sumur warga tercemar',
  },
  {
    province: '74',
    regency: 'Konawe',
    text: 'royalti dan bagi hasil tambang nikel di Konawe tidak jelas penggunaannya oleh pemda',
  },
  {
    province: '74',
    regency: 'Kolaka',
    text: 'nickel mine in Kolaka dumps tailings into the sea, fishermen lose their catch',
  },
  {
    province: '74',
    regency: 'Konawe Utara',
    text: 'jalan hauling nikel di Konawe Utara rusak parah, banyak kecelakaan',
  },
  {
    province: '74',
    regency: 'Kolaka Utara',
    text: 'tidak ada konsultasi publik sebelum perusahaan nikel dapat izin di Kolaka Utara',
  },
  // Aceh
  { province: '11', regency: 'Aceh Barat', text: 'tambang emas ilegal di Aceh Barat merusak sungai' },
  {
    province: '11',
    regency: 'Nagan Raya',
    text: 'debu batubara dari PLTU dan tambang di Nagan Raya bikin anak-anak batuk',
  },
  {
    province: '11',
    regency: 'Aceh Barat',
    text: 'perusahaan batubara di Meulaboh, Aceh Barat tidak bayar pajak daerah, kata warga',
  },
  {
    province: '11',
    regency: 'Aceh Tengah',
    text: 'penambangan emas liar di Aceh Tengah pakai alat berat di hulu sungai',
  },
  { province: '11', regency: 'Pidie', text: 'izin tambang di Pidie dikeluarkan tanpa persetujuan gampong' },
  {
    province: '11',
    regency: 'Aceh Selatan',
    text: 'tambang bijih besi di Aceh Selatan meninggalkan lubang dan lahan gundul',
  },
  {
    province: '11',
    regency: 'Nagan Raya',
    text: 'dana CSR tambang batubara di Nagan Raya dibagi hanya ke orang dekat kepala desa',
  },
  {
    province: '11',
    regency: 'Aceh Barat',
    text: 'illegal gold mining in Aceh Barat makes the river muddy, rice fields are damaged',
  },
  {
    province: '11',
    regency: 'Aceh Tengah',
    text: 'warga ditolak bekerja di perusahaan tambang Aceh Tengah padahal dijanjikan',
  },
  {
    province: '11',
    regency: 'Pidie',
    text: 'longsor di kebun warga Pidie setelah perusahaan tambang mengeruk bukit',
  },
];

export const FOLLOW_UP_AGENCIES = [
  'Dinas ESDM Provinsi',
  'DLH Kabupaten',
  'Inspektur Tambang Kementerian ESDM',
  'DPRD Kabupaten',
  'Bappeda Kabupaten',
  'Perusahaan (bagian CSR)',
] as const;

export const FOLLOW_UP_DESCRIPTIONS = [
  'Surat diteruskan untuk verifikasi lapangan.',
  'Rapat forum multipihak membahas laporan ini.',
  'Kunjungan lapangan bersama perwakilan warga.',
  'Mediasi antara warga dan perusahaan.',
  'Meminta data izin dan dokumen lingkungan perusahaan.',
] as const;
