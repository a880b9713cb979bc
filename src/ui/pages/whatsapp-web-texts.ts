import type { UiLanguage } from '../../auth/roles.js';

const id = {
  title: 'WhatsApp Web',
  intro:
    'Nomor WhatsApp yang terhubung ke Suara sebagai perangkat tertaut (seperti WhatsApp Web, lewat Baileys). WhatsApp dapat memblokir nomor yang dipakai dengan cara ini; WhatsApp Cloud API adalah pilihan yang tahan lama.',
  statusHeading: 'Status',
  session: 'Sesi',
  link: 'Tautan',
  linkedAs: 'Tertaut sebagai {number}',
  notLinked: 'Belum tertaut',
  loggedOut: 'Dikeluarkan oleh WhatsApp: tautkan lagi',
  connection: 'Koneksi',
  holder: 'Proses pemegang koneksi',
  nobody: 'tidak ada',
  channel: 'Kanal',
  enabled: 'aktif',
  disabled: 'tidak aktif: setel WHATSAPP_WEB_ENABLED=true dan jalankan worker',
  conn_connected: 'terhubung',
  conn_reconnecting: 'menyambung ulang',
  conn_logged_out: 'dikeluarkan',
  conn_refused: 'tautan ditolak WhatsApp',
  conn_replaced: 'digantikan klien lain',
  conn_waiting: 'tertaut, menunggu worker mengambil koneksi',
  conn_none: 'tidak ada proses yang memegang koneksi (apakah worker berjalan?)',
  conn_other: 'lainnya',
  linkHeading: 'Tautkan nomor',
  linkIntro:
    'Siapkan telepon dengan WhatsApp nomor forum. Saat menautkan, tidak ada worker yang boleh memegang koneksi.',
  startQr: 'Tautkan dengan kode QR',
  startPairing: 'Tautkan dengan kode penautan',
  phone: 'Nomor telepon itu (dengan kode negara)',
  phoneHint: 'mis. 6281234567890',
  relink: 'Ganti nomor yang tertaut sekarang (tautan lama berhenti berfungsi)',
  cancel: 'Batalkan',
  reload: 'Muat ulang',
  waitingForQr: 'Menunggu kode QR dari WhatsApp…',
  waitingForPairing: 'Meminta kode penautan dari WhatsApp…',
  holderLinking: '{holder}, untuk penautan ini',
  scanQr:
    'Di telepon: WhatsApp → Setelan → Perangkat tertaut → Tautkan perangkat, lalu pindai kode ini. Kode baru muncul kira-kira setiap 20 detik; halaman ini memperbaruinya sendiri.',
  qrLabel: 'Kode QR untuk menautkan WhatsApp',
  enterPairingCode:
    'Di telepon: WhatsApp → Setelan → Perangkat tertaut → Tautkan perangkat → Tautkan dengan nomor telepon saja, lalu masukkan kode ini.',
  startedBy: 'Dimulai oleh {who} pada {when}',
  linkedOutcome:
    'Berhasil ditautkan sebagai {number}. Worker yang berjalan akan mengambil koneksi dalam beberapa detik.',
  failedOutcome: 'Gagal menautkan: {error}',
  refused_busy: 'Penautan lain sedang berjalan.',
  refused_held:
    'Sebuah proses Suara memegang koneksi ({holder}). Keluarkan perangkat tertaut dari telepon atau hentikan worker, lalu coba lagi.',
  'refused_already-linked': 'Nomor sudah tertaut. Centang “Ganti nomor” untuk menautkan nomor lain.',
  'refused_bad-phone': 'Nomor telepon harus dengan kode negara, mis. 6281234567890.',
  'refused_not-running': 'Tidak ada penautan yang sedang berjalan.',
};

const en: Record<keyof typeof id, string> = {
  title: 'WhatsApp Web',
  intro:
    'The WhatsApp number connected to Suara as a linked device (as WhatsApp Web is, through Baileys). WhatsApp may ban a number used this way; the WhatsApp Cloud API is the durable choice.',
  statusHeading: 'Status',
  session: 'Session',
  link: 'Link',
  linkedAs: 'Linked as {number}',
  notLinked: 'Not linked',
  loggedOut: 'Logged out by WhatsApp: link again',
  connection: 'Connection',
  holder: 'Process holding the connection',
  nobody: 'none',
  channel: 'Channel',
  enabled: 'on',
  disabled: 'off: set WHATSAPP_WEB_ENABLED=true and run the workers',
  conn_connected: 'connected',
  conn_reconnecting: 'reconnecting',
  conn_logged_out: 'logged out',
  conn_refused: 'link refused by WhatsApp',
  conn_replaced: 'replaced by another client',
  conn_waiting: 'linked, waiting for a worker to take the connection',
  conn_none: 'no process holds the connection (are the workers running?)',
  conn_other: 'other',
  linkHeading: 'Link a number',
  linkIntro:
    'Have the phone with the forum’s WhatsApp number at hand. While linking, no worker may hold the connection.',
  startQr: 'Link with a QR code',
  startPairing: 'Link with a pairing code',
  phone: 'That phone’s number (with country code)',
  phoneHint: 'e.g. 6281234567890',
  relink: 'Replace the number linked now (the old link stops working)',
  cancel: 'Cancel',
  reload: 'Reload',
  waitingForQr: 'Waiting for WhatsApp’s QR code…',
  waitingForPairing: 'Asking WhatsApp for a pairing code…',
  holderLinking: '{holder}, for this linking',
  scanQr:
    'On the phone: WhatsApp → Settings → Linked devices → Link a device, then scan this code. A new code comes about every 20 seconds; this page updates itself.',
  qrLabel: 'QR code to link WhatsApp',
  enterPairingCode:
    'On the phone: WhatsApp → Settings → Linked devices → Link a device → Link with phone number instead, then enter this code.',
  startedBy: 'Started by {who} at {when}',
  linkedOutcome: 'Linked as {number}. A running worker takes the connection within a few seconds.',
  failedOutcome: 'Not linked: {error}',
  refused_busy: 'Another linking attempt is running.',
  refused_held:
    'A Suara process holds the connection ({holder}). Unlink the device on the phone or stop the workers, then try again.',
  'refused_already-linked': 'A number is linked already. Tick “Replace the number” to link another one.',
  'refused_bad-phone': 'The phone number needs its country code, e.g. 6281234567890.',
  'refused_not-running': 'No linking attempt is running.',
};

export type WhatsappWebTextKey = keyof typeof id;

export function whatsappWebTexts(language: UiLanguage): (key: WhatsappWebTextKey) => string {
  const texts = language === 'id' ? id : en;
  return (key) => texts[key];
}

/** Whether a key has a text in both languages (the labels test checks every value the page labels). */
export function hasWhatsappWebText(key: string): boolean {
  return Object.hasOwn(id, key) && Object.hasOwn(en, key) && id[key as WhatsappWebTextKey] !== '';
}
