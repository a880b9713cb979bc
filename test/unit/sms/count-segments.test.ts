import { describe, expect, it } from 'vitest';
import { countSegments } from '../../../src/sms/count-segments.js';

describe('countSegments — GSM-7', () => {
  it('counts an empty text as nothing to send', () => {
    expect(countSegments('')).toEqual({
      encoding: 'GSM-7',
      units: 0,
      segments: 0,
      perSegment: 160,
      nonGsmChars: [],
    });
  });

  it('fits 160 septets in one segment and splits at 161', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({
      encoding: 'GSM-7',
      units: 160,
      segments: 1,
      perSegment: 160,
    });
    expect(countSegments('a'.repeat(161))).toMatchObject({ units: 161, segments: 2, perSegment: 153 });
  });

  it('fits 153 × 2 septets in two segments and needs a third at 307', () => {
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
    expect(countSegments('a'.repeat(459)).segments).toBe(3);
    expect(countSegments('a'.repeat(460)).segments).toBe(4);
  });

  it('counts extension characters double', () => {
    expect(countSegments('{}[]~^|\\€\f')).toMatchObject({ encoding: 'GSM-7', units: 20, segments: 1 });
    expect(countSegments(`${'a'.repeat(158)}€`)).toMatchObject({ units: 160, segments: 1 });
    expect(countSegments(`${'a'.repeat(159)}€`)).toMatchObject({ units: 161, segments: 2 });
  });

  it('moves an escape pair that would straddle a segment boundary into the next segment', () => {
    // 152 + 2 = 154 > 153: the € goes whole into part 2, which then holds 2 + 151 = 153.
    expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(151)}`)).toMatchObject({ units: 305, segments: 2 });
    // One more septet: 305 + 1 would fit 2 × 153 = 306 if the pair could be split, but it cannot.
    expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ units: 306, segments: 3 });
    // Without an escape at the boundary, 306 septets fit in two.
    expect(countSegments(`${'a'.repeat(151)}€${'a'.repeat(153)}`)).toMatchObject({ units: 306, segments: 2 });
  });

  it('keeps the GSM letters that look foreign in GSM-7', () => {
    const r = countSegments('Müller à Århus, £5 @ 10:00 ñ é Ç ß ΔΩ ¿¡ §');
    expect(r.encoding).toBe('GSM-7');
    expect(r.nonGsmChars).toEqual([]);
  });

  it('treats line breaks as single septets and form feed as an extension character', () => {
    expect(countSegments('a\nb\r\n').units).toBe(5);
    expect(countSegments('\f').units).toBe(2);
  });
});

describe('countSegments — UCS-2', () => {
  it('switches to UCS-2 for a curly quote and lists it', () => {
    const r = countSegments('Kode Anda: “K7QM4T”');
    expect(r).toMatchObject({ encoding: 'UCS-2', units: 19, segments: 1, perSegment: 70 });
    expect(r.nonGsmChars).toEqual(['“', '”']);
  });

  it('fits 70 code units in one segment and splits at 71', () => {
    expect(countSegments(`’${'a'.repeat(69)}`)).toMatchObject({ units: 70, segments: 1, perSegment: 70 });
    expect(countSegments(`’${'a'.repeat(70)}`)).toMatchObject({ units: 71, segments: 2, perSegment: 67 });
    expect(countSegments(`’${'a'.repeat(133)}`)).toMatchObject({ units: 134, segments: 2 });
    expect(countSegments(`’${'a'.repeat(134)}`)).toMatchObject({ units: 135, segments: 3 });
  });

  it('counts an emoji as two code units and lists it once', () => {
    const r = countSegments('Terima kasih 🙏🙏');
    expect(r).toMatchObject({ encoding: 'UCS-2', units: 17, segments: 1 });
    expect(r.nonGsmChars).toEqual(['🙏']);
  });

  it('never splits a surrogate pair across segments', () => {
    // 66 units then an emoji: 66 + 2 > 67, so the emoji opens part 2.
    expect(countSegments(`${'a'.repeat(66)}😀${'a'.repeat(65)}`)).toMatchObject({ units: 133, segments: 2 });
    expect(countSegments(`${'a'.repeat(66)}😀${'a'.repeat(66)}`)).toMatchObject({ units: 134, segments: 3 });
    expect(countSegments(`${'a'.repeat(65)}😀${'a'.repeat(67)}`)).toMatchObject({ units: 134, segments: 2 });
  });

  it('counts extension characters once in UCS-2', () => {
    expect(countSegments('€{}✓')).toMatchObject({ encoding: 'UCS-2', units: 4 });
  });

  it('flags accented letters outside the GSM alphabet', () => {
    expect(countSegments('Kecamatan Bontoá, café, ç').nonGsmChars).toEqual(['á', 'ç']);
    expect(countSegments('naïve – done…').nonGsmChars).toEqual(['ï', '–', '…']);
  });
});
