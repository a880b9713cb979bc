import type { UiLanguage } from '../auth/roles.js';

const id = {
  indicators: 'Indikator',
  period: 'Periode',
  from: 'Dari',
  to: 'Sampai',
  groupBy: 'Per',
  month: 'bulan',
  quarter: 'kuartal',
  show: 'Tampilkan',
  thisMonth: 'Bulan ini',
  lastMonth: 'Bulan lalu',
  thisQuarter: 'Kuartal ini',
  lastQuarter: 'Kuartal lalu',
  thisYear: 'Tahun ini',
  lastYear: 'Tahun lalu',
  provinces: 'Provinsi',
  allProvinces: 'Semua provinsi',
  noProvince: 'Tanpa provinsi',
  total: 'Jumlah',
  programmeIndicators: 'Indikator program',
  indicator_licensing: '(a) Masalah perizinan yang teridentifikasi dan ditindaklanjuti melalui MSF',
  indicator_revenue:
    '(b) Masalah pengelolaan pendapatan yang teridentifikasi dan ditindaklanjuti melalui MSF',
  indicator_environmental: 'Masalah lingkungan yang teridentifikasi dan ditindaklanjuti melalui MSF',
  identified: 'Teridentifikasi',
  followedUp: 'Ditindaklanjuti',
  percent: 'Persen',
  funnel: 'Dari laporan masuk sampai selesai',
  received: 'Masuk',
  validated: 'Terverifikasi',
  closedResolved: 'Selesai, terselesaikan',
  category: 'Kategori',
  perPeriod: 'Laporan masuk menurut kategori',
  channels: 'Saluran',
  byRegency: 'Laporan per kabupaten/kota',
  regency: 'Kabupaten/kota',
  noRegency: 'Belum diketahui',
  durations: 'Lama penanganan (hari kalender)',
  measure: 'Ukuran',
  reportsCounted: 'Laporan',
  median: 'Median',
  p90: 'Persentil ke-90',
  time_triage: 'Sampai diperiksa',
  time_followUp: 'Sampai tindak lanjut pertama',
  time_closure: 'Sampai ditutup',
  overdue: 'Melewati tenggat layanan, saat ini',
  citizens: 'Warga yang melapor',
  duplicates: 'Laporan ganda',
  rejected: 'Ditolak',
  categorySource: 'Siapa yang menentukan kategori',
  outcomes: 'Hasil laporan yang ditutup',
  numbers: 'Angka',
  download: 'Unduh',
  definitions: 'Definisi',
  noReports: 'Tidak ada laporan pada periode ini.',
  generatedAt: 'Dihitung',
  publish: 'Halaman publik',
  publishOn: 'Terbitkan',
  publishOff: 'Hentikan',
  published: 'diterbitkan di /transparansi',
  notPublished: 'tidak diterbitkan',
  publicTitle: 'Transparansi: pengaduan warga tentang pertambangan',
  publicIntro:
    'Angka gabungan dari laporan warga yang diterima Suara dan ditangani sekretariat forum multi-pihak (MSF). Tidak ada teks laporan, nama, atau nomor. Sel dengan kurang dari 5 laporan ditampilkan sebagai "< 5", begitu pula sel yang dapat dihitung darinya.',
  publicNone: 'Belum ada provinsi yang menerbitkan angkanya.',
  stage: 'Tahap',
  last12Months: '12 bulan terakhir',
  def_identified:
    'Teridentifikasi: laporan yang diverifikasi sekretariat sebagai masalah nyata dari kategori itu (status terverifikasi, ditindaklanjuti, atau selesai). Laporan ganda dihitung sekali, melalui laporan aslinya; laporan yang ditolak tidak dihitung.',
  def_followedUp:
    'Ditindaklanjuti melalui MSF: laporan teridentifikasi yang memiliki setidaknya satu catatan tindak lanjut forum. Persen = ditindaklanjuti ÷ teridentifikasi.',
  def_period:
    'Periode: laporan termasuk periode saat diterima, menurut waktu setempat provinsinya (WIB/WITA/WIT). Tahapnya dihitung menurut keadaan saat ini: laporan Juli yang ditindaklanjuti pada Oktober terhitung ditindaklanjuti di angka Juli.',
  def_closed:
    'Selesai: laporan teridentifikasi berstatus selesai, menurut hasilnya (terselesaikan, tidak terselesaikan, dirujuk, ditarik). Laporan yang dibuka kembali tidak lagi dihitung selesai.',
  def_received:
    'Masuk: semua laporan yang diterima, termasuk yang ganda atau ditolak; laporan dari simulator tidak pernah dihitung.',
  def_durations:
    'Lama penanganan: hari kalender dari diterima sampai diperiksa pertama kali (diverifikasi atau ditolak), sampai tindak lanjut pertama, dan sampai ditutup; dicatat per jam di bawah dua hari dan per hari di atasnya.',
  def_overdue:
    'Melewati tenggat: laporan terbuka dari periode ini yang tenggat layanannya (flows/service-levels.yaml; bawaannya pemeriksaan 2 hari kerja, tindak lanjut pertama 14, selesai 60) sudah lewat saat ini.',
  def_citizens: 'Warga yang melapor: nomor berbeda yang mengirim laporan pada periode ini.',
} as const;

