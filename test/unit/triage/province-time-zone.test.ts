import { describe, expect, it } from 'vitest';
import { provinceTimeZone } from '../../../src/triage/province-time-zone.js';

const WIB = ['11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '31', '32', '33', '34', '35', '36'];
const WITA = ['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76'];
const WIT = ['81', '82', '91', '92', '93', '94', '95', '96'];

describe('provinceTimeZone', () => {
  it.each(WIB.concat('61', '62'))('puts province %s in WIB', (code) => {
    expect(provinceTimeZone(code)).toBe('Asia/Jakarta');
  });

  it.each(WITA)('puts province %s in WITA', (code) => {
    expect(provinceTimeZone(code)).toBe('Asia/Makassar');
  });

  it.each(WIT)('puts province %s in WIT', (code) => {
    expect(provinceTimeZone(code)).toBe('Asia/Jayapura');
  });

  it('reads the province from a regency or village code', () => {
    expect(provinceTimeZone('64.02')).toBe('Asia/Makassar');
    expect(provinceTimeZone('74.71.01.1001')).toBe('Asia/Makassar');
    expect(provinceTimeZone('94.01')).toBe('Asia/Jayapura');
  });

  it('falls back to WIB for a missing or unknown code', () => {
    expect(provinceTimeZone(null)).toBe('Asia/Jakarta');
    expect(provinceTimeZone('')).toBe('Asia/Jakarta');
    expect(provinceTimeZone('99x')).toBe('Asia/Jakarta');
    expect(provinceTimeZone('6')).toBe('Asia/Jakarta');
  });
});
