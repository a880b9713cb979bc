import { beforeAll, describe, expect, it } from 'vitest';
import { createFeaturizer } from '../../../src/classifier/create-featurizer.js';
import { readKnowledge } from '../../../src/classifier/read-classifier-files.js';

let words: (text: string) => string[];

beforeAll(async () => {
  const featurize = createFeaturizer(await readKnowledge());
  words = (text) => featurize(text).normalized.tokens;
});

describe('normalization of Indonesian SMS', () => {
  it('folds case and strips punctuation, emoji and URLs', () => {
    expect(words('DEBU!!! tiap hari 😷😷 lihat https://contoh.id/foto?id=1')).toEqual([
      'debu',
      'tiap',
      'hari',
      'lihat',
    ]);
  });

  it('drops phone numbers, also masked ones', () => {
    expect(words('hub 0812-xxxx-xxxx skrg')).toEqual(['hub', 'sekarang']);
  });

  it('expands common abbreviations', () => {
    expect(words('yg tdk gk ga sdh udh blm krn dgn utk tlg mhn sy kmi bpk tmbg ijin sunge')).toEqual([
      'yang',
      'tidak',
      'tidak',
      'tidak',
      'sudah',
      'sudah',
      'belum',
      'karena',
      'dengan',
      'untuk',
      'tolong',
      'mohon',
      'saya',
      'kami',
      'bapak',
      'tambang',
      'izin',
      'sungai',
    ]);
  });

  it('collapses repeated letters before looking words up', () => {
    expect(words('tolonggg sungaiii keruhhh')).toEqual(['tolong', 'sungai', 'keruh']);
  });

  it('reads number-letter mixes', () => {
    expect(words('gr2 tambang')).toEqual(['karena', 'tambang']);
    expect(words('sdh 2x banjir')).toEqual(['sudah', 'dua', 'kali', 'banjir']);
    expect(words('anak2 gatal2 surat2nya')).toEqual(['anak', 'gatal', 'surat']);
    expect(words('bayar 50rb')).toEqual(['bayar', 'nominal']);
  });

  it('maps Acehnese, Banjar and Kendari words to Indonesian', () => {
    expect(words('krueng di gampong kamoe')).toEqual(['sungai', 'di', 'desa', 'kami']);
    expect(words('banyu kada kawa dipakai')).toEqual(['air', 'tidak', 'bisa', 'pakai']);
    expect(words('kodong laut sudah mi merah')).toEqual(['kasihan', 'laut', 'sudah', 'merah']);
  });

  it('stems affixed words to the roots the keywords use', () => {
    expect(words('tercemar dicemari mencemari')).toEqual(['cemar', 'cemar', 'cemar']);
    expect(words('penambangan menambang nambang pertambangan')).toEqual([
      'tambang',
      'tambang',
      'tambang',
      'tambang',
    ]);
    expect(words('berizin izinnya')).toEqual(['izin', 'izin']);
  });

  it('does not over-stem words whose root is unknown', () => {
    expect(words('negara sekolah')).toEqual(['negara', 'sekolah']);
  });

  it('reads "izin bertanya" and "izin pak," as courtesy, "izin tambang" as a permit', () => {
    expect(words('izin bertanya pak')).toEqual(['permisi', 'tanya', 'bapak']);
    expect(words('sekarang perusahaan')).toEqual(['sekarang', 'perusahaan']);
    expect(words('izin pak, sy mau lapor')).toEqual(['permisi', 'bapak', 'saya', 'mau', 'lapor']);
    expect(words('izin tambang ini')).toEqual(['izin', 'tambang', 'ini']);
  });

  it('drops place names and company names so they cannot sway the category', () => {
    expect(words('sungai Mahakam di Kukar keruh')).toEqual(['sungai', 'di', 'keruh']);
    expect(words('PT Sungai Hitam Makmur tdk siram jalan')).toEqual([
      'perusahaan',
      'tidak',
      'siram',
      'jalan',
    ]);
    expect(words('debu di Loa Buah Samarinda')).toEqual(['debu', 'di']);
  });

  it('keeps capitalised words at the start of a sentence and in all-caps messages', () => {
    expect(words('Debu masuk rumah. Sungai keruh')).toEqual(['debu', 'masuk', 'rumah', 'sungai', 'keruh']);
    expect(words('TLG CEK SUNGAI')).toEqual(['tolong', 'cek', 'sungai']);
  });
});
