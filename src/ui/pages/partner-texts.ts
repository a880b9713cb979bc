import type { UiLanguage } from '../../auth/roles.js';

const id = {
  partners: 'Mitra',
  partnersIntro:
    'Organisasi mitra mengambil laporan yang sudah divalidasi melalui API ekspor, dalam cakupannya saja. Kunci API ditampilkan sekali.',
  name: 'Nama',
  contact: 'Kontak',
  scope: 'Cakupan',
  provinces: 'Provinsi',
  categories: 'Kategori',
  statuses: 'Status',
  withText: 'Dengan kata-kata warga (disaring)',
  all: 'semua',
  keys: 'Kunci',
  created: 'Dibuat',
  lastUsed: 'Terakhir dipakai',
  never: 'belum pernah',
  revoked: 'Dicabut',
  active: 'aktif',
  newKey: 'Kunci baru',
  revoke: 'Cabut',
  createPartner: 'Tambah mitra',
  create: 'Tambah',
  provincesHint: 'Kode provinsi dipisah koma, mis. 64,74; kosong = semua',
  categoriesHint: 'mis. licensing,revenue; kosong = semua',
  keyOnce:
    'Kunci API untuk {name}. Salin sekarang: kunci ini tidak akan ditampilkan lagi. Pakai sebagai Authorization: Bearer <kunci>.',
  noPartners: 'Belum ada mitra.',
  checkInput: 'Periksa isian',
  yes: 'ya',
  no: 'tidak',
};

const en: Record<keyof typeof id, string> = {
  partners: 'Partners',
  partnersIntro:
    'Partner organisations take validated reports through the export API, within their scope only. An API key is shown once.',
  name: 'Name',
  contact: 'Contact',
  scope: 'Scope',
  provinces: 'Provinces',
  categories: 'Categories',
  statuses: 'Statuses',
  withText: "With the citizen's words (scrubbed)",
  all: 'all',
  keys: 'Keys',
  created: 'Created',
  lastUsed: 'Last used',
  never: 'never',
  revoked: 'Revoked',
  active: 'active',
  newKey: 'New key',
  revoke: 'Revoke',
  createPartner: 'Add a partner',
  create: 'Add',
  provincesHint: 'Province codes separated by commas, e.g. 64,74; empty = all',
  categoriesHint: 'e.g. licensing,revenue; empty = all',
  keyOnce:
    'API key for {name}. Copy it now: it will not be shown again. Use it as Authorization: Bearer <key>.',
  noPartners: 'No partners yet.',
  checkInput: 'Check the input',
  yes: 'yes',
  no: 'no',
};

export type PartnerTextKey = keyof typeof id;

export function partnerTexts(language: UiLanguage): (key: PartnerTextKey) => string {
  const texts = language === 'id' ? id : en;
  return (key) => texts[key];
}
