import QRCode from 'qrcode';
import { html, type SafeHtml } from './html.js';

/**
 * A QR code as inline SVG (no image request, nothing for the CSP to allow). The `qrcode` package draws it;
 * its two paths are taken apart and put back through `html`, so nothing it returns reaches the page unescaped.
 */
export async function qrCodeSvg(text: string, label: string): Promise<SafeHtml> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 });
  const viewBox = /viewBox="([\d ]+)"/.exec(svg)?.[1] ?? '';
  const background = /<path fill="[^"]*" d="([^"]*)"/.exec(svg)?.[1] ?? '';
  const modules = /<path stroke="[^"]*" d="([^"]*)"/.exec(svg)?.[1] ?? '';
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="${viewBox}" shape-rendering="crispEdges" role="img" aria-label="${label}"><path fill="#ffffff" d="${background}"/><path stroke="#000000" d="${modules}"/></svg>`;
}