export type IndicatorTextKey = keyof typeof id;

const en: Record<IndicatorTextKey, string> = {
  indicators: 'Indicators',
  period: 'Period',
  from: 'From',
  to: 'To',
  groupBy: 'By',
  month: 'month',
  quarter: 'quarter',
  show: 'Show',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  thisQuarter: 'This quarter',
  lastQuarter: 'Last quarter',
  thisYear: 'This year',
  lastYear: 'Last year',
  provinces: 'Provinces',
  allProvinces: 'All provinces',
  noProvince: 'No province',
  total: 'Total',
  programmeIndicators: "The programme's indicators",
  indicator_licensing: '(a) Problems in the licensing system identified and followed up through the MSFs',
  indicator_revenue: '(b) Problems in revenue management identified and followed up through the MSFs',
  indicator_environmental: 'Environmental problems identified and followed up through the MSFs',
  identified: 'Identified',
  followedUp: 'Followed up',
  percent: 'Percent',
  funnel: 'From received to resolved',
  received: 'Received',
  validated: 'Validated',
  closedResolved: 'Closed, resolved',
  category: 'Category',
  perPeriod: 'Reports received by category',
  channels: 'Channel',
  byRegency: 'Reports by regency/city',
  regency: 'Regency/city',
  noRegency: 'Not known yet',
  durations: 'Time taken (calendar days)',
  measure: 'Measure',
  reportsCounted: 'Reports',
  median: 'Median',
  p90: '90th percentile',
  time_triage: 'To triage',
  time_followUp: 'To first follow-up',
  time_closure: 'To closure',
  overdue: 'Past their service level, now',
  citizens: 'Citizens who reported',
  duplicates: 'Duplicates',
  rejected: 'Rejected',
  categorySource: 'Who decided the category',
  outcomes: 'Outcomes of closed reports',
  numbers: 'Numbers',
  download: 'Download',
  definitions: 'Definitions',
  noReports: 'No reports in this period.',
  generatedAt: 'Computed',
  publish: 'Public page',
  publishOn: 'Publish',
  publishOff: 'Stop publishing',
  published: 'published at /transparansi',
  notPublished: 'not published',
  publicTitle: 'Transparency: citizens’ complaints about mining',
  publicIntro:
    'Aggregate figures of the citizen reports Suara received and the multi-stakeholder forums’ (MSF) secretariats handled. No report texts, names or numbers. Cells with fewer than 5 reports show as "< 5", as do cells they could be worked out from.',
  publicNone: 'No province publishes its figures yet.',
  stage: 'Stage',
  last12Months: 'The last 12 months',
  def_identified:
    'Identified: a report the secretariat validated as a real problem of that category (status validated, in follow-up or closed). Duplicates count once, through their original; rejected reports do not count.',
  def_followedUp:
    'Followed up through the MSF: an identified report with at least one recorded forum follow-up. Percent = followed up ÷ identified.',
  def_period:
    'Period: a report belongs to the period in which it was received, in its province’s local time (WIB/WITA/WIT). Its stage is counted as it stands now: a July report followed up in October counts as followed up in July’s figures.',
  def_closed:
    'Closed: identified reports whose status is closed, by outcome (resolved, not resolved, referred elsewhere, withdrawn). A reopened report no longer counts as closed.',
  def_received:
    'Received: every report received, duplicates and rejected ones included; simulator reports never count.',
  def_durations:
    'Time taken: calendar days from receipt to first triage (validated or rejected), to the first follow-up and to closure; kept to the hour below two days and to the day beyond.',
  def_overdue:
    'Past the service level: open reports of the period whose service-level deadline (flows/service-levels.yaml; by default triage 2 working days, first follow-up 14, closure 60) has passed now.',
  def_citizens: 'Citizens who reported: distinct numbers that sent a report in the period.',
};

const TEXTS: Record<UiLanguage, Record<IndicatorTextKey, string>> = { id, en };

export type IndicatorTranslate = (key: IndicatorTextKey) => string;

export function indicatorTexts(language: UiLanguage): IndicatorTranslate {
  const texts = TEXTS[language];
  return (key) => texts[key];
}

/** The definitions, in the order documents print them. */
export const DEFINITION_KEYS: readonly IndicatorTextKey[] = [
  'def_identified',
  'def_followedUp',
  'def_received',
  'def_period',
  'def_closed',
  'def_durations',
  'def_overdue',
  'def_citizens',
];
