import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { terminalQr } from '../../../src/channels/whatsapp-web/terminal-qr.js';

describe('terminalQr', () => {
  it('draws the linking code as a QR of the size its data needs, two modules per character row', async () => {
    const text =
      '2@Vq3n1zX5bH0pK9sLmN8rT4uW7yA2cE6gI1oQ5vZ9xB3dF7hJ0kM4,a1b2c3d4e5f6==,g7h8i9j0k1l2==,m3n4o5p6q7r8==';
    const drawn = await terminalQr(text);
    const modules = QRCode.create(text, { errorCorrectionLevel: 'L' }).modules.size;
    const rows = drawn
      .split('\n')
      .filter((line) => line.includes('▄') || line.includes('█') || line.includes('▀'));
    // A quiet zone of one module on each side; each printed row holds two rows of modules.
    expect(rows.length).toBeGreaterThanOrEqual(Math.ceil(modules / 2));
    expect(drawn).toMatch(/[▄▀█]/);
    expect(drawn).not.toContain(text);
  });
});
