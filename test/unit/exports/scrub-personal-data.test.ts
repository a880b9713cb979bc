import { describe, expect, it } from 'vitest';
import {
  EMAIL_PLACEHOLDER,
  NIK_PLACEHOLDER,
  NUMBER_PLACEHOLDER,
  scrubPersonalData,
} from '../../../src/exports/scrub-personal-data.js';
import { seededRandom } from '../../../src/seeded-random.js';

/** A text that must come out exactly as it went in. */
const keep = (text: string): [string, string] => [text, text];

const cases: Array<[string, string]> = [
  // Phone numbers, mobile and landline, in the shapes people type them.
  ['tlg hub sy di 0812-3456-7890 pak', 'tlg hub sy di [nomor] pak'],
  ['WA +62 812 3456 7890', 'WA [nomor]'],
  ['HUB 081234567890 SEGERA', 'HUB [nomor] SEGERA'],
  ['no hp:0812.3456.789,tks', 'no hp:[nomor],tks'],
  ['kontak 62 821 1234 5678 (pak Rudi)', 'kontak [nomor] (pak Rudi)'],
  ['+62 (0)812-3456-7890 atas nama Ani', '[nomor] atas nama Ani'],
  ['(+62)812-3456-7890 sy ketua RT', '[nomor] sy ketua RT'],
  ['dgn 6281234567890,trims', 'dgn [nomor],trims'],
  ['hubungi 0812 - 3456 - 7890 malam aja', 'hubungi [nomor] malam aja'],
  ['hp 0813 1234 567/0852 9876 5432', 'hp [nomor]/[nomor]'],
  ['sy tinggal RT 03 RW 05,hp 085712345678', 'sy tinggal RT 03 RW 05,hp [nomor]'],
  ['nomor sy 812-3456-7890 (tanpa 0)', 'nomor sy [nomor] (tanpa 0)'],
  ['hp081234567890 a.n Wati', 'hp[nomor] a.n Wati'],
  ['WA 0812 3456 7890 M. Yusuf', 'WA [nomor] M. Yusuf'],
  ['hp 0812345678 12 orang sakit', 'hp [nomor] 12 orang sakit'],
  ['kantor desa (0541) 7654321', 'kantor desa [nomor]'],
  ['telp 0541-123456 jam kerja', 'telp [nomor] jam kerja'],
  ['call 021 5551234 pls', 'call [nomor] pls'],
  ['Polsek tel.(0542)123-456', 'Polsek tel.[nomor]'],
  ['chat aja wa.me/6281234567890 ya', 'chat aja [nomor] ya'],
  ['https://wa.me/6285712345678?text=lapor', '[nomor]?text=lapor'],
  [
    'Lapor: tgl 12-03-2025 pk 14.30 WITA, hub 0812 3456 7890',
    'Lapor: tgl 12-03-2025 pk 14.30 WITA, hub [nomor]',
  ],
  ['0812 3456 7890 2024 kejadiannya', '[nomor] 2024 kejadiannya'],
  // E-mail addresses.
  ['email budi.santoso@gmail.com', 'email [email]'],
  ['EMAIL: RUDI_H77@YAHOO.CO.ID', 'EMAIL: [email]'],
  ['cc ke andi@lsm-kaltim.or.id dan 08119876543', 'cc ke [email] dan [nomor]'],
  // NIK (and KK, which has the same shape).
  ['nik sy 6402011203850001', 'nik sy [NIK]'],
  ['NIK: 3201 0123 4567 0001', 'NIK: [NIK]'],
  ['nik 64.02.01.120385.0001 kk 6402010101100003', 'nik [NIK] kk [NIK]'],
  ['KTP 7371-0112-9001-0002 hilang', 'KTP [NIK] hilang'],
  // Bank accounts and other long digit runs.
  ['transfer ke rek 1234567890 a.n. Siti', 'transfer ke rek [nomor] a.n. Siti'],
  ['rek BRI 0123-01-012345-50-1 a.n Joko', 'rek BRI [nomor] a.n Joko'],
  ['BCA 123 456 7890 mandiri 1230012345678', 'BCA [nomor] mandiri [nomor]'],
  ['kirim ke 1234-5678-9012 bank BNI', 'kirim ke [nomor] bank BNI'],
  ['transfer Rp 5.000.000 ke rek 0987654321 bpk Agus', 'transfer Rp 5.000.000 ke rek [nomor] bpk Agus'],
  ['rekening 1234 2019 5678', 'rekening [nomor]'],
  ['uang diminta oknum 500rb,rek 9876543210', 'uang diminta oknum 500rb,rek [nomor]'],
  // What a researcher needs: must survive unchanged.
  keep('tambang ilegal sejak 2019 sampai 2024'),
  keep('TAHUN 2019 2020 2021 2022 TDK ADA REKLAMASI'),
  keep('kejadian tgl 12/03/2025 jam 14.30 WITA'),
  keep('tgl 12-03-2025 14.30 alat berat masuk'),
  keep('pd 05-03-2025 14.30 truk lewat'),
  keep('tgl 2025-03-12 14:30 WITA'),
  keep('bising tiap malam jam 22.00-04.00'),
  keep('ganti rugi cuma Rp 5.000.000 per KK'),
  keep('dijanjikan Rp5jt tp cm dibayar 250.000'),
  keep('kerugian 5 juta,warga minta Rp 1,2 miliar'),
  keep('Rp 1.500.000.000 dana CSR tdk jelas'),
  keep('Rp. 250.000.000,- utk 40 KK'),
  keep('royalti 12.750.000.000 rupiah'),
  keep('kerugian negara 2.500.000.000.000'),
  keep('lahan 150 ha dan 1.200 hektar sawah rusak'),
  keep('luas konsesi 5.000 ha,produksi 1.200.000 ton/thn'),
  keep('jarak ke sungai 3,5 km'),
  keep('izin No. 540/123/DPMPTSP/2021 sdh mati'),
  keep('IUP 188.4/45/2019 milik PT ABC'),
  keep('SK 503/1234/IUP-OP/DPMPTSP/XII/2019'),
  keep('RT 03 RW 05 Desa Makmur'),
  keep('debu naik 80% sejak pukul 06.00 WIB'),
  keep('jalan hauling di KM 12+300 rusak'),
  keep('lubang tambang 3 buah blm ditutup'),
  keep('sdh 3x lapor sejak 2023, 15 KK terdampak'),
  keep('bayar 85000000 ke oknum'),
];

