import QRCode from 'qrcode';

/**
 * The QR code WhatsApp offers for linking, drawn for a terminal (half-height blocks on a white
 * background, so it scans on dark and light themes alike).
 */
export function terminalQr(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
}
