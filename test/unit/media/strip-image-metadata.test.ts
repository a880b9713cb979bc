import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readGps, stripImageMetadata } from '../../../src/media/strip-image-metadata.js';

const base = () => sharp({ create: { width: 40, height: 20, channels: 3, background: '#884422' } });

describe('stripping a photo’s metadata', () => {
  it('reads the GPS position, then drops every EXIF field', async () => {
    const photo = await base()
      .jpeg()
      .withExif({
        IFD0: { Make: 'PhoneMaker', Model: 'X1' },
        IFD3: {
          GPSLatitudeRef: 'S',
          GPSLatitude: '3/1 58/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '122/1 30/1 0/1',
        },
      })
      .toBuffer();
    const result = await stripImageMetadata(photo);
    if (!result.ok) throw new Error(result.error);
    expect(result.contentType).toBe('image/jpeg');
    expect(result.gps?.latitude).toBeCloseTo(-3.9667, 3);
    expect(result.gps?.longitude).toBeCloseTo(122.5, 3);
    expect((await sharp(result.bytes).metadata()).exif).toBeUndefined();
    expect(await exifr.parse(result.bytes)).toBeUndefined();
    expect(result.bytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
  });

  it('applies the orientation to the pixels before dropping it', async () => {
    const rotated = await base().jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(rotated).metadata()).orientation).toBe(6);
    const result = await stripImageMetadata(rotated);
    if (!result.ok) throw new Error(result.error);
    const meta = await sharp(result.bytes).metadata();
    expect(meta.orientation).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([20, 40]);
    expect(result.gps).toBeNull();
  });

  it('keeps PNG as PNG, and refuses SVG and what is not an image', async () => {
    const png = await stripImageMetadata(await base().png().toBuffer());
    expect(png).toMatchObject({ ok: true, contentType: 'image/png' });
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><script>alert(1)</script></svg>',
    );
    expect(await stripImageMetadata(svg)).toMatchObject({ ok: false });
    expect(await stripImageMetadata(Buffer.from('MZ not an image'))).toMatchObject({ ok: false });
  });

  it('ignores a 0,0 position (no fix) and photos without EXIF', async () => {
    const nofix = await base()
      .jpeg()
      .withExif({
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '0/1 0/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '0/1 0/1 0/1',
        },
      })
      .toBuffer();
    expect(await readGps(nofix)).toBeNull();
    expect(await readGps(await base().jpeg().toBuffer())).toBeNull();
  });
});