describe('scrubPersonalData — table', () => {
  it('has at least 40 cases, 15 of which survive unchanged', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.filter(([input, expected]) => input === expected).length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)('%s', (input, expected) => {
    expect(scrubPersonalData(input)).toBe(expected);
  });

  it('exports its placeholders', () => {
    expect([NUMBER_PLACEHOLDER, EMAIL_PLACEHOLDER, NIK_PLACEHOLDER]).toEqual(['[nomor]', '[email]', '[NIK]']);
  });

  it('scrubs everything in a text that already holds private-use characters, without keeping anything aside', () => {
    expect(scrubPersonalData('\uE000 Rp 5.000.000 hub 0812-3456-7890')).toBe(
      '\uE000 Rp 5.000.000 hub [nomor]',
    );
  });
});

describe('scrubPersonalData — 1,000 generated mobile numbers', () => {
  const random = seededRandom(20_250_312);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

  const operators = [
    '811',
    '812',
    '813',
    '821',
    '822',
    '823',
    '852',
    '853',
    '857',
    '858',
    '877',
    '878',
    '881',
    '895',
  ];
  const groupings = [
    [3, 4, 4],
    [4, 4, 4],
    [4, 4, 3],
  ];
  const separators = [' ', '.', '-', ''];
  const templates = [
    (p: string) => `tlg hub ${p} pak`,
    (p: string) => `WA sy ${p}`,
    (p: string) => p,
    (p: string) => `no hp:${p},tks`,
    (p: string) => `Lapor tambang ilegal di desa kami. Hubungi ${p}.`,
    (p: string) => `KALAU ADA INFO SMS KE ${p} YA`,
    (p: string) => `sejak 2019 sy lapor, hp ${p} (istri)`,
    (p: string) => `nama Budi RT 03 RW 05 hp${p}`,
    (p: string) => `(${p})`,
    (p: string) => `kontak: ${p}\nterima kasih`,
    (p: string) => `lahan 150 ha dirusak,hub ${p} utk info`,
  ];

  /** A random Indonesian mobile number: +62 / 62 / 08 prefix, one separator, one grouping. */
  function mobileNumber(): string {
    const prefix = pick(['+62', '62', '0']);
    const separator = pick(separators);
    const grouping = pick(groupings);
    const total = grouping.reduce((a, b) => a + b, 0);
    // The grouping covers the digits after +62 / 62, or the whole national number with its 0.
    const national =
      prefix === '0' ? `0${pick(operators)}${digits(total - 4)}` : `${pick(operators)}${digits(total - 3)}`;
    const groups: string[] = [];
    let at = 0;
    for (const size of grouping) {
      groups.push(national.slice(at, at + size));
      at += size;
    }
    const grouped = groups.join(separator);
    return prefix === '0' ? grouped : `${prefix}${pick([separator, ' ', ''])}${grouped}`;
  }

  const samples = Array.from({ length: 1000 }, () => pick(templates)(mobileNumber()));

  it('leaves no run of 7 or more digits and always says [nomor]', () => {
    const failures = samples
      .map((text) => ({ text, out: scrubPersonalData(text) }))
      .filter(({ out }) => /\d{7,}/.test(out.replace(/(?<=\d)[ .-](?=\d)/g, '')) || !out.includes('[nomor]'));
    expect(failures).toEqual([]);
  });

  it('generates the formats it claims to', () => {
    expect(samples.some((s) => s.includes('+62'))).toBe(true);
    expect(samples.some((s) => /(?<![+\d])62\d/.test(s))).toBe(true);
    expect(samples.some((s) => /\b08\d\d[.]/.test(s))).toBe(true);
    expect(samples.some((s) => /\b08\d{9,}/.test(s))).toBe(true);
  });
});
